/** Per-request context: the store, who is asking, and the statement counter behind --debug-sql. */
import { GraphQLError } from 'graphql';
import { fillPlaceholders, sql, type SQL } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Store } from '../db/open.js';

/**
 * What happens to recordings past their expiry time. `keep` (the default): imported history stays
 * and is served (`expired: true`); `enforce`: they are hidden at once and deleted hourly, as PostHog
 * does. README, "Getting data in".
 */
export type Retention = 'keep' | 'enforce';
export const RETENTIONS: readonly Retention[] = ['keep', 'enforce'];

export interface SqlStats {
  statements: number;
  ms: number;
}

export interface Context {
  store: Store;
  /** The tenant every read and write of this request is scoped to. */
  project: string;
  /** Who is asking (PostHog's "viewer" of recordings); null when anonymous. */
  viewer: string | null;
  /** The moment of the request (epoch ms): TTLs, ongoing and expiry are judged against it. */
  now: number;
  /** Whether recordings past their expiry are served (`keep`) or hidden as PostHog hides them (`enforce`). */
  retention: Retention;
  /** A read-only key may not mutate. */
  readOnly: boolean;
  /** DataLoaders batch (normal); false only for the benchmark's naive, one-statement-per-parent variant. */
  batch: boolean;
  sql: SqlRunner;
}

/**
 * Values a statement may leave as placeholders (`param.project`, …) and get when it runs: the
 * request's project and moment always, keys and limits where the caller passes them. A
 * statement whose only varying parts are placeholders has the same text for every request, so
 * it can be built once (see SqlRunner.shaped).
 */
export const param = {
  project: sql.placeholder('project'),
  now: sql.placeholder('now'),
  /** Recordings whose expiry is at or before this are not served: the request's moment, or -1 (every time is later) under `keep`. */
  expiryCutoff: sql.placeholder('expiryCutoff'),
  /** A JSON array of keys (see lists.ts inKeys). */
  keys: sql.placeholder('keys'),
  limit: sql.placeholder('limit'),
};

type Values = Record<string, unknown>;
/** A Drizzle select (anything with `_prepare`), or another runnable query. */
type Query<R> = { all(values?: Values): R[] };

/** A built statement: its SQL and how to run it for a set of values. */
interface Built<R> {
  query: { sql: string; params: unknown[] };
  rows(values: Values): R[];
  first(values: Values): R | undefined;
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
    private readonly db: Store['db'],
    private readonly scope: { project: string; now: number; expiryCutoff: number },
  ) {}

  /*
   * Every read answers a Promise: SQLite's run synchronously inside, but the resolvers, loaders
   * and stats await them, so a store whose driver is asynchronous (PostgreSQL) fits the same code.
   */

  /** Runs a query; `values` fill its placeholders beside the request's project and moment. */
  async all<R>(query: Query<R>, values: Values = {}): Promise<R[]> {
    const built = build<R>(query);
    return built ? this.run(built, values) : this.time(() => query.all({ ...this.scope, ...values }));
  }

  async get<R>(query: { get(values?: Values): R | undefined }, values: Values = {}): Promise<R | undefined> {
    const built = build<R>(query);
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
      built = build<R>(make());
      if (!built) throw new Error('shaped: not a Drizzle select');
      if (shape != null) cache.set(shape, built);
    }
    return this.run(built, values);
  }

  /** A hand-written statement (CTEs, UNIONs the query builder does not express). */
  async raw<R>(query: SQL, values: Values = {}): Promise<R[]> {
    // Drizzle keeps its dialect private; it renders the SQL text, the placeholders filled here.
    const rendered = (this.db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }).dialect.sqlToQuery(query);
    const client = (this.db as unknown as { $client: { prepare(sql: string): { all(...params: unknown[]): R[] } } }).$client;
    const rows = (values: Values) => client.prepare(rendered.sql).all(...fillPlaceholders(rendered.params, values));
    return this.run({ query: rendered, rows, first: (v) => rows(v)[0] }, values);
  }

  private run<R>(built: Built<R>, values: Values, first = false): Promise<R[]> {
    const all = { ...this.scope, ...values };
    if (this.captured) this.captured.push({ sql: built.query.sql, params: fillPlaceholders(built.query.params, all) });
    return this.time(() => (first ? [built.first(all)].filter((r): r is R => r !== undefined) : built.rows(all)));
  }

  /**
   * Runs `check` before the next statement: for a validation that needs a read of its own but is
   * found while a statement is being built, synchronously (a filter's compile). The statement that
   * the build is for starts right after it, so the check's error is that statement's.
   */
  beforeNext(check: () => Promise<void>): void {
    this.pending.push(check);
  }

  private async time<T>(run: () => T | Promise<T>): Promise<T> {
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

export function createContext(
  store: Store,
  caller: { project?: string; viewer?: string | null; readOnly?: boolean } = {},
  options: { batch?: boolean; now?: number; retention?: Retention } = {},
): Context {
  const project = caller.project ?? 'default';
  const now = options.now ?? Date.now();
  const retention = options.retention ?? 'keep';
  return {
    store,
    project,
    viewer: caller.viewer ?? null,
    readOnly: caller.readOnly ?? false,
    batch: options.batch ?? true,
    now,
    retention,
    sql: new SqlRunner(store.db, { project, now, expiryCutoff: retention === 'enforce' ? now : -1 }),
  };
}

interface DrizzleField {
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
  const keys = fields.map((f) => f.path[0]!);
  const decoders = fields.map(decoderOf);
  const toRow = (raw: unknown[]) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const v = raw[i];
      row[keys[i]!] = v === null ? null : decoders[i]!(v);
    }
    return row as R;
  };
  return { ...base, rows: (values) => prepared.values(values).map(toRow) };
}
