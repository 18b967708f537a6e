import { count, eq } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AnyStore } from '../graphql/context.js';
import type { Db, Store } from './open.js';
import * as t from './schema.js';

/** The kinds `npm run stats` reports, by table. */
const KINDS = {
  persons: t.persons,
  recordings: t.recordings,
  userSessions: t.userSessions,
  userActions: t.userActions,
  events: t.userEvents,
  errors: t.userErrors,
} satisfies Record<string, SQLiteTable & { project: SQLiteColumn }>;

export type StoreCounts = Record<keyof typeof KINDS, number>;

const countOf = (db: Db, table: SQLiteTable & { project: SQLiteColumn }, project?: string) => {
  const query = db.select({ n: count() }).from(table);
  return project ? query.where(eq(table.project, project)) : query;
};

/** What `npm run stats` reports: rows per kind, optionally for one project (SQLite, at once). */
export function storeCounts(store: Store, project?: string): StoreCounts {
  return Object.fromEntries(Object.entries(KINDS).map(([kind, table]) => [kind, countOf(store.db, table, project).get()?.n ?? 0])) as StoreCounts;
}

/** Thrown for PostgreSQL without a project: row-level security shows one project at a time. */
export class ProjectRequired extends Error {}

/** storeCounts on either store; on PostgreSQL for one project (its rows are all a connection may see). */
export async function storeCountsIn(store: AnyStore, project?: string): Promise<StoreCounts> {
  if (store.kind === 'sqlite') return storeCounts(store, project);
  if (!project) throw new ProjectRequired('on PostgreSQL, name the project (--project NAME): row-level security shows one project at a time');
  return store.inProject(project, async (db) => {
    const counts: Record<string, number> = {};
    for (const [kind, table] of Object.entries(KINDS)) counts[kind] = (await countOf(db as unknown as Db, table, project))[0]?.n ?? 0;
    return counts as StoreCounts;
  });
}
