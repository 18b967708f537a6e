/**
 * Upgrading a database made by an older version keeps every row. A migration that changes a
 * table's CHECKs (0004: enum values added) rebuilds the table; drizzle's migrator runs in a
 * transaction where the migration's own `PRAGMA foreign_keys=OFF` is ignored, and dropping the old
 * user_sessions table then cascaded to every user action, property, event and error.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { openStore, type Db } from '../src/db/open.js';
import * as schema from '../src/db/schema.js';
import { seedStore } from '../src/seed/seed.js';
import { ROOT, useTempDir } from './helpers/cli.js';
import { rowCounts } from './helpers/security.js';

const tmp = useTempDir('sessiongraph-migrations-');

/** A copy of drizzle/ holding only the migrations before `tag`. */
function migrationsBefore(tag: string): string {
  const folder = tmp.path(`before-${tag}`);
  cpSync(join(ROOT, 'drizzle'), folder, { recursive: true });
  const journalPath = join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at, `migration ${tag} exists`).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

describe('upgrading an older database', () => {
  it('0004 (enum values, a rebuilt user_sessions) keeps every session and every child row', async () => {
    const path = tmp.path('old.db');
    const sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    const db = drizzle(sqlite, { schema, casing: 'snake_case' }) as unknown as Db;
    migrate(db, { migrationsFolder: migrationsBefore('0004_enum_values') });
    const old = { db, sqlite, path, close: () => sqlite.close() };
    await seedStore(old, { persons: 12, seed: 5, end: new Date(Date.UTC(2030, 0, 1)) });
    const before = rowCounts(old as never);
    expect(before.user_actions).toBeGreaterThan(0);
    expect(before.session_properties).toBeGreaterThan(0);
    // The schema before 0004 refuses the new value.
    expect(() => sqlite.prepare(`update user_sessions set display_resolution = 'qHD' where pk = (select min(pk) from user_sessions)`).run()).toThrow(/CHECK/);
    sqlite.close();

    const store = openStore(path);
    try {
      const after = rowCounts(store);
      const { __drizzle_migrations: migrationsBeforeCount, ...rowsBefore } = before;
      const { __drizzle_migrations: migrationsAfterCount, ...rowsAfter } = after;
      expect(rowsAfter).toEqual(rowsBefore);
      expect(migrationsAfterCount).toBe(migrationsBeforeCount! + 1);
      expect(store.sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      store.sqlite.prepare(`update user_sessions set display_resolution = 'qHD' where pk = (select min(pk) from user_sessions)`).run();
    } finally {
      store.close();
    }
  });
});
