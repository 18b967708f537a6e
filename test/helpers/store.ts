/** Reading a store written by a child process: through Drizzle, as the application does. */
import { getTableName, is } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { DEFAULT_PROJECT, isPostgresUrl } from '../../src/config.js';
import { storeCounts, storeCountsIn, type StoreCounts } from '../../src/db/counts.js';
import { openStore, type Store } from '../../src/db/open.js';
// Loading it also sets node-postgres' parsers, so PostgreSQL rows read back as the application reads them.
import { openPgStore, type PgDb } from '../../src/db/pg/connect.js';
import type { AnyStore } from '../../src/graphql/context.js';
import * as schema from '../../src/db/schema.js';

/** Every table of the store schema. */
export const TABLES: SQLiteTable[] = (Object.values(schema) as unknown[]).filter((v): v is SQLiteTable => is(v, SQLiteTable));

export function withStore<T>(path: string, fn: (store: Store) => T): T {
  const store = openStore(path);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

export type Row = Record<string, unknown>;
export type Dump = Record<string, Row[]>;

export interface DumpOptions {
  /** Column keys left out of every row (e.g. internal pks that a re-import may renumber). */
  omit?: readonly string[];
  /** Only rows of this project. */
  project?: string;
}

/** The whole content of the store: every table's rows, in a canonical order. */
export function dumpStore(store: Store, options: DumpOptions = {}): Dump {
  return canonical((table) => store.db.select().from(table).all() as Row[], options);
}

/**
 * dumpStore of the store a test server answers from (test/graphql-helpers/server.ts,
 * servedStore), in the same shape on both: on PostgreSQL read through Drizzle from the one
 * description, in a transaction bound to `options.project` (row-level security binds the pool).
 */
export async function dumpServed(store: AnyStore, options: DumpOptions & { project: string }): Promise<Dump> {
  if (store.kind !== 'pg') return dumpStore(store, options);
  return store.inProject(options.project, async (db) => canonical(await readTables(db), options));
}

/** Every table's rows, read through Drizzle on PostgreSQL from the one description. */
async function readTables(db: PgDb): Promise<(table: SQLiteTable) => Row[]> {
  const rows = new Map<SQLiteTable, Row[]>();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the description's tables, rendered as PostgreSQL
  for (const table of TABLES) rows.set(table, (await db.select().from(table as any)) as Row[]);
  return (table) => rows.get(table)!;
}

function canonical(read: (table: SQLiteTable) => Row[], options: DumpOptions): Dump {
  const omit = new Set(options.omit ?? []);
  const dump: Dump = {};
  for (const table of TABLES) {
    let rows = read(table);
    if (options.project !== undefined) rows = rows.filter((r) => r.project === options.project);
    dump[getTableName(table)] = rows
      .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !omit.has(k))))
      .map((r) => [JSON.stringify(r), r] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, r]) => r);
  }
  return dump;
}

export function dumpFile(path: string, options: DumpOptions = {}): Dump {
  return withStore(path, (store) => dumpStore(store, options));
}

/**
 * dumpFile of a SQLite file or of a PostgreSQL database (its admin URL, test/helpers/pg.ts), in
 * the same shape: on PostgreSQL through Drizzle on an admin connection, which row-level security
 * does not bind, so every project is read at once as on SQLite.
 */
export async function dumpAt(path: string, options: DumpOptions = {}): Promise<Dump> {
  if (!isPostgresUrl(path)) return dumpFile(path, options);
  const client = new pg.Client({ connectionString: path });
  await client.connect();
  try {
    return canonical(await readTables(drizzle(client, { schema, casing: 'snake_case' })), options);
  } finally {
    await client.end();
  }
}

/**
 * storeCounts of a SQLite file or a PostgreSQL database, of `project` or of all: on PostgreSQL
 * through the application's own per-project count (storeCountsIn, under row-level security),
 * summed over every project that holds a row.
 */
export async function countsAt(path: string, project?: string): Promise<StoreCounts> {
  if (!isPostgresUrl(path)) return withStore(path, (store) => storeCounts(store, project));
  const projects = project !== undefined ? [project] : projectsOf(await dumpAt(path));
  const store = await openPgStore(path, { poolSize: 1 });
  try {
    // An empty store holds no project: any one then counts the zeros.
    const counts = await Promise.all((projects.length ? projects : [DEFAULT_PROJECT]).map((p) => storeCountsIn(store, p)));
    return counts.reduce((sum, c) => Object.fromEntries(Object.entries(sum).map(([kind, n]) => [kind, n + c[kind as keyof StoreCounts]])) as StoreCounts);
  } finally {
    await store.close();
  }
}

function projectsOf(dump: Dump): string[] {
  return [...new Set(Object.values(dump).flatMap((rows) => rows.map((r) => r.project as string | undefined)))].filter((p) => p !== undefined);
}
