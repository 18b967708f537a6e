/**
 * A real yoga server (createHttpServer, debugSql on) on a real port over a real SQLite file in a
 * temp directory, loaded through the real import path (importFile for NDJSON files written here,
 * seedStore for bulk data), a fetch client that can name the caller (`x-sessiongraph-viewer`),
 * and a second, independent better-sqlite3 connection to the same file for expected values.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { openStore, type Store } from '../../src/db/open.js';
import { importFile } from '../../src/ingest/files.js';
import { seedStore } from '../../src/seed/seed.js';
import { createHttpServer } from '../../src/server/app.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TSX = join(ROOT, 'node_modules/.bin/tsx');

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface GqlResponse<T> {
  status: number;
  data: T | null | undefined;
  errors: GqlError[] | undefined;
  extensions: { sql?: { statements: number; ms: number } } & Record<string, unknown>;
}

export interface RequestOptions {
  /** Sent as `x-sessiongraph-viewer`: who is asking. */
  viewer?: string;
}

export interface StatsServer {
  store: Store;
  file: string;
  dir: string;
  url: string;
  /** Independent read connection to the same SQLite file. */
  raw: Database.Database;
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
  const server: Server = createHttpServer({ store, debugSql: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

  const gql = async <T>(query: string, variables?: Record<string, unknown>, opts: RequestOptions = {}): Promise<GqlResponse<T>> => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (opts.viewer !== undefined) headers['x-sessiongraph-viewer'] = opts.viewer;
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const text = await response.text();
    let body: { data?: T | null; errors?: GqlError[]; extensions?: GqlResponse<T>['extensions'] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`non-JSON response (${response.status}): ${text.slice(0, 500)}`);
    }
    return { status: response.status, data: body.data, errors: body.errors, extensions: body.extensions ?? {} };
  };

  return {
    store,
    file,
    dir,
    url,
    raw,
    gql,
    async ok(query, variables, opts) {
      const r = await gql(query, variables, opts);
      if (r.errors?.length || r.status !== 200) {
        throw new Error(`GraphQL request failed (${r.status}): ${JSON.stringify(r.errors)}\n${query}\n${JSON.stringify(variables)}`);
      }
      return r.data as never;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
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

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `tsx src/cli/<name>.ts ARGS…` as a child process at the repository root. */
export function cli(name: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [`src/cli/${name}.ts`, ...args], {
      cwd: ROOT,
      env: { ...process.env, SESSIONGRAPH_DB: '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
