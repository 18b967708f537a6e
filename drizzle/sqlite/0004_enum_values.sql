PRAGMA foreign_keys=OFF;--> statement-breakpoint
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
	CONSTRAINT "user_sessions_user_type" CHECK("__new_user_sessions"."user_type" IN ('REAL_USER', 'ROBOT', 'SYNTHETIC')),
	CONSTRAINT "user_sessions_no_replay" CHECK("__new_user_sessions"."reason_for_no_session_replay" IN ('KILLED_EMERGENCY', 'KILLED_ERROR', 'KILLED_INVALID_RESPONSE', 'KILLED_MIN_JS_AGENT_VERSION', 'KILLED_NO_LICENSE', 'KILLED_WRONG_CONTENT_TYPE', 'MISCONFIGURED_CLUSTER', 'MODULE_DISABLED', 'NO_ACTIVITY', 'OPTED_OUT_SESSION', 'OPT_IN_MODE', 'ROBOT_DETECTED', 'SAMPLED_OUT', 'UNABLE_TO_LOAD_WORKER', 'UNHANDLED_EXCEPTION', 'UNKNOWN', 'UNSUPPORTED_BROWSER', 'VIEW_EXCLUDED')),
	CONSTRAINT "user_sessions_no_replay_mobile" CHECK("__new_user_sessions"."reason_for_no_session_replay_mobile" IN ('DISABLED', 'NO_AGENT', 'OPTED_OUT', 'UNKNOWN')),
	CONSTRAINT "user_sessions_application_type" CHECK("__new_user_sessions"."application_type" IN ('AMP_APPLICATION', 'CUSTOM_APPLICATION', 'MOBILE_APPLICATION', 'WEB_APPLICATION')),
	CONSTRAINT "user_sessions_screen_orientation" CHECK("__new_user_sessions"."screen_orientation" IN ('LANDSCAPE', 'PORTRAIT', 'UNDEFINED')),
	CONSTRAINT "user_sessions_display_resolution" CHECK("__new_user_sessions"."display_resolution" IN ('CGA', 'DCI2K', 'DCI4K', 'DVGA', 'FHD', 'FWVGA', 'FWXGA', 'HD', 'HQVGA', 'HQVGA2', 'HSXGA', 'HUXGA', 'HVGA', 'HXGA', 'NTSC', 'PAL', 'QHD', 'QQVGA', 'QSXGA', 'QUXGA', 'QVGA', 'QWXGA', 'QXGA', 'SVGA', 'SXGA', 'UGA', 'UHD16K', 'UHD4K', 'UHD8K', 'UNKNOWN', 'UWQHD', 'UXGA', 'VGA', 'WHSXGA', 'WHUXGA', 'WHXGA', 'WQSXGA', 'WQUXGA', 'WQVGA', 'WQVGA2', 'WQVGA3', 'WQXGA', 'WQXGA2', 'WSVGA', 'WSVGA2', 'WSXGA', 'WUXGA', 'WVGA', 'WVGA2', 'WXGA', 'WXGA2', 'WXGA3', 'XGA', 'XGAPLUS', 'GHDPlus', 'SXGAMinus', 'SXGAPlus', 'UHDPlus', 'WSXGAPlus', 'WXGAPlus', '_1280x854', 'nHD', 'qHD')),
	CONSTRAINT "user_sessions_end_reason" CHECK("__new_user_sessions"."end_reason" IN ('DURATION_LIMIT', 'END_EVENT', 'EXTENDED_TIMEOUT', 'TEST_FAILED', 'TIMEOUT', 'USER_ACTION_LIMIT')),
	CONSTRAINT "user_sessions_ux_score" CHECK("__new_user_sessions"."user_experience_score" IN ('FRUSTRATED', 'SATISFIED', 'TOLERATED', 'UNDEFINED')),
	CONSTRAINT "user_sessions_connection_type" CHECK("__new_user_sessions"."connection_type" IN ('LAN', 'MOBILE', 'OFFLINE', 'UNKNOWN', 'WIFI'))
);
--> statement-breakpoint
INSERT INTO `__new_user_sessions`("pk", "project", "tenant_id", "user_session_id", "part_number", "start_time", "end_time", "duration", "internal_user_id", "user_type", "reason_for_no_session_replay", "reason_for_no_session_replay_mobile", "application_type", "bounce", "new_user", "user_action_count", "total_error_count", "total_license_credit_count", "matching_conversion_goals_count", "matching_conversion_goals", "ip", "continent", "country", "region", "city", "browser_type", "browser_family", "browser_major_version", "os_family", "os_version", "manufacturer", "device", "user_id", "screen_height", "screen_width", "screen_orientation", "display_resolution", "has_crash", "crash_group_id", "has_session_replay", "isp", "client_type", "browser_monitor_id", "browser_monitor_name", "app_version", "end_reason", "number_of_rage_clicks", "number_of_rage_taps", "user_experience_score", "carrier", "network_technology", "connection_type", "replay_start", "replay_end", "client_time_offset", "rooted_or_jailbroken", "has_error") SELECT "pk", "project", "tenant_id", "user_session_id", "part_number", "start_time", "end_time", "duration", "internal_user_id", "user_type", "reason_for_no_session_replay", "reason_for_no_session_replay_mobile", "application_type", "bounce", "new_user", "user_action_count", "total_error_count", "total_license_credit_count", "matching_conversion_goals_count", "matching_conversion_goals", "ip", "continent", "country", "region", "city", "browser_type", "browser_family", "browser_major_version", "os_family", "os_version", "manufacturer", "device", "user_id", "screen_height", "screen_width", "screen_orientation", "display_resolution", "has_crash", "crash_group_id", "has_session_replay", "isp", "client_type", "browser_monitor_id", "browser_monitor_name", "app_version", "end_reason", "number_of_rage_clicks", "number_of_rage_taps", "user_experience_score", "carrier", "network_technology", "connection_type", "replay_start", "replay_end", "client_time_offset", "rooted_or_jailbroken", "has_error" FROM `user_sessions`;--> statement-breakpoint
DROP TABLE `user_sessions`;--> statement-breakpoint
ALTER TABLE `__new_user_sessions` RENAME TO `user_sessions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `user_sessions_natural_key` ON `user_sessions` (`project`,`tenant_id`,`user_session_id`,`part_number`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_start` ON `user_sessions` (`project`,`start_time`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_user_start` ON `user_sessions` (`project`,`user_id`,`start_time`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_country_start` ON `user_sessions` (`project`,`country`,`start_time`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_browser` ON `user_sessions` (`project`,`browser_family`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_duration` ON `user_sessions` (`project`,`duration`);--> statement-breakpoint
CREATE INDEX `user_sessions_project_errors` ON `user_sessions` (`project`,`total_error_count`);