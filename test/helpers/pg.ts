/**
 * A real PostgreSQL server for the tests (127.0.0.1:5432 unless SESSIONGRAPH_TEST_PG names another
 * admin URL; `.ci/run` makes sure one runs). Each test file gets a database of its own, dropped
 * at the end, so files run in parallel without seeing each other.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const ADMIN_URL = process.env.SESSIONGRAPH_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface FreshDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A new, empty database; `drop()` removes it (ending any connection still open to it). */
export async function freshDatabase(prefix = 'sg_test'): Promise<FreshDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    // Byte-wise text order and ASCII-only case folding, as SQLite's (README, "PostgreSQL").
    await admin.query(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Seeds a SQLite file at `file` with the generated data set and copies it into each database
 * (`npm run copy`'s path): the same rows, with the same ids, in all of them.
 */
export async function seedInto(file: string, seed: { persons: number; seed: number }, ...databases: FreshDatabase[]): Promise<void> {
  const [{ openStore }, { seedStore }, { openPgStore }, { copySqliteToPg }] = await Promise.all([
    import('../../src/db/open.js'),
    import('../../src/seed/seed.js'),
    import('../../src/db/pg/connect.js'),
    import('../../src/db/pg/copy.js'),
  ]);
  const sqlite = openStore(file);
  try {
    const seeded = await seedStore(sqlite, { ...seed, end: new Date('2026-11-01T00:00:00Z') });
    if (seeded.rejected) throw new Error(`seeding rejected ${seeded.rejected} records`);
    for (const database of databases) {
      const store = await openPgStore(database.url, { poolSize: 1 });
      try {
        await copySqliteToPg(sqlite, store);
      } finally {
        await store.close();
      }
    }
  } finally {
    sqlite.close();
  }
}
