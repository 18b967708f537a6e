-- What drizzle-kit does not generate (written by hand; see src/db/pg/schema.ts for the tables).
--
-- 1. The secret that seals list cursors (src/graphql/pagination.ts), kept in the database so every
-- gateway replica accepts the others' cursors. Not a table of the description: it is no project's
-- data. gen_random_uuid() is PostgreSQL's built-in strong random source (two UUIDs: 244 random bits).
CREATE TABLE "cursor_secret" (
	"id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1),
	"secret" bytea NOT NULL CHECK (octet_length("secret") = 32)
);
--> statement-breakpoint
INSERT INTO "cursor_secret" ("id", "secret")
VALUES (1, decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
--> statement-breakpoint
-- 2. Row-level security binds the tables' owner too: a gateway connecting as the owner is still
-- confined to the project its transaction set.
ALTER TABLE "persons" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "person_distinct_ids" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "recordings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "recording_viewers" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "user_sessions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "user_actions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "user_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "user_errors" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "synthetic_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "session_properties" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "action_properties" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- 3. Superusers and BYPASSRLS roles are never subject to row-level security. A gateway that
-- logs in as one switches to this role (src/db/pg/connect.ts): it may read and write the tables
-- and nothing else. Roles belong to the whole server: made once, if the migrating user may.
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sessiongraph_app') THEN
		CREATE ROLE sessiongraph_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
	END IF;
EXCEPTION
	-- Another database's migration made it at the same moment, or this user may not make roles
	-- (then it is no superuser either, and the policies bind it as the owner).
	WHEN duplicate_object OR unique_violation OR insufficient_privilege THEN NULL;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
	IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'sessiongraph_app') THEN
		EXECUTE format('GRANT USAGE ON SCHEMA %I TO sessiongraph_app', current_schema());
		EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO sessiongraph_app', current_schema());
		EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO sessiongraph_app', current_schema());
	END IF;
EXCEPTION
	WHEN insufficient_privilege THEN NULL;
END
$$;
