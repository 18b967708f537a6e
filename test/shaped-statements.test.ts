/**
 * Statements built once per shape (SqlRunner.shaped): a read loader's SQL text is rendered once
 * per shape and connection, and what varies between requests (the project, the moment, the
 * keys, the page size) is bound on every run, so one request's values never reach another's
 * answer.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute, parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../src/db/open.js';
import { createContext, type Retention } from '../src/graphql/context.js';
import { schema } from '../src/graphql/schema.js';
import { seedStore } from '../src/seed/seed.js';

let path: string;
let store: Store;
const opened: Store[] = [];

beforeAll(async () => {
  path = join(mkdtempSync(join(tmpdir(), 'sessiongraph-shaped-')), 'store.db');
  store = openStore(path);
  opened.push(store);
  await seedStore(store, { persons: 25, seed: 3, project: 'alpha', end: new Date(Date.UTC(2030, 0, 1)) });
  await seedStore(store, { persons: 25, seed: 4, project: 'beta', end: new Date(Date.UTC(2030, 0, 1)) });
});
afterEach(() => vi.useRealTimers());
afterAll(() => opened.forEach((s) => s.close()));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function run(on: Store, query: string, project = 'alpha', retention: Retention = 'keep'): Promise<{ data: any; statements: number }> {
  const ctx = createContext(on, { project }, { retention });
  const result = await execute({ schema, document: parse(query), contextValue: ctx });
  expect(result.errors).toBeUndefined();
  return { data: result.data, statements: ctx.sql.stats.statements };
}

/** How many times Drizzle renders SQL text on this store's connection while `work` runs. */
async function renders(on: Store, work: () => Promise<unknown>): Promise<number> {
  const dialect = (on.db as unknown as { dialect: { sqlToQuery(...args: unknown[]): unknown } }).dialect;
  const spy = vi.spyOn(dialect, 'sqlToQuery');
  try {
    await work();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

const PERSONS = (first: number) => `{
  persons(first: ${first}) { nodes { id distinctIds lastSeenAt
    recordings(first: 3) { totalCount nodes { id viewers person { id } } }
    userSessions(first: 3) { totalCount nodes { id userActions(first: 2) { name stringProperties { key } } errors { name } person { id name } } }
  } }
}`;

describe('statements built once per shape', () => {
  it('a repeated query renders no SQL text again, even with another page size', async () => {
    const first = await run(store, PERSONS(5));
    expect(first.data.persons.nodes).toHaveLength(5);
    let again: Awaited<ReturnType<typeof run>> | undefined;
    // lastSeenAt is a hand-written UNION (rendered per run); everything else is built by shape.
    expect(await renders(store, async () => (again = await run(store, PERSONS(5))))).toBe(1);
    expect(again!.data).toEqual(first.data);
    let more: Awaited<ReturnType<typeof run>> | undefined;
    expect(await renders(store, async () => (more = await run(store, PERSONS(8))))).toBe(1);
    expect(more!.data.persons.nodes).toHaveLength(8);
    expect(more!.data.persons.nodes.slice(0, 5)).toEqual(first.data.persons.nodes);
  });

  it('a statement built for one project answers with the other project’s rows', async () => {
    const alpha = (await run(store, PERSONS(6), 'alpha')).data;
    const beta = (await run(store, PERSONS(6), 'beta')).data;
    // The same questions on a second connection, where beta's statements are built for beta first.
    const fresh = openStore(path, { readonly: true });
    opened.push(fresh);
    expect((await run(fresh, PERSONS(6), 'beta')).data).toEqual(beta);
    expect((await run(fresh, PERSONS(6), 'alpha')).data).toEqual(alpha);
    expect(beta).not.toEqual(alpha);
  });

  it('the moment is bound per request: under --retention enforce, recordings that expire between two requests are gone from the second', async () => {
    const expiries = (store.sqlite.prepare("SELECT expiry_time FROM recordings WHERE project = 'alpha' AND expiry_time IS NOT NULL ORDER BY expiry_time").pluck().all() as number[]);
    const middle = expiries[Math.floor(expiries.length / 2)]!;
    const visibleAt = (now: number) =>
      store.sqlite.prepare("SELECT count(*) FROM recordings WHERE project = 'alpha' AND (expiry_time IS NULL OR expiry_time > ?)").pluck().get(now) as number;
    const query = '{ recordings(first: 500) { totalCount nodes { id } } }';
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(expiries[0]! - 1);
    const before = (await run(store, query, 'alpha', 'enforce')).data.recordings;
    vi.setSystemTime(middle);
    const after = (await run(store, query, 'alpha', 'enforce')).data.recordings;
    // Under the default, keep, they are all still served.
    expect((await run(store, query)).data.recordings.totalCount).toBe(visibleAt(-1));
    expect(before.totalCount).toBe(visibleAt(expiries[0]! - 1));
    expect(after.totalCount).toBe(visibleAt(middle));
    expect(after.totalCount).toBeLessThan(before.totalCount);
    expect(after.nodes).toHaveLength(after.totalCount);
  });
});
