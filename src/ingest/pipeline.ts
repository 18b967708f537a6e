/**
 * The one ingest path, shared by `npm run import`, the HTTP ingest endpoints and the seed
 * generator: raw records → detect kind → zod-validate → write, in batched transactions.
 */
import type { Store } from '../db/open.js';
import { sqliteConnection } from '../db/statements.js';
import { withWriteLock } from '../db/write-lock.js';
import type { AnyStore } from '../graphql/context.js';
import { describeIssue, MAX_NESTING_DEPTH, tooDeep } from './formats/common.js';
import { looksLikeUserSession, userSession } from './formats/dynatrace.js';
import { looksLikePerson, looksLikeRecording, minimalPerson, sessionRecording } from './formats/posthog.js';
import { IngestFailure, inputFailure, storageFailure, type Committed } from './failure.js';
import type { RawRecord } from './read.js';
import { createRecordWriter, emptyCounts, runAsync, runSync, type RecordWriter, type Write, type WriteCounts } from './write.js';
import { noting, WarningTally, type ImportWarning } from './warnings.js';
import type { PgStore } from '../db/pg/connect.js';

/** What one input record can be, and how each kind is validated and written. */
const KINDS = {
  recording: {
    label: 'PostHog SessionRecording',
    schema: sessionRecording,
    looksLike: looksLikeRecording,
    write: (w: RecordWriter, value: unknown, c: WriteCounts) => w.recording(sessionRecording.parse(value), c),
  },
  person: {
    label: 'PostHog person',
    schema: minimalPerson,
    looksLike: looksLikePerson,
    write: (w: RecordWriter, value: unknown, c: WriteCounts) => w.person(minimalPerson.parse(value), c),
  },
  userSession: {
    label: 'Dynatrace UserSession',
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
    close: () => client.release(),
  };
}

async function ingestLocked(target: WriteTarget, records: AsyncIterable<RawRecord> | Iterable<RawRecord>, options: IngestOptions): Promise<IngestSummary> {
  const { writer } = target;
  const counts = emptyCounts();
  const summary: IngestSummary = { ...counts, accepted: 0, rejected: 0, errors: [], rolledBack: false, warnings: [] };
  const warnings = new WarningTally();
  const batchSize = options.batchSize ?? 500;
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  let pending = 0;
  let sliceStart = performance.now();
  /** What an input that fails midway keeps: the batches committed so far. */
  const committed: Committed = { accepted: 0, rejected: 0 };
  let line = 0;
  const commit = async () => {
    await target.commit();
    committed.accepted = summary.accepted;
    committed.rejected = summary.rejected;
  };

  /** Ends the batch (unless strict) and lets the event loop run: HTTP requests, progress output. */
  const breathe = async () => {
    const ended = !options.strict && pending > 0 && (pending >= batchSize || !!options.commitOnYield);
    if (ended) {
      await commit();
      pending = 0;
    }
    await new Promise((resolve) => setImmediate(resolve));
    if (ended) await begin();
    sliceStart = performance.now();
  };

  const reject = (line: number, message: string) => {
    summary.rejected++;
    if (summary.errors.length < MAX_KEPT_ERRORS) summary.errors.push({ line, message });
    options.onReject?.(line, message);
  };

  const accepted = options.accept ?? (Object.keys(KINDS) as RecordKind[]);
  const expected = accepted.map((kind) => KINDS[kind].label).join(' or ');

  /** Validates and writes one record in its savepoint; false when it was rejected. */
  const handle = async (record: RawRecord): Promise<boolean> => {
    if ('error' in record) {
      reject(record.line, record.error);
      return false;
    }
    const { value } = record;
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      reject(line, 'expected a JSON object');
      return false;
    }
    // An Elasticsearch bulk action line (Dynatrace's export "when sending to Elasticsearch"):
    // part of the file's framing, not a record. Skipped, neither accepted nor rejected.
    if (isBulkAction(value as Record<string, unknown>)) {
      warnings.add('bulkActionLine', Object.keys(value)[0]!, line);
      return false;
    }
    const deep = tooDeep(value);
    if (deep !== undefined) {
      reject(line, `${deep}: nested deeper than ${MAX_NESTING_DEPTH} levels (the limit for a record)`);
      return false;
    }
    const kind = kindOf(value as Record<string, unknown>);
    if (!kind || !accepted.includes(kind)) {
      reject(line, `expected a ${expected}${kind ? `, got a ${KINDS[kind].label}` : ''}`);
      return false;
    }
    // In strict mode after a rejection, keep validating to report every bad line, write nothing.
    if (options.strict && summary.rejected > 0) {
      const parsed = KINDS[kind].schema.safeParse(value);
      if (!parsed.success) reject(line, describeIssue(parsed.error));
      return false;
    }
    let notes;
    try {
      // Parsing (and what it notices) happens when the write is made; the write then runs in its savepoint.
      const parsed = noting(() => KINDS[kind].write(writer, value, counts));
      notes = parsed.notes;
      await target.writeOne(parsed.value);
    } catch (e) {
      reject(line, errorMessage(e));
      return false;
    }
    for (const [warning, name] of notes) warnings.add(warning, name, line);
    return true;
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
      const written = await handle(record);
      if (written) {
        summary.accepted++;
        if (!options.strict) pending++;
      }
      // Every record counts towards the time slice, rejected ones too: a body of nothing but bad
      // lines must not hold the event loop either.
      if (pending >= batchSize || performance.now() - sliceStart >= sliceMs) await breathe();
    }
    if (options.strict && summary.rejected > 0) {
      await target.rollback();
      summary.rolledBack = true;
      return { ...summary, ...emptyCounts(), accepted: 0, warnings: [] };
    }
    await commit();
  } catch (e) {
    await target.rollback();
    throw asFailure(e, committed, line);
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
