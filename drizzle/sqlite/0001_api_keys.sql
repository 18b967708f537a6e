CREATE TABLE `api_keys` (
	`pk` integer PRIMARY KEY NOT NULL,
	`project` text DEFAULT 'default' NOT NULL,
	`id` text NOT NULL,
	`name` text,
	`hash` text NOT NULL,
	`read_only` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_id` ON `api_keys` (`id`);