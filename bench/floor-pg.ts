/**
 * PostgreSQL for the benchmark (`npm run bench -- --store pg`): a fresh database per run, dropped
 * at the end, and the floor server's connections.
 *
 * The floor connects as the store's own connections do (src/db/pg/connect.ts): int8 and numeric
 * read back as JS numbers, a superuser login switches to the store's role so row-level security
 * binds it as it binds the server, and the project is set once per connection (the server sets it
 * per request, in its transaction: that is part of what the gateway costs).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DEFAULT_PG_POOL } from '../src/config.js';

/** The admin database a run's own database is made from (env SESSIONGRAPH_BENCH_PG). */
export const PG_ADMIN_URL = process.env.SESSIONGRAPH_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const { builtins, setTypeParser } = pg.types;
setTypeParser(builtins.INT8, Number);
setTypeParser(builtins.NUMERIC, Number);

export interface PgDatabase {
  url: string;
  name: string;
  /** Size on disk (pg_database_size). */
  bytes(): Promise<number>;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database with byte-wise text order (README, "PostgreSQL"). */
export async function createPgDatabase(prefix = 'sg_bench'): Promise<PgDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    bytes: () => admin(async (c) => Number((await c.query('select pg_database_size($1) as n', [name])).rows[0].n)),
    drop: () => admin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}

/** The floor's pool: as many connections as the server's (--pg-pool, default 10). */
export async function pgFloorPool(url: string, size = DEFAULT_PG_POOL): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    max: size,
    onConnect: (client) =>
      client.query(
        `do $$ begin
           if exists (select from pg_roles where rolname = current_user and (rolsuper or rolbypassrls))
              and exists (select from pg_roles where rolname = 'sessiongraph_app') then
             set role sessiongraph_app;
           end if;
         end $$;
         select set_config('sessiongraph.project', 'default', false)`,
      ) as unknown as void,
  });
  pool.on('error', () => {});
  // Fails here, not on the first request, when the database cannot be reached.
  await pool.query('select 1');
  return pool;
}
