CREATE TABLE `ticket_viewers` (
	`ticket_id` int unsigned NOT NULL,
	`staff_id` int unsigned NOT NULL,
	`seen_at` datetime NOT NULL,
	CONSTRAINT `ticket_viewers_ticket_id_staff_id_pk` PRIMARY KEY(`ticket_id`,`staff_id`)
);
--> statement-breakpoint
ALTER TABLE `ticket_viewers` ADD CONSTRAINT `ticket_viewers_ticket_id_tickets_id_fk` FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `ticket_viewers` ADD CONSTRAINT `ticket_viewers_staff_id_staff_id_fk` FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON DELETE cascade ON UPDATE no action;