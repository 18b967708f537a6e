/**
 * GraphQL is served at exactly one path, and the key check is decided on the route the request
 * is served by. Yoga would answer GraphQL on any URL ending in its endpoint: `POST
 * /health/live?a=/graphql` once ran as project default, read-write, with auth required. Every
 * request here is written on a raw socket, so neither fetch nor URL parsing in the test tidies
 * the request target before the server sees it.
 */
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../src/db/keys.js';
import { openStore, type Store } from '../src/db/open.js';
import { seedStore } from '../src/seed/seed.js';
import { expectNoLeak, listen, storeState, type Json, type Running } from './helpers/security.js';

let store: Store;
let app: Running;
let key = '';
let recordingId = '';
/** The same store with GraphQL served at /api/graphql (`graphqlPath`, the CLI's --graphql-path). */
let custom: Running;
const CUSTOM_PATH = '/api/graphql';

beforeAll(async () => {
  store = openStore(join(mkdtempSync(join(tmpdir(), 'sessiongraph-routes-')), 'store.db'));
  await seedStore(store, { persons: 5, seed: 3, end: new Date(Date.UTC(2030, 0, 1)) });
  key = createKey(store, { project: 'default', name: 'ada' }).key;
  recordingId = (store.sqlite.prepare('select id from recordings order by id limit 1').get() as { id: string }).id;
  app = await listen({ store, auth: 'required' });
  custom = await listen({ store, auth: 'required', graphqlPath: CUSTOM_PATH });
});

afterAll(async () => {
  await app?.close();
  await custom?.close();
  store?.close();
});

interface RawAnswer {
  status: number;
  text: string;
  body: Json | undefined;
}

/** One HTTP/1.1 request exactly as written, on its own connection. */
function send(method: string, target: string, options: { key?: string; body?: string; accept?: string; to?: Running } = {}): Promise<RawAnswer> {
  const body = options.body ?? '';
  const lines = [
    `${method} ${target} HTTP/1.1`,
    'Host: 127.0.0.1',
    `Accept: ${options.accept ?? 'application/json'}`,
    'Connection: close',
    ...(options.key ? [`Authorization: Bearer ${options.key}`] : []),
    ...(body ? ['Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`] : []),
  ];
  return new Promise((resolve, reject) => {
    const socket = connect((options.to ?? app).port, '127.0.0.1', () => socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`));
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      const head = text.slice(0, text.indexOf('\r\n\r\n'));
      let payload = text.slice(head.length + 4);
      if (/^transfer-encoding:\s*chunked/im.test(head)) payload = dechunk(payload);
      let parsed: Json | undefined;
      try {
        parsed = JSON.parse(payload) as Json;
      } catch {
        parsed = undefined;
      }
      resolve({ status, text, body: parsed });
    });
  });
}

function dechunk(text: string): string {
  let out = '';
  for (let at = 0; ; ) {
    const eol = text.indexOf('\r\n', at);
    const size = Number.parseInt(text.slice(at, eol), 16);
    if (!size) return out;
    out += text.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
}

/** Health paths and GraphiQL's files have handlers of their own (405 for POST), never GraphQL. */
const ownHandler = (target: string) => /^\/(health(\/live|\/ready)?|graphiql\/[\w.-]+)(\?|$)/.test(target);
/** What a failed expectation shows of an answer (an asset is long). */
const shown = (r: RawAnswer) => r.text.slice(0, 500);

const deleting = () => JSON.stringify({ query: `mutation { deleteRecording(id: "${recordingId}") }` });
const reading = '{ recordings(first: 5) { totalCount nodes { id startUrl } } persons(first: 5) { nodes { id properties } } }';

/** Path, query-string, encoding, trailing-slash, case and dot-segment variants of the endpoint. */
const NOT_THE_ENDPOINT = [
  '/health/live?a=/graphql',
  '/health?a=/graphql',
  '/health/ready?/graphql',
  '/health/live/..%2Fgraphql',
  '/graphql/',
  '/GRAPHQL',
  '/GraphQL',
  '/%67raphql',
  '/%2Fgraphql',
  '/graphql%2F',
  '/graphql%00',
  '/graphql%20',
  '/graphql;a=b',
  '/graphql.json',
  '//graphql',
  '/x/graphql',
  '/health/graphql',
  '/graphiql/graphql',
  '/graphiql/graphiql.min.js?/graphql',
  '/?/graphql',
  '/?query=x&/graphql',
];

/** Targets that a URL parser turns into exactly /graphql: the endpoint itself, so the key is required. */
const THE_ENDPOINT = ['/graphql', '/./graphql', '/x/../graphql', '/ingest/posthog/../../graphql', '/graphql?/health/live'];

describe('without a key (auth required)', () => {
  it.each(NOT_THE_ENDPOINT)('POST %s: 404, nothing runs', async (target) => {
    const before = storeState(store);
    const r = await send('POST', target, { body: deleting() });
    expect(r.status, shown(r)).toBe(ownHandler(target) ? 405 : 404);
    expect(r.body?.data, shown(r)).toBeUndefined();
    if (!ownHandler(target)) expect(r.body?.errors?.[0]?.extensions?.code, shown(r)).toBe('NOT_FOUND');
    expect(storeState(store)).toEqual(before);
  });

  it.each(NOT_THE_ENDPOINT)('GET %s with a query: 404, shows nothing', async (target) => {
    const joiner = target.includes('?') ? '&' : '?';
    const r = await send('GET', `${target}${joiner}query=${encodeURIComponent(reading)}`);
    if (ownHandler(target) && target.startsWith('/health')) expect(r.body, shown(r)).toEqual({ status: 'ok' });
    else if (!ownHandler(target)) expect(r.status, shown(r)).toBe(404);
    expect(r.body?.data, shown(r)).toBeUndefined();
    expect(shown(r)).not.toContain(recordingId);
  });

  it.each(THE_ENDPOINT)('POST %s: 401, nothing runs', async (target) => {
    const before = storeState(store);
    const r = await send('POST', target, { body: deleting() });
    expect(r.status, shown(r)).toBe(401);
    expect(r.body?.data, shown(r)).toBeUndefined();
    expect(storeState(store)).toEqual(before);
  });

  it.each(['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'FOO'])('%s /graphql: refused, nothing runs', async (method) => {
    const before = storeState(store);
    const r = await send(method, '/graphql', { body: deleting() });
    // OPTIONS is a CORS preflight: 204 with headers only.
    expect([204, 400, 401, 404, 405], shown(r)).toContain(r.status);
    expect(r.body?.data, shown(r)).toBeUndefined();
    expect(storeState(store)).toEqual(before);
  });

  it('absolute-form and asterisk targets run nothing', async () => {
    const before = storeState(store);
    for (const target of [`http://127.0.0.1:${app.port}/graphql`, `http://evil.example/health/live?/graphql`, '*']) {
      const r = await send('POST', target, { body: deleting() });
      expect(r.body?.data, `${target}: ${shown(r)}`).toBeUndefined();
      expect([400, 401, 404], `${target}: ${shown(r)}`).toContain(r.status);
    }
    expect(storeState(store)).toEqual(before);
  });

  it('health, GraphiQL page and assets stay public; a query on the page runs nowhere', async () => {
    for (const path of ['/health', '/health/live', '/health/ready']) {
      const r = await send('GET', path);
      expect(r.status, `${path}: ${shown(r)}`).toBe(200);
      expect(r.body).toEqual({ status: 'ok' });
    }
    const page = await send('GET', `/graphql?query=${encodeURIComponent(reading)}`, { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<html/i);
    expect(page.text).not.toContain(recordingId);
    const post = await send('POST', '/health/live', { body: deleting() });
    expect(post.status, post.text).toBe(405);
  });
});

describe('with a valid key', () => {
  it('the endpoint itself answers', async () => {
    const r = await send('POST', '/graphql', { key, body: JSON.stringify({ query: reading }) });
    expect(r.status, shown(r)).toBe(200);
    const ids = (r.body?.data?.recordings?.nodes ?? []).map((n: Json) => n.id as string);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(store.sqlite.prepare('select 1 from recordings where id = ?').get(id), id).toBeDefined();
  });

  it.each(NOT_THE_ENDPOINT)('POST %s: 404 with a clear message, nothing runs', async (target) => {
    const before = storeState(store);
    const r = await send('POST', target, { key, body: deleting() });
    expect(r.status, shown(r)).toBe(ownHandler(target) ? 405 : 404);
    if (!ownHandler(target)) expect(r.body?.errors?.[0]?.message, shown(r)).toMatch(/GraphQL is served at \/graphql/);
    expect(r.body?.data, shown(r)).toBeUndefined();
    expectNoLeak(r.text, target, [target, decodeURIComponent(target.replace(/%00/g, ''))]);
    expect(storeState(store)).toEqual(before);
  });

  it('a query string ending in the health path is still GraphQL, not yoga’s empty health answer', async () => {
    const r = await send('GET', `/graphql?query=${encodeURIComponent('{ __typename }')}&x=/health/live`, { key });
    expect(r.status, shown(r)).toBe(200);
    expect(r.body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('methods other than GET and POST, with a valid key', () => {
  it.each(['PUT', 'PATCH', 'DELETE', 'FOO'])('%s /graphql with a mutation: refused, nothing runs', async (method) => {
    const before = storeState(store);
    const r = await send(method, '/graphql', { key, body: deleting() });
    // Node's HTTP parser refuses a method it does not know (400) before the server sees it.
    expect(r.status, shown(r)).toBe(method === 'FOO' ? 400 : 405);
    expect(r.body?.data, shown(r)).toBeUndefined();
    expectNoLeak(r.text, method);
    expect(storeState(store)).toEqual(before);
  });

  it('GET /graphql with a mutation: 405, nothing runs; the same mutation by POST runs', async () => {
    const before = storeState(store);
    const mutation = `mutation { deleteRecording(id: "${recordingId}") }`;
    const r = await send('GET', `/graphql?query=${encodeURIComponent(mutation)}`, { key });
    expect(r.status, shown(r)).toBe(405);
    expect(r.body?.data, shown(r)).toBeUndefined();
    expect(storeState(store)).toEqual(before);
    // The refusal is about the method: the key may delete, and deletes by POST.
    const spare = (store.sqlite.prepare('select id from recordings order by id desc limit 1').get() as { id: string }).id;
    expect(spare).not.toBe(recordingId);
    const posted = await send('POST', '/graphql', { key, body: JSON.stringify({ query: `mutation { deleteRecording(id: "${spare}") }` }) });
    expect(posted.status, shown(posted)).toBe(200);
    expect(posted.body?.errors, shown(posted)).toBeUndefined();
    expect(store.sqlite.prepare('select 1 from recordings where id = ?').get(spare)).toBeUndefined();
    expect(store.sqlite.prepare('select 1 from recordings where id = ?').get(recordingId)).toBeDefined();
  });
});

describe('a non-default GraphQL path (graphqlPath: /api/graphql), auth required', () => {
  /** The tricks of NOT_THE_ENDPOINT, relative to the new path; /graphql itself is no endpoint now. */
  const NOT_THE_CUSTOM_ENDPOINT = [
    '/graphql',
    '/graphql?/api/graphql',
    '/health/live?a=/api/graphql',
    '/health?a=/api/graphql',
    '/health/live/..%2Fapi%2Fgraphql',
    '/api',
    '/api/',
    '/api/graphql/',
    '/API/GRAPHQL',
    '/api/GraphQL',
    '/Api/graphql',
    '/api/%67raphql',
    '/%61pi/graphql',
    '/api%2Fgraphql',
    '/api/graphql%2F',
    '/api/graphql%00',
    '/api/graphql%20',
    '/api/graphql;a=b',
    '/api/graphql.json',
    '//api/graphql',
    '/api//graphql',
    '/x/api/graphql',
    '/api/x/graphql',
    '/graphiql/graphiql.min.js?/api/graphql',
    '/?/api/graphql',
  ];
  /** Targets a URL parser turns into exactly /api/graphql. */
  const THE_CUSTOM_ENDPOINT = ['/api/graphql', '/api/./graphql', '/x/../api/graphql', '/api/x/../graphql', '/api/graphql?/health/live'];

  it('answers GraphQL there with a key, by POST and by GET', async () => {
    expect(custom.url).toBe(`${custom.base}${CUSTOM_PATH}`);
    const posted = await send('POST', CUSTOM_PATH, { key, body: JSON.stringify({ query: reading }), to: custom });
    expect(posted.status, shown(posted)).toBe(200);
    expect(posted.body?.errors, shown(posted)).toBeUndefined();
    expect(posted.body?.data?.recordings?.nodes?.length, shown(posted)).toBeGreaterThan(0);
    const got = await send('GET', `${CUSTOM_PATH}?query=${encodeURIComponent('{ __typename }')}`, { key, to: custom });
    expect(got.status, shown(got)).toBe(200);
    expect(got.body).toEqual({ data: { __typename: 'Query' } });
  });

  it.each(THE_CUSTOM_ENDPOINT)('POST %s without a key: 401, nothing runs', async (target) => {
    const before = storeState(store);
    const r = await send('POST', target, { body: deleting(), to: custom });
    expect(r.status, shown(r)).toBe(401);
    expect(r.body?.data, shown(r)).toBeUndefined();
    expect(storeState(store)).toEqual(before);
  });

  it('a key of no project is refused there: 401', async () => {
    const r = await send('POST', CUSTOM_PATH, { key: 'sg_not-a-key', body: JSON.stringify({ query: reading }), to: custom });
    expect(r.status, shown(r)).toBe(401);
    expect(r.body?.data, shown(r)).toBeUndefined();
  });

  it.each(NOT_THE_CUSTOM_ENDPOINT)('POST %s with a key: 404 naming /api/graphql, nothing runs', async (target) => {
    const before = storeState(store);
    const r = await send('POST', target, { key, body: deleting(), to: custom });
    expect(r.status, shown(r)).toBe(ownHandler(target) ? 405 : 404);
    if (!ownHandler(target)) {
      expect(r.body?.errors?.[0]?.extensions?.code, shown(r)).toBe('NOT_FOUND');
      expect(r.body?.errors?.[0]?.message, shown(r)).toMatch(/GraphQL is served at \/api\/graphql/);
    }
    expect(r.body?.data, shown(r)).toBeUndefined();
    expectNoLeak(r.text, target, [target, decodeURIComponent(target.replace(/%00/g, ''))]);
    expect(storeState(store)).toEqual(before);
  });

  it.each(NOT_THE_CUSTOM_ENDPOINT)('GET %s with a query and a key: shows nothing', async (target) => {
    const joiner = target.includes('?') ? '&' : '?';
    const r = await send('GET', `${target}${joiner}query=${encodeURIComponent(reading)}`, { key, to: custom });
    if (!ownHandler(target)) expect(r.status, shown(r)).toBe(404);
    expect(r.body?.data, shown(r)).toBeUndefined();
    expect(shown(r)).not.toContain(recordingId);
  });

  it('the GraphiQL page is served at the new path (and talks to it), not at /graphql; health stays public', async () => {
    const page = await send('GET', CUSTOM_PATH, { accept: 'text/html', to: custom });
    expect(page.status, shown(page)).toBe(200);
    expect(page.text).toMatch(/<html/i);
    expect(page.text).toContain(CUSTOM_PATH);
    const old = await send('GET', '/graphql', { accept: 'text/html', to: custom });
    expect(old.status, shown(old)).toBe(404);
    expect(old.text).not.toMatch(/<html/i);
    const live = await send('GET', '/health/live', { to: custom });
    expect(live.status, shown(live)).toBe(200);
  });

  it.each(['PUT', 'PATCH', 'DELETE', 'FOO'])('%s /api/graphql with a key and a mutation: refused, nothing runs', async (method) => {
    const before = storeState(store);
    const r = await send(method, CUSTOM_PATH, { key, body: deleting(), to: custom });
    expect(r.status, shown(r)).toBe(method === 'FOO' ? 400 : 405);
    expect(r.body?.data, shown(r)).toBeUndefined();
    expect(storeState(store)).toEqual(before);
  });
});
