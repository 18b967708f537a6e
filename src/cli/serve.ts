/** npm start -- [--port N] [--host H] [--db PATH] [--no-demo] [--debug-sql] */
import { Command, InvalidArgumentError, Option } from 'commander';
import { isIP } from 'node:net';
import { openStore } from '../db/open.js';
import { storeCounts } from '../db/counts.js';
import { seedStore } from '../seed/seed.js';
import { purgeExpiredRecordings } from '../db/erase.js';
import { withWriteLock } from '../db/write-lock.js';
import { createHttpServer, DEFAULT_READ_WORKERS, readPoolOf } from '../server/app.js';
import type { AuthMode } from '../server/auth.js';
import { defaultDbPath, parsePositiveInt } from '../config.js';
import { RETENTIONS, type Retention } from '../graphql/context.js';

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

const program = new Command('serve')
  .description('Serve the GraphQL API (and GraphiQL) at /graphql')
  .option('--port <n>', 'port to listen on (env PORT)', parsePositiveInt('--port'), Number(process.env.PORT) || 4000)
  .option('--host <host>', 'address to listen on (env HOST)', process.env.HOST || '127.0.0.1')
  .option('--db <path>', 'SQLite database file (env SESSIONGRAPH_DB)', defaultDbPath())
  .option('--graphql-path <path>', 'the one path GraphQL is served at', parseGraphqlPath, '/graphql')
  .option('--no-demo', 'do not seed the demo data set into an empty database')
  .option('--debug-sql', 'add extensions.sql = {statements, ms} to every response')
  .option('--federation', 'serve the Apollo Federation v2 subgraph schema (_service, _entities, inline traces)')
  .option('--read-workers <n>', 'worker threads that run queries (0: the main thread)', (v) => Number.parseInt(v, 10), DEFAULT_READ_WORKERS)
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
  .action(async (opts: { port: number; host: string; db: string; demo: boolean; debugSql?: boolean; federation?: boolean; auth?: AuthMode; batch: boolean; readWorkers: number; graphqlPath: string; retention: Retention }) => {
    const loopback = isLoopback(opts.host);
    const auth: AuthMode = opts.auth ?? (loopback ? 'off' : 'required');
    if (auth === 'off' && !loopback) {
      process.stderr.write(`--auth off is only allowed on a loopback address, not ${opts.host}: create a key with "npm run keys -- create"\n`);
      process.exit(2);
    }
    const store = openStore(opts.db);
    const counts = storeCounts(store);
    if (opts.demo && counts.recordings === 0 && counts.userSessions === 0 && counts.persons === 0) {
      process.stdout.write(`empty database: seeding the demo data set into ${opts.db} (skip with --no-demo)…\n`);
      const seeded = await seedStore(store, { persons: 200, seed: 1 });
      process.stdout.write(`seeded ${seeded.persons} persons, ${seeded.recordings} recordings, ${seeded.userSessions} user sessions\n`);
    }
    // Imported history is never deleted unasked. Under `enforce`, expired recordings are not served
    // (see recordingVisible), and deleting them is housekeeping, hourly.
    let purgeTimer: NodeJS.Timeout | undefined;
    if (opts.retention === 'enforce') {
      const purge = async () => {
        const purged = await withWriteLock(store, () => purgeExpiredRecordings(store));
        if (purged > 0) process.stdout.write(`--retention enforce: deleted ${purged} expired recording${purged === 1 ? '' : 's'}\n`);
      };
      await purge();
      purgeTimer = setInterval(() => void purge(), 60 * 60 * 1000).unref();
    }

    const server = createHttpServer({ store, debugSql: opts.debugSql, federation: opts.federation, auth, batch: opts.batch, readWorkers: opts.readWorkers, graphqlPath: opts.graphqlPath, retention: opts.retention });
    // Announce (and take traffic) once a read worker can answer: /health/ready is true from the first request.
    const pool = readPoolOf(server);
    if (pool) {
      const started = await Promise.race([pool.whenReady().then(() => true), new Promise<false>((resolve) => setTimeout(resolve, WORKERS_START_MS, false).unref())]);
      if (!started) {
        process.stderr.write(`no read worker started within ${WORKERS_START_MS / 1000} s (see the errors above); try --read-workers 0\n`);
        process.exit(1);
      }
    }
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
      setTimeout(() => hardStop(signal, 'in-flight requests did not finish'), STOP_HARD_MS).unref();
      // close() stops accepting connections and calls back once in-flight requests are done.
      server.close(async () => {
        // A worker inside a long SQLite statement cannot be joined, and process.exit would wait for it.
        const workersStopped = (await readPoolOf(server)?.close()) ?? true;
        store.close();
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

await program.parseAsync();
