/**
 * The one ingest path, shared by `npm run import`, the HTTP ingest endpoints and the seed
 * generator: raw records → detect kind → zod-validate → write, in batched transactions.
 */
import type { Store } from '../db/open.js';
import { sqliteConnection } from '../db/statements.js';
import { withWriteLock } from '../db/write-lock.js';
import type { AnyStore } from '../graphql/context.js';
import { describeIssue, MAX_NESTING_DEPTH, storable, tooDeep } from './formats/common.js';
import { looksLikeUserSession, userSession, type ParsedUserSession } from './formats/dynatrace.js';
import { looksLikePerson, looksLikeRecording, minimalPerson, sessionRecording } from './formats/posthog.js';
import { IngestFailure, inputFailure, storageFailure, type Committed } from './failure.js';
import type { RawRecord } from './read.js';
import { createRecordWriter, emptyCounts, runAsync, runSync, type RecordWriter, type Write, type WriteCounts } from './write.js';
import { noting, WarningTally, type ImportWarning, type WarningKind } from './warnings.js';
import type { PgStore } from '../db/pg/connect.js';

/** What one input record can be, and how each kind is validated and written. */
const KINDS = {
  recording: {
    label: 'PostHog SessionRecording',
    entity: 'SessionRecording',
    schema: sessionRecording,
    looksLike: looksLikeRecording,
    write: (w: RecordWriter, value: unknown, c: WriteCounts) => w.recording(sessionRecording.parse(value), c),
  },
  person: {
    label: 'PostHog person',
    entity: 'Person',
    schema: minimalPerson,
    looksLike: looksLikePerson,
    write: (w: RecordWriter, value: unknown, c: WriteCounts) => w.person(minimalPerson.parse(value), c),
  },
  userSession: {
    label: 'Dynatrace UserSession',
    entity: 'UserSession',
    schema: userSession,
    looksLike: looksLikeUserSession,
    write: (w: RecordWriter, value: unknown, c: WriteCounts) => w.userSession(userSession.parse(value), c),
  },
} as const;

export type RecordKind = keyof typeof KINDS;

export interface IngestOptions {
  project?: string;
  /** Any bad record and nothing of this input is written. */
  strict?: boolean;
  /** Only accept records of these kinds (HTTP endpoints); by default any kind, detected per record. */
  accept?: readonly RecordKind[];
  /** Records per transaction when not strict. */
  batchSize?: number;
  /**
   * At most this much work (ms) between yields to the event loop, whatever the records are
   * (rejected ones too), so a big body never freezes the server. Default 10.
   */
  sliceMs?: number;
  /**
   * A yield ends the batch (commits, unless strict): for a connection that also serves requests
   * (the HTTP server), so nothing it runs meanwhile sees a half-written batch. A file import
   * commits per batch only: committing every slice made it a quarter slower.
   */
  commitOnYield?: boolean;
  onReject?: (line: number, message: string) => void;
  /**
   * How long to wait for another process writing to the same database (ms) before failing with
   * STORE_BUSY. The wait does not block the thread. Default 5,000.
   */
  waitMs?: number;
  /** Called once when the ingest starts waiting for another writer. */
  onWait?: () => void;
  onRecord?: () => void;
  /** Person uuids already counted (one import of several files counts each person once). */
  personsSeen?: Set<string>;
  /**
   * On PostgreSQL, up to this many user sessions in a row are written together: one savepoint and
   * one statement per table for all of them instead of about eight round trips each (a session
   * the store refuses is then written again alone, as are the others of its group, so it is
   * rejected alone). 0 writes each record alone. Default 200. SQLite writes each record alone
   * (in-process, every statement answers at once: nothing to gain).
   */
  groupSessions?: number;
}

export interface RecordError {
  line: number;
  message: string;
}

export interface IngestSummary extends WriteCounts {
  /** Records written, of any kind. */
  accepted: number;
  rejected: number;
  errors: RecordError[];
  /** True when --strict discarded the whole input. */
  rolledBack: boolean;
  /** What was noticed in the stored records without refusing them (warnings.ts). */
  warnings: ImportWarning[];
}

/** User sessions written together on PostgreSQL, by default (IngestOptions.groupSessions). */
const GROUP_SESSIONS = 200;
/**
 * A group also ends once its sessions hold this many rows (actions, events, errors, properties…):
 * memory stays flat, and a session of 50,000 actions is written on its own.
 */
const GROUP_ROWS = 10_000;

/** Work between two yields to the event loop, by default. */
const DEFAULT_SLICE_MS = 10;

/** How long an ingest waits for another process's write transaction, by default. */
const DEFAULT_WAIT_MS = 5000;
/** Between two tries of the write lock while another process holds it. */
const WAIT_STEP_MS = 25;

const isBusy = (e: unknown) =>
  !!e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' && e.code.startsWith('SQLITE_BUSY');

/**
 * BEGIN IMMEDIATE (the database's write lock), waiting for another process that holds it without
 * blocking the thread: SQLite's own busy timeout would sleep inside the call and freeze the
 * server, and give up after it. Past `waitMs` the SQLITE_BUSY is thrown (a STORE_BUSY failure).
 */
async function beginWrite(sqlite: Store['sqlite'], waitMs: number, onWait: () => void): Promise<void> {
  const deadline = performance.now() + waitMs;
  const busyTimeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
  for (;;) {
    sqlite.pragma('busy_timeout = 0');
    try {
      sqlite.exec('BEGIN IMMEDIATE');
      return;
    } catch (e) {
      if (!isBusy(e) || performance.now() >= deadline) throw e;
    } finally {
      sqlite.pragma(`busy_timeout = ${busyTimeout}`);
    }
    onWait();
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
}

/** At most this many errors are kept for the summary (all are still reported via onReject). */
const MAX_KEPT_ERRORS = 1000;

/** The bulk API's action lines that precede a document: `{"index": {…}}` or `{"create": {…}}`. */
const BULK_ACTIONS = new Set(['index', 'create']);

/** An object with one key, `index` or `create`, whose value is an object (the action's metadata). */
export function isBulkAction(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  if (keys.length !== 1 || !BULK_ACTIONS.has(keys[0]!)) return false;
  const meta = value[keys[0]!];
  return !!meta && typeof meta === 'object' && !Array.isArray(meta);
}

function kindOf(value: Record<string, unknown>): RecordKind | undefined {
  return (Object.keys(KINDS) as RecordKind[]).find((kind) => KINDS[kind].looksLike(value));
}

export function ingest(
  store: AnyStore,
  records: AsyncIterable<RawRecord> | Iterable<RawRecord>,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  return withWriteLock(store, async () => {
    const target = store.kind === 'sqlite' ? sqliteTarget(store, options) : await postgresTarget(store, options);
    try {
      return await ingestLocked(target, records, options);
    } finally {
      target.close();
    }
  });
}

/** Where an ingest writes: its transactions, and each record in a savepoint of its own. */
interface WriteTarget {
  writer: RecordWriter;
  /** Starts a batch's transaction (SQLite: waits, without blocking, for another process's write lock). */
  begin(onWait: () => void): Promise<void>;
  commit(): Promise<void>;
  /** Ends the transaction without writing it, if one is open. */
  rollback(): Promise<void>;
  /** Writes one record (its parsed write): all of it or, when it fails, none of it. */
  writeOne(write: Write<void>): void | Promise<void>;
  /** Whether user sessions are worth writing in groups (every statement is a round trip). */
  groups: boolean;
  /** After a batch's commit, with the records this input has written so far. */
  committed?(written: number): Promise<void>;
  close(): void;
}

function sqliteTarget(store: Store, options: IngestOptions): WriteTarget {
  const { sqlite } = store;
  const writer = createRecordWriter(store.db, sqliteConnection(store.db), options.project ?? 'default', options.personsSeen);
  return {
    writer,
    begin: (onWait) => beginWrite(sqlite, options.waitMs ?? DEFAULT_WAIT_MS, onWait),
    commit: async () => void sqlite.exec('COMMIT'),
    async rollback() {
      try {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      } catch {
        // SQLite may have rolled back already (a full disk does); the failure reported is what matters.
      }
    },
    // A savepoint per record; the write runs through without a pause (every statement answers at once).
    writeOne: sqlite.transaction((write: Write<void>) => runSync(write)),
    groups: false,
    close() {},
  };
}

/** PostgreSQL: one pooled connection, each batch a transaction of the project (row-level security). */
async function postgresTarget(store: PgStore, options: IngestOptions): Promise<WriteTarget> {
  const project = options.project ?? 'default';
  const { beginInProject, pgConnection } = await import('../db/pg/connect.js');
  const client = await store.pool.connect();
  const writer = createRecordWriter(store.db, pgConnection(client), project, options.personsSeen);
  // The previous record's savepoint stays open until the next record releases it in the same
  // round trip as it opens its own (or the commit releases it): one round trip per record, not two.
  let savepointOpen = false;
  const ended = () => void (savepointOpen = false);
  let analyzedAt = 0;
  return {
    writer,
    begin: () => beginInProject(client, project).then(ended),
    commit: async () => void (await client.query('commit').finally(ended)),
    rollback: async () => void (await client.query('rollback').catch(() => {}).finally(ended)),
    async writeOne(write) {
      await client.query(savepointOpen ? 'release savepoint record; savepoint record' : 'savepoint record');
      savepointOpen = true;
      try {
        await runAsync(write);
      } catch (error) {
        await client.query('rollback to savepoint record');
        throw error;
      }
    },
    groups: true,
    // The planner's statistics as the tables grow under a long import (at ANALYZE_FIRST records,
    // then each time the count doubles: a handful of ANALYZEs in all). Without them PostgreSQL
    // plans every batch as for empty tables, and the visit-link recompute walked whole tables.
    async committed(written) {
      if (written < Math.max(ANALYZE_FIRST, 2 * analyzedAt)) return;
      analyzedAt = written;
      await client.query('select sessiongraph_analyze()');
    },
    close: () => client.release(),
  };
}

/** Records an import writes before PostgreSQL's statistics are first gathered (postgresTarget). */
const ANALYZE_FIRST = 2_000;

type Notes = [WarningKind, string][];

/** A user session parsed and waiting for its group to be written, or the outcome of a record after it (PostgreSQL). */
type Queued = { line: number; session: ParsedUserSession; notes: Notes } | { line: number; settle: () => void };

/** Records waiting at most (sessions and the outcomes after them): memory stays flat. */
const MAX_QUEUED = 1000;

/** The rows a session writes: itself and everything nested. */
function rowsOf(parsed: ParsedUserSession): number {
  let rows = 1 + parsed.events.length + parsed.errors.length + parsed.syntheticEvents.length + parsed.properties.length;
  for (const action of parsed.userActions) rows += 1 + action.properties.length;
  return rows;
}

async function ingestLocked(target: WriteTarget, records: AsyncIterable<RawRecord> | Iterable<RawRecord>, options: IngestOptions): Promise<IngestSummary> {
  const { writer } = target;
  const counts = emptyCounts();
  const summary: IngestSummary = { ...counts, accepted: 0, rejected: 0, errors: [], rolledBack: false, warnings: [] };
  const warnings = new WarningTally();
  const batchSize = options.batchSize ?? 500;
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const groupSessions = target.groups ? (options.groupSessions ?? GROUP_SESSIONS) : 0;
  let pending = 0;
  let sliceStart = performance.now();
  /** What an input that fails midway keeps: the batches committed so far. */
  const committed: Committed = { accepted: 0, rejected: 0 };
  let line = 0;
  /** The line of the record being written when it is not the last one read (a group's). */
  let writing: number | undefined;

  /*
   * On PostgreSQL, user sessions wait here, parsed, to be written together (`flush`): up to
   * `groupSessions` of them, unique on their key (one statement cannot upsert a row twice), with
   * GROUP_ROWS nested rows at most. A record of another kind between them is written at once (it
   * shares no table with sessions), but every record's outcome (accepted or rejected, what it
   * noticed) waits here too and is counted in input order: the summary, the errors and the
   * onReject calls are those of writing each record alone. Under --strict a record that is not a
   * session waits for the sessions before it (after a rejection, nothing more is written).
   */
  const queue: Queued[] = [];
  const groupKeys = new Set<string>();
  let groupSize = 0;
  let groupRows = 0;

  const commit = async () => {
    // The batch's visit links, in its own transaction (db/visit-links.ts).
    await target.writeOne(writer.relinkVisits());
    await target.commit();
    committed.accepted = summary.accepted;
    committed.rejected = summary.rejected;
    await target.committed?.(summary.accepted + summary.rejected);
  };

  const accept = (at: number, notes: Notes) => {
    summary.accepted++;
    if (!options.strict) pending++;
    for (const [warning, name] of notes) warnings.add(warning, name, at);
  };

  const reject = (line: number, message: string) => {
    summary.rejected++;
    if (summary.errors.length < MAX_KEPT_ERRORS) summary.errors.push({ line, message });
    options.onReject?.(line, message);
  };

  /** Writes the waiting sessions, all together or (when that fails) each alone, and counts every waiting outcome in order. */
  const flush = async () => {
    if (queue.length === 0) return;
    const queued = queue.splice(0);
    const sessions = queued.filter((q) => 'session' in q);
    groupKeys.clear();
    groupSize = 0;
    groupRows = 0;
    let together = false;
    if (sessions.length > 1) {
      writing = sessions[0]!.line;
      try {
        await target.writeOne(writer.userSessions(sessions.map((q) => q.session), counts));
        together = true;
      } catch {
        // Rolled back to the group's savepoint: nothing of it is written. Each is written again
        // alone, so a session the store refuses is rejected alone, with its line and reason.
      }
    }
    for (const q of queued) {
      if ('settle' in q) {
        q.settle();
        continue;
      }
      if (!together) {
        // Strict, after a rejection: what follows is only validated (as in `handle`), not written.
        if (options.strict && summary.rejected > 0) continue;
        writing = q.line;
        try {
          await target.writeOne(writer.userSession(q.session, counts));
        } catch (e) {
          reject(q.line, errorMessage(e));
          continue;
        }
      }
      accept(q.line, q.notes);
    }
    writing = undefined;
  };

  /** Counts a record's outcome: now, or after those of the sessions waiting before it. */
  const settle = async (at: number, outcome: () => void) => {
    if (options.strict) await flush();
    if (queue.length === 0) return outcome();
    queue.push({ line: at, settle: outcome });
    if (queue.length >= MAX_QUEUED) await flush();
  };

  /** Records of the batch, written or waiting (strict: one batch, never ended). */
  const inBatch = () => (options.strict ? 0 : pending + queue.length);

  /** Ends the batch (unless strict) and lets the event loop run: HTTP requests, progress output. */
  const breathe = async () => {
    const ended = inBatch() > 0 && (inBatch() >= batchSize || !!options.commitOnYield);
    if (ended) {
      await flush();
      await commit();
      pending = 0;
    }
    await new Promise((resolve) => setImmediate(resolve));
    if (ended) await begin();
    sliceStart = performance.now();
  };

  const accepted = options.accept ?? (Object.keys(KINDS) as RecordKind[]);
  const expected = accepted.map((kind) => KINDS[kind].label).join(' or ');

  /** Validates one record and writes it in its savepoint (a session: in its group), or rejects it. */
  const handle = async (record: RawRecord): Promise<void> => {
    const at = record.line;
    const rejectIt = (message: string) => settle(at, () => reject(at, message));
    if ('error' in record) return rejectIt(record.error);
    const { value } = record;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return rejectIt('expected a JSON object');
    // An Elasticsearch bulk action line (Dynatrace's export "when sending to Elasticsearch"):
    // part of the file's framing, not a record. Skipped, neither accepted nor rejected.
    if (isBulkAction(value as Record<string, unknown>)) return settle(at, () => warnings.add('bulkActionLine', Object.keys(value)[0]!, at));
    const deep = tooDeep(value);
    if (deep !== undefined) return rejectIt(`${deep}: nested deeper than ${MAX_NESTING_DEPTH} levels (the limit for a record)`);
    const kind = kindOf(value as Record<string, unknown>);
    if (!kind || !accepted.includes(kind)) return rejectIt(`expected a ${expected}${kind ? `, got a ${KINDS[kind].label}` : ''}`);
    // In strict mode after a rejection, keep validating to report every bad line, write nothing.
    // (Nothing waits then: every rejection under --strict counts after the sessions before it.)
    if (options.strict && summary.rejected > 0) {
      const parsed = KINDS[kind].schema.safeParse(value);
      if (!parsed.success) reject(at, describeIssue(parsed.error));
      return;
    }
    if (kind === 'userSession' && groupSessions > 0) {
      let parsed;
      try {
        parsed = noting(() => userSession.parse(storable(value, KINDS[kind].entity)));
      } catch (e) {
        return rejectIt(errorMessage(e));
      }
      const { session } = parsed.value;
      const key = JSON.stringify([session.tenantId, session.userSessionId, session.partNumber]);
      const rows = rowsOf(parsed.value);
      // The same session again (a later part of the input replaces it): the earlier one is written
      // first. A session that would take the group past its rows goes into the next one.
      if (groupKeys.has(key) || groupRows + rows > GROUP_ROWS) await flush();
      queue.push({ line: at, session: parsed.value, notes: parsed.notes });
      groupKeys.add(key);
      groupSize++;
      groupRows += rows;
      if (groupSize >= groupSessions || groupRows >= GROUP_ROWS || queue.length >= MAX_QUEUED) await flush();
      return;
    }
    if (options.strict) await flush();
    let notes: Notes;
    try {
      // Parsing (and what it notices) happens when the write is made; the write then runs in its savepoint.
      const parsed = noting(() => KINDS[kind].write(writer, storable(value, KINDS[kind].entity), counts));
      notes = parsed.notes;
      await target.writeOne(parsed.value);
    } catch (e) {
      return rejectIt(errorMessage(e));
    }
    return settle(at, () => accept(at, notes));
  };

  let waiting = false;
  const begin = () =>
    target.begin(() => {
      if (!waiting) options.onWait?.();
      waiting = true;
    });

  try {
    await begin();
    for await (const record of records) {
      options.onRecord?.();
      line = record.line;
      await handle(record);
      // Every record counts towards the time slice, rejected ones too: a body of nothing but bad
      // lines must not hold the event loop either.
      if (inBatch() >= batchSize || performance.now() - sliceStart >= sliceMs) await breathe();
    }
    await flush();
    if (options.strict && summary.rejected > 0) {
      await target.rollback();
      summary.rolledBack = true;
      return { ...summary, ...emptyCounts(), accepted: 0, warnings: [] };
    }
    await commit();
  } catch (e) {
    await target.rollback();
    throw asFailure(e, committed, writing ?? line);
  }
  return { ...summary, ...counts, warnings: warnings.list() };
}

function asFailure(e: unknown, committed: Committed, line: number): IngestFailure {
  if (e instanceof IngestFailure) return e;
  const storage = storageFailure(e);
  const at = line > 0 ? line : undefined;
  if (storage) return new IngestFailure(storage.code, storage.message, { ...committed }, at, { cause: e });
  const input = inputFailure(e);
  if (input) return new IngestFailure('INPUT_UNREADABLE', input, { ...committed }, undefined, { cause: e });
  return new IngestFailure('INTERNAL', 'an unexpected error stopped the ingest', { ...committed }, at, { cause: e });
}

function errorMessage(e: unknown): string {
  if (e && typeof e === 'object' && 'issues' in e) return describeIssue(e as Parameters<typeof describeIssue>[0]);
  const message = e instanceof Error ? e.message : String(e);
  // Constraint failures are the store's way of saying the record contradicts stored data.
  if (/UNIQUE constraint failed: persons\.project, persons\.id|violates unique constraint "persons_project_id/.test(message)) {
    return 'person.id is already used by a person with another uuid';
  }
  if (/constraint failed|violates .*constraint/i.test(message)) return `rejected by the store: ${message}`;
  throw e;
}
