-- A new ticket's search row no longer looks for messages stored before the ticket. That read ran inside
-- the INSERT's trigger, so InnoDB took a shared gap lock at the end of messages_ticket_idx; every ticket
-- being created at the same moment held one, and each one's first message then waited for the others':
-- concurrent ticket creation deadlocked. Messages always follow their ticket (the HelpDeskZ import writes
-- tickets in an earlier phase than messages; bulk loaders use @helpdeck_bulk_load and rebuild).
DROP TRIGGER IF EXISTS `ticket_search_ticket_insert`;
--> statement-breakpoint
CREATE TRIGGER `ticket_search_ticket_insert` AFTER INSERT ON `tickets` FOR EACH ROW
BEGIN
IF @helpdeck_bulk_load IS NULL THEN
  REPLACE INTO `ticket_search` (`ticket_id`, `message_id`, `terms`)
  VALUES (NEW.`id`, 0, REGEXP_REPLACE(NEW.`subject`, '[\\p{L}\\p{N}]{3,}', CONCAT('d', NEW.`department_id`, 'x\\0')));
END IF;
END;
