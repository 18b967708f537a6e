/** Per-request context: the store, who is asking, and the statement counter behind --debug-sql. */
import { sql } from 'drizzle-orm';
import type { Store } from '../db/open.js';
import type { ServingPgStore } from '../db/pg/connect.js';
import { PgSqlRunner } from './pg-runner.js';
import { SqlRunner, type RunnerScope } from './sql-runner.js';

export { SqlRunner };

/** A store the graph reads: the SQLite file, or a PostgreSQL database. */
export type AnyStore = Store | ServingPgStore;

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
  store: AnyStore;
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


/** How long one statement may run on PostgreSQL before it is cancelled (the request's SQL budget). */
export const STATEMENT_TIMEOUT_MS = 10_000;

export function createContext(
  store: AnyStore,
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
    sql: runnerFor(store, { project, now, expiryCutoff: retention === 'enforce' ? now : -1 }),
  };
}

function runnerFor(store: AnyStore, scope: RunnerScope): SqlRunner {
  return store.kind === 'sqlite' ? new SqlRunner(store.db, scope) : new PgSqlRunner(store, scope, STATEMENT_TIMEOUT_MS);
}

