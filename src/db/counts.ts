import { count, eq } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Store } from './open.js';
import * as t from './schema.js';

/** What `npm run stats` reports: rows per kind, optionally for one project. */
export function storeCounts(store: Store, project?: string) {
  const rows = (table: SQLiteTable & { project: SQLiteColumn }) => {
    const query = store.db.select({ n: count() }).from(table);
    return (project ? query.where(eq(table.project, project)) : query).get()?.n ?? 0;
  };
  return {
    persons: rows(t.persons),
    recordings: rows(t.recordings),
    userSessions: rows(t.userSessions),
    userActions: rows(t.userActions),
    events: rows(t.userEvents),
    errors: rows(t.userErrors),
  };
}
