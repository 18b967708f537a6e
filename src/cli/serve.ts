/** npm start -- [--port N] [--host H] [--db PATH] [--no-demo] [--debug-sql] */
import { Command, Option } from 'commander';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { openStore } from '../db/open.js';
import { storeCounts } from '../db/counts.js';
import { seedStore } from '../seed/seed.js';
import { purgeExpiredRecordings } from '../db/erase.js';
import { withWriteLock } from '../db/write-lock.js';
import { createHttpServer } from '../server/app.js';
import type { AuthMode } from '../server/auth.js';
import { defaultDbPath, parsePositiveInt } from '../config.js';

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
  .option('--no-demo', 'do not seed the demo data set into an empty database')
  .option('--debug-sql', 'add extensions.sql = {statements, ms} to every response')
  .option('--federation', 'serve the Apollo Federation v2 subgraph schema (_service, _entities, inline traces)')
  .option('--read-workers <n>', 'worker threads that run queries (0: the main thread)', (v) => Number.parseInt(v, 10), Math.max(2, availableParallelism()))
  .option('--no-batch', 'benchmark only: run nested loaders one statement per parent (the naive variant)')
  .addOption(
    new Option('--auth <mode>', 'API keys: required, or off (loopback addresses only); default off on loopback, else required')
      .choices(['required', 'off'])
      .env('SESSIONGRAPH_AUTH'),
  )
  .action(async (opts: { port: number; host: string; db: string; demo: boolean; debugSql?: boolean; federation?: boolean; auth?: AuthMode; batch: boolean; readWorkers: number }) => {
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
    // Expired recordings are never served; deleting them is housekeeping, hourly.
    const purge = () => withWriteLock(store, () => purgeExpiredRecordings(store));
    await purge();
    const purgeTimer = setInterval(() => void purge(), 60 * 60 * 1000).unref();

    const server = createHttpServer({ store, debugSql: opts.debugSql, federation: opts.federation, auth, batch: opts.batch, readWorkers: opts.readWorkers });
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
      process.stdout.write(`sessiongraph ready${kind}: GraphiQL at http://${host}:${port}/graphql\n`);
    });

    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      process.stdout.write(`${signal}: finishing in-flight requests…\n`);
      // close() stops accepting connections and calls back once in-flight requests are done.
      clearInterval(purgeTimer);
      server.close(() => {
        store.close();
        process.stdout.write('stopped\n');
        process.exit(0);
      });
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 10_000).unref();
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });

await program.parseAsync();
