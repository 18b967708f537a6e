/**
 * Running a request's statements on PostgreSQL: the same Drizzle queries the SQLite runner runs
 * (built from the one description), rendered with PostgreSQL's fragments (db/dialect.ts) and run
 * in one transaction per request on one pooled connection. The transaction names the caller's
 * project (row-level security: a statement missing its project guard still sees only that project)
 * and carries the statement timeout, which PostgreSQL enforces by cancelling the statement.
 */
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

export class PgSqlRunner extends SqlRunner {
  private connection?: Promise<pg.PoolClient>;
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
      const client = await (this.primary ? this.store.pool : this.store.readPool).connect();
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

  protected query<T>(config: pg.QueryConfig & { rowMode?: 'array' }): Promise<T[]> {
    const run = this.queue.then(async () => (await (await this.client()).query(config)).rows as T[]);
    this.queue = run.catch(() => {});
    return run;
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
