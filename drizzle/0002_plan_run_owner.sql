ALTER TABLE `plan_runs` ADD `owner_instance` text;--> statement-breakpoint
ALTER TABLE `plan_runs` ADD `heartbeat_at` integer;