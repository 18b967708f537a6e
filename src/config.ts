import { dirname, resolve } from 'node:path';

/** Defaults shared by every command, overridable by flags and the environment. */
export const DEFAULT_DB = './data/sessiongraph.db';
/** The demo's own database (`npm start -- --demo`), never the one a user imports into. */
export const DEMO_DB = './data/demo.db';
/** The demo data set `npm start -- --demo` seeds into an empty database (ending today). */
export const DEMO_DATA = { persons: 200, seed: 1 };
export const DEFAULT_PROJECT = 'default';

export function defaultDbPath(): string {
  return process.env.SESSIONGRAPH_DB || DEFAULT_DB;
}

/**
 * The database a command uses: `--db`, else SESSIONGRAPH_DB, else `fallback`. `builtIn` when it
 * lies in the defaults' own directory (./data): only that directory is created when missing.
 */
export function databasePath(given: string | undefined, fallback = DEFAULT_DB): { path: string; builtIn: boolean } {
  const path = given || process.env.SESSIONGRAPH_DB || fallback;
  return { path, builtIn: path !== ':memory:' && resolve(dirname(path)) === resolve(dirname(DEFAULT_DB)) };
}

/** The help text of every command's --db option. */
export const DB_HELP = `SQLite database file (env SESSIONGRAPH_DB, default ${DEFAULT_DB})`;
