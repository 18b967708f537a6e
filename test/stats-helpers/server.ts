/**
 * A real yoga server (createHttpServer, debugSql on) on a real port over a real SQLite file in a
 * temp directory, loaded through the real import path (importFile for NDJSON files written here,
 * seedStore for bulk data), a fetch client that can name the caller (`x-sessiongraph-viewer`),
 * and a second, independent better-sqlite3 connection to the same file for expected values.
 * With SESSIONGRAPH_TEST_STORE=postgres the server answers from a PostgreSQL copy of that file
 * (servedStore); `rows` reads whichever store the server answers from.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { openStore, type Store } from '../../src/db/open.js';
import type { AnyStore } from '../../src/graphql/context.js';
import { importFile } from '../../src/ingest/files.js';
import { seedStore } from '../../src/seed/seed.js';
import { run, TSX, type RunResult } from '../helpers/cli.js';
import { graphqlClient, type GqlError, type GqlResponse } from '../helpers/graphql.js';
import { listen } from '../helpers/security.js';
import { servedStore } from '../graphql-helpers/server.js';
import { servedSql, type ServedSql } from '../helpers/served-sql.js';

export { toPgPlaceholders } from '../helpers/served-sql.js';

export interface RequestOptions {
  /** Sent as `x-sessiongraph-viewer`: who is asking. */
  viewer?: string;
}

export interface StatsServer {
  store: Store;
  file: string;
  dir: string;
  url: string;
  /** The store the server answers from: `store` itself, or its PostgreSQL copy (TEST_STORE). */
  served: AnyStore;
  /** Independent read connection to the same SQLite file (on PostgreSQL: the loaded data, not what mutations changed). */
  raw: Database.Database;
  /**
   * A read on the store the server answers from, `?` placeholders: on SQLite through `raw`, on
   * PostgreSQL through an independent admin (superuser) connection to the served database, which
   * row-level security does not bind. Counts come back as numbers on both (db/pg/connect.ts sets
   * node-postgres' int8 parser); booleans as 0/1 on SQLite, false/true on PostgreSQL.
   */
  rows<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GqlResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Fails on any error; answers `data`. */
  ok<T = any>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<T>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

export interface StartOptions {
  /** NDJSON files to write into the temp dir and import, as [name, records]. */
  files?: [string, unknown[]][];
  /** seedStore options (persons, seed, end). */
  seed?: { persons: number; seed: number; end: Date };
  /** What the server does with expired recordings (default: keep, as `npm start`). */
  retention?: 'keep' | 'enforce';
}

export function ndjson(records: unknown[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

export async function startStatsServer(options: StartOptions): Promise<StatsServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sessiongraph-stats-'));
  const file = join(dir, 'store.db');
  const store = openStore(file);
  if (options.seed) {
    const summary = await seedStore(store, options.seed);
    expect(summary.rejected, JSON.stringify(summary.errors.slice(0, 3))).toBe(0);
  }
  for (const [name, records] of options.files ?? []) {
    const path = join(dir, name);
    writeFileSync(path, ndjson(records));
    const summary = await importFile(store, path, { project: 'default' });
    expect(summary.rejected, `${name}: ${JSON.stringify(summary.errors.slice(0, 3))}`).toBe(0);
    expect(summary.accepted).toBe(records.length);
  }
  const raw = new Database(file, { readonly: true, fileMustExist: true });
  const served = await servedStore(store);
  const running = await listen({ store: served.served, debugSql: true, retention: options.retention });
  const url = running.url;
  let reader: ServedSql;
  try {
    reader = await servedSql(served.served, raw);
  } catch (error) {
    await running.close();
    await served.close();
    raw.close();
    store.close();
    throw error;
  }
  const client = graphqlClient(url);
  const viewer = (opts: RequestOptions = {}): Record<string, string> => (opts.viewer === undefined ? {} : { 'x-sessiongraph-viewer': opts.viewer });
  const gql = <T>(query: string, variables?: Record<string, unknown>, opts?: RequestOptions) => client.gql<T>(query, variables, viewer(opts));

  return {
    store,
    file,
    dir,
    url,
    served: served.served,
    raw,
    rows: (sql, ...params) => reader.rows(sql, ...params),
    gql,
    ok: (query, variables, opts) => client.ok(query, variables, viewer(opts)),
    async close() {
      await running.close();
      await reader.close();
      await served.close();
      raw.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Expects exactly one GraphQL error (HTTP 200, not a 500) and answers it. */
export function oneError(r: GqlResponse<unknown>): GqlError {
  expect(r.status, JSON.stringify(r.errors)).toBe(200);
  expect(r.errors, 'one GraphQL error').toHaveLength(1);
  const error = r.errors![0]!;
  expect(error.message).not.toMatch(/Unexpected error/);
  return error;
}

/** `tsx src/cli/<name>.ts ARGS…` as a child process at the repository root. */
export function cli(name: string, args: string[]): Promise<RunResult> {
  return run(TSX, [`src/cli/${name}.ts`, ...args], { SESSIONGRAPH_DB: '' });
}
