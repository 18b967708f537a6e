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
import { importFile } from '../src/ingest/files.js';
import { fileURLToPath } from 'node:url';

const tmp = useTempDir('sessiongraph-migrations-');

/** A copy of drizzle/ holding only the migrations before `tag`. */
function migrationsBefore(tag: string): string {
  const folder = tmp.path(`before-${tag}`);
  cpSync(join(ROOT, 'drizzle/sqlite'), folder, { recursive: true });
  const journalPath = join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at, `migration ${tag} exists`).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

/**
 * A database at the schema before `tag`, holding the rows of a seeded current store (the columns
 * both schemas have): today's seeder writes today's columns, so the old rows are copied over.
 */
async function olderDatabase(tag: string): Promise<{ path: string; counts: Record<string, number>; links: unknown[] }> {
  const current = openStore(tmp.path(`current-${tag}.db`));
  await seedStore(current, { persons: 12, seed: 5, end: new Date(Date.UTC(2030, 0, 1)) });
  // Visits linked both ways: the seed's (by tag, by overlap, by tag alone) and the fixture's 5 (near misses, two recordings on one session).
  expect((await importFile(current, fileURLToPath(new URL('fixtures/visits.ndjson', import.meta.url)))).rejected).toBe(0);
  // The visit links the import computed (0007 writes the same for the rows an upgrade finds).
  const links = current.sqlite.prepare(LINKS).all();
  current.close();
  const path = tmp.path(`old-${tag}.db`);
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  const db = drizzle(sqlite, { schema, casing: 'snake_case' }) as unknown as Db;
  migrate(db, { migrationsFolder: migrationsBefore(tag) });
  // Parents and children are copied table by table, in no particular order.
  sqlite.pragma('foreign_keys = OFF');
  sqlite.prepare('attach database ? as current').run(tmp.path(`current-${tag}.db`));
  const tables = sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like '\\_\\_%' escape '\\' and name not like 'sqlite_%'`).pluck().all() as string[];
  sqlite.transaction(() => {
    for (const table of tables) {
      const columns = (sqlite.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[]).filter(
        (c) => (sqlite.prepare(`select count(*) from pragma_table_info(?, 'current') where name = ?`).pluck().get(table, c) as number) > 0,
      );
      const list = columns.map((c) => `"${c}"`).join(', ');
      sqlite.prepare(`insert or replace into main."${table}" (${list}) select ${list} from current."${table}"`).run();
    }
  })();
  sqlite.prepare('detach database current').run();
  const counts = rowCounts({ sqlite } as never);
  sqlite.close();
  return { path, counts, links };
}

const LINKS = 'select session_pk, recording_pk, linked_by, overlap_ms from visit_links order by session_pk, recording_pk';

/** Opens (and so upgrades) the database; every row is still there and the keys hold. */
function upgradeKeepsEveryRow(path: string, before: Record<string, number>, links: unknown[], check: (sqlite: Database.Database) => void) {
  const store = openStore(path);
  try {
    const after = rowCounts(store);
    const { __drizzle_migrations: _old, ...rowsBefore } = before;
    // visit_links is new in 0007, which fills it from the rows already stored: the links the import computes.
    const { __drizzle_migrations: _new, visit_links: _links, ...rowsAfter } = after;
    expect(rowsAfter).toEqual(rowsBefore);
    expect(links.length).toBeGreaterThan(5);
    expect(store.sqlite.prepare(LINKS).all()).toEqual(links);
    expect(store.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    check(store.sqlite);
  } finally {
    store.close();
  }
}

describe('upgrading an older database', () => {
  it('0004 (enum values, a rebuilt user_sessions) keeps every session and every child row', async () => {
    const { path, counts, links } = await olderDatabase('0004_enum_values');
    expect(counts.user_actions).toBeGreaterThan(0);
    expect(counts.session_properties).toBeGreaterThan(0);
    expect(counts.recording_viewers).toBeGreaterThan(0);
    // The schema before 0004 refuses the new value.
    const old = new Database(path);
    expect(() => old.prepare(`update user_sessions set display_resolution = 'qHD' where pk = (select min(pk) from user_sessions)`).run()).toThrow(/CHECK/);
    old.close();
    upgradeKeepsEveryRow(path, counts, links, (sqlite) => {
      sqlite.prepare(`update user_sessions set display_resolution = 'qHD' where pk = (select min(pk) from user_sessions)`).run();
    });
  });

  it('0005 (open enums, extra columns, ongoing as sent: four rebuilt tables) keeps every row and its values', async () => {
    const { path, counts, links } = await olderDatabase('0005_open_enums_extra');
    const old = new Database(path);
    const ongoingBefore = old.prepare('select id, ongoing, activity_score from recordings order by id').all();
    expect(() => old.prepare(`update user_actions set type = 'SoftNavigation' where pk = (select min(pk) from user_actions)`).run()).toThrow(/CHECK/);
    old.close();
    upgradeKeepsEveryRow(path, counts, links, (sqlite) => {
      expect(sqlite.prepare('select id, ongoing, activity_score from recordings order by id').all()).toEqual(ongoingBefore);
      sqlite.prepare(`update user_actions set type = 'SoftNavigation' where pk = (select min(pk) from user_actions)`).run();
      sqlite.prepare(`update recordings set ongoing = null, extra = '{"storage":"object_storage"}' where pk = (select min(pk) from recordings)`).run();
      expect(sqlite.prepare(`select count(*) from user_sessions where extra is not null`).pluck().get()).toBe(0);
    });
  });
});
