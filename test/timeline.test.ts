/**
 * Person.timeline: a person's recordings, user sessions, and their sessions' actions and errors
 * in one time-ordered keyset connection. timeline.ndjson holds ties on purpose (two recordings, a
 * session and an action at the same millisecond; actions and errors at the same millisecond; two
 * of one kind at the same millisecond, in file order unlike their ids' order), an expired
 * recording, items of yesterday (relative filters) and items of nobody; visits.ndjson adds the
 * visit persons. Every answer is compared with the order computed here in JS from the files'
 * records: time, then kind (recording, session, action, error), then storage order (the order of
 * the file, which the import keeps as pk order). Queries go with variables, as clients send them.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, NOW, startServer, twinServer, type TestServer } from './graphql-helpers/server.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const FILES = ['visits.ndjson', 'timeline.ndjson'];
const KINDS = ['RECORDING', 'USER_SESSION', 'USER_ACTION', 'USER_ERROR'] as const;
type Kind = (typeof KINDS)[number];

interface Item {
  person: number;
  kind: Kind;
  /** What the API answers as `${kind}:${node.id}`. */
  key: string;
  at: number;
  /** Storage order within the kind (file order). */
  ordinal: number;
  expired: boolean;
}

const records: Json[] = FILES.flatMap((f) => readFileSync(fixturePath(f), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Json));
const isRecording = (r: Json) => typeof r.distinct_id === 'string' || 'recording_duration' in r;
const sessionId = (s: Json) => `${s.tenantId}:${s.userSessionId}:${s.partNumber}`;

/** Every person's items, from the records alone, with the timeline's order: at, kind, storage order. */
function expectedItems(): Item[] {
  const personOf = new Map<string, number>();
  for (const r of records.filter(isRecording)) if (r.person) for (const id of [...r.person.distinct_ids, r.distinct_id]) personOf.set(id, r.person.id);
  const items: Item[] = [];
  const counters = { RECORDING: 0, USER_SESSION: 0, USER_ACTION: 0, USER_ERROR: 0 };
  const add = (person: number | undefined, kind: Kind, id: string, at: number, expired = false) => {
    const ordinal = counters[kind]++;
    if (person !== undefined) items.push({ person, kind, key: `${kind}:${id}`, at, ordinal, expired });
  };
  for (const r of records) {
    if (isRecording(r)) {
      add(personOf.get(r.distinct_id), 'RECORDING', r.id, Date.parse(r.start_time), Date.parse(r.expiry_time) <= NOW.getTime());
      continue;
    }
    const person = r.userId == null ? undefined : personOf.get(r.userId);
    add(person, 'USER_SESSION', sessionId(r), r.startTime);
    (r.userActions ?? []).forEach((a: Json, seq: number) => add(person, 'USER_ACTION', `${sessionId(r)}/${seq}`, a.startTime));
    (r.errors ?? []).forEach((e: Json, seq: number) => add(person, 'USER_ERROR', `${sessionId(r)}/${seq}`, e.startTime));
  }
  return items.sort((x, y) => x.at - y.at || KINDS.indexOf(x.kind) - KINDS.indexOf(y.kind) || x.ordinal - y.ordinal);
}

const ALL = expectedItems();
const PERSONS = [...new Set(ALL.map((i) => i.person))].sort();
const keysOf = (person: number, keep: (i: Item) => boolean = () => true) => ALL.filter((i) => i.person === person && keep(i)).map((i) => i.key);

const TIMELINE = `query Timeline($id: ID!, $first: Int, $after: String, $filter: TimelineFilter, $kinds: [TimelineKind!], $direction: SortDirection) {
  person(id: $id) {
    timeline(first: $first, after: $after, filter: $filter, kinds: $kinds, direction: $direction) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges {
        cursor kind at
        node {
          __typename
          ... on SessionRecording { id }
          ... on UserSession { id }
          ... on UserAction { id }
          ... on UserError { id }
        }
      }
    }
  }
}`;

interface Edge {
  cursor: string;
  kind: Kind;
  at: string;
  node: { __typename: string; id: string };
}
interface TimelinePage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: Edge[];
}
type Args = { first?: number; after?: string | null; filter?: unknown; kinds?: Kind[] | null; direction?: 'ASC' | 'DESC' };

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ fixtures: FILES });
});
afterAll(async () => {
  await server?.close();
});

async function page(person: number, args: Args, on: TestServer = server): Promise<TimelinePage> {
  const data = await on.ok(TIMELINE, { id: String(person), ...args });
  return data.person.timeline;
}

/** Every item of the timeline, walking pages of `first`; checks each page's size, flags and cursors on the way. */
async function walk(person: number, args: Args, on: TestServer = server): Promise<{ keys: string[]; pages: number }> {
  const keys: string[] = [];
  let after: string | null = null;
  for (let pages = 1; pages < 500; pages++) {
    const p: TimelinePage = await page(person, { ...args, after }, on);
    expect(p.edges.length).toBeLessThanOrEqual(args.first!);
    expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
    expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor ?? null);
    keys.push(...p.edges.map((e) => `${e.kind}:${e.node.id}`));
    if (!p.pageInfo.hasNextPage) return { keys, pages };
    expect(p.edges).toHaveLength(args.first!);
    after = p.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

const TYPENAMES: Record<Kind, string> = { RECORDING: 'SessionRecording', USER_SESSION: 'UserSession', USER_ACTION: 'UserAction', USER_ERROR: 'UserError' };

describe('Person.timeline', () => {
  it('the fixture has the ties the order must break: kinds at one millisecond, and one kind twice at one millisecond in file order unlike id order', () => {
    const p1 = ALL.filter((i) => i.person === 7001);
    const byAt = new Map<number, Item[]>();
    for (const i of p1) byAt.set(i.at, [...(byAt.get(i.at) ?? []), i]);
    expect([...byAt.values()].some((g) => new Set(g.map((i) => i.kind)).size >= 3)).toBe(true);
    expect([...byAt.values()].some((g) => g.some((i) => i.kind === 'USER_ACTION') && g.some((i) => i.kind === 'USER_ERROR'))).toBe(true);
    // tl-rec-b is stored before tl-rec-a at the same start: pk order, not id order.
    expect(keysOf(7001).indexOf('RECORDING:tl-rec-b')).toBeLessThan(keysOf(7001).indexOf('RECORDING:tl-rec-a'));
    expect(PERSONS).toEqual(expect.arrayContaining([7001, 7002, 7003]));
    expect(PERSONS.length).toBeGreaterThan(3);
  });

  it("every person's whole timeline, in time order with ties by kind then storage order, with kinds, times and types", async () => {
    for (const person of PERSONS) {
      const p = await page(person, { first: 500 });
      const expected = ALL.filter((i) => i.person === person);
      expect(p.edges.map((e) => `${e.kind}:${e.node.id}`), `person ${person}`).toEqual(expected.map((i) => i.key));
      expect(p.edges.map((e) => Date.parse(e.at))).toEqual(expected.map((i) => i.at));
      for (const e of p.edges) expect(e.node.__typename).toBe(TYPENAMES[e.kind]);
      expect(p.totalCount).toBe(expected.length);
      expect(p.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    }
    // The persons' exact head, written out: a wrong tie-break changes it.
    expect((await page(7001, { first: 6, filter: { at: { gte: '2026-11-02T09:00:00Z' } } })).edges.map((e) => `${e.kind}:${e.node.id}`)).toEqual([
      'RECORDING:tl-rec-b',
      'RECORDING:tl-rec-a',
      'USER_SESSION:umsaywsjuo:TL-S1:1',
      'USER_ACTION:umsaywsjuo:TL-S1:1/1',
      'USER_ERROR:umsaywsjuo:TL-S1:1/2',
      'USER_ACTION:umsaywsjuo:TL-S1:1/0',
    ]);
  });

  it('pages of 1, 2 and 3 give the whole timeline without gaps or repeats, oldest first and newest first', async () => {
    for (const person of [7001, 7002]) {
      const all = keysOf(person);
      for (const first of [1, 2, 3]) {
        const asc = await walk(person, { first });
        expect(asc.keys, `person ${person}, first ${first}`).toEqual(all);
        // hasNextPage is exact: no empty page at the end.
        expect(asc.pages).toBe(Math.ceil(all.length / first));
        const desc = await walk(person, { first, direction: 'DESC' });
        expect(desc.keys, `person ${person}, first ${first}, newest first`).toEqual([...all].reverse());
      }
    }
  });

  it('kinds: only the kinds asked for, paged across the same ties; an empty list is an empty timeline', async () => {
    const subsets: Kind[][] = [['USER_ACTION', 'USER_ERROR'], ['RECORDING'], ['USER_ERROR', 'RECORDING', 'USER_SESSION']];
    for (const kinds of subsets) {
      const expected = keysOf(7001, (i) => kinds.includes(i.kind));
      expect((await walk(7001, { first: 2, kinds })).keys, kinds.join()).toEqual(expected);
      expect((await page(7001, { first: 2, kinds })).totalCount).toBe(expected.length);
    }
    const none = await page(7001, { first: 5, kinds: [] });
    expect(none.edges).toEqual([]);
    expect(none.totalCount).toBe(0);
  });

  it('filter.at: absolute bounds, and relative ones from the moment of the request', async () => {
    const from = Date.parse('2026-11-02T09:00:01Z');
    const to = Date.parse('2026-11-02T10:00:00Z');
    const ranged = keysOf(7001, (i) => i.at >= from && i.at < to);
    expect(ranged.length).toBeGreaterThan(3);
    const filter = { at: { gte: new Date(from).toISOString(), lt: new Date(to).toISOString() } };
    expect((await walk(7001, { first: 2, filter })).keys).toEqual(ranged);
    expect((await page(7001, { first: 1, filter })).totalCount).toBe(ranged.length);

    // NOW is 2026-11-04T00:03Z: "yesterday" is 2026-11-03 (UTC), the last 6 hours start at 18:03.
    const yesterday = (i: Item) => i.at >= Date.parse('2026-11-03T00:00:00Z') && i.at < Date.parse('2026-11-04T00:00:00Z');
    const lastSixHours = (i: Item) => i.at >= NOW.getTime() - 6 * 3_600_000 && i.at <= NOW.getTime();
    for (const person of [7001, 7002]) {
      expect((await page(person, { first: 50, filter: { at: { previous: 'DAY' } } })).edges.map((e) => `${e.kind}:${e.node.id}`)).toEqual(keysOf(person, yesterday));
      expect((await page(person, { first: 50, filter: { at: { withinLast: 'PT6H' } } })).edges.map((e) => `${e.kind}:${e.node.id}`)).toEqual(keysOf(person, lastSixHours));
    }
    expect(keysOf(7002, yesterday)).toEqual(['USER_SESSION:umsaywsjuo:TL-S5:1']);
    expect(keysOf(7002, lastSixHours)).toEqual([]);
  });

  it('under --retention enforce expired recordings are not on the timeline', async () => {
    const kept = keysOf(7001);
    expect(kept).toContain('RECORDING:tl-rec-old');
    expect((await page(7001, { first: 500 })).edges).toHaveLength(kept.length);
    const enforcing = await twinServer(server, { retention: 'enforce' });
    try {
      expect((await walk(7001, { first: 3 }, enforcing)).keys).toEqual(keysOf(7001, (i) => !i.expired));
      const p3 = await page(7003, { first: 5 }, enforcing);
      expect(p3.edges).toEqual([]);
      expect(p3.totalCount).toBe(0);
    } finally {
      await enforcing.close();
    }
  });

  it('one page of timelines is one statement (two with totalCount), the same for one person as for all of them', async () => {
    const query = `query People($persons: Int, $first: Int, $direction: SortDirection) {
      persons(first: $persons) { nodes { id timeline(first: $first, direction: $direction) { totalCount edges { kind node { __typename } } } } }
    }`;
    const variables = { first: 5, direction: 'DESC' };
    const one = await server.gql(query, { ...variables, persons: 1 }, {}, { once: 'counts statements' });
    const all = await server.gql(query, { ...variables, persons: 50 }, {}, { once: 'counts statements' });
    expect(one.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    // The first person (the newest: created 2026-10-30 in timeline.ndjson) has all four kinds on its page: every per-kind load runs.
    const [first] = (one.data as Json).persons.nodes;
    expect(first.id).toBe('7001');
    expect(new Set(first.timeline.edges.map((e: Json) => e.kind))).toEqual(new Set(KINDS));
    expect((all.data as Json).persons.nodes).toHaveLength(PERSONS.length);
    expect(all.extensions.sql!.statements).toBe(one.extensions.sql!.statements);
    // One statement per page of timelines, for every person on the page, rows and all (+1 for totalCount).
    const without = await server.gql('query People($persons: Int) { persons(first: $persons) { nodes { id } } }', { persons: 50 }, {}, { once: 'counts statements' });
    expect(all.extensions.sql!.statements - without.extensions.sql!.statements).toBe(2);
    const untotalled = await server.gql(query.replace('totalCount ', ''), { ...variables, persons: 50 }, {}, { once: 'counts statements' });
    expect(untotalled.extensions.sql!.statements - without.extensions.sql!.statements).toBe(1);
  });

  it('a cursor that is not this timeline\'s, a page too large or negative: clear errors naming the argument', async () => {
    const bad = async (args: Args, code: string, message: RegExp, argumentName: string) => {
      const res = await server.gql(TIMELINE, { id: '7001', ...args });
      expect(res.errors, JSON.stringify(args)).toHaveLength(1);
      expect(res.errors![0]!.message).toMatch(message);
      expect(res.errors![0]!.extensions).toMatchObject({ code, argumentName });
      expect(JSON.stringify(res.errors)).not.toMatch(/\bat .*\.ts:\d+/);
    };
    await bad({ first: 2, after: 'not-a-cursor' }, 'BAD_USER_INPUT', /Invalid cursor in "after"/, 'after');
    const desc = await page(7001, { first: 2, direction: 'DESC' });
    await bad({ first: 2, after: desc.pageInfo.endCursor }, 'BAD_USER_INPUT', /Invalid cursor in "after": it was made for a different orderBy/, 'after');
    const recordings = await server.ok('query($first: Int) { recordings(first: $first) { pageInfo { endCursor } } }', { first: 1 });
    await bad({ first: 2, after: recordings.recordings.pageInfo.endCursor }, 'BAD_USER_INPUT', /Invalid cursor in "after": it belongs to another list/, 'after');
    await bad({ first: 501 }, 'BAD_USER_INPUT', /"first" must be at most 500/, 'first');
    const negative = await server.gql(TIMELINE, { id: '7001', first: -1 });
    expect(negative.errors?.[0]?.message).toMatch(/"first" must not be negative/);
    // A cursor of one person's timeline continues another's at the same place (it holds no person).
    const mid = await page(7001, { first: 3 });
    expect((await page(7002, { first: 500, after: mid.pageInfo.endCursor })).edges.length).toBeGreaterThan(0);
  });

  it('query cost: a timeline costs its page size times its selection, as other nested lists do', async () => {
    const query = `query($persons: Int, $first: Int) { persons(first: $persons) { nodes { timeline(first: $first) { edges { cursor kind at } } } } }`;
    const res = await server.gql(query, { persons: 500, first: 500 });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect((await server.gql(query, { persons: 10, first: 10 })).errors).toBeUndefined();
  });
});
