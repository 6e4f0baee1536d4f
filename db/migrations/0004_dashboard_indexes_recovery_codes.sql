CREATE TABLE `staff_recovery_codes` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`staff_id` int unsigned NOT NULL,
	`code_hash` varchar(64) NOT NULL,
	`used_at` datetime,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `staff_recovery_codes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `staff_recovery_codes` ADD CONSTRAINT `staff_recovery_codes_staff_id_staff_id_fk` FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `staff_recovery_codes_staff_idx` ON `staff_recovery_codes` (`staff_id`,`code_hash`);--> statement-breakpoint
CREATE INDEX `tickets_created_idx` ON `tickets` (`created_at`,`department_id`,`assigned_staff_id`,`first_response_at`);--> statement-breakpoint
CREATE INDEX `tickets_closed_idx` ON `tickets` (`closed_at`,`department_id`,`assigned_staff_id`,`created_at`);