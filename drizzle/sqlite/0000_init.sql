CREATE TABLE `action_properties` (
	`pk` integer PRIMARY KEY NOT NULL,
	`project` text DEFAULT 'default' NOT NULL,
	`action_pk` integer NOT NULL,
	`type` text NOT NULL,
	`key` text NOT NULL,
	`string_value` text,
	`long_value` integer,
	`double_value` real,
	`date_value` integer,
	FOREIGN KEY (`action_pk`) REFERENCES `user_actions`(`pk`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "action_properties_type" CHECK("action_properties"."type" IN ('string', 'long', 'double', 'date'))
);
--> statement-breakpoint
CREATE INDEX `action_properties_action` ON `action_properties` (`action_pk`,`key`);--> statement-breakpoint
CREATE INDEX `action_properties_project_key` ON `action_properties` (`project`,`key`,`string_value`);--> statement-breakpoint
CREATE TABLE `person_distinct_ids` (
	`project` text DEFAULT 'default' NOT NULL,
	`distinct_id` text NOT NULL,
	`person_pk` integer NOT NULL,
	PRIMARY KEY(`project`, `distinct_id`),
	FOREIGN KEY (`person_pk`) REFERENCES `persons`(`pk`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `person_distinct_ids_person` ON `person_distinct_ids` (`person_pk`);--> statement-breakpoint
CREATE TABLE `persons` (
	`pk` integer PRIMARY KEY NOT NULL,
	`project` text DEFAULT 'default' NOT NULL,
	`id` integer NOT NULL,
	`uuid` text NOT NULL,
	`name` text,
	`properties` text DEFAULT '{}' NOT NULL,
	`created_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `persons_project_uuid` ON `persons` (`project`,`uuid`);--> statement-breakpoint
CREATE UNIQUE INDEX `persons_project_id` ON `persons` (`project`,`id`);--> statement-breakpoint
CREATE TABLE `recording_viewers` (
	`project` text DEFAULT 'default' NOT NULL,
	`recording_pk` integer NOT NULL,
	`viewer` text NOT NULL,
	PRIMARY KEY(`recording_pk`, `viewer`),
	FOREIGN KEY (`recording_pk`) REFERENCES `recordings`(`pk`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `recordings` (
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
	`ongoing` integer DEFAULT false NOT NULL,
	`activity_score` real,
	`has_summary` integer DEFAULT false NOT NULL,
	`summary_outcome` text,
	`external_references` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recordings_project_id` ON `recordings` (`project`,`id`);--> statement-breakpoint
CREATE INDEX `recordings_project_start` ON `recordings` (`project`,`start_time`);--> statement-breakpoint
CREATE INDEX `recordings_project_distinct_start` ON `recordings` (`project`,`distinct_id`,`start_time`);--> statement-breakpoint
CREATE INDEX `recordings_project_duration` ON `recordings` (`project`,`recording_duration`);--> statement-breakpoint
CREATE INDEX `recordings_project_console_errors` ON `recordings` (`project`,`console_error_count`);--> statement-breakpoint
CREATE INDEX `recordings_project_expiry` ON `recordings` (`project`,`expiry_time`);--> statement-breakpoint
CREATE TABLE `session_properties` (
	`pk` integer PRIMARY KEY NOT NULL,
	`project` text DEFAULT 'default' NOT NULL,
	`session_pk` integer NOT NULL,
	`type` text NOT NULL,
	`key` text NOT NULL,
	`string_value` text,
	`long_value` integer,
	`double_value` real,
	`date_value` integer,
	FOREIGN KEY (`session_pk`) REFERENCES `user_sessions`(`pk`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "session_properties_type" CHECK("session_properties"."type" IN ('string', 'long', 'double', 'date'))
);
--> statement-breakpoint
CREATE INDEX `session_properties_session` ON `session_properties` (`session_pk`,`key`);--> statement-breakpoint
CREATE INDEX `session_properties_project_key` ON `session_properties` (`project`,`key`,`string_value`);--> statement-breakpoint
CREATE TABLE `synthetic_events` (
	`pk` integer PRIMARY KEY NOT NULL,
	`project` text DEFAULT 'default' NOT NULL,
	`session_pk` integer NOT NULL,
	`seq` integer NOT NULL,
	`name` text,
	`synthetic_event_id` text,
	`sequence_number` integer,
	`timestamp` integer,
	`type` text,
	`error_code` integer,
	`error_name` text,
	FOREIGN KEY (`session_pk`) REFERENCES `user_sessions`(`pk`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `synthetic_events_session_seq` ON `synthetic_events` (`session_pk`,`seq`);--> statement-breakpoint
CREATE TABLE `user_actions` (
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
	FOREIGN KEY (`session_pk`) REFERENCES `user_sessions`(`pk`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "user_actions_type" CHECK("user_actions"."type" IN ('Custom', 'EndVisit', 'Error', 'Load', 'RageClick', 'SyntheticHiddenAction', 'UserSessionProperties', 'VisitTag', 'Xhr')),
	CONSTRAINT "user_actions_apdex" CHECK("user_actions"."apdex_category" IN ('FRUSTRATED', 'SATISFIED', 'TOLERATING', 'UNKNOWN'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_actions_session_seq` ON `user_actions` (`session_pk`,`seq`);--> statement-breakpoint
CREATE INDEX `user_actions_project_start` ON `user_actions` (`project`,`start_time`);--> statement-breakpoint
CREATE INDEX `user_actions_project_duration` ON `user_actions` (`project`,`duration`);--> statement-breakpoint
CREATE INDEX `user_actions_project_key_duration` ON `user_actions` (`project`,`key_user_action`,`duration`);--> statement-breakpoint
CREATE INDEX `user_actions_project_name` ON `user_actions` (`project`,`name`);--> statement-breakpoint
CREATE TABLE `user_errors` (
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
	FOREIGN KEY (`session_pk`) REFERENCES `user_sessions`(`pk`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_errors_session_seq` ON `user_errors` (`session_pk`,`seq`);--> statement-breakpoint
CREATE INDEX `user_errors_project_start` ON `user_errors` (`project`,`start_time`);--> statement-breakpoint
CREATE TABLE `user_events` (
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
	FOREIGN KEY (`session_pk`) REFERENCES `user_sessions`(`pk`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "user_events_type" CHECK("user_events"."type" IN ('Behavioral', 'Crash', 'Error', 'PageChange', 'RageClick', 'RageTap', 'UserTag', 'UserTagFromMetaData', 'VisitTag'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_events_session_seq` ON `user_events` (`session_pk`,`seq`);--> statement-breakpoint
CREATE INDEX `user_events_project_start` ON `user_events` (`project`,`start_time`);--> statement-breakpoint
CREATE TABLE `user_sessions` (
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
	CONSTRAINT "user_sessions_user_type" CHECK("user_sessions"."user_type" IN ('REAL_USER', 'ROBOT', 'SYNTHETIC')),
	CONSTRAINT "user_sessions_no_replay" CHECK("user_sessions"."reason_for_no_session_replay" IN ('KILLED_EMERGENCY', 'KILLED_ERROR', 'KILLED_MIN_JS_AGENT_VERSION', 'KILLED_NO_LICENSE', 'KILLED_WRONG_CONTENT_TYPE', 'MISCONFIGURED_CLUSTER', 'MODULE_DISABLED', 'NO_ACTIVITY', 'OPTED_OUT_SESSION', 'OPT_IN_MODE', 'ROBOT_DETECTED', 'SAMPLED_OUT', 'UNABLE_TO_LOAD_WORKER', 'UNHANDLED_EXCEPTION', 'UNKNOWN', 'UNSUPPORTED_BROWSER', 'VIEW_EXCLUDED')),
	CONSTRAINT "user_sessions_no_replay_mobile" CHECK("user_sessions"."reason_for_no_session_replay_mobile" IN ('DISABLED', 'NO_AGENT', 'OPTED_OUT', 'UNKNOWN')),
	CONSTRAINT "user_sessions_application_type" CHECK("user_sessions"."application_type" IN ('AMP_APPLICATION', 'CUSTOM_APPLICATION', 'MOBILE_APPLICATION', 'WEB_APPLICATION')),
	CONSTRAINT "user_sessions_screen_orientation" CHECK("user_sessions"."screen_orientation" IN ('LANDSCAPE', 'PORTRAIT', 'UNDEFINED')),
	CONSTRAINT "user_sessions_display_resolution" CHECK("user_sessions"."display_resolution" IN ('CGA', 'DCI2K', 'DCI4K', 'DVGA', 'FHD', 'FWVGA', 'FWXGA', 'HD', 'HQVGA', 'HQVGA2', 'HSXGA', 'HUXGA', 'HVGA', 'HXGA', 'NTSC', 'PAL', 'QHD', 'QQVGA', 'QSXGA', 'QUXGA', 'QVGA', 'QWXGA', 'QXGA', 'SVGA', 'SXGA', 'UGA', 'UHD16K', 'UHD4K', 'UHD8K', 'UNKNOWN', 'UWQHD', 'UXGA', 'VGA', 'WHSXGA', 'WHUXGA', 'WHXGA', 'WQSXGA', 'WQUXGA', 'WQVGA', 'WQVGA2', 'WQVGA3', 'WQXGA', 'WQXGA2', 'WSVGA', 'WSVGA2', 'WSXGA', 'WUXGA', 'WVGA', 'WVGA2', 'WXGA', 'WXGA2', 'WXGA3', 'XGA', 'XGAPLUS', 'GHDPlus', 'SXGAMinus', 'SXGAPlus', 'UHDPlus', 'WSXGAPlus', 'WXGAPlus', '_1280x854', 'nHD')),
	CONSTRAINT "user_sessions_end_reason" CHECK("user_sessions"."end_reason" IN ('DURATION_LIMIT', 'END_EVENT', 'EXTENDED_TIMEOUT', 'TEST_FAILED', 'TIMEOUT', 'USER_ACTION_LIMIT')),
	CONSTRAINT "user_sessions_ux_score" CHECK("user_sessions"."user_experience_score" IN ('FRUSTRATED', 'SATISFIED', 'TOLERATED', 'UNDEFINED')),
	CONSTRAINT "user_sessions_connection_type" CHECK("user_sessions"."connection_type" IN ('LAN', 'MOBILE', 'OFFLINE', 'UNKNOWN', 'WIFI'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_sessions_natural_key` ON `user_sessions` (`project`,`tenant_id`,`user_session_id`,`part_number`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_start` ON `user_sessions` (`project`,`start_time`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_user_start` ON `user_sessions` (`project`,`user_id`,`start_time`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_country_start` ON `user_sessions` (`project`,`country`,`start_time`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_browser` ON `user_sessions` (`project`,`browser_family`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_duration` ON `user_sessions` (`project`,`duration`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_errors` ON `user_sessions` (`project`,`total_error_count`);