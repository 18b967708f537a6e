/** Per-request context: the store, who is asking, and the statement counter behind --debug-sql. */
import { GraphQLError } from 'graphql';
import type { SQL } from 'drizzle-orm';
import type { Store } from '../db/open.js';

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
  /** A read-only key may not mutate. */
  readOnly: boolean;
  /** DataLoaders batch (normal); false only for the benchmark's naive, one-statement-per-parent variant. */
  batch: boolean;
  sql: SqlRunner;
}

/** Runs Drizzle queries, counting statements and their time for this request. */
export class SqlRunner {
  readonly stats: SqlStats = { statements: 0, ms: 0 };
  /** Epoch ms after which no further statement may start (the request's time budget). */
  deadline = Infinity;
  /** When set, every statement's SQL and parameters are kept here (query-plan checks). */
  captured?: { sql: string; params: unknown[] }[];

  all<R>(query: { all(): R[] }): R[] {
    this.capture(query);
    return this.time(() => mapRows<R>(query) ?? query.all());
  }

  get<R>(query: { get(): R | undefined }): R | undefined {
    this.capture(query);
    return this.time(() => query.get());
  }

  /** A hand-written statement (CTEs, UNIONs the query builder does not express). */
  raw<R>(db: Store['db'], query: SQL): R[] {
    // Drizzle keeps its dialect private; it is what renders the SQL text for capture.
    this.capture({ toSQL: () => (db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }).dialect.sqlToQuery(query) });
    return this.time(() => db.all<R>(query));
  }

  private capture(query: object): void {
    if (this.captured && 'toSQL' in query) this.captured.push((query as { toSQL(): { sql: string; params: unknown[] } }).toSQL());
  }

  private time<T>(run: () => T): T {
    if (Date.now() > this.deadline) {
      throw new GraphQLError('The request ran out of time: narrow the query or its filters', {
        extensions: { code: 'TIMEOUT' },
      });
    }
    const start = performance.now();
    try {
      return run();
    } finally {
      this.stats.statements++;
      this.stats.ms += performance.now() - start;
    }
  }
}

export function createContext(
  store: Store,
  caller: { project?: string; viewer?: string | null; readOnly?: boolean } = {},
  options: { batch?: boolean } = {},
): Context {
  return {
    store,
    project: caller.project ?? 'default',
    viewer: caller.viewer ?? null,
    readOnly: caller.readOnly ?? false,
    batch: options.batch ?? true,
    now: Date.now(),
    sql: new SqlRunner(),
  };
}

interface DrizzleField {
  path: string[];
  field: { mapFromDriverValue?: (v: unknown) => unknown; decoder?: { mapFromDriverValue(v: unknown): unknown }; sql?: { decoder: { mapFromDriverValue(v: unknown): unknown } } };
}

/** How a selected field turns a driver value into its JS value (Drizzle's own decoders). */
function decoderOf({ field }: DrizzleField): (v: unknown) => unknown {
  if (typeof field.mapFromDriverValue === 'function') return (v) => field.mapFromDriverValue!(v);
  const decoder = field.decoder ?? field.sql?.decoder;
  return decoder ? (v) => decoder.mapFromDriverValue(v) : (v) => v;
}

/**
 * Runs a flat select (no nested objects, no joins to null out) and maps its rows with the
 * fields' own decoders, resolved once per statement: Drizzle's mapper resolves each cell's
 * decoder again through several `instanceof` walks, a tenth of a read worker's time on a page of
 * 100 sessions with 10 actions each. Anything else (or another Drizzle shape) answers undefined
 * and runs through Drizzle as usual.
 */
function mapRows<R>(query: object): R[] | undefined {
  const prepare = (query as { _prepare?: () => unknown })._prepare;
  if (typeof prepare !== 'function') return undefined;
  const prepared = prepare.call(query) as {
    fields?: DrizzleField[];
    customResultMapper?: unknown;
    joinsNotNullableMap?: Record<string, boolean>;
    values(): unknown[][];
    all(): R[];
  };
  const fields = prepared.fields;
  const flat = Array.isArray(fields) && !prepared.customResultMapper && fields.every((f) => f.path.length === 1);
  if (!flat) return prepared.all();
  const keys = fields.map((f) => f.path[0]!);
  const decoders = fields.map(decoderOf);
  return prepared.values().map((raw) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const v = raw[i];
      row[keys[i]!] = v === null ? null : decoders[i]!(v);
    }
    return row as R;
  });
}
