/** Reading a store written by a child process: through Drizzle, as the application does. */
import { getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { openStore, type Store } from '../../src/db/open.js';
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
  return store.inProject(options.project, async (db) => {
    const rows = new Map<SQLiteTable, Row[]>();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the description's tables, rendered as PostgreSQL
    for (const table of TABLES) rows.set(table, (await db.select().from(table as any)) as Row[]);
    return canonical((table) => rows.get(table)!, options);
  });
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
