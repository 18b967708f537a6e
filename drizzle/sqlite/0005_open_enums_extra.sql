PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_user_actions` (
	`pk` integer PRIMARY KEY NOT NULL,
	`project` text DEFAULT 'default' NOT NULL,
	`session_pk` integer NOT NULL,
	`seq` integer NOT NULL,
	`name` text,
	`type` text,
	`apdex_category` text,
	`domain` text,
	`target_url` text,
	`application` text,
	`internal_application_id` text,
	`internal_key_user_action_id` text,
	`start_time` integer,
	`end_time` integer,
	`duration` integer,
	`navigation_start` integer,
	`speed_index` integer,
	`network_time` integer,
	`server_time` integer,
	`frontend_time` integer,
	`document_interactive_time` integer,
	`first_party_resources` integer,
	`first_party_busy_time` integer,
	`third_party_resources` integer,
	`third_party_busy_time` integer,
	`cdn_resources` integer,
	`cdn_busy_time` integer,
	`dom_complete_time` integer,
	`dom_content_loaded_time` integer,
	`load_event_start` integer,
	`load_event_end` integer,
	`request_start` integer,
	`response_start` integer,
	`response_end` integer,
	`visually_complete_time` integer,
	`user_action_property_count` integer,
	`custom_error_count` integer,
	`javascript_error_count` integer,
	`request_error_count` integer,
	`largest_contentful_paint` integer,
	`first_input_delay` integer,
	`total_blocking_time` integer,
	`cumulative_layout_shift` real,
	`has_crash` integer,
	`key_user_action` integer,
	`synthetic_event` text,
	`synthetic_event_id` text,
	`matching_conversion_goals` text,
	`extra` text,
	FOREIGN KEY (`session_pk`) REFERENCES `user_sessions`(`pk`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_user_actions`("pk", "project", "session_pk", "seq", "name", "type", "apdex_category", "domain", "target_url", "application", "internal_application_id", "internal_key_user_action_id", "start_time", "end_time", "duration", "navigation_start", "speed_index", "network_time", "server_time", "frontend_time", "document_interactive_time", "first_party_resources", "first_party_busy_time", "third_party_resources", "third_party_busy_time", "cdn_resources", "cdn_busy_time", "dom_complete_time", "dom_content_loaded_time", "load_event_start", "load_event_end", "request_start", "response_start", "response_end", "visually_complete_time", "user_action_property_count", "custom_error_count", "javascript_error_count", "request_error_count", "largest_contentful_paint", "first_input_delay", "total_blocking_time", "cumulative_layout_shift", "has_crash", "key_user_action", "synthetic_event", "synthetic_event_id", "matching_conversion_goals", "extra") SELECT "pk", "project", "session_pk", "seq", "name", "type", "apdex_category", "domain", "target_url", "application", "internal_application_id", "internal_key_user_action_id", "start_time", "end_time", "duration", "navigation_start", "speed_index", "network_time", "server_time", "frontend_time", "document_interactive_time", "first_party_resources", "first_party_busy_time", "third_party_resources", "third_party_busy_time", "cdn_resources", "cdn_busy_time", "dom_complete_time", "dom_content_loaded_time", "load_event_start", "load_event_end", "request_start", "response_start", "response_end", "visually_complete_time", "user_action_property_count", "custom_error_count", "javascript_error_count", "request_error_count", "largest_contentful_paint", "first_input_delay", "total_blocking_time", "cumulative_layout_shift", "has_crash", "key_user_action", "synthetic_event", "synthetic_event_id", "matching_conversion_goals", NULL FROM `user_actions`;--> statement-breakpoint
DROP TABLE `user_actions`;--> statement-breakpoint
ALTER TABLE `__new_user_actions` RENAME TO `user_actions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `user_actions_session_seq` ON `user_actions` (`session_pk`,`seq`);--> statement-breakpoint
CREATE INDEX `user_actions_project_start` ON `user_actions` (`project`,`start_time`);--> statement-breakpoint
CREATE INDEX `user_actions_project_duration` ON `user_actions` (`project`,`duration`);--> statement-breakpoint
CREATE INDEX `user_actions_project_key_duration` ON `user_actions` (`project`,`key_user_action`,`duration`);--> statement-breakpoint
CREATE INDEX `user_actions_project_name` ON `user_actions` (`project`,`name`);--> statement-breakpoint
CREATE TABLE `__new_user_events` (
	`pk` integer PRIMARY KEY NOT NULL,
	`project` text DEFAULT 'default' NOT NULL,
	`session_pk` integer NOT NULL,
	`seq` integer NOT NULL,
	`type` text,
	`name` text,
	`domain` text,
	`start_time` integer,
	`application` text,
	`internal_application_id` text,
	`metadata` text,
	`page` text,
	`page_group` text,
	`page_referrer` text,
	`page_referrer_group` text,
	`extra` text,
	FOREIGN KEY (`session_pk`) REFERENCES `user_sessions`(`pk`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_user_events`("pk", "project", "session_pk", "seq", "type", "name", "domain", "start_time", "application", "internal_application_id", "metadata", "page", "page_group", "page_referrer", "page_referrer_group", "extra") SELECT "pk", "project", "session_pk", "seq", "type", "name", "domain", "start_time", "application", "internal_application_id", "metadata", "page", "page_group", "page_referrer", "page_referrer_group", NULL FROM `user_events`;--> statement-breakpoint
DROP TABLE `user_events`;--> statement-breakpoint
ALTER TABLE `__new_user_events` RENAME TO `user_events`;--> statement-breakpoint
CREATE UNIQUE INDEX `user_events_session_seq` ON `user_events` (`session_pk`,`seq`);--> statement-breakpoint
CREATE INDEX `user_events_project_start` ON `user_events` (`project`,`start_time`);--> statement-breakpoint
CREATE TABLE `__new_user_sessions` (
	`pk` integer PRIMARY KEY NOT NULL,
	`project` text DEFAULT 'default' NOT NULL,
	`tenant_id` text NOT NULL,
	`user_session_id` text NOT NULL,
	`part_number` integer DEFAULT 0 NOT NULL,
	`start_time` integer,
	`end_time` integer,
	`duration` integer,
	`internal_user_id` text,
	`user_type` text,
	`reason_for_no_session_replay` text,
	`reason_for_no_session_replay_mobile` text,
	`application_type` text,
	`bounce` integer,
	`new_user` integer,
	`user_action_count` integer,
	`total_error_count` integer,
	`total_license_credit_count` integer,
	`matching_conversion_goals_count` integer,
	`matching_conversion_goals` text,
	`ip` text,
	`continent` text,
	`country` text,
	`region` text,
	`city` text,
	`browser_type` text,
	`browser_family` text,
	`browser_major_version` text,
	`os_family` text,
	`os_version` text,
	`manufacturer` text,
	`device` text,
	`user_id` text,
	`screen_height` integer,
	`screen_width` integer,
	`screen_orientation` text,
	`display_resolution` text,
	`has_crash` integer,
	`crash_group_id` text,
	`has_session_replay` integer,
	`isp` text,
	`client_type` text,
	`browser_monitor_id` text,
	`browser_monitor_name` text,
	`app_version` text,
	`end_reason` text,
	`number_of_rage_clicks` integer,
	`number_of_rage_taps` integer,
	`user_experience_score` text,
	`carrier` text,
	`network_technology` text,
	`connection_type` text,
	`replay_start` integer,
	`replay_end` integer,
	`client_time_offset` integer,
	`rooted_or_jailbroken` integer,
	`has_error` integer,
	`extra` text
);
--> statement-breakpoint
INSERT INTO `__new_user_sessions`("pk", "project", "tenant_id", "user_session_id", "part_number", "start_time", "end_time", "duration", "internal_user_id", "user_type", "reason_for_no_session_replay", "reason_for_no_session_replay_mobile", "application_type", "bounce", "new_user", "user_action_count", "total_error_count", "total_license_credit_count", "matching_conversion_goals_count", "matching_conversion_goals", "ip", "continent", "country", "region", "city", "browser_type", "browser_family", "browser_major_version", "os_family", "os_version", "manufacturer", "device", "user_id", "screen_height", "screen_width", "screen_orientation", "display_resolution", "has_crash", "crash_group_id", "has_session_replay", "isp", "client_type", "browser_monitor_id", "browser_monitor_name", "app_version", "end_reason", "number_of_rage_clicks", "number_of_rage_taps", "user_experience_score", "carrier", "network_technology", "connection_type", "replay_start", "replay_end", "client_time_offset", "rooted_or_jailbroken", "has_error", "extra") SELECT "pk", "project", "tenant_id", "user_session_id", "part_number", "start_time", "end_time", "duration", "internal_user_id", "user_type", "reason_for_no_session_replay", "reason_for_no_session_replay_mobile", "application_type", "bounce", "new_user", "user_action_count", "total_error_count", "total_license_credit_count", "matching_conversion_goals_count", "matching_conversion_goals", "ip", "continent", "country", "region", "city", "browser_type", "browser_family", "browser_major_version", "os_family", "os_version", "manufacturer", "device", "user_id", "screen_height", "screen_width", "screen_orientation", "display_resolution", "has_crash", "crash_group_id", "has_session_replay", "isp", "client_type", "browser_monitor_id", "browser_monitor_name", "app_version", "end_reason", "number_of_rage_clicks", "number_of_rage_taps", "user_experience_score", "carrier", "network_technology", "connection_type", "replay_start", "replay_end", "client_time_offset", "rooted_or_jailbroken", "has_error", NULL FROM `user_sessions`;--> statement-breakpoint
DROP TABLE `user_sessions`;--> statement-breakpoint
ALTER TABLE `__new_user_sessions` RENAME TO `user_sessions`;--> statement-breakpoint
CREATE UNIQUE INDEX `user_sessions_natural_key` ON `user_sessions` (`project`,`tenant_id`,`user_session_id`,`part_number`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_start` ON `user_sessions` (`project`,`start_time`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_user_start` ON `user_sessions` (`project`,`user_id`,`start_time`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_country_start` ON `user_sessions` (`project`,`country`,`start_time`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_browser` ON `user_sessions` (`project`,`browser_family`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_duration` ON `user_sessions` (`project`,`duration`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_errors` ON `user_sessions` (`project`,`total_error_count`);--> statement-breakpoint
CREATE TABLE `__new_recordings` (
	`pk` integer PRIMARY KEY NOT NULL,
	`project` text DEFAULT 'default' NOT NULL,
	`id` text NOT NULL,
	`distinct_id` text,
	`viewed` integer DEFAULT false NOT NULL,
	`recording_duration` integer NOT NULL,
	`active_seconds` integer,
	`inactive_seconds` integer,
	`start_time` integer,
	`end_time` integer,
	`click_count` integer,
	`keypress_count` integer,
	`mouse_activity_count` integer,
	`console_log_count` integer,
	`console_warn_count` integer,
	`console_error_count` integer,
	`start_url` text,
	`retention_period_days` integer,
	`expiry_time` integer,
	`recording_ttl` integer,
	`snapshot_source` text,
	`snapshot_library` text,
	`ongoing` integer,
	`activity_score` real,
	`has_summary` integer DEFAULT false NOT NULL,
	`summary_outcome` text,
	`external_references` text DEFAULT '[]' NOT NULL,
	`extra` text
);
--> statement-breakpoint
INSERT INTO `__new_recordings`("pk", "project", "id", "distinct_id", "viewed", "recording_duration", "active_seconds", "inactive_seconds", "start_time", "end_time", "click_count", "keypress_count", "mouse_activity_count", "console_log_count", "console_warn_count", "console_error_count", "start_url", "retention_period_days", "expiry_time", "recording_ttl", "snapshot_source", "snapshot_library", "ongoing", "activity_score", "has_summary", "summary_outcome", "external_references", "extra") SELECT "pk", "project", "id", "distinct_id", "viewed", "recording_duration", "active_seconds", "inactive_seconds", "start_time", "end_time", "click_count", "keypress_count", "mouse_activity_count", "console_log_count", "console_warn_count", "console_error_count", "start_url", "retention_period_days", "expiry_time", "recording_ttl", "snapshot_source", "snapshot_library", "ongoing", "activity_score", "has_summary", "summary_outcome", "external_references", NULL FROM `recordings`;--> statement-breakpoint
DROP TABLE `recordings`;--> statement-breakpoint
ALTER TABLE `__new_recordings` RENAME TO `recordings`;--> statement-breakpoint
CREATE UNIQUE INDEX `recordings_project_id` ON `recordings` (`project`,`id`);--> statement-breakpoint
CREATE INDEX `recordings_project_start` ON `recordings` (`project`,`start_time`);--> statement-breakpoint
CREATE INDEX `recordings_project_distinct_start` ON `recordings` (`project`,`distinct_id`,`start_time`);--> statement-breakpoint
CREATE INDEX `recordings_project_duration` ON `recordings` (`project`,`recording_duration`);--> statement-breakpoint
CREATE INDEX `recordings_project_console_errors` ON `recordings` (`project`,`console_error_count`);--> statement-breakpoint
CREATE INDEX `recordings_project_expiry` ON `recordings` (`project`,`expiry_time`);--> statement-breakpoint
ALTER TABLE `action_properties` ADD `extra` text;--> statement-breakpoint
ALTER TABLE `persons` ADD `extra` text;--> statement-breakpoint
ALTER TABLE `session_properties` ADD `extra` text;--> statement-breakpoint
ALTER TABLE `synthetic_events` ADD `extra` text;--> statement-breakpoint
ALTER TABLE `user_errors` ADD `extra` text;