-- Every keyword search now reads the department-scoped index (ticket_search, migration 0010), an admin's
-- too (lib/tickets/queue.ts). The help-desk-wide FULLTEXT indexes on subjects and message bodies had no
-- reader left, and each message written paid for tokenizing its body into them.
ALTER TABLE `tickets` DROP INDEX `tickets_subject_ft`;
--> statement-breakpoint
ALTER TABLE `messages` DROP INDEX `messages_body_ft`;
