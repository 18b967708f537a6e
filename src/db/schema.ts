/**
 * The store, as Drizzle tables. Column keys are the GraphQL/Dynatrace camelCase names; the
 * database spells them snake_case (`casing: 'snake_case'` in both drizzle() and drizzle-kit).
 *
 * Conventions:
 *  - `pk` is the internal integer row id used for joins; natural keys are unique per `project`.
 *  - Every table carries `project` so one database can hold many isolated tenants.
 *  - Timestamps are integer epoch milliseconds: range filters and ORDER BY use plain indexes.
 *  - Enums are stored as their wire values, verbatim and open: a value the documented lists do not
 *    have yet (Dynatrace adds values over time) is kept as sent, not refused (graphql/enums.ts).
 *  - `extra` holds, per row, the source fields the tables do not model (a JSON object, NULL when
 *    there were none): an import loses nothing of a record it accepts.
 *  - One table is not here: `cursor_secret` (drizzle/sqlite/0003_cursor_secret.sql,
 *    drizzle/pg/0001_setup.sql), the key that seals list cursors (graphql/pagination.ts). It is no
 *    project's data, so it stays out of the tables that dumps, purges and reads enumerate.
 *  - PostgreSQL's tables are generated from these (db/pg/schema.ts): this file is the one
 *    description of the store.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import * as E from '../model/enums.js';

const project = () => text().notNull().default('default');
const timestamp = () => integer({ mode: 'timestamp_ms' });
const bool = () => integer({ mode: 'boolean' });
const json = <T>() => text({ mode: 'json' }).$type<T>();
/** An enum column: typed by its documented values, but open (a value beyond them is kept as sent). */
const enumText = <M extends E.EnumMap>(_e: M) => text().$type<M[keyof M] | (string & {})>();
const extra = () => json<JsonObject>();

/** CHECK that a column holds one of an enum's wire values (or NULL). */
function oneOf(name: string, column: AnySQLiteColumn, e: E.EnumMap) {
  const list = Object.values(e).map((v) => `'${v}'`).join(', ');
  return check(name, sql`${column} IN (${sql.raw(list)})`);
}

export type JsonObject = { [key: string]: unknown };

// ---------------------------------------------------------------- persons (PostHog MinimalPerson)

export const persons = sqliteTable(
  'persons',
  {
    pk: integer().primaryKey(),
    project: project(),
    id: integer().notNull(),
    uuid: text().notNull(),
    name: text(),
    properties: json<JsonObject>().notNull().default({}),
    createdAt: timestamp(),
    extra: extra(),
  },
  (t) => [
    uniqueIndex('persons_project_uuid').on(t.project, t.uuid),
    uniqueIndex('persons_project_id').on(t.project, t.id),
    // The persons list's default order (newest first): without it every page sorts all persons.
    index('persons_project_created').on(t.project, t.createdAt),
  ],
);

/** A person owns many distinct ids; a distinct id belongs to one person (PostHog merges move it). */
export const personDistinctIds = sqliteTable(
  'person_distinct_ids',
  {
    project: project(),
    distinctId: text().notNull(),
    personPk: integer()
      .notNull()
      .references(() => persons.pk, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.project, t.distinctId] }),
    index('person_distinct_ids_person').on(t.personPk),
  ],
);

// ---------------------------------------------------------------- PostHog session recordings

export type SummaryOutcome = { description?: string | null; success?: boolean | null } & JsonObject;

export const recordings = sqliteTable(
  'recordings',
  {
    pk: integer().primaryKey(),
    project: project(),
    id: text().notNull(),
    distinctId: text(),
    viewed: bool().notNull().default(false),
    recordingDuration: integer().notNull(),
    activeSeconds: integer(),
    inactiveSeconds: integer(),
    startTime: timestamp(),
    endTime: timestamp(),
    clickCount: integer(),
    keypressCount: integer(),
    mouseActivityCount: integer(),
    consoleLogCount: integer(),
    consoleWarnCount: integer(),
    consoleErrorCount: integer(),
    startUrl: text(),
    retentionPeriodDays: integer(),
    expiryTime: timestamp(),
    recordingTtl: integer(),
    snapshotSource: text(),
    snapshotLibrary: text(),
    /** As the source sent it; NULL when it did not (the graph then derives it from endTime). */
    ongoing: bool(),
    activityScore: real(),
    hasSummary: bool().notNull().default(false),
    summaryOutcome: json<SummaryOutcome>(),
    externalReferences: json<JsonObject[]>().notNull().default([]),
    extra: extra(),
  },
  (t) => [
    uniqueIndex('recordings_project_id').on(t.project, t.id),
    index('recordings_project_start').on(t.project, t.startTime),
    index('recordings_project_distinct_start').on(t.project, t.distinctId, t.startTime),
    index('recordings_project_duration').on(t.project, t.recordingDuration),
    index('recordings_project_console_errors').on(t.project, t.consoleErrorCount),
    index('recordings_project_expiry').on(t.project, t.expiryTime),
  ],
);

/** Who has viewed a recording (PostHog's `viewers`). */
export const recordingViewers = sqliteTable(
  'recording_viewers',
  {
    project: project(),
    recordingPk: integer()
      .notNull()
      .references(() => recordings.pk, { onDelete: 'cascade' }),
    viewer: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.recordingPk, t.viewer] })],
);

// ---------------------------------------------------------------- Dynatrace user sessions

export const userSessions = sqliteTable(
  'user_sessions',
  {
    pk: integer().primaryKey(),
    project: project(),
    tenantId: text().notNull(),
    userSessionId: text().notNull(),
    partNumber: integer().notNull().default(0),
    startTime: timestamp(),
    endTime: timestamp(),
    duration: integer(),
    internalUserId: text(),
    userType: enumText(E.UserType),
    reasonForNoSessionReplay: enumText(E.ReasonForNoSessionReplay),
    reasonForNoSessionReplayMobile: enumText(E.ReasonForNoSessionReplayMobile),
    applicationType: enumText(E.ApplicationType),
    bounce: bool(),
    newUser: bool(),
    userActionCount: integer(),
    totalErrorCount: integer(),
    totalLicenseCreditCount: integer(),
    matchingConversionGoalsCount: integer(),
    matchingConversionGoals: json<string[]>(),
    ip: text(),
    continent: text(),
    country: text(),
    region: text(),
    city: text(),
    browserType: text(),
    browserFamily: text(),
    browserMajorVersion: text(),
    osFamily: text(),
    osVersion: text(),
    manufacturer: text(),
    device: text(),
    userId: text(),
    screenHeight: integer(),
    screenWidth: integer(),
    screenOrientation: enumText(E.ScreenOrientation),
    displayResolution: enumText(E.DisplayResolution),
    hasCrash: bool(),
    crashGroupId: text(),
    hasSessionReplay: bool(),
    isp: text(),
    clientType: text(),
    browserMonitorId: text(),
    browserMonitorName: text(),
    appVersion: text(),
    endReason: enumText(E.EndReason),
    numberOfRageClicks: integer(),
    numberOfRageTaps: integer(),
    userExperienceScore: enumText(E.UserExperienceScore),
    carrier: text(),
    networkTechnology: text(),
    connectionType: enumText(E.ConnectionType),
    replayStart: timestamp(),
    replayEnd: timestamp(),
    clientTimeOffset: integer(),
    rootedOrJailbroken: bool(),
    hasError: bool(),
    extra: extra(),
  },
  (t) => [
    uniqueIndex('user_sessions_natural_key').on(t.project, t.tenantId, t.userSessionId, t.partNumber),
    index('user_sessions_project_start').on(t.project, t.startTime),
    index('user_sessions_project_user_start').on(t.project, t.userId, t.startTime),
    index('user_sessions_project_country_start').on(t.project, t.country, t.startTime),
    index('user_sessions_project_browser').on(t.project, t.browserFamily),
    index('user_sessions_project_duration').on(t.project, t.duration),
    index('user_sessions_project_errors').on(t.project, t.totalErrorCount),
  ],
);

/** Columns every row nested under a user session has: its session and its position in it. */
const sessionChild = () => ({
  pk: integer().primaryKey(),
  project: project(),
  sessionPk: integer()
    .notNull()
    .references(() => userSessions.pk, { onDelete: 'cascade' }),
  /** Position in the session, 0-based and without gaps (the import replaces a session's children whole). */
  seq: integer().notNull(),
});

export const userActions = sqliteTable(
  'user_actions',
  {
    ...sessionChild(),
    name: text(),
    type: enumText(E.UserActionType),
    apdexCategory: enumText(E.ApdexCategory),
    domain: text(),
    targetUrl: text(),
    application: text(),
    internalApplicationId: text(),
    internalKeyUserActionId: text(),
    startTime: timestamp(),
    endTime: timestamp(),
    duration: integer(),
    navigationStart: timestamp(),
    speedIndex: integer(),
    networkTime: integer(),
    serverTime: integer(),
    frontendTime: integer(),
    documentInteractiveTime: integer(),
    firstPartyResources: integer(),
    firstPartyBusyTime: integer(),
    thirdPartyResources: integer(),
    thirdPartyBusyTime: integer(),
    cdnResources: integer(),
    cdnBusyTime: integer(),
    domCompleteTime: integer(),
    domContentLoadedTime: integer(),
    loadEventStart: integer(),
    loadEventEnd: integer(),
    requestStart: integer(),
    responseStart: integer(),
    responseEnd: integer(),
    visuallyCompleteTime: integer(),
    userActionPropertyCount: integer(),
    customErrorCount: integer(),
    javascriptErrorCount: integer(),
    requestErrorCount: integer(),
    largestContentfulPaint: integer(),
    firstInputDelay: integer(),
    totalBlockingTime: integer(),
    cumulativeLayoutShift: real(),
    hasCrash: bool(),
    keyUserAction: bool(),
    syntheticEvent: text(),
    syntheticEventId: text(),
    matchingConversionGoals: json<string[]>(),
    extra: extra(),
  },
  (t) => [
    uniqueIndex('user_actions_session_seq').on(t.sessionPk, t.seq),
    index('user_actions_project_start').on(t.project, t.startTime),
    index('user_actions_project_duration').on(t.project, t.duration),
    index('user_actions_project_key_duration').on(t.project, t.keyUserAction, t.duration),
    index('user_actions_project_name').on(t.project, t.name),
  ],
);

export const userEvents = sqliteTable(
  'user_events',
  {
    ...sessionChild(),
    type: enumText(E.UserEventType),
    name: text(),
    domain: text(),
    startTime: timestamp(),
    application: text(),
    internalApplicationId: text(),
    metadata: text(),
    page: text(),
    pageGroup: text(),
    pageReferrer: text(),
    pageReferrerGroup: text(),
    extra: extra(),
  },
  (t) => [
    uniqueIndex('user_events_session_seq').on(t.sessionPk, t.seq),
    index('user_events_project_start').on(t.project, t.startTime),
  ],
);

export const userErrors = sqliteTable(
  'user_errors',
  {
    ...sessionChild(),
    type: text(),
    name: text(),
    domain: text(),
    startTime: timestamp(),
    application: text(),
    internalApplicationId: text(),
    extra: extra(),
  },
  (t) => [
    uniqueIndex('user_errors_session_seq').on(t.sessionPk, t.seq),
    index('user_errors_project_start').on(t.project, t.startTime),
  ],
);

export const syntheticEvents = sqliteTable(
  'synthetic_events',
  {
    ...sessionChild(),
    name: text(),
    syntheticEventId: text(),
    sequenceNumber: integer(),
    timestamp: timestamp(),
    type: text(),
    errorCode: integer(),
    errorName: text(),
    extra: extra(),
  },
  (t) => [
    uniqueIndex('synthetic_events_session_seq').on(t.sessionPk, t.seq),
    // The root list syntheticEvents, newest first, and the time range of syntheticEventStats.
    index('synthetic_events_project_timestamp').on(t.project, t.timestamp),
  ],
);

// ---------------------------------------------------------------- custom properties

/**
 * A typed custom property: exactly the value column of its `type` is set, so filters compare
 * numbers as numbers and dates as dates.
 */
const propertyColumns = () => ({
  // Ours, not a source's: closed (CHECKed).
  type: text().$type<(typeof E.PropertyType)[keyof typeof E.PropertyType]>().notNull(),
  key: text().notNull(),
  stringValue: text(),
  longValue: integer(),
  doubleValue: real(),
  dateValue: timestamp(),
  extra: extra(),
});

function propertyChecks(prefix: string, t: { type: AnySQLiteColumn }): ReturnType<typeof check>[] {
  return [oneOf(`${prefix}_type`, t.type, E.PropertyType)];
}

export const sessionProperties = sqliteTable(
  'session_properties',
  {
    pk: integer().primaryKey(),
    project: project(),
    sessionPk: integer()
      .notNull()
      .references(() => userSessions.pk, { onDelete: 'cascade' }),
    ...propertyColumns(),
  },
  (t) => [
    index('session_properties_session').on(t.sessionPk, t.key),
    index('session_properties_project_key').on(t.project, t.key, t.stringValue),
    ...propertyChecks('session_properties', t),
  ],
);

export const actionProperties = sqliteTable(
  'action_properties',
  {
    pk: integer().primaryKey(),
    project: project(),
    actionPk: integer()
      .notNull()
      .references(() => userActions.pk, { onDelete: 'cascade' }),
    ...propertyColumns(),
  },
  (t) => [
    index('action_properties_action').on(t.actionPk, t.key),
    index('action_properties_project_key').on(t.project, t.key, t.stringValue),
    ...propertyChecks('action_properties', t),
  ],
);

// ---------------------------------------------------------------- visits (issue 17)

/** How a Dynatrace user session and a PostHog recording were found to be the same visit. */
export const VisitLinkKind = { PROPERTY: 'property', OVERLAP: 'overlap' } as const;

/**
 * A Dynatrace user session and a PostHog recording of the same visit, computed when either side
 * (or a person's distinct ids) is written, not per query (db/visit-links.ts): `property` when the
 * session carries the recording's id in its link property, else `overlap` when both belong to the
 * same person and their time ranges overlap or come within the tolerance. `overlapMs` is how long
 * the two ranges overlap (0 for an overlap link within the tolerance only; NULL for a property
 * link whose ranges do not overlap). Deleting either side deletes the link.
 */
export const visitLinks = sqliteTable(
  'visit_links',
  {
    pk: integer().primaryKey(),
    project: project(),
    sessionPk: integer()
      .notNull()
      .references(() => userSessions.pk, { onDelete: 'cascade' }),
    recordingPk: integer()
      .notNull()
      .references(() => recordings.pk, { onDelete: 'cascade' }),
    linkedBy: text().$type<(typeof VisitLinkKind)[keyof typeof VisitLinkKind]>().notNull(),
    overlapMs: integer(),
  },
  (t) => [
    uniqueIndex('visit_links_session_recording').on(t.sessionPk, t.recordingPk),
    index('visit_links_recording_session').on(t.recordingPk, t.sessionPk),
    oneOf('visit_links_linked_by', t.linkedBy, VisitLinkKind),
  ],
);

export type PersonRow = typeof persons.$inferSelect;
export type RecordingRow = typeof recordings.$inferSelect;
export type UserSessionRow = typeof userSessions.$inferSelect;
export type UserActionRow = typeof userActions.$inferSelect;
export type UserEventRow = typeof userEvents.$inferSelect;
export type UserErrorRow = typeof userErrors.$inferSelect;
export type SyntheticEventRow = typeof syntheticEvents.$inferSelect;
export type PropertyRow = typeof sessionProperties.$inferSelect;
export type VisitLinkRow = typeof visitLinks.$inferSelect;

// ---------------------------------------------------------------- API keys

/** A key is shown once at creation; only its SHA-256 is stored. `id` is its public part. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    pk: integer().primaryKey(),
    project: project(),
    id: text().notNull(),
    name: text(),
    hash: text().notNull(),
    readOnly: bool().notNull().default(false),
    createdAt: timestamp().notNull(),
    revokedAt: timestamp(),
  },
  (t) => [uniqueIndex('api_keys_id').on(t.id)],
);
export type ApiKeyRow = typeof apiKeys.$inferSelect;
