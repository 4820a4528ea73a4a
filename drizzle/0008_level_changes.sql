CREATE TABLE `level_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`at` integer NOT NULL,
	`from_level` integer NOT NULL,
	`to_level` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `level_changes_user_area` ON `level_changes` (`user_id`,`area_id`,`id`);--> statement-breakpoint
CREATE INDEX `level_changes_at` ON `level_changes` (`at`);--> statement-breakpoint
ALTER TABLE `users` ADD `deactivated_at` integer;
--> statement-breakpoint
CREATE TRIGGER `rating_history_level_changes` AFTER INSERT ON `rating_history`
WHEN new.`field` IN ('selfLevel', 'managerLevel')
BEGIN
  INSERT INTO `level_changes` (`user_id`, `area_id`, `at`, `from_level`, `to_level`)
  SELECT new.`user_id`, new.`area_id`, new.`changed_at`, f.`lvl`, t.`lvl`
  FROM (SELECT coalesce((SELECT `to_level` FROM `level_changes` WHERE `user_id` = new.`user_id` AND `area_id` = new.`area_id` ORDER BY `id` DESC LIMIT 1), 0) AS `lvl`) f,
    (SELECT cast(coalesce(
      CASE WHEN new.`field` = 'managerLevel' THEN new.`new_value` ELSE (SELECT `new_value` FROM `rating_history` WHERE `user_id` = new.`user_id` AND `area_id` = new.`area_id` AND `field` = 'managerLevel' ORDER BY `changed_at` DESC, `id` DESC LIMIT 1) END,
      CASE WHEN new.`field` = 'selfLevel' THEN new.`new_value` ELSE (SELECT `new_value` FROM `rating_history` WHERE `user_id` = new.`user_id` AND `area_id` = new.`area_id` AND `field` = 'selfLevel' ORDER BY `changed_at` DESC, `id` DESC LIMIT 1) END,
      0) AS integer) AS `lvl`) t
  WHERE f.`lvl` <> t.`lvl`;
END;
--> statement-breakpoint
INSERT INTO `level_changes` (`user_id`, `area_id`, `at`, `from_level`, `to_level`)
SELECT `user_id`, `area_id`, `changed_at`, `prev`, `lvl` FROM (
  SELECT `user_id`, `area_id`, `changed_at`, `k`, `lvl`, lag(`lvl`, 1, 0) OVER (PARTITION BY `user_id`, `area_id` ORDER BY `k`) AS `prev` FROM (
    SELECT `user_id`, `area_id`, `changed_at`, `k`,
      coalesce(nullif(max(CASE WHEN `field` = 'managerLevel' THEN `k` * 8 + `v` END) OVER w % 8, 7), nullif(max(CASE WHEN `field` = 'selfLevel' THEN `k` * 8 + `v` END) OVER w % 8, 7), 0) AS `lvl`
    FROM (
      SELECT `user_id`, `area_id`, `changed_at`, `field`, coalesce(cast(`new_value` AS integer), 7) AS `v`,
        row_number() OVER (PARTITION BY `user_id`, `area_id` ORDER BY `changed_at`, `id`) AS `k`
      FROM `rating_history` WHERE `field` IN ('selfLevel', 'managerLevel'))
    WINDOW w AS (PARTITION BY `user_id`, `area_id` ORDER BY `k` ROWS UNBOUNDED PRECEDING)))
WHERE `lvl` <> `prev`
ORDER BY `changed_at`, `user_id`, `area_id`, `k`;
