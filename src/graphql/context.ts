/** Per-request context: the store, who is asking, and the statement counter behind --debug-sql. */
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
  sql: SqlRunner;
}

/** Runs Drizzle queries, counting statements and their time for this request. */
export class SqlRunner {
  readonly stats: SqlStats = { statements: 0, ms: 0 };

  all<R>(query: { all(): R[] }): R[] {
    return this.time(() => query.all());
  }

  get<R>(query: { get(): R | undefined }): R | undefined {
    return this.time(() => query.get());
  }

  private time<T>(run: () => T): T {
    const start = performance.now();
    try {
      return run();
    } finally {
      this.stats.statements++;
      this.stats.ms += performance.now() - start;
    }
  }
}

export function createContext(store: Store, project = 'default', viewer: string | null = null): Context {
  return { store, project, viewer, now: Date.now(), sql: new SqlRunner() };
}
