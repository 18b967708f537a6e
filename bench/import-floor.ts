/**
 * The import floor: the same NDJSON written into the same schema by the plainest code that can
 * do it — JSON.parse per line, no validation, hand-written INSERTs through prepared better-sqlite3
 * statements, one transaction per batch. Whatever the real import spends beyond this is its own
 * overhead (validation, upserts, re-import cleanup), not SQLite's index maintenance.
 *
 * Run as a child process (like the real import) so both are timed the same way, startup
 * included, and neither shares a heap with the orchestrator:
 *   node --import tsx bench/import-floor.ts --db DB --json FILE   → prints {"userSessions":…}
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { openStore } from '../src/db/open.js';
import { FILE_IMPORT } from '../src/ingest/files.js';

/** Records per transaction and page cache: the import command's, so both commit equally often. */
const BATCH = FILE_IMPORT.batchSize;

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

// Column lists, in the wire's own key spelling (Dynatrace camelCase, PostHog snake_case).
const SESSION = [
  'tenantId', 'userSessionId', 'partNumber', 'startTime', 'endTime', 'duration', 'internalUserId', 'userType',
  'reasonForNoSessionReplay', 'reasonForNoSessionReplayMobile', 'applicationType', 'bounce', 'newUser', 'userActionCount',
  'totalErrorCount', 'totalLicenseCreditCount', 'matchingConversionGoalsCount', 'matchingConversionGoals', 'ip', 'continent',
  'country', 'region', 'city', 'browserType', 'browserFamily', 'browserMajorVersion', 'osFamily', 'osVersion', 'manufacturer',
  'device', 'userId', 'screenHeight', 'screenWidth', 'screenOrientation', 'displayResolution', 'hasCrash', 'crashGroupId',
  'hasSessionReplay', 'isp', 'clientType', 'browserMonitorId', 'browserMonitorName', 'appVersion', 'endReason',
  'numberOfRageClicks', 'numberOfRageTaps', 'userExperienceScore', 'carrier', 'networkTechnology', 'connectionType',
  'replayStart', 'replayEnd', 'clientTimeOffset', 'rootedOrJailbroken', 'hasError',
];
const ACTION = [
  'name', 'type', 'apdexCategory', 'domain', 'targetUrl', 'application', 'internalApplicationId', 'internalKeyUserActionId',
  'startTime', 'endTime', 'duration', 'navigationStart', 'speedIndex', 'networkTime', 'serverTime', 'frontendTime',
  'documentInteractiveTime', 'firstPartyResources', 'firstPartyBusyTime', 'thirdPartyResources', 'thirdPartyBusyTime',
  'cdnResources', 'cdnBusyTime', 'domCompleteTime', 'domContentLoadedTime', 'loadEventStart', 'loadEventEnd', 'requestStart',
  'responseStart', 'responseEnd', 'visuallyCompleteTime', 'userActionPropertyCount', 'customErrorCount', 'javascriptErrorCount',
  'requestErrorCount', 'largestContentfulPaint', 'firstInputDelay', 'totalBlockingTime', 'cumulativeLayoutShift', 'hasCrash',
  'keyUserAction', 'syntheticEvent', 'syntheticEventId', 'matchingConversionGoals',
];
const EVENT = ['type', 'name', 'domain', 'startTime', 'application', 'internalApplicationId', 'metadata', 'page', 'pageGroup', 'pageReferrer', 'pageReferrerGroup'];
const ERROR = ['type', 'name', 'domain', 'startTime', 'application', 'internalApplicationId'];
const RECORDING = [
  'id', 'distinct_id', 'viewed', 'recording_duration', 'active_seconds', 'inactive_seconds', 'start_time', 'end_time',
  'click_count', 'keypress_count', 'mouse_activity_count', 'console_log_count', 'console_warn_count', 'console_error_count',
  'start_url', 'retention_period_days', 'expiry_time', 'recording_ttl', 'snapshot_source', 'snapshot_library', 'ongoing',
  'activity_score', 'has_summary', 'summary_outcome', 'external_references',
];
const RECORDING_TIMES = new Set(['start_time', 'end_time', 'expiry_time']);

/** SQLite binds numbers, strings and null: booleans become 0/1, lists and objects JSON text. */
function bindable(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
}

function insert(db: Database.Database, table: string, fixed: string[], keys: string[]) {
  const columns = [...fixed, ...keys.map(snake)];
  return db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
}

type Json = Record<string, unknown>;
type Property = { key: string; value: unknown };

export async function importFloor(dbPath: string, file: string) {
  // The same schema as the real store: openStore migrates (and sets WAL), then we let go of it.
  openStore(dbPath).close();
  const db = new Database(dbPath);
  // The store's connection settings (src/db/open.ts), so only the code differs, not durability.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`cache_size = -${FILE_IMPORT.cacheMiB * 1024}`);
  db.pragma('temp_store = MEMORY');

  const person = db.prepare('INSERT INTO persons (project, id, uuid, name, properties, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const distinctId = db.prepare('INSERT OR IGNORE INTO person_distinct_ids (project, distinct_id, person_pk) VALUES (?, ?, ?)');
  const recording = insert(db, 'recordings', ['project'], RECORDING);
  const session = insert(db, 'user_sessions', ['project'], SESSION);
  const action = insert(db, 'user_actions', ['project', 'session_pk', 'seq'], ACTION);
  const event = insert(db, 'user_events', ['project', 'session_pk', 'seq'], EVENT);
  const error = insert(db, 'user_errors', ['project', 'session_pk', 'seq'], ERROR);
  const property = (table: string, owner: string) =>
    db.prepare(`INSERT INTO ${table} (project, ${owner}, type, key, string_value, long_value, double_value, date_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const sessionProperty = property('session_properties', 'session_pk');
  const actionProperty = property('action_properties', 'action_pk');

  const P = 'default';
  const counts = { recordings: 0, userSessions: 0, userActions: 0, persons: 0 };

  function properties(stmt: Database.Statement, owner: number | bigint, v: Json) {
    for (const p of (v.stringProperties ?? []) as Property[]) stmt.run(P, owner, 'string', p.key, p.value, null, null, null);
    for (const p of (v.longProperties ?? []) as Property[]) stmt.run(P, owner, 'long', p.key, null, p.value, null, null);
    for (const p of (v.doubleProperties ?? []) as Property[]) stmt.run(P, owner, 'double', p.key, null, null, p.value, null);
    for (const p of (v.dateProperties ?? []) as Property[]) stmt.run(P, owner, 'date', p.key, null, null, null, p.value);
  }

  function write(v: Json) {
    if ('userSessionId' in v) {
      const sessionPk = session.run(P, ...SESSION.map((k) => bindable(v[k]))).lastInsertRowid;
      ((v.userActions ?? []) as Json[]).forEach((a, seq) => {
        const actionPk = action.run(P, sessionPk, seq, ...ACTION.map((k) => bindable(a[k]))).lastInsertRowid;
        properties(actionProperty, actionPk, a);
      });
      ((v.events ?? []) as Json[]).forEach((e, seq) => event.run(P, sessionPk, seq, ...EVENT.map((k) => bindable(e[k]))));
      ((v.errors ?? []) as Json[]).forEach((e, seq) => error.run(P, sessionPk, seq, ...ERROR.map((k) => bindable(e[k]))));
      properties(sessionProperty, sessionPk, v);
      counts.userSessions++;
      counts.userActions += ((v.userActions ?? []) as unknown[]).length;
    } else if ('recording_duration' in v) {
      // The nested person was written from its own person record; only the recording row here.
      recording.run(P, ...RECORDING.map((k) => (RECORDING_TIMES.has(k) && v[k] != null ? Date.parse(v[k] as string) : bindable(v[k]))));
      counts.recordings++;
    } else if ('distinct_ids' in v) {
      const createdAt = v.created_at == null ? null : Date.parse(v.created_at as string);
      const pk = person.run(P, v.id, v.uuid, v.name ?? null, JSON.stringify(v.properties ?? {}), createdAt).lastInsertRowid;
      for (const id of v.distinct_ids as string[]) distinctId.run(P, id, pk);
      counts.persons++;
    }
  }

  const lines = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let pending = 0;
  db.exec('BEGIN');
  for await (const line of lines) {
    if (!line) continue;
    write(JSON.parse(line) as Json);
    if (++pending >= BATCH) {
      db.exec('COMMIT');
      db.exec('BEGIN');
      pending = 0;
    }
  }
  db.exec('COMMIT');
  db.close();
  return counts;
}

// CLI entry: only when run directly, so run.ts could also import the function.
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    const v = i >= 0 ? process.argv[i + 1] : undefined;
    if (!v) throw new Error(`usage: import-floor.ts --db DB --json FILE (missing ${name})`);
    return v;
  };
  const counts = await importFloor(arg('--db'), arg('--json'));
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}
