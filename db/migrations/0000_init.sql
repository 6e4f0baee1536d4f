CREATE TABLE `departments` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(200) NOT NULL,
	`is_private` boolean NOT NULL DEFAULT false,
	`sort_order` smallint NOT NULL DEFAULT 0,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `departments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`username` varchar(100) NOT NULL,
	`fullname` varchar(200) NOT NULL,
	`email` varchar(254) NOT NULL,
	`password_hash` varchar(255) NOT NULL,
	`role` enum('admin','agent') NOT NULL DEFAULT 'agent',
	`active` boolean NOT NULL DEFAULT true,
	`signature` text,
	`timezone` varchar(64),
	`two_factor_secret` varchar(255),
	`last_login_at` datetime,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	`updated_at` timestamp NOT NULL DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `staff_id` PRIMARY KEY(`id`),
	CONSTRAINT `staff_username_unique` UNIQUE(`username`),
	CONSTRAINT `staff_email_unique` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE TABLE `staff_departments` (
	`staff_id` int unsigned NOT NULL,
	`department_id` int unsigned NOT NULL,
	CONSTRAINT `staff_departments_staff_id_department_id_pk` PRIMARY KEY(`staff_id`,`department_id`)
);
--> statement-breakpoint
CREATE TABLE `organization_domains` (
	`domain` varchar(253) NOT NULL,
	`organization_id` int unsigned NOT NULL,
	CONSTRAINT `organization_domains_domain` PRIMARY KEY(`domain`)
);
--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(200) NOT NULL,
	`shares_tickets` boolean NOT NULL DEFAULT false,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `organizations_id` PRIMARY KEY(`id`),
	CONSTRAINT `organizations_name_unique` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`fullname` varchar(200) NOT NULL,
	`email` varchar(254) NOT NULL,
	`password_hash` varchar(255),
	`organization_id` int unsigned,
	`timezone` varchar(64),
	`blocked` boolean NOT NULL DEFAULT false,
	`last_login_at` datetime,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	`updated_at` timestamp NOT NULL DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `users_email_unique` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`ticket_id` int unsigned NOT NULL,
	`message_id` int unsigned,
	`filename` varchar(255) NOT NULL,
	`content_type` varchar(127) NOT NULL,
	`size` int unsigned NOT NULL,
	`storage_key` varchar(255) NOT NULL,
	`sha256` varchar(64) NOT NULL,
	`content_id` varchar(255),
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `attachments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `canned_responses` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`title` varchar(200) NOT NULL,
	`body` text NOT NULL,
	`staff_id` int unsigned,
	`sort_order` smallint NOT NULL DEFAULT 0,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `canned_responses_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `custom_field_departments` (
	`field_id` int unsigned NOT NULL,
	`department_id` int unsigned NOT NULL,
	CONSTRAINT `custom_field_departments_field_id_department_id_pk` PRIMARY KEY(`field_id`,`department_id`)
);
--> statement-breakpoint
CREATE TABLE `custom_fields` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`type` enum('text','textarea','checkbox','radio','select','date','email') NOT NULL,
	`title` varchar(200) NOT NULL,
	`description` text,
	`required` boolean NOT NULL DEFAULT false,
	`options` json,
	`all_departments` boolean NOT NULL DEFAULT true,
	`sort_order` smallint NOT NULL DEFAULT 0,
	CONSTRAINT `custom_fields_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`ticket_id` int unsigned NOT NULL,
	`author_type` enum('user','staff','system') NOT NULL,
	`user_id` int unsigned,
	`staff_id` int unsigned,
	`is_note` boolean NOT NULL DEFAULT false,
	`body` mediumtext NOT NULL,
	`body_format` enum('text','html') NOT NULL DEFAULT 'text',
	`ip` varchar(45),
	`email_message_id` varchar(255),
	`created_at` timestamp NOT NULL DEFAULT (now()),
	`edited_at` datetime,
	CONSTRAINT `messages_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `priorities` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(100) NOT NULL,
	`color` varchar(7) NOT NULL DEFAULT '#64748b',
	`sort_order` smallint NOT NULL DEFAULT 0,
	CONSTRAINT `priorities_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `ticket_field_values` (
	`ticket_id` int unsigned NOT NULL,
	`field_id` int unsigned NOT NULL,
	`value` text NOT NULL,
	CONSTRAINT `ticket_field_values_ticket_id_field_id_pk` PRIMARY KEY(`ticket_id`,`field_id`)
);
--> statement-breakpoint
CREATE TABLE `ticket_history` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`ticket_id` int unsigned NOT NULL,
	`actor_type` enum('user','staff','system','guest','api') NOT NULL,
	`actor_id` int unsigned,
	`action` varchar(64) NOT NULL,
	`details` json,
	`ip` varchar(45),
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `ticket_history_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `ticket_participants` (
	`ticket_id` int unsigned NOT NULL,
	`email` varchar(254) NOT NULL,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `ticket_participants_ticket_id_email_pk` PRIMARY KEY(`ticket_id`,`email`)
);
--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`public_token` varchar(64) NOT NULL,
	`subject` varchar(255) NOT NULL,
	`user_id` int unsigned NOT NULL,
	`department_id` int unsigned NOT NULL,
	`priority_id` int unsigned,
	`status` tinyint unsigned NOT NULL DEFAULT 1,
	`assigned_staff_id` int unsigned,
	`source` enum('web','email','api','staff') NOT NULL DEFAULT 'web',
	`replies` int unsigned NOT NULL DEFAULT 0,
	`last_replier_type` enum('user','staff') NOT NULL DEFAULT 'user',
	`last_replier_staff_id` int unsigned,
	`last_update_at` datetime NOT NULL,
	`first_response_at` datetime,
	`closed_at` datetime,
	`merged_into_id` int unsigned,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `tickets_id` PRIMARY KEY(`id`),
	CONSTRAINT `tickets_public_token_unique` UNIQUE(`public_token`)
);
--> statement-breakpoint
CREATE TABLE `email_addresses` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`email` varchar(254) NOT NULL,
	`sender_name` varchar(200) NOT NULL,
	`department_id` int unsigned,
	`is_default` boolean NOT NULL DEFAULT false,
	`smtp_host` varchar(255),
	`smtp_port` smallint unsigned,
	`smtp_security` enum('none','starttls','tls') NOT NULL DEFAULT 'starttls',
	`smtp_user` varchar(255),
	`smtp_password_enc` text,
	`incoming` enum('none','pipe','imap') NOT NULL DEFAULT 'none',
	`imap_host` varchar(255),
	`imap_port` smallint unsigned,
	`imap_security` enum('none','starttls','tls') NOT NULL DEFAULT 'tls',
	`imap_user` varchar(255),
	`imap_password_enc` text,
	`imap_folder` varchar(255) NOT NULL DEFAULT 'INBOX',
	`imap_allow_self_signed` boolean NOT NULL DEFAULT false,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	`updated_at` timestamp NOT NULL DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `email_addresses_id` PRIMARY KEY(`id`),
	CONSTRAINT `email_addresses_email_unique` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE TABLE `email_templates` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`event` enum('new_ticket_customer','staff_reply','autoresponse','new_ticket_staff','customer_reply_staff','assignment','password_reset','invitation') NOT NULL,
	`subject` varchar(255) NOT NULL,
	`body` text NOT NULL,
	`enabled` boolean NOT NULL DEFAULT true,
	`updated_at` timestamp NOT NULL DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `email_templates_id` PRIMARY KEY(`id`),
	CONSTRAINT `email_templates_event_unique` UNIQUE(`event`)
);
--> statement-breakpoint
CREATE TABLE `inbound_mail` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`dedupe_key` varchar(64) NOT NULL,
	`message_id` varchar(998),
	`source` enum('pipe','imap') NOT NULL,
	`email_address_id` int unsigned,
	`from_address` varchar(254),
	`subject` varchar(998),
	`status` enum('stored','ignored','failed') NOT NULL,
	`reason` text,
	`ticket_id` int unsigned,
	`raw` longtext,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `inbound_mail_id` PRIMARY KEY(`id`),
	CONSTRAINT `inbound_mail_dedupe_key_unique` UNIQUE(`dedupe_key`)
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`email_address_id` int unsigned,
	`ticket_id` int unsigned,
	`event` varchar(64) NOT NULL,
	`to_address` varchar(1000) NOT NULL,
	`cc_address` varchar(2000),
	`subject` varchar(998) NOT NULL,
	`body_text` mediumtext NOT NULL,
	`body_html` mediumtext,
	`message_id` varchar(255) NOT NULL,
	`in_reply_to` varchar(255),
	`references` text,
	`headers` json,
	`attachment_ids` json,
	`status` enum('pending','sending','sent','failed') NOT NULL DEFAULT 'pending',
	`attempts` int unsigned NOT NULL DEFAULT 0,
	`next_attempt_at` datetime NOT NULL,
	`last_error` text,
	`sent_at` datetime,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `outbox_id` PRIMARY KEY(`id`),
	CONSTRAINT `outbox_message_id_unique` UNIQUE(`message_id`)
);
--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(200) NOT NULL,
	`token_hash` varchar(64) NOT NULL,
	`token_prefix` varchar(12) NOT NULL,
	`permissions` json NOT NULL,
	`ip_allowlist` text,
	`active` boolean NOT NULL DEFAULT true,
	`last_used_at` datetime,
	`last_used_ip` varchar(45),
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `api_keys_id` PRIMARY KEY(`id`),
	CONSTRAINT `api_keys_token_hash_unique` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`actor_type` enum('staff','user','system','api') NOT NULL,
	`actor_id` int unsigned,
	`action` varchar(64) NOT NULL,
	`target_type` varchar(64),
	`target_id` varchar(64),
	`details` json,
	`ip` varchar(45),
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `audit_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `auth_tokens` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`purpose` enum('password_reset','invitation','email_change') NOT NULL,
	`principal_type` enum('user','staff') NOT NULL,
	`principal_id` int unsigned NOT NULL,
	`token_hash` varchar(64) NOT NULL,
	`data` json,
	`expires_at` datetime NOT NULL,
	`used_at` datetime,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `auth_tokens_id` PRIMARY KEY(`id`),
	CONSTRAINT `auth_tokens_token_hash_unique` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`bucket` varchar(191) NOT NULL,
	`hits` int unsigned NOT NULL,
	`reset_at` datetime NOT NULL,
	CONSTRAINT `rate_limits_bucket` PRIMARY KEY(`bucket`)
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`name` varchar(64) NOT NULL,
	`value` text NOT NULL,
	CONSTRAINT `settings_name` PRIMARY KEY(`name`)
);
--> statement-breakpoint
CREATE TABLE `kb_articles` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`category_id` int unsigned,
	`title` varchar(255) NOT NULL,
	`slug` varchar(255) NOT NULL,
	`body` mediumtext NOT NULL,
	`status` enum('draft','published') NOT NULL DEFAULT 'draft',
	`author_staff_id` int unsigned,
	`views` int unsigned NOT NULL DEFAULT 0,
	`helpful_yes` int unsigned NOT NULL DEFAULT 0,
	`helpful_no` int unsigned NOT NULL DEFAULT 0,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	`updated_at` timestamp NOT NULL DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `kb_articles_id` PRIMARY KEY(`id`),
	CONSTRAINT `kb_articles_slug_unique` UNIQUE(`slug`)
);
--> statement-breakpoint
CREATE TABLE `kb_categories` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`parent_id` int unsigned,
	`name` varchar(200) NOT NULL,
	`is_public` boolean NOT NULL DEFAULT true,
	`sort_order` smallint NOT NULL DEFAULT 0,
	CONSTRAINT `kb_categories_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `staff_departments` ADD CONSTRAINT `staff_departments_staff_id_staff_id_fk` FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `staff_departments` ADD CONSTRAINT `staff_departments_department_id_departments_id_fk` FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `organization_domains` ADD CONSTRAINT `organization_domains_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `users` ADD CONSTRAINT `users_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `attachments` ADD CONSTRAINT `attachments_ticket_id_tickets_id_fk` FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `attachments` ADD CONSTRAINT `attachments_message_id_messages_id_fk` FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `canned_responses` ADD CONSTRAINT `canned_responses_staff_id_staff_id_fk` FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `custom_field_departments` ADD CONSTRAINT `custom_field_departments_field_id_custom_fields_id_fk` FOREIGN KEY (`field_id`) REFERENCES `custom_fields`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `custom_field_departments` ADD CONSTRAINT `custom_field_departments_department_id_departments_id_fk` FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `messages` ADD CONSTRAINT `messages_ticket_id_tickets_id_fk` FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `messages` ADD CONSTRAINT `messages_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `messages` ADD CONSTRAINT `messages_staff_id_staff_id_fk` FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `ticket_field_values` ADD CONSTRAINT `ticket_field_values_ticket_id_tickets_id_fk` FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `ticket_field_values` ADD CONSTRAINT `ticket_field_values_field_id_custom_fields_id_fk` FOREIGN KEY (`field_id`) REFERENCES `custom_fields`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `ticket_history` ADD CONSTRAINT `ticket_history_ticket_id_tickets_id_fk` FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `ticket_participants` ADD CONSTRAINT `ticket_participants_ticket_id_tickets_id_fk` FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `tickets` ADD CONSTRAINT `tickets_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `tickets` ADD CONSTRAINT `tickets_department_id_departments_id_fk` FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `tickets` ADD CONSTRAINT `tickets_priority_id_priorities_id_fk` FOREIGN KEY (`priority_id`) REFERENCES `priorities`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `tickets` ADD CONSTRAINT `tickets_assigned_staff_id_staff_id_fk` FOREIGN KEY (`assigned_staff_id`) REFERENCES `staff`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `tickets` ADD CONSTRAINT `tickets_last_replier_staff_id_staff_id_fk` FOREIGN KEY (`last_replier_staff_id`) REFERENCES `staff`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `email_addresses` ADD CONSTRAINT `email_addresses_department_id_departments_id_fk` FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `inbound_mail` ADD CONSTRAINT `inbound_mail_email_address_id_email_addresses_id_fk` FOREIGN KEY (`email_address_id`) REFERENCES `email_addresses`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `inbound_mail` ADD CONSTRAINT `inbound_mail_ticket_id_tickets_id_fk` FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `outbox` ADD CONSTRAINT `outbox_email_address_id_email_addresses_id_fk` FOREIGN KEY (`email_address_id`) REFERENCES `email_addresses`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `outbox` ADD CONSTRAINT `outbox_ticket_id_tickets_id_fk` FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `kb_articles` ADD CONSTRAINT `kb_articles_category_id_kb_categories_id_fk` FOREIGN KEY (`category_id`) REFERENCES `kb_categories`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `kb_articles` ADD CONSTRAINT `kb_articles_author_staff_id_staff_id_fk` FOREIGN KEY (`author_staff_id`) REFERENCES `staff`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `departments_order_idx` ON `departments` (`sort_order`);--> statement-breakpoint
CREATE INDEX `staff_departments_dept_idx` ON `staff_departments` (`department_id`);--> statement-breakpoint
CREATE INDEX `users_org_idx` ON `users` (`organization_id`);--> statement-breakpoint
CREATE INDEX `users_name_idx` ON `users` (`fullname`);--> statement-breakpoint
CREATE INDEX `attachments_ticket_idx` ON `attachments` (`ticket_id`);--> statement-breakpoint
CREATE INDEX `attachments_message_idx` ON `attachments` (`message_id`);--> statement-breakpoint
CREATE INDEX `messages_ticket_idx` ON `messages` (`ticket_id`,`id`);--> statement-breakpoint
CREATE INDEX `messages_email_id_idx` ON `messages` (`email_message_id`);--> statement-breakpoint
CREATE INDEX `ticket_history_ticket_idx` ON `ticket_history` (`ticket_id`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_queue_idx` ON `tickets` (`status`,`department_id`,`last_update_at`);--> statement-breakpoint
CREATE INDEX `tickets_dept_idx` ON `tickets` (`department_id`,`last_update_at`);--> statement-breakpoint
CREATE INDEX `tickets_user_idx` ON `tickets` (`user_id`,`last_update_at`);--> statement-breakpoint
CREATE INDEX `tickets_assignee_idx` ON `tickets` (`assigned_staff_id`,`status`,`last_update_at`);--> statement-breakpoint
CREATE INDEX `tickets_last_update_idx` ON `tickets` (`last_update_at`);--> statement-breakpoint
CREATE INDEX `inbound_mail_status_idx` ON `inbound_mail` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `inbound_mail_from_idx` ON `inbound_mail` (`from_address`,`created_at`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_ticket_idx` ON `outbox` (`ticket_id`);--> statement-breakpoint
CREATE INDEX `audit_log_created_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_type`,`actor_id`);--> statement-breakpoint
CREATE INDEX `auth_tokens_principal_idx` ON `auth_tokens` (`principal_type`,`principal_id`);--> statement-breakpoint
CREATE INDEX `kb_articles_category_idx` ON `kb_articles` (`category_id`,`status`);