/**
 * The recording lifecycle (issue 4): per-caller viewed/viewers and the mark-viewed mutations,
 * deleting recordings, user sessions and persons (right to erasure), retention (expiry, TTL,
 * ongoing, expired recordings hidden under `--retention enforce`, which this server runs with as
 * PostHog would, and `npm run purge`), the activity score fallback and
 * Person.lastSeenAt — through real HTTP against the real server over a real SQLite file loaded
 * through the real import path. Expected values come from the input data or from raw SQL over
 * the store the server answers from (an independent connection: `srv.rows`), on SQLite or, in the
 * `postgres` project, on its PostgreSQL copy (test/graphql-helpers/server.ts, TEST_STORE).
 *
 * The tests of this file run in order and build on each other's writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, MINUTE } from './stats-helpers/expected.js';
import { expectedActivityScore, LC_PERSONS, lcRecordings, lcSessions, type LcSession, type WireRecording } from './stats-helpers/lifecycle-data.js';
import { cli, oneError, startStatsServer, type StatsServer } from './stats-helpers/server.js';


let srv: StatsServer;
let now: number;
let today: number;
let recs: Record<string, WireRecording>;
let lcs: LcSession[];

beforeAll(async () => {
  now = Date.now();
  today = Math.floor(now / DAY) * DAY;
  recs = lcRecordings({ now, today });
  lcs = lcSessions({ now, today });
  srv = await startStatsServer({
    retention: 'enforce',
    seed: { persons: 80, seed: 5, end: new Date(today) },
    files: [
      ['persons.ndjson', LC_PERSONS],
      ['recordings.ndjson', Object.values(recs)],
      ['sessions.ndjson', lcs],
    ],
  });
});
afterAll(async () => {
  await srv?.close();
});

interface ApiRecording {
  id: string;
  viewed: boolean;
  viewers: string[];
}

/** A read on the store the server answers from (its first row, or all rows). */
const one = async <T>(sql: string, ...params: unknown[]) => (await srv.rows<T>(sql, ...params))[0] as T;
const all = <T>(sql: string, ...params: unknown[]) => srv.rows<T>(sql, ...params);
const viewersInStore = async (id: string) =>
  (await all<{ viewer: string }>('select v.viewer from recording_viewers v join recordings r on r.pk = v.recording_pk where r.id = ? order by v.viewer', id)).map(
    (r) => r.viewer,
  );
const recordingExists = async (id: string) => (await one<{ n: number }>('select count(*) n from recordings where id = ?', id)).n === 1;

const RECORDING = `query($id: ID!) { recording(id: $id) { id viewed viewers } }`;
async function recordingAs(id: string, viewer?: string): Promise<ApiRecording | null> {
  return (await srv.ok<{ recording: ApiRecording | null }>(RECORDING, { id }, viewer === undefined ? {} : { viewer })).recording;
}

// ====================================================================== viewed / viewers

describe('viewed and viewers, per caller', () => {
  it('before marking: the imported viewers list, viewed only for a listed caller, the imported flag for anonymous callers', async () => {
    expect(await recordingAs('lc-view-1', 'alice')).toEqual({ id: 'lc-view-1', viewed: false, viewers: ['carol'] });
    expect(await recordingAs('lc-view-1', 'carol')).toEqual({ id: 'lc-view-1', viewed: true, viewers: [] });
    expect(await recordingAs('lc-view-1')).toEqual({ id: 'lc-view-1', viewed: false, viewers: ['carol'] });
    expect(await recordingAs('lc-view-2')).toMatchObject({ viewed: true, viewers: [] });
    expect(await recordingAs('lc-view-2', 'alice')).toMatchObject({ viewed: false, viewers: [] });
  });

  it('markRecordingViewed as alice: viewed for alice, not for bob; viewers lists the others, never the caller', async () => {
    const marked = await srv.ok<{ markRecordingViewed: ApiRecording }>(
      `mutation { markRecordingViewed(id: "lc-view-1") { id viewed viewers } }`,
      {},
      { viewer: 'alice' },
    );
    expect(marked.markRecordingViewed).toEqual({ id: 'lc-view-1', viewed: true, viewers: ['carol'] });
    expect(await viewersInStore('lc-view-1')).toEqual(['alice', 'carol']);
    expect(await recordingAs('lc-view-1', 'alice')).toEqual({ id: 'lc-view-1', viewed: true, viewers: ['carol'] });
    expect(await recordingAs('lc-view-1', 'bob')).toEqual({ id: 'lc-view-1', viewed: false, viewers: ['alice', 'carol'] });
    expect(await recordingAs('lc-view-1', 'carol')).toEqual({ id: 'lc-view-1', viewed: true, viewers: ['alice'] });
    // Marking again changes nothing.
    await srv.ok(`mutation { markRecordingViewed(id: "lc-view-1") { id } }`, {}, { viewer: 'alice' });
    expect(await viewersInStore('lc-view-1')).toEqual(['alice', 'carol']);
  });

  it('filter viewed: { eq: false } hides what the caller has seen (and only what this caller has seen)', async () => {
    const q = `query($v: Boolean) { recordings(first: 50, filter: { id: { startsWith: "lc-view-" }, viewed: { eq: $v } }, orderBy: [{ field: ID }]) { totalCount nodes { id viewed } } }`;
    const ids = async (v: boolean, viewer: string) =>
      (await srv.ok<{ recordings: { nodes: { id: string; viewed: boolean }[] } }>(q, { v }, { viewer })).recordings.nodes.map((n) => {
        expect(n.viewed).toBe(v);
        return n.id;
      });
    expect(await ids(false, 'alice')).toEqual(['lc-view-2', 'lc-view-3']);
    expect(await ids(true, 'alice')).toEqual(['lc-view-1']);
    // The imported flag on lc-view-2 is nobody's in particular: bob has seen none.
    expect(await ids(false, 'bob')).toEqual(['lc-view-1', 'lc-view-2', 'lc-view-3']);
    expect(await ids(true, 'carol')).toEqual(['lc-view-1']);
  });

  it('markRecordingsViewed answers the existing, unexpired ones and marks only those', async () => {
    const data = await srv.ok<{ markRecordingsViewed: ApiRecording[] }>(
      `mutation { markRecordingsViewed(ids: ["lc-view-2", "lc-view-3", "no-such-recording", "lc-exp-1"]) { id viewed viewers } }`,
      {},
      { viewer: 'alice' },
    );
    expect(data.markRecordingsViewed.map((r) => r.id).sort()).toEqual(['lc-view-2', 'lc-view-3']);
    for (const r of data.markRecordingsViewed) expect(r).toMatchObject({ viewed: true, viewers: [] });
    expect(await viewersInStore('lc-view-2')).toEqual(['alice']);
    expect(await viewersInStore('lc-exp-1'), 'an expired recording is not marked').toEqual([]);
    const unseen = await srv.ok(`{ recordings(filter: { id: { startsWith: "lc-view-" }, viewed: { eq: false } }) { totalCount } }`, {}, { viewer: 'alice' });
    expect(unseen.recordings.totalCount).toBe(0);
    const none = await srv.ok(`mutation { markRecordingViewed(id: "no-such-recording") { id } }`, {}, { viewer: 'alice' });
    expect(none.markRecordingViewed).toBeNull();
  });

  it('markRecordingsViewed with more than 100 ids is a BAD_USER_INPUT error and writes nothing', async () => {
    const before = (await one<{ n: number }>('select count(*) n from recording_viewers')).n;
    const ids = ['lc-view-3', ...Array.from({ length: 100 }, (_, i) => `lc-missing-${i}`)];
    const error = oneError(await srv.gql(`mutation($ids: [ID!]!) { markRecordingsViewed(ids: $ids) { id } }`, { ids }, { viewer: 'dave' }));
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/100/);
    expect((await one<{ n: number }>('select count(*) n from recording_viewers')).n).toBe(before);
    // Exactly 100 is fine.
    const ok = await srv.ok(`mutation($ids: [ID!]!) { markRecordingsViewed(ids: $ids) { id } }`, { ids: ids.slice(0, 100) }, { viewer: 'dave' });
    expect(ok.markRecordingsViewed.map((r: { id: string }) => r.id)).toEqual(['lc-view-3']);
  });

  it.each([
    ['markRecordingViewed', `mutation { markRecordingViewed(id: "lc-view-3") { id } }`],
    ['markRecordingsViewed', `mutation { markRecordingsViewed(ids: ["lc-view-3"]) { id } }`],
  ])('%s without a viewer header is UNAUTHENTICATED and writes nothing', async (_, mutation) => {
    const before = await viewersInStore('lc-view-3');
    const error = oneError(await srv.gql(mutation));
    expect(error.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await viewersInStore('lc-view-3')).toEqual(before);
  });

  it('an empty (or blank) viewer header names no caller: UNAUTHENTICATED, no viewer "" recorded', async () => {
    for (const viewer of ['', '   ']) {
      const r = await srv.gql(`mutation { markRecordingViewed(id: "lc-r-old") { id viewed viewers } }`, {}, { viewer });
      expect(await viewersInStore('lc-r-old'), `header ${JSON.stringify(viewer)}: nothing recorded`).toEqual([]);
      expect(r.errors?.[0]?.extensions?.code, `header ${JSON.stringify(viewer)}`).toBe('UNAUTHENTICATED');
    }
  });
});

// ====================================================================== deleting recordings and sessions

describe('deleting recordings and user sessions', () => {
  it('deleteRecording: true, the row and its viewers gone; false the second time', async () => {
    const pk = (await one<{ pk: number }>('select pk from recordings where id = ?', 'lc-del-1')).pk;
    expect((await one<{ n: number }>('select count(*) n from recording_viewers where recording_pk = ?', pk)).n).toBe(2);
    expect((await srv.ok(`mutation { deleteRecording(id: "lc-del-1") }`)).deleteRecording).toBe(true);
    expect(await recordingExists('lc-del-1')).toBe(false);
    expect((await one<{ n: number }>('select count(*) n from recording_viewers where recording_pk = ?', pk)).n).toBe(0);
    expect(await recordingAs('lc-del-1')).toBeNull();
    expect((await srv.ok(`mutation { deleteRecording(id: "lc-del-1") }`)).deleteRecording).toBe(false);
  });

  it('deleteRecordings: the deleted count and the ids that matched nothing', async () => {
    const total = (await one<{ n: number }>('select count(*) n from recordings')).n;
    const data = await srv.ok(`mutation { deleteRecordings(ids: ["lc-del-2", "lc-del-3", "missing-1", "lc-del-2", "lc-del-1"]) { deleted notFound } }`);
    expect(data.deleteRecordings.deleted).toBe(2);
    expect([...data.deleteRecordings.notFound].sort()).toEqual(['lc-del-1', 'missing-1']);
    expect((await recordingExists('lc-del-2')) || (await recordingExists('lc-del-3'))).toBe(false);
    expect((await one<{ n: number }>('select count(*) n from recordings')).n).toBe(total - 2);
  });

  it('deleteRecordings with more than 100 ids is a BAD_USER_INPUT error and deletes nothing', async () => {
    const ids = ['lc-del-4', ...Array.from({ length: 100 }, (_, i) => `x-${i}`)];
    const error = oneError(await srv.gql(`mutation($ids: [ID!]!) { deleteRecordings(ids: $ids) { deleted } }`, { ids }));
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await recordingExists('lc-del-4')).toBe(true);
  });

  it('deleteUserSession removes the session with its actions, action properties, events, errors, synthetic events and properties', async () => {
    const tables = ['user_actions', 'user_events', 'user_errors', 'synthetic_events', 'session_properties'] as const;
    const pkOf = async (part: number) =>
      (await one<{ pk: number }>("select pk from user_sessions where tenant_id = 'lc' and user_session_id = 'sess-del' and part_number = ?", part)).pk;
    const nested = async (pk: number) => ({
      ...Object.fromEntries(await Promise.all(tables.map(async (t) => [t, (await one<{ n: number }>(`select count(*) n from ${t} where session_pk = ?`, pk)).n]))),
      action_properties: (await one<{ n: number }>('select count(*) n from action_properties where action_pk in (select pk from user_actions where session_pk = ?)', pk)).n,
    });
    const totals = async () =>
      Object.fromEntries(await Promise.all([...tables, 'action_properties', 'user_sessions'].map(async (t) => [t, (await one<{ n: number }>(`select count(*) n from ${t}`)).n] as const)));
    const pk0 = await pkOf(0);
    const pk1 = await pkOf(1);
    const mine = await nested(pk0);
    // What the input holds: 3 actions with 2 properties each, 2 events, 2 errors, 1 synthetic event, 2 properties.
    expect(mine).toEqual({ user_actions: 3, user_events: 2, user_errors: 2, synthetic_events: 1, session_properties: 2, action_properties: 6 });
    const otherPart = await nested(pk1);
    const before = await totals();

    const data = await srv.ok(`mutation { deleteUserSession(id: "lc:sess-del:0") }`);
    expect(data.deleteUserSession).toBe(true);
    expect((await one<{ n: number }>('select count(*) n from user_sessions where pk = ?', pk0)).n).toBe(0);
    expect(await nested(pk0)).toEqual({ user_actions: 0, user_events: 0, user_errors: 0, synthetic_events: 0, session_properties: 0, action_properties: 0 });
    expect(await nested(pk1), 'part 1 of the same visit is another session').toEqual(otherPart);
    const after = await totals();
    for (const t of Object.keys(before)) expect(after[t], t).toBe(before[t]! - (t === 'user_sessions' ? 1 : mine[t as keyof typeof mine]));

    const read = await srv.ok(`{ a: userSession(id: "lc:sess-del:0") { id } b: userSession(id: "lc:sess-del:1") { id userActions { name } } }`);
    expect(read.a).toBeNull();
    expect(read.b).toEqual({ id: 'lc:sess-del:1', userActions: [{ name: 'action 0' }, { name: 'action 1' }] });
    expect((await srv.ok(`mutation { deleteUserSession(id: "lc:sess-del:0") }`)).deleteUserSession).toBe(false);
  });

  it('deleteUserSession with a malformed id is a BAD_USER_INPUT error', async () => {
    const error = oneError(await srv.gql(`mutation { deleteUserSession(id: "no-colons") }`));
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/tenantId:userSessionId:partNumber/);
  });
});

// ====================================================================== retention

describe('retention, ongoing, activity score, lastSeenAt', () => {
  const expiryOf = (r: WireRecording) => {
    if (r.expiry_time) return Date.parse(r.expiry_time as string);
    const start = Date.parse(r.start_time as string);
    return Math.floor(start / DAY) * DAY + ((r.retention_period_days as number | null | undefined) ?? 30) * DAY;
  };

  it("expiryTime and recordingTtl as the source says; else the UTC start day plus the retention days (30 when null), and the UTC midnights left (PostHog's dateDiff)", async () => {
    const ids = ['lc-ret-null', 'lc-ret-7', 'lc-ret-90', 'lc-view-1'];
    const before = Date.now();
    const data = await srv.ok(`query($ids: [String!]) { recordings(first: 10, filter: { id: { in: $ids } }) { nodes { id expiryTime recordingTtl retentionPeriodDays } } }`, { ids });
    const after = Date.now();
    expect(data.recordings.nodes).toHaveLength(ids.length);
    for (const node of data.recordings.nodes as { id: string; expiryTime: string; recordingTtl: number }[]) {
      const expiry = expiryOf(recs[node.id]!);
      expect(node.expiryTime, node.id).toBe(new Date(expiry).toISOString());
      const ttl = (t: number) => Math.floor(expiry / DAY) - Math.floor(t / DAY);
      expect([ttl(before), ttl(after)], `${node.id} ttl`).toContain(node.recordingTtl);
    }
    const byId = Object.fromEntries((data.recordings.nodes as { id: string; expiryTime: string; recordingTtl: number }[]).map((n) => [n.id, n]));
    // Started at 23:59:30 UTC yesterday: the day counts from yesterday's midnight; 29 midnights to go.
    expect(byId['lc-ret-null']!.expiryTime).toBe(new Date(today - DAY + 30 * DAY).toISOString());
    expect(byId['lc-ret-null']!.recordingTtl).toBe(29);
    expect(byId['lc-ret-7']!.expiryTime).toBe(new Date(today - 2 * DAY + 7 * DAY).toISOString());
    expect(byId['lc-ret-7']!.recordingTtl).toBe(5);
    expect(byId['lc-ret-90']!.recordingTtl).toBe(50);
    // Stored, too (computed at import), also for the expired ones.
    for (const id of ['lc-ret-7', 'lc-exp-1', 'lc-exp-2']) {
      expect((await one<{ e: number }>('select expiry_time e from recordings where id = ?', id)).e, id).toBe(expiryOf(recs[id]!));
    }
    // The source's own values stand: an expiry past start day + 30, a TTL of its export day.
    const given = await srv.ok(`{ src: recording(id: "lc-ret-src") { expiryTime recordingTtl } nostart: recording(id: "lc-nostart") { expiryTime recordingTtl } }`);
    expect(given.src).toEqual({ expiryTime: new Date(today + 100 * DAY).toISOString(), recordingTtl: 77 });
    expect(given.nostart).toEqual({ expiryTime: new Date(today + 5 * DAY).toISOString(), recordingTtl: 5 });
  });

  it('ongoing as the source says; else only while the last data is under five minutes old', async () => {
    const ids = ['lc-ongoing', 'lc-stale', 'lc-noend', 'lc-src-ongoing', 'lc-src-done', 'lc-view-1'];
    const data = await srv.ok(`query($ids: [String!]) { recordings(first: 10, filter: { id: { in: $ids } }, orderBy: [{ field: ID }]) { nodes { id ongoing } } }`, { ids });
    expect(Date.now() - now, 'the test runs within the five minutes').toBeLessThan(4 * MINUTE);
    expect(data.recordings.nodes).toEqual([
      { id: 'lc-noend', ongoing: false },
      { id: 'lc-ongoing', ongoing: true },
      { id: 'lc-src-done', ongoing: false },
      { id: 'lc-src-ongoing', ongoing: true },
      { id: 'lc-stale', ongoing: false },
      { id: 'lc-view-1', ongoing: false },
    ]);
    const filtered = await srv.ok(`{ recordings(filter: { id: { startsWith: "lc-" }, ongoing: { eq: true } }, orderBy: [{ field: ID }]) { nodes { id } } }`);
    expect(filtered.recordings.nodes).toEqual([{ id: 'lc-ongoing' }, { id: 'lc-src-ongoing' }]);
  });

  it('an expired recording is not served: recording(id), recordings, person.recordings, recordingStats', async () => {
    expect((await recordingExists('lc-exp-1')) && (await recordingExists('lc-exp-2')), 'both are stored').toBe(true);
    const data = await srv.ok(`{
      a: recording(id: "lc-exp-1") { id }
      b: recording(id: "lc-exp-2") { id }
      list: recordings(filter: { id: { in: ["lc-exp-1", "lc-exp-2", "lc-ret-90"] } }) { totalCount nodes { id } }
      person(id: "9002") { recordings(first: 50) { totalCount nodes { id } } }
      stats: recordingStats(filter: { id: { in: ["lc-exp-1", "lc-exp-2", "lc-ret-90"] } }) { count }
      personStats: recordingStats(filter: { distinctId: { in: ["k-1", "k-2"] } }) { count }
    }`);
    expect(data.a).toBeNull();
    expect(data.b).toBeNull();
    expect(data.list).toEqual({ totalCount: 1, nodes: [{ id: 'lc-ret-90' }] });
    const keep = Object.values(recs).filter((r) => r.distinct_id === 'k-1' || r.distinct_id === 'k-2');
    const visible = keep.filter((r) => r.id !== 'lc-exp-1').map((r) => r.id);
    expect(data.person.recordings.totalCount).toBe(visible.length);
    expect(data.person.recordings.nodes.map((n: { id: string }) => n.id).sort()).toEqual(visible.sort());
    expect(data.stats).toEqual([{ count: 1 }]);
    expect(data.personStats).toEqual([{ count: visible.length }]);
  });

  it('activityScore: the source value when given, else the PostHog formula', async () => {
    const ids = ['lc-score-given', 'lc-score-fallback', 'lc-score-partial', 'lc-score-none', 'lc-score-zero'];
    const data = await srv.ok(`query($ids: [String!]) { recordings(filter: { id: { in: $ids } }, orderBy: [{ field: ID }]) { nodes { id activityScore } } }`, { ids });
    const got = Object.fromEntries((data.recordings.nodes as { id: string; activityScore: number | null }[]).map((n) => [n.id, n.activityScore]));
    expect(got['lc-score-given']).toBe(42.5);
    // (120 + 30 + 50 + 2) / (400 + 600 + 2 + 10 + 3) · 100, rounded to 2 places
    expect(expectedActivityScore(recs['lc-score-fallback']!)).toBe(19.9);
    expect(got['lc-score-fallback']).toBe(19.9);
    // (7 + 0 + 3 + 0) / (0 + 33 + 0 + 5 + 0) · 100 = 26.3157…
    expect(got['lc-score-partial']).toBe(26.32);
    expect(got['lc-score-partial']).toBe(expectedActivityScore(recs['lc-score-partial']!));
    expect(got['lc-score-none']).toBeNull();
    // Nothing to divide by: PostHog's SQL divides 0 by 0, which is no score.
    expect(got['lc-score-zero']).toBeNull();
  });

  it('Person.lastSeenAt is the latest end over the person’s recordings and sessions', async () => {
    const data = await srv.ok(`{ keep: person(id: "9002") { lastSeenAt } recOnly: person(id: "9003") { lastSeenAt } erase: person(id: "9001") { lastSeenAt } }`);
    const latest = (distinctIds: string[]) => {
      const ends = [
        ...Object.values(recs)
          .filter((r) => distinctIds.includes(r.distinct_id as string))
          .map((r) => Date.parse((r.end_time ?? r.start_time) as string)),
        ...lcs.filter((s) => s.userId !== null && distinctIds.includes(s.userId)).map((s) => s.endTime),
      ];
      return new Date(Math.max(...ends)).toISOString();
    };
    expect(data.keep.lastSeenAt).toBe(latest(['k-1', 'k-2']));
    expect(data.keep.lastSeenAt, 'a session end').toBe(new Date(lcs.find((s) => s.userSessionId === 'k-sess-1')!.endTime).toISOString());
    expect(data.recOnly.lastSeenAt).toBe(latest(['r-1']));
    expect(data.recOnly.lastSeenAt, 'a recording end').toBe(recs['lc-ongoing']!.end_time);
    expect(data.erase.lastSeenAt).toBe(latest(['e-1', 'e-2', 'e-3']));
  });
});

// ====================================================================== deletePerson

describe('deletePerson (right to erasure)', () => {
  /** The object with each promised value in its place. */
  async function awaitAll<T>(promised: Record<string, Promise<T>>): Promise<Record<string, T>> {
    return Object.fromEntries(await Promise.all(Object.entries(promised).map(async ([k, v]) => [k, await v] as const)));
  }

  /** Every row of the tables erasure touches, by a stable key. */
  async function snapshot(): Promise<Record<string, Set<string>>> {
    const keys = async (sql: string) => new Set((await all<{ k: string | number }>(sql)).map((r) => String(r.k)));
    return awaitAll({
      persons: keys('select pk k from persons'),
      person_distinct_ids: keys('select distinct_id k from person_distinct_ids'),
      recordings: keys('select id k from recordings'),
      recording_viewers: keys("select recording_pk || '/' || viewer k from recording_viewers"),
      user_sessions: keys('select pk k from user_sessions'),
      user_actions: keys('select pk k from user_actions'),
      action_properties: keys('select pk k from action_properties'),
      user_events: keys('select pk k from user_events'),
      user_errors: keys('select pk k from user_errors'),
      synthetic_events: keys('select pk k from synthetic_events'),
      session_properties: keys('select pk k from session_properties'),
    });
  }

  /** The rows linked to a person through its distinct ids, by the same keys. */
  async function linked(personPk: number): Promise<Record<string, Set<string>>> {
    const keys = async (sql: string) => new Set((await all<{ k: string | number }>(sql, personPk)).map((r) => String(r.k)));
    const ids = 'select distinct_id from person_distinct_ids where person_pk = ?';
    const sessions = `select pk from user_sessions where user_id in (${ids})`;
    const actions = `select pk from user_actions where session_pk in (${sessions})`;
    return awaitAll({
      persons: Promise.resolve(new Set([String(personPk)])),
      person_distinct_ids: keys(`${ids.replace('select distinct_id', 'select distinct_id k')}`),
      recordings: keys(`select id k from recordings where distinct_id in (${ids})`),
      recording_viewers: keys(`select recording_pk || '/' || viewer k from recording_viewers where recording_pk in (select pk from recordings where distinct_id in (${ids}))`),
      user_sessions: keys(`select pk k from user_sessions where user_id in (${ids})`),
      user_actions: keys(`select pk k from user_actions where session_pk in (${sessions})`),
      action_properties: keys(`select pk k from action_properties where action_pk in (${actions})`),
      user_events: keys(`select pk k from user_events where session_pk in (${sessions})`),
      user_errors: keys(`select pk k from user_errors where session_pk in (${sessions})`),
      synthetic_events: keys(`select pk k from synthetic_events where session_pk in (${sessions})`),
      session_properties: keys(`select pk k from session_properties where session_pk in (${sessions})`),
    });
  }

  async function eraseAndCheck(personId: number) {
    const personPk = (await one<{ pk: number }>('select pk from persons where id = ?', personId)).pk;
    const distinctIds = (await all<{ d: string }>('select distinct_id d from person_distinct_ids where person_pk = ?', personPk)).map((r) => r.d);
    const before = await snapshot();
    const gone = await linked(personPk);
    const data = await srv.ok(`mutation($id: ID!) { deletePerson(id: $id) { persons recordings userSessions userActions } }`, { id: String(personId) });
    expect(data.deletePerson).toEqual({
      persons: 1,
      recordings: gone.recordings!.size,
      userSessions: gone.user_sessions!.size,
      userActions: gone.user_actions!.size,
    });
    // Nothing of the person remains …
    const after = await snapshot();
    for (const table of Object.keys(before)) {
      for (const key of gone[table]!) expect(after[table]!.has(key), `${table} ${key} erased`).toBe(false);
      // … and everything else is untouched.
      const expected = [...before[table]!].filter((k) => !gone[table]!.has(k)).sort();
      expect([...after[table]!].sort(), `${table}: only the person's rows went`).toEqual(expected);
    }
    const q = `{ person(id: "${personId}") { id } ${distinctIds.map((d, i) => `p${i}: personByDistinctId(distinctId: ${JSON.stringify(d)}) { id }`).join(' ')}
      userSessions(filter: { userId: { in: ${JSON.stringify(distinctIds)} } }) { totalCount }
      recordings(filter: { distinctId: { in: ${JSON.stringify(distinctIds)} } }) { totalCount } }`;
    const read = await srv.ok(q);
    expect(read.person).toBeNull();
    distinctIds.forEach((_, i) => expect(read[`p${i}`]).toBeNull());
    expect(read.userSessions.totalCount).toBe(0);
    expect(read.recordings.totalCount).toBe(0);
    return { report: data.deletePerson, gone };
  }

  it('the hand-made person: what was linked (incl. an expired recording), and nothing more', async () => {
    const { report, gone } = await eraseAndCheck(9001);
    // From the input: lc-e-1, lc-e-2 and the expired lc-exp-2; sessions e-sess-1 (3 actions) and e-sess-2 (2 actions).
    expect(report).toEqual({ persons: 1, recordings: 3, userSessions: 2, userActions: 5 });
    expect([...gone.recordings!].sort()).toEqual(['lc-e-1', 'lc-e-2', 'lc-exp-2']);
    expect(gone.recording_viewers!.size).toBe(3);
    expect(gone.user_events!.size + gone.user_errors!.size + gone.synthetic_events!.size + gone.session_properties!.size + gone.action_properties!.size).toBe(
      3 + 1 + 1 + 4 + 10,
    );
  });

  it('a seeded person with several distinct ids, recordings and sessions', async () => {
    // A derived table: PostgreSQL orders by an output column's name only, not by an expression over it.
    const pick = await one<{ id: number; nd: number; nr: number; ns: number }>(`
      select id, nd, nr, ns from (select p.id,
        (select count(*) from person_distinct_ids d where d.person_pk = p.pk) nd,
        (select count(*) from recordings r join person_distinct_ids d on d.distinct_id = r.distinct_id where d.person_pk = p.pk) nr,
        (select count(*) from user_sessions s join person_distinct_ids d on d.distinct_id = s.user_id where d.person_pk = p.pk) ns
      from persons p where p.id <= 80) c order by (nd > 1) desc, (nr > 1) desc, ns desc, id limit 1`);
    expect(pick.nd).toBeGreaterThan(1);
    expect(pick.nr).toBeGreaterThan(1);
    const { report } = await eraseAndCheck(pick.id);
    expect(report.recordings).toBe(pick.nr);
    expect(report.userSessions).toBe(pick.ns);
    expect(report.userActions).toBeGreaterThan(0);
  });

  it('an unknown person erases nothing; a malformed id is a BAD_USER_INPUT error', async () => {
    const before = await snapshot();
    const data = await srv.ok(`mutation { deletePerson(id: "9001") { persons recordings userSessions userActions } }`);
    expect(data.deletePerson).toEqual({ persons: 0, recordings: 0, userSessions: 0, userActions: 0 });
    expect(await snapshot()).toEqual(before);
    const error = oneError(await srv.gql(`mutation { deletePerson(id: "abc") { persons } }`));
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

// ====================================================================== purge

describe('npm run purge', () => {
  // On the store the server answers from: the SQLite file, or in the `postgres` project its PostgreSQL copy.
  const db = () => (srv.served.kind === 'pg' ? srv.served.url : srv.file);
  it('deletes exactly the expired recordings (and their viewers), nothing else', async () => {
    const t = Date.now();
    const expired = (await all<{ id: string }>('select id from recordings where expiry_time <= ? order by id', t)).map((r) => r.id);
    const kept = (await all<{ id: string }>('select id from recordings where expiry_time is null or expiry_time > ? order by id', t)).map((r) => r.id);
    expect(expired).toContain('lc-exp-1');
    expect(expired).not.toContain('lc-ret-90');
    const statsBefore = await srv.ok(`{ recordingStats { count } }`);
    expect(statsBefore.recordingStats[0].count).toBe(kept.length);

    const run = await cli('purge', ['--db', db(), '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ recordings: expired.length });

    expect((await all<{ id: string }>('select id from recordings order by id')).map((r) => r.id)).toEqual(kept);
    expect((await one<{ n: number }>('select count(*) n from recording_viewers where recording_pk not in (select pk from recordings)')).n).toBe(0);
    const statsAfter = await srv.ok(`{ recordingStats { count } }`);
    expect(statsAfter.recordingStats[0].count).toBe(kept.length);

    const again = await cli('purge', ['--db', db(), '--json']);
    expect(JSON.parse(again.stdout)).toEqual({ recordings: 0 });
  });
});
