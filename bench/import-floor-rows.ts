/**
 * What the import floors (bench/import-floor.ts for SQLite, bench/import-floor-pg.ts for
 * PostgreSQL) share: the batch size, the column lists, and the mapping of one NDJSON record to
 * rows. Each floor supplies a sink that writes those rows its own plainest fast way; the mapping is
 * written once so both floors do the same work and differ only in how rows reach the store.
 */
import { FILE_IMPORT } from '../src/ingest/files.js';

/** Records per transaction: the import command's, so every import commits equally often. */
export const BATCH = FILE_IMPORT.batchSize;

export const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

// Column lists, in the wire's own key spelling (Dynatrace camelCase, PostHog snake_case).
export const SESSION = [
  'tenantId', 'userSessionId', 'partNumber', 'startTime', 'endTime', 'duration', 'internalUserId', 'userType',
  'reasonForNoSessionReplay', 'reasonForNoSessionReplayMobile', 'applicationType', 'bounce', 'newUser', 'userActionCount',
  'totalErrorCount', 'totalLicenseCreditCount', 'matchingConversionGoalsCount', 'matchingConversionGoals', 'ip', 'continent',
  'country', 'region', 'city', 'browserType', 'browserFamily', 'browserMajorVersion', 'osFamily', 'osVersion', 'manufacturer',
  'device', 'userId', 'screenHeight', 'screenWidth', 'screenOrientation', 'displayResolution', 'hasCrash', 'crashGroupId',
  'hasSessionReplay', 'isp', 'clientType', 'browserMonitorId', 'browserMonitorName', 'appVersion', 'endReason',
  'numberOfRageClicks', 'numberOfRageTaps', 'userExperienceScore', 'carrier', 'networkTechnology', 'connectionType',
  'replayStart', 'replayEnd', 'clientTimeOffset', 'rootedOrJailbroken', 'hasError',
];
export const ACTION = [
  'name', 'type', 'apdexCategory', 'domain', 'targetUrl', 'application', 'internalApplicationId', 'internalKeyUserActionId',
  'startTime', 'endTime', 'duration', 'navigationStart', 'speedIndex', 'networkTime', 'serverTime', 'frontendTime',
  'documentInteractiveTime', 'firstPartyResources', 'firstPartyBusyTime', 'thirdPartyResources', 'thirdPartyBusyTime',
  'cdnResources', 'cdnBusyTime', 'domCompleteTime', 'domContentLoadedTime', 'loadEventStart', 'loadEventEnd', 'requestStart',
  'responseStart', 'responseEnd', 'visuallyCompleteTime', 'userActionPropertyCount', 'customErrorCount', 'javascriptErrorCount',
  'requestErrorCount', 'largestContentfulPaint', 'firstInputDelay', 'totalBlockingTime', 'cumulativeLayoutShift', 'hasCrash',
  'keyUserAction', 'syntheticEvent', 'syntheticEventId', 'matchingConversionGoals',
];
export const EVENT = ['type', 'name', 'domain', 'startTime', 'application', 'internalApplicationId', 'metadata', 'page', 'pageGroup', 'pageReferrer', 'pageReferrerGroup'];
export const ERROR = ['type', 'name', 'domain', 'startTime', 'application', 'internalApplicationId'];
export const RECORDING = [
  'id', 'distinct_id', 'viewed', 'recording_duration', 'active_seconds', 'inactive_seconds', 'start_time', 'end_time',
  'click_count', 'keypress_count', 'mouse_activity_count', 'console_log_count', 'console_warn_count', 'console_error_count',
  'start_url', 'retention_period_days', 'expiry_time', 'recording_ttl', 'snapshot_source', 'snapshot_library', 'ongoing',
  'activity_score', 'has_summary', 'summary_outcome', 'external_references',
];
const RECORDING_TIMES = new Set(['start_time', 'end_time', 'expiry_time']);
/** A person's columns after `project`, in the order `FloorSink.person` gets them. */
export const PERSON = ['id', 'uuid', 'name', 'properties', 'created_at'];
/** A property's columns after `project` and its owner, in the order the property sinks get them. */
export const PROPERTY = ['type', 'key', 'string_value', 'long_value', 'double_value', 'date_value'];

export type Json = Record<string, unknown>;
type Property = { key: string; value: unknown };

/**
 * Where a floor's rows go, one call per row in the order the rows are written (parents first).
 * `values` are in the column lists' order, each already passed through `cell`; a call that writes
 * a parent returns its pk, which the children's calls get back.
 */
export interface FloorSink<Pk, Cell> {
  /** A JSON value as the store binds it (lists and objects become JSON text in both stores). */
  cell(value: unknown): Cell;
  session(values: Cell[]): Pk;
  action(sessionPk: Pk, seq: number, values: Cell[]): Pk;
  event(sessionPk: Pk, seq: number, values: Cell[]): void;
  error(sessionPk: Pk, seq: number, values: Cell[]): void;
  sessionProperty(sessionPk: Pk, values: Cell[]): void;
  actionProperty(actionPk: Pk, values: Cell[]): void;
  recording(values: Cell[]): Pk;
  /** Optional: the SQLite floor was measured without the viewers, and keeps its figures comparable. */
  viewer?(recordingPk: Pk, viewer: Cell): void;
  person(values: Cell[]): Pk;
  distinctId(personPk: Pk, distinctId: Cell): void;
}

export interface FloorCounts {
  recordings: number;
  userSessions: number;
  userActions: number;
  persons: number;
}

export const floorCounts = (): FloorCounts => ({ recordings: 0, userSessions: 0, userActions: 0, persons: 0 });

/** Writes one record's rows to `sink`: no validation, whatever the record holds goes in. */
export function writeRecord<Pk, Cell>(v: Json, sink: FloorSink<Pk, Cell>, counts: FloorCounts): void {
  const { cell } = sink;
  if ('userSessionId' in v) {
    const sessionPk = sink.session(SESSION.map((k) => cell(v[k])));
    ((v.userActions ?? []) as Json[]).forEach((a, seq) => {
      const actionPk = sink.action(sessionPk, seq, ACTION.map((k) => cell(a[k])));
      properties(a, cell, (values) => sink.actionProperty(actionPk, values));
    });
    ((v.events ?? []) as Json[]).forEach((e, seq) => sink.event(sessionPk, seq, EVENT.map((k) => cell(e[k]))));
    ((v.errors ?? []) as Json[]).forEach((e, seq) => sink.error(sessionPk, seq, ERROR.map((k) => cell(e[k]))));
    properties(v, cell, (values) => sink.sessionProperty(sessionPk, values));
    counts.userSessions++;
    counts.userActions += ((v.userActions ?? []) as unknown[]).length;
  } else if ('recording_duration' in v) {
    // The nested person was written from its own person record; only the recording row here.
    const pk = sink.recording(RECORDING.map((k) => cell(RECORDING_TIMES.has(k) && v[k] != null ? Date.parse(v[k] as string) : v[k])));
    // A viewer listed twice is one row (as the import writes it: the key is recording and viewer).
    if (sink.viewer) for (const viewer of new Set((v.viewers ?? []) as string[])) sink.viewer(pk, cell(viewer));
    counts.recordings++;
  } else if ('distinct_ids' in v) {
    const createdAt = v.created_at == null ? null : Date.parse(v.created_at as string);
    const pk = sink.person([v.id, v.uuid, v.name ?? null, v.properties ?? {}, createdAt].map(cell));
    for (const id of v.distinct_ids as string[]) sink.distinctId(pk, cell(id));
    counts.persons++;
  }
}

/** The typed custom properties of a session or an action: one row each, the value in its type's column. */
function properties<Cell>(v: Json, cell: (value: unknown) => Cell, write: (values: Cell[]) => void): void {
  for (const p of (v.stringProperties ?? []) as Property[]) write([cell('string'), cell(p.key), cell(p.value), cell(null), cell(null), cell(null)]);
  for (const p of (v.longProperties ?? []) as Property[]) write([cell('long'), cell(p.key), cell(null), cell(p.value), cell(null), cell(null)]);
  for (const p of (v.doubleProperties ?? []) as Property[]) write([cell('double'), cell(p.key), cell(null), cell(null), cell(p.value), cell(null)]);
  for (const p of (v.dateProperties ?? []) as Property[]) write([cell('date'), cell(p.key), cell(null), cell(null), cell(null), cell(p.value)]);
}
