-- The secret that seals list cursors (src/graphql/pagination.ts), kept in the database so every
-- process and read worker serving this file accepts the others' cursors. Made here, once, so
-- read-only connections always find it. It is not a Drizzle table of src/db/schema.ts: it is no
-- project's data (dumps, purges and per-project reads never see it).
CREATE TABLE `cursor_secret` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`secret` blob NOT NULL CHECK (length(`secret`) = 32)
);
--> statement-breakpoint
INSERT INTO `cursor_secret` (`id`, `secret`) VALUES (1, randomblob(32));
