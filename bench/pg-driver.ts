/**
 * PostgreSQL driver choice by measurement: `pg` (node-postgres, + pg-copy-streams for COPY) versus
 * `postgres` (porsager's postgres.js), on the workloads sessiongraph will put on its PostgreSQL
 * store:
 *
 *   1. small parameterised reads as a GraphQL gateway makes them (a dataloader batch of 20 keys,
 *      a keyset page of 20), on one connection sequentially and on a pool of 8 under 32
 *      concurrent requests;
 *   2. one aggregate with percentile_cont;
 *   3. bulk loading of N rows of 15 columns: multi-row INSERT, COPY FROM STDIN, multi-row upsert;
 *   4. statement cancellation (statement_timeout per transaction, and client-side cancelling);
 *   5. the facts that decide how the store's code looks: type parsing, drizzle-orm 0.45 with each
 *      driver, pool options, release status.
 *
 * Run: `npx tsx bench/pg-driver.ts` (PostgreSQL at PGHOST/PGPORT/PGUSER, default
 * 127.0.0.1:5432 postgres, trust auth). Writes bench/pg-driver-results.json.
 * Sizes: PG_BENCH_READ_ROWS (default 200000), PG_BENCH_BULK_ROWS (default 200000).
 *
 * Every run works in a database of its own (sg_driver_bench_<random>), dropped at the end, also
 * when the run fails or is interrupted. Each bulk measurement runs in a child process of its own:
 * peak RSS is a high-water mark that never goes down within a process, so measuring three methods
 * times two drivers in one process would report the first big one six times.
 *
 * Fairness: both drivers get the same server, the same tables, the same parameter sequences
 * (seeded PRNG), the same JS values to send, and alternate which goes first from run to run. Each
 * figure is the median of RUNS runs, each after a warm-up (connections opened, statements
 * prepared, JIT warm). Client and server share the machine's 2 cores, as they will in CI.
 */
import { execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray, sql as dsql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { bigint, boolean, doublePrecision, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgresJs } from 'drizzle-orm/postgres-js';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import postgres from 'postgres';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

const CONN = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
};
/** Rows in the table the reads run against (4 projects of READ_ROWS/4 each). */
const READ_ROWS = Number(process.env.PG_BENCH_READ_ROWS ?? 200_000);
/** Rows each bulk-load measurement writes. */
const BULK_ROWS = Number(process.env.PG_BENCH_BULK_ROWS ?? 200_000);
const PROJECTS = 4;
const RUNS = 3;
/** Read cells: warm-up then a measured window, closed loop (each worker waits for its answer). */
const READ_WARMUP_MS = 400;
const READ_WINDOW_MS = 2_000;
const KEYS_PER_LOOKUP = 20;
const PAGE_SIZE = 20;
/** Multi-row INSERT/upsert batch: 1,000 rows x 15 columns = 15,000 parameters (limit 65,535). */
const BATCH = 1_000;
/** Rows loaded before each timed bulk run to warm the driver (statements prepared, JIT warm). */
const BULK_WARMUP_ROWS = 3_000;
/** Rows of the warm-up use keys far above the measured ones so they never collide. */
const WARMUP_OFFSET = 50_000_000;
const POOL_SIZE = 8;
const CONCURRENCY = 32;

type Driver = 'pg' | 'postgres.js';
const DRIVERS: readonly Driver[] = ['pg', 'postgres.js'];
type BulkMethod = 'insert' | 'copy' | 'upsert';
const BULK_METHODS: readonly BulkMethod[] = ['insert', 'copy', 'upsert'];

/** Alternate which driver goes first, so neither always measures on a cooler or warmer server. */
function driverOrder(run: number): readonly Driver[] {
  return run % 2 === 0 ? DRIVERS : [...DRIVERS].reverse();
}

// ---------------------------------------------------------------------------------------------
// Schema and data
// ---------------------------------------------------------------------------------------------

/** 15 columns: text, bigint, double, boolean, jsonb, timestamptz, like a session row. */
const COLS = [
  'project', 'pk', 'session_id', 'distinct_id', 'start_time', 'end_time', 'duration', 'active_seconds',
  'country', 'browser', 'os', 'click_count', 'keypress_count', 'has_errors', 'props',
] as const;
type Col = (typeof COLS)[number];

function tableDdl(name: string): string {
  return `create table ${name} (
    project text not null, pk bigint not null, session_id text not null, distinct_id text not null,
    start_time timestamptz not null, end_time timestamptz not null,
    duration double precision not null, active_seconds double precision not null,
    country text not null, browser text not null, os text not null,
    click_count bigint not null, keypress_count bigint not null, has_errors boolean not null,
    props jsonb not null,
    primary key (project, pk),
    unique (project, session_id)
  );
  create index ${name}_keyset on ${name} (project, start_time desc, pk desc);`;
}

const COUNTRIES = ['US', 'DE', 'FR', 'GB', 'NL', 'SE', 'ES', 'IT', 'PL', 'BR', 'IN', 'JP', 'CA', 'AU', 'MX', 'CH', 'AT', 'BE', 'DK', 'NO'];
const BROWSERS = ['Chrome', 'Firefox', 'Safari', 'Edge', 'Opera'];
const OSES = ['Windows', 'Mac OS X', 'Linux', 'iOS', 'Android'];
/** Carried by one row in 50: tab, newline, quote and backslash, which COPY's text format escapes. */
const NOTE = 'tab\there\nnew "quoted" back\\slash';
const SOURCES = ['google', 'newsletter', 'direct', 'twitter', 'partner'];
/** Sessions start within 30 days before this instant. */
const EPOCH_MS = Date.UTC(2026, 10, 1);
const SPAN_S = 30 * 86_400;

/**
 * Read table, generated server-side: far faster than sending it, and the reads do not care how
 * it got there. Row i belongs to project p(i % 4) and has pk i + 1.
 */
function readTableFill(rows: number): string {
  const arr = (xs: readonly string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;
  return `insert into reads
    select 'p' || (i % ${PROJECTS}), i + 1, 'sess-' || i, md5(i::text),
      st, st + make_interval(secs => d), d, d * 0.6,
      (${arr(COUNTRIES)})[1 + (hashint4(i) & 2147483647) % ${COUNTRIES.length}],
      (${arr(BROWSERS)})[1 + (hashint4(i + 1) & 2147483647) % ${BROWSERS.length}],
      (${arr(OSES)})[1 + (hashint4(i + 2) & 2147483647) % ${OSES.length}],
      (hashint4(i + 3) & 2147483647) % 500, (hashint4(i + 4) & 2147483647) % 2000, i % 7 = 0,
      jsonb_build_object('utm_source', (${arr(SOURCES)})[1 + i % 5], 'plan', 'team',
        'viewport', jsonb_build_object('w', 1280 + i % 640, 'h', 720), 'tags', jsonb_build_array('a', 'b'))
    from generate_series(0, ${rows - 1}) i,
      lateral (select to_timestamp(${EPOCH_MS / 1000} - (hashint4(i + 5) & 2147483647) % ${SPAN_S}) st,
                      ((hashint4(i + 6) & 2147483647) % 3600)::float8 / 1.7 d) x`;
}

/** 32-bit integer hash, so every row's values derive from its index alone (no shared state). */
function hash32(i: number): number {
  let x = (i ^ 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** Deterministic PRNG (mulberry32): both drivers get the same parameter sequences. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Props {
  version: number;
  utm_source: string;
  plan: string;
  viewport: { w: number; h: number };
  tags: string[];
  note?: string;
}
interface Row {
  project: string; pk: number; session_id: string; distinct_id: string;
  start_time: Date; end_time: Date; duration: number; active_seconds: number;
  country: string; browser: string; os: string;
  click_count: number; keypress_count: number; has_errors: boolean; props: Props;
}

/**
 * Bulk row i, generated on demand so that peak RSS shows what the driver holds, not a 200k-row
 * array. `version` differs between the pre-existing rows and the upsert's rows, so the upsert
 * really updates. One row in 50 carries tab, newline, quote and backslash to exercise escaping.
 */
function bulkRow(i: number, version: number): Row {
  const h = hash32(i);
  const start = EPOCH_MS - (h % SPAN_S) * 1000;
  const duration = (hash32(i + 1) % 3600) / 1.7;
  return {
    project: `p${i % PROJECTS}`,
    pk: i + 1,
    session_id: `sess-${i}`,
    distinct_id: `person-${hash32(i + 2).toString(16)}`,
    start_time: new Date(start),
    end_time: new Date(start + duration * 1000),
    duration,
    active_seconds: duration * 0.6,
    country: COUNTRIES[h % COUNTRIES.length]!,
    browser: BROWSERS[(h >>> 5) % BROWSERS.length]!,
    os: OSES[(h >>> 9) % OSES.length]!,
    click_count: hash32(i + 3) % 500,
    keypress_count: hash32(i + 4) % 2000,
    has_errors: i % 7 === 0,
    props: {
      version,
      utm_source: SOURCES[i % SOURCES.length]!,
      plan: 'team',
      viewport: { w: 1280 + (i % 640), h: 720 },
      tags: ['a', 'b'],
      ...(i % 50 === 0 ? { note: NOTE } : {}),
    },
  };
}

function* bulkBatches(first: number, count: number, version: number): Generator<Row[]> {
  for (let start = first; start < first + count; start += BATCH) {
    const batch: Row[] = [];
    for (let i = start; i < Math.min(first + count, start + BATCH); i++) batch.push(bulkRow(i, version));
    yield batch;
  }
}

/** COPY text format: backslash, tab, newline and carriage return must be escaped. */
function copyEscape(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** COPY input as ~64 KiB string chunks: the same bytes go to both drivers. */
async function* copyChunks(first: number, count: number, version: number): AsyncGenerator<string> {
  let chunk = '';
  for (let i = first; i < first + count; i++) {
    const r = bulkRow(i, version);
    chunk += [
      r.project, String(r.pk), copyEscape(r.session_id), copyEscape(r.distinct_id),
      r.start_time.toISOString(), r.end_time.toISOString(), String(r.duration), String(r.active_seconds),
      r.country, r.browser, r.os, String(r.click_count), String(r.keypress_count), r.has_errors ? 't' : 'f',
      copyEscape(JSON.stringify(r.props)),
    ].join('\t') + '\n';
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

const COPY_SQL = `copy bulk (${COLS.join(', ')}) from stdin`;
/** Multi-row VALUES for pg: $1..$15 for the first row, $16..$30 for the second, and so on. */
function valuesSql(rows: number): string {
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) tuples.push(`(${COLS.map((_, c) => `$${r * COLS.length + c + 1}`).join(',')})`);
  return `insert into bulk (${COLS.join(', ')}) values ${tuples.join(',')}`;
}
const UPSERT_SET = COLS.filter((c) => c !== 'project' && c !== 'session_id').map((c) => `${c} = excluded.${c}`).join(', ');
const UPSERT_TAIL = ` on conflict (project, session_id) do update set ${UPSERT_SET}`;

/**
 * Rows that exist before an upsert run: every even index, written by the server itself (so that
 * neither driver's memory or time includes it), with version 0 in props.
 */
function upsertPrefill(rows: number): string {
  return `insert into bulk
    select 'p' || (i % ${PROJECTS}), i + 1, 'sess-' || i, 'old', now(), now(), 0, 0, 'XX', 'x', 'x', 0, 0, false,
      '{"version": 0}'::jsonb
    from generate_series(0, ${rows - 1}, 2) i`;
}

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

const READ_COLS = COLS.join(', ');
const KEYS_SQL = `select ${READ_COLS} from reads where project = $1 and pk = any($2)`;
const PAGE_SQL = `select ${READ_COLS} from reads where project = $1 and (start_time, pk) < ($2, $3)
  order by start_time desc, pk desc limit ${PAGE_SIZE}`;
const AGG_SQL = `select country, count(*), percentile_cont(0.95) within group (order by duration)
  from reads where project = $1 group by country`;

interface KeysParams { project: string; keys: number[] }
interface PageParams { project: string; before: Date; pk: number }

/** 20 distinct existing pks of one project (row i is in project i % 4 with pk i + 1). */
function keysParams(rand: () => number): KeysParams {
  const p = Math.floor(rand() * PROJECTS);
  const keys = new Set<number>();
  while (keys.size < KEYS_PER_LOOKUP) keys.add(Math.floor(rand() * (READ_ROWS / PROJECTS)) * PROJECTS + p + 1);
  return { project: `p${p}`, keys: [...keys] };
}
/** A page cursor somewhere in the 30 days; pk bound large so the tuple comparison is on time. */
function pageParams(rand: () => number): PageParams {
  return {
    project: `p${Math.floor(rand() * PROJECTS)}`,
    before: new Date(EPOCH_MS - Math.floor(rand() * SPAN_S * 0.95) * 1000),
    pk: 2 ** 40,
  };
}

/** drizzle-orm table over the same `reads` table, as the store would declare it. */
const readsTable = pgTable('reads', {
  project: text('project').notNull(),
  pk: bigint('pk', { mode: 'number' }).notNull(),
  sessionId: text('session_id').notNull(),
  distinctId: text('distinct_id').notNull(),
  startTime: timestamp('start_time', { withTimezone: true, mode: 'date' }).notNull(),
  endTime: timestamp('end_time', { withTimezone: true, mode: 'date' }).notNull(),
  duration: doublePrecision('duration').notNull(),
  activeSeconds: doublePrecision('active_seconds').notNull(),
  country: text('country').notNull(),
  browser: text('browser').notNull(),
  os: text('os').notNull(),
  clickCount: bigint('click_count', { mode: 'number' }).notNull(),
  keypressCount: bigint('keypress_count', { mode: 'number' }).notNull(),
  hasErrors: boolean('has_errors').notNull(),
  props: jsonb('props').$type<Props>().notNull(),
});

/** One kind of read for one driver: a function that runs it and returns the row count. */
type ReadOp = (rand: () => number) => Promise<number>;

/** What a client (a single connection or a pool) offers the read cells. */
interface ReadClients {
  keys: ReadOp;
  page: ReadOp;
  drizzleKeys: ReadOp;
  close(): Promise<void>;
}

function pgReadClients(db: string, max: number): ReadClients {
  // One connection sequential: a Pool of max 1 is one pg.Client reused; the pool's checkout cost
  // (a few µs) is part of how the store would use it anyway.
  const pool = new pg.Pool({ ...CONN, database: db, max, application_name: 'sg-bench' });
  pool.on('error', () => {}); // an idle connection killed at drop time must not crash the run
  const dpool = new pg.Pool({ ...CONN, database: db, max, application_name: 'sg-bench' });
  dpool.on('error', () => {});
  const ddb = drizzlePg(dpool);
  return {
    // `name` makes pg prepare once per connection and then send only Bind/Execute.
    keys: async (rand) => {
      const p = keysParams(rand);
      return (await pool.query({ name: 'keys', text: KEYS_SQL, values: [p.project, p.keys] })).rowCount ?? 0;
    },
    page: async (rand) => {
      const p = pageParams(rand);
      return (await pool.query({ name: 'page', text: PAGE_SQL, values: [p.project, p.before, p.pk] })).rowCount ?? 0;
    },
    // The plain query builder, as store code would write it: drizzle sends it unnamed with pg.
    drizzleKeys: async (rand) => {
      const p = keysParams(rand);
      const rows = await ddb.select().from(readsTable)
        .where(and(eq(readsTable.project, p.project), inArray(readsTable.pk, p.keys)));
      return rows.length;
    },
    close: async () => {
      await pool.end();
      await dpool.end();
    },
  };
}

function postgresJsReadClients(db: string, max: number): ReadClients {
  // prepare: true is the default: every distinct query text is prepared once per connection.
  const sql = postgres({ ...CONN, database: db, max, onnotice: () => {}, connection: { application_name: 'sg-bench' } });
  // drizzle replaces the client's date parsers (see facts), so it gets a client of its own.
  const dsqlClient = postgres({ ...CONN, database: db, max, onnotice: () => {}, connection: { application_name: 'sg-bench' } });
  const ddb = drizzlePostgresJs(dsqlClient);
  return {
    keys: async (rand) => {
      const p = keysParams(rand);
      return (await sql`select ${sql(COLS)} from reads where project = ${p.project} and pk = any(${p.keys})`).length;
    },
    page: async (rand) => {
      const p = pageParams(rand);
      return (await sql`select ${sql(COLS)} from reads where project = ${p.project}
        and (start_time, pk) < (${p.before}, ${p.pk}) order by start_time desc, pk desc limit ${PAGE_SIZE}`).length;
    },
    drizzleKeys: async (rand) => {
      const p = keysParams(rand);
      const rows = await ddb.select().from(readsTable)
        .where(and(eq(readsTable.project, p.project), inArray(readsTable.pk, p.keys)));
      return rows.length;
    },
    close: async () => {
      await sql.end({ timeout: 5 });
      await dsqlClient.end({ timeout: 5 });
    },
  };
}

interface LoadFigures { opsPerSec: number; p50Ms: number; p99Ms: number; ops: number }

/** Nearest-rank percentile of ascending values. */
function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/**
 * Closed loop: `concurrency` workers, each sending its next request when the previous answer
 * came, for a warm-up and then a measured window. Counted: requests that started and finished
 * inside the window (latency = start to answer, queueing for a pool connection included).
 * Worker w draws its parameters from PRNG seed w, so both drivers run the same requests.
 */
async function closedLoop(op: ReadOp, concurrency: number, expectRows: number): Promise<LoadFigures> {
  const t0 = performance.now();
  const windowStart = t0 + READ_WARMUP_MS;
  const windowEnd = windowStart + READ_WINDOW_MS;
  const latencies: number[] = [];
  const worker = async (w: number) => {
    const rand = prng(1000 + w);
    for (;;) {
      const start = performance.now();
      if (start >= windowEnd) return;
      const rows = await op(rand);
      // A read that returns the wrong number of rows would make its speed meaningless.
      if (rows !== expectRows) throw new Error(`expected ${expectRows} rows, got ${rows}`);
      const end = performance.now();
      if (start >= windowStart && end <= windowEnd) latencies.push(end - start);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  latencies.sort((a, b) => a - b);
  return {
    opsPerSec: round(latencies.length / (READ_WINDOW_MS / 1000), 1),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    ops: latencies.length,
  };
}

interface ReadCell {
  driver: Driver;
  query: 'keys' | 'page' | 'drizzleKeys';
  mode: 'seq-1conn' | `pool${number}-c${number}`;
  runs: LoadFigures[];
  median?: Omit<LoadFigures, 'ops'>;
}

async function benchReads(db: string): Promise<ReadCell[]> {
  const make = (d: Driver, max: number) => (d === 'pg' ? pgReadClients(db, max) : postgresJsReadClients(db, max));
  const modes = [
    { mode: 'seq-1conn' as const, max: 1, concurrency: 1 },
    { mode: `pool${POOL_SIZE}-c${CONCURRENCY}` as const, max: POOL_SIZE, concurrency: CONCURRENCY },
  ];
  // Clients live for the whole read phase: a gateway keeps its connections and prepared statements.
  const clients = new Map<string, ReadClients>();
  for (const d of DRIVERS) for (const m of modes) clients.set(`${d}/${m.mode}`, make(d, m.max));
  const cells = new Map<string, ReadCell>();
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const query of ['keys', 'page', 'drizzleKeys'] as const) {
        for (const m of modes) {
          for (const d of driverOrder(run)) {
            const key = `${d}/${query}/${m.mode}`;
            const cell = cells.get(key) ?? { driver: d, query, mode: m.mode, runs: [] };
            cells.set(key, cell);
            const op = clients.get(`${d}/${m.mode}`)![query];
            const figures = await closedLoop(op, m.concurrency, query === 'page' ? PAGE_SIZE : KEYS_PER_LOOKUP);
            cell.runs.push(figures);
            log(`  run ${run + 1} ${key}: ${figures.opsPerSec} ops/s p50 ${figures.p50Ms} ms p99 ${figures.p99Ms} ms`);
          }
        }
      }
    }
  } finally {
    for (const c of clients.values()) await c.close();
  }
  for (const c of cells.values()) {
    c.median = {
      opsPerSec: round(median(c.runs.map((r) => r.opsPerSec)), 1),
      p50Ms: round(median(c.runs.map((r) => r.p50Ms))),
      p99Ms: round(median(c.runs.map((r) => r.p99Ms))),
    };
  }
  return [...cells.values()];
}

interface AggCell { driver: Driver; runs: { medianMs: number; opsPerSec: number }[]; median?: { medianMs: number; opsPerSec: number } }

/** The aggregate, sequentially on one connection per driver: each run 2 warm-up + 12 timed queries. */
async function benchAggregate(db: string): Promise<AggCell[]> {
  const pgClient = new pg.Client({ ...CONN, database: db });
  await pgClient.connect();
  const sql = postgres({ ...CONN, database: db, max: 1, onnotice: () => {} });
  const run1 = async (d: Driver, project: string): Promise<number> =>
    d === 'pg'
      ? (await pgClient.query({ name: 'agg', text: AGG_SQL, values: [project] })).rowCount ?? 0
      : (await sql`select country, count(*), percentile_cont(0.95) within group (order by duration)
          from reads where project = ${project} group by country`).length;
  const cells: Record<Driver, AggCell> = { pg: { driver: 'pg', runs: [] }, 'postgres.js': { driver: 'postgres.js', runs: [] } };
  const ITERATIONS = 12;
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const d of DRIVERS) for (let i = 0; i < 2; i++) await run1(d, `p${i}`);
      // The query is server-bound (~35 ms) and the same for both drivers, so a slow spell of the
      // machine would decide the comparison: the drivers take turns query by query instead.
      const times: Record<Driver, number[]> = { pg: [], 'postgres.js': [] };
      for (let i = 0; i < ITERATIONS; i++) {
        for (const d of driverOrder(run + i)) {
          const s = performance.now();
          const rows = await run1(d, `p${i % PROJECTS}`);
          if (rows !== COUNTRIES.length) throw new Error(`aggregate: expected ${COUNTRIES.length} groups, got ${rows}`);
          times[d].push(performance.now() - s);
        }
      }
      for (const d of DRIVERS) {
        const total = times[d].reduce((a, b) => a + b, 0);
        const figures = { medianMs: round(median(times[d])), opsPerSec: round(ITERATIONS / (total / 1000), 1) };
        cells[d].runs.push(figures);
        log(`  run ${run + 1} ${d} aggregate: ${figures.medianMs} ms, ${figures.opsPerSec} ops/s`);
      }
    }
  } finally {
    await pgClient.end();
    await sql.end({ timeout: 5 });
  }
  for (const c of Object.values(cells)) {
    c.median = { medianMs: round(median(c.runs.map((r) => r.medianMs))), opsPerSec: round(median(c.runs.map((r) => r.opsPerSec)), 1) };
  }
  return Object.values(cells);
}

// ---------------------------------------------------------------------------------------------
// Bulk loading (each measurement in a child process, see the top)
// ---------------------------------------------------------------------------------------------

interface BulkFigures {
  rowsPerSec: number;
  seconds: number;
  /** RSS just before the timed load (driver loaded, connected, warmed up). */
  baselineRssMiB: number;
  /** Peak RSS of the whole child process (getrusage maxrss). */
  peakRssMiB: number;
}

/** Flattened parameters for pg's multi-row VALUES; pg serialises Date and plain objects (JSON). */
function flatValues(batch: readonly Row[]): unknown[] {
  const out: unknown[] = [];
  for (const r of batch) for (const c of COLS) out.push(r[c as Col]);
  return out;
}

async function pgBulk(c: pg.Client, method: BulkMethod, first: number, count: number, version: number): Promise<void> {
  if (method === 'copy') {
    // pg-copy-streams: the stream's 'finish' fires after the server confirmed CopyDone.
    await pipeline(Readable.from(copyChunks(first, count, version)), c.query(copyFrom(COPY_SQL)));
    return;
  }
  await c.query('begin');
  try {
    for (const batch of bulkBatches(first, count, version)) {
      // Named: the 15,000-parameter statement is parsed and planned once, not per batch.
      const text = valuesSql(batch.length) + (method === 'upsert' ? UPSERT_TAIL : '');
      await c.query({ name: `${method}_${batch.length}`, text, values: flatValues(batch) });
    }
    await c.query('commit');
  } catch (e) {
    await c.query('rollback').catch(() => {});
    throw e;
  }
}

async function postgresJsBulk(sql: postgres.Sql, method: BulkMethod, first: number, count: number, version: number): Promise<void> {
  if (method === 'copy') {
    // .writable() resolves once the server is in COPY mode; finishing the stream ends the COPY.
    const w = await sql.unsafe(COPY_SQL).writable();
    await pipeline(Readable.from(copyChunks(first, count, version)), w);
    return;
  }
  await sql.begin(async (tx) => {
    for (const batch of bulkBatches(first, count, version)) {
      // sql(rows, columns) expands to a multi-row VALUES; same text per batch size, so prepared once.
      const values = tx(batch as unknown as Record<string, postgres.ParameterOrJSON<never>>[], COLS as unknown as string[]);
      if (method === 'upsert') await tx`insert into bulk ${values} ${tx.unsafe(UPSERT_TAIL)}`;
      else await tx`insert into bulk ${values}`;
    }
  });
}

/** Child process body: warm up, reset the table, load BULK_ROWS timed, report. */
async function bulkChild(db: string, driver: Driver, method: BulkMethod): Promise<BulkFigures & { check: string }> {
  const admin = new pg.Client({ ...CONN, database: db });
  await admin.connect(); // table resets and checks only; not the driver under test
  let load: (first: number, count: number, version: number) => Promise<void>;
  let close: () => Promise<void>;
  if (driver === 'pg') {
    const client = new pg.Client({ ...CONN, database: db });
    await client.connect();
    load = (f, n, v) => pgBulk(client, method, f, n, v);
    close = () => client.end();
  } else {
    const sql = postgres({ ...CONN, database: db, max: 1, onnotice: () => {} });
    load = (f, n, v) => postgresJsBulk(sql, method, f, n, v);
    close = () => sql.end({ timeout: 5 });
  }
  try {
    await load(WARMUP_OFFSET, BULK_WARMUP_ROWS, 1);
    await admin.query('truncate bulk');
    if (method === 'upsert') await admin.query(upsertPrefill(BULK_ROWS));
    await admin.query('checkpoint'); // so no checkpoint of earlier runs' writes lands in this one
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    const t0 = performance.now();
    await load(0, BULK_ROWS, 1);
    const seconds = (performance.now() - t0) / 1000;
    // The load must have done what it claims: every row there, every row at version 1.
    const { rows } = await admin.query<{ n: string; v1: string; notes: string }>(
      `select count(*) n, count(*) filter (where (props->>'version')::int = 1) v1,
              count(*) filter (where props->>'note' = $1) notes from bulk`,
      [NOTE],
    );
    const r = rows[0]!;
    if (Number(r.n) !== BULK_ROWS || Number(r.v1) !== BULK_ROWS || Number(r.notes) !== Math.ceil(BULK_ROWS / 50)) {
      throw new Error(`bulk check failed: ${JSON.stringify(r)}`);
    }
    return {
      rowsPerSec: Math.round(BULK_ROWS / seconds),
      seconds: round(seconds, 2),
      baselineRssMiB: round(baseline / 2 ** 20, 1),
      peakRssMiB: round((process.resourceUsage().maxRSS * 1024) / 2 ** 20, 1),
      check: `${r.n} rows, all version 1, escaping intact`,
    };
  } finally {
    await close();
    await admin.end();
  }
}

/** Runs one bulk measurement in a fresh child process (same file, same tsx loader). */
function runBulkChild(db: string, driver: Driver, method: BulkMethod): Promise<BulkFigures> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--bulk-child', db, driver, method], {
      execArgv: [...process.execArgv, '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    activeChildren.add(child);
    let result: BulkFigures | undefined;
    let error: string | undefined;
    child.on('message', (m: { ok: true; figures: BulkFigures } | { ok: false; error: string }) => {
      if (m.ok) result = m.figures;
      else error = m.error;
    });
    child.on('exit', (code) => {
      activeChildren.delete(child);
      if (result) resolve(result);
      else reject(new Error(`bulk child ${driver}/${method} failed (exit ${code}): ${error ?? 'no result'}`));
    });
  });
}
const activeChildren = new Set<ReturnType<typeof fork>>();

interface BulkCell { driver: Driver; method: BulkMethod; runs: BulkFigures[]; median?: BulkFigures }

async function benchBulk(db: string): Promise<BulkCell[]> {
  const cells = new Map<string, BulkCell>();
  for (let run = 0; run < RUNS; run++) {
    for (const method of BULK_METHODS) {
      for (const d of driverOrder(run)) {
        const key = `${d}/${method}`;
        const cell = cells.get(key) ?? { driver: d, method, runs: [] };
        cells.set(key, cell);
        const f = await runBulkChild(db, d, method);
        cell.runs.push(f);
        log(`  run ${run + 1} ${key}: ${f.rowsPerSec} rows/s (${f.seconds} s), RSS ${f.baselineRssMiB} -> peak ${f.peakRssMiB} MiB`);
      }
    }
  }
  for (const c of cells.values()) {
    c.median = {
      rowsPerSec: Math.round(median(c.runs.map((r) => r.rowsPerSec))),
      seconds: round(median(c.runs.map((r) => r.seconds)), 2),
      baselineRssMiB: round(median(c.runs.map((r) => r.baselineRssMiB)), 1),
      peakRssMiB: round(median(c.runs.map((r) => r.peakRssMiB)), 1),
    };
  }
  return [...cells.values()];
}

// ---------------------------------------------------------------------------------------------
// Cancellation
// ---------------------------------------------------------------------------------------------

interface ErrorShape { class: string; code?: string; message: string; causeCode?: string }
function errorShape(e: unknown): ErrorShape {
  const err = e as Error & { code?: string; cause?: { code?: string } };
  return {
    class: err?.constructor?.name ?? typeof e,
    ...(err.code !== undefined ? { code: err.code } : {}),
    message: String(err.message).split('\n')[0]!.slice(0, 160),
    ...(err.cause?.code !== undefined ? { causeCode: err.cause.code } : {}),
  };
}

interface CancelCase {
  case: string;
  driver: Driver;
  /** From sending the query to the rejected promise. */
  errorAfterMs: number;
  error: ErrorShape;
  /** From the error to a `select 1` answered on the same connection (rollback included, if any). */
  reusableAfterMs: number;
  note?: string;
}

async function benchCancellation(db: string): Promise<CancelCase[]> {
  const out: CancelCase[] = [];
  const cfg = { ...CONN, database: db };

  // pg, statement_timeout per transaction: the server cancels, the transaction is then aborted
  // (25P02 for anything but rollback) until the caller rolls back.
  {
    const c = new pg.Client(cfg);
    await c.connect();
    await c.query('begin');
    await c.query(`set local statement_timeout = '200ms'`);
    const t0 = performance.now();
    const e = await c.query('select pg_sleep(5)').then(() => null, (x: unknown) => x);
    const t1 = performance.now();
    const aborted = await c.query('select 1').then(() => 'ran', (x: { code?: string }) => x.code);
    await c.query('rollback');
    await c.query('select 1');
    const t2 = performance.now();
    out.push({
      case: 'statement_timeout 200ms (set local, in a transaction)', driver: 'pg',
      errorAfterMs: round(t1 - t0, 1), error: errorShape(e), reusableAfterMs: round(t2 - t1, 1),
      note: `a query before rollback fails with ${aborted}; caller must rollback`,
    });
    await c.end();
  }
  // postgres.js, the same: sql.begin rolls back by itself when the callback throws.
  {
    const sql = postgres({ ...cfg, max: 1, onnotice: () => {} });
    await sql`select 1`;
    const t0 = performance.now();
    const e = await sql.begin(async (tx) => {
      await tx`set local statement_timeout = '200ms'`;
      await tx`select pg_sleep(5)`;
    }).then(() => null, (x: unknown) => x);
    const t1 = performance.now();
    await sql`select 1`;
    const t2 = performance.now();
    out.push({
      case: 'statement_timeout 200ms (set local, in a transaction)', driver: 'postgres.js',
      errorAfterMs: round(t1 - t0, 1), error: errorShape(e), reusableAfterMs: round(t2 - t1, 1),
      note: 'sql.begin() rolled back before rejecting; errorAfterMs includes the begin/set round trips',
    });
    // Client-side cancel: postgres.js sends a CancelRequest on a side connection.
    const q = sql`select pg_sleep(5)`;
    const s0 = performance.now();
    setTimeout(() => q.cancel(), 200);
    const e2 = await q.then(() => null, (x: unknown) => x);
    const s1 = performance.now();
    await sql`select 1`;
    const s2 = performance.now();
    out.push({
      case: 'client cancel after 200ms (query.cancel())', driver: 'postgres.js',
      errorAfterMs: round(s1 - s0, 1), error: errorShape(e2), reusableAfterMs: round(s2 - s1, 1),
    });
    await sql.end({ timeout: 5 });
  }
  // pg has no per-query cancel API; the documented routes are pg_cancel_backend from another
  // connection, or query_timeout, which only stops waiting (the server keeps running the query).
  {
    const c = new pg.Client(cfg);
    const other = new pg.Client(cfg);
    await c.connect();
    await other.connect();
    const pid = (await c.query<{ pid: number }>('select pg_backend_pid() pid')).rows[0]!.pid;
    const t0 = performance.now();
    setTimeout(() => void other.query('select pg_cancel_backend($1)', [pid]), 200);
    const e = await c.query('select pg_sleep(5)').then(() => null, (x: unknown) => x);
    const t1 = performance.now();
    await c.query('select 1');
    const t2 = performance.now();
    out.push({
      case: 'client cancel after 200ms (pg_cancel_backend from a 2nd connection)', driver: 'pg',
      errorAfterMs: round(t1 - t0, 1), error: errorShape(e), reusableAfterMs: round(t2 - t1, 1),
    });
    const s0 = performance.now();
    const e2 = await c.query({ text: 'select pg_sleep(2)', query_timeout: 200 } as pg.QueryConfig).then(() => null, (x: unknown) => x);
    const s1 = performance.now();
    await c.query('select 1');
    const s2 = performance.now();
    out.push({
      case: 'query_timeout 200ms on pg_sleep(2) (client-side only)', driver: 'pg',
      errorAfterMs: round(s1 - s0, 1), error: errorShape(e2), reusableAfterMs: round(s2 - s1, 1),
      note: 'no cancel is sent: the next query on the connection waits for the sleep to end',
    });
    await c.end();
    await other.end();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Facts: type parsing, drizzle smoke tests, pool options, releases
// ---------------------------------------------------------------------------------------------

const TYPES_SQL = `select 9007199254740993::int8 as int8_big, 42::int8 as int8_small, count(*) as count_star,
  42::int4 as int4, 1.5::float8 as float8, 1.25::numeric as numeric, true as bool,
  '2026-11-01T12:00:00.123456Z'::timestamptz as timestamptz, '2026-11-01'::date as date,
  '{"a":[1,2],"b":{"c":null}}'::jsonb as jsonb, array[1,2]::int8[] as int8_array
  from (values (1)) v`;

/** `typeof` of each field, plus the value as JSON shows it (Date marked, bigint as n). */
function describeRow(row: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(row)) {
    const kind = v instanceof Date ? 'Date' : Array.isArray(v) ? `array of ${typeof v[0]}` : typeof v;
    const shown = typeof v === 'bigint' ? `${v}n` : v instanceof Date ? v.toISOString() : JSON.stringify(v);
    out[k] = `${kind}: ${shown}`;
  }
  return out;
}

async function facts(db: string): Promise<Record<string, unknown>> {
  const cfg = { ...CONN, database: db };
  const keys = [1, 2, 5]; // pks 1 and 5 are in project p0, 2 in p1

  // Raw drivers, defaults.
  const pool = new pg.Pool({ ...cfg, max: 2 });
  const pgRaw = describeRow((await pool.query(TYPES_SQL)).rows[0]);
  const sql = postgres({ ...cfg, max: 2, onnotice: () => {} });
  const pjRaw = describeRow((await sql.unsafe(TYPES_SQL))[0]!);

  // drizzle smoke test, pg: a typed select over the pgTable; raw queries on the same pool keep
  // pg's parsers (drizzle passes its own per query).
  const dpg = drizzlePg(pool);
  const pgRows = await dpg.select({ pk: readsTable.pk, startTime: readsTable.startTime, props: readsTable.props, clicks: readsTable.clickCount })
    .from(readsTable).where(and(eq(readsTable.project, 'p0'), inArray(readsTable.pk, keys))).orderBy(readsTable.pk);
  const pgAfter = describeRow((await pool.query(`select now()::timestamptz as ts`)).rows[0]);

  // drizzle smoke test, postgres.js; then the same client used raw: drizzle swapped its parsers.
  const dpj = drizzlePostgresJs(sql);
  const pjRows = await dpj.select({ pk: readsTable.pk, startTime: readsTable.startTime, props: readsTable.props, clicks: readsTable.clickCount })
    .from(readsTable).where(and(eq(readsTable.project, 'p0'), inArray(readsTable.pk, keys))).orderBy(readsTable.pk);
  const pjAfter = describeRow((await sql`select now()::timestamptz as ts`)[0]!);

  // A driver error through drizzle: drizzle 0.45 wraps it, the SQLSTATE is on .cause.
  const drizzleCancel = async (db2: typeof dpg | typeof dpj) =>
    errorShape(await db2.transaction(async (tx) => {
      await tx.execute(dsql`set local statement_timeout = '200ms'`);
      await tx.execute(dsql`select pg_sleep(5)`);
    }).then(() => null, (x: unknown) => x));

  const out = {
    rawDefaults: { pg: pgRaw, 'postgres.js': pjRaw },
    drizzleSelect: {
      pg: { rows: pgRows.length, first: describeRow(pgRows[0]! as unknown as Record<string, unknown>) },
      'postgres.js': { rows: pjRows.length, first: describeRow(pjRows[0]! as unknown as Record<string, unknown>) },
    },
    rawTimestamptzAfterDrizzleOnSameClient: { pg: pgAfter.ts, 'postgres.js': pjAfter.ts },
    errorThroughDrizzle: { pg: await drizzleCancel(dpg), 'postgres.js': await drizzleCancel(dpj) },
  };
  if (pgRows.length !== 2 || pjRows.length !== 2) throw new Error('drizzle smoke test: expected 2 rows');
  await pool.end();
  await sql.end({ timeout: 5 });
  return out;
}

/** Installed version and registry release dates (time.modified when the registry has it). */
function releases(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of ['pg', 'pg-copy-streams', 'postgres', 'drizzle-orm']) {
    const installed = (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    try {
      const view = JSON.parse(execFileSync('npm', ['view', name, 'version', 'time', '--json'], { encoding: 'utf8', timeout: 30_000, cwd: ROOT })) as {
        version: string; time: Record<string, string>;
      };
      out[name] = {
        installed, latest: view.version,
        timeModified: view.time.modified ?? null,
        latestReleased: view.time[view.version] ?? null,
        releases: Object.keys(view.time).filter((k) => k !== 'created' && k !== 'modified').length,
      };
    } catch (e) {
      out[name] = { installed, registry: `npm view failed: ${(e as Error).message.split('\n')[0]}` };
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Main: database per run, dropped whatever happens
// ---------------------------------------------------------------------------------------------

function log(s: string): void {
  process.stdout.write(`${s}\n`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const db = `sg_driver_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ ...CONN, database: 'postgres' });
  await admin.connect();
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    for (const c of activeChildren) c.kill('SIGKILL');
    // with (force): a connection left behind by a failure must not keep the database alive.
    await admin.query(`drop database if exists ${db} with (force)`);
    log(`dropped database ${db}`);
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      void drop().finally(() => process.exit(130));
    });
  }

  try {
    await admin.query(`create database ${db}`);
    log(`database ${db}`);
    const setup = new pg.Client({ ...CONN, database: db });
    await setup.connect();
    const server = (await setup.query<{ v: string }>('select version() v')).rows[0]!.v;
    const settings = Object.fromEntries(
      (await setup.query<{ name: string; setting: string }>(
        `select name, current_setting(name) setting from pg_settings
         where name in ('shared_buffers','synchronous_commit','max_wal_size','work_mem','max_connections')`,
      )).rows.map((r) => [r.name, r.setting]),
    );
    let t = performance.now();
    await setup.query(tableDdl('reads'));
    await setup.query(tableDdl('bulk'));
    await setup.query(readTableFill(READ_ROWS));
    // vacuum: visibility map set, so reads are as on a settled table; analyze: real plans.
    await setup.query('vacuum analyze reads');
    await setup.end();
    log(`reads table: ${READ_ROWS} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    log('facts');
    const factFigures = await facts(db);
    log('cancellation');
    const cancellation = await benchCancellation(db);
    for (const c of cancellation) log(`  ${c.driver} ${c.case}: error after ${c.errorAfterMs} ms (${c.error.code ?? c.error.message}), reusable after ${c.reusableAfterMs} ms`);
    log('reads');
    t = performance.now();
    const reads = await benchReads(db);
    log(`  (${((performance.now() - t) / 1000).toFixed(0)} s)`);
    log('aggregate');
    const aggregate = await benchAggregate(db);
    log('bulk');
    t = performance.now();
    const bulk = await benchBulk(db);
    log(`  (${((performance.now() - t) / 1000).toFixed(0)} s)`);

    const results = {
      generatedAt: new Date().toISOString(),
      command: 'npx tsx bench/pg-driver.ts',
      durationSeconds: round((performance.now() - started) / 1000, 1),
      machine: { node: process.version, cpus: cpus().length, memoryGiB: round(totalmem() / 2 ** 30, 1), server, settings, note: 'client and server share the same cores' },
      setup: {
        readRows: READ_ROWS, projects: PROJECTS, bulkRows: BULK_ROWS, batch: BATCH, runs: RUNS,
        readWarmupMs: READ_WARMUP_MS, readWindowMs: READ_WINDOW_MS, poolSize: POOL_SIZE, concurrency: CONCURRENCY,
        upsert: `${Math.ceil(BULK_ROWS / 2)} of the ${BULK_ROWS} keys exist before the upsert (half updates, half inserts)`,
        bulkTable: 'logged, primary key (project, pk), unique (project, session_id), index (project, start_time desc, pk desc)',
      },
      releases: releases(),
      facts: factFigures,
      cancellation,
      reads,
      aggregate,
      bulk,
    };
    writeFileSync(join(HERE, 'pg-driver-results.json'), JSON.stringify(results, null, 2) + '\n');
    log(`wrote bench/pg-driver-results.json (${results.durationSeconds} s)`);
  } finally {
    await drop();
    await admin.end();
  }
}

if (process.argv[2] === '--bulk-child') {
  const [db, driver, method] = process.argv.slice(3) as [string, Driver, BulkMethod];
  bulkChild(db, driver, method).then(
    (figures) => process.send!({ ok: true, figures }, () => process.exit(0)),
    (e: unknown) => process.send!({ ok: false, error: String((e as Error).stack ?? e) }, () => process.exit(1)),
  );
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
