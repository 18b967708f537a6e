/**
 * The enums of the two source schemas, once. Keys are the GraphQL enum value names, values the
 * documented wire values, which is what the store keeps and checks. Names follow one convention,
 * `enumValueName(wire)`: the wire value's words in upper case joined by `_` (SyntheticHiddenAction
 * → SYNTHETIC_HIDDEN_ACTION, GHDPlus → GHD_PLUS, qHD → Q_HD), checked where the GraphQL enums are built.
 */

/** The GraphQL name of a wire value: its words upper-cased, joined by `_`. */
export function enumValueName(wire: string): string {
  return wire
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase();
}

function values<const T extends readonly string[]>(...names: T): { [K in T[number]]: K } {
  return Object.fromEntries(names.map((n) => [n, n])) as { [K in T[number]]: K };
}

export const UserType = values('REAL_USER', 'ROBOT', 'SYNTHETIC');

export const ReasonForNoSessionReplay = values(
  'KILLED_EMERGENCY',
  'KILLED_ERROR',
  'KILLED_INVALID_RESPONSE',
  'KILLED_MIN_JS_AGENT_VERSION',
  'KILLED_NO_LICENSE',
  'KILLED_WRONG_CONTENT_TYPE',
  'MISCONFIGURED_CLUSTER',
  'MODULE_DISABLED',
  'NO_ACTIVITY',
  'OPTED_OUT_SESSION',
  'OPT_IN_MODE',
  'ROBOT_DETECTED',
  'SAMPLED_OUT',
  'UNABLE_TO_LOAD_WORKER',
  'UNHANDLED_EXCEPTION',
  'UNKNOWN',
  'UNSUPPORTED_BROWSER',
  'VIEW_EXCLUDED',
);

export const ReasonForNoSessionReplayMobile = values('DISABLED', 'NO_AGENT', 'OPTED_OUT', 'UNKNOWN');

export const ApplicationType = values(
  'AMP_APPLICATION',
  'CUSTOM_APPLICATION',
  'MOBILE_APPLICATION',
  'WEB_APPLICATION',
);

export const ScreenOrientation = values('LANDSCAPE', 'PORTRAIT', 'UNDEFINED');

// Most resolutions are their own wire value; the rest are spelled in mixed case on the wire.
export const DisplayResolution = {
  ...values(
    'CGA', 'DCI2K', 'DCI4K', 'DVGA', 'FHD', 'FWVGA', 'FWXGA', 'HD', 'HQVGA', 'HQVGA2', 'HSXGA',
    'HUXGA', 'HVGA', 'HXGA', 'NTSC', 'PAL', 'QHD', 'QQVGA', 'QSXGA', 'QUXGA', 'QVGA', 'QWXGA',
    'QXGA', 'SVGA', 'SXGA', 'UGA', 'UHD16K', 'UHD4K', 'UHD8K', 'UNKNOWN', 'UWQHD', 'UXGA', 'VGA',
    'WHSXGA', 'WHUXGA', 'WHXGA', 'WQSXGA', 'WQUXGA', 'WQVGA', 'WQVGA2', 'WQVGA3', 'WQXGA',
    'WQXGA2', 'WSVGA', 'WSVGA2', 'WSXGA', 'WUXGA', 'WVGA', 'WVGA2', 'WXGA', 'WXGA2', 'WXGA3',
    'XGA', 'XGAPLUS',
  ),
  GHD_PLUS: 'GHDPlus',
  SXGA_MINUS: 'SXGAMinus',
  SXGA_PLUS: 'SXGAPlus',
  UHD_PLUS: 'UHDPlus',
  WSXGA_PLUS: 'WSXGAPlus',
  WXGA_PLUS: 'WXGAPlus',
  _1280X854: '_1280x854',
  N_HD: 'nHD',
  // qHD (960×540) is not QHD (2560×1440): Dynatrace's env-v1 OpenAPI lists both.
  Q_HD: 'qHD',
} as const;

export const EndReason = values(
  'DURATION_LIMIT',
  'END_EVENT',
  'EXTENDED_TIMEOUT',
  'TEST_FAILED',
  'TIMEOUT',
  'USER_ACTION_LIMIT',
);

export const UserExperienceScore = values('FRUSTRATED', 'SATISFIED', 'TOLERATED', 'UNDEFINED');

export const ConnectionType = values('LAN', 'MOBILE', 'OFFLINE', 'UNKNOWN', 'WIFI');

export const UserActionType = {
  CUSTOM: 'Custom',
  END_VISIT: 'EndVisit',
  ERROR: 'Error',
  LOAD: 'Load',
  RAGE_CLICK: 'RageClick',
  SYNTHETIC_HIDDEN_ACTION: 'SyntheticHiddenAction',
  USER_SESSION_PROPERTIES: 'UserSessionProperties',
  VISIT_TAG: 'VisitTag',
  XHR: 'Xhr',
} as const;

export const ApdexCategory = values('FRUSTRATED', 'SATISFIED', 'TOLERATING', 'UNKNOWN');

export const UserEventType = {
  BEHAVIORAL: 'Behavioral',
  CRASH: 'Crash',
  ERROR: 'Error',
  PAGE_CHANGE: 'PageChange',
  RAGE_CLICK: 'RageClick',
  RAGE_TAP: 'RageTap',
  USER_TAG: 'UserTag',
  USER_TAG_FROM_META_DATA: 'UserTagFromMetaData',
  VISIT_TAG: 'VisitTag',
} as const;

/** PostHog's `snapshot_source` (its frontend's SessionRecordingType: 'web' | 'mobile' | 'unknown'). */
export const SnapshotSource = { WEB: 'web', MOBILE: 'mobile', UNKNOWN: 'unknown' } as const;

/** The custom property value types of a session or action. */
export const PropertyType = { STRING: 'string', LONG: 'long', DOUBLE: 'double', DATE: 'date' } as const;

export type EnumMap = Readonly<Record<string, string>>;
/** The wire values of an enum as a non-empty tuple, the shape zod and drizzle want. */
export function wireValues<E extends EnumMap>(e: E): [E[keyof E], ...E[keyof E][]] {
  return Object.values(e) as [E[keyof E], ...E[keyof E][]];
}

