/**
 * A query whose filters will scan goes to the heavy lane the first time it is seen: before, only
 * aggregates and texts already measured slow did, so a new `or` of 200 `contains` (one 8 s
 * statement) took the worker kept for short reads (issue 12). Its weight is the same whether the
 * filter is written inline or sent as a variable, as gateways and typed clients send it.
 */
import { parse } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { filterWeight, ReadPool } from '../src/server/read-pool.js';

const SCRIPTED = new URL('./fixtures/workers/scripted-read-worker.mjs', import.meta.url);
const pool = new ReadPool(':scripted:', 1, { workerUrl: SCRIPTED });
afterAll(() => pool.close());

const searches = (n: number) => Array.from({ length: n }, (_, i) => ({ name: { contains: `page ${i}` } }));
const inline = (value: unknown): string => JSON.stringify(value).replace(/"(\w+)":/g, '$1:');

function laneOf(query: string, variables?: Record<string, unknown>) {
  return pool.laneOf(query, false, filterWeight(parse(query), null, variables));
}

describe('filterWeight', () => {
  it('an or of 200 contains is heavy, written inline or sent as a variable, also inside a fragment', () => {
    const filter = { or: searches(200) };
    const written = `{ userActions(first: 10, filter: ${inline(filter)}) { totalCount } }`;
    const asVariable = 'query($f: UserActionFilter) { userActions(first: 10, filter: $f) { totalCount } }';
    const inFragment = `{ ...F } fragment F on Query { userActions(filter: ${inline(filter)}) { totalCount } }`;
    expect(filterWeight(parse(written), null, {})).toBe(filterWeight(parse(asVariable), null, { f: filter }));
    expect(laneOf(written)).toBe('heavy');
    expect(laneOf(asVariable, { f: filter })).toBe('heavy');
    expect(laneOf(inFragment)).toBe('heavy');
  });

  it('a dashboard filter (a few conditions, one search) stays light; so does a query without arguments', () => {
    const filter = { country: { in: ['Germany', 'Austria'] }, duration: { gte: 1000 }, browserFamily: { contains: 'Chrome' } };
    expect(laneOf('query($f: UserSessionFilter) { userSessions(first: 20, filter: $f) { nodes { id } } }', { f: filter })).toBe('light');
    expect(laneOf('{ userSessions { totalCount } }')).toBe('light');
    expect(laneOf(`{ userActions(filter: { or: ${inline(searches(8))} }) { totalCount } }`)).toBe('light');
    expect(laneOf(`{ userActions(filter: { or: ${inline(searches(10))} }) { totalCount } }`)).toBe('heavy');
  });

  it('many plain conditions add up too', () => {
    const filter = { or: Array.from({ length: 60 }, (_, i) => ({ duration: { eq: i } })) };
    expect(laneOf('query($f: UserActionFilter) { userActions(filter: $f) { totalCount } }', { f: filter })).toBe('heavy');
  });
});
