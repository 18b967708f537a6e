/**
 * npm run bench -- [--store sqlite|pg] [--quick | --full | --sessions N] [--duration S] [--connections N] [--out FILE] [--keep]
 *
 * Import and query performance, each against a floor measured in the same run on the same
 * machine: the plainest code that does the same work (bench/import-floor.ts, bench/import-floor-pg.ts,
 * bench/floor-server.ts).
 * Absolute figures depend on the machine; the ratios to the floors are what the targets judge.
 *
 * --store pg runs the same import (the same NDJSON file, through the import command) and the same
 * queries on PostgreSQL, in a database of its own (bench/floor-pg.ts; dropped at the end unless
 * --keep), against the same floor server answering through `pg`, and its import against a floor
 * that COPYs the same rows (bench/import-floor-pg.ts) into another fresh database.
 */
import { existsSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import pg from 'pg';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Command, Option } from 'commander';
import { writeDatasetNdjson } from '../src/seed/files.js';
import { startOfTodayUtc } from '../src/seed/generate.js';
import { buildServer } from './build.js';
import { cleanup, describeMachine, positiveInt, positiveSeconds, runMain, run as runState, spawnNode, stopChild, timestampedLog, untilReady, type Child } from './processes.js';
import { background, freePort, load, peakRss, sample, waitIdle, watchPeakRss, type LoadResult, type LoadSettings } from './measure.js';
import { createPgDatabase, type PgDatabase } from './floor-pg.js';
import { pickPerson, QUERIES, requestBody, type QueryKey, type Variables } from './queries.js';
import { printReport, targetsOf, type Results, type QueryFigures } from './report.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** User sessions per person at the generator's defaults, measured: 4.74–4.79 for 500–20,000 persons. */
const SESSIONS_PER_PERSON = 4.75;

type StoreKind = 'sqlite' | 'pg';

interface Options {
  store: StoreKind;
  sessions?: number;
  full?: boolean;
  quick?: boolean;
  duration?: number;
  connections: number;
  out?: string;
  keep?: boolean;
}


const started = performance.now();
/** Load average when the run began: anything else busy on the machine skews every figure. */
const loadAtStart = loadavg();
const log = timestampedLog(started);

// ---------------------------------------------------------------- child processes

/**
 * `node --import tsx <args>` rather than the tsx binary: the tsx CLI is a wrapper that spawns
 * node, and the figures (pid for peak RSS, exit code) must be the real process's. sessiongraph's
 * own commands run compiled, as `npm start` runs them (npm run build, at the start of the run);
 * the bench's own scripts (the floors) through tsx.
 */
function spawnBench(args: string[]): Child {
  const compiled = args[0]!.startsWith('src/');
  return spawnNode(compiled ? [args[0]!.replace(/^src\/(.*)\.ts$/, 'dist/$1.js'), ...args.slice(1)] : ['--import', 'tsx', ...args], root);
}

const stop = (child: Child) => stopChild(child, 15_000);

// ---------------------------------------------------------------- import

interface ImportRun {
  seconds: number;
  peakRssBytes: number;
  counts: { userSessions: number; userActions: number; recordings: number; persons: number };
}

/** Runs an import command as a child process: wall time from spawn to exit, startup included. */
async function runImport(script: string, db: string, file: string): Promise<ImportRun> {
  const t0 = performance.now();
  const child = spawnBench([script, '--db', db, '--json', file]);
  const rss = watchPeakRss(child.proc.pid!);
  const code = await child.exited;
  const seconds = (performance.now() - t0) / 1000;
  const peakRssBytes = rss.stop() ?? 0;
  if (code !== 0) throw new Error(`${script} exited with ${code}:\n${child.output().slice(-4000)}`);
  const lines = child.output().trim().split('\n');
  return { seconds, peakRssBytes, counts: JSON.parse(lines[lines.length - 1]!) as ImportRun['counts'] };
}

function fileBytes(path: string): number {
  return [path, `${path}-wal`].filter(existsSync).reduce((sum, p) => sum + statSync(p).size, 0);
}

// ---------------------------------------------------------------- servers

interface Server {
  child: Child;
  base: string;
  /** Path a query is posted to. */
  path(key: QueryKey): string;
}

type ServerKind = 'real' | 'naive' | 'floor';

/** Starts a server; null when it refuses its flags (the naive variant before --no-batch exists). */
async function startServer(kind: ServerKind, db: string): Promise<Server | null> {
  const port = await freePort();
  const args =
    kind === 'floor'
      ? ['bench/floor-server.ts', '--db', db, '--port', String(port)]
      : ['src/cli/serve.ts', '--db', db, '--port', String(port), '--host', '127.0.0.1', '--debug-sql', ...(kind === 'naive' ? ['--no-batch'] : [])];
  const child = spawnBench(args);
  const outcome = await untilReady(child, kind === 'floor' ? /floor ready/ : /sessiongraph ready/, 60_000);
  if (outcome === 'timeout') throw new Error(`${kind} server did not start in 60 s:\n${child.output()}`);
  if (outcome === 'exited') {
    if (kind === 'naive' && /unknown option/i.test(child.output())) return null;
    throw new Error(`${kind} server exited before it was ready:\n${child.output()}`);
  }
  const base = `http://127.0.0.1:${port}`;
  return { child, base, path: (key) => (kind === 'floor' ? `/${key}` : '/graphql') };
}

/** The npm CLI as a script for `node`: the one running this bench, else the npm on the PATH. */
function npmCli(): string {
  // Under `npx` this is npx-cli.js, which would run a package named "start".
  const fromNpm = process.env.npm_execpath;
  if (fromNpm && /(^|\/)npm-cli\.c?js$/.test(fromNpm)) return fromNpm;
  return realpathSync(execSync('command -v npm', { encoding: 'utf8' }).trim());
}

/**
 * `npm start` as a user types it, on a build that is up to date: seconds from spawn to the ready
 * line (the build step checks and compiles nothing). Median of three; each server is stopped.
 */
async function measureStart(db: string): Promise<{ seconds: number; runs: number[] }> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const t0 = performance.now();
    const child = spawnNode([npmCli(), 'start', '--', '--db', db, '--port', String(port), '--host', '127.0.0.1'], root, { group: true });
    const outcome = await untilReady(child, /sessiongraph ready/, 60_000);
    runs.push((performance.now() - t0) / 1000);
    await stop(child);
    if (outcome !== 'ready') throw new Error(`npm start did not get ready (${outcome}):\n${child.output()}`);
  }
  return { seconds: [...runs].sort((a, b) => a - b)[1]!, runs };
}

interface Measured {
  load: LoadResult;
  statements: number | null;
  sqlMs: number | null;
  data: unknown;
}

/** Per query: a sample answer, the load run (warm-up, then measured), and SQL cost once warm. */
async function measureQueries(server: Server, keys: QueryKey[], variables: Record<QueryKey, Variables>, settings: LoadSettings) {
  const out = new Map<QueryKey, Measured>();
  for (const key of keys) {
    const q = QUERIES.find((x) => x.key === key)!;
    const target = { url: server.base + server.path(key), body: requestBody(q, variables[key]) };
    // The query must work before it is hammered; its answer is what the floor's must equal.
    const answer = await sample(target);
    if (answer.errors || answer.data == null) throw new Error(`${key} failed on ${server.base}: ${JSON.stringify(answer.errors ?? answer).slice(0, 2000)}`);
    const result = await load(target, settings);
    await waitIdle(server.child.proc.pid!);
    // SQL per request from a warm server: the first request also pays for preparing statements.
    const warm = await sample(target);
    out.set(key, { load: result, statements: warm.statements, sqlMs: warm.sqlMs, data: answer.data });
    log(`  ${key}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms${result.errors ? `, ${result.errors} ERRORS` : ''}`);
  }
  return out;
}

// ---------------------------------------------------------------- the run

async function main(opts: Options): Promise<void> {
  const sessions = opts.sessions ?? (opts.full ? 1_000_000 : opts.quick ? 2_000 : 200_000);
  const duration = opts.duration ?? (opts.quick ? 2 : 10);
  // The warm-up (JIT, statement caches, page cache, a saturated server) precedes every window.
  const settings: LoadSettings = { connections: opts.connections, duration, warmup: Math.min(2, duration / 4) };
  const persons = Math.max(1, Math.round(sessions / SESSIONS_PER_PERSON));
  const smallPersons = Math.max(1, Math.round(persons / 4));
  const dir = (runState.tempDir = mkdtempSync(join(tmpdir(), 'sessiongraph-bench-')));
  runState.keepTemp = !!opts.keep;
  const file = join(dir, 'data.ndjson');
  const smallFile = join(dir, 'small.ndjson');
  const out = opts.out ?? join(root, opts.store === 'pg' ? 'bench/results-pg.json' : 'bench/results.json');
  // PostgreSQL: a database for the run and one for the smaller import (its memory figure only).
  const pgDbs: PgDatabase[] = [];
  const pgDb = async () => {
    const made = await createPgDatabase();
    pgDbs.push(made);
    log(`  PostgreSQL database ${made.name}`);
    return made;
  };
  const pgMain = opts.store === 'pg' ? await pgDb() : null;
  const db = pgMain ? pgMain.url : join(dir, 'store.db');
  // Recordings expire 30 or 90 days after their start day: data ending today stays visible.
  const dataset = { seed: 1, end: startOfTodayUtc() };
  log(`data: ~${sessions.toLocaleString('en')} sessions (${persons.toLocaleString('en')} persons) in ${dir}`);

  try {
    buildServer(root, log);

    // 1. Data. The 4x smaller file's import only yields a memory figure (not timed), so it runs
    //    while the big file is generated, which keeps the whole run shorter.
    await writeDatasetNdjson(smallFile, { ...dataset, persons: smallPersons });
    log(`import (memory only) of the 4x smaller file, while generating the full file…`);
    const pgSmall = pgMain ? await pgDb() : null;
    const smallImport = runImport('src/cli/import.ts', pgSmall ? pgSmall.url : join(dir, 'small.db'), smallFile);
    const written = await writeDatasetNdjson(file, { ...dataset, persons });
    const small = await smallImport;
    if (pgSmall) await pgSmall.drop();
    rmSync(join(dir, 'small.db'), { force: true });
    rmSync(join(dir, 'small.db-wal'), { force: true });
    log(`  ${(written.bytes / 1e6).toFixed(0)} MB NDJSON; small file: peak RSS ${(small.peakRssBytes / 2 ** 20).toFixed(0)} MiB`);

    // 2. Import: the real command and the floor on the same file, side by side (each is one
    //    thread: on two cores they run under the same conditions at the same time, and the run
    //    stays within ten minutes at the default size). PostgreSQL: the floor into a fresh
    //    database of its own, dropped once it has run (the queries run on the real import's).
    const floorScript = pgMain ? 'bench/import-floor-pg.ts' : 'bench/import-floor.ts';
    log(`import (real: src/cli/import.ts, and floor: ${floorScript}, side by side)…`);
    const floorDb = pgMain ? await pgDb() : null;
    const floorTarget = floorDb ? floorDb.url : join(dir, 'floor.db');
    const [real, floor] = await Promise.all([runImport('src/cli/import.ts', db, file), runImport(floorScript, floorTarget, file)]);
    if (floorDb) await floorDb.drop();
    else for (const suffix of ['', '-wal', '-shm']) rmSync(floorTarget + suffix, { force: true });
    log(`  real ${real.seconds.toFixed(1)} s, ${(real.counts.userSessions / real.seconds).toFixed(0)} sessions/s`);
    log(`  floor ${floor.seconds.toFixed(1)} s, ${(floor.counts.userSessions / floor.seconds).toFixed(0)} sessions/s`);
    if (floor.counts.userSessions !== real.counts.userSessions || floor.counts.userActions !== real.counts.userActions) {
      throw new Error(`the floor wrote other rows than the import: ${JSON.stringify({ real: real.counts, floor: floor.counts })}`);
    }
    if (pgMain) {
      // The import gathered the planner's statistics itself (sessiongraph_analyze); a VACUUM too, as
      // an operator runs after a bulk load (visibility map for index-only scans). As the login, the
      // tables' owner: the floor's pool acts as the application role, which may not vacuum (it was
      // skipped with a warning, and the first 200k run planned every read on empty tables).
      const owner = new pg.Client({ connectionString: pgMain.url });
      await owner.connect();
      await owner.query('vacuum');
      await owner.end();
    }

    // 3. Queries, each server alone on the machine with the orchestrator driving autocannon.
    const personId = await pickFrom(db);
    if (!personId) throw new Error('no person has both recordings and user sessions');
    const variables: Record<QueryKey, Variables> = { q1: {}, q2: { id: personId }, q3: {}, q4: {} };
    const all: QueryKey[] = ['q1', 'q2', 'q3', 'q4'];

    log('npm start on the built tree (3 runs)…');
    const start = await measureStart(db);
    log(`  ready in ${start.seconds.toFixed(2)} s (median; runs ${start.runs.map((s) => s.toFixed(2)).join(', ')})`);

    log(`queries (real server), ${duration} s each, ${settings.connections} connections…`);
    const server = (await startServer('real', db))!;
    const realQ = await measureQueries(server, all, variables, settings);
    const ceilingQuery = '{ __typename }';
    const ceiling = await load({ url: `${server.base}/graphql`, body: JSON.stringify({ query: ceilingQuery }) }, settings);
    log(`  ${ceilingQuery}: ${ceiling.rps.toFixed(0)} req/s (the server's ceiling)`);
    // Head-of-line blocking: query 2 again while a second autocannon hammers query 3.
    log('  q2 while q3 runs in parallel…');
    const q3 = QUERIES.find((q) => q.key === 'q3')!;
    const q2 = QUERIES.find((q) => q.key === 'q2')!;
    const hammer = background({ url: `${server.base}/graphql`, body: requestBody(q3, {}) }, settings);
    // q2's own warm-up gives the hammer time to fill the server before q2 is measured.
    const q2WithQ3 = await load({ url: `${server.base}/graphql`, body: requestBody(q2, variables.q2) }, settings);
    const q3During = await hammer.stop();
    await waitIdle(server.child.proc.pid!);
    log(`  q2 p99 ${q2WithQ3.p99.toFixed(1)} ms with q3 (alone ${realQ.get('q2')!.load.p99.toFixed(1)} ms)`);
    const serverPeak = peakRss(server.child.proc.pid!) ?? 0;
    await stop(server.child);

    log('queries (naive server: --no-batch)…');
    const naiveServer = await startServer('naive', db);
    const naiveQ = naiveServer ? await measureQueries(naiveServer, ['q1', 'q2'], variables, settings) : null;
    if (naiveServer) await stop(naiveServer.child);
    else log('  n/a: src/cli/serve.ts does not accept --no-batch (yet)');

    log('queries (floor server)…');
    const floorServer = (await startServer('floor', db))!;
    const floorQ = await measureQueries(floorServer, all, variables, settings);
    const floorServerPeak = peakRss(floorServer.child.proc.pid!) ?? 0;
    await stop(floorServer.child);

    // 4. Figures.
    const queries = Object.fromEntries(
      QUERIES.map((q) => {
        const r = realQ.get(q.key)!;
        const f = floorQ.get(q.key)!;
        const n = q.naive ? (naiveQ ? naiveQ.get(q.key)! : null) : undefined;
        const figures: QueryFigures = {
          title: q.title,
          real: { ...r.load, statements: r.statements, sqlMs: r.sqlMs },
          floor: { ...f.load, statements: f.statements, sqlMs: f.sqlMs },
          ...(n === undefined ? {} : { naive: n ? { ...n.load, statements: n.statements, sqlMs: n.sqlMs } : 'n/a (flag missing)' }),
          rpsRatio: r.load.rps / f.load.rps,
          p50Ratio: r.load.p50 / f.load.p50,
          sameAnswerAsFloor: JSON.stringify(r.data) === JSON.stringify(f.data),
        };
        if (!figures.sameAnswerAsFloor) log(`WARNING: ${q.key}: the floor's answer differs from the server's`);
        return [q.key, figures];
      }),
    ) as Results['queries'];

    const rate = (run: ImportRun) => ({
      seconds: run.seconds,
      sessionsPerSecond: run.counts.userSessions / run.seconds,
      actionsPerSecond: run.counts.userActions / run.seconds,
      peakRssBytes: run.peakRssBytes,
    });
    const results: Results = {
      startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
      runtimeSeconds: 0,
      options: { store: opts.store, sessions, durationSeconds: duration, connections: settings.connections, quick: !!opts.quick, full: !!opts.full },
      machine: describeMachine(loadAtStart),
      node: process.version,
      sizes: {
        persons: real.counts.persons,
        sessions: real.counts.userSessions,
        actions: real.counts.userActions,
        recordings: real.counts.recordings,
        ndjsonBytes: written.bytes,
        dbBytes: pgMain ? await pgMain.bytes() : fileBytes(db),
      },
      import: {
        real: rate(real),
        floor: rate(floor),
        ratio: real.counts.userSessions / real.seconds / (floor.counts.userSessions / floor.seconds),
        memory: {
          fileBytes: written.bytes,
          peakRssBytes: real.peakRssBytes,
          smallFileBytes: statSync(smallFile).size,
          smallFileSessions: small.counts.userSessions,
          smallFilePeakRssBytes: small.peakRssBytes,
          ratio: real.peakRssBytes / small.peakRssBytes,
        },
      },
      queries,
      headOfLine: {
        q2P99AloneMs: realQ.get('q2')!.load.p99,
        q2P99WithQ3Ms: q2WithQ3.p99,
        ratio: q2WithQ3.p99 / realQ.get('q2')!.load.p99,
        q2RpsWithQ3: q2WithQ3.rps,
        q3RpsDuring: q3During.rps,
        errors: q2WithQ3.errors + q3During.errors,
      },
      server: { peakRssBytes: serverPeak, floorPeakRssBytes: floorServerPeak },
      start,
      ceiling: { ...ceiling, query: ceilingQuery },
      targets: [],
    };
    results.runtimeSeconds = (performance.now() - started) / 1000;
    results.targets = targetsOf(results);
    // Four significant digits are more than any of these figures can claim.
    const rounded = (_: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v);
    writeFileSync(out, `${JSON.stringify(results, rounded, 2)}\n`);
    printReport(results);
    log(`wrote ${out}`);
  } finally {
    cleanup();
    if (opts.keep) log(`kept ${dir}${pgDbs.length ? ` and PostgreSQL database ${pgDbs.map((d) => d.name).join(', ')}` : ''}`);
    else for (const d of pgDbs) await d.drop().catch((e: unknown) => log(`could not drop ${d.name}: ${(e as Error).message}`));
  }
}

/** The person query 2 asks about, read from the store the run imported into. */
async function pickFrom(db: string): Promise<string | null> {
  if (!db.startsWith('postgres')) {
    const reader = new Database(db, { readonly: true });
    try {
      return await pickPerson({ sqlite: reader });
    } finally {
      reader.close();
    }
  }
  const { pgFloorPool } = await import('./floor-pg.js');
  const pool = await pgFloorPool(db, 1);
  try {
    return await pickPerson({ pg: pool });
  } finally {
    await pool.end();
  }
}

const program = new Command('bench')
  .description('Import and query throughput against floors measured in the same run')
  .addOption(new Option('--store <kind>', 'the store: sqlite (a file) or pg (a fresh PostgreSQL database, env SESSIONGRAPH_BENCH_PG names the admin URL)').choices(['sqlite', 'pg']).default('sqlite'))
  .option('--sessions <n>', 'user sessions in the data set (default 200,000)', positiveInt('--sessions'))
  .option('--full', '1,000,000 user sessions')
  .option('--quick', '2,000 user sessions and 2-second load runs: a smoke test')
  .option('--duration <s>', 'seconds per load run (default 10; 2 with --quick)', positiveSeconds('--duration'))
  .option('--connections <n>', 'concurrent connections per load run', positiveInt('--connections'), 32)
  .option('--out <file>', 'where to write the results (default bench/results.json; bench/results-pg.json with --store pg)')
  .option('--keep', 'keep the temporary data directory')
  .action((opts: Options) => runMain('bench', () => main(opts)));

await program.parseAsync();
