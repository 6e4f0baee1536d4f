-- Full-text search on ticket subjects, messages and knowledge-base articles (drizzle-kit cannot declare FULLTEXT).
ALTER TABLE `tickets` ADD FULLTEXT INDEX `tickets_subject_ft` (`subject`);
--> statement-breakpoint
ALTER TABLE `messages` ADD FULLTEXT INDEX `messages_body_ft` (`body`);
--> statement-breakpoint
ALTER TABLE `kb_articles` ADD FULLTEXT INDEX `kb_articles_ft` (`title`, `body`);
