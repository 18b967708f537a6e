/**
 * Persons join recordings and user sessions through their distinct ids, both ways, over real
 * HTTP; every answer compared with the join computed from rows read directly from the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect, type SchemaInfo } from './graphql-helpers/introspection.js';
import { expectedKeys, listSpecs, type ListSpec } from './graphql-helpers/lists.js';
import { compareValues, matchFilter, plain, readRows, type Row, type StoreRows } from './graphql-helpers/rows.js';
import { fetchAll, FIXTURE_FILES, NOW, startServer, type TestServer } from './graphql-helpers/server.js';


let server: TestServer;
let schema: SchemaInfo;
let rows: StoreRows;
let sessionSpec: ListSpec;
let recordingSpec: ListSpec;
let personSpec: ListSpec;

beforeAll(async () => {
  // posthog-person-properties.json: persons (PostHog's /persons list) with string, number, boolean and null properties, and keys with $ and dots.
  server = await startServer({ fixtures: [...FIXTURE_FILES, 'posthog-person-properties.json'], persons: 60 });
  schema = await introspect(server);
  rows = readRows(server.store, NOW.getTime());
  const lists = listSpecs(rows, schema);
  sessionSpec = lists.userSessions;
  recordingSpec = lists.recordings;
  personSpec = lists.persons;
});
afterAll(async () => {
  await server?.close();
});

type Person = StoreRows['persons'][number];
const ownerOf = (distinctId: string | null) => (distinctId === null ? undefined : rows.persons.find((p) => p.distinctIds.includes(distinctId)));
const recordingsOf = (p: Person) => rows.recordings.filter((r) => r.distinctId !== null && p.distinctIds.includes(r.distinctId));
const sessionsOf = (p: Person) => rows.sessions.filter((s) => s.userId !== null && p.distinctIds.includes(s.userId));

/** The latest end (or start, without an end) of any of the person's recordings (stored, expired or not) or sessions. */
function lastSeen(p: Person): number | null {
  const mine = (id: string | null) => id !== null && p.distinctIds.includes(id);
  const seen = [
    ...rows.storedRecordings.filter((r) => mine(r.distinctId)).map((r) => plain(r.endTime ?? r.startTime)),
    ...rows.sessions.filter((s) => mine(s.userId)).map((s) => plain(s.endTime ?? s.startTime)),
  ].filter((v): v is number => v !== null);
  return seen.length ? Math.max(...seen) : null;
}

interface ApiPerson {
  id: string;
  lastSeenAt: string | null;
  uuid: string;
  distinctIds: string[];
  recordings: { totalCount: number; nodes: { id: string }[] };
  userSessions: { totalCount: number; nodes: { id: string }[] };
}

describe('person → recordings and user sessions', () => {
  it('every person lists exactly the recordings and sessions of its distinct ids, with totalCount', async () => {
    const { nodes } = await fetchAll<ApiPerson>(
      server,
      'persons',
      'id uuid distinctIds lastSeenAt recordings(first: 100) { totalCount nodes { id } } userSessions(first: 100) { totalCount nodes { id } }',
      {},
      // Pages of 50 persons with up to 100 children each stay under the query complexity limit.
      50,
    );
    expect(nodes.map((n) => n.uuid).sort()).toEqual(rows.persons.map((p) => p.uuid).sort());
    let withRecordings = 0;
    let withSessions = 0;
    for (const node of nodes) {
      const person = rows.persons.find((p) => p.uuid === node.uuid)!;
      expect(node.id).toBe(String(person.id));
      expect([...node.distinctIds].sort()).toEqual([...person.distinctIds].sort());
      expect(node.lastSeenAt === null ? null : Date.parse(node.lastSeenAt), `lastSeenAt of ${node.uuid}`).toBe(lastSeen(person));
      const recordings = recordingsOf(person).map((r) => r.id).sort();
      const sessions = sessionsOf(person).map((s) => s.id).sort();
      expect(node.recordings.nodes.map((n) => n.id).sort(), node.uuid).toEqual(recordings);
      expect(node.recordings.totalCount).toBe(recordings.length);
      expect(node.userSessions.nodes.map((n) => n.id).sort(), node.uuid).toEqual(sessions);
      expect(node.userSessions.totalCount).toBe(sessions.length);
      if (recordings.length) withRecordings++;
      if (sessions.length > 1) withSessions++;
    }
    expect(withRecordings).toBeGreaterThan(10);
    expect(withSessions).toBeGreaterThan(10);
  });

  it('nested connections take filter, orderBy and first, and count all matching children', async () => {
    const data = await server.ok(`{ persons(first: 500) { nodes { uuid
      recordings(first: 3, filter: { clickCount: { gt: 3 } }, orderBy: [{ field: CLICK_COUNT, direction: DESC }]) {
        totalCount nodes { id clickCount } pageInfo { hasNextPage }
      }
      userSessions(first: 2, filter: { or: [{ country: { eq: "Germany" } }, { hasError: { eq: true } }] }, orderBy: [{ field: DURATION, direction: ASC }]) {
        totalCount nodes { id duration }
      }
    } } }`);
    let nonEmpty = 0;
    for (const node of data.persons.nodes as Row[]) {
      const person = rows.persons.find((p) => p.uuid === node.uuid)!;
      const recordings = recordingsOf(person)
        .filter((r) => r.clickCount !== null && r.clickCount > 3)
        .sort((a, b) => compareValues(b.clickCount, a.clickCount));
      const rec = node.recordings as { totalCount: number; nodes: Row[]; pageInfo: { hasNextPage: boolean } };
      expect(rec.totalCount).toBe(recordings.length);
      expect(rec.nodes.map((n) => n.clickCount)).toEqual(recordings.slice(0, 3).map((r) => r.clickCount));
      expect(rec.pageInfo.hasNextPage).toBe(recordings.length > 3);
      const filter = { or: [{ country: { eq: 'Germany' } }, { hasError: { eq: true } }] };
      const sessions = sessionsOf(person)
        .filter((s) => matchFilter(s as unknown as Row, filter, sessionSpec.spec))
        .sort((a, b) => compareValues(a.duration, b.duration));
      const ses = node.userSessions as { totalCount: number; nodes: Row[] };
      expect(ses.totalCount).toBe(sessions.length);
      expect(ses.nodes.map((n) => n.duration)).toEqual(sessions.slice(0, 2).map((s) => s.duration));
      if (rec.nodes.length && ses.nodes.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(3);
  });

  it("a person's sessions can be paged with first/after, every one exactly once", async () => {
    const person = [...rows.persons].sort((a, b) => sessionsOf(b).length - sessionsOf(a).length)[0]!;
    expect(sessionsOf(person).length).toBeGreaterThan(4);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const data: { person: { userSessions: { totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } } =
        await server.ok(
          `query($id: ID!, $after: String) { person(id: $id) { userSessions(first: 2, after: $after, orderBy: [{ field: COUNTRY }]) {
            totalCount nodes { id } pageInfo { hasNextPage endCursor } } } }`,
          { id: String(person.id), after },
        );
      const page = data.person.userSessions;
      expect(page.totalCount).toBe(sessionsOf(person).length);
      seen.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(sessionsOf(person).map((s) => s.id).sort());
  });

  it("a first page's totalCount comes with the page's own statement; after a cursor it takes one more", async () => {
    const person = [...rows.persons].sort((a, b) => sessionsOf(b).length - sessionsOf(a).length)[0]!;
    const statements = async (args: string, selection: string) => {
      const r = await server.gql(`{ persons(first: 5) { nodes { userSessions(${args}) { ${selection} } } } person(id: "${person.id}") { id } }`);
      expect(r.errors).toBeUndefined();
      return r.extensions.sql!.statements;
    };
    const plain = await statements('first: 2', 'nodes { id }');
    expect(await statements('first: 2', 'totalCount nodes { id }')).toBe(plain);
    expect(await statements('last: 2', 'totalCount nodes { id }')).toBe(plain);
    const first = await server.ok(`{ person(id: "${person.id}") { userSessions(first: 1) { pageInfo { endCursor } } } }`);
    const after = `first: 2, after: "${first.person.userSessions.pageInfo.endCursor}"`;
    expect(await statements(after, 'totalCount nodes { id }')).toBe((await statements(after, 'nodes { id }')) + 1);
  });
});

describe('recording / session → person', () => {
  it('every recording has the person owning its distinct id, or null', async () => {
    const { nodes } = await fetchAll<{ id: string; distinctId: string | null; person: { id: string; uuid: string } | null }>(
      server,
      'recordings',
      'id distinctId person { id uuid }',
    );
    expect(nodes).toHaveLength(rows.recordings.length);
    for (const n of nodes) {
      const owner = ownerOf(n.distinctId);
      expect(n.person, n.id).toEqual(owner ? { id: String(owner.id), uuid: owner.uuid } : null);
    }
    expect(nodes.some((n) => n.person === null)).toBe(true);
    expect(nodes.filter((n) => n.person !== null).length).toBeGreaterThan(nodes.length / 2);
  });

  it('every user session has the person owning its userId; anonymous sessions have person null', async () => {
    const { nodes } = await fetchAll<{ id: string; userId: string | null; person: { id: string; distinctIds: string[] } | null }>(
      server,
      'userSessions',
      'id userId person { id distinctIds }',
    );
    expect(nodes).toHaveLength(rows.sessions.length);
    const anonymous = nodes.filter((n) => n.userId === null);
    expect(anonymous.length).toBeGreaterThan(0);
    for (const n of anonymous) expect(n.person).toBeNull();
    for (const n of nodes) {
      const owner = ownerOf(n.userId);
      expect(n.person ? { ...n.person, distinctIds: [...n.person.distinctIds].sort() } : null, n.id).toEqual(
        owner ? { id: String(owner.id), distinctIds: [...owner.distinctIds].sort() } : null,
      );
    }
  });

  it('personByDistinctId and person(id) find a person by any of its ids; unknown ones are null', async () => {
    const sample = rows.persons.filter((p) => p.distinctIds.length > 1).slice(0, 5);
    expect(sample.length).toBeGreaterThan(0);
    for (const person of sample) {
      for (const distinctId of person.distinctIds) {
        const data = await server.ok(`query($d: String!) { personByDistinctId(distinctId: $d) { id uuid name createdAt } }`, { d: distinctId });
        expect(data.personByDistinctId).toEqual({
          id: String(person.id),
          uuid: person.uuid,
          name: person.name,
          createdAt: person.createdAt ? new Date(plain(person.createdAt) as number).toISOString() : null,
        });
      }
      const byId = await server.ok(`query($id: ID!) { person(id: $id) { uuid } }`, { id: String(person.id) });
      expect(byId.person).toEqual({ uuid: person.uuid });
    }
    const unknown = await server.ok(`{ personByDistinctId(distinctId: "nobody-at-all") { id } person(id: "987654321") { id } }`);
    expect(unknown).toEqual({ personByDistinctId: null, person: null });
    const bad = await server.gql(`{ person(id: "not-a-number") { id } }`);
    expect(bad.status).toBeLessThan(500);
    expect(bad.errors?.[0]?.message).toMatch(/id/);
  });

  it('round trip: person → session → person and person → recording → person lead back to the same person', async () => {
    const data = await server.ok(`{ persons(first: 50) { nodes { id
      recordings(first: 5) { nodes { person { id } } }
      userSessions(first: 5) { nodes { person { id } userActions(first: 2) { session { person { id } } } } }
    } } }`);
    let checked = 0;
    for (const p of data.persons.nodes as { id: string; recordings: { nodes: Row[] }; userSessions: { nodes: Row[] } }[]) {
      for (const r of p.recordings.nodes) expect(r.person).toEqual({ id: p.id });
      for (const s of p.userSessions.nodes) {
        expect(s.person).toEqual({ id: p.id });
        for (const a of s.userActions as Row[]) expect(a.session).toEqual({ person: { id: p.id } });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe('persons by their PostHog properties and their lists; recordings and sessions by their person (issue 16)', () => {
  async function check(list: 'persons' | 'recordings' | 'userSessions', filter: Row, { empty = false } = {}) {
    const spec = { persons: personSpec, recordings: recordingSpec, userSessions: sessionSpec }[list];
    const expected = expectedKeys(spec, filter);
    if (!empty) expect(expected.length, `${JSON.stringify(filter)} selects some ${list}`).toBeGreaterThan(0);
    expect(expected.length, `${JSON.stringify(filter)} leaves some ${list} out`).toBeLessThan(spec.rows.length);
    const { nodes, totalCount } = await fetchAll(server, list, spec.selection, { filter });
    expect(nodes.map((n) => spec.nodeKey(n)).sort(), JSON.stringify(filter)).toEqual(expected);
    expect(totalCount).toBe(expected.length);
  }

  it.each([
    ['a string property', { property: [{ key: 'plan', string: { eq: 'enterprise' } }] }],
    ['a string property, case folded (bo@ACME.com)', { property: [{ key: 'email', string: { endsWith: '@acme.com' } }] }],
    ['a number property (not the string "25")', { property: [{ key: 'seats', number: { gt: 10 } }] }],
    ['a boolean property (not the string "true")', { property: [{ key: 'is_paying', boolean: { eq: true } }] }],
    ['a $-key, negative numbers', { property: [{ key: '$geoip_latitude', number: { lt: 0 } }] }],
    ['a key with a dot, not a path', { property: [{ key: 'a.b', string: { eq: 'dotted' } }] }],
    ['a property that exists, even as null', { property: [{ key: 'plan', exists: true }] }],
    ['a property that does not exist', { property: [{ key: 'plan', exists: false }] }],
    ['two properties, both must match', { property: [{ key: 'plan', string: { in: ['pro', 'enterprise'] } }, { key: 'email', string: { contains: 'a' } }] }],
    ['some recording with console errors', { recordings: { some: { consoleErrorCount: { gt: 0 } } } }],
    ['no recordings at all (none: {})', { recordings: { none: {} } }],
    ['at least one user session (some: {})', { userSessions: { some: {} } }],
    ['every user session from Germany (true for persons without sessions)', { userSessions: { every: { country: { eq: 'Germany' } } } }],
    ['some session with an error and none that bounced', { userSessions: { some: { hasError: { eq: true } }, none: { bounce: { eq: true } } } }],
    ['a property and a list together', { property: [{ key: 'plan', string: { eq: 'pro' } }], userSessions: { some: { browserFamily: { eq: 'Chrome' } } } }],
    ['not: no session on Safari', { not: { userSessions: { some: { browserFamily: { eq: 'Safari' } } } } }],
    ['never seen (lastSeenAt isNull)', { lastSeenAt: { isNull: true } }],
    ['seen since a date', { lastSeenAt: { gte: '2026-10-20T00:00:00Z' } }],
  ])('persons: %s', async (_, filter) => {
    await check('persons', filter);
  });

  it.each([
    ['recordings of enterprise persons', 'recordings', { person: { property: [{ key: 'plan', string: { eq: 'enterprise' } }] } }],
    ['recordings whose person also has a session with an error', 'recordings', { person: { userSessions: { some: { hasError: { eq: true } } } } }],
    ['user sessions of persons on the free plan', 'userSessions', { person: { property: [{ key: 'plan', string: { eq: 'free' } }] } }],
    ['user sessions of persons with no recordings', 'userSessions', { person: { recordings: { none: {} } } }],
    ['user sessions without a person matching (not)', 'userSessions', { not: { person: { property: [{ key: 'plan', exists: true }] } } }],
  ] as const)('%s', async (_, list, filter) => {
    await check(list, filter as Row);
  });

  it('lastSeenAt takes relative time too: previous MONTH in Vienna is October there (2026-09-30T22:00Z to 2026-10-31T23:00Z at the pinned NOW)', async () => {
    expect(NOW.toISOString()).toBe('2026-11-04T00:03:00.000Z');
    const expected = expectedKeys(personSpec, { lastSeenAt: { gte: '2026-09-30T22:00:00Z', lt: '2026-10-31T23:00:00Z' } });
    expect(expected.length).toBeGreaterThan(0);
    const { nodes } = await fetchAll(server, 'persons', personSpec.selection, { filter: { lastSeenAt: { previous: 'MONTH', timeZone: 'Europe/Vienna' } } });
    expect(nodes.map((n) => personSpec.nodeKey(n)).sort()).toEqual(expected);
  });

  it('a property condition must say one thing: none or two are refused with the index and key', async () => {
    for (const property of [{ key: 'plan' }, { key: 'plan', string: { eq: 'x' }, exists: true }]) {
      const r = await server.gql('query($f: PersonFilter) { persons(filter: $f) { totalCount } }', { f: { property: [property] } });
      expect(r.errors?.[0]?.message).toMatch(/property\[0\]" \("plan"\): give exactly one of string, number, boolean or exists/);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
