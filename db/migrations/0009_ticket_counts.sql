CREATE TABLE `ticket_counts` (
	`department_id` int unsigned NOT NULL,
	`status` tinyint unsigned NOT NULL,
	`slot` tinyint unsigned NOT NULL,
	`tickets` int NOT NULL DEFAULT 0,
	CONSTRAINT `ticket_counts_department_id_status_slot_pk` PRIMARY KEY(`department_id`,`status`,`slot`)
);
--> statement-breakpoint
CREATE TABLE `ticket_id_blocks` (
	`block` int unsigned NOT NULL,
	`slot` tinyint unsigned NOT NULL,
	`tickets` int NOT NULL DEFAULT 0,
	CONSTRAINT `ticket_id_blocks_block_slot_pk` PRIMARY KEY(`block`,`slot`)
);

--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model triggers). Apply with writers stopped, as every
-- migration: a ticket written between the backfill and the triggers would not be counted.
-- Backfill from the tickets already there.
INSERT INTO `ticket_counts` (`department_id`, `status`, `slot`, `tickets`)
SELECT `department_id`, `status`, 0, COUNT(*) FROM `tickets` GROUP BY `department_id`, `status`;
--> statement-breakpoint
INSERT INTO `ticket_id_blocks` (`block`, `slot`, `tickets`)
SELECT `id` DIV 4096, 0, COUNT(*) FROM `tickets` GROUP BY `id` DIV 4096;
--> statement-breakpoint
-- The triggers keep both tables right for every writer, in the writer's transaction. Each connection
-- writes its own slot (CONNECTION_ID() % 8) so that concurrent changes do not queue on one row; rows
-- of one statement are listed in key order, ticket_counts before ticket_id_blocks, so that two
-- transactions never hold each other's next row.
CREATE TRIGGER `tickets_counts_insert` AFTER INSERT ON `tickets` FOR EACH ROW
BEGIN
  INSERT INTO `ticket_counts` (`department_id`, `status`, `slot`, `tickets`)
  VALUES (NEW.`department_id`, NEW.`status`, CONNECTION_ID() % 8, 1)
  ON DUPLICATE KEY UPDATE `tickets` = `tickets` + 1;
  INSERT INTO `ticket_id_blocks` (`block`, `slot`, `tickets`)
  VALUES (NEW.`id` DIV 4096, CONNECTION_ID() % 8, 1)
  ON DUPLICATE KEY UPDATE `tickets` = `tickets` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_counts_update` AFTER UPDATE ON `tickets` FOR EACH ROW
BEGIN
  IF NEW.`department_id` <> OLD.`department_id` OR NEW.`status` <> OLD.`status` THEN
    IF (OLD.`department_id`, OLD.`status`) < (NEW.`department_id`, NEW.`status`) THEN
      INSERT INTO `ticket_counts` (`department_id`, `status`, `slot`, `tickets`)
      VALUES (OLD.`department_id`, OLD.`status`, CONNECTION_ID() % 8, -1), (NEW.`department_id`, NEW.`status`, CONNECTION_ID() % 8, 1)
      ON DUPLICATE KEY UPDATE `tickets` = `tickets` + VALUES(`tickets`);
    ELSE
      INSERT INTO `ticket_counts` (`department_id`, `status`, `slot`, `tickets`)
      VALUES (NEW.`department_id`, NEW.`status`, CONNECTION_ID() % 8, 1), (OLD.`department_id`, OLD.`status`, CONNECTION_ID() % 8, -1)
      ON DUPLICATE KEY UPDATE `tickets` = `tickets` + VALUES(`tickets`);
    END IF;
  END IF;
  IF NEW.`id` DIV 4096 <> OLD.`id` DIV 4096 THEN
    IF OLD.`id` < NEW.`id` THEN
      INSERT INTO `ticket_id_blocks` (`block`, `slot`, `tickets`)
      VALUES (OLD.`id` DIV 4096, CONNECTION_ID() % 8, -1), (NEW.`id` DIV 4096, CONNECTION_ID() % 8, 1)
      ON DUPLICATE KEY UPDATE `tickets` = `tickets` + VALUES(`tickets`);
    ELSE
      INSERT INTO `ticket_id_blocks` (`block`, `slot`, `tickets`)
      VALUES (NEW.`id` DIV 4096, CONNECTION_ID() % 8, 1), (OLD.`id` DIV 4096, CONNECTION_ID() % 8, -1)
      ON DUPLICATE KEY UPDATE `tickets` = `tickets` + VALUES(`tickets`);
    END IF;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_counts_delete` AFTER DELETE ON `tickets` FOR EACH ROW
BEGIN
  INSERT INTO `ticket_counts` (`department_id`, `status`, `slot`, `tickets`)
  VALUES (OLD.`department_id`, OLD.`status`, CONNECTION_ID() % 8, -1)
  ON DUPLICATE KEY UPDATE `tickets` = `tickets` - 1;
  INSERT INTO `ticket_id_blocks` (`block`, `slot`, `tickets`)
  VALUES (OLD.`id` DIV 4096, CONNECTION_ID() % 8, -1)
  ON DUPLICATE KEY UPDATE `tickets` = `tickets` - 1;
END;
