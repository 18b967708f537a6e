/**
 * The one classification both stores' lanes use (src/server/lanes.ts): aggregates, heavy filters
 * and queries slow before are heavy, mutations light; the slow history is an average by query
 * text. The SQLite read pool and the PostgreSQL lanes each hold one and ask it the same way.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/graphql/schema.js';
import { HEAVY_FILTER_WEIGHT, LaneClassifier, SLOW_MS } from '../src/server/lanes.js';
import { PgLanes } from '../src/server/pg-lanes.js';
import { ReadPool } from '../src/server/read-pool.js';

const laneOf = (c: LaneClassifier, query: string, variables?: Record<string, unknown>, operationName?: string) =>
  c.laneOfOperation(schema, parse(query), operationName, variables, query);

describe('the lane classification', () => {
  it('an aggregate root field makes a query heavy, however it is reached; lists are light', () => {
    const c = new LaneClassifier();
    expect(laneOf(c, '{ userSessions(first: 5) { nodes { id } } }')).toBe('light');
    expect(laneOf(c, '{ recordingStats { count } }')).toBe('heavy');
    expect(laneOf(c, '{ funnel(steps: [{ type: { eq: LOAD } }]) { step sessions } }')).toBe('heavy');
    expect(laneOf(c, 'query { ...F } fragment F on Query { userActionStats { count } }')).toBe('heavy');
    expect(laneOf(c, '{ ... on Query { userSessionStats { count } } }')).toBe('heavy');
    // Of several operations, the one asked for.
    const two = 'query Light { persons(first: 1) { nodes { id } } } query Heavy { userSessionStats { count } }';
    expect(laneOf(c, two, undefined, 'Light')).toBe('light');
    expect(laneOf(c, two, undefined, 'Heavy')).toBe('heavy');
  });

  it('filters weighing HEAVY_FILTER_WEIGHT or more make a query heavy, inline or as variables; a mutation is light whatever it carries', () => {
    const c = new LaneClassifier();
    // Each search weighs 11 (its field 1, `contains` 10), `or` 1: 8 of them are 89, 10 are 111.
    const searches = (n: number) => Array.from({ length: n }, (_, i) => ({ name: { contains: `page ${i}` } }));
    const query = 'query($f: UserActionFilter) { userActions(filter: $f) { totalCount } }';
    expect(HEAVY_FILTER_WEIGHT).toBe(100);
    expect(laneOf(c, query, { f: { or: searches(8) } })).toBe('light');
    expect(laneOf(c, query, { f: { or: searches(10) } })).toBe('heavy');
    // Every text search weighs as `contains` (none is served by an index).
    for (const op of ['startsWith', 'endsWith', 'like', 'ilike', 'regex']) {
      const texts = (n: number) => Array.from({ length: n }, (_, i) => ({ name: { [op]: `page ${i}` } }));
      expect(laneOf(c, query, { f: { or: texts(8) } }), op).toBe('light');
      expect(laneOf(c, query, { f: { or: texts(10) } }), op).toBe('heavy');
    }
    expect(laneOf(c, 'mutation($id: ID!) { deleteRecording(id: $id) }', { id: 'x' })).toBe('light');
  });

  it('a query whose SQL has averaged SLOW_MS or more is heavy from then on, until its runs average less again', () => {
    const c = new LaneClassifier();
    const q = '{ persons(first: 3) { nodes { id } } }';
    expect(laneOf(c, q)).toBe('light');
    c.remember(q, SLOW_MS - 1);
    expect(laneOf(c, q)).toBe('light');
    c.remember(q, 200); // 49 × 0.7 + 200 × 0.3 = 94.3
    expect(laneOf(c, q)).toBe('heavy');
    c.remember(q, 0); // 66
    expect(laneOf(c, q)).toBe('heavy');
    c.remember(q, 0); // 46.2
    expect(laneOf(c, q)).toBe('light');
    // By text: another text is not affected; a text longer than 16 KiB is not remembered.
    expect(laneOf(c, `${q} `)).toBe('light');
    const long = `{ persons(first: 3) { nodes { id } } }${' '.repeat(16 * 1024)}`;
    c.remember(long, 10_000);
    expect(c.laneOf(long, false)).toBe('light');
    // Each server has its own history.
    expect(new LaneClassifier().laneOf(q, false)).toBe('light');
  });

  it('both stores hold one classifier and feed it: the read pool (SQLite) and the PostgreSQL lanes', async () => {
    const pool = new ReadPool(':scripted:', 1, { workerUrl: new URL('./fixtures/workers/scripted-read-worker.mjs', import.meta.url) });
    try {
      expect(pool.lanes).toBeInstanceOf(LaneClassifier);
      pool.lanes.remember('{ slow }', SLOW_MS);
      expect(pool.laneOf('{ slow }', false)).toBe('heavy');
      expect(pool.laneOf('{ other }', false, HEAVY_FILTER_WEIGHT)).toBe('heavy');
      expect(pool.laneOf('{ other }', false, HEAVY_FILTER_WEIGHT - 1)).toBe('light');
    } finally {
      await pool.close();
    }
    const lanes = new PgLanes(10);
    expect(lanes.classifier).toBeInstanceOf(LaneClassifier);
    expect(lanes.gate.permits).toBe(2);
    expect(new PgLanes(3).gate.permits).toBe(1);
    expect(new PgLanes(10, { heavy: 5 }).gate.permits).toBe(5);
  });
});
