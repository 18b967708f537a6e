/**
 * Project isolation over real HTTP: two projects in one SQLite file hold the same fixture ids
 * (with different values in each) and ids of their own. With auth required, a key sees and
 * touches its own project only — lists, counts, lookups, nested paths, filters, stats, funnel,
 * federation `_entities`, mutations and ingest — and an id that exists only in the other project
 * behaves exactly like one that exists nowhere. Read-only keys cannot write; requests without a
 * valid key get a 401 and nothing else. Every expectation is computed with SQL restricted to the
 * caller's project, on the store the servers answer from: the SQLite file, or (vitest project
 * `postgres`, test/graphql-helpers/server.ts) its PostgreSQL copy, where the servers' connections
 * are bound by row-level security and the test's reads are not.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, revokeKey } from '../src/db/keys.js';
import { openStore, type Store } from '../src/db/open.js';
import { importFile } from '../src/ingest/files.js';
import { seedStore } from '../src/seed/seed.js';
import type { AnyStore } from '../src/graphql/context.js';
import { fixturePath, FIXTURE_FILES, SEED_END, servedStore } from './graphql-helpers/server.js';
import { fixtureRecords } from './helpers/fixtures.js';
import { client, expectNoLeak, listen, postGraphql, answer, type Json, type Running } from './helpers/security.js';
import { servedSql, type ServedSql } from './helpers/served-sql.js';
import { dumpServed } from './helpers/store.js';

type Project = 'a' | 'b';
const PROJECTS: Project[] = ['a', 'b'];
const other = (p: Project): Project => (p === 'a' ? 'b' : 'a');

/** Ids present in both projects (imported from the same fixtures). */
const REC_LIST_1 = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const REC_LIST_2 = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';
const SESSION_1042 = 'umsaywsjuo:BKRUNHMVHPCJHHNOKJNPGCKDFCOSBEDN-0:1';
const SHARED = {
  recording: REC_LIST_1,
  session: SESSION_1042,
  personId: '1042',
  /** Seeded into both projects with different seeds: person 2 is a different person in each. */
  seededPersonId: '2',
  distinctId: 'user-2',
};

/** What each caller's mutations use: shared ids, different per caller so both can be checked. */
const MUTATE: Record<Project, { view: string; deleteRecording: string; deleteSession: string; deletePerson: string }> = {
  a: { view: REC_LIST_1, deleteRecording: 'rec-ndjson-2', deleteSession: 'umsaywsjuo:ANONYMOUS-SESSION-2:0', deletePerson: '3' },
  b: { view: 'rec-ndjson-1', deleteRecording: REC_LIST_2, deleteSession: 'umsaywsjuo:ARRAY-SESSION-2:0', deletePerson: '4' },
};

/** Rows that exist in one project only. */
const ONLY = {
  a: { recording: 'rec-only-a', distinctId: 'only-a-distinct', personId: '5001', session: 'umsaywsjuo:ONLY-A:0', country: 'a-land', secret: 'a-secret', action: 'a-only-action' },
  b: { recording: 'rec-only-b', distinctId: 'only-b-distinct', personId: '5002', session: 'umsaywsjuo:ONLY-B:0', country: 'b-land', secret: 'b-secret', action: 'b-only-action' },
};
const NOWHERE = { recording: 'rec-nowhere', distinctId: 'nobody-anywhere', personId: '987654', session: 'umsaywsjuo:NOWHERE:0' };

const KEY_NAMES: Record<Project, string> = { a: 'alice@project-a', b: 'bob@project-b' };

let dir: string;
let store: Store;
/** The store the servers answer from: `store` itself, or its PostgreSQL copy (TEST_STORE). */
let served: { served: AnyStore; close(): Promise<void> } | undefined;
let reader: ServedSql | undefined;
let app: Running;
let federation: Running;
const keys = {} as Record<Project, string>;
let readOnlyKeyA: string;
let revokedKey: string;

// ------------------------------------------------------------------ data

const ndjson = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** Project b's copies of the fixture records: same ids, different values. */
function bVariants(): Json[] {
  const posthog = [...fixtureRecords('test/fixtures/posthog-list.json'), ...fixtureRecords('test/fixtures/posthog-recordings.ndjson')].map((r: Json) => ({
    ...r,
    recording_duration: (r.recording_duration as number) + 1000,
    start_url: 'https://b.example.com/only-in-b',
    viewers: ['viewer-of-b@example.com'],
    ...(r.person
      ? { person: { ...r.person, name: `b-${r.person.name as string}`, properties: { ...r.person.properties, plan: 'b-plan' } } }
      : {}),
  }));
  const dynatrace = [...fixtureRecords('test/fixtures/dynatrace-sessions.ndjson'), ...fixtureRecords('test/fixtures/dynatrace-sessions.json')].map((s: Json) => ({
    ...s,
    country: 'Bolivia',
    duration: ((s.duration as number | undefined) ?? 0) + 1,
    stringProperties: ((s.stringProperties as Json[] | undefined) ?? []).map((p) => (p.key === 'plan' ? { ...p, value: 'b-plan' } : p)),
    userActions: ((s.userActions as Json[] | undefined) ?? []).map((a) => ({ ...a, name: `b ${a.name as string}`, duration: ((a.duration as number | undefined) ?? 0) + 1 })),
  }));
  return [...posthog, ...dynatrace];
}

/** A recording, its person and a session with one action that only project p has. */
function ownOnly(p: Project): Json[] {
  const o = ONLY[p];
  const recordingTemplate = fixtureRecords('test/fixtures/posthog-recordings.ndjson')[1]!;
  const sessionTemplate = fixtureRecords('test/fixtures/dynatrace-sessions.ndjson')[0]!;
  const actionTemplate = (sessionTemplate.userActions as Json[])[0]!;
  return [
    {
      ...recordingTemplate,
      id: o.recording,
      distinct_id: o.distinctId,
      recording_duration: p === 'a' ? 111 : 222,
      person: {
        id: Number(o.personId),
        uuid: `0190ffff-0000-7000-8000-00000000000${p === 'a' ? 1 : 2}`,
        name: `only-${p}@example.com`,
        distinct_ids: [o.distinctId],
        properties: { secret: o.secret },
        created_at: '2026-10-01T00:00:00Z',
      },
    },
    {
      ...sessionTemplate,
      userSessionId: o.session.split(':')[1],
      partNumber: 0,
      userId: o.distinctId,
      country: o.country,
      // Tagged with its own recording and with the other project's (which must not link: links stay in a project).
      stringProperties: [
        { key: 'secret', value: o.secret },
        { key: 'posthog_session_id', value: o.recording },
        { key: 'posthog_session_id', value: ONLY[other(p)].recording },
      ],
      longProperties: [],
      doubleProperties: [],
      dateProperties: [],
      userActions: [{ ...actionTemplate, name: o.action, stringProperties: [{ key: 'secret', value: o.secret }], longProperties: [], doubleProperties: [], dateProperties: [] }],
    },
  ];
}

async function load(project: string, file: string) {
  const summary = await importFile(store, file, { project });
  expect(summary.rejected, `${file} into ${project}: ${JSON.stringify(summary.errors)}`).toBe(0);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sessiongraph-isolation-'));
  store = openStore(join(dir, 'store.db'));
  for (const p of PROJECTS) for (const f of FIXTURE_FILES) await load(p, fixturePath(f));
  // The project of key-less requests (auth off) holds data too: anything that ran without a key
  // would show it.
  await load('default', fixturePath('posthog-list.json'));
  writeFileSync(join(dir, 'b-variants.ndjson'), ndjson(bVariants()));
  await load('b', join(dir, 'b-variants.ndjson'));
  for (const p of PROJECTS) {
    writeFileSync(join(dir, `only-${p}.ndjson`), ndjson(ownOnly(p)));
    await load(p, join(dir, `only-${p}.ndjson`));
    const seeded = await seedStore(store, { project: p, persons: p === 'a' ? 12 : 15, seed: p === 'a' ? 21 : 22, end: SEED_END });
    expect(seeded.rejected).toBe(0);
    keys[p] = createKey(store, { project: p, name: KEY_NAMES[p] }).key;
  }
  readOnlyKeyA = createKey(store, { project: 'a', name: 'reader@project-a', readOnly: true }).key;
  const revoked = createKey(store, { project: 'a', name: 'gone@project-a' });
  revokeKey(store, revoked.id);
  revokedKey = revoked.key;
  served = await servedStore(store);
  reader = await servedSql(served.served, store.sqlite);
  app = await listen({ store: served.served, auth: 'required', debugSql: true });
  federation = await listen({ store: served.served, auth: 'required', federation: true });
});

afterAll(async () => {
  await app?.close();
  await federation?.close();
  await reader?.close();
  await served?.close();
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ------------------------------------------------------------------ SQL, restricted to a project

/**
 * Reads of the store the servers answer from (the SQLite file, or its PostgreSQL copy through an
 * admin connection that row-level security does not bind), in SQLite's spelling with `?`
 * placeholders; every query restricts itself to a project.
 */
const all = <T = Json>(sql: string, ...params: unknown[]): Promise<T[]> => reader!.rows<T>(sql, ...params);
const one = async <T = Json>(sql: string, ...params: unknown[]): Promise<T | undefined> => (await reader!.rows<T>(sql, ...params))[0];
/** The other project's rows in the served store (compared before and after, on the one store). */
const dumpProject = (project: string) => dumpServed(served!.served, { project });
/** Every table of the served store, counted and hashed: any change shows. */
const servedState = () => reader!.state();

/**
 * Which recordings are served: all of them, expired or not, under the server's default
 * `--retention keep` (the fixtures' dates fall out of PostHog's retention as the calendar moves on,
 * and this suite must not depend on the day it runs).
 */
const VISIBLE = `1 = 1`;
const SESSION_ID = `tenant_id || ':' || user_session_id || ':' || part_number`;
const splitSession = (id: string) => {
  const [tenant, session, part] = id.split(':');
  return [tenant, session, Number(part)] as const;
};

async function sqlRecording(project: string, id: string) {
  return await one<{ pk: number; recording_duration: number; start_url: string | null; distinct_id: string | null }>(
    `select * from recordings where project = ? and id = ? and ${VISIBLE}`,
    project,
    id,
  );
}
async function sqlSession(project: Project, id: string) {
  return await one<{ pk: number; country: string | null; duration: number | null; user_id: string | null }>(
    `select * from user_sessions where project = ? and tenant_id = ? and user_session_id = ? and part_number = ?`,
    project,
    ...splitSession(id),
  );
}
async function sqlPerson(project: Project, id: string) {
  return await one<{ pk: number; uuid: string; name: string | null }>(`select * from persons where project = ? and id = ?`, project, Number(id));
}
async function sqlPersonByDistinctId(project: Project, distinctId: string) {
  return await one<{ pk: number; id: number; uuid: string; name: string | null }>(
    `select p.* from person_distinct_ids d join persons p on p.pk = d.person_pk where d.project = ? and d.distinct_id = ?`,
    project,
    distinctId,
  );
}
const distinctIdsOf = async (personPk: number) => (await all<{ distinct_id: string }>(`select distinct_id from person_distinct_ids where person_pk = ? order by distinct_id`, personPk)).map((r) => r.distinct_id);

const byKey = <T>(rows: T[], key: (r: T) => string) => [...rows].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));

// ------------------------------------------------------------------ GraphQL as one project's key

const as = (p: Project) => client(app.url, keys[p]);

/** Every node of a root list, page by page. */
async function fetchAllNodes(p: Project, field: string, selection: string, filter?: Json, filterType?: string): Promise<{ nodes: Json[]; totalCount: number }> {
  const nodes: Json[] = [];
  let after: string | null = null;
  let totalCount = -1;
  const filterArg = filterType ? `, $filter: ${filterType}` : '';
  const query = `query($after: String${filterArg}) { list: ${field}(first: 200, after: $after${filterType ? ', filter: $filter' : ''}) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ${selection} } } }`;
  for (let page = 0; page < 100; page++) {
    const data = await as(p).ok(query, { after, ...(filterType ? { filter } : {}) });
    if (totalCount === -1) totalCount = data.list.totalCount as number;
    nodes.push(...(data.list.nodes as Json[]));
    if (!data.list.pageInfo.hasNextPage) return { nodes, totalCount };
    after = data.list.pageInfo.endCursor as string;
  }
  throw new Error('paging did not end');
}

// ------------------------------------------------------------------ the data is what the tests assume

describe('the two projects', () => {
  it('hold the same fixture ids with different values, and ids of their own', async () => {
    for (const table of ['recordings', 'user_sessions', 'persons', 'user_actions']) {
      for (const p of PROJECTS) expect((await one<{ n: number }>(`select count(*) n from ${table} where project = ?`, p))!.n, `${table} in ${p}`).toBeGreaterThan(0);
    }
    expect((await sqlRecording('a', SHARED.recording))!.recording_duration).not.toBe((await sqlRecording('b', SHARED.recording))!.recording_duration);
    expect((await sqlSession('a', SHARED.session))!.country).not.toBe((await sqlSession('b', SHARED.session))!.country);
    expect((await sqlPerson('a', SHARED.personId))!.name).not.toBe((await sqlPerson('b', SHARED.personId))!.name);
    expect((await sqlPerson('a', SHARED.seededPersonId))!.uuid).not.toBe((await sqlPerson('b', SHARED.seededPersonId))!.uuid);
    expect((await sqlPersonByDistinctId('a', SHARED.distinctId))!.uuid).not.toBe((await sqlPersonByDistinctId('b', SHARED.distinctId))!.uuid);
    for (const p of PROJECTS) {
      const o = ONLY[other(p)];
      expect(await sqlRecording(p, o.recording)).toBeUndefined();
      expect(await sqlRecording(other(p), o.recording)).toBeDefined();
      expect(await sqlSession(p, o.session)).toBeUndefined();
      expect(await sqlPerson(p, o.personId)).toBeUndefined();
      expect(await sqlPersonByDistinctId(p, o.distinctId)).toBeUndefined();
    }
  });
});

// ------------------------------------------------------------------ reads, for both keys

describe.each(PROJECTS)('reading with the key of project %s', (p) => {
  const o = () => ONLY[other(p)];

  it('root lists and totalCount hold exactly the rows of the project, with its values', async () => {
    const recordings = await fetchAllNodes(p, 'recordings', 'id recordingDuration startUrl distinctId');
    const expectedRecordings = await all<Json>(`select id, recording_duration, start_url, distinct_id from recordings where project = ? and ${VISIBLE}`, p);
    expect(recordings.totalCount).toBe(expectedRecordings.length);
    expect(byKey(recordings.nodes, (n) => n.id)).toEqual(
      byKey(expectedRecordings, (r) => r.id).map((r) => ({ id: r.id, recordingDuration: r.recording_duration, startUrl: r.start_url, distinctId: r.distinct_id })),
    );

    const sessions = await fetchAllNodes(p, 'userSessions', 'id country duration userId');
    const expectedSessions = await all<Json>(`select ${SESSION_ID} as id, country, duration, user_id from user_sessions where project = ?`, p);
    expect(sessions.totalCount).toBe(expectedSessions.length);
    expect(byKey(sessions.nodes, (n) => n.id)).toEqual(
      byKey(expectedSessions, (r) => r.id).map((r) => ({ id: r.id, country: r.country, duration: r.duration, userId: r.user_id })),
    );

    const actions = await fetchAllNodes(p, 'userActions', 'name duration session { id country }');
    const expectedActions = await all<Json>(
      `select a.name, a.duration, s.tenant_id || ':' || s.user_session_id || ':' || s.part_number as sid, s.country
         from user_actions a join user_sessions s on s.pk = a.session_pk where a.project = ?`,
      p,
    );
    expect(actions.totalCount).toBe(expectedActions.length);
    const actionKey = (x: Json) => JSON.stringify(x);
    expect(byKey(actions.nodes, actionKey)).toEqual(
      byKey(
        expectedActions.map((r) => ({ name: r.name, duration: r.duration, session: { id: r.sid, country: r.country } })),
        actionKey,
      ),
    );

    const persons = await fetchAllNodes(p, 'persons', 'id uuid name distinctIds');
    const expectedPersons = await all<Json>(`select pk, id, uuid, name from persons where project = ?`, p);
    expect(persons.totalCount).toBe(expectedPersons.length);
    expect(byKey(persons.nodes, (n) => n.uuid)).toEqual(
      await Promise.all(
        byKey(expectedPersons, (r) => r.uuid).map(async (r) => ({ id: String(r.id), uuid: r.uuid, name: r.name, distinctIds: await distinctIdsOf(r.pk as number) })),
      ),
    );
  });

  it("a cursor from the other project's list is refused (cursors are sealed per project), and shows none of its rows", async () => {
    const theirs = await as(other(p)).ok('{ userSessions(first: 3) { pageInfo { endCursor } } }');
    const cursor = theirs.userSessions.pageInfo.endCursor as string;
    const r = await as(p).raw('query($c: String) { userSessions(first: 500, after: $c) { nodes { id country duration } } }', { c: cursor });
    expect(r.body?.data?.userSessions ?? null, r.text).toBeNull();
    expect(r.body?.errors?.[0]?.extensions?.code, r.text).toBe('BAD_USER_INPUT');
    expect(r.body?.errors?.[0]?.message, r.text).toMatch(/Invalid cursor in "after"/);
    expectNoLeak(r.text, 'a cursor of the other project');
    // Its own cursor still pages on.
    const mine = await as(p).ok('{ userSessions(first: 3) { pageInfo { endCursor } } }');
    const next = await as(p).ok('query($c: String) { userSessions(first: 500, after: $c) { nodes { id } } }', { c: mine.userSessions.pageInfo.endCursor });
    expect((next.userSessions.nodes as Json[]).length).toBe((await all<Json>('select pk from user_sessions where project = ?', p)).length - 3);
  });

  it('lookups by id answer the own row; an id only the other project has answers exactly like a missing id', async () => {
    const data = await as(p).ok(
      `query($rec: ID!, $session: ID!, $person: ID!, $seeded: ID!, $distinct: String!) {
        recording(id: $rec) { id recordingDuration startUrl }
        userSession(id: $session) { id country duration }
        person(id: $person) { id uuid name }
        seeded: person(id: $seeded) { id uuid name }
        personByDistinctId(distinctId: $distinct) { id uuid name }
      }`,
      { rec: SHARED.recording, session: SHARED.session, person: SHARED.personId, seeded: SHARED.seededPersonId, distinct: SHARED.distinctId },
    );
    const rec = (await sqlRecording(p, SHARED.recording))!;
    expect(data.recording).toEqual({ id: SHARED.recording, recordingDuration: rec.recording_duration, startUrl: rec.start_url });
    const session = (await sqlSession(p, SHARED.session))!;
    expect(data.userSession).toEqual({ id: SHARED.session, country: session.country, duration: session.duration });
    for (const [alias, id] of [['person', SHARED.personId], ['seeded', SHARED.seededPersonId]] as const) {
      const person = (await sqlPerson(p, id))!;
      expect(data[alias]).toEqual({ id, uuid: person.uuid, name: person.name });
    }
    const owner = (await sqlPersonByDistinctId(p, SHARED.distinctId))!;
    expect(data.personByDistinctId).toEqual({ id: String(owner.id), uuid: owner.uuid, name: owner.name });

    // The other project's own ids vs ids that exist nowhere: the same answer, byte for byte
    // (apart from the timing in extensions.sql).
    const lookup = `query($rec: ID!, $session: ID!, $person: ID!, $distinct: String!) {
      recording(id: $rec) { id } userSession(id: $session) { id } person(id: $person) { id } personByDistinctId(distinctId: $distinct) { id }
    }`;
    const elsewhere = await as(p).raw(lookup, { rec: o().recording, session: o().session, person: o().personId, distinct: o().distinctId });
    const nowhere = await as(p).raw(lookup, { rec: NOWHERE.recording, session: NOWHERE.session, person: NOWHERE.personId, distinct: NOWHERE.distinctId });
    const comparable = (r: typeof elsewhere) => ({ status: r.status, data: r.body?.data, errors: r.body?.errors, statements: r.body?.extensions?.sql?.statements });
    expect(comparable(elsewhere)).toEqual(comparable(nowhere));
    expect(elsewhere.body?.data).toEqual({ recording: null, userSession: null, person: null, personByDistinctId: null });
    expect(elsewhere.body?.errors).toBeUndefined();
  });

  it('nested paths stay in the project: person → recordings/userSessions, session → person, action → session, properties', async () => {
    const data = await as(p).ok(
      `query($person: ID!, $session: ID!, $rec: ID!) {
        person(id: $person) {
          distinctIds lastSeenAt
          recordings(first: 100) { totalCount nodes { id recordingDuration viewers } }
          userSessions(first: 100) { totalCount nodes { id country stringProperties { key value } } }
        }
        userSession(id: $session) {
          person { id uuid name properties }
          stringProperties { key value }
          plan: property(key: "plan") { ... on StringProperty { value } }
          userActions { name duration session { id country } stringProperties { key value } }
        }
        recording(id: $rec) { viewers person { id name properties } }
      }`,
      { person: SHARED.personId, session: SHARED.session, rec: SHARED.recording },
    );
    const person = (await sqlPerson(p, SHARED.personId))!;
    const ids = await distinctIdsOf(person.pk);
    expect(data.person.distinctIds).toEqual(ids);
    const marks = ids.map(() => '?').join(', ');
    const seen = (await one<{ seen: number | null }>(
      `select max(seen) as seen from (
         select coalesce(end_time, start_time) as seen from recordings where project = ? and distinct_id in (${marks})
         union all select coalesce(end_time, start_time) from user_sessions where project = ? and user_id in (${marks})) as t`,
      p,
      ...ids,
      p,
      ...ids,
    ))!.seen;
    expect(data.person.lastSeenAt).toBe(seen === null ? null : new Date(seen).toISOString());
    const recs = await all<Json>(`select pk, id, recording_duration from recordings where project = ? and ${VISIBLE} and distinct_id in (${marks})`, p, ...ids);
    expect(data.person.recordings.totalCount).toBe(recs.length);
    const viewersOf = async (pk: number) => (await all<{ viewer: string }>(`select viewer from recording_viewers where recording_pk = ? order by viewer`, pk)).map((v) => v.viewer);
    expect(byKey(data.person.recordings.nodes as Json[], (n) => n.id)).toEqual(
      await Promise.all(byKey(recs, (r) => r.id).map(async (r) => ({ id: r.id, recordingDuration: r.recording_duration, viewers: await viewersOf(r.pk as number) }))),
    );
    const sessions = await all<Json>(`select pk, ${SESSION_ID} as id, country from user_sessions where project = ? and user_id in (${marks})`, p, ...ids);
    const propsOf = (pk: number) =>
      all<{ key: string; value: string }>(`select key, string_value as value from session_properties where session_pk = ? and type = 'string' order by pk`, pk);
    expect(data.person.userSessions.totalCount).toBe(sessions.length);
    expect(byKey(data.person.userSessions.nodes as Json[], (n) => n.id)).toEqual(
      await Promise.all(byKey(sessions, (r) => r.id).map(async (r) => ({ id: r.id, country: r.country, stringProperties: await propsOf(r.pk as number) }))),
    );

    const session = (await sqlSession(p, SHARED.session))!;
    const sessionOwner = (await sqlPersonByDistinctId(p, session.user_id!))!;
    expect(data.userSession.person).toEqual({
      id: String(sessionOwner.id),
      uuid: sessionOwner.uuid,
      name: sessionOwner.name,
      properties: JSON.parse((await one<{ properties: string }>(`select properties from persons where pk = ?`, sessionOwner.pk))!.properties),
    });
    expect(data.userSession.stringProperties).toEqual(await propsOf(session.pk));
    expect(data.userSession.plan).toEqual({ value: (await propsOf(session.pk)).find((x) => x.key === 'plan')!.value });
    const actions = await all<Json>(`select pk, name, duration from user_actions where session_pk = ? order by seq`, session.pk);
    expect(data.userSession.userActions).toEqual(
      await Promise.all(
        actions.map(async (a) => ({
          name: a.name,
          duration: a.duration,
          session: { id: SHARED.session, country: session.country },
          stringProperties: await all(`select key, string_value as value from action_properties where action_pk = ? and type = 'string' order by pk`, a.pk),
        })),
      ),
    );

    const rec = (await sqlRecording(p, SHARED.recording))!;
    expect(data.recording.viewers).toEqual(await viewersOf(rec.pk));
    const recOwner = (await sqlPersonByDistinctId(p, rec.distinct_id!))!;
    expect(data.recording.person).toEqual({
      id: String(recOwner.id),
      name: recOwner.name,
      properties: JSON.parse((await one<{ properties: string }>(`select properties from persons where pk = ?`, recOwner.pk))!.properties),
    });
    // The values are the project's own: b's copies were changed on import.
    expect(JSON.stringify(data).includes('b-plan')).toBe(p === 'b');
    expect(JSON.stringify(data).includes('viewer-of-b@example.com')).toBe(p === 'b');
  });

  it('visit links, the filters across them and timelines stay in the project', async () => {
    const { nodes } = await fetchAllNodes(p, 'userSessions', 'id recordings { recording { id } }', { hasRecording: { eq: true } }, 'UserSessionFilter');
    const served = nodes.flatMap((n) => (n.recordings as Json[]).map((v) => `${n.id}|${v.recording.id}`)).sort();
    const stored = await all<{ pair: string }>(
      `select s.tenant_id || ':' || s.user_session_id || ':' || s.part_number || '|' || r.id as pair
       from visit_links l join user_sessions s on s.pk = l.session_pk join recordings r on r.pk = l.recording_pk
       where l.project = ? and s.project = ? and r.project = ?`,
      p,
      p,
      p,
    );
    expect(served).toEqual(stored.map((x) => x.pair).sort());
    expect(served).toContain(`${ONLY[p].session}|${ONLY[p].recording}`);
    expect(served.some((x) => x.endsWith(`|${ONLY[other(p)].recording}`))).toBe(false);
    const replays = (country: string) =>
      as(p).ok('query($f: SessionRecordingFilter) { recordings(first: 500, filter: $f) { nodes { id } } }', { f: { userSession: { some: { country: { eq: country } } } } });
    expect((await replays(ONLY[p].country)).recordings.nodes).toEqual([{ id: ONLY[p].recording }]);
    expect((await replays(ONLY[other(p)].country)).recordings.nodes).toEqual([]);
    const timeline = await as(p).ok(
      'query($id: ID!) { person(id: $id) { timeline(first: 50) { edges { kind node { ... on SessionRecording { id } ... on UserSession { id } ... on UserAction { name } } } } } }',
      { id: ONLY[p].personId },
    );
    const items = JSON.stringify(timeline);
    for (const own of [ONLY[p].recording, ONLY[p].session, ONLY[p].action]) expect(items).toContain(own);
    for (const theirs of [ONLY[other(p)].recording, ONLY[other(p)].session, ONLY[other(p)].action]) expect(items).not.toContain(theirs);
    const theirPerson = await as(p).ok('query($id: ID!) { person(id: $id) { timeline(first: 50) { totalCount } } }', { id: ONLY[other(p)].personId });
    expect(theirPerson.person).toBeNull();
  });

  it("filters never match the other project's rows (property, session dimension, distinct id, id, or/not)", async () => {
    const count = async (field: string, filterType: string, filter: Json) => {
      const data = await as(p).ok(`query($f: ${filterType}) { list: ${field}(filter: $f) { totalCount } }`, { f: filter });
      return data.list.totalCount as number;
    };
    const cases: [string, string, (x: (typeof ONLY)[Project]) => Json][] = [
      ['userSessions', 'UserSessionFilter', (x) => ({ property: [{ key: 'secret', string: { eq: x.secret } }] })],
      ['userSessions', 'UserSessionFilter', (x) => ({ country: { eq: x.country } })],
      ['userSessions', 'UserSessionFilter', (x) => ({ userId: { in: [x.distinctId] } })],
      ['userActions', 'UserActionFilter', (x) => ({ session: { country: { eq: x.country } } })],
      ['userActions', 'UserActionFilter', (x) => ({ session: { property: [{ key: 'secret', string: { startsWith: x.secret } }] } })],
      ['userActions', 'UserActionFilter', (x) => ({ property: [{ key: 'secret', string: { contains: x.secret } }] })],
      ['userActions', 'UserActionFilter', (x) => ({ name: { eq: x.action } })],
      ['persons', 'PersonFilter', (x) => ({ distinctId: { eq: x.distinctId } })],
      ['persons', 'PersonFilter', (x) => ({ id: { eq: Number(x.personId) } })],
      ['recordings', 'SessionRecordingFilter', (x) => ({ id: { eq: x.recording } })],
      ['recordings', 'SessionRecordingFilter', (x) => ({ distinctId: { eq: x.distinctId } })],
      ['recordings', 'SessionRecordingFilter', (x) => ({ or: [{ id: { eq: x.recording } }, { distinctId: { eq: x.distinctId } }] })],
    ];
    for (const [field, type, filter] of cases) {
      expect(await count(field, type, filter(ONLY[other(p)])), `${field} ${JSON.stringify(filter(ONLY[other(p)]))}`).toBe(0);
      expect(await count(field, type, filter(ONLY[p])), `${field} ${JSON.stringify(filter(ONLY[p]))}`).toBe(1);
    }
    // Filters that match everything still count only the project.
    const visible = (await one<{ n: number }>(`select count(*) n from recordings where project = ? and ${VISIBLE}`, p))!.n;
    expect(await count('recordings', 'SessionRecordingFilter', { not: { id: { eq: 'x' } } })).toBe(visible);
    expect(await count('userSessions', 'UserSessionFilter', { or: [{ country: { eq: ONLY.a.country } }, { country: { eq: ONLY.b.country } }] })).toBe(1);
    const plan = (await one<{ n: number }>(
      `select count(*) n from user_sessions s where project = ? and exists (select 1 from session_properties sp where sp.session_pk = s.pk and sp.key = 'plan' and sp.type = 'string' and sp.string_value = 'b-plan')`,
      p,
    ))!.n;
    expect(plan).toBe(p === 'b' ? 2 : 0);
    expect(await count('userSessions', 'UserSessionFilter', { property: [{ key: 'plan', string: { eq: 'b-plan' } }] })).toBe(plan);
    // Nested lists with filters.
    const nested = await as(p).ok(
      `query($id: ID!, $f: SessionRecordingFilter, $g: UserSessionFilter) { person(id: $id) { recordings(filter: $f) { totalCount } userSessions(filter: $g) { totalCount } } }`,
      { id: SHARED.personId, f: { startUrl: { contains: 'b.example.com' } }, g: { country: { eq: 'Bolivia' } } },
    );
    const mine = await distinctIdsOf((await sqlPerson(p, SHARED.personId))!.pk);
    const marks = mine.map(() => '?').join(', ');
    expect(nested.person.recordings.totalCount).toBe(
      (await one<{ n: number }>(`select count(*) n from recordings where project = ? and ${VISIBLE} and start_url like '%b.example.com%' and distinct_id in (${marks})`, p, ...mine))!.n,
    );
    expect(nested.person.userSessions.totalCount).toBe(
      (await one<{ n: number }>(`select count(*) n from user_sessions where project = ? and country = 'Bolivia' and user_id in (${marks})`, p, ...mine))!.n,
    );
  });

  it('the three stats fields and the funnel count the project only', async () => {
    const data = await as(p).ok(`{
      userSessionStats(groupBy: [COUNTRY]) { dimensions { country } count sum(field: DURATION) countDistinct(field: PERSON) }
      recordingStats(groupBy: [DISTINCT_ID]) { dimensions { distinctId } count sum(field: RECORDING_DURATION) countDistinct(field: PERSON) }
      userActionStats(groupBy: [NAME], groupByProperty: "secret") { dimensions { name property } count sum(field: DURATION) countDistinct(field: SESSION) }
      total: userSessionStats { count countDistinct(field: USER_ID) }
    }`);
    const personOf = (column: string, table: string) =>
      `(select d.person_pk from person_distinct_ids d where d.project = ${table}.project and d.distinct_id = ${table}.${column})`;
    const sessionStats = await all<Json>(
      `select country, count(*) n, sum(duration) s, count(distinct ${personOf('user_id', 'u')}) persons from user_sessions u where project = ? group by country`,
      p,
    );
    expect(byKey(data.userSessionStats as Json[], (r) => String(r.dimensions.country))).toEqual(
      byKey(sessionStats, (r) => String(r.country)).map((r) => ({ dimensions: { country: r.country }, count: r.n, sum: r.s, countDistinct: r.persons })),
    );
    const recordingStats = await all<Json>(
      `select distinct_id, count(*) n, sum(recording_duration) s, count(distinct ${personOf('distinct_id', 'r')}) persons from recordings r where project = ? and ${VISIBLE} group by distinct_id`,
      p,
    );
    expect(byKey(data.recordingStats as Json[], (r) => String(r.dimensions.distinctId))).toEqual(
      byKey(recordingStats, (r) => String(r.distinct_id)).map((r) => ({ dimensions: { distinctId: r.distinct_id }, count: r.n, sum: r.s, countDistinct: r.persons })),
    );
    const actionStats = await all<Json>(
      `select name, (select string_value from action_properties ap where ap.action_pk = a.pk and ap.key = 'secret' and ap.type = 'string' order by ap.pk limit 1) property,
              count(*) n, sum(duration) s, count(distinct session_pk) sessions
         from user_actions a where project = ? group by 1, 2`,
      p,
    );
    const statsKey = (r: Json) => `${r.name}|${r.property}`;
    expect(byKey(data.userActionStats as Json[], (r) => statsKey(r.dimensions))).toEqual(
      byKey(actionStats, statsKey).map((r) => ({ dimensions: { name: r.name, property: r.property }, count: r.n, sum: r.s, countDistinct: r.sessions })),
    );
    expect((data.userActionStats as Json[]).map((r) => r.dimensions.property).filter(Boolean)).toEqual([ONLY[p].secret]);
    expect(data.total).toEqual([
      {
        count: (await one<{ n: number }>(`select count(*) n from user_sessions where project = ?`, p))!.n,
        countDistinct: (await one<{ n: number }>(`select count(distinct user_id) n from user_sessions where project = ?`, p))!.n,
      },
    ]);

    // The funnel, recomputed from the project's actions in session order.
    const steps = [(n: string) => n.toLowerCase().startsWith('loading'), (n: string) => n.toLowerCase().includes('click'), (n: string) => n.toLowerCase().includes('checkout')];
    const funnel = await as(p).ok(`{
      funnel(steps: [{ name: { startsWith: "loading" } }, { name: { contains: "click" } }, { name: { contains: "checkout" } }]) { step sessions }
      otherOnly: funnel(steps: [{ name: { eq: "${ONLY[other(p)].action}" } }]) { sessions }
      otherCountry: funnel(filter: { country: { eq: "${ONLY[other(p)].country}" } }, steps: [{}]) { sessions }
      ownOnly: funnel(steps: [{ name: { eq: "${ONLY[p].action}" } }]) { sessions }
    }`);
    const rows = await all<{ session_pk: number; seq: number; name: string | null }>(
      `select a.session_pk, a.seq, a.name from user_actions a join user_sessions s on s.pk = a.session_pk where s.project = ? order by a.session_pk, a.seq`,
      p,
    );
    const bySession = new Map<number, typeof rows>();
    for (const r of rows) bySession.set(r.session_pk, [...(bySession.get(r.session_pk) ?? []), r]);
    const reached = steps.map(() => 0);
    for (const actions of bySession.values()) {
      let position = -1;
      for (let i = 0; i < steps.length; i++) {
        const hit = actions.find((a) => a.seq > position && a.name !== null && steps[i]!(a.name));
        if (!hit) break;
        reached[i]!++;
        position = hit.seq;
      }
    }
    expect(funnel.funnel).toEqual(reached.map((sessions, i) => ({ step: i + 1, sessions })));
    expect(reached[0]).toBeGreaterThan(0);
    expect(funnel.otherOnly).toEqual([{ sessions: 0 }]);
    expect(funnel.otherCountry).toEqual([{ sessions: 0 }]);
    expect(funnel.ownOnly).toEqual([{ sessions: 1 }]);
  });

  it('federation _entities resolves references in the project only', async () => {
    const representations = [
      { __typename: 'Person', id: SHARED.personId },
      { __typename: 'Person', distinctId: SHARED.distinctId },
      { __typename: 'Person', id: ONLY[p].personId },
      { __typename: 'Person', id: o().personId },
      { __typename: 'Person', distinctId: o().distinctId },
      { __typename: 'SessionRecording', id: SHARED.recording },
      { __typename: 'SessionRecording', id: o().recording },
      { __typename: 'UserSession', id: SHARED.session },
      { __typename: 'UserSession', id: o().session },
    ];
    const r = await postGraphql(
      federation.url,
      keys[p],
      `query($r: [_Any!]!) { _entities(representations: $r) {
        __typename ... on Person { id uuid name } ... on SessionRecording { id recordingDuration } ... on UserSession { id country }
      } }`,
      { r: representations },
    );
    expect(r.status, r.text).toBe(200);
    expect(r.body?.errors, r.text).toBeUndefined();
    const person = (x: { id: number | string; uuid: string; name: string | null } | undefined) =>
      x ? { __typename: 'Person', id: String(x.id), uuid: x.uuid, name: x.name } : null;
    expect(r.body?.data?._entities).toEqual([
      person({ ...(await sqlPerson(p, SHARED.personId))!, id: SHARED.personId }),
      person(await sqlPersonByDistinctId(p, SHARED.distinctId)),
      person({ ...(await sqlPerson(p, ONLY[p].personId))!, id: ONLY[p].personId }),
      null,
      null,
      { __typename: 'SessionRecording', id: SHARED.recording, recordingDuration: (await sqlRecording(p, SHARED.recording))!.recording_duration },
      null,
      { __typename: 'UserSession', id: SHARED.session, country: (await sqlSession(p, SHARED.session))!.country },
      null,
    ]);
  });
});

// ------------------------------------------------------------------ writes

describe.each(PROJECTS)('writing with the key of project %s', (p) => {
  const o = () => ONLY[other(p)];

  it('ingest over HTTP lands in the key’s project only', async () => {
    const before = await dumpProject(other(p));
    expect(before.recordings!.length, 'the dump reads the served store').toBeGreaterThan(0);
    const recordingTemplate = fixtureRecords('test/fixtures/posthog-recordings.ndjson')[1]!;
    const duration = p === 'a' ? 4241 : 4242;
    const posthog = await fetch(`${app.base}/ingest/posthog/recordings`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${keys[p]}` },
      body: ndjson([
        { ...recordingTemplate, id: SHARED.recording, recording_duration: duration },
        { ...recordingTemplate, id: `rec-ingested-by-${p}`, recording_duration: duration },
      ]),
    });
    expect(posthog.status).toBe(200);
    expect(await posthog.json()).toEqual({ accepted: 2, rejected: 0, errors: [], warnings: expect.any(Array) });
    const sessionTemplate = fixtureRecords('test/fixtures/dynatrace-sessions.ndjson')[0]!;
    const dynatrace = await fetch(`${app.base}/ingest/dynatrace/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${keys[p]}` },
      body: ndjson([{ ...sessionTemplate, country: `ingested-by-${p}` }, { ...sessionTemplate, userSessionId: `INGESTED-BY-${p}`, country: `ingested-by-${p}` }]),
    });
    expect(dynatrace.status).toBe(200);
    expect(await dynatrace.json()).toEqual({ accepted: 2, rejected: 0, errors: [], warnings: expect.any(Array) });

    expect((await sqlRecording(p, SHARED.recording))!.recording_duration).toBe(duration);
    expect(await sqlRecording(p, `rec-ingested-by-${p}`)).toBeDefined();
    expect((await sqlSession(p, SHARED.session))!.country).toBe(`ingested-by-${p}`);
    expect(await sqlSession(p, `umsaywsjuo:INGESTED-BY-${p}:1`)).toBeDefined();
    expect(await all(`select project from recordings where id = ?`, `rec-ingested-by-${p}`)).toEqual([{ project: p }]);
    expect(await all(`select project from user_sessions where user_session_id = ?`, `INGESTED-BY-${p}`)).toEqual([{ project: p }]);
    expect(await dumpProject(other(p))).toEqual(before);
    // And the other key does not see them.
    const seen = await as(other(p)).ok(`query($id: ID!) { recording(id: $id) { id } }`, { id: `rec-ingested-by-${p}` });
    expect(seen.recording).toBeNull();
  });

  it('mutations on ids present in both projects affect the caller’s project only; the viewer is the key’s name', async () => {
    const before = await dumpProject(other(p));
    expect(before.recordings!.length, 'the dump reads the served store').toBeGreaterThan(0);
    const m = MUTATE[p];

    // markRecordingViewed: the viewer recorded is the key's name, whatever the client claims.
    const viewed = await as(p).raw(`mutation($id: ID!) { markRecordingViewed(id: $id) { id viewed viewers } }`, { id: m.view }, {
      headers: { 'x-sessiongraph-viewer': 'mallory' },
    });
    expect(viewed.body?.errors, viewed.text).toBeUndefined();
    const ownRec = (await sqlRecording(p, m.view))!;
    const viewers = await all<{ viewer: string; project: string }>(`select viewer, project from recording_viewers where recording_pk = ? order by viewer`, ownRec.pk);
    expect(viewers).toContainEqual({ viewer: KEY_NAMES[p], project: p });
    expect(viewers.map((v) => v.viewer)).not.toContain('mallory');
    expect(viewed.body?.data?.markRecordingViewed).toEqual({
      id: m.view,
      viewed: true,
      viewers: viewers.map((v) => v.viewer).filter((v) => v !== KEY_NAMES[p]),
    });
    expect((await one<{ n: number }>(`select count(*) n from recording_viewers where viewer = ?`, KEY_NAMES[p]))!.n).toBe(1);

    // Ids that only the other project has: like ids that exist nowhere.
    const missing = await as(p).ok(
      `mutation($rec: ID!, $session: ID!, $person: ID!) {
        markRecordingViewed(id: $rec) { id }
        markRecordingsViewed(ids: [$rec]) { id }
        deleteRecording(id: $rec)
        deleteRecordings(ids: [$rec]) { deleted notFound }
        deleteUserSession(id: $session)
        deletePerson(id: $person) { persons recordings userSessions userActions }
      }`,
      { rec: o().recording, session: o().session, person: o().personId },
    );
    expect(missing).toEqual({
      markRecordingViewed: null,
      markRecordingsViewed: [],
      deleteRecording: false,
      deleteRecordings: { deleted: 0, notFound: [o().recording] },
      deleteUserSession: false,
      deletePerson: { persons: 0, recordings: 0, userSessions: 0, userActions: 0 },
    });

    // Deletes of shared ids.
    const person = (await sqlPerson(p, m.deletePerson))!;
    const ids = await distinctIdsOf(person.pk);
    const marks = ids.map(() => '?').join(', ');
    const expectedErasure = {
      persons: 1,
      recordings: (await one<{ n: number }>(`select count(*) n from recordings where project = ? and distinct_id in (${marks})`, p, ...ids))!.n,
      userSessions: (await one<{ n: number }>(`select count(*) n from user_sessions where project = ? and user_id in (${marks})`, p, ...ids))!.n,
      userActions: (await one<{ n: number }>(
        `select count(*) n from user_actions where session_pk in (select pk from user_sessions where project = ? and user_id in (${marks}))`,
        p,
        ...ids,
      ))!.n,
    };
    expect(expectedErasure.userSessions).toBeGreaterThan(0);
    const deleted = await as(p).ok(
      `mutation($rec: ID!, $session: ID!, $person: ID!) {
        deleteRecording(id: $rec)
        deleteUserSession(id: $session)
        deletePerson(id: $person) { persons recordings userSessions userActions }
      }`,
      { rec: m.deleteRecording, session: m.deleteSession, person: m.deletePerson },
    );
    expect(deleted).toEqual({ deleteRecording: true, deleteUserSession: true, deletePerson: expectedErasure });
    expect(await sqlRecording(p, m.deleteRecording)).toBeUndefined();
    expect(await sqlSession(p, m.deleteSession)).toBeUndefined();
    expect(await sqlPerson(p, m.deletePerson)).toBeUndefined();
    expect((await one<{ n: number }>(`select count(*) n from person_distinct_ids where project = ? and distinct_id in (${marks})`, p, ...ids))!.n).toBe(0);
    // The other project still has all of them, untouched.
    expect(await sqlRecording(other(p), m.deleteRecording)).toBeDefined();
    expect(await sqlSession(other(p), m.deleteSession)).toBeDefined();
    expect(await sqlPerson(other(p), m.deletePerson)).toBeDefined();
    expect(await dumpProject(other(p))).toEqual(before);
  });
});

// ------------------------------------------------------------------ read-only keys and no keys

const MUTATIONS = [
  `mutation { markRecordingViewed(id: "${REC_LIST_1}") { id } }`,
  `mutation { markRecordingsViewed(ids: ["${REC_LIST_1}"]) { id } }`,
  `mutation { deleteRecording(id: "${REC_LIST_1}") }`,
  `mutation { deleteRecordings(ids: ["${REC_LIST_1}", "rec-ndjson-1"]) { deleted } }`,
  `mutation { deleteUserSession(id: "${SESSION_1042}") }`,
  `mutation { deletePerson(id: "1042") { persons } }`,
  `mutation M { deletePerson(id: "1") { persons } }`,
];

describe('a read-only key', () => {
  it('reads its project', async () => {
    const data = await client(app.url, readOnlyKeyA).ok(`{ recordings { totalCount } recording(id: "${ONLY.a.recording}") { id } b: recording(id: "${ONLY.b.recording}") { id } }`);
    expect(data).toEqual({
      recordings: { totalCount: (await one<{ n: number }>(`select count(*) n from recordings where project = 'a' and ${VISIBLE}`))!.n },
      recording: { id: ONLY.a.recording },
      b: null,
    });
  });

  it('gets FORBIDDEN for every mutation, and nothing changes', async () => {
    const before = await servedState();
    for (const mutation of MUTATIONS) {
      const r = await client(app.url, readOnlyKeyA).raw(mutation);
      expect(r.body?.errors?.map((e: Json) => e.extensions?.code), `${mutation}: ${r.text}`).toEqual(['FORBIDDEN']);
      expect(r.body?.data ?? null, mutation).toBeNull();
      expectNoLeak(r.text, mutation);
    }
    // A mutation picked by operationName out of a document that also holds a query.
    const picked = await client(app.url, readOnlyKeyA).raw(`query Q { __typename } mutation M { deleteRecording(id: "${REC_LIST_1}") }`, undefined, {
      operationName: 'M',
    });
    expect(picked.body?.errors?.map((e: Json) => e.extensions?.code), picked.text).toEqual(['FORBIDDEN']);
    expect(await servedState()).toEqual(before);
  });

  it('gets 403 on both ingest routes, and nothing changes', async () => {
    const before = await servedState();
    const recordingTemplate = fixtureRecords('test/fixtures/posthog-recordings.ndjson')[1]!;
    const sessionTemplate = fixtureRecords('test/fixtures/dynatrace-sessions.ndjson')[0]!;
    for (const [path, record] of [
      ['/ingest/posthog/recordings', { ...recordingTemplate, id: 'read-only-ingest' }],
      ['/ingest/dynatrace/sessions', { ...sessionTemplate, userSessionId: 'READ-ONLY-INGEST' }],
    ] as const) {
      const r = await answer(
        await fetch(`${app.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${readOnlyKeyA}` }, body: ndjson([record]) }),
      );
      expect(r.status, `${path}: ${r.text}`).toBe(403);
      expect(r.body?.error).toMatch(/read-only/);
    }
    expect(await servedState()).toEqual(before);
  });
});

describe('requests without a valid key', () => {
  // Headers per case, computed once the keys exist.
  const bad: [string, () => Record<string, string>][] = [
    ['no Authorization header', () => ({})],
    ['an empty Bearer token', () => ({ authorization: 'Bearer ' })],
    ['a malformed key', () => ({ authorization: 'Bearer not-a-key' })],
    ['a well-formed unknown key', () => ({ authorization: `Bearer sgk_000000000000_${'A'.repeat(43)}` })],
    ['a known key id with a wrong secret', () => ({ authorization: `Bearer ${keys.a.slice(0, 'sgk_000000000000_'.length)}${'x'.repeat(43)}` })],
    ['a key with a character changed', () => ({ authorization: `Bearer ${keys.a.slice(0, -1)}${keys.a.endsWith('A') ? 'B' : 'A'}` })],
    ['a revoked key', () => ({ authorization: `Bearer ${revokedKey}` })],
    ['another scheme', () => ({ authorization: `Basic ${Buffer.from(`a:${keys.a}`).toString('base64')}` })],
    ['the key without a scheme', () => ({ authorization: keys.a })],
    ['the key in another header', () => ({ 'x-api-key': keys.a })],
  ];

  const expect401 = (r: Awaited<ReturnType<typeof answer>>, what: string) => {
    expect(r.status, `${what}: ${r.text}`).toBe(401);
    expect(r.headers.get('content-type'), what).toMatch(/^application\/json/);
    expect(Object.keys(r.body ?? {}), what).toEqual(['errors']);
    expect(r.body?.errors, what).toHaveLength(1);
    expect(r.body?.errors[0].extensions, what).toEqual({ code: 'UNAUTHENTICATED' });
    expect(Object.keys(r.body?.errors[0]).sort(), what).toEqual(['extensions', 'message']);
    expectNoLeak(r.text, what);
    for (const secret of [...PROJECTS.map((p) => ONLY[p].secret), REC_LIST_1, 'Bolivia', 'b-plan']) expect(r.text, what).not.toContain(secret);
  };

  it.each(bad)('%s: 401 with one GraphQL error and nothing else, on every protected route', async (name, headersOf) => {
    const headers = headersOf();
    const before = await servedState();
    const query = `{ recordings { totalCount nodes { id } } }`;
    expect401(await postGraphql(app.url, undefined, query, undefined, { headers }), `${name}: POST /graphql`);
    expect401(
      await answer(await fetch(`${app.url}?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/json', ...headers } })),
      `${name}: GET /graphql`,
    );
    expect401(
      await postGraphql(app.url, undefined, `mutation { deleteRecording(id: "${REC_LIST_1}") }`, undefined, { headers }),
      `${name}: mutation`,
    );
    expect401(await postGraphql(federation.url, undefined, `{ _service { sdl } }`, undefined, { headers }), `${name}: federation _service`);
    expect401(
      await postGraphql(federation.url, undefined, `query($r: [_Any!]!) { _entities(representations: $r) { __typename } }`, { r: [{ __typename: 'Person', id: '1042' }] }, { headers }),
      `${name}: federation _entities`,
    );
    for (const path of ['/ingest/posthog/recordings', '/ingest/dynatrace/sessions']) {
      const body = ndjson([{ ...fixtureRecords('test/fixtures/posthog-recordings.ndjson')[1]!, id: 'unauthenticated-ingest' }]);
      expect401(
        await answer(await fetch(`${app.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...headers }, body })),
        `${name}: POST ${path}`,
      );
    }
    expect(await servedState()).toEqual(before);
  });

  it('the GraphiQL page is served without a key, but a query sent with it runs nowhere', async () => {
    const r = await answer(await fetch(`${app.url}?query=${encodeURIComponent('{ recordings { nodes { id startUrl } } }')}`, { headers: { accept: 'text/html' } }));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    for (const value of [REC_LIST_1, REC_LIST_2, 'checkout?step=1', 'only-in-b']) expect(r.text).not.toContain(value);
  });

  // Yoga answers GraphQL on any path whose URL *ends* with "/graphql"; the key check only guards
  // paths that start with it. Such a request must not run either.
  it.each([
    ['POST', '/x/graphql'],
    ['POST', '/health/graphql'],
    ['POST', '/?/graphql'],
    ['GET', `/x?query=${encodeURIComponent('{ recordings { totalCount nodes { id } } }')}&/graphql`],
  ])('%s %s without a key is refused and runs nothing', async (method, path) => {
    const before = await servedState();
    expect(await sqlRecording('default', REC_LIST_1), 'the default project holds data').toBeDefined();
    const r = await answer(
      await fetch(`${app.base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        ...(method === 'POST' ? { body: JSON.stringify({ query: `mutation { deleteRecording(id: "${REC_LIST_1}") }` }) } : {}),
      }),
    );
    expect([401, 404], `${method} ${path}: ${r.status} ${r.text}`).toContain(r.status);
    expect(r.body?.data, r.text).toBeUndefined();
    expect(r.text).not.toContain(REC_LIST_1);
    expect(await servedState()).toEqual(before);
  });
});
