/**
 * Running a request's statements on PostgreSQL: the same Drizzle queries the SQLite runner runs
 * (built from the one description), rendered with PostgreSQL's fragments (db/dialect.ts) and run
 * in one transaction per request on one pooled connection. The transaction names the caller's
 * project (row-level security: a statement missing its project guard still sees only that project)
 * and carries the statement timeout, which PostgreSQL enforces by cancelling the statement.
 */
import { availableParallelism } from 'node:os';
import * as drizzle from 'drizzle-orm';
import { fillPlaceholders, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import { renderForPostgres } from '../db/dialect.js';
import { beginInProject, statementName, type ServingPgStore } from '../db/pg/connect.js';
import { flatRowMapper, SqlRunner, type Built, type DrizzleField, type RunnerScope, type Values } from './sql-runner.js';

/** Drizzle's row mapper for selects with nested objects or joins (internal, exported at runtime). */
const mapResultRow = (drizzle as unknown as { mapResultRow(fields: DrizzleField[], row: unknown[], joins: unknown): unknown }).mapResultRow;

interface PreparedPgSelect {
  fields?: DrizzleField[];
  customResultMapper?: unknown;
  joinsNotNullableMap?: unknown;
  getQuery(): { sql: string; params: unknown[] };
}

/** Statements of this process running now on each pool: how many share the database's cores. */
const running = new WeakMap<pg.Pool, { n: number }>();
/**
 * The cores the database's statements share, taken to be this machine's (PostgreSQL beside the
 * gateway). On a bigger database machine the estimate errs low: fewer queries are taken for slow.
 */
const DATABASE_CORES = availableParallelism();

export class PgSqlRunner extends SqlRunner {
  private connection?: Promise<pg.PoolClient>;
  /** The statements running now on the pool this request's connection is from. */
  private peers = { n: 0 };
  private finished = false;
  private primary = false;

  constructor(
    private readonly store: ServingPgStore,
    scope: RunnerScope,
    /** How long one statement may run before PostgreSQL cancels it. */
    private readonly statementTimeoutMs: number,
  ) {
    super(store.db, scope);
  }

  /** A mutation reads on the primary: its payload must see its own write (a replica may lag). */
  override usePrimary(): void {
    this.primary = true;
  }

  /** The request's connection, in its transaction (begun at the first statement). */
  private client(): Promise<pg.PoolClient> {
    // A field may still ask after the operation's answer is final (graphql-js stops waiting for
    // siblings of a failed non-null field): the request's transaction is over by then.
    if (this.finished) return Promise.reject(new Error('the request has ended'));
    this.connection ??= (async () => {
      const pool = this.primary ? this.store.pool : this.store.readPool;
      if (!running.has(pool)) running.set(pool, { n: 0 });
      this.peers = running.get(pool)!;
      const client = await pool.connect();
      try {
        await beginInProject(client, this.scope.project, this.statementTimeoutMs);
        return client;
      } catch (error) {
        client.release(true);
        throw error;
      }
    })();
    return this.connection;
  }

  /** The request's statements, one after another on its connection (DataLoaders ask at once). */
  private queue: Promise<unknown> = Promise.resolve();
  /** The database's time on this request's statements (see storeMs). */
  private ownMs = 0;

  protected query<T>(config: pg.QueryConfig & { rowMode?: 'array' }): Promise<T[]> {
    const run = this.queue.then(async () => {
      const client = await this.client();
      const peers = this.peers;
      const atStart = ++peers.n;
      const start = performance.now();
      try {
        return (await client.query(config)).rows as T[];
      } finally {
        const ms = performance.now() - start;
        // With more statements running than the database has cores, each waits for the others too.
        this.ownMs += ms * Math.min(1, DATABASE_CORES / ((atStart + peers.n) / 2));
        peers.n--;
      }
    });
    this.queue = run.catch(() => {});
    return run;
  }

  /**
   * What the statements cost the database, as the lanes' slow history wants it (the time they
   * would take alone): each statement's time on the connection, scaled by the share of the
   * database's cores it had while this process's other statements ran beside it. `stats.ms`
   * (--debug-sql) counts each statement from when it was asked for, so it also holds the wait for
   * a pooled connection, for the request's earlier statements and, under load, for the other
   * statements' turn on the cores: a light query would pass for slow just because the server is busy.
   */
  override get storeMs(): number {
    return this.ownMs;
  }

  protected rows(text: string, params: unknown[], values: Values): Promise<unknown[][]> {
    return this.query<unknown[]>({ name: statementName(text), text, values: fillPlaceholders(params, values) as unknown[], rowMode: 'array' });
  }

  protected override build<R>(query: object): Built<R> | undefined {
    const prepare = (query as { _prepare?: () => unknown })._prepare;
    if (typeof prepare !== 'function') return undefined;
    const prepared = renderForPostgres(() => prepare.call(query)) as PreparedPgSelect;
    const rendered = prepared.getQuery();
    const fields = prepared.fields ?? [];
    const flat = !prepared.customResultMapper && fields.every((f) => f.path.length === 1);
    const toRow: (raw: unknown[]) => R = flat ? flatRowMapper<R>(fields) : (raw) => mapResultRow(fields, raw, prepared.joinsNotNullableMap) as R;
    const rows = async (values: Values, runner: SqlRunner) => (await (runner as PgSqlRunner).rows(rendered.sql, rendered.params, values)).map(toRow);
    return { query: rendered, rows, first: async (values, runner) => (await rows(values, runner))[0] };
  }

  protected override buildRaw<R>(query: SQL): Built<R> {
    const rendered = renderForPostgres(() => (this.store.db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }).dialect.sqlToQuery(query));
    const rows = (values: Values, runner: SqlRunner) =>
      (runner as PgSqlRunner).query<R>({ name: statementName(rendered.sql), text: rendered.sql, values: fillPlaceholders(rendered.params, values) as unknown[] });
    return { query: rendered, rows, first: async (values, runner) => (await rows(values, runner))[0] };
  }

  /**
   * Commits (or rolls back) and returns the connection to the pool. A request whose statement
   * failed or was cancelled has an aborted transaction: it rolls back, and a connection that
   * cannot even do that is dropped from the pool.
   */
  override async finish(ok: boolean): Promise<void> {
    this.finished = true;
    const pending = this.connection;
    if (!pending) return;
    // Statements already queued run (or fail) first: the connection is returned idle.
    await this.queue;
    const client = await pending.catch(() => null);
    if (!client) return;
    try {
      await client.query(ok ? 'commit' : 'rollback');
      client.release();
    } catch (error) {
      client.release(error as Error);
    }
  }
}
