/**
 * Running a request's statements: counting them and their time (--debug-sql), keeping to the
 * request's time budget, and building each statement shape once per connection. This is the
 * SQLite runner; graphql/pg-runner.ts runs the same queries on PostgreSQL.
 */
import { GraphQLError } from 'graphql';
import { fillPlaceholders, type SQL } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Store } from '../db/open.js';
import type { SqlStats } from './context.js';

/** What every statement of a request may use as placeholder values: the caller's project and moment. */
export interface RunnerScope {
  project: string;
  now: number;
  expiryCutoff: number;
}

export type Values = Record<string, unknown>;
/** A Drizzle select (anything with `_prepare`), or another runnable query. */
export type Query<R> = { all(values?: Values): R[] };

/** A built statement: its SQL and how to run it for a set of values. */
export interface Built<R> {
  query: { sql: string; params: unknown[] };
  /** Runs it through `runner`: a built statement is shared by the requests of its store, each with its own runner. */
  rows(values: Values, runner: SqlRunner): R[] | Promise<R[]>;
  first(values: Values, runner: SqlRunner): R | undefined | Promise<R | undefined>;
}

/** Statements built per shape, per connection (a prepared statement belongs to its connection). */
const BUILT_SHAPES_PER_CONNECTION = 500;
const builtByShape = new WeakMap<Store['db'], LRUCache<string, Built<unknown>>>();

/** Runs Drizzle queries, counting statements and their time for this request. */
export class SqlRunner {
  readonly stats: SqlStats = { statements: 0, ms: 0 };
  /** Epoch ms after which no further statement may start (the request's time budget). */
  deadline = Infinity;
  /** When set, every statement's SQL and parameters are kept here (query-plan checks). */
  captured?: { sql: string; params: unknown[] }[];
  /** Checks that run before the next statement (see `beforeNext`). */
  private readonly pending: (() => Promise<void>)[] = [];

  constructor(
    protected readonly db: Store['db'],
    protected readonly scope: RunnerScope,
  ) {}

  /*
   * Every read answers a Promise: SQLite's run synchronously inside, but the resolvers, loaders
   * and stats await them, so a store whose driver is asynchronous (PostgreSQL) fits the same code.
   */

  /** Runs a query; `values` fill its placeholders beside the request's project and moment. */
  async all<R>(query: Query<R>, values: Values = {}): Promise<R[]> {
    const built = this.build<R>(query);
    return built ? this.run(built, values) : this.time(() => query.all({ ...this.scope, ...values }));
  }

  async get<R>(query: { get(values?: Values): R | undefined }, values: Values = {}): Promise<R | undefined> {
    const built = this.build<R>(query);
    return built ? (await this.run(built, values, true))[0] : this.time(() => query.get({ ...this.scope, ...values }));
  }

  /**
   * Runs the statement `build` makes, building it only once per `shape` on this connection:
   * Drizzle renders SQL text anew for every query (a third of a read worker's time on small
   * lookups). `build` must make the same text for the same shape, every varying value a
   * placeholder filled from `values`; a null shape (say, a filter with its own values) builds
   * every time.
   */
  async shaped<R>(shape: string | null, make: () => Query<R>, values: Values): Promise<R[]> {
    let cache = builtByShape.get(this.db);
    if (!cache) builtByShape.set(this.db, (cache = new LRUCache({ max: BUILT_SHAPES_PER_CONNECTION })));
    let built = shape == null ? undefined : (cache.get(shape) as Built<R> | undefined);
    if (!built) {
      built = this.build<R>(make());
      if (!built) throw new Error('shaped: not a Drizzle select');
      if (shape != null) cache.set(shape, built);
    }
    return this.run(built, values);
  }

  /** A hand-written statement (CTEs, UNIONs the query builder does not express). */
  async raw<R>(query: SQL, values: Values = {}): Promise<R[]> {
    return this.run(this.buildRaw<R>(query), values);
  }

  /** Builds a Drizzle select for this store (undefined for anything else). */
  protected build<R>(query: object): Built<R> | undefined {
    return build<R>(query);
  }

  /** Builds a hand-written statement for this store: rows come back as objects by column name. */
  protected buildRaw<R>(query: SQL): Built<R> {
    // Drizzle keeps its dialect private; it renders the SQL text, the placeholders filled here.
    const rendered = (this.db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }).dialect.sqlToQuery(query);
    const client = (this.db as unknown as { $client: { prepare(sql: string): { all(...params: unknown[]): R[] } } }).$client;
    const rows = (values: Values) => client.prepare(rendered.sql).all(...fillPlaceholders(rendered.params, values));
    return { query: rendered, rows, first: (v) => rows(v)[0] };
  }

  private run<R>(built: Built<R>, values: Values, first = false): Promise<R[]> {
    const all = { ...this.scope, ...values };
    if (this.captured) this.captured.push({ sql: built.query.sql, params: fillPlaceholders(built.query.params, all) });
    return this.time(async (): Promise<R[]> => {
      if (!first) return built.rows(all, this);
      const row = await built.first(all, this);
      return row === undefined ? [] : [row as R];
    });
  }

  /**
   * How long the store worked on this request's statements: what the lanes' slow history records
   * (src/server/lanes.ts). On SQLite, `stats.ms` (statements run one at a time, synchronously).
   */
  get storeMs(): number {
    return this.stats.ms;
  }

  /** The request writes: read where writes go (PostgreSQL with a read replica: the primary). */
  usePrimary(): void {}

  /** Ends the request's use of the store (PostgreSQL: commits or rolls back its transaction). */
  async finish(_ok: boolean): Promise<void> {}

  /**
   * Runs `check` before the next statement: for a validation that needs a read of its own but is
   * found while a statement is being built, synchronously (a filter's compile). The statement that
   * the build is for starts right after it, so the check's error is that statement's.
   */
  beforeNext(check: () => Promise<void>): void {
    this.pending.push(check);
  }

  protected async time<T>(run: () => T | Promise<T>): Promise<T> {
    for (const check of this.pending.splice(0)) await check();
    if (Date.now() > this.deadline) {
      throw new GraphQLError('The request ran out of time: narrow the query or its filters', {
        extensions: { code: 'TIMEOUT' },
      });
    }
    const start = performance.now();
    try {
      return await run();
    } finally {
      this.stats.statements++;
      this.stats.ms += performance.now() - start;
    }
  }
}

export interface DrizzleField {
  path: string[];
  field: { mapFromDriverValue?: (v: unknown) => unknown; decoder?: { mapFromDriverValue(v: unknown): unknown }; sql?: { decoder: { mapFromDriverValue(v: unknown): unknown } } };
}

/** Drizzle's prepared select, as far as it is used here (fields and the mapper are internal). */
interface PreparedSelect<R> {
  fields?: DrizzleField[];
  customResultMapper?: unknown;
  getQuery(): { sql: string; params: unknown[] };
  values(values: Values): unknown[][];
  all(values: Values): R[];
  get(values: Values): R | undefined;
}

/** How a selected field turns a driver value into its JS value (Drizzle's own decoders). */
function decoderOf({ field }: DrizzleField): (v: unknown) => unknown {
  if (typeof field.mapFromDriverValue === 'function') return (v) => field.mapFromDriverValue!(v);
  const decoder = field.decoder ?? field.sql?.decoder;
  return decoder ? (v) => decoder.mapFromDriverValue(v) : (v) => v;
}

/**
 * Prepares a Drizzle select (undefined for anything else). A flat select (no nested objects, no
 * joins to null out) maps its rows with the fields' own decoders, resolved once here: Drizzle's
 * mapper resolves each cell's decoder again through several `instanceof` walks, a tenth of a
 * read worker's time on a page of 100 sessions with 10 actions each.
 */
function build<R>(query: object): Built<R> | undefined {
  const prepare = (query as { _prepare?: () => unknown })._prepare;
  if (typeof prepare !== 'function') return undefined;
  const prepared = prepare.call(query) as PreparedSelect<R>;
  const base = { query: prepared.getQuery(), first: (values: Values) => prepared.get(values) };
  const fields = prepared.fields;
  const flat = Array.isArray(fields) && !prepared.customResultMapper && fields.every((f) => f.path.length === 1);
  if (!flat) return { ...base, rows: (values) => prepared.all(values) };
  const toRow = flatRowMapper<R>(fields);
  return { ...base, rows: (values) => prepared.values(values).map(toRow) };
}

/** Maps a flat select's raw rows (arrays) to objects with its fields' own decoders, resolved once. */
export function flatRowMapper<R>(fields: DrizzleField[]): (raw: unknown[]) => R {
  const keys = fields.map((f) => f.path[0]!);
  const decoders = fields.map(decoderOf);
  return (raw) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const v = raw[i];
      row[keys[i]!] = v === null ? null : decoders[i]!(v);
    }
    return row as R;
  };
}
