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
import type { Db } from '../open.js';
import { migratePg } from './migrate.js';

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
  /**
   * Drizzle over the pool, typed as the SQLite store's: the graph builds its queries from the one
   * description with the same builders for both stores; this one renders them as PostgreSQL
   * (db/dialect.ts) and graphql/pg-runner.ts runs them in the request's transaction.
   */
  db: Db;
  /** Runs `work` in one transaction of `project`, each statement cancelled after `timeoutMs`. */
  inProject<T>(project: string, work: (db: PgDb, client: pg.PoolClient) => Promise<T>, options?: { timeoutMs?: number }): Promise<T>;
  /**
   * Runs `work` in one transaction that sees, of every project, only the recordings that expired
   * at `beforeMs` or earlier (the `retention_purge` policies of db/pg/schema.ts).
   */
  inRetentionPurge<T>(beforeMs: number, work: (db: PgDb) => Promise<T>): Promise<T>;
  /**
   * Gathers the planner's statistics of every table (ANALYZE, through the migration's
   * `sessiongraph_analyze()`): after a bulk load, before the first reads plan on empty ones.
   */
  analyze(): Promise<void>;
  close(): Promise<void>;
}

export interface PgOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /**
   * A read replica (hot standby) for queries: mutations, imports and the migrations go to the
   * primary (`url`); a query may see a write made elsewhere a moment later (replication lag).
   */
  readUrl?: string;
}

/**
 * BEGIN a transaction of `project` on `client`: the project row-level security admits, and the
 * statement timeout when given. One round trip: a simple-protocol batch, which takes no
 * parameters, hence the escaped literals.
 */
export async function beginInProject(client: pg.ClientBase, project: string, timeoutMs?: number): Promise<void> {
  const settings = [`set_config('sessiongraph.project', ${client.escapeLiteral(project)}, true)`];
  if (timeoutMs) settings.push(`set_config('statement_timeout', ${client.escapeLiteral(String(Math.max(1, Math.ceil(timeoutMs))))}, true)`);
  await client.query(`begin; select ${settings.join(', ')}`);
}

/** The role a superuser (or BYPASSRLS) login switches to, so that row-level security binds it. */
const APP_ROLE = 'sessiongraph_app';

export function connectPg(url: string, options: PgOptions = {}): PgStore {
  // A connection that cannot be had in 10 s is an error, not an endless wait (node-postgres' default).
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 10_000,
    // Each new connection, before it is handed out: leave a superuser's powers behind, for the
    // connection's life (row-level security does not bind superusers).
    onConnect: (client) =>
      client.query(
        `do $$ begin
           if exists (select from pg_roles where rolname = current_user and (rolsuper or rolbypassrls))
              and exists (select from pg_roles where rolname = '${APP_ROLE}') then
             set role ${APP_ROLE};
           end if;
         end $$`,
      ) as unknown as void,
  });
  // An idle connection the server closed (restart, failover, admin): the pool drops it and opens
  // another when needed; it must not take the process down.
  pool.on('error', () => {});
  /** One transaction on a pooled connection: `begin` starts it (and sets what it binds to). */
  async function transaction<T>(begin: (client: pg.PoolClient) => Promise<unknown>, work: (db: PgDb, client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await begin(client);
      const result = await work(drizzle(client, { schema: description, casing: 'snake_case' }), client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
  return {
    kind: 'pg',
    url,
    pool,
    db: drizzle(pool, { schema: description, casing: 'snake_case' }) as unknown as Db,
    inProject: (project, work, { timeoutMs } = {}) => transaction((client) => beginInProject(client, project, timeoutMs), work),
    inRetentionPurge: (beforeMs, work) =>
      transaction((client) => client.query(`begin; select set_config('sessiongraph.purge_before', ${client.escapeLiteral(String(Math.floor(beforeMs)))}, true)`), (db) => work(db)),
    analyze: async () => void (await pool.query('select sessiongraph_analyze()')),
    close: () => pool.end(),
  };
}

/** A PostgreSQL store ready to serve: migrated, connected, its cursor secret loaded. */
export interface ServingPgStore extends PgStore {
  /** The secret that seals list cursors (the same in every replica on this database). */
  cursorSecret(): Buffer;
  /** Where queries read: the read replica's pool, or the primary's (`pool`) without one. */
  readPool: pg.Pool;
}

/** Migrates `url`'s database (one process at a time) and opens a pool on it. */
export async function openPgStore(url: string, options: PgOptions = {}): Promise<ServingPgStore> {
  await migratePg(url);
  const store = connectPg(url, options);
  try {
    const { rows } = await store.pool.query<{ secret: Buffer }>('select secret from cursor_secret where id = 1');
    const secret = rows[0]?.secret;
    if (!secret) throw new Error('The database has no cursor secret (cursor_secret): it was not migrated');
    if (!options.readUrl) return { ...store, cursorSecret: () => secret, readPool: store.pool };
    const replica = connectPg(options.readUrl, options);
    // Fail at the start, not at the first query, when the replica cannot be reached.
    await replica.pool.query('select 1').catch(async (error: unknown) => {
      await replica.close();
      throw new Error(`the read replica: ${(error as Error).message}`);
    });
    return {
      ...store,
      cursorSecret: () => secret,
      readPool: replica.pool,
      close: async () => void (await Promise.all([store.close(), replica.close()])),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * The name a statement text is prepared under: node-postgres prepares a named statement once per
 * connection and reuses it (parse and plan once). Texts past the first MAX_NAMED_STATEMENTS run
 * unnamed.
 */
export function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_NAMED_STATEMENTS) statementNames.set(text, (name = `sg${statementNames.size}`));
  return name;
}

const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 2000;

/** Write statements on one client (an import's transaction): db/statements.ts's Connection. */
export function pgConnection(client: pg.PoolClient) {
  return {
    dialect: 'postgres' as const,
    prepare(text: string) {
      const name = statementName(text);
      return {
        run: async (values: unknown[]) => void (await client.query({ name, text, values })),
        value: async (values: unknown[]) => (await client.query({ name, text, values, rowMode: 'array' })).rows[0]?.[0],
        rows: async (values: unknown[]) => (await client.query({ name, text, values, rowMode: 'array' })).rows as unknown[][],
      };
    },
  };
}
