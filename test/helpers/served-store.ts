/**
 * A real sessiongraph server for client tests: a seeded SQLite file, served over loopback HTTP
 * with the default read workers (as `npm start` runs it), and a POST helper that never waits for
 * ever — a request that does not answer fails the test naming its query.
 */
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/db/open.js';
import { seedStore } from '../../src/seed/seed.js';
import { createHttpServer, type AppOptions } from '../../src/server/app.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface GraphQLResponse {
  data?: Json | null;
  errors?: Json[];
  extensions?: Json;
}

/** Listens on an ephemeral loopback port; answers the server's /graphql URL. */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

/** How long one request may take before the test calls it hung. */
export const REQUEST_TIMEOUT_MS = 20_000;

export async function postGraphQL(url: string, query: string, variables?: Json, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(`no answer from ${url} within ${REQUEST_TIMEOUT_MS} ms (${String(error)}) to ${query} with ${JSON.stringify(variables ?? null)}`);
  }
  const text = await response.text();
  try {
    return JSON.parse(text) as GraphQLResponse;
  } catch {
    throw new Error(`HTTP ${response.status} from ${url}, not JSON: ${text.slice(0, 500)}`);
  }
}

/**
 * Waits, as a load balancer's readiness probe would, until /health/ready says the server can
 * answer (its read workers have started); a server without that endpoint (404) is taken as ready.
 */
export async function untilReady(graphqlUrl: string, timeoutMs = 60_000): Promise<void> {
  const probe = new URL('/health/ready', graphqlUrl);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(probe, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200 || status === 404) return;
    if (Date.now() > deadline) throw new Error(`${probe} still answers ${status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface ServedStore {
  store: Store;
  server: Server;
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  close(): Promise<void>;
}

/**
 * Seeds a store in a temp file (`prepare` may add more records) and serves it. The default read
 * workers stay on: pass `readWorkers` only to compare with another mode.
 */
export async function serveSeededStore(options: {
  prefix: string;
  persons: number;
  seed: number;
  app?: Omit<AppOptions, 'store'>;
  prepare?: (store: Store) => Promise<void> | void;
}): Promise<ServedStore> {
  const store = openStore(join(mkdtempSync(join(tmpdir(), options.prefix)), 'store.db'));
  await seedStore(store, { persons: options.persons, seed: options.seed, end: new Date(Date.UTC(2030, 0, 1)) });
  await options.prepare?.(store);
  const server = createHttpServer({ store, ...options.app });
  const url = await listenOnLoopback(server);
  await untilReady(url);
  return {
    store,
    server,
    url,
    async close() {
      await closeServer(server);
      store.close();
    },
  };
}
