import { dirname, resolve } from 'node:path';

/** Defaults shared by every command, overridable by flags and the environment. */
export const DEFAULT_DB = './data/sessiongraph.db';
/** The demo's own database (`npm start -- --demo`), never the one a user imports into. */
export const DEMO_DB = './data/demo.db';
/** The demo data set `npm start -- --demo` seeds into an empty database (ending today). */
export const DEMO_DATA = { persons: 200, seed: 1 };
export const DEFAULT_PROJECT = 'default';

/** A PostgreSQL connection URL (postgres:// or postgresql://) rather than a SQLite file. */
export function isPostgresUrl(path: string): boolean {
  return /^postgres(ql)?:\/\//i.test(path);
}

/** The database from the environment: SESSIONGRAPH_DB, else a PostgreSQL DATABASE_URL (the usual name on hosting platforms). */
function environmentDb(): string | undefined {
  const url = process.env.DATABASE_URL;
  return process.env.SESSIONGRAPH_DB || (url && isPostgresUrl(url) ? url : undefined);
}

export function defaultDbPath(): string {
  return environmentDb() || DEFAULT_DB;
}

/**
 * The database a command uses: `--db`, else SESSIONGRAPH_DB, else `fallback`. `builtIn` when it
 * lies in the defaults' own directory (./data): only that directory is created when missing.
 */
export function databasePath(given: string | undefined, fallback = DEFAULT_DB): { path: string; builtIn: boolean } {
  const path = given || environmentDb() || fallback;
  return { path, builtIn: path !== ':memory:' && !isPostgresUrl(path) && resolve(dirname(path)) === resolve(dirname(DEFAULT_DB)) };
}

/** The help text of every command's --db option. */
export const DB_HELP = `SQLite database file (env SESSIONGRAPH_DB, default ${DEFAULT_DB})`;
/** The same, for the commands that also take a PostgreSQL database. */
export const DB_OR_POSTGRES_HELP = `SQLite database file or postgres:// URL (env SESSIONGRAPH_DB or DATABASE_URL, default ${DEFAULT_DB})`;
/** Connections a command keeps to a PostgreSQL database (--pg-pool, env SESSIONGRAPH_PG_POOL). */
export const DEFAULT_PG_POOL = 10;
/**
 * Heavy queries (stats, funnel, slow ones) a PostgreSQL server runs at once (--pg-heavy, env
 * SESSIONGRAPH_PG_HEAVY): a quarter of its connections, at least one (src/server/pg-lanes.ts).
 */
export function defaultPgHeavy(poolSize: number): number {
  return Math.max(1, Math.floor(poolSize / 4));
}

/**
 * The custom property of a Dynatrace user session that names the PostHog recording of the same
 * visit (its value: the recording's id): env SESSIONGRAPH_LINK_PROPERTY (db/visit-links.ts).
 */
export const DEFAULT_LINK_PROPERTY = 'posthog_session_id';
/** How far apart (ms) a session and a recording of the same person may be and still be one visit: env SESSIONGRAPH_LINK_TOLERANCE_MS. */
export const DEFAULT_LINK_TOLERANCE_MS = 60_000;

/** How user sessions and recordings are linked into visits, from the environment (read when an ingest starts). */
export function visitLinkConfig(env: NodeJS.ProcessEnv = process.env): { property: string; toleranceMs: number } {
  const property = env.SESSIONGRAPH_LINK_PROPERTY?.trim() || DEFAULT_LINK_PROPERTY;
  const raw = env.SESSIONGRAPH_LINK_TOLERANCE_MS?.trim();
  const toleranceMs = raw ? Number(raw) : DEFAULT_LINK_TOLERANCE_MS;
  if (!Number.isSafeInteger(toleranceMs) || toleranceMs < 0) throw new Error(`SESSIONGRAPH_LINK_TOLERANCE_MS: expected a whole number of milliseconds ≥ 0, got ${raw}`);
  return { property, toleranceMs };
}
