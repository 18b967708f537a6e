/**
 * The read pool's lanes (src/server/read-pool.ts), step by step with a fake clock: aggregates
 * never take the last worker while light queries come, light queries jump the heavy queue, heavy
 * ones are not starved, and without light traffic heavy ones may use every worker. Then over
 * HTTP, with API keys of two projects: one project's flood of stats does not queue another's.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createKey } from '../src/db/keys.js';
import { openStore } from '../src/db/open.js';
import { readPoolOf } from '../src/server/app.js';
import { LaneScheduler } from '../src/server/read-pool.js';
import { until } from './helpers/raw-request.js';
import { listen, postGraphql } from './helpers/security.js';

function setup(size: number) {
  let clock = 10_000;
  const s = new LaneScheduler<string>(size, () => clock);
  const where = new Map<string, number>();
  const step = () => {
    const started = s.next();
    for (const { slot, item } of started) where.set(item, slot);
    return started.map((x) => `${x.item}@${x.slot}`);
  };
  const done = (item: string) => s.finished(where.get(item)!, item);
  return { s, step, done, tick: (ms: number) => (clock += ms) };
}

describe('lanes of the read pool', () => {
  it('while light queries come, heavy ones run on all workers but the last', () => {
    const { s, step } = setup(3);
    s.submit('L1', 'light');
    for (const h of ['H1', 'H2', 'H3', 'H4']) s.submit(h, 'heavy');
    expect(step()).toEqual(['H1@0', 'H2@1', 'L1@2']);
    s.submit('L2', 'light');
    s.submit('L3', 'light');
    // The reserved worker takes a second light query; the third waits (heavy workers are busy).
    expect(step()).toEqual(['L2@2']);
  });

  it('a light query submitted after many heavy ones runs before them', () => {
    const { s, step, done } = setup(2);
    s.submit('L0', 'light'); // light traffic is present
    expect(step()).toEqual(['L0@0']);
    for (const h of ['H1', 'H2', 'H3', 'H4', 'H5']) s.submit(h, 'heavy');
    s.submit('L1', 'light');
    // Worker 0 (heavy-capable) is busy with L0 and will take a heavy one next; worker 1 takes L1.
    expect(step()).toEqual(['L1@1']);
    done('L0');
    expect(step()).toEqual(['H1@0']);
    done('L1');
    s.submit('L2', 'light');
    // Worker 1 never takes a heavy query while light ones come.
    expect(step()).toEqual(['L2@1']);
    done('H1');
    expect(step()).toEqual(['H2@0']);
  });

  it('heavy queries are not starved by a stream of light ones', () => {
    const { s, step, done } = setup(2);
    s.submit('L1', 'light');
    s.submit('L2', 'light');
    expect(step()).toEqual(['L1@0', 'L2@1']);
    s.submit('H1', 'heavy');
    // More light queries: none may join worker 0 now, so it drains for the heavy one.
    s.submit('L3', 'light');
    s.submit('L4', 'light');
    expect(step()).toEqual(['L3@1']);
    done('L1');
    expect(step()).toEqual(['H1@0']);
    done('L2');
    expect(step()).toEqual(['L4@1']);
  });

  it('without light traffic for a second, heavy queries use every worker', () => {
    const { s, step, done, tick } = setup(2);
    for (const h of ['H1', 'H2', 'H3']) s.submit(h, 'heavy');
    expect(step()).toEqual(['H1@0', 'H2@1']);
    // A light query arrives: it waits for the first worker to free, then goes first.
    s.submit('L1', 'light');
    done('H2');
    expect(step()).toEqual(['L1@1']);
    done('L1');
    expect(step()).toEqual([]); // reserved again: light traffic was just seen
    tick(1500);
    expect(step()).toEqual(['H3@1']);
  });

  it('one worker runs everything, waiting heavy queries in turn', () => {
    const { s, step, done } = setup(1);
    s.submit('H1', 'heavy');
    s.submit('H2', 'heavy');
    expect(step()).toEqual(['H1@0']);
    s.submit('L1', 'light');
    done('H1');
    // The heavy query already waiting goes first (no starvation); heavy and light never share the worker.
    expect(step()).toEqual(['H2@0']);
    done('H2');
    expect(step()).toEqual(['L1@0']);
  });

  it('projects take turns within a lane: a burst from one waits behind itself, not in front of others', () => {
    const s = new LaneScheduler<string>(1, () => 10_000);
    const step = () => s.next().map(({ item }) => item);
    for (const q of ['A1', 'A2', 'A3', 'A4']) s.submit(q, 'light', 'a');
    s.submit('B1', 'light', 'b');
    s.submit('C1', 'light', 'c');
    expect(step()).toEqual(['A1', 'B1']);
    s.finished(0, 'A1');
    expect(step()).toEqual(['C1']);
    s.finished(0, 'B1');
    s.finished(0, 'C1');
    expect(step()).toEqual(['A2', 'A3']);
    // A retry goes before its project's other waiting queries.
    s.submit('A0', 'light', 'a', true);
    s.finished(0, 'A2');
    expect(step()).toEqual(['A0']);
    expect(s.withdraw('A4')).toBe(true);
    expect(s.withdraw('A4')).toBe(false);
  });
});

describe('projects take turns over HTTP (auth required, two keys, the default 2 workers)', () => {
  // The scripted worker (test/fixtures/workers/scripted-read-worker.mjs) answers after the
  // `delayN` in the query text, echoing the text and the caller's project. The main thread parses,
  // validates and lanes the query as usual: `userSessionStats` is an aggregate, so heavy.
  const SCRIPTED = new URL('./fixtures/workers/scripted-read-worker.mjs', import.meta.url);

  it("project B's one stats query runs before most of project A's queued flood", async () => {
    const store = openStore(join(mkdtempSync(join(tmpdir(), 'sessiongraph-lanes-')), 'store.db'));
    const keyA = createKey(store, { project: 'a', name: 'flood' }).key;
    const keyB = createKey(store, { project: 'b', name: 'one' }).key;
    const app = await listen({ store, auth: 'required', readWorkers: 2, pool: { workerUrl: SCRIPTED, deadlineMs: 60_000 } });
    const pool = readPoolOf(app.server)!;
    const runs = vi.spyOn(pool, 'run');
    try {
      const done: string[] = [];
      const send = (key: string, name: string) =>
        postGraphql(app.url, key, `query ${name} { delay700: userSessionStats { count } }`).then((r) => {
          expect(r.status, r.text).toBe(200);
          done.push(`${r.body?.data?.project}:${name}`);
          return r.body?.data as { project: string };
        });
      const flood = Array.from({ length: 8 }, (_, i) => send(keyA, `A${i + 1}`));
      // All of A's are in the pool (two running, six waiting) before B's comes.
      await until(() => runs.mock.calls.length === 8, "A's queries reach the pool");
      expect(done).toEqual([]);
      const b = send(keyB, 'B1');
      expect(await b).toMatchObject({ project: 'b' });
      await Promise.all(flood);
      expect(runs.mock.calls.map(([job, lane]) => `${job.caller.project}:${lane}`)).toEqual([...Array(8).fill('a:heavy'), 'b:heavy']);
      expect(done.filter((d) => d.startsWith('a:'))).toHaveLength(8);
      // First in, first out, B would finish last (9th). Taking turns, it starts as soon as one
      // of A's running queries ends and A has had its turn: at most three of A's finish before it.
      expect(done.indexOf('b:B1'), done.join(' ')).toBeLessThanOrEqual(3);
    } finally {
      runs.mockRestore();
      await app.close();
      store.close();
    }
  });
});
