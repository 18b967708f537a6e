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
  /** A point in time. Served as an RFC 3339 date-time in UTC (`2026-11-01T10:15:30.000Z`). Accepted on input as an RFC 3339 date-time with a zone (`Z` or an offset such as `+02:00`), or as a plain date (`2026-11-01`), which means that day at 00:00 UTC. */
  DateTime: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: unknown; output: unknown; }
  /** The `SafeInt` scalar type represents non-fractional signed whole numeric values that are considered safe as defined by the ECMAScript specification. */
  SafeInt: { input: number; output: number; }
};

/** The Apdex rating of a user action. */
export type ApdexCategory =
  /** Frustrated: slower than four times the Apdex threshold, or failed. Dynatrace: `FRUSTRATED` (also accepted on input). */
  | 'FRUSTRATED'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  /** Satisfied: within the Apdex threshold. Dynatrace: `SATISFIED` (also accepted on input). */
  | 'SATISFIED'
  /** Tolerating: between the threshold and four times it. Dynatrace: `TOLERATING` (also accepted on input). */
  | 'TOLERATING'
  /** Not rated. Dynatrace: `UNKNOWN` (also accepted on input). */
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
  /** An AMP (Accelerated Mobile Pages) web application. Dynatrace: `AMP_APPLICATION` (also accepted on input). */
  | 'AMP_APPLICATION'
  /** A custom application (instrumented with OpenKit: desktop, IoT, …). Dynatrace: `CUSTOM_APPLICATION` (also accepted on input). */
  | 'CUSTOM_APPLICATION'
  /** A mobile app. Dynatrace: `MOBILE_APPLICATION` (also accepted on input). */
  | 'MOBILE_APPLICATION'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  /** A web application in a browser. Dynatrace: `WEB_APPLICATION` (also accepted on input). */
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
  /** A wired network. Dynatrace: `LAN` (also accepted on input). */
  | 'LAN'
  /** A cellular network. Dynatrace: `MOBILE` (also accepted on input). */
  | 'MOBILE'
  /** No network connection. Dynatrace: `OFFLINE` (also accepted on input). */
  | 'OFFLINE'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  /** Not detected. Dynatrace: `UNKNOWN` (also accepted on input). */
  | 'UNKNOWN'
  /** A Wi-Fi network. Dynatrace: `WIFI` (also accepted on input). */
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
  /** within the whole period before the current one in `timeZone`: `DAY` is "yesterday", `WEEK` "last week" (Monday to Monday), `MONTH` "last month" */
  previous?: InputMaybe<Interval>;
  /** from the start of the current period in `timeZone` up to the moment of the request: `DAY` is "today", `WEEK` "this week" (from Monday), `MONTH` "this month"; calendar periods, so a day across a daylight-saving change is 23 or 25 hours */
  sinceStartOf?: InputMaybe<Interval>;
  /** the IANA time zone of `sinceStartOf` and `previous` (e.g. "Europe/Vienna"; default UTC) */
  timeZone?: InputMaybe<Scalars['String']['input']>;
  /** within this long before the moment of the request, up to that moment: an ISO 8601 duration in weeks, days, hours, minutes and seconds (`P7D` the last 7 days, `PT12H`, `P1DT6H`); what a dashboard asks for instead of fixed dates */
  withinLast?: InputMaybe<Scalars['String']['input']>;
};

/** The detected display resolution class. */
export type DisplayResolution =
  /** CGA, 320×200. Dynatrace: `CGA` (also accepted on input). */
  | 'CGA'
  /** DCI 2K, 2048×1080. Dynatrace: `DCI2K` (also accepted on input). */
  | 'DCI2K'
  /** DCI 4K, 4096×2160. Dynatrace: `DCI4K` (also accepted on input). */
  | 'DCI4K'
  /** DVGA (double VGA), 960×640. Dynatrace: `DVGA` (also accepted on input). */
  | 'DVGA'
  /** Full HD (1080p), 1920×1080. Dynatrace: `FHD` (also accepted on input). */
  | 'FHD'
  /** FWVGA (full wide VGA), 854×480. Dynatrace: `FWVGA` (also accepted on input). */
  | 'FWVGA'
  /** FWXGA (full wide XGA), 1366×768. Dynatrace: `FWXGA` (also accepted on input). */
  | 'FWXGA'
  /** GHD+ (Dynatrace does not document its size). Dynatrace: `GHDPlus` (also accepted on input). */
  | 'GHD_PLUS'
  /** HD (720p), 1280×720. Dynatrace: `HD` (also accepted on input). */
  | 'HD'
  /** HQVGA (half QVGA), 240×160. Dynatrace: `HQVGA` (also accepted on input). */
  | 'HQVGA'
  /** A variant of HQVGA (Dynatrace does not document its size; usually 256×160). Dynatrace: `HQVGA2` (also accepted on input). */
  | 'HQVGA2'
  /** HSXGA, 5120×4096. Dynatrace: `HSXGA` (also accepted on input). */
  | 'HSXGA'
  /** HUXGA, 6400×4800. Dynatrace: `HUXGA` (also accepted on input). */
  | 'HUXGA'
  /** HVGA (half VGA), 480×320. Dynatrace: `HVGA` (also accepted on input). */
  | 'HVGA'
  /** HXGA, 4096×3072. Dynatrace: `HXGA` (also accepted on input). */
  | 'HXGA'
  /** NTSC video, 720×480. Dynatrace: `NTSC` (also accepted on input). */
  | 'NTSC'
  /** nHD (ninth HD), 640×360. Dynatrace: `nHD` (also accepted on input). */
  | 'N_HD'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  /** PAL video, 720×576. Dynatrace: `PAL` (also accepted on input). */
  | 'PAL'
  /** QHD (quad HD, 1440p), 2560×1440. Not qHD (Q_HD). Dynatrace: `QHD` (also accepted on input). */
  | 'QHD'
  /** QQVGA (quarter QVGA), 160×120. Dynatrace: `QQVGA` (also accepted on input). */
  | 'QQVGA'
  /** QSXGA, 2560×2048. Dynatrace: `QSXGA` (also accepted on input). */
  | 'QSXGA'
  /** QUXGA, 3200×2400. Dynatrace: `QUXGA` (also accepted on input). */
  | 'QUXGA'
  /** QVGA (quarter VGA), 320×240. Dynatrace: `QVGA` (also accepted on input). */
  | 'QVGA'
  /** QWXGA, 2048×1152. Dynatrace: `QWXGA` (also accepted on input). */
  | 'QWXGA'
  /** QXGA, 2048×1536. Dynatrace: `QXGA` (also accepted on input). */
  | 'QXGA'
  /** qHD (quarter HD), 960×540. Not QHD (2560×1440). Dynatrace: `qHD` (also accepted on input). */
  | 'Q_HD'
  /** SVGA, 800×600. Dynatrace: `SVGA` (also accepted on input). */
  | 'SVGA'
  /** SXGA, 1280×1024. Dynatrace: `SXGA` (also accepted on input). */
  | 'SXGA'
  /** SXGA−, 1280×960. Dynatrace: `SXGAMinus` (also accepted on input). */
  | 'SXGA_MINUS'
  /** SXGA+, 1400×1050. Dynatrace: `SXGAPlus` (also accepted on input). */
  | 'SXGA_PLUS'
  /** UGA (Dynatrace does not document its size). Dynatrace: `UGA` (also accepted on input). */
  | 'UGA'
  /** 4K UHD, 3840×2160. Dynatrace: `UHD4K` (also accepted on input). */
  | 'UHD4K'
  /** 8K UHD, 7680×4320. Dynatrace: `UHD8K` (also accepted on input). */
  | 'UHD8K'
  /** 16K UHD, 15360×8640. Dynatrace: `UHD16K` (also accepted on input). */
  | 'UHD16K'
  /** UHD+ (5K), 5120×2880. Dynatrace: `UHDPlus` (also accepted on input). */
  | 'UHD_PLUS'
  /** Not detected. Dynatrace: `UNKNOWN` (also accepted on input). */
  | 'UNKNOWN'
  /** UWQHD (ultra-wide QHD), 3440×1440. Dynatrace: `UWQHD` (also accepted on input). */
  | 'UWQHD'
  /** UXGA, 1600×1200. Dynatrace: `UXGA` (also accepted on input). */
  | 'UXGA'
  /** VGA, 640×480. Dynatrace: `VGA` (also accepted on input). */
  | 'VGA'
  /** WHSXGA, 6400×4096. Dynatrace: `WHSXGA` (also accepted on input). */
  | 'WHSXGA'
  /** WHUXGA, 7680×4800. Dynatrace: `WHUXGA` (also accepted on input). */
  | 'WHUXGA'
  /** WHXGA, 5120×3200. Dynatrace: `WHXGA` (also accepted on input). */
  | 'WHXGA'
  /** WQSXGA, 3200×2048. Dynatrace: `WQSXGA` (also accepted on input). */
  | 'WQSXGA'
  /** WQUXGA, 3840×2400. Dynatrace: `WQUXGA` (also accepted on input). */
  | 'WQUXGA'
  /** WQVGA (wide QVGA), 400×240. Dynatrace: `WQVGA` (also accepted on input). */
  | 'WQVGA'
  /** A variant of WQVGA (Dynatrace does not document its size; usually 432×240). Dynatrace: `WQVGA2` (also accepted on input). */
  | 'WQVGA2'
  /** A variant of WQVGA (Dynatrace does not document its size; usually 480×272). Dynatrace: `WQVGA3` (also accepted on input). */
  | 'WQVGA3'
  /** WQXGA, 2560×1600. Dynatrace: `WQXGA` (also accepted on input). */
  | 'WQXGA'
  /** A variant of WQXGA (Dynatrace does not document its size; usually a 2560-pixel-wide size other than 2560×1600). Dynatrace: `WQXGA2` (also accepted on input). */
  | 'WQXGA2'
  /** WSVGA (wide SVGA), 1024×600. Dynatrace: `WSVGA` (also accepted on input). */
  | 'WSVGA'
  /** A variant of WSVGA (Dynatrace does not document its size; usually 1024×576). Dynatrace: `WSVGA2` (also accepted on input). */
  | 'WSVGA2'
  /** WSXGA (wide SXGA), 1600×1024. Dynatrace: `WSXGA` (also accepted on input). */
  | 'WSXGA'
  /** WSXGA+, 1680×1050. Dynatrace: `WSXGAPlus` (also accepted on input). */
  | 'WSXGA_PLUS'
  /** WUXGA, 1920×1200. Dynatrace: `WUXGA` (also accepted on input). */
  | 'WUXGA'
  /** WVGA (wide VGA), 800×480. Dynatrace: `WVGA` (also accepted on input). */
  | 'WVGA'
  /** A variant of WVGA (Dynatrace does not document its size; usually 768×480). Dynatrace: `WVGA2` (also accepted on input). */
  | 'WVGA2'
  /** WXGA (wide XGA), 1280×800. Dynatrace: `WXGA` (also accepted on input). */
  | 'WXGA'
  /** A variant of WXGA (Dynatrace does not document its size; usually 1280×768). Dynatrace: `WXGA2` (also accepted on input). */
  | 'WXGA2'
  /** A variant of WXGA (Dynatrace does not document its size; usually 1360×768). Dynatrace: `WXGA3` (also accepted on input). */
  | 'WXGA3'
  /** WXGA+, 1440×900. Dynatrace: `WXGAPlus` (also accepted on input). */
  | 'WXGA_PLUS'
  /** XGA, 1024×768. Dynatrace: `XGA` (also accepted on input). */
  | 'XGA'
  /** XGA+, 1152×864. Dynatrace: `XGAPLUS` (also accepted on input). */
  | 'XGAPLUS'
  /** 1280×854. Dynatrace: `_1280x854` (also accepted on input). */
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
  /** The session reached Dynatrace's maximum session duration. Dynatrace: `DURATION_LIMIT` (also accepted on input). */
  | 'DURATION_LIMIT'
  /** The application ended the session explicitly (an end-session event). Dynatrace: `END_EVENT` (also accepted on input). */
  | 'END_EVENT'
  /** The session timed out after the extended inactivity timeout. Dynatrace: `EXTENDED_TIMEOUT` (also accepted on input). */
  | 'EXTENDED_TIMEOUT'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  /** A Synthetic test in the session failed. Dynatrace: `TEST_FAILED` (also accepted on input). */
  | 'TEST_FAILED'
  /** The session timed out after a period without user activity. Dynatrace: `TIMEOUT` (also accepted on input). */
  | 'TIMEOUT'
  /** The session reached Dynatrace's maximum number of user actions. Dynatrace: `USER_ACTION_LIMIT` (also accepted on input). */
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

/** A unit of calendar time (a stats bucket width; the period of `sinceStartOf` and `previous` in time filters). */
export type Interval =
  /** One calendar day, from midnight in `timeZone`. */
  | 'DAY'
  /** One hour (in `timeZone`). */
  | 'HOUR'
  /** One minute. */
  | 'MINUTE'
  /** One calendar month, from the 1st in `timeZone`. */
  | 'MONTH'
  /** ISO weeks, starting on Monday. */
  | 'WEEK';

/** Conditions on a Json value; all given conditions must hold. */
export type JsonFilter = {
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Conditions on Person; all given conditions must hold. */
export type PersonFilter = {
  /** All of these hold. */
  and?: InputMaybe<Array<PersonFilter>>;
  /** When PostHog created the person. */
  createdAt?: InputMaybe<DateTimeFilter>;
  /** The person has a distinct id matching this. */
  distinctId?: InputMaybe<StringFilter>;
  /** The fields of the source record that this type does not model, as the source sent them; null when there were none. */
  extra?: InputMaybe<JsonFilter>;
  /** PostHog's numeric person id. */
  id?: InputMaybe<IntFilter>;
  /** When the person was last seen: the latest end of any of their recordings or user sessions (null: never). */
  lastSeenAt?: InputMaybe<DateTimeFilter>;
  /** The person's display name in PostHog. */
  name?: InputMaybe<StringFilter>;
  /** This does not hold. */
  not?: InputMaybe<PersonFilter>;
  /** At least one of these holds. */
  or?: InputMaybe<Array<PersonFilter>>;
  /** The person's PostHog properties (email, plan, account_id, …), a JSON object. */
  properties?: InputMaybe<JsonFilter>;
  /** PostHog person properties (plan, email, …); all must match. */
  property?: InputMaybe<Array<PersonPropertyFilter>>;
  /** Conditions on the person's recordings (some, none or every). */
  recordings?: InputMaybe<SessionRecordingListFilter>;
  /** Conditions on the person's user sessions (some, none or every). */
  userSessions?: InputMaybe<UserSessionListFilter>;
  /** PostHog's person UUID. */
  uuid?: InputMaybe<StringFilter>;
};

/** One term of a Person order; later terms break ties of earlier ones, and the row's internal id breaks the rest. */
export type PersonOrder = {
  /** ASC or DESC; nulls come first ascending and last descending. */
  direction?: SortDirection;
  /** The field to order by. */
  field: PersonOrderField;
};

/** What Person lists can be ordered by. */
export type PersonOrderField =
  /** When PostHog created the person. */
  | 'CREATED_AT'
  /** PostHog's numeric person id. */
  | 'ID'
  /** The person's display name in PostHog. */
  | 'NAME'
  /** PostHog's person UUID. */
  | 'UUID';

/** A condition on one PostHog person property (`email`, `plan`, `$browser`, …): give exactly one of `string`, `number`, `boolean` (matching only values of that JSON type) or `exists`. */
export type PersonPropertyFilter = {
  /** The property holds a boolean matching this. */
  boolean?: InputMaybe<BooleanFilter>;
  /** true: the person has the property (any value, null included); false: it does not. */
  exists?: InputMaybe<Scalars['Boolean']['input']>;
  /** The property name, exactly (case-sensitive; `$` and dots are part of the name). */
  key: Scalars['String']['input'];
  /** The property holds a number matching this. */
  number?: InputMaybe<FloatFilter>;
  /** The property holds a string matching this. */
  string?: InputMaybe<StringFilter>;
};

/** A condition on one custom property: it exists with this key and, if given, its typed value matches. */
export type PropertyFilter = {
  /** The property has a date value matching this. */
  date?: InputMaybe<DateTimeFilter>;
  /** The property has a floating-point value matching this. */
  double?: InputMaybe<FloatFilter>;
  /** true: the property is present (any value); false: it is absent. Instead of a typed condition. */
  exists?: InputMaybe<Scalars['Boolean']['input']>;
  /** The custom key of the property. */
  key: Scalars['String']['input'];
  /** The property has an integer value matching this. */
  long?: InputMaybe<SafeIntFilter>;
  /** The property has a string value matching this. */
  string?: InputMaybe<StringFilter>;
};

/** The type of a property value: Dynatrace types its custom properties; PostHog person properties are JSON values. */
export type PropertyKeyType =
  /** A JSON array (person properties). */
  | 'ARRAY'
  /** A JSON boolean (person properties). */
  | 'BOOLEAN'
  /** A date (Dynatrace DateProperty). */
  | 'DATE'
  /** A floating-point number (Dynatrace DoubleProperty). */
  | 'DOUBLE'
  /** An integer (Dynatrace LongProperty). */
  | 'LONG'
  /** A JSON null (person properties). */
  | 'NULL'
  /** A JSON number (person properties). */
  | 'NUMBER'
  /** A JSON object (person properties). */
  | 'OBJECT'
  /** Text (Dynatrace StringProperty; a JSON string). */
  | 'STRING';

/** What carries custom properties. */
export type PropertyOwner =
  /** PostHog persons (the person's `properties` object). */
  | 'PERSON'
  /** Dynatrace user actions (their custom properties). */
  | 'USER_ACTION'
  /** Dynatrace user sessions (stringProperties, longProperties, doubleProperties, dateProperties). */
  | 'USER_SESSION';

/** The value type of a custom property. */
export type PropertyValueType =
  /** A date (DateProperty). */
  | 'DATE'
  /** A floating-point number (DoubleProperty). */
  | 'DOUBLE'
  /** An integer (LongProperty). */
  | 'LONG'
  /** Text (StringProperty). */
  | 'STRING';

/** Why a web session has no Session Replay. */
export type ReasonForNoSessionReplay =
  /** Recording was stopped by an emergency switch-off. Dynatrace: `KILLED_EMERGENCY` (also accepted on input). */
  | 'KILLED_EMERGENCY'
  /** Recording was stopped after an error. Dynatrace: `KILLED_ERROR` (also accepted on input). */
  | 'KILLED_ERROR'
  /** Recording was stopped after an invalid response to replay data. Dynatrace: `KILLED_INVALID_RESPONSE` (also accepted on input). */
  | 'KILLED_INVALID_RESPONSE'
  /** Recording was stopped: the RUM JavaScript agent is older than the minimum version. Dynatrace: `KILLED_MIN_JS_AGENT_VERSION` (also accepted on input). */
  | 'KILLED_MIN_JS_AGENT_VERSION'
  /** Recording was stopped: no Session Replay license available. Dynatrace: `KILLED_NO_LICENSE` (also accepted on input). */
  | 'KILLED_NO_LICENSE'
  /** Recording was stopped: replay data had the wrong content type. Dynatrace: `KILLED_WRONG_CONTENT_TYPE` (also accepted on input). */
  | 'KILLED_WRONG_CONTENT_TYPE'
  /** The Dynatrace cluster is not configured for Session Replay. Dynatrace: `MISCONFIGURED_CLUSTER` (also accepted on input). */
  | 'MISCONFIGURED_CLUSTER'
  /** Session Replay is disabled for the application. Dynatrace: `MODULE_DISABLED` (also accepted on input). */
  | 'MODULE_DISABLED'
  /** There was no user activity to record. Dynatrace: `NO_ACTIVITY` (also accepted on input). */
  | 'NO_ACTIVITY'
  /** The session opted out of Session Replay. Dynatrace: `OPTED_OUT_SESSION` (also accepted on input). */
  | 'OPTED_OUT_SESSION'
  /** Session Replay is in opt-in mode and the session did not opt in. Dynatrace: `OPT_IN_MODE` (also accepted on input). */
  | 'OPT_IN_MODE'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  /** The session was driven by a robot. Dynatrace: `ROBOT_DETECTED` (also accepted on input). */
  | 'ROBOT_DETECTED'
  /** The session was not sampled for Session Replay (cost and traffic control). Dynatrace: `SAMPLED_OUT` (also accepted on input). */
  | 'SAMPLED_OUT'
  /** The browser could not load the Session Replay web worker. Dynatrace: `UNABLE_TO_LOAD_WORKER` (also accepted on input). */
  | 'UNABLE_TO_LOAD_WORKER'
  /** An unhandled exception stopped recording. Dynatrace: `UNHANDLED_EXCEPTION` (also accepted on input). */
  | 'UNHANDLED_EXCEPTION'
  /** The reason is unknown. Dynatrace: `UNKNOWN` (also accepted on input). */
  | 'UNKNOWN'
  /** The browser does not support Session Replay. Dynatrace: `UNSUPPORTED_BROWSER` (also accepted on input). */
  | 'UNSUPPORTED_BROWSER'
  /** The page or view is excluded from Session Replay. Dynatrace: `VIEW_EXCLUDED` (also accepted on input). */
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
  /** Session Replay is disabled for the mobile app. Dynatrace: `DISABLED` (also accepted on input). */
  | 'DISABLED'
  /** The app has no agent that records Session Replay. Dynatrace: `NO_AGENT` (also accepted on input). */
  | 'NO_AGENT'
  /** The user opted out of Session Replay. Dynatrace: `OPTED_OUT` (also accepted on input). */
  | 'OPTED_OUT'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  /** The reason is unknown. Dynatrace: `UNKNOWN` (also accepted on input). */
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
  /** Landscape (wider than high). Dynatrace: `LANDSCAPE` (also accepted on input). */
  | 'LANDSCAPE'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  /** Portrait (higher than wide). Dynatrace: `PORTRAIT` (also accepted on input). */
  | 'PORTRAIT'
  /** Not detected. Dynatrace: `UNDEFINED` (also accepted on input). */
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
  /** The distinct id that recorded the session: the person's link (PostHog `distinct_id`). */
  | 'DISTINCT_ID'
  /** Whether the expiry time has passed (served only under `--retention keep`, the default). */
  | 'EXPIRED'
  /** Whether PostHog has an AI summary of the recording. */
  | 'HAS_SUMMARY'
  /** Whether a Dynatrace user session of the same visit is linked (`userSessions` is not empty; README, "One visit, both products"). */
  | 'HAS_USER_SESSION'
  /** Whether the recording is still being recorded: as the source said, else whether its last data is less than five minutes old. */
  | 'ONGOING'
  /** The capture library that recorded the snapshots, as PostHog reports it (`snapshot_library`). */
  | 'SNAPSHOT_LIBRARY'
  /** Where the snapshots come from: a browser or a mobile app (PostHog `snapshot_source`). */
  | 'SNAPSHOT_SOURCE'
  /** The URL of the first page of the recording. */
  | 'START_URL'
  /** Whether the caller (the API key's viewer) has viewed the recording, as PostHog reports it per user; for a caller without a viewer, the `viewed` flag the import carried. */
  | 'VIEWED';

/** What countDistinct can count on SessionRecording. */
export type SessionRecordingDistinctField =
  /** Time with user activity in the recording, in seconds (PostHog `active_seconds`). */
  | 'ACTIVE_SECONDS'
  /** PostHog's activity score, 0–100: (active seconds + clicks + key presses + console errors) / (mouse activity + duration in seconds + console messages) × 100, rounded to 2 decimals; as the source sent it, else computed at import. */
  | 'ACTIVITY_SCORE'
  /** Number of mouse clicks in the recording. */
  | 'CLICK_COUNT'
  /** Number of browser console `error` messages in the recording. */
  | 'CONSOLE_ERROR_COUNT'
  /** Number of browser console `log` messages in the recording. */
  | 'CONSOLE_LOG_COUNT'
  /** Number of browser console `warn` messages in the recording. */
  | 'CONSOLE_WARN_COUNT'
  /** The distinct id that recorded the session: the person's link (PostHog `distinct_id`). */
  | 'DISTINCT_ID'
  /** Whether the expiry time has passed (served only under `--retention keep`, the default). */
  | 'EXPIRED'
  /** Whether PostHog has an AI summary of the recording. */
  | 'HAS_SUMMARY'
  /** Whether a Dynatrace user session of the same visit is linked (`userSessions` is not empty; README, "One visit, both products"). */
  | 'HAS_USER_SESSION'
  /** Time without user activity in the recording, in seconds: recordingDuration − activeSeconds (PostHog `inactive_seconds`). */
  | 'INACTIVE_SECONDS'
  /** Number of key presses in the recording. */
  | 'KEYPRESS_COUNT'
  /** Number of mouse activity events (moves, clicks, scrolls) in the recording. */
  | 'MOUSE_ACTIVITY_COUNT'
  /** Whether the recording is still being recorded: as the source said, else whether its last data is less than five minutes old. */
  | 'ONGOING'
  /** Distinct persons (through distinctId). */
  | 'PERSON'
  /** Length of the recording, from its first to its last event, in seconds (PostHog `recording_duration`). */
  | 'RECORDING_DURATION'
  /** Days until the recording expires (negative once expired): as the source said, else PostHog's count of UTC midnights from now to the expiry time. Ordering by it orders by expiryTime. */
  | 'RECORDING_TTL'
  /** How long PostHog keeps the recording after the day it started, in days; null when the source did not say (PostHog then assumes 30 days). */
  | 'RETENTION_PERIOD_DAYS'
  /** The capture library that recorded the snapshots, as PostHog reports it (`snapshot_library`). */
  | 'SNAPSHOT_LIBRARY'
  /** Where the snapshots come from: a browser or a mobile app (PostHog `snapshot_source`). */
  | 'SNAPSHOT_SOURCE'
  /** The URL of the first page of the recording. */
  | 'START_URL'
  /** Whether the caller (the API key's viewer) has viewed the recording, as PostHog reports it per user; for a caller without a viewer, the `viewed` flag the import carried. */
  | 'VIEWED';

/** Conditions on SessionRecording; all given conditions must hold. */
export type SessionRecordingFilter = {
  /** Time with user activity in the recording, in seconds (PostHog `active_seconds`). */
  activeSeconds?: InputMaybe<IntFilter>;
  /** PostHog's activity score, 0–100: (active seconds + clicks + key presses + console errors) / (mouse activity + duration in seconds + console messages) × 100, rounded to 2 decimals; as the source sent it, else computed at import. */
  activityScore?: InputMaybe<FloatFilter>;
  /** All of these hold. */
  and?: InputMaybe<Array<SessionRecordingFilter>>;
  /** Number of mouse clicks in the recording. */
  clickCount?: InputMaybe<IntFilter>;
  /** Number of browser console `error` messages in the recording. */
  consoleErrorCount?: InputMaybe<IntFilter>;
  /** Number of browser console `log` messages in the recording. */
  consoleLogCount?: InputMaybe<IntFilter>;
  /** Number of browser console `warn` messages in the recording. */
  consoleWarnCount?: InputMaybe<IntFilter>;
  /** The distinct id that recorded the session: the person's link (PostHog `distinct_id`). */
  distinctId?: InputMaybe<StringFilter>;
  /** When the recording ended (its last event). */
  endTime?: InputMaybe<DateTimeFilter>;
  /** Whether the expiry time has passed (served only under `--retention keep`, the default). */
  expired?: InputMaybe<BooleanFilter>;
  /** When the recording expires: the start day (UTC) plus retentionPeriodDays (30 days when unknown). */
  expiryTime?: InputMaybe<DateTimeFilter>;
  /** External references (linked issues) of the recording, as PostHog sent them. */
  externalReferences?: InputMaybe<JsonFilter>;
  /** The fields of the source record that this type does not model, as the source sent them; null when there were none. */
  extra?: InputMaybe<JsonFilter>;
  /** Whether PostHog has an AI summary of the recording. */
  hasSummary?: InputMaybe<BooleanFilter>;
  /** Whether a Dynatrace user session of the same visit is linked (`userSessions` is not empty; README, "One visit, both products"). */
  hasUserSession?: InputMaybe<BooleanFilter>;
  /** PostHog's session id of the recording. */
  id?: InputMaybe<StringFilter>;
  /** Time without user activity in the recording, in seconds: recordingDuration − activeSeconds (PostHog `inactive_seconds`). */
  inactiveSeconds?: InputMaybe<IntFilter>;
  /** Number of key presses in the recording. */
  keypressCount?: InputMaybe<IntFilter>;
  /** Number of mouse activity events (moves, clicks, scrolls) in the recording. */
  mouseActivityCount?: InputMaybe<IntFilter>;
  /** This does not hold. */
  not?: InputMaybe<SessionRecordingFilter>;
  /** Whether the recording is still being recorded: as the source said, else whether its last data is less than five minutes old. */
  ongoing?: InputMaybe<BooleanFilter>;
  /** At least one of these holds. */
  or?: InputMaybe<Array<SessionRecordingFilter>>;
  /** Conditions on the recording's person (the owner of its distinct id): PostHog person properties, distinct ids, the person's other lists. */
  person?: InputMaybe<PersonFilter>;
  /** Length of the recording, from its first to its last event, in seconds (PostHog `recording_duration`). */
  recordingDuration?: InputMaybe<IntFilter>;
  /** Days until the recording expires (negative once expired): as the source said, else PostHog's count of UTC midnights from now to the expiry time. Ordering by it orders by expiryTime. */
  recordingTtl?: InputMaybe<IntFilter>;
  /** How long PostHog keeps the recording after the day it started, in days; null when the source did not say (PostHog then assumes 30 days). */
  retentionPeriodDays?: InputMaybe<IntFilter>;
  /** The capture library that recorded the snapshots, as PostHog reports it (`snapshot_library`). */
  snapshotLibrary?: InputMaybe<StringFilter>;
  /** Where the snapshots come from: a browser or a mobile app (PostHog `snapshot_source`). */
  snapshotSource?: InputMaybe<SnapshotSourceFilter>;
  /** On the text of `snapshotSource` as sent. */
  snapshotSourceRaw?: InputMaybe<StringFilter>;
  /** When the recording started (its first event). */
  startTime?: InputMaybe<DateTimeFilter>;
  /** The URL of the first page of the recording. */
  startUrl?: InputMaybe<StringFilter>;
  /** The outcome of the recording's AI summary; null when there is none. */
  summaryOutcome?: InputMaybe<JsonFilter>;
  /** Conditions on the Dynatrace user sessions of the same visit (`userSessions`): some, none or every of them match — e.g. replays of sessions that crashed or were FRUSTRATED. */
  userSession?: InputMaybe<UserSessionListFilter>;
  /** Whether the caller (the API key's viewer) has viewed the recording, as PostHog reports it per user; for a caller without a viewer, the `viewed` flag the import carried. */
  viewed?: InputMaybe<BooleanFilter>;
};

/** Which of the related recordings must match; all given conditions must hold. */
export type SessionRecordingListFilter = {
  /** Every one of the recordings matches (true when there are none). */
  every?: InputMaybe<SessionRecordingFilter>;
  /** None of the recordings matches (`{}`: there are none). */
  none?: InputMaybe<SessionRecordingFilter>;
  /** At least one of the recordings matches (`{}`: there is at least one). */
  some?: InputMaybe<SessionRecordingFilter>;
};

/** The numeric fields of SessionRecording that can be aggregated (booleans count as 0/1). */
export type SessionRecordingMeasure =
  /** Time with user activity in the recording, in seconds (PostHog `active_seconds`). */
  | 'ACTIVE_SECONDS'
  /** PostHog's activity score, 0–100: (active seconds + clicks + key presses + console errors) / (mouse activity + duration in seconds + console messages) × 100, rounded to 2 decimals; as the source sent it, else computed at import. */
  | 'ACTIVITY_SCORE'
  /** Number of mouse clicks in the recording. */
  | 'CLICK_COUNT'
  /** Number of browser console `error` messages in the recording. */
  | 'CONSOLE_ERROR_COUNT'
  /** Number of browser console `log` messages in the recording. */
  | 'CONSOLE_LOG_COUNT'
  /** Number of browser console `warn` messages in the recording. */
  | 'CONSOLE_WARN_COUNT'
  /** Whether the expiry time has passed (served only under `--retention keep`, the default). */
  | 'EXPIRED'
  /** Whether PostHog has an AI summary of the recording. */
  | 'HAS_SUMMARY'
  /** Whether a Dynatrace user session of the same visit is linked (`userSessions` is not empty; README, "One visit, both products"). */
  | 'HAS_USER_SESSION'
  /** Time without user activity in the recording, in seconds: recordingDuration − activeSeconds (PostHog `inactive_seconds`). */
  | 'INACTIVE_SECONDS'
  /** Number of key presses in the recording. */
  | 'KEYPRESS_COUNT'
  /** Number of mouse activity events (moves, clicks, scrolls) in the recording. */
  | 'MOUSE_ACTIVITY_COUNT'
  /** Whether the recording is still being recorded: as the source said, else whether its last data is less than five minutes old. */
  | 'ONGOING'
  /** Length of the recording, from its first to its last event, in seconds (PostHog `recording_duration`). */
  | 'RECORDING_DURATION'
  /** Days until the recording expires (negative once expired): as the source said, else PostHog's count of UTC midnights from now to the expiry time. Ordering by it orders by expiryTime. */
  | 'RECORDING_TTL'
  /** How long PostHog keeps the recording after the day it started, in days; null when the source did not say (PostHog then assumes 30 days). */
  | 'RETENTION_PERIOD_DAYS'
  /** Whether the caller (the API key's viewer) has viewed the recording, as PostHog reports it per user; for a caller without a viewer, the `viewed` flag the import carried. */
  | 'VIEWED';

/** One term of a SessionRecording order; later terms break ties of earlier ones, and the row's internal id breaks the rest. */
export type SessionRecordingOrder = {
  /** ASC or DESC; nulls come first ascending and last descending. */
  direction?: SortDirection;
  /** The field to order by. */
  field: SessionRecordingOrderField;
};

/** What SessionRecording lists can be ordered by. */
export type SessionRecordingOrderField =
  /** Time with user activity in the recording, in seconds (PostHog `active_seconds`). */
  | 'ACTIVE_SECONDS'
  /** PostHog's activity score, 0–100: (active seconds + clicks + key presses + console errors) / (mouse activity + duration in seconds + console messages) × 100, rounded to 2 decimals; as the source sent it, else computed at import. */
  | 'ACTIVITY_SCORE'
  /** Number of mouse clicks in the recording. */
  | 'CLICK_COUNT'
  /** Number of browser console `error` messages in the recording. */
  | 'CONSOLE_ERROR_COUNT'
  /** Number of browser console `log` messages in the recording. */
  | 'CONSOLE_LOG_COUNT'
  /** Number of browser console `warn` messages in the recording. */
  | 'CONSOLE_WARN_COUNT'
  /** The distinct id that recorded the session: the person's link (PostHog `distinct_id`). */
  | 'DISTINCT_ID'
  /** When the recording ended (its last event). */
  | 'END_TIME'
  /** When the recording expires: the start day (UTC) plus retentionPeriodDays (30 days when unknown). */
  | 'EXPIRY_TIME'
  /** Whether PostHog has an AI summary of the recording. */
  | 'HAS_SUMMARY'
  /** PostHog's session id of the recording. */
  | 'ID'
  /** Time without user activity in the recording, in seconds: recordingDuration − activeSeconds (PostHog `inactive_seconds`). */
  | 'INACTIVE_SECONDS'
  /** Number of key presses in the recording. */
  | 'KEYPRESS_COUNT'
  /** Number of mouse activity events (moves, clicks, scrolls) in the recording. */
  | 'MOUSE_ACTIVITY_COUNT'
  /** Length of the recording, from its first to its last event, in seconds (PostHog `recording_duration`). */
  | 'RECORDING_DURATION'
  /** Days until the recording expires (negative once expired): as the source said, else PostHog's count of UTC midnights from now to the expiry time. Ordering by it orders by expiryTime. */
  | 'RECORDING_TTL'
  /** How long PostHog keeps the recording after the day it started, in days; null when the source did not say (PostHog then assumes 30 days). */
  | 'RETENTION_PERIOD_DAYS'
  /** The capture library that recorded the snapshots, as PostHog reports it (`snapshot_library`). */
  | 'SNAPSHOT_LIBRARY'
  /** Where the snapshots come from: a browser or a mobile app (PostHog `snapshot_source`). */
  | 'SNAPSHOT_SOURCE'
  /** When the recording started (its first event). */
  | 'START_TIME'
  /** The URL of the first page of the recording. */
  | 'START_URL';

/** A condition on an aggregate of the group (SQL HAVING, USQL FILTER). */
export type SessionRecordingStatsCondition = {
  /** The aggregate of the group to compare. */
  aggregate: StatsAggregate;
  /** The aggregate equals this. */
  eq?: InputMaybe<Scalars['Float']['input']>;
  /** The field the aggregate is over (all but COUNT need one). */
  field?: InputMaybe<SessionRecordingDistinctField>;
  /** The aggregate is greater than this. */
  gt?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is greater than or equal to this. */
  gte?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is less than this. */
  lt?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is less than or equal to this. */
  lte?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate does not equal this. */
  ne?: InputMaybe<Scalars['Float']['input']>;
  /** For PERCENTILE: 0–100. */
  p?: InputMaybe<Scalars['Float']['input']>;
};

/** Order groups by an aggregate (`by`, with `field`/`p` where it needs them) or by a grouped `dimension`. */
export type SessionRecordingStatsOrder = {
  /** Order by this aggregate of each group (give `by` or `dimension`). */
  by?: InputMaybe<StatsAggregate>;
  /** Order by this grouped dimension (give `by` or `dimension`). */
  dimension?: InputMaybe<SessionRecordingDimension>;
  /** Default DESC: largest first. */
  direction?: SortDirection;
  /** The field the aggregate is over. */
  field?: InputMaybe<SessionRecordingDistinctField>;
  /** For PERCENTILE: 0–100. */
  p?: InputMaybe<Scalars['Float']['input']>;
};

/** Where the snapshots of a recording come from. */
export type SnapshotSource =
  /** Recorded in a mobile app by a PostHog mobile SDK (Android, iOS, React Native, Flutter). PostHog: `mobile` (also accepted on input). */
  | 'MOBILE'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  /** PostHog could not tell. PostHog: `unknown` (also accepted on input). */
  | 'UNKNOWN'
  /** Recorded in a browser by posthog-js (rrweb). PostHog: `web` (also accepted on input). */
  | 'WEB';

/** Conditions on a SnapshotSource value; all given conditions must hold. */
export type SnapshotSourceFilter = {
  /** equal to */
  eq?: InputMaybe<SnapshotSource>;
  /** one of */
  in?: InputMaybe<Array<SnapshotSource>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<SnapshotSource>;
  /** none of */
  notIn?: InputMaybe<Array<SnapshotSource>>;
};

/** The direction of an order. */
export type SortDirection =
  /** Smallest first (oldest first for times; nulls first). */
  | 'ASC'
  /** Largest first (newest first for times; nulls last). */
  | 'DESC';

/** An aggregate to order or filter groups by. */
export type StatsAggregate =
  /** Mean of `field`. */
  | 'AVG'
  /** How many rows the group holds (needs no `field`). */
  | 'COUNT'
  /** How many distinct values `field` has. */
  | 'COUNT_DISTINCT'
  /** Largest value of `field`. */
  | 'MAX'
  /** Exact median of `field`. */
  | 'MEDIAN'
  /** Smallest value of `field`. */
  | 'MIN'
  /** Exact percentile `p` (0–100) of `field`. */
  | 'PERCENTILE'
  /** Sum of `field`. */
  | 'SUM';

/** Conditions on a String value; all given conditions must hold. */
export type StringFilter = {
  /** contains this text, ignoring case (Unicode case folding: `zürich` matches `ZÜRICH`, `strasse` matches `Straße`; at most 1,000 characters) */
  contains?: InputMaybe<Scalars['String']['input']>;
  /** ends with this text, ignoring case (Unicode case folding, as `contains`; at most 1,000 characters) */
  endsWith?: InputMaybe<Scalars['String']['input']>;
  /** equal to */
  eq?: InputMaybe<Scalars['String']['input']>;
  /** greater than */
  gt?: InputMaybe<Scalars['String']['input']>;
  /** greater than or equal to */
  gte?: InputMaybe<Scalars['String']['input']>;
  /** matches this LIKE pattern (as `like`) ignoring case: the pattern and the value are compared after Unicode case folding; at most 1,000 characters */
  ilike?: InputMaybe<Scalars['String']['input']>;
  /** one of */
  in?: InputMaybe<Array<Scalars['String']['input']>>;
  /** true: the field is null; false: it is not */
  isNull?: InputMaybe<Scalars['Boolean']['input']>;
  /** matches this SQL LIKE pattern, case-sensitive: `%` any run of characters, `_` any one character, `\` makes the next character literal (`50\%` is the text "50%", `\\` a backslash); the whole value must match (`%checkout%` for "contains"); at most 1,000 characters */
  like?: InputMaybe<Scalars['String']['input']>;
  /** less than */
  lt?: InputMaybe<Scalars['String']['input']>;
  /** less than or equal to */
  lte?: InputMaybe<Scalars['String']['input']>;
  /** not equal to (rows where the field is null do not match) */
  ne?: InputMaybe<Scalars['String']['input']>;
  /** none of */
  notIn?: InputMaybe<Array<Scalars['String']['input']>>;
  /** matches this regular expression somewhere in the value (anchor with `^` and `$`): RE2 syntax where both stores agree — literals, `.`, classes `[a-z]` `[^…]`, `\d \w \s` (ASCII) and their negations, groups `(…)` `(?:…)`, `|`, quantifiers `* + ? {n,m}` (n, m ≤ 255), escaped punctuation, and `(?i)` at the start to ignore case. Matching time is linear in the value (no backtracking); at most 1,000 characters, repetitions expanding to at most 1,000 copies */
  regex?: InputMaybe<Scalars['String']['input']>;
  /** starts with this text, ignoring case (Unicode case folding, as `contains`; at most 1,000 characters) */
  startsWith?: InputMaybe<Scalars['String']['input']>;
};

/** What SyntheticEvent stats can be grouped by. */
export type SyntheticEventDimension =
  /** A description of the error that occurred during the event. */
  | 'ERROR_NAME'
  /** The name of the synthetic event. */
  | 'NAME'
  /** The Dynatrace entity ID of the synthetic event. */
  | 'SYNTHETIC_EVENT_ID'
  /** The type of the synthetic event, e.g. click or keystroke. */
  | 'TYPE';

/** What countDistinct can count on SyntheticEvent. */
export type SyntheticEventDistinctField =
  /** The code of the error that occurred during the event. */
  | 'ERROR_CODE'
  /** A description of the error that occurred during the event. */
  | 'ERROR_NAME'
  /** The name of the synthetic event. */
  | 'NAME'
  /** The position of the event in the whole browser monitor (its sequence number). */
  | 'SEQUENCE_NUMBER'
  /** Distinct user sessions. */
  | 'SESSION'
  /** The Dynatrace entity ID of the synthetic event. */
  | 'SYNTHETIC_EVENT_ID'
  /** The type of the synthetic event, e.g. click or keystroke. */
  | 'TYPE';

/** Conditions on SyntheticEvent; all given conditions must hold. */
export type SyntheticEventFilter = {
  /** All of these hold. */
  and?: InputMaybe<Array<SyntheticEventFilter>>;
  /** The code of the error that occurred during the event. */
  errorCode?: InputMaybe<IntFilter>;
  /** A description of the error that occurred during the event. */
  errorName?: InputMaybe<StringFilter>;
  /** The fields of the source record that this type does not model, as the source sent them; null when there were none. */
  extra?: InputMaybe<JsonFilter>;
  /** The name of the synthetic event. */
  name?: InputMaybe<StringFilter>;
  /** This does not hold. */
  not?: InputMaybe<SyntheticEventFilter>;
  /** At least one of these holds. */
  or?: InputMaybe<Array<SyntheticEventFilter>>;
  /** The position of the event in the whole browser monitor (its sequence number). */
  sequenceNumber?: InputMaybe<IntFilter>;
  /** Conditions on the synthetic event's session (its country, browser, user, …). */
  session?: InputMaybe<UserSessionFilter>;
  /** The Dynatrace entity ID of the synthetic event. */
  syntheticEventId?: InputMaybe<StringFilter>;
  /** When the synthetic event was simulated (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  timestamp?: InputMaybe<DateTimeFilter>;
  /** The type of the synthetic event, e.g. click or keystroke. */
  type?: InputMaybe<StringFilter>;
};

/** Which of the related synthetic events must match; all given conditions must hold. */
export type SyntheticEventListFilter = {
  /** Every one of the synthetic events matches (true when there are none). */
  every?: InputMaybe<SyntheticEventFilter>;
  /** None of the synthetic events matches (`{}`: there are none). */
  none?: InputMaybe<SyntheticEventFilter>;
  /** At least one of the synthetic events matches (`{}`: there is at least one). */
  some?: InputMaybe<SyntheticEventFilter>;
};

/** The numeric fields of SyntheticEvent that can be aggregated (booleans count as 0/1). */
export type SyntheticEventMeasure =
  /** The code of the error that occurred during the event. */
  | 'ERROR_CODE'
  /** The position of the event in the whole browser monitor (its sequence number). */
  | 'SEQUENCE_NUMBER';

/** One term of a SyntheticEvent order; later terms break ties of earlier ones, and the row's internal id breaks the rest. */
export type SyntheticEventOrder = {
  /** ASC or DESC; nulls come first ascending and last descending. */
  direction?: SortDirection;
  /** The field to order by. */
  field: SyntheticEventOrderField;
};

/** What SyntheticEvent lists can be ordered by. */
export type SyntheticEventOrderField =
  /** The code of the error that occurred during the event. */
  | 'ERROR_CODE'
  /** A description of the error that occurred during the event. */
  | 'ERROR_NAME'
  /** The name of the synthetic event. */
  | 'NAME'
  /** The position of the event in the whole browser monitor (its sequence number). */
  | 'SEQUENCE_NUMBER'
  /** The Dynatrace entity ID of the synthetic event. */
  | 'SYNTHETIC_EVENT_ID'
  /** When the synthetic event was simulated (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  | 'TIMESTAMP'
  /** The type of the synthetic event, e.g. click or keystroke. */
  | 'TYPE';

/** A condition on an aggregate of the group (SQL HAVING, USQL FILTER). */
export type SyntheticEventStatsCondition = {
  /** The aggregate of the group to compare. */
  aggregate: StatsAggregate;
  /** The aggregate equals this. */
  eq?: InputMaybe<Scalars['Float']['input']>;
  /** The field the aggregate is over (all but COUNT need one). */
  field?: InputMaybe<SyntheticEventDistinctField>;
  /** The aggregate is greater than this. */
  gt?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is greater than or equal to this. */
  gte?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is less than this. */
  lt?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is less than or equal to this. */
  lte?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate does not equal this. */
  ne?: InputMaybe<Scalars['Float']['input']>;
  /** For PERCENTILE: 0–100. */
  p?: InputMaybe<Scalars['Float']['input']>;
};

/** Order groups by an aggregate (`by`, with `field`/`p` where it needs them) or by a grouped `dimension`. */
export type SyntheticEventStatsOrder = {
  /** Order by this aggregate of each group (give `by` or `dimension`). */
  by?: InputMaybe<StatsAggregate>;
  /** Order by this grouped dimension (give `by` or `dimension`). */
  dimension?: InputMaybe<SyntheticEventDimension>;
  /** Default DESC: largest first. */
  direction?: SortDirection;
  /** The field the aggregate is over. */
  field?: InputMaybe<SyntheticEventDistinctField>;
  /** For PERCENTILE: 0–100. */
  p?: InputMaybe<Scalars['Float']['input']>;
};

/** Conditions on timeline items; all given conditions must hold. */
export type TimelineFilter = {
  /** The item's time (`at`). */
  at?: InputMaybe<DateTimeFilter>;
};

/** What a person's timeline item is; at the same millisecond items come in this order. */
export type TimelineKind =
  /** A PostHog session recording (at its start time). */
  | 'RECORDING'
  /** A user action of one of the person's sessions (at its start time). */
  | 'USER_ACTION'
  /** An error of one of the person's sessions (at its time). */
  | 'USER_ERROR'
  /** A Dynatrace user session (at its start time). */
  | 'USER_SESSION';

/** What UserAction stats can be grouped by. */
export type UserActionDimension =
  /** The Apdex rating (user experience index) of the user action. */
  | 'APDEX_CATEGORY'
  /** The name of the application where the user action was recorded. */
  | 'APPLICATION'
  /** The DNS domain where the user action was recorded. */
  | 'DOMAIN'
  /** Whether the user action has a crash. */
  | 'HAS_CRASH'
  /** The Dynatrace entity ID of the application (APPLICATION-…), usable as a key in other Dynatrace APIs. */
  | 'INTERNAL_APPLICATION_ID'
  /** The Dynatrace entity ID of the key user action. */
  | 'INTERNAL_KEY_USER_ACTION_ID'
  /** Whether the user action is a key user action. */
  | 'KEY_USER_ACTION'
  /** The name of the user action: typically the loaded page, or a description of the action such as a click. */
  | 'NAME'
  /** The name of the Synthetic event that triggered the user action. */
  | 'SYNTHETIC_EVENT'
  /** The ID of the Synthetic event that triggered the user action. */
  | 'SYNTHETIC_EVENT_ID'
  /** The target URL of the user action. */
  | 'TARGET_URL'
  /** The type of the user action. */
  | 'TYPE';

/** What countDistinct can count on UserAction. */
export type UserActionDistinctField =
  /** The Apdex rating (user experience index) of the user action. */
  | 'APDEX_CATEGORY'
  /** The name of the application where the user action was recorded. */
  | 'APPLICATION'
  /** Time spent waiting for CDN resources, in milliseconds. */
  | 'CDN_BUSY_TIME'
  /** Number of resources fetched from a CDN. */
  | 'CDN_RESOURCES'
  /** Cumulative layout shift (CLS): the sum of the scores of all unexpected layout shifts of the page (unitless; lower is more stable). */
  | 'CUMULATIVE_LAYOUT_SHIFT'
  /** Number of custom errors during the user action. */
  | 'CUSTOM_ERROR_COUNT'
  /** Time until the document became interactive, in milliseconds. */
  | 'DOCUMENT_INTERACTIVE_TIME'
  /** The DNS domain where the user action was recorded. */
  | 'DOMAIN'
  /** Time until the DOM tree was complete, in milliseconds. */
  | 'DOM_COMPLETE_TIME'
  /** Time until the DOM tree was loaded (DOMContentLoaded), in milliseconds. */
  | 'DOM_CONTENT_LOADED_TIME'
  /** Length of the user action, in milliseconds: from its start to its end. */
  | 'DURATION'
  /** First input delay (FID), in milliseconds: how long the browser took to respond to the first user input. */
  | 'FIRST_INPUT_DELAY'
  /** Time spent waiting for resources from the originating server, in milliseconds. */
  | 'FIRST_PARTY_BUSY_TIME'
  /** Number of resources fetched from the originating server. */
  | 'FIRST_PARTY_RESOURCES'
  /** Time spent on frontend rendering for the user action, in milliseconds. */
  | 'FRONTEND_TIME'
  /** Whether the user action has a crash. */
  | 'HAS_CRASH'
  /** The Dynatrace entity ID of the application (APPLICATION-…), usable as a key in other Dynatrace APIs. */
  | 'INTERNAL_APPLICATION_ID'
  /** The Dynatrace entity ID of the key user action. */
  | 'INTERNAL_KEY_USER_ACTION_ID'
  /** Number of JavaScript errors during the user action. */
  | 'JAVASCRIPT_ERROR_COUNT'
  /** Whether the user action is a key user action. */
  | 'KEY_USER_ACTION'
  /** Largest contentful paint (LCP), in milliseconds: when the largest element of the page was rendered (load speed). */
  | 'LARGEST_CONTENTFUL_PAINT'
  /** Time until the load event ended, in milliseconds. */
  | 'LOAD_EVENT_END'
  /** Time until the load event started, in milliseconds. */
  | 'LOAD_EVENT_START'
  /** The name of the user action: typically the loaded page, or a description of the action such as a click. */
  | 'NAME'
  /** Time spent transferring data for the user action, in milliseconds. */
  | 'NETWORK_TIME'
  /** Number of request errors during the user action. */
  | 'REQUEST_ERROR_COUNT'
  /** Time until the request started, in milliseconds. */
  | 'REQUEST_START'
  /** Time until the response ended, in milliseconds. */
  | 'RESPONSE_END'
  /** Time until the response started, in milliseconds. */
  | 'RESPONSE_START'
  /** Time spent on server-side processing for the user action, in milliseconds. */
  | 'SERVER_TIME'
  /** Distinct user sessions. */
  | 'SESSION'
  /** The speed index of the user action, in milliseconds: the average time for the visible parts of the page to display. */
  | 'SPEED_INDEX'
  /** The name of the Synthetic event that triggered the user action. */
  | 'SYNTHETIC_EVENT'
  /** The ID of the Synthetic event that triggered the user action. */
  | 'SYNTHETIC_EVENT_ID'
  /** The target URL of the user action. */
  | 'TARGET_URL'
  /** Time spent waiting for third-party resources, in milliseconds. */
  | 'THIRD_PARTY_BUSY_TIME'
  /** Number of third-party resources loaded. */
  | 'THIRD_PARTY_RESOURCES'
  /** Total blocking time (TBT), in milliseconds: the time between first contentful paint and time to interactive during which input was blocked. */
  | 'TOTAL_BLOCKING_TIME'
  /** The type of the user action. */
  | 'TYPE'
  /** Number of custom properties of the user action. */
  | 'USER_ACTION_PROPERTY_COUNT'
  /** Time until the page was visually complete, in milliseconds. */
  | 'VISUALLY_COMPLETE_TIME';

/** Conditions on UserAction; all given conditions must hold. */
export type UserActionFilter = {
  /** All of these hold. */
  and?: InputMaybe<Array<UserActionFilter>>;
  /** The Apdex rating (user experience index) of the user action. */
  apdexCategory?: InputMaybe<ApdexCategoryFilter>;
  /** On the text of `apdexCategory` as sent. */
  apdexCategoryRaw?: InputMaybe<StringFilter>;
  /** The name of the application where the user action was recorded. */
  application?: InputMaybe<StringFilter>;
  /** Time spent waiting for CDN resources, in milliseconds. */
  cdnBusyTime?: InputMaybe<IntFilter>;
  /** Number of resources fetched from a CDN. */
  cdnResources?: InputMaybe<IntFilter>;
  /** Cumulative layout shift (CLS): the sum of the scores of all unexpected layout shifts of the page (unitless; lower is more stable). */
  cumulativeLayoutShift?: InputMaybe<FloatFilter>;
  /** Number of custom errors during the user action. */
  customErrorCount?: InputMaybe<IntFilter>;
  /** Time until the document became interactive, in milliseconds. */
  documentInteractiveTime?: InputMaybe<IntFilter>;
  /** Time until the DOM tree was complete, in milliseconds. */
  domCompleteTime?: InputMaybe<IntFilter>;
  /** Time until the DOM tree was loaded (DOMContentLoaded), in milliseconds. */
  domContentLoadedTime?: InputMaybe<IntFilter>;
  /** The DNS domain where the user action was recorded. */
  domain?: InputMaybe<StringFilter>;
  /** Length of the user action, in milliseconds: from its start to its end. */
  duration?: InputMaybe<IntFilter>;
  /** When the user action ended (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  endTime?: InputMaybe<DateTimeFilter>;
  /** The fields of the source record that this type does not model, as the source sent them; null when there were none. */
  extra?: InputMaybe<JsonFilter>;
  /** First input delay (FID), in milliseconds: how long the browser took to respond to the first user input. */
  firstInputDelay?: InputMaybe<IntFilter>;
  /** Time spent waiting for resources from the originating server, in milliseconds. */
  firstPartyBusyTime?: InputMaybe<IntFilter>;
  /** Number of resources fetched from the originating server. */
  firstPartyResources?: InputMaybe<IntFilter>;
  /** Time spent on frontend rendering for the user action, in milliseconds. */
  frontendTime?: InputMaybe<IntFilter>;
  /** Whether the user action has a crash. */
  hasCrash?: InputMaybe<BooleanFilter>;
  /** The Dynatrace entity ID of the application (APPLICATION-…), usable as a key in other Dynatrace APIs. */
  internalApplicationId?: InputMaybe<StringFilter>;
  /** The Dynatrace entity ID of the key user action. */
  internalKeyUserActionId?: InputMaybe<StringFilter>;
  /** Number of JavaScript errors during the user action. */
  javascriptErrorCount?: InputMaybe<IntFilter>;
  /** Whether the user action is a key user action. */
  keyUserAction?: InputMaybe<BooleanFilter>;
  /** Largest contentful paint (LCP), in milliseconds: when the largest element of the page was rendered (load speed). */
  largestContentfulPaint?: InputMaybe<IntFilter>;
  /** Time until the load event ended, in milliseconds. */
  loadEventEnd?: InputMaybe<IntFilter>;
  /** Time until the load event started, in milliseconds. */
  loadEventStart?: InputMaybe<IntFilter>;
  /** The conversion goals the user action achieved. */
  matchingConversionGoals?: InputMaybe<JsonFilter>;
  /** The name of the user action: typically the loaded page, or a description of the action such as a click. */
  name?: InputMaybe<StringFilter>;
  /** When the navigation started (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  navigationStart?: InputMaybe<DateTimeFilter>;
  /** Time spent transferring data for the user action, in milliseconds. */
  networkTime?: InputMaybe<IntFilter>;
  /** This does not hold. */
  not?: InputMaybe<UserActionFilter>;
  /** At least one of these holds. */
  or?: InputMaybe<Array<UserActionFilter>>;
  /** Custom properties; all must match. */
  property?: InputMaybe<Array<PropertyFilter>>;
  /** Number of request errors during the user action. */
  requestErrorCount?: InputMaybe<IntFilter>;
  /** Time until the request started, in milliseconds. */
  requestStart?: InputMaybe<IntFilter>;
  /** Time until the response ended, in milliseconds. */
  responseEnd?: InputMaybe<IntFilter>;
  /** Time until the response started, in milliseconds. */
  responseStart?: InputMaybe<IntFilter>;
  /** Time spent on server-side processing for the user action, in milliseconds. */
  serverTime?: InputMaybe<IntFilter>;
  /** Conditions on the action's session (its country, browser, user, …). */
  session?: InputMaybe<UserSessionFilter>;
  /** The speed index of the user action, in milliseconds: the average time for the visible parts of the page to display. */
  speedIndex?: InputMaybe<IntFilter>;
  /** When the user action started (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  startTime?: InputMaybe<DateTimeFilter>;
  /** The name of the Synthetic event that triggered the user action. */
  syntheticEvent?: InputMaybe<StringFilter>;
  /** The ID of the Synthetic event that triggered the user action. */
  syntheticEventId?: InputMaybe<StringFilter>;
  /** The target URL of the user action. */
  targetUrl?: InputMaybe<StringFilter>;
  /** Time spent waiting for third-party resources, in milliseconds. */
  thirdPartyBusyTime?: InputMaybe<IntFilter>;
  /** Number of third-party resources loaded. */
  thirdPartyResources?: InputMaybe<IntFilter>;
  /** Total blocking time (TBT), in milliseconds: the time between first contentful paint and time to interactive during which input was blocked. */
  totalBlockingTime?: InputMaybe<IntFilter>;
  /** The type of the user action. */
  type?: InputMaybe<UserActionTypeFilter>;
  /** On the text of `type` as sent. */
  typeRaw?: InputMaybe<StringFilter>;
  /** Number of custom properties of the user action. */
  userActionPropertyCount?: InputMaybe<IntFilter>;
  /** Time until the page was visually complete, in milliseconds. */
  visuallyCompleteTime?: InputMaybe<IntFilter>;
};

/** Which of the related user actions must match; all given conditions must hold. */
export type UserActionListFilter = {
  /** Every one of the user actions matches (true when there are none). */
  every?: InputMaybe<UserActionFilter>;
  /** None of the user actions matches (`{}`: there are none). */
  none?: InputMaybe<UserActionFilter>;
  /** At least one of the user actions matches (`{}`: there is at least one). */
  some?: InputMaybe<UserActionFilter>;
};

/** The numeric fields of UserAction that can be aggregated (booleans count as 0/1). */
export type UserActionMeasure =
  /** Time spent waiting for CDN resources, in milliseconds. */
  | 'CDN_BUSY_TIME'
  /** Number of resources fetched from a CDN. */
  | 'CDN_RESOURCES'
  /** Cumulative layout shift (CLS): the sum of the scores of all unexpected layout shifts of the page (unitless; lower is more stable). */
  | 'CUMULATIVE_LAYOUT_SHIFT'
  /** Number of custom errors during the user action. */
  | 'CUSTOM_ERROR_COUNT'
  /** Time until the document became interactive, in milliseconds. */
  | 'DOCUMENT_INTERACTIVE_TIME'
  /** Time until the DOM tree was complete, in milliseconds. */
  | 'DOM_COMPLETE_TIME'
  /** Time until the DOM tree was loaded (DOMContentLoaded), in milliseconds. */
  | 'DOM_CONTENT_LOADED_TIME'
  /** Length of the user action, in milliseconds: from its start to its end. */
  | 'DURATION'
  /** First input delay (FID), in milliseconds: how long the browser took to respond to the first user input. */
  | 'FIRST_INPUT_DELAY'
  /** Time spent waiting for resources from the originating server, in milliseconds. */
  | 'FIRST_PARTY_BUSY_TIME'
  /** Number of resources fetched from the originating server. */
  | 'FIRST_PARTY_RESOURCES'
  /** Time spent on frontend rendering for the user action, in milliseconds. */
  | 'FRONTEND_TIME'
  /** Whether the user action has a crash. */
  | 'HAS_CRASH'
  /** Number of JavaScript errors during the user action. */
  | 'JAVASCRIPT_ERROR_COUNT'
  /** Whether the user action is a key user action. */
  | 'KEY_USER_ACTION'
  /** Largest contentful paint (LCP), in milliseconds: when the largest element of the page was rendered (load speed). */
  | 'LARGEST_CONTENTFUL_PAINT'
  /** Time until the load event ended, in milliseconds. */
  | 'LOAD_EVENT_END'
  /** Time until the load event started, in milliseconds. */
  | 'LOAD_EVENT_START'
  /** Time spent transferring data for the user action, in milliseconds. */
  | 'NETWORK_TIME'
  /** Number of request errors during the user action. */
  | 'REQUEST_ERROR_COUNT'
  /** Time until the request started, in milliseconds. */
  | 'REQUEST_START'
  /** Time until the response ended, in milliseconds. */
  | 'RESPONSE_END'
  /** Time until the response started, in milliseconds. */
  | 'RESPONSE_START'
  /** Time spent on server-side processing for the user action, in milliseconds. */
  | 'SERVER_TIME'
  /** The speed index of the user action, in milliseconds: the average time for the visible parts of the page to display. */
  | 'SPEED_INDEX'
  /** Time spent waiting for third-party resources, in milliseconds. */
  | 'THIRD_PARTY_BUSY_TIME'
  /** Number of third-party resources loaded. */
  | 'THIRD_PARTY_RESOURCES'
  /** Total blocking time (TBT), in milliseconds: the time between first contentful paint and time to interactive during which input was blocked. */
  | 'TOTAL_BLOCKING_TIME'
  /** Number of custom properties of the user action. */
  | 'USER_ACTION_PROPERTY_COUNT'
  /** Time until the page was visually complete, in milliseconds. */
  | 'VISUALLY_COMPLETE_TIME';

/** One term of a UserAction order; later terms break ties of earlier ones, and the row's internal id breaks the rest. */
export type UserActionOrder = {
  /** ASC or DESC; nulls come first ascending and last descending. */
  direction?: SortDirection;
  /** The field to order by. */
  field: UserActionOrderField;
};

/** What UserAction lists can be ordered by. */
export type UserActionOrderField =
  /** The Apdex rating (user experience index) of the user action. */
  | 'APDEX_CATEGORY'
  /** The name of the application where the user action was recorded. */
  | 'APPLICATION'
  /** Time spent waiting for CDN resources, in milliseconds. */
  | 'CDN_BUSY_TIME'
  /** Number of resources fetched from a CDN. */
  | 'CDN_RESOURCES'
  /** Cumulative layout shift (CLS): the sum of the scores of all unexpected layout shifts of the page (unitless; lower is more stable). */
  | 'CUMULATIVE_LAYOUT_SHIFT'
  /** Number of custom errors during the user action. */
  | 'CUSTOM_ERROR_COUNT'
  /** Time until the document became interactive, in milliseconds. */
  | 'DOCUMENT_INTERACTIVE_TIME'
  /** The DNS domain where the user action was recorded. */
  | 'DOMAIN'
  /** Time until the DOM tree was complete, in milliseconds. */
  | 'DOM_COMPLETE_TIME'
  /** Time until the DOM tree was loaded (DOMContentLoaded), in milliseconds. */
  | 'DOM_CONTENT_LOADED_TIME'
  /** Length of the user action, in milliseconds: from its start to its end. */
  | 'DURATION'
  /** When the user action ended (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  | 'END_TIME'
  /** First input delay (FID), in milliseconds: how long the browser took to respond to the first user input. */
  | 'FIRST_INPUT_DELAY'
  /** Time spent waiting for resources from the originating server, in milliseconds. */
  | 'FIRST_PARTY_BUSY_TIME'
  /** Number of resources fetched from the originating server. */
  | 'FIRST_PARTY_RESOURCES'
  /** Time spent on frontend rendering for the user action, in milliseconds. */
  | 'FRONTEND_TIME'
  /** Whether the user action has a crash. */
  | 'HAS_CRASH'
  /** The Dynatrace entity ID of the application (APPLICATION-…), usable as a key in other Dynatrace APIs. */
  | 'INTERNAL_APPLICATION_ID'
  /** The Dynatrace entity ID of the key user action. */
  | 'INTERNAL_KEY_USER_ACTION_ID'
  /** Number of JavaScript errors during the user action. */
  | 'JAVASCRIPT_ERROR_COUNT'
  /** Whether the user action is a key user action. */
  | 'KEY_USER_ACTION'
  /** Largest contentful paint (LCP), in milliseconds: when the largest element of the page was rendered (load speed). */
  | 'LARGEST_CONTENTFUL_PAINT'
  /** Time until the load event ended, in milliseconds. */
  | 'LOAD_EVENT_END'
  /** Time until the load event started, in milliseconds. */
  | 'LOAD_EVENT_START'
  /** The name of the user action: typically the loaded page, or a description of the action such as a click. */
  | 'NAME'
  /** When the navigation started (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  | 'NAVIGATION_START'
  /** Time spent transferring data for the user action, in milliseconds. */
  | 'NETWORK_TIME'
  /** Number of request errors during the user action. */
  | 'REQUEST_ERROR_COUNT'
  /** Time until the request started, in milliseconds. */
  | 'REQUEST_START'
  /** Time until the response ended, in milliseconds. */
  | 'RESPONSE_END'
  /** Time until the response started, in milliseconds. */
  | 'RESPONSE_START'
  /** Time spent on server-side processing for the user action, in milliseconds. */
  | 'SERVER_TIME'
  /** The speed index of the user action, in milliseconds: the average time for the visible parts of the page to display. */
  | 'SPEED_INDEX'
  /** When the user action started (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  | 'START_TIME'
  /** The name of the Synthetic event that triggered the user action. */
  | 'SYNTHETIC_EVENT'
  /** The ID of the Synthetic event that triggered the user action. */
  | 'SYNTHETIC_EVENT_ID'
  /** The target URL of the user action. */
  | 'TARGET_URL'
  /** Time spent waiting for third-party resources, in milliseconds. */
  | 'THIRD_PARTY_BUSY_TIME'
  /** Number of third-party resources loaded. */
  | 'THIRD_PARTY_RESOURCES'
  /** Total blocking time (TBT), in milliseconds: the time between first contentful paint and time to interactive during which input was blocked. */
  | 'TOTAL_BLOCKING_TIME'
  /** The type of the user action. */
  | 'TYPE'
  /** Number of custom properties of the user action. */
  | 'USER_ACTION_PROPERTY_COUNT'
  /** Time until the page was visually complete, in milliseconds. */
  | 'VISUALLY_COMPLETE_TIME';

/** A condition on an aggregate of the group (SQL HAVING, USQL FILTER). */
export type UserActionStatsCondition = {
  /** The aggregate of the group to compare. */
  aggregate: StatsAggregate;
  /** The aggregate equals this. */
  eq?: InputMaybe<Scalars['Float']['input']>;
  /** The field the aggregate is over (all but COUNT need one). */
  field?: InputMaybe<UserActionDistinctField>;
  /** The aggregate is greater than this. */
  gt?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is greater than or equal to this. */
  gte?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is less than this. */
  lt?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is less than or equal to this. */
  lte?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate does not equal this. */
  ne?: InputMaybe<Scalars['Float']['input']>;
  /** For PERCENTILE: 0–100. */
  p?: InputMaybe<Scalars['Float']['input']>;
  /** A numeric custom property the aggregate is over, instead of `field`. */
  property?: InputMaybe<Scalars['String']['input']>;
};

/** Order groups by an aggregate (`by`, with `field`/`p` where it needs them) or by a grouped `dimension`. */
export type UserActionStatsOrder = {
  /** Order by this aggregate of each group (give `by` or `dimension`). */
  by?: InputMaybe<StatsAggregate>;
  /** Order by this grouped dimension (give `by` or `dimension`). */
  dimension?: InputMaybe<UserActionDimension>;
  /** Default DESC: largest first. */
  direction?: SortDirection;
  /** The field the aggregate is over. */
  field?: InputMaybe<UserActionDistinctField>;
  /** For PERCENTILE: 0–100. */
  p?: InputMaybe<Scalars['Float']['input']>;
  /** A numeric custom property the aggregate is over, instead of `field`. */
  property?: InputMaybe<Scalars['String']['input']>;
};

/** The type of a user action. */
export type UserActionType =
  /** A custom action (reported through an agent API, e.g. on mobile). Dynatrace: `Custom` (also accepted on input). */
  | 'CUSTOM'
  /** The end of the visit. Dynatrace: `EndVisit` (also accepted on input). */
  | 'END_VISIT'
  /** An error reported as an action. Dynatrace: `Error` (also accepted on input). */
  | 'ERROR'
  /** A page load. Dynatrace: `Load` (also accepted on input). */
  | 'LOAD'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  /** A rage click (rapid repeated clicks). Dynatrace: `RageClick` (also accepted on input). */
  | 'RAGE_CLICK'
  /** A hidden action of a Synthetic monitor. Dynatrace: `SyntheticHiddenAction` (also accepted on input). */
  | 'SYNTHETIC_HIDDEN_ACTION'
  /** An action that carries session properties only. Dynatrace: `UserSessionProperties` (also accepted on input). */
  | 'USER_SESSION_PROPERTIES'
  /** A session tag (the user was identified). Dynatrace: `VisitTag` (also accepted on input). */
  | 'VISIT_TAG'
  /** An XHR/fetch action: an interaction that sent requests without a page load. Dynatrace: `Xhr` (also accepted on input). */
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

/** What UserError stats can be grouped by. */
export type UserErrorDimension =
  /** The name of the application, by the configured detection rules. */
  | 'APPLICATION'
  /** The DNS domain where it was recorded. */
  | 'DOMAIN'
  /** The Dynatrace entity ID of the application (APPLICATION-…), usable as a key in other Dynatrace APIs. */
  | 'INTERNAL_APPLICATION_ID'
  /** The name of the error. */
  | 'NAME'
  /** The type of the error, as Dynatrace sent it (the values of UserEventType, e.g. `Error`, `Crash`; kept as text). */
  | 'TYPE';

/** What countDistinct can count on UserError. */
export type UserErrorDistinctField =
  /** The name of the application, by the configured detection rules. */
  | 'APPLICATION'
  /** The DNS domain where it was recorded. */
  | 'DOMAIN'
  /** The Dynatrace entity ID of the application (APPLICATION-…), usable as a key in other Dynatrace APIs. */
  | 'INTERNAL_APPLICATION_ID'
  /** The name of the error. */
  | 'NAME'
  /** Distinct user sessions. */
  | 'SESSION'
  /** The type of the error, as Dynatrace sent it (the values of UserEventType, e.g. `Error`, `Crash`; kept as text). */
  | 'TYPE';

/** Conditions on UserError; all given conditions must hold. */
export type UserErrorFilter = {
  /** All of these hold. */
  and?: InputMaybe<Array<UserErrorFilter>>;
  /** The name of the application, by the configured detection rules. */
  application?: InputMaybe<StringFilter>;
  /** The DNS domain where it was recorded. */
  domain?: InputMaybe<StringFilter>;
  /** The fields of the source record that this type does not model, as the source sent them; null when there were none. */
  extra?: InputMaybe<JsonFilter>;
  /** The Dynatrace entity ID of the application (APPLICATION-…), usable as a key in other Dynatrace APIs. */
  internalApplicationId?: InputMaybe<StringFilter>;
  /** The name of the error. */
  name?: InputMaybe<StringFilter>;
  /** This does not hold. */
  not?: InputMaybe<UserErrorFilter>;
  /** At least one of these holds. */
  or?: InputMaybe<Array<UserErrorFilter>>;
  /** Conditions on the error's session (its country, browser, user, …). */
  session?: InputMaybe<UserSessionFilter>;
  /** When the error happened (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  startTime?: InputMaybe<DateTimeFilter>;
  /** The type of the error, as Dynatrace sent it (the values of UserEventType, e.g. `Error`, `Crash`; kept as text). */
  type?: InputMaybe<StringFilter>;
};

/** Which of the related errors must match; all given conditions must hold. */
export type UserErrorListFilter = {
  /** Every one of the errors matches (true when there are none). */
  every?: InputMaybe<UserErrorFilter>;
  /** None of the errors matches (`{}`: there are none). */
  none?: InputMaybe<UserErrorFilter>;
  /** At least one of the errors matches (`{}`: there is at least one). */
  some?: InputMaybe<UserErrorFilter>;
};

/** One term of a UserError order; later terms break ties of earlier ones, and the row's internal id breaks the rest. */
export type UserErrorOrder = {
  /** ASC or DESC; nulls come first ascending and last descending. */
  direction?: SortDirection;
  /** The field to order by. */
  field: UserErrorOrderField;
};

/** What UserError lists can be ordered by. */
export type UserErrorOrderField =
  /** The name of the application, by the configured detection rules. */
  | 'APPLICATION'
  /** The DNS domain where it was recorded. */
  | 'DOMAIN'
  /** The Dynatrace entity ID of the application (APPLICATION-…), usable as a key in other Dynatrace APIs. */
  | 'INTERNAL_APPLICATION_ID'
  /** The name of the error. */
  | 'NAME'
  /** When the error happened (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  | 'START_TIME'
  /** The type of the error, as Dynatrace sent it (the values of UserEventType, e.g. `Error`, `Crash`; kept as text). */
  | 'TYPE';

/** A condition on an aggregate of the group (SQL HAVING, USQL FILTER). */
export type UserErrorStatsCondition = {
  /** The aggregate of the group to compare. */
  aggregate: StatsAggregate;
  /** The aggregate equals this. */
  eq?: InputMaybe<Scalars['Float']['input']>;
  /** The field the aggregate is over (all but COUNT need one). */
  field?: InputMaybe<UserErrorDistinctField>;
  /** The aggregate is greater than this. */
  gt?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is greater than or equal to this. */
  gte?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is less than this. */
  lt?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is less than or equal to this. */
  lte?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate does not equal this. */
  ne?: InputMaybe<Scalars['Float']['input']>;
  /** For PERCENTILE: 0–100. */
  p?: InputMaybe<Scalars['Float']['input']>;
};

/** Order groups by an aggregate (`by`, with `field`/`p` where it needs them) or by a grouped `dimension`. */
export type UserErrorStatsOrder = {
  /** Order by this aggregate of each group (give `by` or `dimension`). */
  by?: InputMaybe<StatsAggregate>;
  /** Order by this grouped dimension (give `by` or `dimension`). */
  dimension?: InputMaybe<UserErrorDimension>;
  /** Default DESC: largest first. */
  direction?: SortDirection;
  /** The field the aggregate is over. */
  field?: InputMaybe<UserErrorDistinctField>;
  /** For PERCENTILE: 0–100. */
  p?: InputMaybe<Scalars['Float']['input']>;
};

/** What UserEvent stats can be grouped by. */
export type UserEventDimension =
  /** The name of the application, by the configured detection rules. */
  | 'APPLICATION'
  /** The DNS domain where it was recorded. */
  | 'DOMAIN'
  /** The Dynatrace entity ID of the application (APPLICATION-…), usable as a key in other Dynatrace APIs. */
  | 'INTERNAL_APPLICATION_ID'
  /** The metadata attached to the event. */
  | 'METADATA'
  /** The name of the event. */
  | 'NAME'
  /** For a page change: the page the user navigated to. */
  | 'PAGE'
  /** The page group, derived from the page. */
  | 'PAGE_GROUP'
  /** For a page change: the page the user navigated from. */
  | 'PAGE_REFERRER'
  /** The page referrer group, derived from the page referrer. */
  | 'PAGE_REFERRER_GROUP'
  /** The type of the event. */
  | 'TYPE';

/** What countDistinct can count on UserEvent. */
export type UserEventDistinctField =
  /** The name of the application, by the configured detection rules. */
  | 'APPLICATION'
  /** The DNS domain where it was recorded. */
  | 'DOMAIN'
  /** The Dynatrace entity ID of the application (APPLICATION-…), usable as a key in other Dynatrace APIs. */
  | 'INTERNAL_APPLICATION_ID'
  /** The metadata attached to the event. */
  | 'METADATA'
  /** The name of the event. */
  | 'NAME'
  /** For a page change: the page the user navigated to. */
  | 'PAGE'
  /** The page group, derived from the page. */
  | 'PAGE_GROUP'
  /** For a page change: the page the user navigated from. */
  | 'PAGE_REFERRER'
  /** The page referrer group, derived from the page referrer. */
  | 'PAGE_REFERRER_GROUP'
  /** Distinct user sessions. */
  | 'SESSION'
  /** The type of the event. */
  | 'TYPE';

/** Conditions on UserEvent; all given conditions must hold. */
export type UserEventFilter = {
  /** All of these hold. */
  and?: InputMaybe<Array<UserEventFilter>>;
  /** The name of the application, by the configured detection rules. */
  application?: InputMaybe<StringFilter>;
  /** The DNS domain where it was recorded. */
  domain?: InputMaybe<StringFilter>;
  /** The fields of the source record that this type does not model, as the source sent them; null when there were none. */
  extra?: InputMaybe<JsonFilter>;
  /** The Dynatrace entity ID of the application (APPLICATION-…), usable as a key in other Dynatrace APIs. */
  internalApplicationId?: InputMaybe<StringFilter>;
  /** The metadata attached to the event. */
  metadata?: InputMaybe<StringFilter>;
  /** The name of the event. */
  name?: InputMaybe<StringFilter>;
  /** This does not hold. */
  not?: InputMaybe<UserEventFilter>;
  /** At least one of these holds. */
  or?: InputMaybe<Array<UserEventFilter>>;
  /** For a page change: the page the user navigated to. */
  page?: InputMaybe<StringFilter>;
  /** The page group, derived from the page. */
  pageGroup?: InputMaybe<StringFilter>;
  /** For a page change: the page the user navigated from. */
  pageReferrer?: InputMaybe<StringFilter>;
  /** The page referrer group, derived from the page referrer. */
  pageReferrerGroup?: InputMaybe<StringFilter>;
  /** Conditions on the event's session (its country, browser, user, …). */
  session?: InputMaybe<UserSessionFilter>;
  /** When the event happened (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  startTime?: InputMaybe<DateTimeFilter>;
  /** The type of the event. */
  type?: InputMaybe<UserEventTypeFilter>;
  /** On the text of `type` as sent. */
  typeRaw?: InputMaybe<StringFilter>;
};

/** Which of the related events must match; all given conditions must hold. */
export type UserEventListFilter = {
  /** Every one of the events matches (true when there are none). */
  every?: InputMaybe<UserEventFilter>;
  /** None of the events matches (`{}`: there are none). */
  none?: InputMaybe<UserEventFilter>;
  /** At least one of the events matches (`{}`: there is at least one). */
  some?: InputMaybe<UserEventFilter>;
};

/** One term of a UserEvent order; later terms break ties of earlier ones, and the row's internal id breaks the rest. */
export type UserEventOrder = {
  /** ASC or DESC; nulls come first ascending and last descending. */
  direction?: SortDirection;
  /** The field to order by. */
  field: UserEventOrderField;
};

/** What UserEvent lists can be ordered by. */
export type UserEventOrderField =
  /** The name of the application, by the configured detection rules. */
  | 'APPLICATION'
  /** The DNS domain where it was recorded. */
  | 'DOMAIN'
  /** The Dynatrace entity ID of the application (APPLICATION-…), usable as a key in other Dynatrace APIs. */
  | 'INTERNAL_APPLICATION_ID'
  /** The metadata attached to the event. */
  | 'METADATA'
  /** The name of the event. */
  | 'NAME'
  /** For a page change: the page the user navigated to. */
  | 'PAGE'
  /** The page group, derived from the page. */
  | 'PAGE_GROUP'
  /** For a page change: the page the user navigated from. */
  | 'PAGE_REFERRER'
  /** The page referrer group, derived from the page referrer. */
  | 'PAGE_REFERRER_GROUP'
  /** When the event happened (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  | 'START_TIME'
  /** The type of the event. */
  | 'TYPE';

/** A condition on an aggregate of the group (SQL HAVING, USQL FILTER). */
export type UserEventStatsCondition = {
  /** The aggregate of the group to compare. */
  aggregate: StatsAggregate;
  /** The aggregate equals this. */
  eq?: InputMaybe<Scalars['Float']['input']>;
  /** The field the aggregate is over (all but COUNT need one). */
  field?: InputMaybe<UserEventDistinctField>;
  /** The aggregate is greater than this. */
  gt?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is greater than or equal to this. */
  gte?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is less than this. */
  lt?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is less than or equal to this. */
  lte?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate does not equal this. */
  ne?: InputMaybe<Scalars['Float']['input']>;
  /** For PERCENTILE: 0–100. */
  p?: InputMaybe<Scalars['Float']['input']>;
};

/** Order groups by an aggregate (`by`, with `field`/`p` where it needs them) or by a grouped `dimension`. */
export type UserEventStatsOrder = {
  /** Order by this aggregate of each group (give `by` or `dimension`). */
  by?: InputMaybe<StatsAggregate>;
  /** Order by this grouped dimension (give `by` or `dimension`). */
  dimension?: InputMaybe<UserEventDimension>;
  /** Default DESC: largest first. */
  direction?: SortDirection;
  /** The field the aggregate is over. */
  field?: InputMaybe<UserEventDistinctField>;
  /** For PERCENTILE: 0–100. */
  p?: InputMaybe<Scalars['Float']['input']>;
};

/** The type of a user event. */
export type UserEventType =
  /** A behavioral event. Dynatrace: `Behavioral` (also accepted on input). */
  | 'BEHAVIORAL'
  /** An application crash. Dynatrace: `Crash` (also accepted on input). */
  | 'CRASH'
  /** An error. Dynatrace: `Error` (also accepted on input). */
  | 'ERROR'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  /** A page change (navigation within a single-page application). Dynatrace: `PageChange` (also accepted on input). */
  | 'PAGE_CHANGE'
  /** A rage click (rapid repeated clicks). Dynatrace: `RageClick` (also accepted on input). */
  | 'RAGE_CLICK'
  /** A rage tap (rapid repeated taps). Dynatrace: `RageTap` (also accepted on input). */
  | 'RAGE_TAP'
  /** A user tag: the session was tagged with a user id. Dynatrace: `UserTag` (also accepted on input). */
  | 'USER_TAG'
  /** A user tag taken from page metadata. Dynatrace: `UserTagFromMetaData` (also accepted on input). */
  | 'USER_TAG_FROM_META_DATA'
  /** A session tag. Dynatrace: `VisitTag` (also accepted on input). */
  | 'VISIT_TAG';

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
  /** The user was frustrated (slow or failing actions, errors, rage clicks). Dynatrace: `FRUSTRATED` (also accepted on input). */
  | 'FRUSTRATED'
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  /** The user was satisfied. Dynatrace: `SATISFIED` (also accepted on input). */
  | 'SATISFIED'
  /** The experience was tolerable. Dynatrace: `TOLERATED` (also accepted on input). */
  | 'TOLERATED'
  /** Not rated (e.g. too few user actions). Dynatrace: `UNDEFINED` (also accepted on input). */
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
  /** The type of the application used in the session. */
  | 'APPLICATION_TYPE'
  /** The version of the application, as reported by an integration such as OpenKit. */
  | 'APP_VERSION'
  /** Whether the session bounced: it has only one user action (or none). */
  | 'BOUNCE'
  /** The browser family used (e.g. Chrome, Firefox, Safari). */
  | 'BROWSER_FAMILY'
  /** The browser and its major version (e.g. Chrome 120). */
  | 'BROWSER_MAJOR_VERSION'
  /** The ID of the Synthetic browser monitor that created the session. */
  | 'BROWSER_MONITOR_ID'
  /** The name of the Synthetic browser monitor that created the session. */
  | 'BROWSER_MONITOR_NAME'
  /** The type of browser used (e.g. Desktop Browser, Mobile Browser, Synthetic Agent). */
  | 'BROWSER_TYPE'
  /** The mobile carrier of a mobile session. */
  | 'CARRIER'
  /** The city the session came from (from the IP address). */
  | 'CITY'
  /** Additional information about the client (Dynatrace recommends browserType for queries). */
  | 'CLIENT_TYPE'
  /** The connection type of a mobile session. */
  | 'CONNECTION_TYPE'
  /** The continent the session came from (from the IP address). */
  | 'CONTINENT'
  /** The country the session came from (from the IP address). */
  | 'COUNTRY'
  /** For a crashed mobile session, the ID of its crash group; null otherwise. */
  | 'CRASH_GROUP_ID'
  /** The detected device. */
  | 'DEVICE'
  /** The detected display resolution class of the device (e.g. FHD, 1920×1080). */
  | 'DISPLAY_RESOLUTION'
  /** Why the session ended. */
  | 'END_REASON'
  /** Whether the session includes a crash. */
  | 'HAS_CRASH'
  /** Whether the session includes an error. */
  | 'HAS_ERROR'
  /** Whether a PostHog recording of the same visit is linked and served (`recordings` is not empty; README, "One visit, both products"). */
  | 'HAS_RECORDING'
  /** Whether Session Replay is available for the session. */
  | 'HAS_SESSION_REPLAY'
  /** The unique ID Dynatrace gives the user (device/browser) that triggered the session. */
  | 'INTERNAL_USER_ID'
  /** The IP address (IPv4 or IPv6) the session came from. */
  | 'IP'
  /** The internet service provider the session came from (from the IP address). */
  | 'ISP'
  /** The detected manufacturer of the device. */
  | 'MANUFACTURER'
  /** The network technology of a mobile session (e.g. LTE, 5G). */
  | 'NETWORK_TECHNOLOGY'
  /** Whether the user is a first-time (true) or returning (false) user. */
  | 'NEW_USER'
  /** The operating system family of the device (e.g. Windows, Android). */
  | 'OS_FAMILY'
  /** The operating system version of the device. */
  | 'OS_VERSION'
  /** Why the session has no Session Replay (web). */
  | 'REASON_FOR_NO_SESSION_REPLAY'
  /** Why the session has no Session Replay (mobile). */
  | 'REASON_FOR_NO_SESSION_REPLAY_MOBILE'
  /** The region the session came from (from the IP address). */
  | 'REGION'
  /** Whether the mobile device is rooted/jailbroken (true) or genuine (false); null when unknown (always for custom applications). */
  | 'ROOTED_OR_JAILBROKEN'
  /** The detected screen orientation of the device. */
  | 'SCREEN_ORIENTATION'
  /** The ID of the Dynatrace environment that captured the session. */
  | 'TENANT_ID'
  /** Dynatrace's user experience score of the session. */
  | 'USER_EXPERIENCE_SCORE'
  /** The user ID the application tagged the session with (Dynatrace session tagging): the person's distinct id. */
  | 'USER_ID'
  /** The ID of the user session in Dynatrace (unique per tenant, with partNumber). */
  | 'USER_SESSION_ID'
  /** Whether a real human (REAL_USER) or a robot (ROBOT, SYNTHETIC) drove the session. */
  | 'USER_TYPE';

/** What countDistinct can count on UserSession. */
export type UserSessionDistinctField =
  /** The type of the application used in the session. */
  | 'APPLICATION_TYPE'
  /** The version of the application, as reported by an integration such as OpenKit. */
  | 'APP_VERSION'
  /** Whether the session bounced: it has only one user action (or none). */
  | 'BOUNCE'
  /** The browser family used (e.g. Chrome, Firefox, Safari). */
  | 'BROWSER_FAMILY'
  /** The browser and its major version (e.g. Chrome 120). */
  | 'BROWSER_MAJOR_VERSION'
  /** The ID of the Synthetic browser monitor that created the session. */
  | 'BROWSER_MONITOR_ID'
  /** The name of the Synthetic browser monitor that created the session. */
  | 'BROWSER_MONITOR_NAME'
  /** The type of browser used (e.g. Desktop Browser, Mobile Browser, Synthetic Agent). */
  | 'BROWSER_TYPE'
  /** The mobile carrier of a mobile session. */
  | 'CARRIER'
  /** The city the session came from (from the IP address). */
  | 'CITY'
  /** The time offset of the client's clock, in milliseconds. */
  | 'CLIENT_TIME_OFFSET'
  /** Additional information about the client (Dynatrace recommends browserType for queries). */
  | 'CLIENT_TYPE'
  /** The connection type of a mobile session. */
  | 'CONNECTION_TYPE'
  /** The continent the session came from (from the IP address). */
  | 'CONTINENT'
  /** The country the session came from (from the IP address). */
  | 'COUNTRY'
  /** For a crashed mobile session, the ID of its crash group; null otherwise. */
  | 'CRASH_GROUP_ID'
  /** The detected device. */
  | 'DEVICE'
  /** The detected display resolution class of the device (e.g. FHD, 1920×1080). */
  | 'DISPLAY_RESOLUTION'
  /** Length of the session, in milliseconds: from the start of its first user action to the end of its last. */
  | 'DURATION'
  /** Why the session ended. */
  | 'END_REASON'
  /** Whether the session includes a crash. */
  | 'HAS_CRASH'
  /** Whether the session includes an error. */
  | 'HAS_ERROR'
  /** Whether a PostHog recording of the same visit is linked and served (`recordings` is not empty; README, "One visit, both products"). */
  | 'HAS_RECORDING'
  /** Whether Session Replay is available for the session. */
  | 'HAS_SESSION_REPLAY'
  /** The unique ID Dynatrace gives the user (device/browser) that triggered the session. */
  | 'INTERNAL_USER_ID'
  /** The IP address (IPv4 or IPv6) the session came from. */
  | 'IP'
  /** The internet service provider the session came from (from the IP address). */
  | 'ISP'
  /** The detected manufacturer of the device. */
  | 'MANUFACTURER'
  /** Number of conversion goals the session achieved. */
  | 'MATCHING_CONVERSION_GOALS_COUNT'
  /** The network technology of a mobile session (e.g. LTE, 5G). */
  | 'NETWORK_TECHNOLOGY'
  /** Whether the user is a first-time (true) or returning (false) user. */
  | 'NEW_USER'
  /** Number of rage clicks (rapid repeated clicks) detected in the session. */
  | 'NUMBER_OF_RAGE_CLICKS'
  /** Number of rage taps (rapid repeated taps) detected in the session. */
  | 'NUMBER_OF_RAGE_TAPS'
  /** The operating system family of the device (e.g. Windows, Android). */
  | 'OS_FAMILY'
  /** The operating system version of the device. */
  | 'OS_VERSION'
  /** Dynatrace splits long sessions into parts (e.g. after 200 user actions): the number of this part of the overall session. */
  | 'PART_NUMBER'
  /** Distinct persons (through userId). */
  | 'PERSON'
  /** Why the session has no Session Replay (web). */
  | 'REASON_FOR_NO_SESSION_REPLAY'
  /** Why the session has no Session Replay (mobile). */
  | 'REASON_FOR_NO_SESSION_REPLAY_MOBILE'
  /** The region the session came from (from the IP address). */
  | 'REGION'
  /** Whether the mobile device is rooted/jailbroken (true) or genuine (false); null when unknown (always for custom applications). */
  | 'ROOTED_OR_JAILBROKEN'
  /** The detected screen height of the device, in pixels. */
  | 'SCREEN_HEIGHT'
  /** The detected screen orientation of the device. */
  | 'SCREEN_ORIENTATION'
  /** The detected screen width of the device, in pixels. */
  | 'SCREEN_WIDTH'
  /** The ID of the Dynatrace environment that captured the session. */
  | 'TENANT_ID'
  /** Number of errors detected in the session. */
  | 'TOTAL_ERROR_COUNT'
  /** Number of DEM units (Digital Experience Monitoring license units) the session consumed. */
  | 'TOTAL_LICENSE_CREDIT_COUNT'
  /** Number of user actions in the session. */
  | 'USER_ACTION_COUNT'
  /** Dynatrace's user experience score of the session. */
  | 'USER_EXPERIENCE_SCORE'
  /** The user ID the application tagged the session with (Dynatrace session tagging): the person's distinct id. */
  | 'USER_ID'
  /** The ID of the user session in Dynatrace (unique per tenant, with partNumber). */
  | 'USER_SESSION_ID'
  /** Whether a real human (REAL_USER) or a robot (ROBOT, SYNTHETIC) drove the session. */
  | 'USER_TYPE';

/** Conditions on UserSession; all given conditions must hold. */
export type UserSessionFilter = {
  /** All of these hold. */
  and?: InputMaybe<Array<UserSessionFilter>>;
  /** The version of the application, as reported by an integration such as OpenKit. */
  appVersion?: InputMaybe<StringFilter>;
  /** The type of the application used in the session. */
  applicationType?: InputMaybe<ApplicationTypeFilter>;
  /** On the text of `applicationType` as sent. */
  applicationTypeRaw?: InputMaybe<StringFilter>;
  /** Whether the session bounced: it has only one user action (or none). */
  bounce?: InputMaybe<BooleanFilter>;
  /** The browser family used (e.g. Chrome, Firefox, Safari). */
  browserFamily?: InputMaybe<StringFilter>;
  /** The browser and its major version (e.g. Chrome 120). */
  browserMajorVersion?: InputMaybe<StringFilter>;
  /** The ID of the Synthetic browser monitor that created the session. */
  browserMonitorId?: InputMaybe<StringFilter>;
  /** The name of the Synthetic browser monitor that created the session. */
  browserMonitorName?: InputMaybe<StringFilter>;
  /** The type of browser used (e.g. Desktop Browser, Mobile Browser, Synthetic Agent). */
  browserType?: InputMaybe<StringFilter>;
  /** The mobile carrier of a mobile session. */
  carrier?: InputMaybe<StringFilter>;
  /** The city the session came from (from the IP address). */
  city?: InputMaybe<StringFilter>;
  /** The time offset of the client's clock, in milliseconds. */
  clientTimeOffset?: InputMaybe<IntFilter>;
  /** Additional information about the client (Dynatrace recommends browserType for queries). */
  clientType?: InputMaybe<StringFilter>;
  /** The connection type of a mobile session. */
  connectionType?: InputMaybe<ConnectionTypeFilter>;
  /** On the text of `connectionType` as sent. */
  connectionTypeRaw?: InputMaybe<StringFilter>;
  /** The continent the session came from (from the IP address). */
  continent?: InputMaybe<StringFilter>;
  /** The country the session came from (from the IP address). */
  country?: InputMaybe<StringFilter>;
  /** For a crashed mobile session, the ID of its crash group; null otherwise. */
  crashGroupId?: InputMaybe<StringFilter>;
  /** The detected device. */
  device?: InputMaybe<StringFilter>;
  /** The detected display resolution class of the device (e.g. FHD, 1920×1080). */
  displayResolution?: InputMaybe<DisplayResolutionFilter>;
  /** On the text of `displayResolution` as sent. */
  displayResolutionRaw?: InputMaybe<StringFilter>;
  /** Length of the session, in milliseconds: from the start of its first user action to the end of its last. */
  duration?: InputMaybe<IntFilter>;
  /** Why the session ended. */
  endReason?: InputMaybe<EndReasonFilter>;
  /** On the text of `endReason` as sent. */
  endReasonRaw?: InputMaybe<StringFilter>;
  /** When the last user action of the session ended (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  endTime?: InputMaybe<DateTimeFilter>;
  /** Conditions on the session's errors: some, none or every of them match. */
  errors?: InputMaybe<UserErrorListFilter>;
  /** Conditions on the session's events: some, none or every of them match. */
  events?: InputMaybe<UserEventListFilter>;
  /** The fields of the source record that this type does not model, as the source sent them; null when there were none. */
  extra?: InputMaybe<JsonFilter>;
  /** Whether the session includes a crash. */
  hasCrash?: InputMaybe<BooleanFilter>;
  /** Whether the session includes an error. */
  hasError?: InputMaybe<BooleanFilter>;
  /** Whether a PostHog recording of the same visit is linked and served (`recordings` is not empty; README, "One visit, both products"). */
  hasRecording?: InputMaybe<BooleanFilter>;
  /** Whether Session Replay is available for the session. */
  hasSessionReplay?: InputMaybe<BooleanFilter>;
  /** The unique ID Dynatrace gives the user (device/browser) that triggered the session. */
  internalUserId?: InputMaybe<StringFilter>;
  /** The IP address (IPv4 or IPv6) the session came from. */
  ip?: InputMaybe<StringFilter>;
  /** The internet service provider the session came from (from the IP address). */
  isp?: InputMaybe<StringFilter>;
  /** The detected manufacturer of the device. */
  manufacturer?: InputMaybe<StringFilter>;
  /** The conversion goals the session achieved (user actions can achieve goals of their own). */
  matchingConversionGoals?: InputMaybe<JsonFilter>;
  /** Number of conversion goals the session achieved. */
  matchingConversionGoalsCount?: InputMaybe<IntFilter>;
  /** The network technology of a mobile session (e.g. LTE, 5G). */
  networkTechnology?: InputMaybe<StringFilter>;
  /** Whether the user is a first-time (true) or returning (false) user. */
  newUser?: InputMaybe<BooleanFilter>;
  /** This does not hold. */
  not?: InputMaybe<UserSessionFilter>;
  /** Number of rage clicks (rapid repeated clicks) detected in the session. */
  numberOfRageClicks?: InputMaybe<IntFilter>;
  /** Number of rage taps (rapid repeated taps) detected in the session. */
  numberOfRageTaps?: InputMaybe<IntFilter>;
  /** At least one of these holds. */
  or?: InputMaybe<Array<UserSessionFilter>>;
  /** The operating system family of the device (e.g. Windows, Android). */
  osFamily?: InputMaybe<StringFilter>;
  /** The operating system version of the device. */
  osVersion?: InputMaybe<StringFilter>;
  /** Dynatrace splits long sessions into parts (e.g. after 200 user actions): the number of this part of the overall session. */
  partNumber?: InputMaybe<IntFilter>;
  /** Conditions on the session's person (the owner of its userId): PostHog person properties, distinct ids, the person's other lists. */
  person?: InputMaybe<PersonFilter>;
  /** Custom properties; all must match. */
  property?: InputMaybe<Array<PropertyFilter>>;
  /** Why the session has no Session Replay (web). */
  reasonForNoSessionReplay?: InputMaybe<ReasonForNoSessionReplayFilter>;
  /** Why the session has no Session Replay (mobile). */
  reasonForNoSessionReplayMobile?: InputMaybe<ReasonForNoSessionReplayMobileFilter>;
  /** On the text of `reasonForNoSessionReplayMobile` as sent. */
  reasonForNoSessionReplayMobileRaw?: InputMaybe<StringFilter>;
  /** On the text of `reasonForNoSessionReplay` as sent. */
  reasonForNoSessionReplayRaw?: InputMaybe<StringFilter>;
  /** Conditions on the PostHog recordings of the same visit (`recordings`): some, none or every of them match — e.g. sessions whose replay had console errors. */
  recording?: InputMaybe<SessionRecordingListFilter>;
  /** The region the session came from (from the IP address). */
  region?: InputMaybe<StringFilter>;
  /** When the Session Replay ends (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  replayEnd?: InputMaybe<DateTimeFilter>;
  /** When the Session Replay starts (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  replayStart?: InputMaybe<DateTimeFilter>;
  /** Whether the mobile device is rooted/jailbroken (true) or genuine (false); null when unknown (always for custom applications). */
  rootedOrJailbroken?: InputMaybe<BooleanFilter>;
  /** The detected screen height of the device, in pixels. */
  screenHeight?: InputMaybe<IntFilter>;
  /** The detected screen orientation of the device. */
  screenOrientation?: InputMaybe<ScreenOrientationFilter>;
  /** On the text of `screenOrientation` as sent. */
  screenOrientationRaw?: InputMaybe<StringFilter>;
  /** The detected screen width of the device, in pixels. */
  screenWidth?: InputMaybe<IntFilter>;
  /** When the first user action of the session started (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  startTime?: InputMaybe<DateTimeFilter>;
  /** Conditions on the session's synthetic events: some, none or every of them match. */
  syntheticEvents?: InputMaybe<SyntheticEventListFilter>;
  /** The ID of the Dynatrace environment that captured the session. */
  tenantId?: InputMaybe<StringFilter>;
  /** Number of errors detected in the session. */
  totalErrorCount?: InputMaybe<IntFilter>;
  /** Number of DEM units (Digital Experience Monitoring license units) the session consumed. */
  totalLicenseCreditCount?: InputMaybe<IntFilter>;
  /** Number of user actions in the session. */
  userActionCount?: InputMaybe<IntFilter>;
  /** Conditions on the session's user actions: some, none or every of them match. */
  userActions?: InputMaybe<UserActionListFilter>;
  /** Dynatrace's user experience score of the session. */
  userExperienceScore?: InputMaybe<UserExperienceScoreFilter>;
  /** On the text of `userExperienceScore` as sent. */
  userExperienceScoreRaw?: InputMaybe<StringFilter>;
  /** The user ID the application tagged the session with (Dynatrace session tagging): the person's distinct id. */
  userId?: InputMaybe<StringFilter>;
  /** The ID of the user session in Dynatrace (unique per tenant, with partNumber). */
  userSessionId?: InputMaybe<StringFilter>;
  /** Whether a real human (REAL_USER) or a robot (ROBOT, SYNTHETIC) drove the session. */
  userType?: InputMaybe<UserTypeFilter>;
  /** On the text of `userType` as sent. */
  userTypeRaw?: InputMaybe<StringFilter>;
};

/** Which of the related user sessions must match; all given conditions must hold. */
export type UserSessionListFilter = {
  /** Every one of the user sessions matches (true when there are none). */
  every?: InputMaybe<UserSessionFilter>;
  /** None of the user sessions matches (`{}`: there are none). */
  none?: InputMaybe<UserSessionFilter>;
  /** At least one of the user sessions matches (`{}`: there is at least one). */
  some?: InputMaybe<UserSessionFilter>;
};

/** The numeric fields of UserSession that can be aggregated (booleans count as 0/1). */
export type UserSessionMeasure =
  /** Whether the session bounced: it has only one user action (or none). */
  | 'BOUNCE'
  /** The time offset of the client's clock, in milliseconds. */
  | 'CLIENT_TIME_OFFSET'
  /** Length of the session, in milliseconds: from the start of its first user action to the end of its last. */
  | 'DURATION'
  /** Whether the session includes a crash. */
  | 'HAS_CRASH'
  /** Whether the session includes an error. */
  | 'HAS_ERROR'
  /** Whether a PostHog recording of the same visit is linked and served (`recordings` is not empty; README, "One visit, both products"). */
  | 'HAS_RECORDING'
  /** Whether Session Replay is available for the session. */
  | 'HAS_SESSION_REPLAY'
  /** Number of conversion goals the session achieved. */
  | 'MATCHING_CONVERSION_GOALS_COUNT'
  /** Whether the user is a first-time (true) or returning (false) user. */
  | 'NEW_USER'
  /** Number of rage clicks (rapid repeated clicks) detected in the session. */
  | 'NUMBER_OF_RAGE_CLICKS'
  /** Number of rage taps (rapid repeated taps) detected in the session. */
  | 'NUMBER_OF_RAGE_TAPS'
  /** Dynatrace splits long sessions into parts (e.g. after 200 user actions): the number of this part of the overall session. */
  | 'PART_NUMBER'
  /** Whether the mobile device is rooted/jailbroken (true) or genuine (false); null when unknown (always for custom applications). */
  | 'ROOTED_OR_JAILBROKEN'
  /** The detected screen height of the device, in pixels. */
  | 'SCREEN_HEIGHT'
  /** The detected screen width of the device, in pixels. */
  | 'SCREEN_WIDTH'
  /** Number of errors detected in the session. */
  | 'TOTAL_ERROR_COUNT'
  /** Number of DEM units (Digital Experience Monitoring license units) the session consumed. */
  | 'TOTAL_LICENSE_CREDIT_COUNT'
  /** Number of user actions in the session. */
  | 'USER_ACTION_COUNT';

/** One term of a UserSession order; later terms break ties of earlier ones, and the row's internal id breaks the rest. */
export type UserSessionOrder = {
  /** ASC or DESC; nulls come first ascending and last descending. */
  direction?: SortDirection;
  /** The field to order by. */
  field: UserSessionOrderField;
};

/** What UserSession lists can be ordered by. */
export type UserSessionOrderField =
  /** The type of the application used in the session. */
  | 'APPLICATION_TYPE'
  /** The version of the application, as reported by an integration such as OpenKit. */
  | 'APP_VERSION'
  /** Whether the session bounced: it has only one user action (or none). */
  | 'BOUNCE'
  /** The browser family used (e.g. Chrome, Firefox, Safari). */
  | 'BROWSER_FAMILY'
  /** The browser and its major version (e.g. Chrome 120). */
  | 'BROWSER_MAJOR_VERSION'
  /** The ID of the Synthetic browser monitor that created the session. */
  | 'BROWSER_MONITOR_ID'
  /** The name of the Synthetic browser monitor that created the session. */
  | 'BROWSER_MONITOR_NAME'
  /** The type of browser used (e.g. Desktop Browser, Mobile Browser, Synthetic Agent). */
  | 'BROWSER_TYPE'
  /** The mobile carrier of a mobile session. */
  | 'CARRIER'
  /** The city the session came from (from the IP address). */
  | 'CITY'
  /** The time offset of the client's clock, in milliseconds. */
  | 'CLIENT_TIME_OFFSET'
  /** Additional information about the client (Dynatrace recommends browserType for queries). */
  | 'CLIENT_TYPE'
  /** The connection type of a mobile session. */
  | 'CONNECTION_TYPE'
  /** The continent the session came from (from the IP address). */
  | 'CONTINENT'
  /** The country the session came from (from the IP address). */
  | 'COUNTRY'
  /** For a crashed mobile session, the ID of its crash group; null otherwise. */
  | 'CRASH_GROUP_ID'
  /** The detected device. */
  | 'DEVICE'
  /** The detected display resolution class of the device (e.g. FHD, 1920×1080). */
  | 'DISPLAY_RESOLUTION'
  /** Length of the session, in milliseconds: from the start of its first user action to the end of its last. */
  | 'DURATION'
  /** Why the session ended. */
  | 'END_REASON'
  /** When the last user action of the session ended (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  | 'END_TIME'
  /** Whether the session includes a crash. */
  | 'HAS_CRASH'
  /** Whether the session includes an error. */
  | 'HAS_ERROR'
  /** Whether Session Replay is available for the session. */
  | 'HAS_SESSION_REPLAY'
  /** The unique ID Dynatrace gives the user (device/browser) that triggered the session. */
  | 'INTERNAL_USER_ID'
  /** The IP address (IPv4 or IPv6) the session came from. */
  | 'IP'
  /** The internet service provider the session came from (from the IP address). */
  | 'ISP'
  /** The detected manufacturer of the device. */
  | 'MANUFACTURER'
  /** Number of conversion goals the session achieved. */
  | 'MATCHING_CONVERSION_GOALS_COUNT'
  /** The network technology of a mobile session (e.g. LTE, 5G). */
  | 'NETWORK_TECHNOLOGY'
  /** Whether the user is a first-time (true) or returning (false) user. */
  | 'NEW_USER'
  /** Number of rage clicks (rapid repeated clicks) detected in the session. */
  | 'NUMBER_OF_RAGE_CLICKS'
  /** Number of rage taps (rapid repeated taps) detected in the session. */
  | 'NUMBER_OF_RAGE_TAPS'
  /** The operating system family of the device (e.g. Windows, Android). */
  | 'OS_FAMILY'
  /** The operating system version of the device. */
  | 'OS_VERSION'
  /** Dynatrace splits long sessions into parts (e.g. after 200 user actions): the number of this part of the overall session. */
  | 'PART_NUMBER'
  /** Why the session has no Session Replay (web). */
  | 'REASON_FOR_NO_SESSION_REPLAY'
  /** Why the session has no Session Replay (mobile). */
  | 'REASON_FOR_NO_SESSION_REPLAY_MOBILE'
  /** The region the session came from (from the IP address). */
  | 'REGION'
  /** When the Session Replay ends (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  | 'REPLAY_END'
  /** When the Session Replay starts (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  | 'REPLAY_START'
  /** Whether the mobile device is rooted/jailbroken (true) or genuine (false); null when unknown (always for custom applications). */
  | 'ROOTED_OR_JAILBROKEN'
  /** The detected screen height of the device, in pixels. */
  | 'SCREEN_HEIGHT'
  /** The detected screen orientation of the device. */
  | 'SCREEN_ORIENTATION'
  /** The detected screen width of the device, in pixels. */
  | 'SCREEN_WIDTH'
  /** When the first user action of the session started (Dynatrace: UTC milliseconds; served as an ISO 8601 DateTime). */
  | 'START_TIME'
  /** The ID of the Dynatrace environment that captured the session. */
  | 'TENANT_ID'
  /** Number of errors detected in the session. */
  | 'TOTAL_ERROR_COUNT'
  /** Number of DEM units (Digital Experience Monitoring license units) the session consumed. */
  | 'TOTAL_LICENSE_CREDIT_COUNT'
  /** Number of user actions in the session. */
  | 'USER_ACTION_COUNT'
  /** Dynatrace's user experience score of the session. */
  | 'USER_EXPERIENCE_SCORE'
  /** The user ID the application tagged the session with (Dynatrace session tagging): the person's distinct id. */
  | 'USER_ID'
  /** The ID of the user session in Dynatrace (unique per tenant, with partNumber). */
  | 'USER_SESSION_ID'
  /** Whether a real human (REAL_USER) or a robot (ROBOT, SYNTHETIC) drove the session. */
  | 'USER_TYPE';

/** A condition on an aggregate of the group (SQL HAVING, USQL FILTER). */
export type UserSessionStatsCondition = {
  /** The aggregate of the group to compare. */
  aggregate: StatsAggregate;
  /** The aggregate equals this. */
  eq?: InputMaybe<Scalars['Float']['input']>;
  /** The field the aggregate is over (all but COUNT need one). */
  field?: InputMaybe<UserSessionDistinctField>;
  /** The aggregate is greater than this. */
  gt?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is greater than or equal to this. */
  gte?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is less than this. */
  lt?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate is less than or equal to this. */
  lte?: InputMaybe<Scalars['Float']['input']>;
  /** The aggregate does not equal this. */
  ne?: InputMaybe<Scalars['Float']['input']>;
  /** For PERCENTILE: 0–100. */
  p?: InputMaybe<Scalars['Float']['input']>;
  /** A numeric custom property the aggregate is over, instead of `field`. */
  property?: InputMaybe<Scalars['String']['input']>;
};

/** Order groups by an aggregate (`by`, with `field`/`p` where it needs them) or by a grouped `dimension`. */
export type UserSessionStatsOrder = {
  /** Order by this aggregate of each group (give `by` or `dimension`). */
  by?: InputMaybe<StatsAggregate>;
  /** Order by this grouped dimension (give `by` or `dimension`). */
  dimension?: InputMaybe<UserSessionDimension>;
  /** Default DESC: largest first. */
  direction?: SortDirection;
  /** The field the aggregate is over. */
  field?: InputMaybe<UserSessionDistinctField>;
  /** For PERCENTILE: 0–100. */
  p?: InputMaybe<Scalars['Float']['input']>;
  /** A numeric custom property the aggregate is over, instead of `field`. */
  property?: InputMaybe<Scalars['String']['input']>;
};

/** Whether a real human or a robot (ROBOT, SYNTHETIC) drove the session. */
export type UserType =
  /** A value outside this list, kept as the source sent it: its text is in the sibling `…Raw` field. */
  | 'OTHER'
  /** A real human user. Dynatrace: `REAL_USER` (also accepted on input). */
  | 'REAL_USER'
  /** A robot (crawler, bot) that Dynatrace detected. Dynatrace: `ROBOT` (also accepted on input). */
  | 'ROBOT'
  /** A Dynatrace Synthetic monitor. Dynatrace: `SYNTHETIC` (also accepted on input). */
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

/** How a Dynatrace user session and a PostHog recording were found to be the same visit. */
export type VisitLinkKind =
  /** Same person (userId and distinctId are distinct ids of one person), and the time ranges overlap or come within the tolerance (default 60,000 ms, SESSIONGRAPH_LINK_TOLERANCE_MS). */
  | 'OVERLAP'
  /** The session carries the recording's id in its link property (default `posthog_session_id`, SESSIONGRAPH_LINK_PROPERTY). */
  | 'PROPERTY';

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