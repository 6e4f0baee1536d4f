CREATE TABLE `feedback_categories` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(100) NOT NULL,
	`description` varchar(500) NOT NULL DEFAULT '',
	`sort_order` smallint NOT NULL DEFAULT 0,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `feedback_categories_id` PRIMARY KEY(`id`),
	CONSTRAINT `feedback_categories_name_unique` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE `feedback_comments` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`item_id` int unsigned NOT NULL,
	`author_user_id` int unsigned,
	`author_staff_id` int unsigned,
	`body` text NOT NULL,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `feedback_comments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `feedback_email_opt_outs` (
	`user_id` int unsigned NOT NULL,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `feedback_email_opt_outs_user_id` PRIMARY KEY(`user_id`)
);
--> statement-breakpoint
CREATE TABLE `feedback_items` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`kind` enum('idea','suggestion') NOT NULL DEFAULT 'idea',
	`title` varchar(200) NOT NULL,
	`description` text NOT NULL,
	`category_id` int unsigned,
	`author_user_id` int unsigned,
	`status` enum('new','under_review','planned','in_progress','done','declined') NOT NULL DEFAULT 'new',
	`visibility` enum('pending','visible','hidden') NOT NULL DEFAULT 'visible',
	`status_note` text,
	`status_changed_at` timestamp,
	`merged_into_id` int unsigned,
	`vote_count` int unsigned NOT NULL DEFAULT 0,
	`comment_count` int unsigned NOT NULL DEFAULT 0,
	`ticket_id` int unsigned,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	`updated_at` timestamp NOT NULL DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `feedback_items_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `feedback_votes` (
	`item_id` int unsigned NOT NULL,
	`user_id` int unsigned NOT NULL,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `feedback_votes_item_id_user_id_pk` PRIMARY KEY(`item_id`,`user_id`)
);
--> statement-breakpoint
ALTER TABLE `email_templates` MODIFY COLUMN `event` enum('new_ticket_customer','staff_reply','autoresponse','new_ticket_staff','customer_reply_staff','assignment','password_reset','invitation','ticket_link','email_change','feedback_status') NOT NULL;--> statement-breakpoint
ALTER TABLE `feedback_comments` ADD CONSTRAINT `feedback_comments_item_id_feedback_items_id_fk` FOREIGN KEY (`item_id`) REFERENCES `feedback_items`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `feedback_comments` ADD CONSTRAINT `feedback_comments_author_user_id_users_id_fk` FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `feedback_comments` ADD CONSTRAINT `feedback_comments_author_staff_id_staff_id_fk` FOREIGN KEY (`author_staff_id`) REFERENCES `staff`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `feedback_email_opt_outs` ADD CONSTRAINT `feedback_email_opt_outs_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `feedback_items` ADD CONSTRAINT `feedback_items_category_id_feedback_categories_id_fk` FOREIGN KEY (`category_id`) REFERENCES `feedback_categories`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `feedback_items` ADD CONSTRAINT `feedback_items_author_user_id_users_id_fk` FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `feedback_items` ADD CONSTRAINT `feedback_items_merged_into_id_feedback_items_id_fk` FOREIGN KEY (`merged_into_id`) REFERENCES `feedback_items`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `feedback_items` ADD CONSTRAINT `feedback_items_ticket_id_tickets_id_fk` FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `feedback_votes` ADD CONSTRAINT `feedback_votes_item_id_feedback_items_id_fk` FOREIGN KEY (`item_id`) REFERENCES `feedback_items`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `feedback_votes` ADD CONSTRAINT `feedback_votes_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `feedback_comments_item_idx` ON `feedback_comments` (`item_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `feedback_items_latest_idx` ON `feedback_items` (`visibility`,`created_at`);--> statement-breakpoint
CREATE INDEX `feedback_items_top_idx` ON `feedback_items` (`visibility`,`vote_count`);--> statement-breakpoint
CREATE INDEX `feedback_items_status_idx` ON `feedback_items` (`status`,`visibility`);--> statement-breakpoint
CREATE INDEX `feedback_items_category_idx` ON `feedback_items` (`category_id`);--> statement-breakpoint
CREATE INDEX `feedback_items_author_idx` ON `feedback_items` (`author_user_id`);--> statement-breakpoint
CREATE INDEX `feedback_items_merged_idx` ON `feedback_items` (`merged_into_id`);--> statement-breakpoint
CREATE INDEX `feedback_votes_user_idx` ON `feedback_votes` (`user_id`);--> statement-breakpoint
-- Feedback search reads titles and descriptions (drizzle-kit cannot declare FULLTEXT).
ALTER TABLE `feedback_items` ADD FULLTEXT INDEX `feedback_items_ft` (`title`, `description`);
