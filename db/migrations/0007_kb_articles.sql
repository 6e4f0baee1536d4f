CREATE TABLE `kb_attachments` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`article_id` int unsigned NOT NULL,
	`filename` varchar(255) NOT NULL,
	`content_type` varchar(127) NOT NULL,
	`size` int unsigned NOT NULL,
	`storage_key` varchar(255) NOT NULL,
	`sha256` varchar(64) NOT NULL,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `kb_attachments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `kb_votes` (
	`article_id` int unsigned NOT NULL,
	`voter` varchar(64) NOT NULL,
	`helpful` boolean NOT NULL,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `kb_votes_article_id_voter_pk` PRIMARY KEY(`article_id`,`voter`)
);
--> statement-breakpoint
ALTER TABLE `kb_articles` DROP INDEX `kb_articles_slug_unique`;--> statement-breakpoint
ALTER TABLE `kb_articles` ADD `format` enum('markdown','html') DEFAULT 'markdown' NOT NULL;--> statement-breakpoint
ALTER TABLE `kb_articles` ADD `body_html` mediumtext DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `kb_articles` ADD `body_text` mediumtext DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `kb_articles` ADD `is_public` boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `kb_articles` ADD `sort_order` smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `kb_articles` ADD `published_at` timestamp;--> statement-breakpoint
ALTER TABLE `kb_categories` ADD `description` varchar(500) DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `kb_attachments` ADD CONSTRAINT `kb_attachments_article_id_kb_articles_id_fk` FOREIGN KEY (`article_id`) REFERENCES `kb_articles`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `kb_votes` ADD CONSTRAINT `kb_votes_article_id_kb_articles_id_fk` FOREIGN KEY (`article_id`) REFERENCES `kb_articles`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `kb_attachments_article_idx` ON `kb_attachments` (`article_id`);--> statement-breakpoint
CREATE INDEX `kb_articles_popular_idx` ON `kb_articles` (`status`,`is_public`,`views`);--> statement-breakpoint
CREATE INDEX `kb_articles_latest_idx` ON `kb_articles` (`status`,`is_public`,`published_at`);--> statement-breakpoint
-- Search reads the plain text of the body, not its Markdown/HTML source (drizzle-kit cannot declare FULLTEXT).
ALTER TABLE `kb_articles` DROP INDEX `kb_articles_ft`;--> statement-breakpoint
ALTER TABLE `kb_articles` ADD FULLTEXT INDEX `kb_articles_ft` (`title`, `body_text`);
