/**
 * The read pool's lanes (src/server/read-pool.ts), step by step with a fake clock: aggregates
 * never take the last worker while light queries come, light queries jump the heavy queue, heavy
 * ones are not starved, and without light traffic heavy ones may use every worker.
 */
import { describe, expect, it } from 'vitest';
import { LaneScheduler } from '../src/server/read-pool.js';

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
