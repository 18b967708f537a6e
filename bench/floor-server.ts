/**
 * The query floor: a bare node:http server answering the benchmark queries with hand-written SQL
 * (bench/queries.ts) through the store's driver (better-sqlite3, or `pg` for a postgres:// URL) —
 * no GraphQL parsing, validation, resolvers or loaders. It reads the same request bodies and
 * writes the same `data`, so the gap to the real server is what the gateway costs.
 *
 *   node --import tsx bench/floor-server.ts --db DB|postgres://… --port P [--pg-pool N]   → POST /q1 … /q4, GET /health
 */
import { createServer } from 'node:http';
import Database from 'better-sqlite3';
import { isPostgresUrl } from '../src/config.js';
import { QUERIES, type FloorAnswer, type Variables } from './queries.js';

function arg(name: string): string {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (!v) throw new Error(`usage: floor-server.ts --db DB|URL --port P [--pg-pool N] (missing ${name})`);
  return v;
}

type Handler = (variables: Variables) => FloorAnswer | Promise<FloorAnswer>;

function sqliteHandlers(path: string): [string, Handler][] {
  // Read-only on the database the real server uses. The file is already in WAL mode (openStore
  // set it), so this reader never blocks on, or is blocked by, a writer; same page cache size.
  const db = new Database(path, { readonly: true, fileMustExist: true });
  // The read settings of the store's own connections (src/db/open.ts).
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  return QUERIES.map((q) => [`/${q.key}`, q.floor(db)]);
}

async function pgHandlers(url: string): Promise<[string, Handler][]> {
  const { pgFloorPool } = await import('./floor-pg.js');
  const pool = await pgFloorPool(url, Number(process.argv[process.argv.indexOf('--pg-pool') + 1]) || undefined);
  return QUERIES.map((q) => [`/${q.key}`, q.pgFloor(pool)]);
}

const db = arg('--db');
const handlers = new Map(isPostgresUrl(db) ? await pgHandlers(db) : sqliteHandlers(db));

const server = createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  const handler = handlers.get(req.url ?? '');
  if (!handler || req.method !== 'POST') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    try {
      // The same JSON the GraphQL server parses; only `variables` matters here.
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables?: Variables };
      const start = performance.now();
      const send = ({ data, statements }: FloorAnswer) => {
        // As the server's --debug-sql reports it; here the time covers building the answer too.
        const ms = Math.round((performance.now() - start) * 1000) / 1000;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data, extensions: { sql: { statements, ms } } }));
      };
      // SQLite's answer is synchronous and sent in the same turn; PostgreSQL's arrives later.
      const answer = handler(body.variables ?? {});
      if (answer instanceof Promise) answer.then(send, fail);
      else send(answer);
    } catch (e) {
      fail(e);
    }
  });
  function fail(e: unknown) {
    res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: (e as Error).message }] }));
  }
});

// Each answer is computed synchronously; with 32 heavy requests queued, one turn of the event
// loop can outlast the default 5 s keep-alive timeout, and Node then resets connections whose
// next request is already waiting. Those resets would be an artifact of this minimal server.
server.keepAliveTimeout = 120_000;
server.listen(Number(arg('--port')), '127.0.0.1', () => {
  process.stdout.write(`floor ready on http://127.0.0.1:${arg('--port')}\n`);
});
// Read-only: nothing to flush, so stopping is immediate (PostgreSQL ends the pool's sessions itself).
process.on('SIGTERM', () => process.exit(0));
