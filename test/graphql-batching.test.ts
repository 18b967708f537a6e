/**
 * Batching: with --debug-sql every response carries extensions.sql = {statements, ms}, and the
 * number of statements of a query depends on its shape only, never on how many rows it returns
 * (no N+1): the same nested query at first: 5 and first: 100 runs the same statements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, FIXTURE_FILES, type TestServer } from './graphql-helpers/server.js';


let server: TestServer;
let plain: TestServer;
let naive: TestServer;

beforeAll(async () => {
  // 120 persons: ~120 recordings' owners, ~500 sessions, ~3500 actions, so 100 rows are really 100.
  server = await startServer({ fixtures: FIXTURE_FILES, persons: 120 });
  plain = await startServer({ persons: 2, debugSql: false });
  naive = await startServer({ persons: 30, batch: false });
});
afterAll(async () => {
  await server?.close();
  await plain?.close();
  await naive?.close();
});

describe('the naive variant (--no-batch, for the benchmark)', () => {
  it('runs one statement per parent, so its count grows with the rows returned', async () => {
    const query = (n: number) => `{ userSessions(first: ${n}) { nodes { id person { id } userActions(first: 2) { name } } } }`;
    const few = await naive.gql<Json>(query(5));
    const many = await naive.gql<Json>(query(40));
    expect(few.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    expect(many.data!.userSessions.nodes).toHaveLength(40);
    expect(many.extensions.sql!.statements).toBeGreaterThan(few.extensions.sql!.statements + 40);
  });
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function run(query: string, n: number, on: TestServer = server) {
  const r = await on.gql<Json>(query.replaceAll('$N', String(n)));
  expect(r.errors, query).toBeUndefined();
  expect(r.extensions.sql, 'extensions.sql is reported').toBeDefined();
  return { data: r.data!, sql: r.extensions.sql! };
}

const SESSIONS = `{ userSessions(first: $N, orderBy: [{ field: START_TIME, direction: ASC }]) { totalCount nodes {
  id
  person { distinctIds
    recordings(first: 3) { totalCount nodes { id viewers person { id } } }
    userSessions(first: 2) { nodes { id } }
  }
  userActions(first: 5) { id name session { id } stringProperties { key } doubleProperties { key value } property(key: "cartvalue") { __typename } }
  events { id type }
  errors { id name session { id } }
  syntheticEvents { id name }
  stringProperties { key }
  longProperties { key }
  dateProperties { key }
  plan: property(key: "plan") { ... on StringProperty { value } }
} } }`;

const PERSONS = `{ persons(first: $N) { nodes {
  id distinctIds
  recordings(first: 3) { totalCount nodes { id viewers summaryOutcome { success } person { id distinctIds } } }
  userSessions(first: 2, filter: { hasError: { eq: false } }) { totalCount nodes { id events { type } userActions(first: 2) { name stringProperties { key } } } }
} } }`;

const ACTIONS = `{ userActions(first: $N) { totalCount nodes {
  id name type
  session { id country person { id recordings(first: 2) { totalCount nodes { id } } } }
  stringProperties { key } doubleProperties { value }
} } }`;

/**
 * Events, errors and synthetic events as lists of their own (issue 16), and nested with
 * filter/orderBy. One root list per query: root lists side by side share the session loader, and
 * whether their loads fall into one batch depends on timing, not on the rows.
 */
const CHILDREN = {
  userErrors: `{ userErrors(first: $N, filter: { session: { hasError: { eq: true } } }, orderBy: [{ field: START_TIME, direction: DESC }]) { totalCount nodes {
    id name session { id country person { id } errors(filter: { not: { name: { eq: "HTTP 500" } } }, orderBy: [{ field: START_TIME, direction: DESC }]) { id } }
  } } }`,
  userEvents: `{ userEvents(first: $N, filter: { type: { in: [PAGE_CHANGE, RAGE_CLICK] } }) { totalCount nodes { id type session { id events(first: 1, orderBy: [{ field: TYPE, direction: DESC }]) { id } } } } }`,
  syntheticEvents: `{ syntheticEvents(first: $N) { totalCount nodes { id name session { id syntheticEvents(filter: { errorCode: { isNull: false } }) { id } } } } }`,
  // The sessions with the most errors first: already the first 5 have nested rows to resolve.
  userSessions: `{ userSessions(first: $N, orderBy: [{ field: TOTAL_ERROR_COUNT, direction: DESC }]) { nodes { id
    errors(first: 2, filter: { session: { country: { ne: "Atlantis" } } }, orderBy: [{ field: NAME, direction: ASC }]) { id name }
    events(filter: { type: { eq: PAGE_CHANGE } }) { id }
    syntheticEvents(orderBy: [{ field: TIMESTAMP, direction: DESC }]) { id }
  } } }`,
};

const RECORDINGS = `{ recordings(first: $N) { totalCount nodes {
  id viewers
  person { id distinctIds userSessions(first: 2) { totalCount nodes { id userActions(first: 1) { name } } } recordings(first: 1) { nodes { id } } }
} } }`;

const count = (nodes: Json[], pick: (n: Json) => unknown[] | null | undefined) => nodes.filter((n) => (pick(n) ?? []).length > 0).length;

describe('extensions.sql', () => {
  it('reports {statements, ms} on every response with debugSql', async () => {
    const r = await server.gql('{ userSessions(first: 1) { nodes { id } } }');
    expect(r.extensions.sql).toEqual({ statements: expect.any(Number), ms: expect.any(Number) });
    expect(r.extensions.sql!.statements).toBeGreaterThan(0);
    expect(r.extensions.sql!.ms).toBeGreaterThanOrEqual(0);
  });

  it('is absent without debugSql', async () => {
    const r = await plain.gql('{ userSessions(first: 1) { nodes { id } } }');
    expect(r.errors).toBeUndefined();
    expect(r.extensions.sql).toBeUndefined();
  });
});

describe('statements per query do not grow with the number of rows', () => {
  it('userSessions with persons, their recordings and sessions, actions, events, errors, synthetic events and properties', async () => {
    const small = await run(SESSIONS, 5);
    const large = await run(SESSIONS, 100);
    const nodes = large.data.userSessions.nodes as Json[];
    expect(small.data.userSessions.nodes).toHaveLength(5);
    expect(nodes).toHaveLength(100);
    // The nested lists are really populated, so a per-row query would show.
    expect(count(nodes, (n) => (n.person ? [n.person] : []))).toBeGreaterThan(50);
    expect(count(nodes, (n) => n.person?.recordings.nodes)).toBeGreaterThan(20);
    expect(count(nodes, (n) => n.person?.userSessions.nodes)).toBeGreaterThan(50);
    expect(count(nodes, (n) => n.userActions)).toBe(100);
    expect(count(nodes, (n) => n.events)).toBeGreaterThan(50);
    expect(count(nodes, (n) => n.errors)).toBeGreaterThan(2);
    expect(count(nodes, (n) => n.syntheticEvents)).toBeGreaterThan(0);
    expect(count(nodes, (n) => n.stringProperties)).toBeGreaterThan(50);
    expect(count(nodes, (n) => n.dateProperties)).toBeGreaterThan(20);
    expect(nodes.filter((n) => n.plan).length).toBeGreaterThan(50);
    expect(large.sql.statements).toBe(small.sql.statements);
  });

  it('persons with recordings (and their persons) and sessions (with events, actions, properties)', async () => {
    const small = await run(PERSONS, 5);
    const large = await run(PERSONS, 100);
    const nodes = large.data.persons.nodes as Json[];
    expect(nodes).toHaveLength(100);
    expect(count(nodes, (n) => n.recordings.nodes)).toBeGreaterThan(30);
    expect(count(nodes, (n) => n.userSessions.nodes)).toBeGreaterThan(50);
    expect(count(nodes, (n) => n.userSessions.nodes.flatMap((s: Json) => s.userActions))).toBeGreaterThan(50);
    expect(large.sql.statements).toBe(small.sql.statements);
  });

  it('userActions with their session, its person and the person’s recordings', async () => {
    const small = await run(ACTIONS, 5);
    const large = await run(ACTIONS, 100);
    const nodes = large.data.userActions.nodes as Json[];
    expect(nodes).toHaveLength(100);
    expect(new Set(nodes.map((n) => n.session.id)).size).toBeGreaterThan(5);
    expect(count(nodes, (n) => (n.session.person ? [1] : []))).toBeGreaterThan(50);
    expect(large.sql.statements).toBe(small.sql.statements);
  });

  it('recordings with their person, the person’s sessions and their actions', async () => {
    const small = await run(RECORDINGS, 5);
    const large = await run(RECORDINGS, 100);
    const nodes = large.data.recordings.nodes as Json[];
    expect(nodes).toHaveLength(100);
    expect(count(nodes, (n) => n.person?.userSessions.nodes)).toBeGreaterThan(50);
    expect(count(nodes, (n) => n.viewers)).toBeGreaterThan(5);
    expect(large.sql.statements).toBe(small.sql.statements);
  });

  it('userErrors, userEvents, syntheticEvents with their sessions, and the lists nested under sessions with filter and orderBy', async () => {
    const small = Object.fromEntries(await Promise.all(Object.entries(CHILDREN).map(async ([k, q]) => [k, await run(q, 5)] as const)));
    const large = Object.fromEntries(await Promise.all(Object.entries(CHILDREN).map(async ([k, q]) => [k, await run(q, 100)] as const)));
    const errors = large.userErrors!.data.userErrors.nodes as Json[];
    const sessions = large.userSessions!.data.userSessions.nodes as Json[];
    expect(errors).toHaveLength(100);
    expect(large.userEvents!.data.userEvents.nodes).toHaveLength(100);
    expect(sessions).toHaveLength(100);
    expect(large.syntheticEvents!.data.syntheticEvents.nodes.length).toBeGreaterThan(0);
    // The nested lists are really populated, so a per-row query would show.
    expect(new Set(errors.map((n) => n.session.id)).size).toBeGreaterThan(20);
    expect(count(errors, (n) => n.session.errors)).toBeGreaterThan(20);
    expect(count(errors, (n) => (n.session.person ? [1] : []))).toBeGreaterThan(20);
    expect(count(large.userEvents!.data.userEvents.nodes, (n) => n.session.events)).toBe(100);
    expect(count(sessions, (n) => n.errors)).toBeGreaterThan(10);
    expect(count(small.userSessions!.data.userSessions.nodes, (n) => n.errors)).toBe(5);
    expect(count(sessions, (n) => n.events)).toBeGreaterThan(50);
    for (const k of Object.keys(CHILDREN)) expect(large[k]!.sql.statements, k).toBe(small[k]!.sql.statements);
  });

  it('the statement count of a nested query is small (a handful per list level, not per row)', async () => {
    const { sql } = await run(SESSIONS, 100);
    // Root page + count, persons, distinct ids, recordings + counts, their viewers and persons,
    // person sessions, actions, their sessions and properties, events, errors, synthetic events,
    // session properties: well under 30, where one statement per row would be hundreds.
    expect(sql.statements).toBeLessThan(30);
  });
});
