/**
 * Migrating a PostgreSQL store: drizzle/pg/ (generated from the same description as
 * drizzle/sqlite/, plus the hand-written setup: cursor secret, forced row-level security, the
 * application role). Several gateways may start at once: an advisory lock lets one migrate while
 * the others wait, and then find nothing left to do.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';

export const PG_MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../drizzle/pg');

/** Any constant: the advisory lock every sessiongraph migration takes (a 64-bit key). */
const MIGRATION_LOCK = 0x5e55_10_6a;

/** Applies the migrations that `url`'s database lacks, one process at a time. */
export async function migratePg(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle(client, { casing: 'snake_case' }), { migrationsFolder: PG_MIGRATIONS });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}
