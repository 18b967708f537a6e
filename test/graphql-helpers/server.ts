/**
 * A real yoga server on a real port over a real SQLite file, loaded through the real import
 * path (importFile / seedStore), and a small fetch-based GraphQL client for it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, vi } from 'vitest';
import { openStore, type Store } from '../../src/db/open.js';
import { openPgStore, type ServingPgStore } from '../../src/db/pg/connect.js';
import { copySqliteToPg } from '../../src/db/pg/copy.js';
import type { AnyStore } from '../../src/graphql/context.js';
import { freshDatabase } from '../helpers/pg.js';
import { importFile } from '../../src/ingest/files.js';
import { seedStore } from '../../src/seed/seed.js';
import { graphqlClient, type GraphqlClient } from '../helpers/graphql.js';
import { listen } from '../helpers/security.js';
import { servedSql, type ServedSql } from '../helpers/served-sql.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const fixturePath = (name: string) => join(ROOT, 'test/fixtures', name);

/** The good fixture files, in the order the suites import them. */
export const FIXTURE_FILES = [
  'posthog-list.json',
  'posthog-recordings.ndjson',
  'dynatrace-sessions.ndjson',
  'dynatrace-sessions.json',
] as const;

export const SEED_END = new Date('2026-11-01T00:00:00Z');

/**
 * The pinned "now" of every in-process server: recordings' expiry (hidden once expired),
 * `ongoing` (last data under five minutes old) and `recordingTtl` are judged against the
 * request time, so tests fix it. Three minutes after the last data of the fixture recording
 * rec-ndjson-2 (so it is ongoing), before any fixture recording expires, after the earliest
 * seeded recordings with 30-day retention have expired.
 */
export const NOW = new Date('2026-11-04T00:03:00Z');

/** Fakes only Date (not timers): the server's Date.now() answers NOW. */
export function pinClock(now: Date = NOW): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
}

export type { GqlError, GqlResponse } from '../helpers/graphql.js';

/**
 * The store the API suites serve from: SQLite (the default) or, with
 * SESSIONGRAPH_TEST_STORE=postgres (vitest.config.ts runs the API suites a second time so), a
 * fresh PostgreSQL database holding a copy of the same SQLite store. The suites compute their
 * expectations from the SQLite store (`TestServer.store`), so both stores must answer alike.
 */
export const TEST_STORE: 'sqlite' | 'postgres' = process.env.SESSIONGRAPH_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** What servedStore answers: the store to serve, and how to close it (on PostgreSQL dropping its database). */
export interface Served {
  served: AnyStore;
  close(): Promise<void>;
}

/** The store a test server serves: the SQLite store itself, or its copy in a fresh PostgreSQL database. */
export async function servedStore(store: Store): Promise<Served> {
  if (TEST_STORE === 'sqlite') return { served: store, close: async () => {} };
  const database = await freshDatabase('sg_api');
  const pg: ServingPgStore = await openPgStore(database.url, { poolSize: 4 });
  await copySqliteToPg(store, pg);
  return {
    served: pg,
    async close() {
      // A test may have closed the served store already (GET /health once the store is closed).
      if (!pg.pool.ending) await pg.close();
      await database.drop();
    },
  };
}

export interface TestServer {
  /** The SQLite store the data was loaded into: what the tests compute their expectations from. */
  store: Store;
  /** The store the server answers from: `store` itself, or its PostgreSQL copy (TEST_STORE). */
  served: AnyStore;
  dir: string;
  base: string;
  url: string;
  /** POST a query (JSON body) and answer the parsed response. */
  gql: GraphqlClient['gql'];
  /** Like gql, but fails the test on any error and answers `data`. */
  ok: GraphqlClient['ok'];
  /**
   * A read of the store the server answers from (and writes to), `?` placeholders: what ingest
   * or a mutation stored (test/helpers/served-sql.ts; its connection opens at the first read).
   */
  rows<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Fixture files to import with importFile (default: none). */
  fixtures?: readonly string[];
  /** Persons for seedStore (seed 3, ending SEED_END); 0 or absent: no seed. */
  persons?: number;
  maxIngestBytes?: number;
  debugSql?: boolean;
  /** false: the naive variant (one statement per parent). */
  batch?: boolean;
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  pinClock();
  const dir = mkdtempSync(join(tmpdir(), 'sessiongraph-gql-'));
  const store = openStore(join(dir, 'store.db'));
  for (const file of options.fixtures ?? []) {
    const summary = await importFile(store, fixturePath(file), { project: 'default' });
    expect(summary.rejected, `${file} imports cleanly`).toBe(0);
  }
  if (options.persons) {
    const summary = await seedStore(store, { persons: options.persons, seed: 3, end: SEED_END });
    expect(summary.rejected).toBe(0);
  }
  const served = await servedStore(store);
  const running = await listen({
    store: served.served,
    debugSql: options.debugSql ?? true,
    batch: options.batch ?? true,
    ...(options.maxIngestBytes !== undefined ? { maxIngestBytes: options.maxIngestBytes } : {}),
  });
  const { base, url } = running;
  const { gql, ok } = graphqlClient(url);
  // Opened at the first read: most suites never read the served store directly.
  let reader: Promise<ServedSql> | undefined;

  return {
    store,
    served: served.served,
    dir,
    base,
    url,
    gql,
    ok,
    rows: async (sql, ...params) => (await (reader ??= servedSql(served.served, store.sqlite))).rows(sql, ...params),
    async close() {
      await running.close();
      if (reader) await (await reader).close();
      await served.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A second server over the same store with other serving options (`retention: 'enforce'`), on the
 * default read workers like the first: the pinned clock (NOW) reaches them, since the main thread
 * takes each request's moment and sends it with the job. Closing it leaves the store to its first
 * server.
 */
export async function twinServer(server: TestServer, options: Pick<StartOptions, 'debugSql' | 'batch'> & { retention?: 'keep' | 'enforce' } = {}): Promise<TestServer> {
  const running = await listen({ store: server.served, debugSql: options.debugSql ?? true, batch: options.batch ?? true, retention: options.retention });
  const { gql, ok } = graphqlClient(running.url);
  return { ...server, base: running.base, url: running.url, gql, ok, close: () => running.close() };
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface ConnectionPage<N> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { cursor: string }[];
  nodes: N[];
}

/**
 * Every node of a root connection, walking pages forward with `first`/`after`. `inputTypes`
 * names the filter and order input types; `selection` is the node selection set.
 */
export async function fetchAll<N = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
  server: TestServer,
  field: keyof typeof ROOT_INPUTS,
  selection: string,
  args: { filter?: unknown; orderBy?: unknown } = {},
  pageSize = 500,
): Promise<{ nodes: N[]; totalCount: number; pages: number }> {
  const types = ROOT_INPUTS[field];
  const query = `query($first: Int, $after: String, $filter: ${types.filter}, $orderBy: [${types.order}!]) {
    list: ${field}(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { ${selection} }
    }
  }`;
  const nodes: N[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (let pages = 1; pages < 10_000; pages++) {
    const data: { list: ConnectionPage<N> } = await server.ok(query, { first: pageSize, after, ...args });
    if (totalCount === -1) totalCount = data.list.totalCount;
    expect(data.list.totalCount, 'totalCount is the same on every page').toBe(totalCount);
    nodes.push(...data.list.nodes);
    if (!data.list.pageInfo.hasNextPage) return { nodes, totalCount, pages };
    after = data.list.pageInfo.endCursor;
    expect(after).toBeTruthy();
  }
  throw new Error('paging did not end');
}

export const ROOT_INPUTS = {
  recordings: { filter: 'SessionRecordingFilter', order: 'SessionRecordingOrder' },
  userSessions: { filter: 'UserSessionFilter', order: 'UserSessionOrder' },
  userActions: { filter: 'UserActionFilter', order: 'UserActionOrder' },
  persons: { filter: 'PersonFilter', order: 'PersonOrder' },
  userEvents: { filter: 'UserEventFilter', order: 'UserEventOrder' },
  userErrors: { filter: 'UserErrorFilter', order: 'UserErrorOrder' },
  syntheticEvents: { filter: 'SyntheticEventFilter', order: 'SyntheticEventOrder' },
} as const;
