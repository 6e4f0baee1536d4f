CREATE TABLE `ticket_search` (
	`ticket_id` int unsigned NOT NULL,
	`message_id` int unsigned NOT NULL,
	`terms` mediumtext NOT NULL,
	CONSTRAINT `ticket_search_ticket_id_message_id_pk` PRIMARY KEY(`ticket_id`,`message_id`)
);
--> statement-breakpoint
ALTER TABLE `ticket_search` ADD CONSTRAINT `ticket_search_ticket_id_tickets_id_fk` FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Department-scoped keyword search (lib/tickets/search.ts): the subject (message 0) and each message
-- of a ticket with every word of 3+ letters or digits written d<department id>x<word>, so that a
-- search reads only the postings of the departments searched. Filled from the existing rows, then
-- kept in step by triggers on every write, whichever door made it. A bulk loader may set
-- @helpdeck_bulk_load = 1 to skip them and call rebuildTicketSearch() afterwards.
-- The pattern and replacement below are SEARCH_WORD_PATTERN and termsSql in lib/tickets/search.ts.
-- Apply with writers stopped, as every migration. At 1M tickets and 5M messages the fill and the
-- FULLTEXT build take minutes (one sorted build, not row by row).
INSERT INTO `ticket_search` (`ticket_id`, `message_id`, `terms`)
SELECT t.`id`, 0, REGEXP_REPLACE(t.`subject`, '[\\p{L}\\p{N}]{3,}', CONCAT('d', t.`department_id`, 'x\\0')) FROM `tickets` t;
--> statement-breakpoint
INSERT INTO `ticket_search` (`ticket_id`, `message_id`, `terms`)
SELECT m.`ticket_id`, m.`id`, REGEXP_REPLACE(m.`body`, '[\\p{L}\\p{N}]{3,}', CONCAT('d', t.`department_id`, 'x\\0'))
FROM `messages` m JOIN `tickets` t ON t.`id` = m.`ticket_id`;
--> statement-breakpoint
ALTER TABLE `ticket_search` ADD FULLTEXT INDEX `ticket_search_terms_ft` (`terms`);
--> statement-breakpoint
CREATE TRIGGER `ticket_search_ticket_insert` AFTER INSERT ON `tickets` FOR EACH ROW
BEGIN
IF @helpdeck_bulk_load IS NULL THEN
  REPLACE INTO `ticket_search` (`ticket_id`, `message_id`, `terms`)
  VALUES (NEW.`id`, 0, REGEXP_REPLACE(NEW.`subject`, '[\\p{L}\\p{N}]{3,}', CONCAT('d', NEW.`department_id`, 'x\\0')));
  -- Messages stored before their ticket (an import with foreign key checks off).
  REPLACE INTO `ticket_search` (`ticket_id`, `message_id`, `terms`)
  SELECT m.`ticket_id`, m.`id`, REGEXP_REPLACE(m.`body`, '[\\p{L}\\p{N}]{3,}', CONCAT('d', NEW.`department_id`, 'x\\0'))
  FROM `messages` m WHERE m.`ticket_id` = NEW.`id`;
END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `ticket_search_ticket_update` AFTER UPDATE ON `tickets` FOR EACH ROW
BEGIN
IF @helpdeck_bulk_load IS NULL THEN
  IF NEW.`department_id` <> OLD.`department_id` THEN
    -- A transfer rewrites every document of the ticket for its new department.
    DELETE FROM `ticket_search` WHERE `ticket_id` = NEW.`id`;
    REPLACE INTO `ticket_search` (`ticket_id`, `message_id`, `terms`)
    VALUES (NEW.`id`, 0, REGEXP_REPLACE(NEW.`subject`, '[\\p{L}\\p{N}]{3,}', CONCAT('d', NEW.`department_id`, 'x\\0')));
    REPLACE INTO `ticket_search` (`ticket_id`, `message_id`, `terms`)
    SELECT m.`ticket_id`, m.`id`, REGEXP_REPLACE(m.`body`, '[\\p{L}\\p{N}]{3,}', CONCAT('d', NEW.`department_id`, 'x\\0'))
    FROM `messages` m WHERE m.`ticket_id` = NEW.`id`;
  ELSEIF NOT (NEW.`subject` <=> OLD.`subject`) THEN
    REPLACE INTO `ticket_search` (`ticket_id`, `message_id`, `terms`)
    VALUES (NEW.`id`, 0, REGEXP_REPLACE(NEW.`subject`, '[\\p{L}\\p{N}]{3,}', CONCAT('d', NEW.`department_id`, 'x\\0')));
  END IF;
END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `ticket_search_message_insert` AFTER INSERT ON `messages` FOR EACH ROW
BEGIN
IF @helpdeck_bulk_load IS NULL THEN
  REPLACE INTO `ticket_search` (`ticket_id`, `message_id`, `terms`)
  SELECT NEW.`ticket_id`, NEW.`id`, REGEXP_REPLACE(NEW.`body`, '[\\p{L}\\p{N}]{3,}', CONCAT('d', t.`department_id`, 'x\\0'))
  FROM `tickets` t WHERE t.`id` = NEW.`ticket_id`;
END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `ticket_search_message_update` AFTER UPDATE ON `messages` FOR EACH ROW
BEGIN
IF @helpdeck_bulk_load IS NULL AND (NEW.`ticket_id` <> OLD.`ticket_id` OR NOT (NEW.`body` <=> OLD.`body`)) THEN
  -- An edit, or a merge moving the message to another ticket (and maybe department).
  DELETE FROM `ticket_search` WHERE `ticket_id` = OLD.`ticket_id` AND `message_id` = OLD.`id`;
  REPLACE INTO `ticket_search` (`ticket_id`, `message_id`, `terms`)
  SELECT NEW.`ticket_id`, NEW.`id`, REGEXP_REPLACE(NEW.`body`, '[\\p{L}\\p{N}]{3,}', CONCAT('d', t.`department_id`, 'x\\0'))
  FROM `tickets` t WHERE t.`id` = NEW.`ticket_id`;
END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `ticket_search_message_delete` AFTER DELETE ON `messages` FOR EACH ROW
BEGIN
DELETE FROM `ticket_search` WHERE `ticket_id` = OLD.`ticket_id` AND `message_id` = OLD.`id`;
END;
