/**
 * Connections to a PostgreSQL store: a pool of node-postgres clients (`pg`, chosen by measurement:
 * bench/pg-driver.md) whose values read back as
 * the store's description encodes them (db/pg/schema.ts), so queries built from the description
 * (src/db/schema.ts) run here as they run on SQLite, and every statement of a request runs in one
 * transaction bound to the caller's project (row-level security) with a statement timeout that
 * really cancels it.
 */
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as description from '../schema.js';

const { builtins, setTypeParser } = pg.types;

/*
 * How values come back. int8 (every integer and epoch-ms time of the store) as a JS number: the
 * store holds none beyond 2^53 − 1 (ingest refuses them). NUMERIC (what sum() and avg() of int8
 * return) as a number too. JSON as its text: the description's JSON columns parse it themselves,
 * as they do SQLite's text. Set on node-postgres' global parsers because Drizzle's session passes
 * a per-query type config that falls back to them; this process holds no other PostgreSQL client.
 */
setTypeParser(builtins.INT8, Number);
setTypeParser(builtins.NUMERIC, Number);
setTypeParser(builtins.JSON, (v: string) => v);
setTypeParser(builtins.JSONB, (v: string) => v);

export type PgDb = NodePgDatabase<typeof description>;

export interface PgStore {
  kind: 'pg';
  url: string;
  pool: pg.Pool;
  /** Runs `work` in one transaction of `project`, each statement cancelled after `timeoutMs`. */
  inProject<T>(project: string, work: (db: PgDb, client: pg.PoolClient) => Promise<T>, options?: { timeoutMs?: number }): Promise<T>;
  close(): Promise<void>;
}

export interface PgOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

/** The role a superuser (or BYPASSRLS) login switches to, so that row-level security binds it. */
const APP_ROLE = 'sessiongraph_app';

export function connectPg(url: string, options: PgOptions = {}): PgStore {
  // A connection that cannot be had in 10 s is an error, not an endless wait (node-postgres' default).
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle connection the server closed (restart, failover, admin): the pool drops it and opens
  // another when needed; it must not take the process down.
  pool.on('error', () => {});
  // Each new connection: leave a superuser's powers behind once, for the connection's life.
  pool.on('connect', (client) => {
    void client
      .query(
        `do $$ begin
           if exists (select from pg_roles where rolname = current_user and (rolsuper or rolbypassrls))
              and exists (select from pg_roles where rolname = '${APP_ROLE}') then
             set role ${APP_ROLE};
           end if;
         end $$`,
      )
      .catch(() => {});
  });
  return {
    kind: 'pg',
    url,
    pool,
    async inProject(project, work, { timeoutMs } = {}) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(`select set_config('sessiongraph.project', $1, true)${timeoutMs ? `, set_config('statement_timeout', $2, true)` : ''}`, timeoutMs ? [project, String(Math.ceil(timeoutMs))] : [project]);
        const result = await work(drizzle(client, { schema: description, casing: 'snake_case' }), client);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
