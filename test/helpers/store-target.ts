/**
 * Stores that the commands write (`--db`) and a test reads back, on the dialect under test
 * (TEST_STORE, test/graphql-helpers/server.ts): SQLite files in the test's temp dir, or fresh
 * PostgreSQL databases, one per store, created before the describe block that asks for it and
 * all dropped, at once, after the file.
 */
import { afterAll, beforeAll } from 'vitest';
import type { StoreCounts } from '../../src/db/counts.js';
import type { TempDir } from './cli.js';
import { freshDatabase, type FreshDatabase } from './pg.js';
import { storeSql } from './served-sql.js';
import { countsAt, dumpAt, type Dump, type DumpOptions } from './store.js';

export type Dialect = 'sqlite' | 'postgres';

export interface StoreTarget {
  /** The `--db` argument: a SQLite file, or a PostgreSQL database's admin URL (from the block's beforeAll on). */
  readonly db: string;
  /** Every table's rows (all projects unless `options.project`), in the same shape on both stores. */
  dump(options?: DumpOptions): Promise<Dump>;
  /** What `stats` should count: rows per kind, of `project` or of all. */
  counts(project?: string): Promise<StoreCounts>;
  /** A read in SQLite's spelling, `?` placeholders (test/helpers/served-sql.ts). */
  rows<T>(sql: string, ...params: unknown[]): Promise<T[]>;
}

/** A maker of stores named `name` (unique in the file); call it in a describe block, not in a test. */
export function useStoreTargets(tmp: TempDir, dialect: Dialect): (name: string) => StoreTarget {
  const databases: FreshDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
  });
  return (name) => {
    let db = dialect === 'sqlite' ? tmp.path(`${name}.db`) : undefined;
    if (dialect === 'postgres') {
      beforeAll(async () => {
        const database = await freshDatabase('sg_import_cli');
        databases.push(database);
        db = database.url;
      });
    }
    const at = () => {
      if (db === undefined) throw new Error(`store ${name}: its database is created in the describe block's beforeAll`);
      return db;
    };
    return {
      get db() {
        return at();
      },
      dump: (options) => dumpAt(at(), options),
      counts: (project) => countsAt(at(), project),
      async rows<T>(sql: string, ...params: unknown[]) {
        const reader = await storeSql(at());
        try {
          return await reader.rows<T>(sql, ...params);
        } finally {
          await reader.close();
        }
      },
    };
  };
}
