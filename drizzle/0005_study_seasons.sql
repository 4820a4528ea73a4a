CREATE TABLE `calendar_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `calendar_tokens_user` ON `calendar_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `study_attendance` (
	`session_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`status` text NOT NULL,
	`marked_by` integer NOT NULL,
	`marked_at` integer NOT NULL,
	PRIMARY KEY(`session_id`, `user_id`),
	FOREIGN KEY (`session_id`) REFERENCES `study_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`marked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `study_attendance_user` ON `study_attendance` (`user_id`);--> statement-breakpoint
CREATE TABLE `study_away` (
	`season_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`day` text NOT NULL,
	PRIMARY KEY(`season_id`, `user_id`, `day`),
	FOREIGN KEY (`season_id`) REFERENCES `study_seasons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `study_evidence` (
	`session_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`session_id`, `user_id`, `area_id`),
	FOREIGN KEY (`session_id`) REFERENCES `study_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `study_evidence_user_area` ON `study_evidence` (`user_id`,`area_id`);--> statement-breakpoint
CREATE TABLE `study_paper_areas` (
	`paper_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	PRIMARY KEY(`paper_id`, `area_id`),
	FOREIGN KEY (`paper_id`) REFERENCES `study_papers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `study_paper_areas_area` ON `study_paper_areas` (`area_id`);--> statement-breakpoint
CREATE TABLE `study_papers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`season_id` integer NOT NULL,
	`title` text NOT NULL,
	`url` text NOT NULL,
	`link_key` text NOT NULL,
	`authors` text DEFAULT '' NOT NULL,
	`year` integer,
	`why` text DEFAULT '' NOT NULL,
	`proposed_by` integer NOT NULL,
	`proposed_at` integer NOT NULL,
	`carried_from` integer,
	`withdrawn_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`season_id`) REFERENCES `study_seasons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `study_papers_season_link` ON `study_papers` (`season_id`,`link_key`);--> statement-breakpoint
CREATE INDEX `study_papers_link` ON `study_papers` (`link_key`);--> statement-breakpoint
CREATE TABLE `study_participants` (
	`season_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`joined_at` integer NOT NULL,
	`left_at` integer,
	`no_presenting` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`season_id`, `user_id`),
	FOREIGN KEY (`season_id`) REFERENCES `study_seasons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `study_participants_user` ON `study_participants` (`user_id`);--> statement-breakpoint
CREATE TABLE `study_season_areas` (
	`season_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	PRIMARY KEY(`season_id`, `area_id`),
	FOREIGN KEY (`season_id`) REFERENCES `study_seasons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `study_seasons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` integer NOT NULL,
	`name` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`weekday` integer NOT NULL,
	`start_time` text NOT NULL,
	`session_minutes` integer DEFAULT 60 NOT NULL,
	`skip_dates` text DEFAULT '[]' NOT NULL,
	`goal` text DEFAULT '' NOT NULL,
	`votes_per_member` integer DEFAULT 5 NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`schedule_status` text DEFAULT 'none' NOT NULL,
	`schedule_version` integer DEFAULT 0 NOT NULL,
	`published_at` integer,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `study_seasons_number` ON `study_seasons` (`number`);--> statement-breakpoint
CREATE TABLE `study_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`season_id` integer NOT NULL,
	`position` integer NOT NULL,
	`day` text NOT NULL,
	`paper_id` integer,
	`presenter_id` integer,
	`reviewer_id` integer,
	`lock_paper` integer DEFAULT false NOT NULL,
	`lock_presenter` integer DEFAULT false NOT NULL,
	`reason` text DEFAULT '{}' NOT NULL,
	`materials` text DEFAULT '{}' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`season_id`) REFERENCES `study_seasons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`paper_id`) REFERENCES `study_papers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`presenter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `study_sessions_season_position` ON `study_sessions` (`season_id`,`position`);--> statement-breakpoint
CREATE INDEX `study_sessions_presenter` ON `study_sessions` (`presenter_id`);--> statement-breakpoint
CREATE INDEX `study_sessions_reviewer` ON `study_sessions` (`reviewer_id`);--> statement-breakpoint
CREATE INDEX `study_sessions_day` ON `study_sessions` (`day`);--> statement-breakpoint
CREATE TABLE `study_votes` (
	`paper_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`season_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`paper_id`, `user_id`),
	FOREIGN KEY (`paper_id`) REFERENCES `study_papers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`season_id`) REFERENCES `study_seasons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `study_votes_season_user` ON `study_votes` (`season_id`,`user_id`);