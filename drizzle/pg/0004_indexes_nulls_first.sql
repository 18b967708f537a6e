DROP INDEX "action_properties_action";--> statement-breakpoint
DROP INDEX "action_properties_project_key";--> statement-breakpoint
DROP INDEX "api_keys_id";--> statement-breakpoint
DROP INDEX "person_distinct_ids_person";--> statement-breakpoint
DROP INDEX "persons_project_uuid";--> statement-breakpoint
DROP INDEX "persons_project_id";--> statement-breakpoint
DROP INDEX "persons_project_created";--> statement-breakpoint
DROP INDEX "recordings_project_id";--> statement-breakpoint
DROP INDEX "recordings_project_start";--> statement-breakpoint
DROP INDEX "recordings_project_distinct_start";--> statement-breakpoint
DROP INDEX "recordings_project_duration";--> statement-breakpoint
DROP INDEX "recordings_project_console_errors";--> statement-breakpoint
DROP INDEX "recordings_project_expiry";--> statement-breakpoint
DROP INDEX "session_properties_session";--> statement-breakpoint
DROP INDEX "session_properties_project_key";--> statement-breakpoint
DROP INDEX "synthetic_events_session_seq";--> statement-breakpoint
DROP INDEX "user_actions_session_seq";--> statement-breakpoint
DROP INDEX "user_actions_project_start";--> statement-breakpoint
DROP INDEX "user_actions_project_duration";--> statement-breakpoint
DROP INDEX "user_actions_project_key_duration";--> statement-breakpoint
DROP INDEX "user_actions_project_name";--> statement-breakpoint
DROP INDEX "user_errors_session_seq";--> statement-breakpoint
DROP INDEX "user_errors_project_start";--> statement-breakpoint
DROP INDEX "user_events_session_seq";--> statement-breakpoint
DROP INDEX "user_events_project_start";--> statement-breakpoint
DROP INDEX "user_sessions_natural_key";--> statement-breakpoint
DROP INDEX "user_sessions_project_start";--> statement-breakpoint
DROP INDEX "user_sessions_project_user_start";--> statement-breakpoint
DROP INDEX "user_sessions_project_country_start";--> statement-breakpoint
DROP INDEX "user_sessions_project_browser";--> statement-breakpoint
DROP INDEX "user_sessions_project_duration";--> statement-breakpoint
DROP INDEX "user_sessions_project_errors";--> statement-breakpoint
CREATE INDEX "action_properties_action" ON "action_properties" USING btree ("action_pk" NULLS FIRST,"key" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "action_properties_project_key" ON "action_properties" USING btree ("project" NULLS FIRST,"key" NULLS FIRST,"string_value" NULLS FIRST);--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_id" ON "api_keys" USING btree ("id" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "person_distinct_ids_person" ON "person_distinct_ids" USING btree ("person_pk" NULLS FIRST);--> statement-breakpoint
CREATE UNIQUE INDEX "persons_project_uuid" ON "persons" USING btree ("project" NULLS FIRST,"uuid" NULLS FIRST);--> statement-breakpoint
CREATE UNIQUE INDEX "persons_project_id" ON "persons" USING btree ("project" NULLS FIRST,"id" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "persons_project_created" ON "persons" USING btree ("project" NULLS FIRST,"created_at" NULLS FIRST);--> statement-breakpoint
CREATE UNIQUE INDEX "recordings_project_id" ON "recordings" USING btree ("project" NULLS FIRST,"id" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "recordings_project_start" ON "recordings" USING btree ("project" NULLS FIRST,"start_time" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "recordings_project_distinct_start" ON "recordings" USING btree ("project" NULLS FIRST,"distinct_id" NULLS FIRST,"start_time" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "recordings_project_duration" ON "recordings" USING btree ("project" NULLS FIRST,"recording_duration" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "recordings_project_console_errors" ON "recordings" USING btree ("project" NULLS FIRST,"console_error_count" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "recordings_project_expiry" ON "recordings" USING btree ("project" NULLS FIRST,"expiry_time" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "session_properties_session" ON "session_properties" USING btree ("session_pk" NULLS FIRST,"key" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "session_properties_project_key" ON "session_properties" USING btree ("project" NULLS FIRST,"key" NULLS FIRST,"string_value" NULLS FIRST);--> statement-breakpoint
CREATE UNIQUE INDEX "synthetic_events_session_seq" ON "synthetic_events" USING btree ("session_pk" NULLS FIRST,"seq" NULLS FIRST);--> statement-breakpoint
CREATE UNIQUE INDEX "user_actions_session_seq" ON "user_actions" USING btree ("session_pk" NULLS FIRST,"seq" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "user_actions_project_start" ON "user_actions" USING btree ("project" NULLS FIRST,"start_time" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "user_actions_project_duration" ON "user_actions" USING btree ("project" NULLS FIRST,"duration" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "user_actions_project_key_duration" ON "user_actions" USING btree ("project" NULLS FIRST,"key_user_action" NULLS FIRST,"duration" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "user_actions_project_name" ON "user_actions" USING btree ("project" NULLS FIRST,"name" NULLS FIRST);--> statement-breakpoint
CREATE UNIQUE INDEX "user_errors_session_seq" ON "user_errors" USING btree ("session_pk" NULLS FIRST,"seq" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "user_errors_project_start" ON "user_errors" USING btree ("project" NULLS FIRST,"start_time" NULLS FIRST);--> statement-breakpoint
CREATE UNIQUE INDEX "user_events_session_seq" ON "user_events" USING btree ("session_pk" NULLS FIRST,"seq" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "user_events_project_start" ON "user_events" USING btree ("project" NULLS FIRST,"start_time" NULLS FIRST);--> statement-breakpoint
CREATE UNIQUE INDEX "user_sessions_natural_key" ON "user_sessions" USING btree ("project" NULLS FIRST,"tenant_id" NULLS FIRST,"user_session_id" NULLS FIRST,"part_number" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "user_sessions_project_start" ON "user_sessions" USING btree ("project" NULLS FIRST,"start_time" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "user_sessions_project_user_start" ON "user_sessions" USING btree ("project" NULLS FIRST,"user_id" NULLS FIRST,"start_time" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "user_sessions_project_country_start" ON "user_sessions" USING btree ("project" NULLS FIRST,"country" NULLS FIRST,"start_time" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "user_sessions_project_browser" ON "user_sessions" USING btree ("project" NULLS FIRST,"browser_family" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "user_sessions_project_duration" ON "user_sessions" USING btree ("project" NULLS FIRST,"duration" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "user_sessions_project_errors" ON "user_sessions" USING btree ("project" NULLS FIRST,"total_error_count" NULLS FIRST);