/**
 * Shared by the security suites: the real HTTP server on a loopback port over a real SQLite file,
 * a raw fetch-based client that keeps status, headers and body text (and, like the suites'
 * GraphQL client, runs each query as written and hoisted and compares), and what "nothing leaked"
 * and "nothing changed" mean.
 */
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { ROOT } from './cli.js';
import type { Store } from '../../src/db/open.js';
import { createHttpServer, readPoolOf, type AppOptions } from '../../src/server/app.js';
import { compareHoisted, type RunOnce } from './graphql.js';
import { hoistArguments } from './hoist.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Running {
  server: Server;
  /** http://127.0.0.1:PORT */
  base: string;
  /** base + the GraphQL path (/graphql unless `graphqlPath` says otherwise) */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** createHttpServer(options) listening on a free loopback port. */
export async function listen(options: AppOptions): Promise<Running> {
  const server = createHttpServer(options);
  // As `npm start`: take requests once a read worker can answer them.
  await readPoolOf(server)?.whenReady();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    server,
    base,
    url: `${base}${options.graphqlPath ?? '/graphql'}`,
    port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  body: Json | undefined;
}

export async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: Json | undefined;
  try {
    body = JSON.parse(text) as Json;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

export const bearer = (key: string | undefined): Record<string, string> => (key ? { authorization: `Bearer ${key}` } : {});

export interface PostExtra extends RunOnce {
  operationName?: string;
  headers?: Record<string, string>;
}

async function postOnce(url: string, key: string | undefined, query: string, variables: Json | undefined, extra: PostExtra): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...bearer(key), ...extra.headers },
    body: JSON.stringify({ query, variables, ...(extra.operationName ? { operationName: extra.operationName } : {}) }),
  });
  return answer(response);
}

/** One line per query when SESSIONGRAPH_HOIST_LOG names a file (as graphql.ts does): how the hoisting went. */
function log(outcome: string): void {
  const file = process.env.SESSIONGRAPH_HOIST_LOG;
  if (file) appendFileSync(file, `security: ${outcome}\n`);
}

function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value && typeof value === 'object') return Object.values(value).some(hasNonFinite);
  return false;
}

/** What must be equal between the two runs (as graphql.ts compares them): status, data, each error's message, path and code. */
function comparableAnswer(r: Answer): unknown {
  return {
    status: r.status,
    data: r.body?.data,
    errors: (r.body?.errors as Json[] | undefined)?.map((e) => ({
      // Each request has its own id; the rest of the message must match.
      message: String(e.message).replace(/request id [^)\s]+/g, 'request id …'),
      path: e.path,
      code: e.extensions?.code,
    })),
  };
}

/**
 * POST a GraphQL request as JSON, with the key (if any) as a Bearer token.
 *
 * Like the suites' GraphQL client (graphql.ts), a query runs twice: as written, then with its
 * literal arguments hoisted into variables as gateways send it (hoist.ts); the caller gets the
 * first answer and the test fails if the second differs. Not hoisted: mutations, documents of
 * several operations, queries without literal arguments, answers that are no GraphQL result,
 * answers refused for how the document was written (see `compareHoisted`), and literals JSON
 * cannot carry (1e999). `{ once: 'why' }` sends a request once as written (it counts, times or
 * has side effects).
 */
export async function postGraphql(url: string, key: string | undefined, query: string, variables?: Json, extra: PostExtra = {}): Promise<Answer> {
  const written = await postOnce(url, key, query, variables, extra);
  if (extra.once !== undefined) return log(`once: ${extra.once}`), written;
  // A refusal before GraphQL (401, 404, 413 …) is no GraphQL result to compare.
  if (!written.body || !('data' in written.body || 'errors' in written.body)) return log('skipped: no GraphQL result'), written;
  const hoisted = hoistArguments(query, variables ?? {});
  if ('skipped' in hoisted) return log(`skipped: ${hoisted.skipped}`), written;
  // JSON has no Infinity: an inline 1e999 would be sent as null, another request.
  if (hasNonFinite(hoisted.variables)) return log('skipped: a literal JSON cannot carry'), written;
  if (!compareHoisted({ status: written.status, data: written.body.data, errors: written.body.errors, extensions: {} })) {
    return log('skipped: validation error as written'), written;
  }
  const again = await postOnce(url, key, hoisted.query, hoisted.variables, extra);
  log(`double: ${hoisted.hoisted}`);
  expect(
    comparableAnswer(again),
    [
      'the same query with its arguments hoisted into variables answers differently:',
      `--- as written:\n${query}\n${JSON.stringify(variables ?? {})}`,
      `--- hoisted:\n${hoisted.query}\n${JSON.stringify(hoisted.variables)}`,
      `--- answer as written:\n${written.text.slice(0, 2000)}`,
      `--- answer hoisted:\n${again.text.slice(0, 2000)}\n`,
    ].join('\n'),
  ).toEqual(comparableAnswer(written));
  return written;
}

/** A client bound to one key: `ok` fails the test on any error and answers `data`. */
export function client(url: string, key: string | undefined) {
  return {
    raw: (query: string, variables?: Json, extra?: PostExtra) => postGraphql(url, key, query, variables, extra),
    async ok(query: string, variables?: Json, extra?: PostExtra): Promise<Json> {
      const r = await postGraphql(url, key, query, variables, extra);
      if (r.status !== 200 || !r.body || r.body.errors) {
        throw new Error(`GraphQL request failed (${r.status}): ${r.text.slice(0, 1000)}\n${query}\n${JSON.stringify(variables)}`);
      }
      return r.body.data as Json;
    },
  };
}

/** Every user table of the store (migrations bookkeeping included), by name. */
export function tableNames(store: Store): string[] {
  return (
    store.sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as { name: string }[]
  ).map((r) => r.name);
}

export function rowCounts(store: Store): Record<string, number> {
  return Object.fromEntries(
    tableNames(store).map((name) => [name, (store.sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n]),
  );
}

/** SHA-256 over every row of every table, in rowid order: any change to stored data changes it. */
export function checksum(store: Store): string {
  const hash = createHash('sha256');
  for (const name of tableNames(store)) {
    const rows = store.sqlite.prepare(`select * from "${name}" order by rowid`).raw().all();
    hash.update(`\0table ${name}\0`);
    hash.update(JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));
  }
  return hash.digest('hex');
}

export interface StoreState {
  counts: Record<string, number>;
  checksum: string;
}

export const storeState = (store: Store): StoreState => ({ counts: rowCounts(store), checksum: checksum(store) });

/**
 * What must never reach a client: stack frames, driver errors, SQL text, file paths of the
 * server. (A response may of course echo the client's own input; callers strip that first.)
 */
export const LEAK_PATTERNS: readonly RegExp[] = [
  /\bat [^\n]*\.[cm]?[jt]s:\d+/, // a stack frame
  /\bat (?:new |async )?[\w.$<>]+ \(/, // a stack frame without a file position
  /node:internal/,
  /node_modules/,
  new RegExp(ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\/$/, '')), // the server's own files
  /\/src\/(?:db|graphql|server|ingest|cli)\/\w+\.ts/,
  /SqliteError|SQLITE_[A-Z]+|better-sqlite3|drizzle/i,
  /\bselect\b[\s\S]{0,200}\bfrom\s+["`]?\w+/i,
  /\binsert\s+into\b/i,
  /\bdelete\s+from\b/i,
  /\bupdate\s+["`]?\w+["`]?\s+set\b/i,
  /no such (?:table|column)/i,
  /syntax error at|near "/i,
  /TypeError|ReferenceError|RangeError|Cannot read propert/,
];

/** Fails when the text shows any of LEAK_PATTERNS (after removing what the client sent). */
export function expectNoLeak(text: string, what: string, echoed: readonly string[] = []): void {
  let scrubbed = text;
  for (const e of echoed) if (e) scrubbed = scrubbed.split(e).join('<echo>');
  for (const pattern of LEAK_PATTERNS) {
    expect(pattern.test(scrubbed), `${what}: response matches ${pattern}:\n${scrubbed.slice(0, 2000)}`).toBe(false);
  }
}
