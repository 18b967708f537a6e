/**
 * The query limits over real HTTP: every limit refuses a heavy request before any SQL runs (no
 * statement prepared, `extensions.sql.statements` 0 or absent) with an error that names the limit
 * and its value; a request just inside each limit is served. Validation errors say which argument
 * or value is wrong. An unexpected internal error reaches the client masked, with a request id that
 * is also the x-request-id header and the key to the detail in the server's log. The server answers
 * from the SQLite file, or (vitest project `postgres`) its PostgreSQL copy (test/graphql-helpers/server.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../src/db/open.js';
import { QUERY_LIMITS } from '../src/graphql/limits.js';
import { MAX_PAGE_SIZE } from '../src/graphql/pagination.js';
import { MAX_GROUPS } from '../src/graphql/stats.js';
import { importFile } from '../src/ingest/files.js';
import { fixturePath, FIXTURE_FILES, pinClock, servedStore, TEST_STORE, type Served } from './graphql-helpers/server.js';
import { answer, expectNoLeak, listen, postGraphql, type Answer, type Json, type Running } from './helpers/security.js';
import { servedSql, spyOnServedSql } from './helpers/served-sql.js';

let dir: string;
let store: Store;
/** The store the server answers from: `store` itself, or its PostgreSQL copy (TEST_STORE). */
let served: Served | undefined;
let app: Running;

beforeAll(async () => {
  pinClock();
  dir = mkdtempSync(join(tmpdir(), 'sessiongraph-limits-'));
  store = openStore(join(dir, 'store.db'));
  for (const f of FIXTURE_FILES) expect((await importFile(store, fixturePath(f))).rejected).toBe(0);
  served = await servedStore(store);
  app = await listen({ store: served.served, auth: 'off', debugSql: true });
});
afterAll(async () => {
  await app?.close();
  await served?.close();
  store?.close();
  vi.useRealTimers();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** POSTs the query and counts the SQL statements prepared (or, on PostgreSQL, sent) while the server handled it. */
async function run(query: string, variables?: Json): Promise<Answer & { prepared: number }> {
  const prepare = spyOnServedSql(served!.served);
  try {
    const r = await postGraphql(app.url, undefined, query, variables);
    return { ...r, prepared: prepare.mock.calls.length };
  } finally {
    prepare.mockRestore();
  }
}

/** The request was refused before execution: one error, no data, no SQL. */
function expectRefused(r: Awaited<ReturnType<typeof run>>, what: string): string {
  expect(r.status, `${what}: ${r.text}`).toBeLessThan(500);
  expect(r.body?.errors, `${what}: ${r.text}`).toHaveLength(1);
  expect(r.body?.data ?? null, what).toBeNull();
  expect(r.prepared, `${what}: statements prepared`).toBe(0);
  expect([0, undefined], `${what}: extensions.sql.statements`).toContain(r.body?.extensions?.sql?.statements);
  expectNoLeak(r.text, what);
  return r.body!.errors[0].message as string;
}

function expectServed(r: Awaited<ReturnType<typeof run>>, what: string): void {
  expect(r.status, `${what}: ${r.text}`).toBe(200);
  expect(r.body?.errors, `${what}: ${r.text}`).toBeUndefined();
  expect(r.body?.data, what).toBeTruthy();
}

/** A chain of `n` nested fields (persons → nodes → recordings → nodes → person → …) ending in a leaf. */
function chain(n: number): string {
  const fields = ['persons(first: 1)', 'nodes'];
  const cycle = ['recordings(first: 1)', 'nodes', 'person'];
  for (let i = 0; fields.length < n; i++) fields.push(cycle[i % 3]!);
  let selection = fields.at(-1)!.startsWith('recordings') ? 'totalCount' : 'id';
  for (let k = fields.length - 1; k >= 0; k--) selection = `${fields[k]} { ${selection} }`;
  return `{ ${selection} }`;
}

const RECORDING_LEAVES =
  'id distinctId recordingDuration activeSeconds inactiveSeconds startTime endTime clickCount keypressCount mouseActivityCount consoleLogCount consoleWarnCount consoleErrorCount startUrl retentionPeriodDays expiryTime recordingTtl snapshotSource snapshotLibrary ongoing activityScore hasSummary viewed viewers';

describe('each limit refuses a heavy query before it runs, naming the limit and its value', () => {
  it(`depth: ${QUERY_LIMITS.depth}`, async () => {
    // n nested fields plus the leaf: depth n + 1.
    expectServed(await run(chain(QUERY_LIMITS.depth - 1)), 'at the depth limit');
    const message = expectRefused(await run(chain(QUERY_LIMITS.depth)), 'one level deeper');
    expect(message).toMatch(/depth/i);
    expect(message).toContain(String(QUERY_LIMITS.depth));
    expect(message).toContain(`found ${QUERY_LIMITS.depth + 1}`);
    expect(expectRefused(await run(chain(60)), 'far deeper')).toMatch(new RegExp(`depth limit of ${QUERY_LIMITS.depth}\\b`, 'i'));
  });

  it(`aliases: ${QUERY_LIMITS.aliases}`, async () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: recordings(first: 1) { totalCount }`).join(' ')} }`;
    expectServed(await run(aliased(QUERY_LIMITS.aliases)), 'at the alias limit');
    const message = expectRefused(await run(aliased(QUERY_LIMITS.aliases + 1)), 'one alias more');
    expect(message).toMatch(/alias/i);
    expect(message).toContain(String(QUERY_LIMITS.aliases));
    // Aliases nested in a fragment count too.
    const fragment = `fragment F on SessionRecording { ${Array.from({ length: QUERY_LIMITS.aliases + 1 }, (_, i) => `x${i}: id`).join(' ')} }`;
    expect(expectRefused(await run(`{ recordings(first: 1) { nodes { ...F } } } ${fragment}`), 'aliases in a fragment')).toMatch(/alias/i);
  });

  it(`directives: ${QUERY_LIMITS.directives}`, async () => {
    const directed = (n: number) => `{ recordings(first: 1) { ${'totalCount @include(if: true) '.repeat(n)} } }`;
    expectServed(await run(directed(QUERY_LIMITS.directives)), 'at the directive limit');
    const message = expectRefused(await run(directed(QUERY_LIMITS.directives + 1)), 'one directive more');
    expect(message).toMatch(/directive/i);
    expect(message).toContain(String(QUERY_LIMITS.directives));
  });

  it(`tokens: ${QUERY_LIMITS.tokens}`, async () => {
    // `{ recordings ( first : 1 filter : { id : { in : [` is 15 tokens (commas are not tokens), the
    // closing `] } } ) { totalCount } }` 8: the rest are strings.
    const tokens = (n: number) => `{ recordings(first: 1, filter: { id: { in: [${'"x", '.repeat(n - 23)}] } }) { totalCount } }`;
    expectServed(await run(tokens(QUERY_LIMITS.tokens)), 'at the token limit');
    const message = expectRefused(await run(tokens(QUERY_LIMITS.tokens + 1)), 'one token more');
    expect(message).toMatch(/token/i);
    expect(message).toContain(String(QUERY_LIMITS.tokens));
  });

  it(`complexity: ${QUERY_LIMITS.complexity}, with page sizes as multipliers`, async () => {
    const r = await run(`{ userSessions(first: ${MAX_PAGE_SIZE}) { nodes { userActions(first: ${MAX_PAGE_SIZE}) { name duration } } } }`);
    const message = expectRefused(r, 'sessions × actions');
    expect(message).toMatch(/complexity/i);
    expect(message).toContain(String(QUERY_LIMITS.complexity));
    expect(r.body!.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'complexity', max: QUERY_LIMITS.complexity });
    expect(r.body!.errors[0].extensions.value).toBeGreaterThan(QUERY_LIMITS.complexity);
    // Nested connections multiply too.
    const nested = await run(`{ persons(first: ${MAX_PAGE_SIZE}) { nodes { recordings(first: ${MAX_PAGE_SIZE}) { nodes { id person { userSessions(first: 100) { nodes { id } } } } } } } }`);
    expect(expectRefused(nested, 'persons × recordings × sessions')).toMatch(/complexity/i);
    // The same shape with small pages is served.
    expectServed(await run(`{ userSessions(first: 20) { nodes { userActions(first: 20) { name duration } } } }`), 'small pages');
    // Errors, events and synthetic events (issue 16): their root lists and the lists nested under sessions multiply alike.
    for (const [what, shape] of [
      ['errors × their sessions × errors', `userErrors(first: ${MAX_PAGE_SIZE}) { nodes { session { errors(first: ${MAX_PAGE_SIZE}) { name } } } }`],
      ['sessions × events', `userSessions(first: ${MAX_PAGE_SIZE}) { nodes { events(first: ${MAX_PAGE_SIZE}) { name } } }`],
      ['synthetic events × their sessions × synthetic events', `syntheticEvents(first: ${MAX_PAGE_SIZE}) { nodes { session { syntheticEvents(first: ${MAX_PAGE_SIZE}) { name } } } }`],
    ] as const) {
      expect(expectRefused(await run(`{ ${shape} }`), what)).toMatch(/complexity/i);
    }
    expectServed(await run('{ userErrors(first: 20) { nodes { session { errors(first: 20) { name } events { name } } } } userEvents(first: 20) { nodes { name } } }'), 'small pages');
  });

  it(`breadth: ${QUERY_LIMITS.breadth} selections`, async () => {
    const leaves = RECORDING_LEAVES.split(' ').length;
    const lists = Math.ceil((QUERY_LIMITS.breadth + 1) / leaves) + 1;
    const r = await run(`{ ${Array.from({ length: lists }, (_, i) => `a${i}: recordings(first: 1) { nodes { ${RECORDING_LEAVES} } }`).join(' ')} }`);
    const message = expectRefused(r, 'many selections');
    expect(message).toMatch(/breadth/i);
    expect(message).toContain(String(QUERY_LIMITS.breadth));
  });

  it(`page size: at most ${MAX_PAGE_SIZE}`, async () => {
    for (const [query, argument, root] of [
      [`{ userSessions(first: ${MAX_PAGE_SIZE + 1}) { nodes { id } } }`, 'first', true],
      [`{ recordings(last: ${MAX_PAGE_SIZE + 1}) { nodes { id } } }`, 'last', true],
      [`{ persons(first: 1) { nodes { recordings(first: ${MAX_PAGE_SIZE + 1}) { nodes { id } } } } }`, 'first', false],
      [`{ userSessions(first: 1) { nodes { userActions(first: ${MAX_PAGE_SIZE + 1}) { name } } } }`, 'first', false],
      [`{ userErrors(first: ${MAX_PAGE_SIZE + 1}) { nodes { name } } }`, 'first', true],
      [`{ userEvents(last: ${MAX_PAGE_SIZE + 1}) { nodes { name } } }`, 'last', true],
      [`{ syntheticEvents(first: ${MAX_PAGE_SIZE + 1}) { nodes { name } } }`, 'first', true],
      [`{ userSessions(first: 1) { nodes { errors(first: ${MAX_PAGE_SIZE + 1}) { name } } } }`, 'first', false],
    ] as const) {
      const r = await run(query);
      const message = r.body?.errors?.[0]?.message as string;
      expect(message, `${query}: ${r.text}`).toContain(`"${argument}"`);
      expect(message).toContain(String(MAX_PAGE_SIZE));
      expect(message).toContain(String(MAX_PAGE_SIZE + 1));
      expect(r.status).toBeLessThan(500);
      expectNoLeak(r.text, query);
      // A nested list over the limit may let its parent list run, never the list itself.
      if (root) expectRefused(r, query);
    }
    const stats = await run(`{ userSessionStats(first: ${MAX_GROUPS + 1}) { count } }`);
    expect(expectRefused(stats, 'stats groups')).toContain(String(MAX_GROUPS));
    expectServed(await run(`{ userSessions(first: ${MAX_PAGE_SIZE}) { nodes { id } } }`), 'at the page size limit');
  });

  const query = '{ recordings { totalCount } }';
  /** A JSON GraphQL request of exactly `size` bytes. */
  const body = (size: number) => {
    const base = JSON.stringify({ query, variables: { pad: '' } });
    return JSON.stringify({ query, variables: { pad: 'x'.repeat(size - base.length) } });
  };
  const post = async (payload: string | ReadableStream<Uint8Array>, path = '/graphql') =>
    answer(
      await fetch(`${app.base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: payload,
        ...(typeof payload === 'string' ? {} : { duplex: 'half' }),
      } as RequestInit),
    );
  /** A body sent chunked, without a Content-Length. */
  const stream = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify({ query })));
        controller.close();
      },
    });

  it(`request body: at most ${QUERY_LIMITS.bodyBytes} bytes (413), and it must declare its length (411)`, async () => {
    const prepare = spyOnServedSql(served!.served);
    const at = await post(body(QUERY_LIMITS.bodyBytes));
    expect(at.status, at.text).toBe(200);
    expect(at.body?.data?.recordings?.totalCount).toBeGreaterThan(0);
    prepare.mockClear();

    const over = await post(body(QUERY_LIMITS.bodyBytes + 1));
    expect(over.status, over.text).toBe(413);
    expect(over.body?.errors?.[0]?.message).toContain(String(QUERY_LIMITS.bodyBytes));
    expect(over.body?.data).toBeUndefined();
    const huge = await post(body(8 * QUERY_LIMITS.bodyBytes));
    expect(huge.status).toBe(413);

    const chunked = await post(stream());
    expect(chunked.status, chunked.text).toBe(411);
    expect(chunked.body?.errors?.[0]?.message).toMatch(/Content-Length/i);
    expect(prepare.mock.calls.length, 'no SQL for refused bodies').toBe(0);

    expect(prepare.mock.calls.length, 'no SQL for refused bodies').toBe(0);
  });

  // Yoga answers GraphQL on any path whose URL ends in /graphql (and on /graphql/): the body
  // limits must hold there too.
  it.each(['/graphql/', '/x/graphql', '/graphiql/graphql'])('the body limits hold on %s too', async (path) => {
    const prepare = spyOnServedSql(served!.served);
    const big = await post(body(2 * QUERY_LIMITS.bodyBytes), path);
    expect([404, 405, 413], `${path} with a ${2 * QUERY_LIMITS.bodyBytes}-byte body: ${big.status} ${big.text.slice(0, 200)}`).toContain(big.status);
    const streamed = await post(stream(), path);
    expect([404, 405, 411], `${path} chunked: ${streamed.status} ${streamed.text.slice(0, 200)}`).toContain(streamed.status);
    expect(prepare.mock.calls.length, 'no SQL for refused bodies').toBe(0);
  });

  it('a body that declares more than the limit is refused before it is sent', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(app.url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(QUERY_LIMITS.bodyBytes * 4) } });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"query":');
    });
    expect(status).toBe(413);
  });
});

describe('validation errors say which argument or value is wrong', () => {
  const cases: { name: string; query: string; variables?: Json; says: (string | RegExp)[]; argumentName?: string }[] = [
    { name: 'wrong argument type', query: '{ userSessions(first: "ten") { nodes { id } } }', says: ['Int', '"ten"'] },
    { name: 'Int overflow', query: '{ userSessions(first: 100000000000000000000) { nodes { id } } }', says: ['Int', '100000000000000000000'] },
    { name: 'unknown enum value', query: '{ userSessions(orderBy: [{ field: NOPE }]) { nodes { id } } }', says: ['NOPE', 'UserSessionOrderField'] },
    { name: 'enum value of another enum', query: '{ userSessionStats(groupBy: [NAME]) { count } }', says: ['NAME', 'UserSessionDimension'] },
    { name: 'bad DateTime literal', query: '{ userSessions(filter: { startTime: { gt: "yesterday" } }) { nodes { id } } }', says: ['DateTime', 'yesterday'] },
    { name: 'bad DateTime variable', query: 'query($t: DateTime) { userSessions(filter: { startTime: { gt: $t } }) { nodes { id } } }', variables: { t: '2026-13-45T99:00:00Z' }, says: ['$t', 'DateTime', '2026-13-45T99:00:00Z'] },
    { name: 'wrong variable type', query: 'query($n: Int) { userSessions(first: $n) { nodes { id } } }', variables: { n: 'ten' }, says: ['$n', 'Int', '"ten"'] },
    { name: 'missing required variable', query: 'query($id: ID!) { recording(id: $id) { id } }', variables: {}, says: ['$id', 'ID!', /required|not provided/] },
    { name: 'missing required argument', query: '{ recording { id } }', says: ['"id"', 'ID!'] },
    { name: 'unknown argument', query: '{ recordings(limit: 5) { nodes { id } } }', says: ['"limit"', 'recordings'] },
    { name: 'unknown filter field', query: '{ recordings(filter: { nope: { eq: 1 } }) { nodes { id } } }', says: ['"nope"', 'SessionRecordingFilter'] },
    { name: 'unknown field', query: '{ recordings { nodes { password } } }', says: ['"password"', 'SessionRecording'] },
    { name: 'invalid cursor', query: '{ userSessions(after: "not-a-cursor") { nodes { id } } }', says: ['cursor', '"after"'], argumentName: 'after' },
    { name: 'invalid before cursor', query: '{ recordings(last: 2, before: "%%%") { nodes { id } } }', says: ['cursor', '"before"'], argumentName: 'before' },
    { name: 'bad user session id', query: '{ userSession(id: "not-a-session-id") { id } }', says: ['not-a-session-id', 'tenantId:userSessionId:partNumber'], argumentName: 'id' },
    { name: 'bad person id', query: '{ person(id: "abc") { id } }', says: ['"abc"', 'integer'], argumentName: 'id' },
    { name: 'bad person id for deletion', query: 'mutation { deletePerson(id: "1 OR 1=1") { persons } }', says: ['"1 OR 1=1"', 'integer'], argumentName: 'id' },
    { name: 'negative page size', query: '{ recordings(first: -1) { nodes { id } } }', says: ['"first"', '-1'] },
    { name: 'first and last together', query: '{ recordings(first: 1, last: 1) { nodes { id } } }', says: ['"first"', '"last"'] },
    { name: 'percentile out of range', query: '{ userSessionStats { percentile(field: DURATION, p: 101) } }', says: ['"p"', '101'], argumentName: 'p' },
    { name: 'unknown time zone', query: '{ userSessionStats(interval: DAY, timeZone: "Mars/Olympus_Mons") { count } }', says: ['timeZone', 'Mars/Olympus_Mons'], argumentName: 'timeZone' },
    { name: 'empty funnel', query: '{ funnel(steps: []) { sessions } }', says: ['steps', '0'], argumentName: 'steps' },
    {
      name: 'too many ids in a batch mutation',
      query: `mutation { deleteRecordings(ids: [${Array.from({ length: 101 }, (_, i) => `"r${i}"`).join(', ')}]) { deleted } }`,
      says: ['100', '101'],
      argumentName: 'ids',
    },
  ];

  it.each(cases)('$name', async ({ query, variables, says, argumentName }) => {
    const r = await run(query, variables);
    expect(r.status, r.text).toBeLessThan(500);
    expect(r.body?.errors?.length, r.text).toBeGreaterThan(0);
    const message = r.body!.errors[0].message as string;
    for (const s of says) {
      if (typeof s === 'string') expect(message, r.text).toContain(s);
      else expect(message, r.text).toMatch(s);
    }
    if (argumentName) expect(r.body!.errors[0].extensions?.argumentName, r.text).toBe(argumentName);
    expect(r.body!.errors[0].extensions?.code, r.text).not.toBe('INTERNAL_SERVER_ERROR');
    expectNoLeak(r.text, query, [query, JSON.stringify(variables ?? {})]);
  });

  it('a cursor from another list is refused, not reinterpreted', async () => {
    const page = await postGraphql(app.url, undefined, '{ recordings(first: 1) { pageInfo { endCursor } } }');
    const cursor = page.body?.data?.recordings?.pageInfo?.endCursor as string;
    expect(cursor).toBeTruthy();
    const r = await run(`query($c: String) { userSessions(after: $c) { nodes { id } } }`, { c: cursor });
    expect(r.body?.errors?.[0]?.message, r.text).toMatch(/cursor/i);
    expect(r.body?.errors?.[0]?.extensions?.argumentName).toBe('after');
    // Another order of the same list is another list.
    const reordered = await run(`query($c: String) { recordings(after: $c, orderBy: [{ field: RECORDING_DURATION }]) { nodes { id } } }`, { c: cursor });
    expect(reordered.body?.errors?.[0]?.message, reordered.text).toMatch(/cursor/i);
  });
});

describe('an unexpected internal error', () => {
  let broken: Store;
  let brokenServed: Served | undefined;
  let brokenApp: Running;
  let stderr: string[];
  /** What the store's driver says of the table dropped below: the detail only the log may have. */
  const MISSING_TABLE = { sqlite: /no such table: user_errors/, postgres: /relation "user_errors" does not exist/ }[TEST_STORE];

  beforeAll(async () => {
    broken = openStore(join(dir, 'broken.db'));
    for (const f of FIXTURE_FILES) await importFile(broken, fixturePath(f));
    brokenServed = await servedStore(broken);
    brokenApp = await listen({ store: brokenServed.served, auth: 'off', debugSql: true });
    // The server is up; now a table it reads goes missing (on PostgreSQL, dropped by an admin connection).
    const admin = await servedSql(brokenServed.served, broken.sqlite);
    try {
      await admin.exec('DROP TABLE user_errors');
    } finally {
      await admin.close();
    }
  });
  afterAll(async () => {
    await brokenApp?.close();
    await brokenServed?.close();
    broken?.close();
  });

  async function failing(headers: Record<string, string> = {}) {
    stderr = [];
    const write = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      stderr.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write);
    const r = await postGraphql(brokenApp.url, undefined, '{ userSessions { nodes { id errors { name } } } }', undefined, { headers });
    // The query ran on a read worker, whose stderr reaches this process's asynchronously: keep
    // listening until the log line with the answer's request id has come (bounded).
    const id = r.headers.get('x-request-id') ?? '';
    for (let waited = 0; id && !stderr.join('').includes(id) && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    vi.mocked(process.stderr.write).mockRestore();
    return r;
  }

  function expectMasked(r: Answer): string {
    expect(r.status, r.text).toBeLessThan(500);
    const errors = r.body?.errors as Json[];
    expect(errors?.length, r.text).toBeGreaterThan(0);
    const m = /^Unexpected error \(request id ([^)]+)\)$/.exec(errors[0]!.message as string);
    expect(m, `masked message: ${r.text}`).not.toBeNull();
    const id = m![1]!;
    expect(errors[0]!.extensions, r.text).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: id });
    expect(r.headers.get('x-request-id')).toBe(id);
    expectNoLeak(r.text, 'masked error');
    expect(r.text).not.toMatch(/user_errors|no such table|stack|originalError/i);
    // The log has the detail, under the same id.
    const log = stderr.join('');
    expect(log).toContain(id);
    const line = log.split('\n').find((l) => l.includes(id)) ?? '';
    expect(log.slice(log.indexOf(line))).toMatch(MISSING_TABLE);
    return id;
  }

  it('reaches the client as "Unexpected error (request id …)"; the log has the detail under that id', async () => {
    const r = await failing();
    const id = expectMasked(r);
    // Another failing request gets another id.
    const again = await failing();
    expect(expectMasked(again)).not.toBe(id);
  });

  it('keeps a request id the client sent (bounded), so logs can be correlated', async () => {
    const r = await failing({ 'x-request-id': 'client-trace-0001' });
    expect(expectMasked(r)).toBe('client-trace-0001');
  });

  it('stays masked when NODE_ENV is development', async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    try {
      expectMasked(await failing());
    } finally {
      process.env.NODE_ENV = previous;
    }
  });

  it('the rest of the response and the server keep working', async () => {
    const r = await postGraphql(brokenApp.url, undefined, '{ userSessions { totalCount } }');
    expect(r.status).toBe(200);
    expect(r.body?.data?.userSessions?.totalCount).toBeGreaterThan(0);
    expect((await fetch(`${brokenApp.base}/health`)).status).toBe(200);
  });
});
