/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: unknown; output: unknown; }
  /** The `SafeInt` scalar type represents non-fractional signed whole numeric values that are considered safe as defined by the ECMAScript specification. */
  SafeInt: { input: number; output: number; }
};

/** The Apdex rating of a user action. */
export type ApdexCategory =
  | 'FRUSTRATED'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  | 'SATISFIED'
  | 'TOLERATING'
  | 'UNKNOWN';

/** Conditions on a ApdexCategory value; all given conditions must hold. */
export type ApdexCategoryFilter = {
  /** equal to */
  eq?: InputMaybe<ApdexCategory>;
  /** one of */
  in?: InputMaybe<Array<ApdexCategory>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<ApdexCategory>;
  /** none of */
  notIn?: InputMaybe<Array<ApdexCategory>>;
};

/** The kind of application the session used. */
export type ApplicationType =
  | 'AMP_APPLICATION'
  | 'CUSTOM_APPLICATION'
  | 'MOBILE_APPLICATION'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  | 'WEB_APPLICATION';

/** Conditions on a ApplicationType value; all given conditions must hold. */
export type ApplicationTypeFilter = {
  /** equal to */
  eq?: InputMaybe<ApplicationType>;
  /** one of */
  in?: InputMaybe<Array<ApplicationType>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<ApplicationType>;
  /** none of */
  notIn?: InputMaybe<Array<ApplicationType>>;
};

/** Conditions on a Boolean value; all given conditions must hold. */
export type BooleanFilter = {
  /** equal to */
  eq?: InputMaybe<Scalars['Boolean']['input']>;
  /** one of */
  in?: InputMaybe<Array<Scalars['Boolean']['input']>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<Scalars['Boolean']['input']>;
  /** none of */
  notIn?: InputMaybe<Array<Scalars['Boolean']['input']>>;
};

/** The connection type of a mobile session. */
export type ConnectionType =
  | 'LAN'
  | 'MOBILE'
  | 'OFFLINE'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  | 'UNKNOWN'
  | 'WIFI';

/** Conditions on a ConnectionType value; all given conditions must hold. */
export type ConnectionTypeFilter = {
  /** equal to */
  eq?: InputMaybe<ConnectionType>;
  /** one of */
  in?: InputMaybe<Array<ConnectionType>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<ConnectionType>;
  /** none of */
  notIn?: InputMaybe<Array<ConnectionType>>;
};

/** Conditions on a DateTime value; all given conditions must hold. */
export type DateTimeFilter = {
  /** equal to */
  eq?: InputMaybe<Scalars['DateTime']['input']>;
  /** greater than */
  gt?: InputMaybe<Scalars['DateTime']['input']>;
  /** greater than or equal to */
  gte?: InputMaybe<Scalars['DateTime']['input']>;
  /** one of */
  in?: InputMaybe<Array<Scalars['DateTime']['input']>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** less than */
  lt?: InputMaybe<Scalars['DateTime']['input']>;
  /** less than or equal to */
  lte?: InputMaybe<Scalars['DateTime']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<Scalars['DateTime']['input']>;
  /** none of */
  notIn?: InputMaybe<Array<Scalars['DateTime']['input']>>;
};

/** The detected display resolution class. */
export type DisplayResolution =
  | 'CGA'
  | 'DCI2K'
  | 'DCI4K'
  | 'DVGA'
  | 'FHD'
  | 'FWVGA'
  | 'FWXGA'
  | 'GHDPLUS'
  | 'HD'
  | 'HQVGA'
  | 'HQVGA2'
  | 'HSXGA'
  | 'HUXGA'
  | 'HVGA'
  | 'HXGA'
  | 'NHD'
  | 'NTSC'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  | 'PAL'
  | 'QHD'
  | 'QQVGA'
  | 'QSXGA'
  | 'QUXGA'
  | 'QVGA'
  | 'QWXGA'
  | 'QXGA'
  | 'Q_HD'
  | 'SVGA'
  | 'SXGA'
  | 'SXGAMINUS'
  | 'SXGAPLUS'
  | 'UGA'
  | 'UHD4K'
  | 'UHD8K'
  | 'UHD16K'
  | 'UHDPLUS'
  | 'UNKNOWN'
  | 'UWQHD'
  | 'UXGA'
  | 'VGA'
  | 'WHSXGA'
  | 'WHUXGA'
  | 'WHXGA'
  | 'WQSXGA'
  | 'WQUXGA'
  | 'WQVGA'
  | 'WQVGA2'
  | 'WQVGA3'
  | 'WQXGA'
  | 'WQXGA2'
  | 'WSVGA'
  | 'WSVGA2'
  | 'WSXGA'
  | 'WSXGAPLUS'
  | 'WUXGA'
  | 'WVGA'
  | 'WVGA2'
  | 'WXGA'
  | 'WXGA2'
  | 'WXGA3'
  | 'WXGAPLUS'
  | 'XGA'
  | 'XGAPLUS'
  | '_1280X854';

/** Conditions on a DisplayResolution value; all given conditions must hold. */
export type DisplayResolutionFilter = {
  /** equal to */
  eq?: InputMaybe<DisplayResolution>;
  /** one of */
  in?: InputMaybe<Array<DisplayResolution>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<DisplayResolution>;
  /** none of */
  notIn?: InputMaybe<Array<DisplayResolution>>;
};

/** Why the session ended. */
export type EndReason =
  | 'DURATION_LIMIT'
  | 'END_EVENT'
  | 'EXTENDED_TIMEOUT'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  | 'TEST_FAILED'
  | 'TIMEOUT'
  | 'USER_ACTION_LIMIT';

/** Conditions on a EndReason value; all given conditions must hold. */
export type EndReasonFilter = {
  /** equal to */
  eq?: InputMaybe<EndReason>;
  /** one of */
  in?: InputMaybe<Array<EndReason>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<EndReason>;
  /** none of */
  notIn?: InputMaybe<Array<EndReason>>;
};

/** Conditions on a Float value; all given conditions must hold. */
export type FloatFilter = {
  /** equal to */
  eq?: InputMaybe<Scalars['Float']['input']>;
  /** greater than */
  gt?: InputMaybe<Scalars['Float']['input']>;
  /** greater than or equal to */
  gte?: InputMaybe<Scalars['Float']['input']>;
  /** one of */
  in?: InputMaybe<Array<Scalars['Float']['input']>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** less than */
  lt?: InputMaybe<Scalars['Float']['input']>;
  /** less than or equal to */
  lte?: InputMaybe<Scalars['Float']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<Scalars['Float']['input']>;
  /** none of */
  notIn?: InputMaybe<Array<Scalars['Float']['input']>>;
};

/** Conditions on a Int value; all given conditions must hold. */
export type IntFilter = {
  /** equal to */
  eq?: InputMaybe<Scalars['Int']['input']>;
  /** greater than */
  gt?: InputMaybe<Scalars['Int']['input']>;
  /** greater than or equal to */
  gte?: InputMaybe<Scalars['Int']['input']>;
  /** one of */
  in?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** less than */
  lt?: InputMaybe<Scalars['Int']['input']>;
  /** less than or equal to */
  lte?: InputMaybe<Scalars['Int']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<Scalars['Int']['input']>;
  /** none of */
  notIn?: InputMaybe<Array<Scalars['Int']['input']>>;
};

/** The width of a time-series bucket. */
export type Interval =
  | 'DAY'
  | 'HOUR'
  | 'MINUTE'
  | 'MONTH'
  /** ISO weeks, starting on Monday. */
  | 'WEEK';

/** Conditions on Person; all given conditions must hold. */
export type PersonFilter = {
  /** All of these hold. */
  and?: InputMaybe<Array<PersonFilter>>;
  createdAt?: InputMaybe<DateTimeFilter>;
  /** The person has a distinct id matching this. */
  distinctId?: InputMaybe<StringFilter>;
  id?: InputMaybe<IntFilter>;
  name?: InputMaybe<StringFilter>;
  /** This does not hold. */
  not?: InputMaybe<PersonFilter>;
  /** At least one of these holds. */
  or?: InputMaybe<Array<PersonFilter>>;
  uuid?: InputMaybe<StringFilter>;
};

export type PersonOrder = {
  direction?: SortDirection;
  field: PersonOrderField;
};

export type PersonOrderField =
  | 'CREATED_AT'
  | 'ID'
  | 'NAME'
  | 'UUID';

/** A condition on one custom property: it exists with this key and, if given, its typed value matches. */
export type PropertyFilter = {
  date?: InputMaybe<DateTimeFilter>;
  double?: InputMaybe<FloatFilter>;
  key: Scalars['String']['input'];
  long?: InputMaybe<SafeIntFilter>;
  string?: InputMaybe<StringFilter>;
};

/** Why a web session has no Session Replay. */
export type ReasonForNoSessionReplay =
  | 'KILLED_EMERGENCY'
  | 'KILLED_ERROR'
  | 'KILLED_INVALID_RESPONSE'
  | 'KILLED_MIN_JS_AGENT_VERSION'
  | 'KILLED_NO_LICENSE'
  | 'KILLED_WRONG_CONTENT_TYPE'
  | 'MISCONFIGURED_CLUSTER'
  | 'MODULE_DISABLED'
  | 'NO_ACTIVITY'
  | 'OPTED_OUT_SESSION'
  | 'OPT_IN_MODE'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  | 'ROBOT_DETECTED'
  | 'SAMPLED_OUT'
  | 'UNABLE_TO_LOAD_WORKER'
  | 'UNHANDLED_EXCEPTION'
  | 'UNKNOWN'
  | 'UNSUPPORTED_BROWSER'
  | 'VIEW_EXCLUDED';

/** Conditions on a ReasonForNoSessionReplay value; all given conditions must hold. */
export type ReasonForNoSessionReplayFilter = {
  /** equal to */
  eq?: InputMaybe<ReasonForNoSessionReplay>;
  /** one of */
  in?: InputMaybe<Array<ReasonForNoSessionReplay>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<ReasonForNoSessionReplay>;
  /** none of */
  notIn?: InputMaybe<Array<ReasonForNoSessionReplay>>;
};

/** Why a mobile session has no Session Replay. */
export type ReasonForNoSessionReplayMobile =
  | 'DISABLED'
  | 'NO_AGENT'
  | 'OPTED_OUT'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  | 'UNKNOWN';

/** Conditions on a ReasonForNoSessionReplayMobile value; all given conditions must hold. */
export type ReasonForNoSessionReplayMobileFilter = {
  /** equal to */
  eq?: InputMaybe<ReasonForNoSessionReplayMobile>;
  /** one of */
  in?: InputMaybe<Array<ReasonForNoSessionReplayMobile>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<ReasonForNoSessionReplayMobile>;
  /** none of */
  notIn?: InputMaybe<Array<ReasonForNoSessionReplayMobile>>;
};

/** Conditions on a SafeInt value; all given conditions must hold. */
export type SafeIntFilter = {
  /** equal to */
  eq?: InputMaybe<Scalars['SafeInt']['input']>;
  /** greater than */
  gt?: InputMaybe<Scalars['SafeInt']['input']>;
  /** greater than or equal to */
  gte?: InputMaybe<Scalars['SafeInt']['input']>;
  /** one of */
  in?: InputMaybe<Array<Scalars['SafeInt']['input']>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** less than */
  lt?: InputMaybe<Scalars['SafeInt']['input']>;
  /** less than or equal to */
  lte?: InputMaybe<Scalars['SafeInt']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<Scalars['SafeInt']['input']>;
  /** none of */
  notIn?: InputMaybe<Array<Scalars['SafeInt']['input']>>;
};

/** The screen orientation of the device. */
export type ScreenOrientation =
  | 'LANDSCAPE'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  | 'PORTRAIT'
  | 'UNDEFINED';

/** Conditions on a ScreenOrientation value; all given conditions must hold. */
export type ScreenOrientationFilter = {
  /** equal to */
  eq?: InputMaybe<ScreenOrientation>;
  /** one of */
  in?: InputMaybe<Array<ScreenOrientation>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<ScreenOrientation>;
  /** none of */
  notIn?: InputMaybe<Array<ScreenOrientation>>;
};

/** What SessionRecording stats can be grouped by. */
export type SessionRecordingDimension =
  | 'DISTINCT_ID'
  | 'EXPIRED'
  | 'HAS_SUMMARY'
  | 'ONGOING'
  | 'SNAPSHOT_LIBRARY'
  | 'SNAPSHOT_SOURCE'
  | 'START_URL'
  | 'VIEWED';

/** What countDistinct can count on SessionRecording. */
export type SessionRecordingDistinctField =
  | 'ACTIVE_SECONDS'
  | 'ACTIVITY_SCORE'
  | 'CLICK_COUNT'
  | 'CONSOLE_ERROR_COUNT'
  | 'CONSOLE_LOG_COUNT'
  | 'CONSOLE_WARN_COUNT'
  | 'DISTINCT_ID'
  | 'EXPIRED'
  | 'HAS_SUMMARY'
  | 'INACTIVE_SECONDS'
  | 'KEYPRESS_COUNT'
  | 'MOUSE_ACTIVITY_COUNT'
  | 'ONGOING'
  /** Distinct persons (through distinctId). */
  | 'PERSON'
  | 'RECORDING_DURATION'
  | 'RECORDING_TTL'
  | 'RETENTION_PERIOD_DAYS'
  | 'SNAPSHOT_LIBRARY'
  | 'SNAPSHOT_SOURCE'
  | 'START_URL'
  | 'VIEWED';

/** Conditions on SessionRecording; all given conditions must hold. */
export type SessionRecordingFilter = {
  activeSeconds?: InputMaybe<IntFilter>;
  activityScore?: InputMaybe<FloatFilter>;
  /** All of these hold. */
  and?: InputMaybe<Array<SessionRecordingFilter>>;
  clickCount?: InputMaybe<IntFilter>;
  consoleErrorCount?: InputMaybe<IntFilter>;
  consoleLogCount?: InputMaybe<IntFilter>;
  consoleWarnCount?: InputMaybe<IntFilter>;
  distinctId?: InputMaybe<StringFilter>;
  endTime?: InputMaybe<DateTimeFilter>;
  expired?: InputMaybe<BooleanFilter>;
  expiryTime?: InputMaybe<DateTimeFilter>;
  hasSummary?: InputMaybe<BooleanFilter>;
  id?: InputMaybe<StringFilter>;
  inactiveSeconds?: InputMaybe<IntFilter>;
  keypressCount?: InputMaybe<IntFilter>;
  mouseActivityCount?: InputMaybe<IntFilter>;
  /** This does not hold. */
  not?: InputMaybe<SessionRecordingFilter>;
  ongoing?: InputMaybe<BooleanFilter>;
  /** At least one of these holds. */
  or?: InputMaybe<Array<SessionRecordingFilter>>;
  recordingDuration?: InputMaybe<IntFilter>;
  recordingTtl?: InputMaybe<IntFilter>;
  retentionPeriodDays?: InputMaybe<IntFilter>;
  snapshotLibrary?: InputMaybe<StringFilter>;
  snapshotSource?: InputMaybe<StringFilter>;
  startTime?: InputMaybe<DateTimeFilter>;
  startUrl?: InputMaybe<StringFilter>;
  viewed?: InputMaybe<BooleanFilter>;
};

/** The numeric fields of SessionRecording that can be aggregated (booleans count as 0/1). */
export type SessionRecordingMeasure =
  | 'ACTIVE_SECONDS'
  | 'ACTIVITY_SCORE'
  | 'CLICK_COUNT'
  | 'CONSOLE_ERROR_COUNT'
  | 'CONSOLE_LOG_COUNT'
  | 'CONSOLE_WARN_COUNT'
  | 'EXPIRED'
  | 'HAS_SUMMARY'
  | 'INACTIVE_SECONDS'
  | 'KEYPRESS_COUNT'
  | 'MOUSE_ACTIVITY_COUNT'
  | 'ONGOING'
  | 'RECORDING_DURATION'
  | 'RECORDING_TTL'
  | 'RETENTION_PERIOD_DAYS'
  | 'VIEWED';

export type SessionRecordingOrder = {
  direction?: SortDirection;
  field: SessionRecordingOrderField;
};

export type SessionRecordingOrderField =
  | 'ACTIVE_SECONDS'
  | 'ACTIVITY_SCORE'
  | 'CLICK_COUNT'
  | 'CONSOLE_ERROR_COUNT'
  | 'CONSOLE_LOG_COUNT'
  | 'CONSOLE_WARN_COUNT'
  | 'DISTINCT_ID'
  | 'END_TIME'
  | 'EXPIRY_TIME'
  | 'HAS_SUMMARY'
  | 'ID'
  | 'INACTIVE_SECONDS'
  | 'KEYPRESS_COUNT'
  | 'MOUSE_ACTIVITY_COUNT'
  | 'RECORDING_DURATION'
  | 'RECORDING_TTL'
  | 'RETENTION_PERIOD_DAYS'
  | 'SNAPSHOT_LIBRARY'
  | 'SNAPSHOT_SOURCE'
  | 'START_TIME'
  | 'START_URL';

/** A condition on an aggregate of the group (SQL HAVING, USQL FILTER). */
export type SessionRecordingStatsCondition = {
  aggregate: StatsAggregate;
  eq?: InputMaybe<Scalars['Float']['input']>;
  field?: InputMaybe<SessionRecordingDistinctField>;
  gt?: InputMaybe<Scalars['Float']['input']>;
  gte?: InputMaybe<Scalars['Float']['input']>;
  lt?: InputMaybe<Scalars['Float']['input']>;
  lte?: InputMaybe<Scalars['Float']['input']>;
  ne?: InputMaybe<Scalars['Float']['input']>;
  p?: InputMaybe<Scalars['Float']['input']>;
};

/** Order groups by an aggregate (`by`, with `field`/`p` where it needs them) or by a grouped `dimension`. */
export type SessionRecordingStatsOrder = {
  by?: InputMaybe<StatsAggregate>;
  dimension?: InputMaybe<SessionRecordingDimension>;
  direction?: SortDirection;
  /** The field the aggregate is over. */
  field?: InputMaybe<SessionRecordingDistinctField>;
  /** For PERCENTILE: 0–100. */
  p?: InputMaybe<Scalars['Float']['input']>;
};

export type SortDirection =
  | 'ASC'
  | 'DESC';

/** An aggregate to order or filter groups by. */
export type StatsAggregate =
  | 'AVG'
  | 'COUNT'
  | 'COUNT_DISTINCT'
  | 'MAX'
  | 'MEDIAN'
  | 'MIN'
  | 'PERCENTILE'
  | 'SUM';

/** Conditions on a String value; all given conditions must hold. */
export type StringFilter = {
  /** contains this text (case-insensitive for ASCII; at most 1,000 characters) */
  contains?: InputMaybe<Scalars['String']['input']>;
  /** equal to */
  eq?: InputMaybe<Scalars['String']['input']>;
  /** greater than */
  gt?: InputMaybe<Scalars['String']['input']>;
  /** greater than or equal to */
  gte?: InputMaybe<Scalars['String']['input']>;
  /** one of */
  in?: InputMaybe<Array<Scalars['String']['input']>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** less than */
  lt?: InputMaybe<Scalars['String']['input']>;
  /** less than or equal to */
  lte?: InputMaybe<Scalars['String']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<Scalars['String']['input']>;
  /** none of */
  notIn?: InputMaybe<Array<Scalars['String']['input']>>;
  /** starts with this text (case-insensitive for ASCII; at most 1,000 characters) */
  startsWith?: InputMaybe<Scalars['String']['input']>;
};

/** What UserAction stats can be grouped by. */
export type UserActionDimension =
  | 'APDEX_CATEGORY'
  | 'APPLICATION'
  | 'DOMAIN'
  | 'HAS_CRASH'
  | 'INTERNAL_APPLICATION_ID'
  | 'INTERNAL_KEY_USER_ACTION_ID'
  | 'KEY_USER_ACTION'
  | 'NAME'
  | 'SYNTHETIC_EVENT'
  | 'SYNTHETIC_EVENT_ID'
  | 'TARGET_URL'
  | 'TYPE';

/** What countDistinct can count on UserAction. */
export type UserActionDistinctField =
  | 'APDEX_CATEGORY'
  | 'APPLICATION'
  | 'CDN_BUSY_TIME'
  | 'CDN_RESOURCES'
  | 'CUMULATIVE_LAYOUT_SHIFT'
  | 'CUSTOM_ERROR_COUNT'
  | 'DOCUMENT_INTERACTIVE_TIME'
  | 'DOMAIN'
  | 'DOM_COMPLETE_TIME'
  | 'DOM_CONTENT_LOADED_TIME'
  | 'DURATION'
  | 'FIRST_INPUT_DELAY'
  | 'FIRST_PARTY_BUSY_TIME'
  | 'FIRST_PARTY_RESOURCES'
  | 'FRONTEND_TIME'
  | 'HAS_CRASH'
  | 'INTERNAL_APPLICATION_ID'
  | 'INTERNAL_KEY_USER_ACTION_ID'
  | 'JAVASCRIPT_ERROR_COUNT'
  | 'KEY_USER_ACTION'
  | 'LARGEST_CONTENTFUL_PAINT'
  | 'LOAD_EVENT_END'
  | 'LOAD_EVENT_START'
  | 'NAME'
  | 'NETWORK_TIME'
  | 'REQUEST_ERROR_COUNT'
  | 'REQUEST_START'
  | 'RESPONSE_END'
  | 'RESPONSE_START'
  | 'SERVER_TIME'
  /** Distinct user sessions. */
  | 'SESSION'
  | 'SPEED_INDEX'
  | 'SYNTHETIC_EVENT'
  | 'SYNTHETIC_EVENT_ID'
  | 'TARGET_URL'
  | 'THIRD_PARTY_BUSY_TIME'
  | 'THIRD_PARTY_RESOURCES'
  | 'TOTAL_BLOCKING_TIME'
  | 'TYPE'
  | 'USER_ACTION_PROPERTY_COUNT'
  | 'VISUALLY_COMPLETE_TIME';

/** Conditions on UserAction; all given conditions must hold. */
export type UserActionFilter = {
  /** All of these hold. */
  and?: InputMaybe<Array<UserActionFilter>>;
  apdexCategory?: InputMaybe<ApdexCategoryFilter>;
  /** On the text of `apdexCategory` as sent. */
  apdexCategoryRaw?: InputMaybe<StringFilter>;
  application?: InputMaybe<StringFilter>;
  cdnBusyTime?: InputMaybe<IntFilter>;
  cdnResources?: InputMaybe<IntFilter>;
  cumulativeLayoutShift?: InputMaybe<FloatFilter>;
  customErrorCount?: InputMaybe<IntFilter>;
  documentInteractiveTime?: InputMaybe<IntFilter>;
  domCompleteTime?: InputMaybe<IntFilter>;
  domContentLoadedTime?: InputMaybe<IntFilter>;
  domain?: InputMaybe<StringFilter>;
  duration?: InputMaybe<IntFilter>;
  endTime?: InputMaybe<DateTimeFilter>;
  firstInputDelay?: InputMaybe<IntFilter>;
  firstPartyBusyTime?: InputMaybe<IntFilter>;
  firstPartyResources?: InputMaybe<IntFilter>;
  frontendTime?: InputMaybe<IntFilter>;
  hasCrash?: InputMaybe<BooleanFilter>;
  internalApplicationId?: InputMaybe<StringFilter>;
  internalKeyUserActionId?: InputMaybe<StringFilter>;
  javascriptErrorCount?: InputMaybe<IntFilter>;
  keyUserAction?: InputMaybe<BooleanFilter>;
  largestContentfulPaint?: InputMaybe<IntFilter>;
  loadEventEnd?: InputMaybe<IntFilter>;
  loadEventStart?: InputMaybe<IntFilter>;
  name?: InputMaybe<StringFilter>;
  navigationStart?: InputMaybe<DateTimeFilter>;
  networkTime?: InputMaybe<IntFilter>;
  /** This does not hold. */
  not?: InputMaybe<UserActionFilter>;
  /** At least one of these holds. */
  or?: InputMaybe<Array<UserActionFilter>>;
  /** Custom properties; all must match. */
  property?: InputMaybe<Array<PropertyFilter>>;
  requestErrorCount?: InputMaybe<IntFilter>;
  requestStart?: InputMaybe<IntFilter>;
  responseEnd?: InputMaybe<IntFilter>;
  responseStart?: InputMaybe<IntFilter>;
  serverTime?: InputMaybe<IntFilter>;
  /** Conditions on the action's session (its country, browser, user, …). */
  session?: InputMaybe<UserSessionFilter>;
  speedIndex?: InputMaybe<IntFilter>;
  startTime?: InputMaybe<DateTimeFilter>;
  syntheticEvent?: InputMaybe<StringFilter>;
  syntheticEventId?: InputMaybe<StringFilter>;
  targetUrl?: InputMaybe<StringFilter>;
  thirdPartyBusyTime?: InputMaybe<IntFilter>;
  thirdPartyResources?: InputMaybe<IntFilter>;
  totalBlockingTime?: InputMaybe<IntFilter>;
  type?: InputMaybe<UserActionTypeFilter>;
  /** On the text of `type` as sent. */
  typeRaw?: InputMaybe<StringFilter>;
  userActionPropertyCount?: InputMaybe<IntFilter>;
  visuallyCompleteTime?: InputMaybe<IntFilter>;
};

/** The numeric fields of UserAction that can be aggregated (booleans count as 0/1). */
export type UserActionMeasure =
  | 'CDN_BUSY_TIME'
  | 'CDN_RESOURCES'
  | 'CUMULATIVE_LAYOUT_SHIFT'
  | 'CUSTOM_ERROR_COUNT'
  | 'DOCUMENT_INTERACTIVE_TIME'
  | 'DOM_COMPLETE_TIME'
  | 'DOM_CONTENT_LOADED_TIME'
  | 'DURATION'
  | 'FIRST_INPUT_DELAY'
  | 'FIRST_PARTY_BUSY_TIME'
  | 'FIRST_PARTY_RESOURCES'
  | 'FRONTEND_TIME'
  | 'HAS_CRASH'
  | 'JAVASCRIPT_ERROR_COUNT'
  | 'KEY_USER_ACTION'
  | 'LARGEST_CONTENTFUL_PAINT'
  | 'LOAD_EVENT_END'
  | 'LOAD_EVENT_START'
  | 'NETWORK_TIME'
  | 'REQUEST_ERROR_COUNT'
  | 'REQUEST_START'
  | 'RESPONSE_END'
  | 'RESPONSE_START'
  | 'SERVER_TIME'
  | 'SPEED_INDEX'
  | 'THIRD_PARTY_BUSY_TIME'
  | 'THIRD_PARTY_RESOURCES'
  | 'TOTAL_BLOCKING_TIME'
  | 'USER_ACTION_PROPERTY_COUNT'
  | 'VISUALLY_COMPLETE_TIME';

export type UserActionOrder = {
  direction?: SortDirection;
  field: UserActionOrderField;
};

export type UserActionOrderField =
  | 'APDEX_CATEGORY'
  | 'APPLICATION'
  | 'CDN_BUSY_TIME'
  | 'CDN_RESOURCES'
  | 'CUMULATIVE_LAYOUT_SHIFT'
  | 'CUSTOM_ERROR_COUNT'
  | 'DOCUMENT_INTERACTIVE_TIME'
  | 'DOMAIN'
  | 'DOM_COMPLETE_TIME'
  | 'DOM_CONTENT_LOADED_TIME'
  | 'DURATION'
  | 'END_TIME'
  | 'FIRST_INPUT_DELAY'
  | 'FIRST_PARTY_BUSY_TIME'
  | 'FIRST_PARTY_RESOURCES'
  | 'FRONTEND_TIME'
  | 'HAS_CRASH'
  | 'INTERNAL_APPLICATION_ID'
  | 'INTERNAL_KEY_USER_ACTION_ID'
  | 'JAVASCRIPT_ERROR_COUNT'
  | 'KEY_USER_ACTION'
  | 'LARGEST_CONTENTFUL_PAINT'
  | 'LOAD_EVENT_END'
  | 'LOAD_EVENT_START'
  | 'NAME'
  | 'NAVIGATION_START'
  | 'NETWORK_TIME'
  | 'REQUEST_ERROR_COUNT'
  | 'REQUEST_START'
  | 'RESPONSE_END'
  | 'RESPONSE_START'
  | 'SERVER_TIME'
  | 'SPEED_INDEX'
  | 'START_TIME'
  | 'SYNTHETIC_EVENT'
  | 'SYNTHETIC_EVENT_ID'
  | 'TARGET_URL'
  | 'THIRD_PARTY_BUSY_TIME'
  | 'THIRD_PARTY_RESOURCES'
  | 'TOTAL_BLOCKING_TIME'
  | 'TYPE'
  | 'USER_ACTION_PROPERTY_COUNT'
  | 'VISUALLY_COMPLETE_TIME';

/** A condition on an aggregate of the group (SQL HAVING, USQL FILTER). */
export type UserActionStatsCondition = {
  aggregate: StatsAggregate;
  eq?: InputMaybe<Scalars['Float']['input']>;
  field?: InputMaybe<UserActionDistinctField>;
  gt?: InputMaybe<Scalars['Float']['input']>;
  gte?: InputMaybe<Scalars['Float']['input']>;
  lt?: InputMaybe<Scalars['Float']['input']>;
  lte?: InputMaybe<Scalars['Float']['input']>;
  ne?: InputMaybe<Scalars['Float']['input']>;
  p?: InputMaybe<Scalars['Float']['input']>;
};

/** Order groups by an aggregate (`by`, with `field`/`p` where it needs them) or by a grouped `dimension`. */
export type UserActionStatsOrder = {
  by?: InputMaybe<StatsAggregate>;
  dimension?: InputMaybe<UserActionDimension>;
  direction?: SortDirection;
  /** The field the aggregate is over. */
  field?: InputMaybe<UserActionDistinctField>;
  /** For PERCENTILE: 0–100. */
  p?: InputMaybe<Scalars['Float']['input']>;
};

/** The type of a user action. */
export type UserActionType =
  | 'CUSTOM'
  | 'ENDVISIT'
  | 'ERROR'
  | 'LOAD'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  | 'RAGECLICK'
  | 'SYNTHETICHIDDENACTION'
  | 'USERSESSIONPROPERTIES'
  | 'VISITTAG'
  | 'XHR';

/** Conditions on a UserActionType value; all given conditions must hold. */
export type UserActionTypeFilter = {
  /** equal to */
  eq?: InputMaybe<UserActionType>;
  /** one of */
  in?: InputMaybe<Array<UserActionType>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<UserActionType>;
  /** none of */
  notIn?: InputMaybe<Array<UserActionType>>;
};

/** The type of a user event. */
export type UserEventType =
  | 'BEHAVIORAL'
  | 'CRASH'
  | 'ERROR'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  | 'PAGECHANGE'
  | 'RAGECLICK'
  | 'RAGETAP'
  | 'USERTAG'
  | 'USERTAGFROMMETADATA'
  | 'VISITTAG';

/** Conditions on a UserEventType value; all given conditions must hold. */
export type UserEventTypeFilter = {
  /** equal to */
  eq?: InputMaybe<UserEventType>;
  /** one of */
  in?: InputMaybe<Array<UserEventType>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<UserEventType>;
  /** none of */
  notIn?: InputMaybe<Array<UserEventType>>;
};

/** Dynatrace's user experience score of the session. */
export type UserExperienceScore =
  | 'FRUSTRATED'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  | 'SATISFIED'
  | 'TOLERATED'
  | 'UNDEFINED';

/** Conditions on a UserExperienceScore value; all given conditions must hold. */
export type UserExperienceScoreFilter = {
  /** equal to */
  eq?: InputMaybe<UserExperienceScore>;
  /** one of */
  in?: InputMaybe<Array<UserExperienceScore>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<UserExperienceScore>;
  /** none of */
  notIn?: InputMaybe<Array<UserExperienceScore>>;
};

/** What UserSession stats can be grouped by. */
export type UserSessionDimension =
  | 'APPLICATION_TYPE'
  | 'APP_VERSION'
  | 'BOUNCE'
  | 'BROWSER_FAMILY'
  | 'BROWSER_MAJOR_VERSION'
  | 'BROWSER_MONITOR_ID'
  | 'BROWSER_MONITOR_NAME'
  | 'BROWSER_TYPE'
  | 'CARRIER'
  | 'CITY'
  | 'CLIENT_TYPE'
  | 'CONNECTION_TYPE'
  | 'CONTINENT'
  | 'COUNTRY'
  | 'CRASH_GROUP_ID'
  | 'DEVICE'
  | 'DISPLAY_RESOLUTION'
  | 'END_REASON'
  | 'HAS_CRASH'
  | 'HAS_ERROR'
  | 'HAS_SESSION_REPLAY'
  | 'INTERNAL_USER_ID'
  | 'IP'
  | 'ISP'
  | 'MANUFACTURER'
  | 'NETWORK_TECHNOLOGY'
  | 'NEW_USER'
  | 'OS_FAMILY'
  | 'OS_VERSION'
  | 'REASON_FOR_NO_SESSION_REPLAY'
  | 'REASON_FOR_NO_SESSION_REPLAY_MOBILE'
  | 'REGION'
  | 'ROOTED_OR_JAILBROKEN'
  | 'SCREEN_ORIENTATION'
  | 'TENANT_ID'
  | 'USER_EXPERIENCE_SCORE'
  | 'USER_ID'
  | 'USER_SESSION_ID'
  | 'USER_TYPE';

/** What countDistinct can count on UserSession. */
export type UserSessionDistinctField =
  | 'APPLICATION_TYPE'
  | 'APP_VERSION'
  | 'BOUNCE'
  | 'BROWSER_FAMILY'
  | 'BROWSER_MAJOR_VERSION'
  | 'BROWSER_MONITOR_ID'
  | 'BROWSER_MONITOR_NAME'
  | 'BROWSER_TYPE'
  | 'CARRIER'
  | 'CITY'
  | 'CLIENT_TIME_OFFSET'
  | 'CLIENT_TYPE'
  | 'CONNECTION_TYPE'
  | 'CONTINENT'
  | 'COUNTRY'
  | 'CRASH_GROUP_ID'
  | 'DEVICE'
  | 'DISPLAY_RESOLUTION'
  | 'DURATION'
  | 'END_REASON'
  | 'HAS_CRASH'
  | 'HAS_ERROR'
  | 'HAS_SESSION_REPLAY'
  | 'INTERNAL_USER_ID'
  | 'IP'
  | 'ISP'
  | 'MANUFACTURER'
  | 'MATCHING_CONVERSION_GOALS_COUNT'
  | 'NETWORK_TECHNOLOGY'
  | 'NEW_USER'
  | 'NUMBER_OF_RAGE_CLICKS'
  | 'NUMBER_OF_RAGE_TAPS'
  | 'OS_FAMILY'
  | 'OS_VERSION'
  | 'PART_NUMBER'
  /** Distinct persons (through userId). */
  | 'PERSON'
  | 'REASON_FOR_NO_SESSION_REPLAY'
  | 'REASON_FOR_NO_SESSION_REPLAY_MOBILE'
  | 'REGION'
  | 'ROOTED_OR_JAILBROKEN'
  | 'SCREEN_HEIGHT'
  | 'SCREEN_ORIENTATION'
  | 'SCREEN_WIDTH'
  | 'TENANT_ID'
  | 'TOTAL_ERROR_COUNT'
  | 'TOTAL_LICENSE_CREDIT_COUNT'
  | 'USER_ACTION_COUNT'
  | 'USER_EXPERIENCE_SCORE'
  | 'USER_ID'
  | 'USER_SESSION_ID'
  | 'USER_TYPE';

/** Conditions on UserSession; all given conditions must hold. */
export type UserSessionFilter = {
  /** All of these hold. */
  and?: InputMaybe<Array<UserSessionFilter>>;
  appVersion?: InputMaybe<StringFilter>;
  applicationType?: InputMaybe<ApplicationTypeFilter>;
  /** On the text of `applicationType` as sent. */
  applicationTypeRaw?: InputMaybe<StringFilter>;
  bounce?: InputMaybe<BooleanFilter>;
  browserFamily?: InputMaybe<StringFilter>;
  browserMajorVersion?: InputMaybe<StringFilter>;
  browserMonitorId?: InputMaybe<StringFilter>;
  browserMonitorName?: InputMaybe<StringFilter>;
  browserType?: InputMaybe<StringFilter>;
  carrier?: InputMaybe<StringFilter>;
  city?: InputMaybe<StringFilter>;
  clientTimeOffset?: InputMaybe<IntFilter>;
  clientType?: InputMaybe<StringFilter>;
  connectionType?: InputMaybe<ConnectionTypeFilter>;
  /** On the text of `connectionType` as sent. */
  connectionTypeRaw?: InputMaybe<StringFilter>;
  continent?: InputMaybe<StringFilter>;
  country?: InputMaybe<StringFilter>;
  crashGroupId?: InputMaybe<StringFilter>;
  device?: InputMaybe<StringFilter>;
  displayResolution?: InputMaybe<DisplayResolutionFilter>;
  /** On the text of `displayResolution` as sent. */
  displayResolutionRaw?: InputMaybe<StringFilter>;
  duration?: InputMaybe<IntFilter>;
  endReason?: InputMaybe<EndReasonFilter>;
  /** On the text of `endReason` as sent. */
  endReasonRaw?: InputMaybe<StringFilter>;
  endTime?: InputMaybe<DateTimeFilter>;
  hasCrash?: InputMaybe<BooleanFilter>;
  hasError?: InputMaybe<BooleanFilter>;
  hasSessionReplay?: InputMaybe<BooleanFilter>;
  internalUserId?: InputMaybe<StringFilter>;
  ip?: InputMaybe<StringFilter>;
  isp?: InputMaybe<StringFilter>;
  manufacturer?: InputMaybe<StringFilter>;
  matchingConversionGoalsCount?: InputMaybe<IntFilter>;
  networkTechnology?: InputMaybe<StringFilter>;
  newUser?: InputMaybe<BooleanFilter>;
  /** This does not hold. */
  not?: InputMaybe<UserSessionFilter>;
  numberOfRageClicks?: InputMaybe<IntFilter>;
  numberOfRageTaps?: InputMaybe<IntFilter>;
  /** At least one of these holds. */
  or?: InputMaybe<Array<UserSessionFilter>>;
  osFamily?: InputMaybe<StringFilter>;
  osVersion?: InputMaybe<StringFilter>;
  partNumber?: InputMaybe<IntFilter>;
  /** Custom properties; all must match. */
  property?: InputMaybe<Array<PropertyFilter>>;
  reasonForNoSessionReplay?: InputMaybe<ReasonForNoSessionReplayFilter>;
  reasonForNoSessionReplayMobile?: InputMaybe<ReasonForNoSessionReplayMobileFilter>;
  /** On the text of `reasonForNoSessionReplayMobile` as sent. */
  reasonForNoSessionReplayMobileRaw?: InputMaybe<StringFilter>;
  /** On the text of `reasonForNoSessionReplay` as sent. */
  reasonForNoSessionReplayRaw?: InputMaybe<StringFilter>;
  region?: InputMaybe<StringFilter>;
  replayEnd?: InputMaybe<DateTimeFilter>;
  replayStart?: InputMaybe<DateTimeFilter>;
  rootedOrJailbroken?: InputMaybe<BooleanFilter>;
  screenHeight?: InputMaybe<IntFilter>;
  screenOrientation?: InputMaybe<ScreenOrientationFilter>;
  /** On the text of `screenOrientation` as sent. */
  screenOrientationRaw?: InputMaybe<StringFilter>;
  screenWidth?: InputMaybe<IntFilter>;
  startTime?: InputMaybe<DateTimeFilter>;
  tenantId?: InputMaybe<StringFilter>;
  totalErrorCount?: InputMaybe<IntFilter>;
  totalLicenseCreditCount?: InputMaybe<IntFilter>;
  userActionCount?: InputMaybe<IntFilter>;
  userExperienceScore?: InputMaybe<UserExperienceScoreFilter>;
  /** On the text of `userExperienceScore` as sent. */
  userExperienceScoreRaw?: InputMaybe<StringFilter>;
  userId?: InputMaybe<StringFilter>;
  userSessionId?: InputMaybe<StringFilter>;
  userType?: InputMaybe<UserTypeFilter>;
  /** On the text of `userType` as sent. */
  userTypeRaw?: InputMaybe<StringFilter>;
};

/** The numeric fields of UserSession that can be aggregated (booleans count as 0/1). */
export type UserSessionMeasure =
  | 'BOUNCE'
  | 'CLIENT_TIME_OFFSET'
  | 'DURATION'
  | 'HAS_CRASH'
  | 'HAS_ERROR'
  | 'HAS_SESSION_REPLAY'
  | 'MATCHING_CONVERSION_GOALS_COUNT'
  | 'NEW_USER'
  | 'NUMBER_OF_RAGE_CLICKS'
  | 'NUMBER_OF_RAGE_TAPS'
  | 'PART_NUMBER'
  | 'ROOTED_OR_JAILBROKEN'
  | 'SCREEN_HEIGHT'
  | 'SCREEN_WIDTH'
  | 'TOTAL_ERROR_COUNT'
  | 'TOTAL_LICENSE_CREDIT_COUNT'
  | 'USER_ACTION_COUNT';

export type UserSessionOrder = {
  direction?: SortDirection;
  field: UserSessionOrderField;
};

export type UserSessionOrderField =
  | 'APPLICATION_TYPE'
  | 'APP_VERSION'
  | 'BOUNCE'
  | 'BROWSER_FAMILY'
  | 'BROWSER_MAJOR_VERSION'
  | 'BROWSER_MONITOR_ID'
  | 'BROWSER_MONITOR_NAME'
  | 'BROWSER_TYPE'
  | 'CARRIER'
  | 'CITY'
  | 'CLIENT_TIME_OFFSET'
  | 'CLIENT_TYPE'
  | 'CONNECTION_TYPE'
  | 'CONTINENT'
  | 'COUNTRY'
  | 'CRASH_GROUP_ID'
  | 'DEVICE'
  | 'DISPLAY_RESOLUTION'
  | 'DURATION'
  | 'END_REASON'
  | 'END_TIME'
  | 'HAS_CRASH'
  | 'HAS_ERROR'
  | 'HAS_SESSION_REPLAY'
  | 'INTERNAL_USER_ID'
  | 'IP'
  | 'ISP'
  | 'MANUFACTURER'
  | 'MATCHING_CONVERSION_GOALS_COUNT'
  | 'NETWORK_TECHNOLOGY'
  | 'NEW_USER'
  | 'NUMBER_OF_RAGE_CLICKS'
  | 'NUMBER_OF_RAGE_TAPS'
  | 'OS_FAMILY'
  | 'OS_VERSION'
  | 'PART_NUMBER'
  | 'REASON_FOR_NO_SESSION_REPLAY'
  | 'REASON_FOR_NO_SESSION_REPLAY_MOBILE'
  | 'REGION'
  | 'REPLAY_END'
  | 'REPLAY_START'
  | 'ROOTED_OR_JAILBROKEN'
  | 'SCREEN_HEIGHT'
  | 'SCREEN_ORIENTATION'
  | 'SCREEN_WIDTH'
  | 'START_TIME'
  | 'TENANT_ID'
  | 'TOTAL_ERROR_COUNT'
  | 'TOTAL_LICENSE_CREDIT_COUNT'
  | 'USER_ACTION_COUNT'
  | 'USER_EXPERIENCE_SCORE'
  | 'USER_ID'
  | 'USER_SESSION_ID'
  | 'USER_TYPE';

/** A condition on an aggregate of the group (SQL HAVING, USQL FILTER). */
export type UserSessionStatsCondition = {
  aggregate: StatsAggregate;
  eq?: InputMaybe<Scalars['Float']['input']>;
  field?: InputMaybe<UserSessionDistinctField>;
  gt?: InputMaybe<Scalars['Float']['input']>;
  gte?: InputMaybe<Scalars['Float']['input']>;
  lt?: InputMaybe<Scalars['Float']['input']>;
  lte?: InputMaybe<Scalars['Float']['input']>;
  ne?: InputMaybe<Scalars['Float']['input']>;
  p?: InputMaybe<Scalars['Float']['input']>;
};

/** Order groups by an aggregate (`by`, with `field`/`p` where it needs them) or by a grouped `dimension`. */
export type UserSessionStatsOrder = {
  by?: InputMaybe<StatsAggregate>;
  dimension?: InputMaybe<UserSessionDimension>;
  direction?: SortDirection;
  /** The field the aggregate is over. */
  field?: InputMaybe<UserSessionDistinctField>;
  /** For PERCENTILE: 0–100. */
  p?: InputMaybe<Scalars['Float']['input']>;
};

/** Whether a real human or a robot (ROBOT, SYNTHETIC) drove the session. */
export type UserType =
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  | 'REAL_USER'
  | 'ROBOT'
  | 'SYNTHETIC';

/** Conditions on a UserType value; all given conditions must hold. */
export type UserTypeFilter = {
  /** equal to */
  eq?: InputMaybe<UserType>;
  /** one of */
  in?: InputMaybe<Array<UserType>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<UserType>;
  /** none of */
  notIn?: InputMaybe<Array<UserType>>;
};

export type SessionRowFragment = { __typename?: 'UserSession', id: string, startTime?: string | null, duration?: number | null, country?: string | null, browserFamily?: string | null, hasError?: boolean | null, person?: { __typename?: 'Person', id: string, name?: string | null } | null } & { ' $fragmentName'?: 'SessionRowFragment' };

export type DashboardSessionsQueryVariables = Exact<{
  filter?: InputMaybe<UserSessionFilter>;
  orderBy?: InputMaybe<Array<UserSessionOrder> | UserSessionOrder>;
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type DashboardSessionsQuery = { __typename?: 'Query', userSessions: { __typename?: 'UserSessionConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'UserSessionEdge', cursor: string, node: (
        { __typename?: 'UserSession' }
        & { ' $fragmentRefs'?: { 'SessionRowFragment': SessionRowFragment } }
      ) }> } };

export type PersonTimelineQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  sessionFilter?: InputMaybe<UserSessionFilter>;
  sessions?: InputMaybe<Scalars['Int']['input']>;
  actions?: InputMaybe<Scalars['Int']['input']>;
}>;


export type PersonTimelineQuery = { __typename?: 'Query', person?: { __typename?: 'Person', id: string, name?: string | null, distinctIds: Array<string>, lastSeenAt?: string | null, recordings: { __typename?: 'SessionRecordingConnection', totalCount: number, nodes: Array<{ __typename?: 'SessionRecording', id: string, startTime?: string | null, viewed: boolean }> }, userSessions: { __typename?: 'UserSessionConnection', totalCount: number, nodes: Array<{ __typename?: 'UserSession', id: string, startTime?: string | null, userActionCount?: number | null, userActions: Array<{ __typename?: 'UserAction', name?: string | null, startTime?: string | null }> }> } } | null };

export type SessionStatsQueryVariables = Exact<{
  filter?: InputMaybe<UserSessionFilter>;
  groupBy?: InputMaybe<Array<UserSessionDimension> | UserSessionDimension>;
  having?: InputMaybe<Array<UserSessionStatsCondition> | UserSessionStatsCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type SessionStatsQuery = { __typename?: 'Query', userSessionStats: Array<{ __typename?: 'UserSessionStats', count: number, avgDuration?: number | null, maxDuration?: number | null, dimensions: { __typename?: 'UserSessionStatsDimensions', country?: string | null, browserFamily?: string | null } }> };

export type MarkRecordingViewedMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type MarkRecordingViewedMutation = { __typename?: 'Mutation', markRecordingViewed?: { __typename?: 'SessionRecording', id: string, viewed: boolean } | null };

export const SessionRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"duration"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"browserFamily"}},{"kind":"Field","name":{"kind":"Name","value":"hasError"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SessionRowFragment, unknown>;
export const DashboardSessionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardSessions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UserSessionFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UserSessionOrder"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userSessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionRow"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"duration"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"browserFamily"}},{"kind":"Field","name":{"kind":"Name","value":"hasError"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<DashboardSessionsQuery, DashboardSessionsQueryVariables>;
export const PersonTimelineDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PersonTimeline"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionFilter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UserSessionFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessions"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"5"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"actions"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"distinctIds"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"recordings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"START_TIME"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"DESC"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"viewed"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userSessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessions"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionFilter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"START_TIME"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"DESC"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"userActionCount"}},{"kind":"Field","name":{"kind":"Name","value":"userActions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"actions"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PersonTimelineQuery, PersonTimelineQueryVariables>;
export const SessionStatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SessionStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UserSessionFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupBy"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UserSessionDimension"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"having"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UserSessionStatsCondition"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userSessionStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"having"},"value":{"kind":"Variable","name":{"kind":"Name","value":"having"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"by"},"value":{"kind":"EnumValue","value":"COUNT"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"DESC"}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"dimension"},"value":{"kind":"EnumValue","value":"COUNTRY"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"ASC"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dimensions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"browserFamily"}}]}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","alias":{"kind":"Name","value":"avgDuration"},"name":{"kind":"Name","value":"avg"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"DURATION"}}]},{"kind":"Field","alias":{"kind":"Name","value":"maxDuration"},"name":{"kind":"Name","value":"max"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"DURATION"}}]}]}}]}}]} as unknown as DocumentNode<SessionStatsQuery, SessionStatsQueryVariables>;
export const MarkRecordingViewedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkRecordingViewed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markRecordingViewed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"viewed"}}]}}]}}]} as unknown as DocumentNode<MarkRecordingViewedMutation, MarkRecordingViewedMutationVariables>;