/**
 * The enums of the two source schemas, once. Keys are the GraphQL enum value names (the
 * generator names of Dynatrace's API model); values are the documented wire values, which is
 * what the store keeps and checks.
 */

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

// Most resolutions are their own wire value; the rest are spelled differently on the wire.
export const DisplayResolution = {
  ...values(
    'CGA', 'DCI2K', 'DCI4K', 'DVGA', 'FHD', 'FWVGA', 'FWXGA', 'HD', 'HQVGA', 'HQVGA2', 'HSXGA',
    'HUXGA', 'HVGA', 'HXGA', 'NTSC', 'PAL', 'QHD', 'QQVGA', 'QSXGA', 'QUXGA', 'QVGA', 'QWXGA',
    'QXGA', 'SVGA', 'SXGA', 'UGA', 'UHD16K', 'UHD4K', 'UHD8K', 'UNKNOWN', 'UWQHD', 'UXGA', 'VGA',
    'WHSXGA', 'WHUXGA', 'WHXGA', 'WQSXGA', 'WQUXGA', 'WQVGA', 'WQVGA2', 'WQVGA3', 'WQXGA',
    'WQXGA2', 'WSVGA', 'WSVGA2', 'WSXGA', 'WUXGA', 'WVGA', 'WVGA2', 'WXGA', 'WXGA2', 'WXGA3',
    'XGA', 'XGAPLUS',
  ),
  GHDPLUS: 'GHDPlus',
  SXGAMINUS: 'SXGAMinus',
  SXGAPLUS: 'SXGAPlus',
  UHDPLUS: 'UHDPlus',
  WSXGAPLUS: 'WSXGAPlus',
  WXGAPLUS: 'WXGAPlus',
  _1280X854: '_1280x854',
  NHD: 'nHD',
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
  ENDVISIT: 'EndVisit',
  ERROR: 'Error',
  LOAD: 'Load',
  RAGECLICK: 'RageClick',
  SYNTHETICHIDDENACTION: 'SyntheticHiddenAction',
  USERSESSIONPROPERTIES: 'UserSessionProperties',
  VISITTAG: 'VisitTag',
  XHR: 'Xhr',
} as const;

export const ApdexCategory = values('FRUSTRATED', 'SATISFIED', 'TOLERATING', 'UNKNOWN');

export const UserEventType = {
  BEHAVIORAL: 'Behavioral',
  CRASH: 'Crash',
  ERROR: 'Error',
  PAGECHANGE: 'PageChange',
  RAGECLICK: 'RageClick',
  RAGETAP: 'RageTap',
  USERTAG: 'UserTag',
  USERTAGFROMMETADATA: 'UserTagFromMetaData',
  VISITTAG: 'VisitTag',
} as const;

/** The custom property value types of a session or action. */
export const PropertyType = { STRING: 'string', LONG: 'long', DOUBLE: 'double', DATE: 'date' } as const;

export type EnumMap = Readonly<Record<string, string>>;
/** The wire values of an enum as a non-empty tuple, the shape zod and drizzle want. */
export function wireValues<E extends EnumMap>(e: E): [E[keyof E], ...E[keyof E][]] {
  return Object.values(e) as [E[keyof E], ...E[keyof E][]];
}
