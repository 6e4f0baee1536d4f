-- Queue indexes (lib/tickets/queue.ts). One statement: the assignee foreign key needs an index on
-- assigned_staff_id at every moment, so the old one is dropped in the same ALTER that adds the new one.
ALTER TABLE `tickets`
	DROP INDEX `tickets_assignee_idx`,
	ADD INDEX `tickets_assignee_idx` (`assigned_staff_id`,`status`,`department_id`,`last_update_at`),
	ADD INDEX `tickets_subject_idx` (`status`,`department_id`,`subject`);
