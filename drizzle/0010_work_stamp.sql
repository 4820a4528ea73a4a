-- The 'work' change counter: moves on every write to work items, their requirements or people (README, Design:
-- the work balance kept). The balance of /work and the dashboards is read again only when it moved.
INSERT INTO `change_stamps` (`name`, `n`) VALUES ('work', 0);
--> statement-breakpoint
CREATE TRIGGER `work_items_insert_work_stamp` AFTER INSERT ON `work_items` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'work'; END;
--> statement-breakpoint
CREATE TRIGGER `work_items_update_work_stamp` AFTER UPDATE ON `work_items` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'work'; END;
--> statement-breakpoint
CREATE TRIGGER `work_items_delete_work_stamp` AFTER DELETE ON `work_items` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'work'; END;
--> statement-breakpoint
CREATE TRIGGER `work_item_areas_insert_work_stamp` AFTER INSERT ON `work_item_areas` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'work'; END;
--> statement-breakpoint
CREATE TRIGGER `work_item_areas_update_work_stamp` AFTER UPDATE ON `work_item_areas` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'work'; END;
--> statement-breakpoint
CREATE TRIGGER `work_item_areas_delete_work_stamp` AFTER DELETE ON `work_item_areas` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'work'; END;
--> statement-breakpoint
CREATE TRIGGER `users_insert_work_stamp` AFTER INSERT ON `users` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'work'; END;
--> statement-breakpoint
CREATE TRIGGER `users_update_work_stamp` AFTER UPDATE ON `users` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'work'; END;
--> statement-breakpoint
CREATE TRIGGER `users_delete_work_stamp` AFTER DELETE ON `users` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'work'; END;
