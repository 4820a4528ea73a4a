CREATE TABLE `change_stamps` (
	`name` text PRIMARY KEY NOT NULL,
	`n` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `change_stamps` (`name`, `n`) VALUES ('matrix', 0);
--> statement-breakpoint
CREATE TRIGGER `ratings_insert_matrix_stamp` AFTER INSERT ON `ratings` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'matrix'; END;
--> statement-breakpoint
CREATE TRIGGER `ratings_update_matrix_stamp` AFTER UPDATE ON `ratings` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'matrix'; END;
--> statement-breakpoint
CREATE TRIGGER `ratings_delete_matrix_stamp` AFTER DELETE ON `ratings` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'matrix'; END;
--> statement-breakpoint
CREATE TRIGGER `users_insert_matrix_stamp` AFTER INSERT ON `users` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'matrix'; END;
--> statement-breakpoint
CREATE TRIGGER `users_update_matrix_stamp` AFTER UPDATE ON `users` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'matrix'; END;
--> statement-breakpoint
CREATE TRIGGER `users_delete_matrix_stamp` AFTER DELETE ON `users` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'matrix'; END;
--> statement-breakpoint
CREATE TRIGGER `areas_insert_matrix_stamp` AFTER INSERT ON `areas` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'matrix'; END;
--> statement-breakpoint
CREATE TRIGGER `areas_update_matrix_stamp` AFTER UPDATE ON `areas` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'matrix'; END;
--> statement-breakpoint
CREATE TRIGGER `areas_delete_matrix_stamp` AFTER DELETE ON `areas` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'matrix'; END;
--> statement-breakpoint
CREATE TRIGGER `categories_insert_matrix_stamp` AFTER INSERT ON `categories` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'matrix'; END;
--> statement-breakpoint
CREATE TRIGGER `categories_update_matrix_stamp` AFTER UPDATE ON `categories` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'matrix'; END;
--> statement-breakpoint
CREATE TRIGGER `categories_delete_matrix_stamp` AFTER DELETE ON `categories` BEGIN UPDATE `change_stamps` SET `n` = `n` + 1 WHERE `name` = 'matrix'; END;
