/**
 * The read pool when workers fail: a filter sent as a variable once sent a worker into endless
 * compilation, the pool kept feeding the dead worker, and after two such requests every query
 * hung for good while /health said ok. Now a dead, stuck or out-of-memory worker is replaced,
 * its query gets a clean error, its innocent neighbours run again, a client that leaves frees
 * its worker, and /health/ready tells whether any worker can serve.
 *
 * The failures are real (an endless loop, process.exit, a heap limit, a thrown error) in a
 * scripted stand-in worker (test/fixtures/workers/scripted-read-worker.mjs) that speaks the
 * pool's protocol; the last part runs the real worker over HTTP.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../src/db/open.js';
import { seedStore } from '../src/seed/seed.js';
import type { AddressInfo } from 'node:net';
import { createHttpServer, readPoolOf } from '../src/server/app.js';
import { ReadPool, type ReadJob } from '../src/server/read-pool.js';
import { listen, type Json, type Running } from './helpers/security.js';
import { rawGraphqlPost, until } from './helpers/raw-request.js';
import { slowQuery, slowStore } from './helpers/slow.js';

const SCRIPTED = new URL('./fixtures/workers/scripted-read-worker.mjs', import.meta.url);

function job(query: string, project = 'p'): Omit<ReadJob, 'id'> {
  return { kind: 'query', traced: false, query, caller: { project, viewer: null, readOnly: false }, batch: true, now: Date.now(), retention: 'keep', requestId: 'test' };
}

const pools: ReadPool[] = [];
function pool(size: number, options: ConstructorParameters<typeof ReadPool>[2] = {}): ReadPool {
  const p = new ReadPool(':scripted:', size, { workerUrl: SCRIPTED, deadlineMs: 1_500, ...options });
  pools.push(p);
  return p;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

/** The code a failed run was rejected with. */
async function failure(run: Promise<unknown>): Promise<{ code: unknown; message: string }> {
  try {
    await run;
  } catch (error) {
    const e = error as { message: string; extensions?: { code?: unknown } };
    return { code: e.extensions?.code, message: e.message };
  }
  throw new Error('expected the query to fail');
}

const answer = async (p: ReadPool, query: string) => JSON.parse((await p.run(job(query))).json!) as Json;

describe('a worker that never answers', () => {
  it('fails its query at the deadline, is replaced, and the pool serves again', async () => {
    const p = pool(1, { deadlineMs: 3_000 });
    await p.whenReady();
    const stuck = failure(p.run(job('hang')));
    // Sent to the same (only) worker behind the stuck query, with time to spare past the stuck
    // one's deadline: it must run again on the replacement.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const neighbour = p.run(job('{ neighbour }'));
    expect(await stuck).toMatchObject({ code: 'TIMEOUT' });
    expect(p.replaced).toBe(1);
    expect(JSON.parse((await neighbour).json!)).toMatchObject({ echo: '{ neighbour }' });
    expect(await answer(p, '{ after }')).toMatchObject({ echo: '{ after }' });
  });

  it('two stuck queries do not take the pool down (the original report: every read hung for good)', async () => {
    const p = pool(2);
    await p.whenReady();
    const stuck = await Promise.all([failure(p.run(job('hang 1'))), failure(p.run(job('hang 2')))]);
    expect(stuck.map((s) => s.code)).toEqual(['TIMEOUT', 'TIMEOUT']);
    expect(await answer(p, '{ __typename }')).toMatchObject({ echo: '{ __typename }' });
  });
});

describe('a worker that dies', () => {
  it.each([
    ['exits', 'die', /exit code 3/],
    ['throws', 'throw', /scripted worker failure/],
    ['runs out of memory', 'oom', /out of memory/],
  ])('%s: its query gets a clean error, the worker is replaced', async (_name, query, reason) => {
    const p = pool(1, { workerHeapMiB: 32, deadlineMs: 60_000 });
    await p.whenReady();
    const failed = await failure(p.run(job(query)));
    expect(failed.code).toBe('INTERNAL_SERVER_ERROR');
    expect(failed.message).toMatch(reason);
    expect(failed.message).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/);
    expect(p.replaced).toBe(1);
    await p.whenReady();
    expect(await answer(p, '{ again }')).toMatchObject({ echo: '{ again }' });
  });
});

describe('a client that leaves', () => {
  it('a waiting query is dropped at once; a running one frees its worker', async () => {
    const p = pool(1, { deadlineMs: 60_000 });
    await p.whenReady();
    const running = new AbortController();
    const waiting = new AbortController();
    // LIGHT_PER_WORKER queries go to the worker; the third waits in the pool.
    const stuck = failure(p.run(job('hang'), 'light', running.signal));
    const second = p.run(job('{ second }'));
    const queued = failure(p.run(job('{ third }'), 'light', waiting.signal));
    waiting.abort();
    expect(await queued).toMatchObject({ code: 'CLIENT_CLOSED_REQUEST' });
    expect(p.replaced).toBe(0);
    running.abort();
    expect(await stuck).toMatchObject({ code: 'CLIENT_CLOSED_REQUEST' });
    expect(p.replaced).toBe(1);
    expect(JSON.parse((await second).json!)).toMatchObject({ echo: '{ second }' });
  });
});

describe('readiness and shutdown', () => {
  it('is ready once a worker is, and not after close; close fails what waits', async () => {
    const p = pool(1, { deadlineMs: 60_000 });
    expect(p.ready).toBe(false);
    await p.whenReady();
    expect(p.ready).toBe(true);
    const stuck = failure(p.run(job('hang')));
    // A worker in an endless JavaScript loop is terminated at once.
    expect(await p.close()).toBe(true);
    expect(await stuck).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(p.ready).toBe(false);
    expect(await failure(p.run(job('{ late }')))).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });
});

describe('a worker blocked outside JavaScript (as inside a long SQLite statement)', () => {
  it('is replaced at the deadline without waiting for it; close() says it could not be stopped, so the server ends the hard way', async () => {
    const p = pool(1, { deadlineMs: 500 });
    await p.whenReady();
    expect(await failure(p.run(job('native')))).toMatchObject({ code: 'TIMEOUT' });
    // The replacement serves while the blocked thread finishes on its own.
    await p.whenReady();
    expect(await answer(p, '{ after }')).toMatchObject({ echo: '{ after }' });
    const blocked = pool(1, { deadlineMs: 60_000 });
    await blocked.whenReady();
    const stuck = failure(blocked.run(job('native')));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await blocked.close(300)).toBe(false);
    expect(await stuck).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });
});

describe('over HTTP', () => {
  let store: Store;
  let dbPath = '';

  beforeAll(async () => {
    dbPath = join(mkdtempSync(join(tmpdir(), 'sessiongraph-pool-fail-')), 'store.db');
    store = openStore(dbPath);
    await seedStore(store, { persons: 8, seed: 2, end: new Date(Date.UTC(2030, 0, 1)) });
  });

  afterAll(() => store?.close());

  const post = async (app: Running, query: string, variables?: Json) =>
    (await (await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json()) as Json;

  it('a stuck query answers TIMEOUT; { __typename }, /health/ready and the next queries keep working', async () => {
    const app = await listen({ store, pool: { workerUrl: SCRIPTED, deadlineMs: 1_000 } });
    try {
      const stuck = await Promise.all([post(app, '{ hang: __typename }'), post(app, '{ hang2: __typename }')]);
      for (const r of stuck) expect(r.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
      const after = await post(app, '{ __typename }');
      expect(after.data).toMatchObject({ echo: '{ __typename }' });
      const ready = await fetch(`${app.base}/health/ready`);
      expect(ready.status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('traced requests (ftv1) and mutations run on the workers: the main thread answers /health meanwhile', async () => {
    const app = await listen({ store, federation: true, pool: { workerUrl: SCRIPTED, deadlineMs: 1_500 } });
    try {
      const order: string[] = [];
      const send = (query: string, headers: Record<string, string> = {}) =>
        fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) })
          .then((r) => r.json() as Promise<Json>)
          .then((body) => (order.push(query), body));
      const traced = send('{ hang: __typename }', { 'apollo-federated-include-trace': 'ftv1' });
      const mutation = send('mutation { hang: deleteRecording(id: "none") }');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const health = await fetch(`${app.base}/health/live`);
      order.push('health');
      expect(health.status).toBe(200);
      // On the main thread `__typename` would have answered at once; the scripted worker hangs until the deadline.
      expect((await traced).errors?.[0]?.extensions?.code).toBe('TIMEOUT');
      expect((await mutation).errors?.[0]?.extensions?.code).toBe('TIMEOUT');
      expect(order[0]).toBe('health');
    } finally {
      await app.close();
    }
  });

  it('real workers that cannot start: /health/ready is 503, /health/live 200, queries fail cleanly at the deadline', async () => {
    // A heap too small to load the schema: every real worker dies as it starts (and is restarted after a pause).
    const server = createHttpServer({ store, pool: { workerHeapMiB: 2, deadlineMs: 1_500 } });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unavailable', checks: { database: true, readWorkers: false } });
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      const r = await post({ url: `${base}/graphql` } as Running, '{ userSessions(first: 1) { totalCount } }');
      expect(r.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
      expect(JSON.stringify(r)).not.toMatch(/node_modules|\.ts:\d+/);
      expect(readPoolOf(server)!.replaced).toBeGreaterThan(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  describe('a client that closes its socket while its query runs (raw TCP, the real yoga server)', () => {
    it('on a stuck worker: that worker is replaced at once, not at the deadline, and the next query is answered', async () => {
      // One worker and a 60 s deadline: only the disconnect can free it within the test's bounds.
      const app = await listen({ store, readWorkers: 1, pool: { workerUrl: SCRIPTED, deadlineMs: 60_000 } });
      const pool = readPoolOf(app.server)!;
      const runs = vi.spyOn(pool, 'run');
      try {
        const request = await rawGraphqlPost(app.port, '{ hang: __typename }');
        // On the pool and so on the worker (a ready worker takes a query as it is submitted).
        await until(() => runs.mock.calls.length === 1, 'the query reaches the pool');
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(pool.replaced).toBe(0);
        expect(request.received()).toBe('');
        request.socket.destroy();
        await until(() => pool.replaced === 1, 'the worker running the closed request is replaced', 20_000);
        expect((await request.ended).how).toBe('destroyed');
        // The only worker was the stuck one: this answer comes from its replacement.
        const after = await post(app, '{ __typename }');
        expect(after.data).toMatchObject({ echo: '{ __typename }' });
        expect(pool.replaced).toBe(1);
        expect((await fetch(`${app.base}/health/ready`)).status).toBe(200);
      } finally {
        runs.mockRestore();
        await app.close();
      }
    });

    it('on a real worker inside a long SQLite statement: the worker is replaced and its replacement answers correctly', async () => {
      // 15 actions named with 100,000 "a"s: one `contains "a…ab"` condition is one statement of
      // seconds (about 3.6 s on the 2-core test machine); the deadline is out of reach (60 s).
      const slow = await slowStore(join(mkdtempSync(join(tmpdir(), 'sessiongraph-pool-cancel-')), 'slow.db'), 15);
      const app = await listen({ store: slow, readWorkers: 1, pool: { deadlineMs: 60_000 } });
      const pool = readPoolOf(app.server)!;
      const runs = vi.spyOn(pool, 'run');
      try {
        const request = await rawGraphqlPost(app.port, slowQuery(1));
        await until(() => runs.mock.calls.length === 1, 'the query reaches the pool');
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(pool.replaced).toBe(0);
        request.socket.destroy();
        // Unstopped, the statement would end and its worker live on (replaced stays 0).
        await until(() => pool.replaced === 1, 'the worker running the closed request is replaced', 20_000);
        expect((await request.ended).received).toBe('');
        const after = await post(app, '{ userActions { totalCount } userSessions { totalCount } }');
        expect(after).toEqual({ data: { userActions: { totalCount: 15 }, userSessions: { totalCount: 15 } } });
        expect(pool.replaced).toBe(1);
      } finally {
        runs.mockRestore();
        await app.close();
        slow.close();
      }
    });
  });
});
