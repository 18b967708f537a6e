/**
 * Queries on worker threads (the server's default): the answers, statement counts and project
 * scoping are those of the main thread, and writes on the main thread are seen by the workers.
 */
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKey } from '../src/db/keys.js';
import { openStore, type Store } from '../src/db/open.js';
import { seedStore } from '../src/seed/seed.js';
import { createHttpServer, readPoolOf } from '../src/server/app.js';
import { jsonResult, withExtensions } from '../src/server/json-result.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let store: Store;
const urls: Record<'pooled' | 'inline', string> = { pooled: '', inline: '' };
const servers: Server[] = [];
let keyA = '';
let keyB = '';

async function listen(server: Server): Promise<string> {
  servers.push(server);
  // As npm start: take requests once a worker can answer them.
  await readPoolOf(server)?.whenReady();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

function post(url: string, query: string, key = keyA): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
}

async function gql(url: string, query: string, key = keyA): Promise<Json> {
  return (await (await post(url, query, key)).json()) as Json;
}

beforeAll(async () => {
  store = openStore(join(mkdtempSync(join(tmpdir(), 'sessiongraph-pool-')), 'store.db'));
  await seedStore(store, { persons: 40, seed: 4, end: new Date(Date.UTC(2030, 0, 1)) });
  await seedStore(store, { persons: 10, seed: 5, end: new Date(Date.UTC(2030, 0, 1)), project: 'b' });
  keyA = createKey(store, { project: 'default', name: 'ada' }).key;
  keyB = createKey(store, { project: 'b', name: 'bob' }).key;
  urls.pooled = await listen(createHttpServer({ store, auth: 'required', debugSql: true, readWorkers: 2 }));
  urls.inline = await listen(createHttpServer({ store, auth: 'required', debugSql: true, readWorkers: 0 }));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  store?.close();
});

const QUERIES = [
  '{ userSessions(first: 20) { totalCount nodes { id country person { id distinctIds } userActions(first: 3) { name } stringProperties { key value } } } }',
  '{ persons(first: 5) { nodes { id lastSeenAt recordings(first: 2) { totalCount nodes { id viewed viewers } } } } }',
  '{ userSessionStats(groupBy: [COUNTRY]) { dimensions { country } count p95: percentile(field: DURATION, p: 95) } }',
  '{ funnel(steps: [{ type: { eq: LOAD } }, { type: { eq: XHR } }]) { step sessions } }',
  '{ userSessions(first: 501) { totalCount } }',
  '{ userSession(id: "not-an-id") { id } }',
];

describe('queries on worker threads', () => {
  it.each(QUERIES)('answer exactly as on the main thread: %s', async (query) => {
    const [pooled, inline] = await Promise.all([gql(urls.pooled, query), gql(urls.inline, query)]);
    expect(pooled.data).toEqual(inline.data);
    expect(pooled.errors?.map((e: Json) => [e.message, e.path, e.extensions])).toEqual(
      inline.errors?.map((e: Json) => [e.message, e.path, e.extensions]),
    );
    expect(pooled.extensions.sql.statements).toBe(inline.extensions.sql.statements);
  });

  it("keep each key's project and viewer", async () => {
    const query = '{ userSessions { totalCount } }';
    const a = await gql(urls.pooled, query, keyA);
    const b = await gql(urls.pooled, query, keyB);
    const count = (project: string) =>
      (store.sqlite.prepare('select count(*) n from user_sessions where project = ?').get(project) as { n: number }).n;
    expect(a.data.userSessions.totalCount).toBe(count('default'));
    expect(b.data.userSessions.totalCount).toBe(count('b'));

    const id = (store.sqlite.prepare("select id from recordings where project = 'default' limit 1").get() as { id: string }).id;
    const marked = await gql(urls.pooled, `mutation { markRecordingViewed(id: "${id}") { id } }`);
    expect(marked.data.markRecordingViewed.id).toBe(id);
    // The write happened on the main thread; a worker's own connection reads it.
    const seen = await gql(urls.pooled, `{ recording(id: "${id}") { viewed } }`);
    expect(seen.data.recording.viewed).toBe(true);
    const other = await gql(urls.pooled, `{ recording(id: "${id}") { viewed viewers } }`, createKey(store, { project: 'default', name: 'cy' }).key);
    expect(other.data.recording).toMatchObject({ viewed: false });
    expect(other.data.recording.viewers).toContain('ada');
  });
});

describe('answers from a worker as JSON text', () => {
  it('go out as the data and the extensions, fields in the order of the query', async () => {
    const response = await post(urls.pooled, QUERIES[0]!);
    expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    const text = await response.text();
    expect(text).toMatch(/^\{"data":\{"userSessions":\{.*\}\},"extensions":\{"sql":\{"statements":\d+,"ms":[0-9.e-]+\}\}\}$/);
    const body = JSON.parse(text) as Json;
    expect(body.data).toEqual((await gql(urls.inline, QUERIES[0]!)).data);
    expect(Object.keys(body.data.userSessions.nodes[0])).toEqual(['id', 'country', 'person', 'userActions', 'stringProperties']);
  });

  it('keep their text, parse it only when read, and serialize plainly once copied', () => {
    const result = jsonResult('{"a":[1,"x"]}');
    const stringify = result.stringify!;
    expect(stringify(result)).toBe('{"data":{"a":[1,"x"]}}');
    const extended = withExtensions(result, { sql: { statements: 2 } });
    expect(stringify(extended)).toBe('{"data":{"a":[1,"x"]},"extensions":{"sql":{"statements":2}}}');
    expect(result.data).toEqual({ a: [1, 'x'] });
    // Yoga copies a result with errors to strip their internals: the copy's data is a plain value.
    const copy = { ...result, data: { a: [2] }, errors: [{ message: 'm' }] };
    expect(JSON.parse(stringify(copy as never))).toEqual({ data: { a: [2] }, errors: [{ message: 'm' }] });
  });
});

/**
 * Filters and orderings sent as variables, as every typed client and gateway sends them.
 * graphql-jit compiled the coercion of a self-referencing input type (and/or/not) without end:
 * the worker spun at 100% CPU up to 4 GB and died, and the request never answered (issue 12,
 * finding 2); and it lost input field defaults inside lists.
 */
describe('variables of self-referencing input types on the workers', () => {
  const CASES: [string, string, Json][] = [
    ['UserSessionFilter', 'query($f: UserSessionFilter) { userSessions(first: 2, filter: $f) { totalCount nodes { id country } } }', { f: { country: { eq: 'Germany' } } }],
    ['PersonFilter {}', 'query($f: PersonFilter) { persons(first: 3, filter: $f) { totalCount } }', { f: {} }],
    [
      'or/not nested',
      'query($f: UserSessionFilter) { userSessions(first: 5, filter: $f) { totalCount } }',
      { f: { or: [{ country: { eq: 'Germany' } }, { not: { duration: { lt: 60000 } } }] } },
    ],
    [
      'a filter inside a list of inputs (funnel steps)',
      'query($s: [UserActionFilter!]!) { funnel(steps: $s) { step sessions } }',
      { s: [{ type: { eq: 'LOAD' } }, { or: [{ type: { eq: 'XHR' } }] }] },
    ],
    ['a default value', 'query($f: UserSessionFilter = { hasError: { eq: true } }) { userSessions(filter: $f) { totalCount } }', {}],
    // graphql-jit dropped the default of `direction` inside a list of input objects.
    ['an ordering relying on an input field default', 'query($o: [UserSessionOrder!]) { userSessions(first: 5, orderBy: $o) { nodes { id duration } } }', { o: [{ field: 'DURATION' }] }],
  ];

  it.each(CASES)('%s: answers as the main thread does', async (_name, query, variables) => {
    const send = (url: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keyA}` }, body: JSON.stringify({ query, variables }) }).then(
        (r) => r.json() as Promise<Json>,
      );
    const [pooled, inline] = await Promise.all([send(urls.pooled), send(urls.inline)]);
    expect(pooled.errors).toBeUndefined();
    expect(pooled.data).toEqual(inline.data);
  });

  it('enum members given by their wire values (Load, Xhr) answer as their names do, on the workers as on the main thread', async () => {
    const query = 'query($t: UserActionType!, $s: [UserActionFilter!]!) { first: userActions(filter: { type: { eq: $t } }) { totalCount } funnel(steps: $s) { step sessions } }';
    const send = (url: string, variables: Json) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keyA}` }, body: JSON.stringify({ query, variables }) }).then(
        (r) => r.json() as Promise<Json>,
      );
    const byName = { t: 'LOAD', s: [{ type: { eq: 'LOAD' } }, { type: { in: ['XHR', 'CUSTOM'] } }] };
    const byWire = { t: 'Load', s: [{ type: { eq: 'Load' } }, { type: { in: ['Xhr', 'Custom'] } }] };
    const [named, pooled, inline] = await Promise.all([send(urls.pooled, byName), send(urls.pooled, byWire), send(urls.inline, byWire)]);
    expect(named.errors).toBeUndefined();
    expect(named.data.first.totalCount).toBeGreaterThan(0);
    expect(named.data.funnel[1].sessions).toBeGreaterThan(0);
    expect(pooled.errors).toBeUndefined();
    expect(pooled.data).toEqual(named.data);
    expect(inline.data).toEqual(named.data);
    // Neither a name nor a wire value: graphql-js' own error, naming the value.
    const wrong = await send(urls.pooled, { t: 'load', s: [] });
    expect(wrong.errors?.[0]?.message).toMatch(/"load".*UserActionType/);
  });

  it('a variable that does not coerce gets graphql-js’ own error, without reaching a worker', async () => {
    const query = 'query($f: UserSessionFilter) { userSessions(first: 2, filter: $f) { totalCount } }';
    const bad = { f: { country: { eq: 5 }, nope: 1 } };
    const send = (url: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keyA}` }, body: JSON.stringify({ query, variables: bad }) }).then(
        async (r) => ({ status: r.status, body: (await r.json()) as Json }),
      );
    const [pooled, inline] = await Promise.all([send(urls.pooled), send(urls.inline)]);
    expect(pooled.body.errors?.length).toBeGreaterThan(0);
    expect(pooled).toEqual(inline);
  });
});

describe('one moment per request', () => {
  it('the worker judges expiry at the moment the main thread took for the request (a pinned clock reaches it)', async () => {
    const query = '{ recordings(first: 1, filter: { expired: { eq: false } }) { totalCount } }';
    const now = (await gql(urls.pooled, query)).data.recordings.totalCount as number;
    expect(now).toBeGreaterThan(0);
    // Every seeded recording ends before 2030 and expires within a year: none is served in 2032.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date(Date.UTC(2032, 0, 1)));
      const [pooled, inline] = await Promise.all([gql(urls.pooled, query), gql(urls.inline, query)]);
      expect(inline.data.recordings.totalCount).toBe(0);
      expect(pooled.data.recordings.totalCount).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('field order', () => {
  it('follows the query on the main thread as on the workers (fields resolved later included)', async () => {
    const query = '{ persons(first: 3) { nodes { id distinctIds uuid recordings(first: 1) { totalCount } createdAt } } }';
    const [pooled, inline] = await Promise.all([post(urls.pooled, query), post(urls.inline, query)]);
    const keys = (body: Json) => body.data.persons.nodes.map((n: Json) => Object.keys(n).join(','));
    const [p, i] = [(await pooled.json()) as Json, (await inline.json()) as Json];
    expect(keys(i)).toEqual(keys(p));
    for (const k of keys(i)) expect(k).toBe('id,distinctIds,uuid,recordings,createdAt');
  });
});
