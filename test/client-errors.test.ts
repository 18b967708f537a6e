/**
 * Client mistakes are client errors: over real HTTP (the yoga server with its default read
 * workers, auth required, two projects in one SQLite file), every bad input — written inline and
 * sent as variables, as typed clients and gateways send them — answers BAD_USER_INPUT with a
 * message naming the field and the reason, never INTERNAL_SERVER_ERROR, and nothing of the
 * server (stack, paths, SQL) in the body. Cursors are opaque: sealed per project, they show no row
 * ids, cannot be forged or moved to another project, and still page every row exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../src/db/keys.js';
import { openStore, type Store } from '../src/db/open.js';
import { seedStore } from '../src/seed/seed.js';
import { MAX_MATCH_TEXT } from '../src/graphql/filters.js';
import { MAX_REPRESENTATIONS } from '../src/graphql/federation.js';
import { QUERY_LIMITS } from '../src/graphql/limits.js';
import { SEED_END } from './graphql-helpers/server.js';
import { expectNoLeak, listen, postGraphql, type Answer, type Json, type Running } from './helpers/security.js';

type Project = 'a' | 'b';
const PROJECTS: Project[] = ['a', 'b'];

let dir: string;
let store: Store;
let app: Running;
let federation: Running;
const keys = {} as Record<Project, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sessiongraph-client-errors-'));
  store = openStore(join(dir, 'store.db'));
  for (const p of PROJECTS) {
    const seeded = await seedStore(store, { project: p, persons: p === 'a' ? 14 : 17, seed: p === 'a' ? 31 : 32, end: SEED_END });
    expect(seeded.rejected).toBe(0);
    keys[p] = createKey(store, { project: p, name: `${p}@client-errors` }).key;
  }
  // Default read workers: requests run as `npm start` runs them.
  app = await listen({ store, auth: 'required' });
  federation = await listen({ store, auth: 'required', federation: true });
});

afterAll(async () => {
  await app?.close();
  await federation?.close();
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const all = <T = Json>(sql: string, ...params: unknown[]): T[] => store.sqlite.prepare(sql).all(...params) as T[];
const SESSION_ID = `tenant_id || ':' || user_session_id || ':' || part_number`;

const send = (query: string, variables?: Json, p: Project = 'a', url = app.url) => postGraphql(url, keys[p], query, variables);

/** The answer is one BAD_USER_INPUT error whose message says each of `says`, and nothing leaked. */
function expectRefused(a: Answer, says: (string | RegExp)[], what: string): void {
  expect(a.status, `${what}: ${a.text.slice(0, 500)}`).toBe(200);
  expect(a.body, `${what}: ${a.text.slice(0, 500)}`).toBeDefined();
  const errors = a.body!.errors as Json[] | undefined;
  expect(errors?.length, `${what}: ${a.text.slice(0, 500)}`).toBeGreaterThan(0);
  for (const error of errors!) {
    expect(error.extensions?.code, `${what}: ${a.text.slice(0, 1000)}`).toBe('BAD_USER_INPUT');
  }
  for (const s of says) expect(errors![0]!.message, what).toMatch(typeof s === 'string' ? new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : s);
  expect(a.text, what).not.toMatch(/INTERNAL_SERVER_ERROR|Unexpected error/);
  expect(a.text, what).not.toMatch(/node_modules|"stack"|\bat [\w.<>]+ \(/);
  expectNoLeak(a.text, what);
}

/**
 * A filter case, sent twice: inline (the filter written as a GraphQL literal) and as a variable
 * of its input type.
 */
interface FilterCase {
  name: string;
  field: 'userSessions' | 'userActions' | 'persons';
  type: string;
  filter: Json;
  says: (string | RegExp)[];
}

/** A JSON value as a GraphQL literal (enum values are written bare when `enums` names them). */
function literal(value: unknown, enumKeys: ReadonlySet<string> = new Set(), key = ''): string {
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, enumKeys, key)).join(', ')}]`;
  if (value && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${literal(v, enumKeys, k)}`).join(', ')} }`;
  if (typeof value === 'number' && !Number.isFinite(value)) return value > 0 ? '1e999' : '-1e999';
  if (typeof value === 'string' && enumKeys.has(key)) return value;
  return JSON.stringify(value);
}

async function bothWays(c: FilterCase): Promise<void> {
  const selection = c.field === 'userActions' ? 'totalCount nodes { name }' : 'totalCount nodes { id }';
  const inline = await send(`{ ${c.field}(first: 2, filter: ${literal(c.filter)}) { ${selection} } }`);
  expectRefused(inline, c.says, `${c.name} (inline)`);
  const variables = await send(`query($f: ${c.type}) { ${c.field}(first: 2, filter: $f) { ${selection} } }`, { f: c.filter });
  expectRefused(variables, c.says, `${c.name} (variables)`);
}

// ------------------------------------------------------------------ filters

describe('filter mistakes are BAD_USER_INPUT naming the field and the reason', () => {
  const long = (n: number) => 'x'.repeat(n);

  it(`a contains/startsWith text over ${MAX_MATCH_TEXT} characters (a 50,000-character contains failed inside SQLite)`, async () => {
    const cases: FilterCase[] = [
      { name: 'contains 50,000', field: 'userSessions', type: 'UserSessionFilter', filter: { country: { contains: long(50_000) } }, says: ['country.contains', '50000 characters', `limit of ${MAX_MATCH_TEXT}`] },
      { name: 'contains one over', field: 'userSessions', type: 'UserSessionFilter', filter: { browserFamily: { contains: long(MAX_MATCH_TEXT + 1) } }, says: ['browserFamily.contains', `limit of ${MAX_MATCH_TEXT}`] },
      { name: 'startsWith under and/not', field: 'userActions', type: 'UserActionFilter', filter: { and: [{ not: { name: { startsWith: long(60_000) } } }] }, says: ['and[0].not.name.startsWith', `limit of ${MAX_MATCH_TEXT}`] },
      { name: 'a property contains', field: 'userSessions', type: 'UserSessionFilter', filter: { property: [{ key: 'plan', string: { contains: long(50_000) } }] }, says: ['property[0].string.contains', `limit of ${MAX_MATCH_TEXT}`] },
      { name: 'a session dimension of an action', field: 'userActions', type: 'UserActionFilter', filter: { session: { country: { startsWith: long(50_000) } } }, says: ['session.country.startsWith'] },
      { name: 'distinctId contains', field: 'persons', type: 'PersonFilter', filter: { distinctId: { contains: long(50_000) } }, says: ['distinctId.contains'] },
    ];
    for (const c of cases) await bothWays(c);
    // At the limit, it is answered.
    const r = await send('query($f: UserSessionFilter) { userSessions(first: 2, filter: $f) { totalCount } }', { f: { country: { contains: long(MAX_MATCH_TEXT) } } });
    expect(r.body?.errors, r.text).toBeUndefined();
    expect(r.body?.data?.userSessions?.totalCount).toBe(0);
  });

  it(`four in-lists of ${QUERY_LIMITS.inValues} values answer correctly (each list is one SQL parameter; they overflowed SQLite's variables)`, async () => {
    const durations = Array.from({ length: QUERY_LIMITS.inValues }, (_, i) => i * 10);
    const countries = [...all<{ country: string }>(`select distinct country from user_sessions where country is not null`).map((r) => r.country)];
    const filter = {
      duration: { notIn: Array.from({ length: QUERY_LIMITS.inValues }, (_, i) => -1 - i) },
      country: { in: [...countries, ...Array.from({ length: QUERY_LIMITS.inValues - countries.length }, (_, i) => `nowhere-${i}`)] },
      userSessionId: { notIn: Array.from({ length: QUERY_LIMITS.inValues }, (_, i) => `no-such-session-${i}`) },
      totalErrorCount: { in: Array.from({ length: QUERY_LIMITS.inValues }, (_, i) => i) },
      or: [{ duration: { in: durations } }, { duration: { gte: 0 } }],
    };
    const r = await send('query($f: UserSessionFilter) { userSessions(first: 500, filter: $f) { totalCount nodes { id } } }', { f: filter });
    expect(r.body?.errors, r.text.slice(0, 1000)).toBeUndefined();
    const expected = all<{ id: string }>(
      `select ${SESSION_ID} as id from user_sessions where project = 'a' and duration >= 0 and country is not null and total_error_count between 0 and ${QUERY_LIMITS.inValues - 1}`,
    ).map((x) => x.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(r.body!.data!.userSessions.totalCount).toBe(expected.length);
    expect((r.body!.data!.userSessions.nodes as Json[]).map((n) => n.id).sort()).toEqual(expected.sort());

    // Inline (a document has at most QUERY_LIMITS.tokens tokens, so shorter lists), and with
    // enums, booleans and dates, which are encoded as their columns store them.
    const inline = await send(`{
      userSessions(first: 500, filter: {
        duration: { notIn: [${Array.from({ length: 1000 }, (_, i) => -1 - i).join(', ')}] }
        totalErrorCount: { in: [${Array.from({ length: 1000 }, (_, i) => i).join(', ')}] }
        userType: { in: [REAL_USER, SYNTHETIC, ROBOT] }
        bounce: { in: [true, false] }
        startTime: { notIn: ["2001-01-01T00:00:00Z"] }
      }) { totalCount }
    }`);
    expect(inline.body?.errors, inline.text.slice(0, 1000)).toBeUndefined();
    const inlineExpected = all<{ n: number }>(
      `select count(*) as n from user_sessions where project = 'a' and duration >= 0 and total_error_count between 0 and 999 and user_type in ('REAL_USER', 'SYNTHETIC', 'ROBOT') and bounce in (0, 1) and start_time <> ${Date.parse('2001-01-01T00:00:00Z')}`,
    )[0]!.n;
    expect(inline.body!.data!.userSessions.totalCount).toBe(inlineExpected);
  });

  it(`an in-list of more than ${QUERY_LIMITS.inValues} values is refused naming the list`, async () => {
    const tooMany = Array.from({ length: QUERY_LIMITS.inValues + 1 }, (_, i) => i);
    const r = await send('query($f: UserSessionFilter) { userSessions(first: 2, filter: $f) { totalCount } }', { f: { and: [{ duration: { in: tooMany } }] } });
    expectRefused(r, ['and[0].duration.in', `${QUERY_LIMITS.inValues + 1}`, `limit of ${QUERY_LIMITS.inValues}`], 'in-list over the limit (variables)');
    // Inline, so long a list is over the document's token limit first: still a coded client error.
    const inline = await send(`{ userSessions(first: 2, filter: { duration: { in: [${tooMany.join(', ')}] } }) { totalCount } }`);
    expect(inline.status).toBeLessThan(500);
    expect(inline.body?.errors?.[0]?.extensions?.code, inline.text.slice(0, 500)).not.toBe('INTERNAL_SERVER_ERROR');
    expect(inline.body?.errors?.[0]?.message).toMatch(/token/i);
    expectNoLeak(inline.text, 'in-list over the limit (inline)');
  });

  it('a number that is not finite (1e999 is Infinity) is refused, not bound to SQL or dropped from a list', async () => {
    const cases: FilterCase[] = [
      { name: 'Float gt Infinity', field: 'userActions', type: 'UserActionFilter', filter: { cumulativeLayoutShift: { gt: Infinity } }, says: ['cumulativeLayoutShift.gt', 'not a finite number'] },
      { name: 'Float in [-Infinity]', field: 'userActions', type: 'UserActionFilter', filter: { cumulativeLayoutShift: { in: [0.1, -Infinity] } }, says: ['cumulativeLayoutShift.in[1]', 'not a finite number'] },
      { name: 'double property', field: 'userSessions', type: 'UserSessionFilter', filter: { property: [{ key: 'cartvalue', double: { lte: Infinity } }] }, says: ['property[0].double.lte', 'not a finite number'] },
    ];
    // JSON has no Infinity: variables cannot carry one, so these are inline only.
    for (const c of cases) expectRefused(await send(`{ ${c.field}(first: 2, filter: ${literal(c.filter)}) { totalCount } }`), c.says, c.name);
  });
});

describe('conditions that would say nothing', () => {
  it('an empty operator object, a property condition without a condition or with two, and a value type the key never has are refused with where and why', async () => {
    const cases: FilterCase[] = [
      { name: 'empty operator', field: 'userSessions', type: 'UserSessionFilter', filter: { country: {} }, says: ['"country"', 'empty condition matches everything'] },
      { name: 'empty operator inside or', field: 'userSessions', type: 'UserSessionFilter', filter: { or: [{ duration: { gt: 5 } }, { browserFamily: {} }] }, says: ['"or[1].browserFamily"', 'empty condition'] },
      { name: 'empty not', field: 'userActions', type: 'UserActionFilter', filter: { not: {} }, says: ['"not"', 'empty condition'] },
      { name: 'property without a condition', field: 'userSessions', type: 'UserSessionFilter', filter: { property: [{ key: 'plan' }] }, says: ['"property[0]"', 'key "plan"', 'give a condition'] },
      { name: 'property with two conditions', field: 'userSessions', type: 'UserSessionFilter', filter: { property: [{ key: 'plan', string: { eq: 'pro' }, exists: true }] }, says: ['give one condition'] },
      { name: 'property of another type', field: 'userSessions', type: 'UserSessionFilter', filter: { property: [{ key: 'plan', long: { gt: 1 } }] }, says: ['key "plan"', 'holds string values in this project, not long', 'string: {'] },
      { name: 'action property of another type', field: 'userActions', type: 'UserActionFilter', filter: { property: [{ key: 'cartvalue', string: { eq: '10' } }] }, says: ['key "cartvalue"', 'holds double values'] },
    ];
    for (const c of cases) await bothWays(c);
  });

  it('exists: true / false split the rows by the presence of a property; an unknown key is simply no match', async () => {
    const q = `query($f: UserSessionFilter) { userSessions(first: 1, filter: $f) { totalCount } }`;
    const count = async (f: Json) => {
      const r = await send(q, { f });
      expect(r.body?.errors, r.text.slice(0, 500)).toBeUndefined();
      return r.body!.data!.userSessions.totalCount as number;
    };
    const withRevenue = all<{ n: number }>(
      `select count(*) n from user_sessions s where project = 'a' and exists (select 1 from session_properties p where p.session_pk = s.pk and p.key = 'revenue')`,
    )[0]!.n;
    const total = all<{ n: number }>(`select count(*) n from user_sessions where project = 'a'`)[0]!.n;
    expect(withRevenue).toBeGreaterThan(0);
    expect(withRevenue).toBeLessThan(total);
    expect(await count({ property: [{ key: 'revenue', exists: true }] })).toBe(withRevenue);
    expect(await count({ property: [{ key: 'revenue', exists: false }] })).toBe(total - withRevenue);
    expect(await count({ property: [{ key: 'no-such-key', long: { gt: 1 } }] })).toBe(0);
  });
});

// ------------------------------------------------------------------ federation

describe('_entities', () => {
  const entities = (representations: Json[], p: Project = 'a') =>
    send('query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on UserSession { id } } }', { r: representations }, p, federation.url);
  const entitiesInline = (representations: string) => send(`{ _entities(representations: ${representations}) { __typename } }`, undefined, 'a', federation.url);

  it('an unknown or non-entity __typename is BAD_USER_INPUT naming it', async () => {
    expectRefused(await entities([{ __typename: 'NoSuchType', id: '1' }]), ['"NoSuchType"', 'not an entity', 'Person'], 'unknown typename (variables)');
    expectRefused(await entitiesInline('[{ __typename: "NoSuchType", id: "1" }]'), ['"NoSuchType"', 'not an entity'], 'unknown typename (inline)');
    expectRefused(await entities([{ __typename: 'Person', id: '1' }, { __typename: 'UserAction', id: '1' }]), ['representation 1', '"UserAction"'], 'a type that is no entity (variables)');
    expectRefused(await entitiesInline('[{ __typename: "Query" }]'), ['"Query"'], 'Query (inline)');
    expectRefused(await entities([{ id: '1' }]), ['__typename missing'], 'no typename');
  });

  it(`${MAX_REPRESENTATIONS} UserSession representations resolve in the caller's project; more are refused`, async () => {
    const own = all<{ id: string }>(`select ${SESSION_ID} as id from user_sessions where project = 'a'`).map((r) => r.id);
    const theirs = all<{ id: string }>(`select ${SESSION_ID} as id from user_sessions where project = 'b'`).map((r) => r.id);
    const ids = Array.from({ length: MAX_REPRESENTATIONS }, (_, i) => (i < own.length ? own[i]! : i < own.length + theirs.length ? theirs[i - own.length]! : `t:missing-${i}:0`));
    const r = await entities(ids.map((id) => ({ __typename: 'UserSession', id })));
    expect(r.body?.errors, r.text.slice(0, 1000)).toBeUndefined();
    const found = (r.body!.data!._entities as (Json | null)[]).map((e) => e?.id ?? null);
    expect(found.filter(Boolean).sort()).toEqual([...own].sort());
    const over = await entities(Array.from({ length: MAX_REPRESENTATIONS + 1 }, (_, i) => ({ __typename: 'UserSession', id: `t:s-${i}:0` })));
    expectRefused(over, [`${MAX_REPRESENTATIONS + 1} representations`, `limit of ${MAX_REPRESENTATIONS}`], 'too many representations');
  });
});

// ------------------------------------------------------------------ cursors

describe('cursors are opaque', () => {
  const PAGE = `query($first: Int, $after: String, $last: Int, $before: String) {
    userSessions(first: $first, after: $after, last: $last, before: $before, orderBy: [{ field: DURATION, direction: DESC }]) {
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }
    }
  }`;
  const page = async (p: Project, variables: Json) => {
    const r = await send(PAGE, variables, p);
    expect(r.body?.errors, r.text.slice(0, 500)).toBeUndefined();
    return r.body!.data!.userSessions as { pageInfo: Json; edges: { cursor: string; node: { id: string } }[] };
  };
  const pks = (p: Project) => all<{ pk: number }>('select pk from user_sessions where project = ?', p).map((r) => r.pk);
  const ids = (p: Project) => all<{ id: string }>(`select ${SESSION_ID} as id from user_sessions where project = ?`, p).map((r) => r.id);

  it('hold no row ids: nothing readable in them, consecutive rows get unrelated cursors', async () => {
    for (const p of PROJECTS) {
      const { edges } = await page(p, { first: 30 });
      const allPks = pks(p);
      for (const { cursor } of edges) {
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        const decoded = Buffer.from(cursor, 'base64url').toString('latin1');
        // Nothing readable: no table or column name, no run of text (random bytes seldom hold 16
        // printable characters in a row), not JSON.
        expect(decoded).not.toMatch(/user_sessions|duration|[\x20-\x7e]{16}/);
        expect(() => JSON.parse(decoded)).toThrow();
        // No row id, in any of the forms a list of values would hold it. A few bytes could match
        // by chance in random bytes, so ids are looked for with their delimiters, from 10 up (four
        // bytes at least: a chance match is about 1 in 10^8 per check); the text check above
        // covers the rest.
        for (const pk of allPks.filter((k) => k >= 10)) {
          for (const form of [`,${pk}]`, `,${pk},`, `[${pk},`]) expect(decoded.includes(form), `pk ${pk} in ${JSON.stringify(decoded)}`).toBe(false);
        }
      }
      for (let i = 1; i < edges.length; i++) {
        const [x, y] = [edges[i - 1]!.cursor, edges[i]!.cursor];
        let common = 0;
        while (common < x.length && x[common] === y[common]) common++;
        expect(common, `${x} / ${y}`).toBeLessThan(6);
        const same = [...x].filter((c, j) => y[j] === c).length;
        expect(same / Math.min(x.length, y.length), `${x} / ${y}`).toBeLessThan(0.25);
      }
      // The same row in the same list gets the same cursor again.
      expect((await page(p, { first: 30 })).edges.map((e) => e.cursor)).toEqual(edges.map((e) => e.cursor));
    }
  });

  it("forward and backward paging still walks every row exactly once, inline and with variables; every page's cursor is refused in the other project", async () => {
    for (const p of PROJECTS) {
      const expected = ids(p).sort();
      const seen: string[] = [];
      let after: string | null = null;
      for (let n = 0; n < 100; n++) {
        const data = n % 2 === 0 ? await page(p, { first: 7, after }) : ((await send(`{ userSessions(first: 7${after ? `, after: "${after}"` : ''}, orderBy: [{ field: DURATION, direction: DESC }]) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`, undefined, p)).body!.data!.userSessions as Json);
        seen.push(...(data.edges as Json[]).map((e) => e.node.id as string));
        if (!data.pageInfo.hasNextPage) break;
        after = data.pageInfo.endCursor as string;
        expect(after, 'endCursor is the last edge cursor').toBe((data.edges as Json[]).at(-1)!.cursor);
        const elsewhere = await send(PAGE, { first: 7, after }, p === 'a' ? 'b' : 'a');
        expect(elsewhere.body?.errors?.[0]?.extensions?.code, elsewhere.text.slice(0, 300)).toBe('BAD_USER_INPUT');
      }
      expect(seen.length).toBe(expected.length);
      expect([...seen].sort()).toEqual(expected);
      const back: string[] = [];
      let before: string | null = null;
      for (let n = 0; n < 100; n++) {
        const data = await page(p, { last: 6, before });
        back.unshift(...data.edges.map((e) => e.node.id));
        if (!data.pageInfo.hasPreviousPage) break;
        before = data.pageInfo.startCursor as string;
      }
      expect(back).toEqual(seen);
    }
  });

  it("a forged, altered or truncated cursor, or another project's, is BAD_USER_INPUT", async () => {
    const { edges } = await page('a', { first: 5 });
    const cursor = edges[2]!.cursor;
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const maxPk = Math.max(...pks('a'), ...pks('b'));
    const forged = {
      // The old format: readable JSON with the global row id.
      'a forged readable cursor': Buffer.from(JSON.stringify(['user_sessions:duration:desc', 1e12, maxPk + 1])).toString('base64url'),
      'a cursor with one character changed': flip(cursor, Math.floor(cursor.length / 2)),
      'a cursor with its last character changed': flip(cursor, cursor.length - 1),
      'a truncated cursor': cursor.slice(0, -4),
      'a cursor cut short': cursor.slice(0, 16),
      'two cursors glued': cursor + edges[3]!.cursor,
      'not base64': `${cursor.slice(0, 10)}!${cursor.slice(11)}`,
    };
    for (const [name, c] of Object.entries(forged)) {
      expectRefused(await send(PAGE, { first: 3, after: c }), ['Invalid cursor in "after"'], `${name} (variables)`);
      expectRefused(await send(`{ userSessions(first: 3, before: ${JSON.stringify(c)}, orderBy: [{ field: DURATION, direction: DESC }]) { edges { node { id } } } }`), ['Invalid cursor in "before"'], `${name} (inline)`);
    }
    // Project a's cursor, sent with project b's key: refused, nothing of either project shown.
    for (const c of [cursor, edges[0]!.cursor]) {
      const r = await send(PAGE, { first: 3, after: c }, 'b');
      expectRefused(r, ['Invalid cursor in "after"', 'this project'], "another project's cursor");
      expect(r.body?.data?.userSessions ?? null).toBeNull();
    }
    // The same cursor still works for its own project.
    const next = await page('a', { first: 3, after: cursor });
    expect(next.edges.map((e) => e.node.id)).toEqual((await page('a', { first: 6 })).edges.slice(3).map((e) => e.node.id));
  });

  it('a nested list takes its own cursors, sealed the same way', async () => {
    const q = `query($after: String) { persons(first: 3) { nodes { userSessions(first: 1, after: $after) { pageInfo { endCursor } edges { cursor } } } } }`;
    const first = await send(q, { after: null });
    expect(first.body?.errors, first.text).toBeUndefined();
    const nested = (first.body!.data!.persons.nodes as Json[]).map((n) => n.userSessions.pageInfo.endCursor as string | null).find(Boolean)!;
    expect(Buffer.from(nested, 'base64url').toString('latin1')).not.toMatch(/user_sessions/);
    expect((await send(q, { after: nested })).body?.errors).toBeUndefined();
    expectRefused(await send(q, { after: nested }, 'b'), ['Invalid cursor in "after"'], 'a nested cursor of another project');
  });
});
