/**
 * SQL reads on the store a test server answers from (test/graphql-helpers/server.ts, servedStore):
 * on SQLite through a given better-sqlite3 connection to the store's file, on PostgreSQL through
 * an independent admin (superuser) connection to the served database, which row-level security
 * does not bind. Queries are written once, in SQLite's spelling with `?` placeholders. The same
 * readers serve a store a command wrote (`--db`: a file or an admin URL), through storeSql.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { vi, type MockInstance } from 'vitest';
import { isPostgresUrl } from '../../src/config.js';
import type { AnyStore } from '../../src/graphql/context.js';

export interface ServedSql {
  /**
   * A read, `?` placeholders. Counts come back as numbers on both (db/pg/connect.ts sets
   * node-postgres' int8 parser); booleans as 0/1 on SQLite, false/true on PostgreSQL.
   */
  rows<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** A statement that changes the store and returns no rows (DDL: a test breaking the store on purpose). */
  exec(sql: string): Promise<void>;
  /** Every table's row count and a hash of its rows (in a canonical order): any change shows. */
  state(): Promise<ServedState>;
  close(): Promise<void>;
}

export interface ServedState {
  counts: Record<string, number>;
  checksum: string;
}

/** A reader of `served`: `sqlite` (a connection to the SQLite file) unless `served` is PostgreSQL. */
export async function servedSql(served: AnyStore, sqlite: Database.Database): Promise<ServedSql> {
  // The served database's URL is the admin URL (test/helpers/pg.ts) naming that database.
  return served.kind === 'pg' ? pgSql(served.url) : sqliteSql(sqlite, async () => {});
}

/**
 * A reader of the store at `path`: a SQLite file (opened read-only) or a PostgreSQL database's
 * admin URL (a store the import CLI wrote with `--db path`).
 */
export async function storeSql(path: string): Promise<ServedSql> {
  if (isPostgresUrl(path)) return pgSql(path);
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  return sqliteSql(sqlite, async () => void sqlite.close());
}

function sqliteSql(sqlite: Database.Database, close: () => Promise<void>): ServedSql {
  const rows = async <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as T[];
  const tables = async () =>
    (await rows<{ name: string }>(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)).map((r) => r.name);
  return { rows, exec: async (sql) => void sqlite.exec(sql), state: () => stateOf(tables, rows), close };
}

async function pgSql(url: string): Promise<ServedSql> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let queue: Promise<unknown> = Promise.resolve();
  const rows = async <T>(sql: string, ...params: unknown[]): Promise<T[]> => {
    // One query at a time on the one client (node-postgres deprecates queueing them itself).
    const result = queue.then(() => client.query(toPgPlaceholders(sql), params));
    queue = result.catch(() => undefined);
    return (await result).rows as T[];
  };
  const tables = async () =>
    (await rows<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)).map(
      (r) => r.name,
    );
  return { rows, exec: async (sql) => void (await rows(sql)), state: () => stateOf(tables, rows), close: () => client.end() };
}

/**
 * Spies on the SQL this process sends to `served` (for "no statement ran"): on SQLite the
 * statements prepared on its connection here (not the read workers' own), on PostgreSQL every
 * query of any node-postgres client (the served store's pools hold all of this process's, unless
 * the test opened a reader of its own).
 */
export function spyOnServedSql(served: AnyStore): MockInstance {
  return served.kind === 'pg' ? vi.spyOn(pg.Client.prototype, 'query') : vi.spyOn(served.sqlite, 'prepare');
}

async function stateOf(tables: () => Promise<string[]>, rows: (sql: string) => Promise<unknown[]>): Promise<ServedState> {
  const counts: Record<string, number> = {};
  const hash = createHash('sha256');
  for (const name of await tables()) {
    const texts = (await rows(`select * from "${name}"`)).map((r) =>
      JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)),
    );
    counts[name] = texts.length;
    hash.update(`\0table ${name}\0`);
    for (const text of texts.sort()) hash.update(`${text}\n`);
  }
  return { counts, checksum: hash.digest('hex') };
}

/** SQLite's `?` placeholders as PostgreSQL's `$1, $2, …` (none inside quoted strings or identifiers). */
export function toPgPlaceholders(sql: string): string {
  let n = 0;
  let quote: string | null = null;
  let out = '';
  for (const c of sql) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '?') {
      out += `$${++n}`;
      continue;
    }
    out += c;
  }
  return out;
}
