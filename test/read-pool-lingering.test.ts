/**
 * Statements the pool gave up on cannot pile up. A worker stopped at the deadline or after its
 * client left keeps its thread until the SQLite statement it is inside ends (better-sqlite3 has
 * no interrupt), and that thread still takes a core: an attacker sending long statements and
 * hanging up once filled the machine with them (issue 12, 30 abandoned statements: 24 threads,
 * light queries at p50 2.9 s). The pool now starts a replacement only while at most
 * `maxLingering` such threads run; past that, queries wait (and /health/ready says no worker can
 * serve) until one ends.
 *
 * The scripted stand-in worker (test/fixtures/workers/scripted-read-worker.mjs) blocks outside
 * JavaScript for 4 s on a query containing `native` (a child process, as a statement would).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ReadPool, type ReadJob } from '../src/server/read-pool.js';

const SCRIPTED = new URL('./fixtures/workers/scripted-read-worker.mjs', import.meta.url);

function job(query: string): Omit<ReadJob, 'id'> {
  return { kind: 'query', traced: false, query, caller: { project: 'p', viewer: null, readOnly: false }, batch: true, now: Date.now(), retention: 'keep', requestId: 'test' };
}

const pools: ReadPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close(10_000)));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `query`, and hangs up (as a client closing its connection) once it has started on a worker. */
async function abandon(p: ReadPool, query: string): Promise<void> {
  const client = new AbortController();
  const outcome = p.run(job(query), 'light', client.signal).then(
    () => 'answered',
    (e: { extensions?: { code?: string } }) => e.extensions?.code,
  );
  await sleep(100);
  client.abort();
  expect(await outcome).toBe('CLIENT_CLOSED_REQUEST');
}

describe('threads of stopped workers', () => {
  it('past maxLingering, no replacement starts until one ends: queries wait, /health/ready is false, then all is served', async () => {
    const p = new ReadPool(':scripted:', 1, { workerUrl: SCRIPTED, deadlineMs: 20_000, maxLingering: 1 });
    pools.push(p);
    await p.whenReady();

    const started = Date.now();
    await abandon(p, '{ native1 }');
    // One lingering thread is allowed: a replacement starts (after the pause for a worker that died young).
    await p.whenReady();
    expect(p.lingeringThreads).toBe(1);
    await abandon(p, '{ native2 }');
    expect(p.lingeringThreads).toBe(2);
    await sleep(1_500); // past the respawn pause: still no replacement
    expect(p.ready).toBe(false);

    // A query sent now waits for a worker; it is answered once the first blocked thread ends (4 s after it began).
    const late = await p.run(job('{ after }'));
    expect(JSON.parse(late.json!)).toMatchObject({ echo: '{ after }' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_500);
    expect(p.lingeringThreads).toBeLessThanOrEqual(1);
    expect(p.replaced).toBe(2);
  });

  it('close() waits for lingering threads too (the process cannot exit while one runs), and says when they outlast it', async () => {
    const p = new ReadPool(':scripted:', 1, { workerUrl: SCRIPTED, deadlineMs: 20_000 });
    await p.whenReady();
    await abandon(p, '{ native }');
    expect(p.lingeringThreads).toBe(1);
    expect(await p.close(300)).toBe(false);
    expect(await p.close(10_000)).toBe(true);
    expect(p.lingeringThreads).toBe(0);
  });
});
