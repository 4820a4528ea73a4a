CREATE TABLE `areas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`category_id` integer,
	`description` text DEFAULT '' NOT NULL,
	`target_level` integer DEFAULT 3 NOT NULL,
	`min_experts` integer DEFAULT 2 NOT NULL,
	`rubric` text,
	`position` integer DEFAULT 0 NOT NULL,
	`archived_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_name_unique` ON `categories` (`name`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`window_start` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `password_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rating_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`changed_by` integer NOT NULL,
	`changed_at` integer NOT NULL,
	`field` text NOT NULL,
	`old_value` text,
	`new_value` text
);
--> statement-breakpoint
CREATE INDEX `rating_history_user_area` ON `rating_history` (`user_id`,`area_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`user_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`self_level` integer,
	`interest` integer,
	`evidence` text DEFAULT '' NOT NULL,
	`manager_level` integer,
	`manager_note` text DEFAULT '' NOT NULL,
	`confirmed_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`user_id`, `area_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ratings_area` ON `ratings` (`area_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`partner_id` integer,
	`capacity` integer DEFAULT 10 NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`password_hash` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (lower("email"));--> statement-breakpoint
CREATE TABLE `deal_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer NOT NULL,
	`actor_id` integer NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`side` text,
	`subject` text,
	`field` text,
	`old_value` text,
	`new_value` text,
	`body` text,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deal_events_deal` ON `deal_events` (`deal_id`,`at`);--> statement-breakpoint
CREATE TABLE `deal_item_members` (
	`item_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`item_id`, `user_id`),
	FOREIGN KEY (`item_id`) REFERENCES `deal_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deal_item_members_user` ON `deal_item_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `deal_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer NOT NULL,
	`side` text NOT NULL,
	`description` text NOT NULL,
	`due_date` text,
	`done` integer DEFAULT false NOT NULL,
	`done_at` integer,
	`area_id` integer,
	`effort` integer DEFAULT 0 NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deal_items_deal` ON `deal_items` (`deal_id`);--> statement-breakpoint
CREATE TABLE `deal_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deal_id` integer NOT NULL,
	`version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer NOT NULL,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deal_versions_deal` ON `deal_versions` (`deal_id`);--> statement-breakpoint
CREATE TABLE `deals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`owner_id` integer NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`needed_by` text,
	`committed_date` text,
	`our_give_value` integer,
	`our_get_value` integer,
	`partner_give_value` integer,
	`partner_get_value` integer,
	`accepted_at` integer,
	`accepted_by` integer,
	`created_at` integer NOT NULL,
	`created_by` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`accepted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deals_partner` ON `deals` (`partner_id`);--> statement-breakpoint
CREATE INDEX `deals_status` ON `deals` (`status`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`lead` text DEFAULT '' NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`services` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partners_name_unique` ON `partners` (lower("name"));--> statement-breakpoint
CREATE TABLE `pairing_group_members` (
	`group_id` integer NOT NULL,
	`round_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`group_id`, `user_id`),
	FOREIGN KEY (`group_id`) REFERENCES `pairing_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `pairing_rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pairing_group_members_round_user` ON `pairing_group_members` (`round_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `pairing_group_members_user` ON `pairing_group_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `pairing_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`area_id` integer,
	`score_units` integer NOT NULL,
	`reason` text NOT NULL,
	`locked` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `pairing_rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pairing_groups_round` ON `pairing_groups` (`round_id`,`position`);--> statement-breakpoint
CREATE TABLE `pairing_rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`status` text NOT NULL,
	`settings` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`accepted_by` integer,
	`accepted_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`accepted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pairing_rounds_status` ON `pairing_rounds` (`status`,`accepted_at`);--> statement-breakpoint
CREATE TABLE `study_circle_members` (
	`circle_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`circle_id`, `user_id`),
	FOREIGN KEY (`circle_id`) REFERENCES `study_circles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `study_circle_members_user` ON `study_circle_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `study_circles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`area_id` integer NOT NULL,
	`leader_id` integer NOT NULL,
	`accepted_by` integer NOT NULL,
	`accepted_at` integer NOT NULL,
	`ended_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`leader_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`accepted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `study_circles_area` ON `study_circles` (`area_id`);--> statement-breakpoint
CREATE TABLE `plan_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`status` text NOT NULL,
	`input_hash` text NOT NULL,
	`input` text NOT NULL,
	`item_versions` text NOT NULL,
	`time_limit_sec` integer NOT NULL,
	`progress` text,
	`result` text,
	`error` text,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	`accepted_by` integer,
	`accepted_at` integer,
	FOREIGN KEY (`cycle_id`) REFERENCES `work_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`accepted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_runs_cycle` ON `plan_runs` (`cycle_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `plan_runs_hash` ON `plan_runs` (`input_hash`);--> statement-breakpoint
CREATE TABLE `work_cycle_capacities` (
	`cycle_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`capacity` integer NOT NULL,
	PRIMARY KEY(`cycle_id`, `user_id`),
	FOREIGN KEY (`cycle_id`) REFERENCES `work_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `work_cycles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`created_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_cycles_name` ON `work_cycles` (`name`);--> statement-breakpoint
CREATE INDEX `work_cycles_start` ON `work_cycles` (`start_date`);--> statement-breakpoint
CREATE TABLE `work_item_areas` (
	`item_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`min_level` integer NOT NULL,
	PRIMARY KEY(`item_id`, `area_id`),
	FOREIGN KEY (`item_id`) REFERENCES `work_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `work_item_areas_area` ON `work_item_areas` (`area_id`);--> statement-breakpoint
CREATE TABLE `work_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`feeds` text DEFAULT '' NOT NULL,
	`deal_id` integer,
	`effort` integer NOT NULL,
	`priority` text DEFAULT 'normal' NOT NULL,
	`due_date` text,
	`status` text DEFAULT 'open' NOT NULL,
	`cycle_id` integer,
	`owner_id` integer,
	`buddy_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `work_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`buddy_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `work_items_cycle` ON `work_items` (`cycle_id`,`status`);--> statement-breakpoint
CREATE INDEX `work_items_owner` ON `work_items` (`owner_id`);--> statement-breakpoint
CREATE INDEX `work_items_buddy` ON `work_items` (`buddy_id`);