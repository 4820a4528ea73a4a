CREATE INDEX `rating_history_user_time` ON `rating_history` (`user_id`,`changed_at`);--> statement-breakpoint
CREATE INDEX `users_team` ON `users` (`role`,`active`,`name`);--> statement-breakpoint
CREATE INDEX `users_partner` ON `users` (`partner_id`);--> statement-breakpoint
CREATE INDEX `deals_owner` ON `deals` (`owner_id`);