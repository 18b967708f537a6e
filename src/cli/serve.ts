/** npm start -- [--demo] [--port N] [--host H] [--db PATH] [--debug-sql] */
import { InvalidArgumentError, Option } from 'commander';
import { isIP } from 'node:net';
import type { AuthMode } from '../server/auth.js';
import { databasePath, DB_OR_POSTGRES_HELP, DEFAULT_DB, DEFAULT_PG_POOL, DEMO_DATA, DEMO_DB, defaultDbPath, isPostgresUrl } from '../config.js';
import { RETENTIONS, type AnyStore, type Retention } from '../graphql/context.js';
import { CliFailure, cliCommand, exitWith, maskedUrl, openAnyDatabase, openDatabase, runCli, UsageError, wholeNumber } from './errors.js';
import type { Store } from '../db/open.js';

function parseGraphqlPath(value: string): string {
  if (!/^\/[\w./-]*$/.test(value) || value.includes('//') || value.endsWith('/') || /(^|\/)\.\.?(\/|$)/.test(value)) {
    throw new InvalidArgumentError('a path such as /graphql or /api/graphql (letters, digits, _ . - and single slashes, no trailing slash)');
  }
  if (/^\/(health|ingest|graphiql)(\/|$)/.test(value)) throw new InvalidArgumentError(`${value} is taken by another route`);
  return value;
}

/** Read workers must be able to answer within this long of the start. */
const WORKERS_START_MS = 60_000;
/** In-flight requests get this long after SIGTERM/SIGINT; then their connections are closed. */
const STOP_GRACE_MS = 10_000;
/** The process is gone this long after the signal, whatever it was doing. */
const STOP_HARD_MS = 15_000;

/** Ends the process at once with the signal's own default action (exit status 128 + signal). */
function hardStop(signal: string, why: string): never {
  process.stderr.write(`${signal}: ${why}; stopping now\n`);
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
  // The signal is delivered asynchronously; nothing else may run meanwhile.
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_000);
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

const program = cliCommand('serve')
  .description('Serve the GraphQL API (and GraphiQL) at /graphql')
  .addOption(new Option('--port <n>', 'port to listen on').argParser(wholeNumber(1, 65535)).env('PORT').default(4000))
  .option('--host <host>', 'address to listen on (env HOST)', process.env.HOST || '127.0.0.1')
  .option('--db <path>', `${DB_OR_POSTGRES_HELP}; with --demo, default ${DEMO_DB}`)
  .addOption(new Option('--pg-pool <n>', 'connections to a PostgreSQL store').argParser(wholeNumber(1, 1000)).env('SESSIONGRAPH_PG_POOL').default(DEFAULT_PG_POOL))
  .addOption(
    new Option('--pg-heavy <n>', 'heavy queries (stats, funnel, slow ones) holding PostgreSQL connections at once; light ones keep the rest (default: a quarter of --pg-pool, at least 1)')
      .argParser(wholeNumber(1, 1000))
      .env('SESSIONGRAPH_PG_HEAVY'),
  )
  .addOption(new Option('--read-db <url>', 'a PostgreSQL read replica for queries (mutations and ingest go to --db)').env('SESSIONGRAPH_READ_DB'))
  .option('--demo', `serve the demo database (${DEMO_DB} unless --db or SESSIONGRAPH_DB), seeding the demo data set into it when empty`)
  .option('--graphql-path <path>', 'the one path GraphQL is served at', parseGraphqlPath, '/graphql')
  .option('--debug-sql', 'add extensions.sql = {statements, ms} to every response')
  .option('--federation', 'serve the Apollo Federation v2 subgraph schema (_service, _entities, inline traces)')
  .option('--read-workers <n>', 'worker threads that run queries (0: the main thread; default: one per CPU, at least 2)', wholeNumber(0, 256))
  .option('--no-batch', 'benchmark only: run nested loaders one statement per parent (the naive variant)')
  .addOption(
    new Option('--retention <mode>', 'recordings past their expiry: keep (served, expired: true) or enforce (hidden, deleted hourly, as PostHog does)')
      .choices(RETENTIONS)
      .default('keep')
      .env('SESSIONGRAPH_RETENTION'),
  )
  .addOption(
    new Option('--auth <mode>', 'API keys: required, or off (loopback addresses only); default off on loopback, else required')
      .choices(['required', 'off'])
      .env('SESSIONGRAPH_AUTH'),
  )
  .action(async (opts: { port: number; host: string; db?: string; demo?: boolean; debugSql?: boolean; federation?: boolean; auth?: AuthMode; batch: boolean; readWorkers?: number; graphqlPath: string; retention: Retention; pgPool: number; pgHeavy?: number; readDb?: string }) => {
    const loopback = isLoopback(opts.host);
    const auth: AuthMode = opts.auth ?? (loopback ? 'off' : 'required');
    if (auth === 'off' && !loopback) {
      throw new UsageError(`--auth off is only allowed on a loopback address, not ${opts.host}: create a key with "npm run keys -- create"`);
    }
    // Loaded once the arguments are good: a usage error is reported without building the schema.
    const [{ storeCounts }, { seedStore }, { purgeExpiredRecordings }, { withWriteLock }, { createHttpServer, readPoolOf }] = await Promise.all([
      import('../db/counts.js'),
      import('../seed/seed.js'),
      import('../db/erase.js'),
      import('../db/write-lock.js'),
      import('../server/app.js'),
    ]);
    const db = databasePath(opts.db, opts.demo ? DEMO_DB : DEFAULT_DB);
    let store: AnyStore;
    let purgeTimer: NodeJS.Timeout | undefined;
    if (isPostgresUrl(db.path)) {
      if (opts.pgHeavy !== undefined && opts.pgHeavy > opts.pgPool) throw new UsageError(`--pg-heavy ${opts.pgHeavy}: at most --pg-pool (${opts.pgPool}) heavy queries can hold a connection`);
      if (opts.demo) throw new UsageError('--demo seeds its own SQLite file: leave out --db postgres://… (or copy the demo into PostgreSQL with "npm run copy")');
      // Reads are served from PostgreSQL (the database does the work: no read workers); writes there come next.
      if (opts.readDb && !isPostgresUrl(opts.readDb)) throw new UsageError(`--read-db ${maskedUrl(opts.readDb)}: give a postgres:// URL of a read replica`);
      store = await openAnyDatabase(db.path, {}, { poolSize: opts.pgPool, readUrl: opts.readDb });
    } else {
      if (opts.readDb) throw new UsageError('--read-db is for a PostgreSQL store (--db postgres://…): a SQLite file has its own read workers');
      const sqlite = openDatabase(db.path, { builtIn: db.builtIn });
      store = sqlite;
      await greet(sqlite, db.path);
    }
    // Imported history is never deleted unasked. Under `enforce`, expired recordings are not served
    // (see recordingVisible), and deleting them is housekeeping, hourly (on PostgreSQL by every
    // replica: a purge finds nothing left by another's).
    if (opts.retention === 'enforce') {
      const served = store;
      const purge = async () => {
        const purged = await withWriteLock(served, () => purgeExpiredRecordings(served));
        if (purged > 0) process.stdout.write(`--retention enforce: deleted ${purged} expired recording${purged === 1 ? '' : 's'}\n`);
      };
      await purge();
      purgeTimer = setInterval(() => void purge().catch((e: unknown) => process.stderr.write(`--retention enforce: the hourly purge failed (${(e as Error).message}); next try in an hour\n`)), 60 * 60 * 1000).unref();
    }

    /** An empty SQLite store: seed the demo, or say how to load one. */
    async function greet(sqlite: Store, path: string): Promise<void> {
      const counts = storeCounts(sqlite);
      if (counts.recordings !== 0 || counts.userSessions !== 0 || counts.persons !== 0) return;
      if (opts.demo) {
        process.stdout.write(`empty database: seeding the demo data set into ${path}…\n`);
        const seeded = await seedStore(sqlite, DEMO_DATA);
        process.stdout.write(`seeded ${seeded.persons} persons, ${seeded.recordings} recordings, ${seeded.userSessions} user sessions\n`);
      } else {
        const where = path === defaultDbPath() ? '' : ` --db ${path}`;
        process.stdout.write(`${path} is empty: load your exports with "npm run import --${where} FILE…", or try the demo with "npm start -- --demo"\n`);
      }
    }

    const server = createHttpServer({ store, debugSql: opts.debugSql, federation: opts.federation, auth, batch: opts.batch, readWorkers: opts.readWorkers, graphqlPath: opts.graphqlPath, retention: opts.retention, pgLanes: { heavy: opts.pgHeavy } });
    // Announce (and take traffic) once a read worker can answer: /health/ready is true from the first request.
    const pool = readPoolOf(server);
    if (pool) {
      const started = await Promise.race([pool.whenReady().then(() => true), new Promise<false>((resolve) => setTimeout(resolve, WORKERS_START_MS, false).unref())]);
      if (!started) {
        process.stderr.write(`no read worker started within ${WORKERS_START_MS / 1000} s (see the errors above); try --read-workers 0\n`);
        process.exit(1);
      }
    }
    server.on('error', (e: NodeJS.ErrnoException) => {
      const where = `${opts.host}:${opts.port}`;
      const why: Record<string, string> = {
        EADDRINUSE: `port ${opts.port} is in use (another process listens on ${where}; choose another with --port or PORT)`,
        EACCES: `port ${opts.port}: permission denied (listening on ${where}; try a port above 1023)`,
        EADDRNOTAVAIL: `--host ${opts.host}: not an address of this machine`,
        ENOTFOUND: `--host ${opts.host}: no such host`,
      };
      exitWith(e.code && why[e.code] ? new CliFailure(why[e.code]!, { cause: e }) : e);
    });
    server.listen(opts.port, opts.host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : opts.port;
      const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
      const kind = opts.federation ? ' (Apollo Federation v2 subgraph)' : '';
      process.stdout.write(
        auth === 'off'
          ? 'auth: off — no API keys needed, everything is in project "default" (allowed because the server listens on loopback only)\n'
          : 'auth: required — send "Authorization: Bearer <key>" (npm run keys -- create --project NAME)\n',
      );
      process.stdout.write(`sessiongraph ready${kind}: GraphiQL at http://${host}:${port}${opts.graphqlPath}\n`);
    });

    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      process.stdout.write(`${signal}: finishing in-flight requests…\n`);
      clearInterval(purgeTimer);
      // Past this, whatever still runs is dropped: the process ends as the signal's default would.
      const hardAt = Date.now() + STOP_HARD_MS;
      setTimeout(() => hardStop(signal, 'in-flight requests did not finish'), STOP_HARD_MS).unref();
      // close() stops accepting connections and calls back once in-flight requests are done.
      server.close(async () => {
        // A worker inside a long SQLite statement cannot be joined, and process.exit would wait for
        // it: wait for the workers until just before the hard stop, then say that this is why.
        const workersStopped = (await readPoolOf(server)?.close(Math.max(0, hardAt - Date.now() - 500))) ?? true;
        await store.close();
        if (!workersStopped) hardStop(signal, 'a read worker is still inside a statement');
        process.stdout.write('stopped\n');
        process.exit(0);
      });
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS).unref();
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });

await runCli(program);
