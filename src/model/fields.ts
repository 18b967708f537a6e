/**
 * ONE description per GraphQL type over the store: which columns are exposed and how (kind,
 * nullability, enum). Object fields, filter inputs, order enums and (later) stats dimensions and
 * measures are all generated from these descriptions; nothing is written twice per type.
 */
import { and, eq, getTableColumns, gt, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as E from './enums.js';
import * as t from '../db/schema.js';
import { visitRecordingsExist, visitSessionsExist } from '../db/visit-links.js';

export type FieldKind = 'int' | 'float' | 'string' | 'enum' | 'time' | 'bool' | 'json';
export type EnumName = Exclude<keyof typeof E, 'wireValues' | 'enumValueName' | 'PropertyType'>;

/** What a computed field may depend on: the caller and the moment of the request. */
export interface ReadScope {
  project: string;
  viewer: string | null;
  /** Epoch ms, fixed for the whole request. */
  now: number;
}

export interface FieldSpec {
  /** GraphQL name = the Drizzle column key. */
  name: string;
  column: SQLiteColumn;
  kind: FieldKind;
  nullable: boolean;
  enumName?: EnumName;
  /** Every field can be filtered (JSON and list fields on `isNull` alone); scalar fields can be ordered. */
  filterable: boolean;
  orderable: boolean;
  /** Stats can group by it: strings, enums and booleans. */
  dimension: boolean;
  /** Stats can aggregate it: numbers, and booleans as 0/1 (so avg(BOUNCE) is the bounce rate). */
  measure: boolean;
  /**
   * A field computed per request (who asks, when), or an open enum's value as served (OTHER_VALUE
   * for a value outside the list): filters and stats use this, not the column.
   */
  expression?: (scope: ReadScope) => SQL;
  /** Personal data: tagged so a public federation contract can hide it. */
  pii: boolean;
  /**
   * What the value means in the source product, with its unit: the one description of the column,
   * used by its object field, filter input field, order enum value and stats enum values alike.
   */
  description: string;
  /** A field with no column (its description): its object field is written by hand beside its type. */
  virtual?: string;
}

export interface EntitySpec<T extends SQLiteTable = SQLiteTable> {
  /** GraphQL type name. */
  name: string;
  /** The type's description. */
  description: string;
  table: T;
  fields: FieldSpec[];
  field(name: string): FieldSpec;
}

/** The description of every row type's `extra`: the source fields the store does not model. */
export const EXTRA_DOC = 'The fields of the source record that this type does not model, as the source sent them; null when there were none.';

/** What an open enum's value outside its documented list is, in filters and stats (graphql/enums.ts). */
export const OTHER_VALUE = '(other)';

/** An enum column's value as served: itself when listed (or null), else OTHER_VALUE. */
function servedEnum(column: SQLiteColumn, enumName: EnumName): () => SQL {
  // Our own constants (letters and digits), written into the statement rather than bound 60 times.
  const listed = sql.raw(E.wireValues(E[enumName]).map((v) => (/^\w+$/.test(v) ? `'${v}'` : fail(v))).join(', '));
  const expression = sql`(case when ${column} is null or ${column} in (${listed}) then ${column} else ${OTHER_VALUE} end)`;
  return () => expression;
}

function fail(value: string): never {
  throw new Error(`enum wire value ${JSON.stringify(value)} cannot be written into SQL`);
}

/** Store-internal columns: never part of the graph. */
const INTERNAL_KEYS = ['pk', 'project', 'sessionPk', 'seq', 'actionPk', 'recordingPk'] as const;
const INTERNAL = new Set<string>(INTERNAL_KEYS);

/** The columns of a table that need a description: all but the internal ones and `extra` (graphql/fields.ts describes it). */
type DocumentedColumn<T extends SQLiteTable> = Exclude<keyof T['_']['columns'] & string, (typeof INTERNAL_KEYS)[number] | 'extra'>;

function kindOf(column: SQLiteColumn): FieldKind {
  switch (column.columnType) {
    case 'SQLiteTimestamp':
      return 'time';
    case 'SQLiteBoolean':
      return 'bool';
    case 'SQLiteReal':
      return 'float';
    case 'SQLiteTextJson':
      return 'json';
    case 'SQLiteText':
      return 'string';
    default:
      return 'int';
  }
}

function describe<T extends SQLiteTable>(
  name: string,
  table: T,
  options: {
    description: string;
    /** Every column's description, with its unit: one place for all the schema elements made from it. */
    docs: Record<DocumentedColumn<T>, string>;
    enums?: Partial<Record<keyof T['_']['columns'], EnumName>>;
    hide?: (keyof T['_']['columns'])[];
    computed?: Partial<Record<keyof T['_']['columns'], (scope: ReadScope) => SQL>>;
    /** Fields with no column of their own, only an expression (filterable and groupable, not orderable). */
    virtual?: Record<string, { kind: 'bool' | 'int'; description: string; expression: (scope: ReadScope) => SQL }>;
    pii?: (keyof T['_']['columns'])[];
  },
): EntitySpec<T> {
  const docs = options.docs as Record<string, string>;
  const enums = (options.enums ?? {}) as Record<string, EnumName>;
  const hide = new Set<string>(options.hide as string[] | undefined);
  const computed = (options.computed ?? {}) as Record<string, (scope: ReadScope) => SQL>;
  const pii = new Set<string>(options.pii as string[] | undefined);
  const fields = Object.entries(getTableColumns(table))
    .filter(([key]) => !INTERNAL.has(key) && !hide.has(key))
    .map(([key, column]): FieldSpec => {
      const kind = enums[key] ? 'enum' : kindOf(column);
      const scalar = kind !== 'json';
      return {
        name: key,
        column,
        kind,
        nullable: !column.notNull,
        enumName: enums[key],
        filterable: true,
        // A computed value is not in the row, so it cannot key a cursor.
        orderable: scalar && !computed[key],
        dimension: (kind === 'string' || kind === 'enum' || kind === 'bool') && key !== 'id',
        measure: kind === 'int' || kind === 'float' || kind === 'bool',
        expression: computed[key] ?? (enums[key] ? servedEnum(column, enums[key]) : undefined),
        pii: pii.has(key),
        description: key === 'extra' ? EXTRA_DOC : docs[key]!,
      };
    });
  for (const [key, v] of Object.entries(options.virtual ?? {})) {
    fields.push({
      name: key,
      // Never read: a virtual field is filtered and grouped by its expression, resolved by its type.
      column: Object.values(getTableColumns(table))[0] as SQLiteColumn,
      kind: v.kind,
      nullable: false,
      filterable: true,
      orderable: false,
      dimension: v.kind === 'bool',
      measure: true,
      expression: v.expression,
      pii: false,
      virtual: v.description,
      description: v.description,
    });
  }
  const byName = new Map(fields.map((f) => [f.name, f]));
  return {
    name,
    description: options.description,
    table,
    fields,
    field(fieldName) {
      const f = byName.get(fieldName);
      if (!f) throw new Error(`${name} has no field ${fieldName}`);
      return f;
    },
  };
}

/** Source timestamps (Dynatrace: UTC epoch milliseconds) are served as DateTime. */
const AT = 'served as an ISO 8601 DateTime';

export const personEntity = describe('Person', t.persons, {
  description: 'A person (PostHog MinimalPerson): the join between recordings and user sessions.',
  docs: {
    id: "PostHog's numeric person id.",
    uuid: "PostHog's person UUID.",
    name: "The person's display name in PostHog.",
    properties: "The person's PostHog properties (email, plan, account_id, …), a JSON object.",
    createdAt: 'When PostHog created the person.',
  },
  pii: ['name', 'properties'],
});

const DAY = 86_400_000;
/** A recording is ongoing while its last data is less than five minutes old. */
export const ONGOING_MS = 5 * 60_000;

export const recordingEntity = describe('SessionRecording', t.recordings, {
  description: 'A PostHog session recording (replay) of one browser or app session.',
  docs: {
    id: "PostHog's session id of the recording.",
    distinctId: "The distinct id that recorded the session: the person's link (PostHog `distinct_id`).",
    viewed:
      'Whether the caller (the API key\'s viewer) has viewed the recording, as PostHog reports it per user; for a caller without a viewer, the `viewed` flag the import carried.',
    recordingDuration: 'Length of the recording, from its first to its last event, in seconds (PostHog `recording_duration`).',
    activeSeconds: 'Time with user activity in the recording, in seconds (PostHog `active_seconds`).',
    inactiveSeconds: 'Time without user activity in the recording, in seconds: recordingDuration − activeSeconds (PostHog `inactive_seconds`).',
    startTime: 'When the recording started (its first event).',
    endTime: 'When the recording ended (its last event).',
    clickCount: 'Number of mouse clicks in the recording.',
    keypressCount: 'Number of key presses in the recording.',
    mouseActivityCount: 'Number of mouse activity events (moves, clicks, scrolls) in the recording.',
    consoleLogCount: 'Number of browser console `log` messages in the recording.',
    consoleWarnCount: 'Number of browser console `warn` messages in the recording.',
    consoleErrorCount: 'Number of browser console `error` messages in the recording.',
    startUrl: 'The URL of the first page of the recording.',
    retentionPeriodDays: 'How long PostHog keeps the recording after the day it started, in days; null when the source did not say (PostHog then assumes 30 days).',
    expiryTime: 'When the recording expires: the start day (UTC) plus retentionPeriodDays (30 days when unknown).',
    recordingTtl:
      "Days until the recording expires (negative once expired): as the source said, else PostHog's count of UTC midnights from now to the expiry time. Ordering by it orders by expiryTime.",
    snapshotSource: 'Where the snapshots come from: a browser or a mobile app (PostHog `snapshot_source`).',
    snapshotLibrary: 'The capture library that recorded the snapshots, as PostHog reports it (`snapshot_library`).',
    ongoing: 'Whether the recording is still being recorded: as the source said, else whether its last data is less than five minutes old.',
    activityScore:
      "PostHog's activity score, 0–100: (active seconds + clicks + key presses + console errors) / (mouse activity + duration in seconds + console messages) × 100, rounded to 2 decimals; as the source sent it, else computed at import.",
    hasSummary: 'Whether PostHog has an AI summary of the recording.',
    summaryOutcome: "The outcome of the recording's AI summary; null when there is none.",
    externalReferences: 'External references (linked issues) of the recording, as PostHog sent them.',
  },
  pii: ['distinctId', 'startUrl'],
  enums: { snapshotSource: 'SnapshotSource' },
  computed: {
    // PostHog semantics: `viewed` is about the caller; the imported flag stands in for anonymous callers.
    viewed: (scope) =>
      scope.viewer === null
        ? sql`${t.recordings.viewed}`
        : sql`exists (select 1 from ${t.recordingViewers} where ${and(
            eq(t.recordingViewers.recordingPk, t.recordings.pk),
            eq(t.recordingViewers.viewer, scope.viewer),
          )})`,
    // As the source sent them; derived (PostHog's way) only where it did not (see recordingTtlAt).
    ongoing: (scope) => sql`coalesce(${t.recordings.ongoing}, ${gt(t.recordings.endTime, new Date(scope.now - ONGOING_MS))}, false)`,
    recordingTtl: (scope) =>
      sql`coalesce(${t.recordings.recordingTtl}, ${t.recordings.expiryTime} / ${sql.raw(String(DAY))} - ${sql.raw(String(Math.floor(scope.now / DAY)))})`,
  },
  virtual: {
    expired: {
      kind: 'bool',
      description: 'Whether the expiry time has passed (served only under `--retention keep`, the default).',
      expression: (scope) => sql`coalesce(${t.recordings.expiryTime} <= ${sql.raw(String(scope.now))}, false)`,
    },
    hasUserSession: {
      kind: 'bool',
      description: 'Whether a Dynatrace user session of the same visit is linked (`userSessions` is not empty; README, "One visit, both products").',
      expression: () => visitSessionsExist(),
    },
  },
});

/**
 * PostHog's `recording_ttl` where the source has none: ClickHouse's dateDiff('day', now, expiry),
 * which counts the UTC midnights between the two (29 from 2023-01-01T12:00Z to 2023-01-30T00:00Z,
 * where whole elapsed days would say 28).
 */
export function recordingTtlAt(expiryTime: Date | null, now: number): number | null {
  return expiryTime === null ? null : Math.floor(expiryTime.getTime() / DAY) - Math.floor(now / DAY);
}

export const userSessionEntity = describe('UserSession', t.userSessions, {
  description: 'A Dynatrace user session: a visit, with its user actions, events, errors and custom properties.',
  docs: {
    tenantId: 'The ID of the Dynatrace environment that captured the session.',
    userSessionId: 'The ID of the user session in Dynatrace (unique per tenant, with partNumber).',
    partNumber:
      'Dynatrace splits long sessions into parts (e.g. after 200 user actions): the number of this part of the overall session.',
    startTime: `When the first user action of the session started (Dynatrace: UTC milliseconds; ${AT}).`,
    endTime: `When the last user action of the session ended (Dynatrace: UTC milliseconds; ${AT}).`,
    duration: 'Length of the session, in milliseconds: from the start of its first user action to the end of its last.',
    internalUserId: 'The unique ID Dynatrace gives the user (device/browser) that triggered the session.',
    userType: 'Whether a real human (REAL_USER) or a robot (ROBOT, SYNTHETIC) drove the session.',
    reasonForNoSessionReplay: 'Why the session has no Session Replay (web).',
    reasonForNoSessionReplayMobile: 'Why the session has no Session Replay (mobile).',
    applicationType: 'The type of the application used in the session.',
    bounce: 'Whether the session bounced: it has only one user action (or none).',
    newUser: 'Whether the user is a first-time (true) or returning (false) user.',
    userActionCount: 'Number of user actions in the session.',
    totalErrorCount: 'Number of errors detected in the session.',
    totalLicenseCreditCount: 'Number of DEM units (Digital Experience Monitoring license units) the session consumed.',
    matchingConversionGoalsCount: 'Number of conversion goals the session achieved.',
    matchingConversionGoals: 'The conversion goals the session achieved (user actions can achieve goals of their own).',
    ip: 'The IP address (IPv4 or IPv6) the session came from.',
    continent: 'The continent the session came from (from the IP address).',
    country: 'The country the session came from (from the IP address).',
    region: 'The region the session came from (from the IP address).',
    city: 'The city the session came from (from the IP address).',
    browserType: 'The type of browser used (e.g. Desktop Browser, Mobile Browser, Synthetic Agent).',
    browserFamily: 'The browser family used (e.g. Chrome, Firefox, Safari).',
    browserMajorVersion: 'The browser and its major version (e.g. Chrome 120).',
    osFamily: 'The operating system family of the device (e.g. Windows, Android).',
    osVersion: 'The operating system version of the device.',
    manufacturer: 'The detected manufacturer of the device.',
    device: 'The detected device.',
    userId: "The user ID the application tagged the session with (Dynatrace session tagging): the person's distinct id.",
    screenHeight: 'The detected screen height of the device, in pixels.',
    screenWidth: 'The detected screen width of the device, in pixels.',
    screenOrientation: 'The detected screen orientation of the device.',
    displayResolution: 'The detected display resolution class of the device (e.g. FHD, 1920×1080).',
    hasCrash: 'Whether the session includes a crash.',
    crashGroupId: 'For a crashed mobile session, the ID of its crash group; null otherwise.',
    hasSessionReplay: 'Whether Session Replay is available for the session.',
    isp: 'The internet service provider the session came from (from the IP address).',
    clientType: 'Additional information about the client (Dynatrace recommends browserType for queries).',
    browserMonitorId: 'The ID of the Synthetic browser monitor that created the session.',
    browserMonitorName: 'The name of the Synthetic browser monitor that created the session.',
    appVersion: 'The version of the application, as reported by an integration such as OpenKit.',
    endReason: 'Why the session ended.',
    numberOfRageClicks: 'Number of rage clicks (rapid repeated clicks) detected in the session.',
    numberOfRageTaps: 'Number of rage taps (rapid repeated taps) detected in the session.',
    userExperienceScore: "Dynatrace's user experience score of the session.",
    carrier: 'The mobile carrier of a mobile session.',
    networkTechnology: 'The network technology of a mobile session (e.g. LTE, 5G).',
    connectionType: 'The connection type of a mobile session.',
    replayStart: `When the Session Replay starts (Dynatrace: UTC milliseconds; ${AT}).`,
    replayEnd: `When the Session Replay ends (Dynatrace: UTC milliseconds; ${AT}).`,
    clientTimeOffset: "The time offset of the client's clock, in milliseconds.",
    rootedOrJailbroken: 'Whether the mobile device is rooted/jailbroken (true) or genuine (false); null when unknown (always for custom applications).',
    hasError: 'Whether the session includes an error.',
  },
  pii: ['ip', 'city', 'region', 'userId', 'internalUserId', 'isp', 'carrier'],
  enums: {
    userType: 'UserType',
    reasonForNoSessionReplay: 'ReasonForNoSessionReplay',
    reasonForNoSessionReplayMobile: 'ReasonForNoSessionReplayMobile',
    applicationType: 'ApplicationType',
    screenOrientation: 'ScreenOrientation',
    displayResolution: 'DisplayResolution',
    endReason: 'EndReason',
    userExperienceScore: 'UserExperienceScore',
    connectionType: 'ConnectionType',
  },
  virtual: {
    hasRecording: {
      kind: 'bool',
      description: 'Whether a PostHog recording of the same visit is linked and served (`recordings` is not empty; README, "One visit, both products").',
      expression: () => visitRecordingsExist(),
    },
  },
});

export const userActionEntity = describe('UserAction', t.userActions, {
  description: 'A user action of a Dynatrace user session (Dynatrace UserSessionUserAction): a page load, XHR, click, …',
  docs: {
    name: 'The name of the user action: typically the loaded page, or a description of the action such as a click.',
    type: 'The type of the user action.',
    apdexCategory: 'The Apdex rating (user experience index) of the user action.',
    domain: 'The DNS domain where the user action was recorded.',
    targetUrl: 'The target URL of the user action.',
    application: 'The name of the application where the user action was recorded.',
    internalApplicationId: 'The Dynatrace entity ID of the application (APPLICATION-…), usable as a key in other Dynatrace APIs.',
    internalKeyUserActionId: 'The Dynatrace entity ID of the key user action.',
    startTime: `When the user action started (Dynatrace: UTC milliseconds; ${AT}).`,
    endTime: `When the user action ended (Dynatrace: UTC milliseconds; ${AT}).`,
    duration: 'Length of the user action, in milliseconds: from its start to its end.',
    navigationStart: `When the navigation started (Dynatrace: UTC milliseconds; ${AT}).`,
    speedIndex: 'The speed index of the user action, in milliseconds: the average time for the visible parts of the page to display.',
    networkTime: 'Time spent transferring data for the user action, in milliseconds.',
    serverTime: 'Time spent on server-side processing for the user action, in milliseconds.',
    frontendTime: 'Time spent on frontend rendering for the user action, in milliseconds.',
    documentInteractiveTime: 'Time until the document became interactive, in milliseconds.',
    firstPartyResources: 'Number of resources fetched from the originating server.',
    firstPartyBusyTime: 'Time spent waiting for resources from the originating server, in milliseconds.',
    thirdPartyResources: 'Number of third-party resources loaded.',
    thirdPartyBusyTime: 'Time spent waiting for third-party resources, in milliseconds.',
    cdnResources: 'Number of resources fetched from a CDN.',
    cdnBusyTime: 'Time spent waiting for CDN resources, in milliseconds.',
    domCompleteTime: 'Time until the DOM tree was complete, in milliseconds.',
    domContentLoadedTime: 'Time until the DOM tree was loaded (DOMContentLoaded), in milliseconds.',
    loadEventStart: 'Time until the load event started, in milliseconds.',
    loadEventEnd: 'Time until the load event ended, in milliseconds.',
    requestStart: 'Time until the request started, in milliseconds.',
    responseStart: 'Time until the response started, in milliseconds.',
    responseEnd: 'Time until the response ended, in milliseconds.',
    visuallyCompleteTime: 'Time until the page was visually complete, in milliseconds.',
    userActionPropertyCount: 'Number of custom properties of the user action.',
    customErrorCount: 'Number of custom errors during the user action.',
    javascriptErrorCount: 'Number of JavaScript errors during the user action.',
    requestErrorCount: 'Number of request errors during the user action.',
    largestContentfulPaint: 'Largest contentful paint (LCP), in milliseconds: when the largest element of the page was rendered (load speed).',
    firstInputDelay: 'First input delay (FID), in milliseconds: how long the browser took to respond to the first user input.',
    totalBlockingTime:
      'Total blocking time (TBT), in milliseconds: the time between first contentful paint and time to interactive during which input was blocked.',
    cumulativeLayoutShift: 'Cumulative layout shift (CLS): the sum of the scores of all unexpected layout shifts of the page (unitless; lower is more stable).',
    hasCrash: 'Whether the user action has a crash.',
    keyUserAction: 'Whether the user action is a key user action.',
    syntheticEvent: 'The name of the Synthetic event that triggered the user action.',
    syntheticEventId: 'The ID of the Synthetic event that triggered the user action.',
    matchingConversionGoals: 'The conversion goals the user action achieved.',
  },
  enums: { type: 'UserActionType', apdexCategory: 'ApdexCategory' },
});

/** The application fields events and errors share (Dynatrace UserSessionEvents, UserSessionErrors). */
const applicationDocs = {
  domain: 'The DNS domain where it was recorded.',
  application: 'The name of the application, by the configured detection rules.',
  internalApplicationId: 'The Dynatrace entity ID of the application (APPLICATION-…), usable as a key in other Dynatrace APIs.',
};

export const userEventEntity = describe('UserEvent', t.userEvents, {
  description: 'An additional event recorded in a user session (Dynatrace UserSessionEvents): page change, rage click, tag, crash, …',
  docs: {
    ...applicationDocs,
    type: 'The type of the event.',
    name: 'The name of the event.',
    startTime: `When the event happened (Dynatrace: UTC milliseconds; ${AT}).`,
    metadata: 'The metadata attached to the event.',
    page: 'For a page change: the page the user navigated to.',
    pageGroup: 'The page group, derived from the page.',
    pageReferrer: 'For a page change: the page the user navigated from.',
    pageReferrerGroup: 'The page referrer group, derived from the page referrer.',
  },
  enums: { type: 'UserEventType' },
});

export const userErrorEntity = describe('UserError', t.userErrors, {
  description: 'An error recorded in a user session (Dynatrace UserSessionErrors).',
  docs: {
    ...applicationDocs,
    type: 'The type of the error, as Dynatrace sent it (the values of UserEventType, e.g. `Error`, `Crash`; kept as text).',
    name: 'The name of the error.',
    startTime: `When the error happened (Dynatrace: UTC milliseconds; ${AT}).`,
  },
});

export const syntheticEventEntity = describe('SyntheticEvent', t.syntheticEvents, {
  description: 'A synthetic event of a user session created by a Synthetic browser monitor (Dynatrace UserSessionSyntheticEvent).',
  docs: {
    name: 'The name of the synthetic event.',
    syntheticEventId: 'The Dynatrace entity ID of the synthetic event.',
    sequenceNumber: 'The position of the event in the whole browser monitor (its sequence number).',
    timestamp: `When the synthetic event was simulated (Dynatrace: UTC milliseconds; ${AT}).`,
    type: 'The type of the synthetic event, e.g. click or keystroke.',
    errorCode: 'The code of the error that occurred during the event.',
    errorName: 'A description of the error that occurred during the event.',
  },
});
