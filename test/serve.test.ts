/**
 * `npm start` as a user runs it: a real process on a real port, `--demo` seeding its own empty
 * database, answering /health and GraphQL, and stopping cleanly on SIGTERM; without `--demo` an
 * empty database stays empty, with a hint.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { freePort, serveProcess } from './helpers/cli.js';
import { openStore } from '../src/db/open.js';
import { importFile } from '../src/ingest/files.js';

describe('npm start', () => {
  it('--demo seeds data/demo.db, serves GraphQL and /health, and stops cleanly on SIGTERM', async () => {
    // A fresh directory as the working directory: --demo makes data/ and data/demo.db there.
    const dir = mkdtempSync(join(tmpdir(), 'sessiongraph-serve-'));
    const db = join(dir, 'data/demo.db');
    const port = await freePort();
    // Configuration through the environment, as documented.
    const server = serveProcess(['--demo'], { PORT: String(port), HOST: '127.0.0.1', SESSIONGRAPH_DB: '' }, dir);
    const url = await server.url();
    expect(url).toBe(`http://127.0.0.1:${port}/graphql`);
    expect(server.stdout()).toMatch(/^empty database: seeding the demo data set into \.\/data\/demo\.db…$/m);
    expect(existsSync(join(dir, 'data/sessiongraph.db'))).toBe(false);

    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ userSessions { totalCount } recordings { totalCount } persons { totalCount } }' }),
    });
    const { data } = (await response.json()) as { data: Record<string, { totalCount: number }> };

    // Stop while a request is in flight (its body half sent): it must still be answered, then
    // the process exits 0.
    const body = JSON.stringify({ query: '{ userActions(first: 50) { nodes { name session { country } } } }' });
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 300);
    });
    const inFlight = await answered;
    expect(inFlight.status).toBe(200);
    expect(JSON.parse(inFlight.text).data.userActions.nodes).toHaveLength(50);
    expect(await server.exited, server.output()).toBe(0);
    expect(server.output()).toMatch(/stopped/);

    // The counts the API reported are what the file holds, and the database was closed cleanly
    // (no WAL left behind once the last connection closed).
    const sqlite = new Database(db, { readonly: true });
    const count = (table: string) => (sqlite.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
    expect(data.userSessions!.totalCount).toBe(count('user_sessions'));
    expect(data.recordings!.totalCount).toBe(count('recordings'));
    expect(data.persons!.totalCount).toBe(count('persons'));
    expect(count('user_sessions')).toBeGreaterThan(100);
    sqlite.close();
  });

  it('without --demo an empty database stays empty, with one hint line naming both paths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessiongraph-serve-'));
    const db = join(dir, 'empty.db');
    const port = await freePort();
    const server = serveProcess(['--port', String(port)], { SESSIONGRAPH_DB: db });
    const url = await server.url();
    const hints = server.stdout().split('\n').filter((line) => /empty/.test(line));
    expect(hints).toEqual([`${db} is empty: load your exports with "npm run import -- FILE…", or try the demo with "npm start -- --demo"`]);
    expect(server.stderr()).toBe('');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ userSessions { totalCount } }' }),
    });
    expect(await response.json()).toEqual({ data: { userSessions: { totalCount: 0 } } });
    server.child.kill('SIGINT');
    expect(await server.exited, server.output()).toBe(0);
    const sqlite = new Database(db, { readonly: true });
    for (const table of ['persons', 'recordings', 'user_sessions']) expect(sqlite.prepare(`select count(*) n from ${table}`).get()).toEqual({ n: 0 });
    sqlite.close();
  });

  it('keeps imported history by default (expired recordings served, expired: true); --retention enforce deletes them at start and hides them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessiongraph-serve-'));
    const db = join(dir, 'history.db');
    const store = openStore(db);
    // Two recordings from 2023, one of 2026 that expires in 2027.
    for (const file of ['test/fixtures/real/posthog-recordings-2023.json', 'test/fixtures/posthog-list.json']) {
      expect((await importFile(store, file, { project: 'default' })).rejected).toBe(0);
    }
    store.close();
    const query = async (url: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ recordings(orderBy: [{ field: ID }]) { totalCount nodes { id expired } } }' }),
      });
      return ((await response.json()) as { data: { recordings: { totalCount: number; nodes: { id: string; expired: boolean }[] } } }).data.recordings;
    };
    const stored = () => {
      const sqlite = new Database(db, { readonly: true });
      const n = (sqlite.prepare('select count(*) n from recordings').get() as { n: number }).n;
      sqlite.close();
      return n;
    };
    expect(stored()).toBe(4);

    const keep = serveProcess(['--port', String(await freePort()), '--db', db]);
    const kept = await query(await keep.url());
    expect(kept.totalCount).toBe(4);
    expect(kept.nodes.filter((n) => n.expired).length).toBe(2);
    keep.child.kill('SIGTERM');
    expect(await keep.exited, keep.output()).toBe(0);
    expect(stored()).toBe(4);

    const enforce = serveProcess(['--port', String(await freePort()), '--db', db], { SESSIONGRAPH_RETENTION: 'enforce' });
    const left = await query(await enforce.url());
    expect(enforce.output()).toMatch(/--retention enforce: deleted 2 expired recordings/);
    expect(left.totalCount).toBe(2);
    expect(left.nodes.every((n) => !n.expired)).toBe(true);
    enforce.child.kill('SIGTERM');
    expect(await enforce.exited, enforce.output()).toBe(0);
    expect(stored()).toBe(2);
  });

  it('--federation serves the subgraph schema; without it there is no _service', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessiongraph-serve-'));
    for (const federation of [true, false]) {
      const port = await freePort();
      const server = serveProcess(['--port', String(port), '--db', join(dir, 'f.db'), ...(federation ? ['--federation'] : [])]);
      const url = await server.url();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });
      const body = (await response.json()) as { data?: { _service: { sdl: string } }; errors?: unknown[] };
      if (federation) expect(body.data?._service.sdl).toMatch(/type Person\s+@key\(fields: "id"\)/);
      else expect(body.errors?.length).toBeGreaterThan(0);
      server.child.kill('SIGTERM');
      expect(await server.exited, server.output()).toBe(0);
    }
  });
});
