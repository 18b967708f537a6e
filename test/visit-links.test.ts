/**
 * One visit, both products (issue 17, the link): visits.ndjson holds PostHog recordings and
 * Dynatrace sessions of the same visits — a session tagged with a recording's id (by property), a
 * session overlapping two recordings of its person, a recording 50 s before a session (within the
 * 60 s tolerance) and one 60.001 s after it (a near miss), an anonymous recording and another
 * person's recording at the same time (no link), and a session tagged with a recording of another
 * person at another time (a property link without overlap). The file is imported into the store
 * the server answers from (SQLite, or PostgreSQL under SESSIONGRAPH_TEST_STORE=postgres), so the
 * links are written by that store's ingest. Every link is checked both ways against the rule
 * computed here in JS from the file's records.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visitLinkConfig } from '../src/config.js';
import { erasePerson } from '../src/db/erase.js';
import { importFile } from '../src/ingest/files.js';
import { fixturePath, startServer, twinServer, type TestServer } from './graphql-helpers/server.js';
import { LINK_PROPERTY, TOLERANCE_MS, visitLinks, type Link } from './graphql-helpers/visits.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const LINK_KEY = LINK_PROPERTY;

const isRecording = (r: Json) => typeof r.distinct_id === 'string' || 'recording_duration' in r;
const sessionId = (s: Json) => `${s.tenantId}:${s.userSessionId}:${s.partNumber}`;

/** The records of the file as they stand after it is imported: later records replace earlier ones of the same key. */
function latest(records: Json[]) {
  const recordings = new Map<string, Json>();
  const sessions = new Map<string, Json>();
  const personOf = new Map<string, number>();
  for (const r of records) {
    if (isRecording(r)) {
      recordings.set(r.id, r);
      if (r.person) for (const d of [...r.person.distinct_ids, r.distinct_id]) personOf.set(d, r.person.id);
    } else sessions.set(sessionId(r), r);
  }
  return { recordings, sessions, personOf };
}

/** The links the rule gives for these records, by `session|recording` (the rule: graphql-helpers/visits.ts). */
function expectedLinks(records: Json[]): Map<string, Link> {
  const { recordings, sessions, personOf } = latest(records);
  return visitLinks(
    [...sessions].map(([key, s]) => ({
      key,
      start: s.startTime,
      end: s.endTime ?? null,
      userId: s.userId ?? null,
      tags: (s.stringProperties ?? []).filter((p: Json) => p.key === LINK_KEY).map((p: Json) => p.value),
    })),
    [...recordings].map(([id, r]) => ({ key: id, id, start: Date.parse(r.start_time), end: r.end_time ? Date.parse(r.end_time) : null, distinctId: r.distinct_id })),
    (d) => personOf.get(d),
    TOLERANCE_MS,
  );
}

const LINKS_QUERY = `{
  userSessions(first: 100) { nodes { id recordings { recording { id } linkedBy overlapMs } } }
  recordings(first: 100) { nodes { id userSessions { userSession { id } linkedBy overlapMs } } }
}`;

/** The links the server answers, from each side; both sides must agree. */
async function servedLinks(server: TestServer): Promise<Map<string, Link>> {
  const data = await server.ok(LINKS_QUERY);
  const fromSessions = new Map<string, Link>();
  for (const s of data.userSessions.nodes as Json[]) {
    for (const v of s.recordings) fromSessions.set(`${s.id}|${v.recording.id}`, { linkedBy: v.linkedBy, overlapMs: v.overlapMs });
  }
  const fromRecordings = new Map<string, Link>();
  for (const r of data.recordings.nodes as Json[]) {
    for (const v of r.userSessions) fromRecordings.set(`${v.userSession.id}|${r.id}`, { linkedBy: v.linkedBy, overlapMs: v.overlapMs });
  }
  expect(Object.fromEntries(fromRecordings)).toEqual(Object.fromEntries(fromSessions));
  return fromSessions;
}

const sorted = (m: Map<string, unknown>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));

const FILE = fixturePath('visits.ndjson');
const records: Json[] = readFileSync(FILE, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'sessiongraph-visits-'));
  // Small batches: links are kept in every batch's transaction, across batches too.
  const summary = await importFile(server.served, FILE, { project: 'default', batchSize: 3 });
  expect(summary.rejected).toBe(0);
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('visit links: a Dynatrace session and the PostHog recordings of the same visit', () => {
  it('the fixture has every case the rule must tell apart', () => {
    const links = expectedLinks(records);
    const kinds = [...links.values()];
    expect(kinds.filter((l) => l.linkedBy === 'PROPERTY' && l.overlapMs !== null)).toHaveLength(1);
    expect(kinds.filter((l) => l.linkedBy === 'PROPERTY' && l.overlapMs === null)).toHaveLength(1);
    expect(kinds.filter((l) => l.linkedBy === 'OVERLAP' && l.overlapMs! > 0)).toHaveLength(2);
    // Within the tolerance only.
    expect(kinds.filter((l) => l.linkedBy === 'OVERLAP' && l.overlapMs === 0)).toHaveLength(1);
    expect(links.has('umsaywsjuo:VISIT-S2:1|visit-rec-p1-a') && links.has('umsaywsjuo:VISIT-S2:1|visit-rec-p1-b')).toBe(true);
    // The near miss, the anonymous recording and the other person's recording link to nothing.
    for (const id of ['visit-rec-p2-miss', 'visit-rec-anon']) expect([...links.keys()].some((k) => k.endsWith(`|${id}`)), id).toBe(false);
    expect(links.has('umsaywsjuo:VISIT-S2:1|visit-rec-p3')).toBe(false);
  });

  it('every link, both ways, with how it was linked and the overlap', async () => {
    const served = await servedLinks(server);
    expect(sorted(served)).toEqual(sorted(expectedLinks(records)));
    expect(served.size).toBe(5);
  });

  it('UserSession.recordings and SessionRecording.userSessions are one statement each, however many parents', async () => {
    const query = (first: number, flags = true) => `{
      userSessions(first: ${first}, filter: { hasRecording: { eq: true } }) { nodes { id ${flags ? 'hasRecording' : ''} recordings { recording { id ${flags ? 'hasUserSession' : ''} userSessions { userSession { id } } } } } }
    }`;
    const one = await server.gql(query(1));
    const all = await server.gql(query(100));
    expect(one.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    expect(all.data.userSessions.nodes.length).toBeGreaterThan(3);
    // hasRecording and hasUserSession share their lists' loaders: no statement of their own.
    expect(all.data.userSessions.nodes.every((n: Json) => n.hasRecording && n.recordings.every((v: Json) => v.recording.hasUserSession))).toBe(true);
    expect(all.extensions.sql!.statements).toBe(one.extensions.sql!.statements);
    expect((await server.gql(query(100, false))).extensions.sql!.statements).toBe(all.extensions.sql!.statements);
  });

  it('filters across the link, both sides (some, none, every, hasRecording / hasUserSession, a round trip), sent as variables', async () => {
    const { recordings, sessions } = latest(records);
    const pairs = [...expectedLinks(records).keys()].map((k) => k.split('|') as [string, string]);
    const recordingsOf = (sid: string) => pairs.filter(([s]) => s === sid).map(([, r]) => recordings.get(r)!);
    const sessionsOf = (rid: string) => pairs.filter(([, r]) => r === rid).map(([s]) => sessions.get(s)!);
    const troubled = (s: Json) => s.hasCrash === true || s.userExperienceScore === 'FRUSTRATED';
    const recordingIds = (keep: (id: string) => boolean) => [...recordings.keys()].filter(keep).sort();
    const sessionIds = (keep: (id: string) => boolean) => [...sessions.keys()].filter(keep).sort();
    const cases: { name: string; list: 'recordings' | 'userSessions'; filter: Json; expected: string[] }[] = [
      {
        name: 'replays of sessions that crashed or were FRUSTRATED',
        list: 'recordings',
        filter: { userSession: { some: { or: [{ hasCrash: { eq: true } }, { userExperienceScore: { eq: 'FRUSTRATED' } }] } } },
        expected: recordingIds((id) => sessionsOf(id).some(troubled)),
      },
      { name: 'recordings of no session', list: 'recordings', filter: { userSession: { none: {} } }, expected: recordingIds((id) => sessionsOf(id).length === 0) },
      { name: 'hasUserSession', list: 'recordings', filter: { hasUserSession: { eq: true } }, expected: recordingIds((id) => sessionsOf(id).length > 0) },
      {
        name: 'sessions whose replay had console errors',
        list: 'userSessions',
        filter: { recording: { some: { consoleErrorCount: { gt: 0 } } } },
        expected: sessionIds((id) => recordingsOf(id).some((r) => r.console_error_count > 0)),
      },
      {
        name: 'sessions every replay of which was clean (true without one)',
        list: 'userSessions',
        filter: { recording: { every: { consoleErrorCount: { eq: 0 } } } },
        expected: sessionIds((id) => recordingsOf(id).every((r) => r.console_error_count === 0)),
      },
      { name: 'hasRecording false', list: 'userSessions', filter: { hasRecording: { eq: false } }, expected: sessionIds((id) => recordingsOf(id).length === 0) },
      {
        name: 'round trip: sessions sharing a replay with a session in Germany',
        list: 'userSessions',
        filter: { recording: { some: { userSession: { some: { country: { eq: 'Germany' } } } } } },
        expected: sessionIds((id) => recordingsOf(id).some((r) => sessionsOf(r.id).some((s) => s.country === 'Germany'))),
      },
    ];
    for (const c of cases) {
      const type = c.list === 'recordings' ? 'SessionRecordingFilter' : 'UserSessionFilter';
      const data = await server.ok(`query($f: ${type}) { ${c.list}(filter: $f, first: 100) { totalCount nodes { id } } }`, { f: c.filter });
      const ids = (data[c.list].nodes as Json[]).map((n) => n.id).sort();
      expect(ids, c.name).toEqual(c.expected);
      expect(c.expected.length, `${c.name}: selects some`).toBeGreaterThan(0);
      expect(c.expected.length, `${c.name}: leaves some out`).toBeLessThan(c.list === 'recordings' ? recordings.size : sessions.size);
    }
  });

  it('stats by hasRecording / hasUserSession, and a funnel of visits whose replay had console errors, against the links computed here', async () => {
    const { recordings, sessions } = latest(records);
    const pairs = [...expectedLinks(records).keys()].map((k) => k.split('|') as [string, string]);
    const linkedSessions = new Set(pairs.map(([s]) => s));
    const linkedRecordings = new Set(pairs.map(([, r]) => r));
    const data = await server.ok(
      `query($f: UserSessionFilter, $steps: [UserActionFilter!]!) {
        userSessionStats(groupBy: [COUNTRY, HAS_RECORDING], orderBy: [{ dimension: COUNTRY, direction: ASC }, { dimension: HAS_RECORDING, direction: ASC }]) { dimensions { country hasRecording } count }
        byCountry: userSessionStats(groupBy: [COUNTRY], orderBy: [{ dimension: COUNTRY, direction: ASC }]) { dimensions { country } count withReplay: avg(field: HAS_RECORDING) }
        recordingStats(groupBy: [HAS_USER_SESSION], orderBy: [{ dimension: HAS_USER_SESSION, direction: ASC }]) { dimensions { hasUserSession } count errors: sum(field: CONSOLE_ERROR_COUNT) }
        funnel(steps: $steps, filter: $f) { step sessions }
      }`,
      { f: { recording: { some: { consoleErrorCount: { gt: 0 } } } }, steps: [{ name: { contains: '/checkout' } }] },
    );
    const groups = new Map<string, number>();
    for (const [id, s] of sessions) {
      const key = `${s.country}|${linkedSessions.has(id)}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    const served = (data.userSessionStats as Json[]).map((r) => [`${r.dimensions.country}|${r.dimensions.hasRecording}`, r.count]);
    expect(Object.fromEntries(served)).toEqual(Object.fromEntries(groups));
    expect(served.map(([k]) => String(k).split('|')[1])).toContain('false');
    expect(served.map(([k]) => String(k).split('|')[1])).toContain('true');
    for (const row of data.byCountry as Json[]) {
      const inCountry = [...sessions].filter(([, s]) => s.country === row.dimensions.country);
      expect(row.withReplay).toBeCloseTo(inCountry.filter(([id]) => linkedSessions.has(id)).length / inCountry.length, 9);
    }
    const byLink = (linked: boolean) => [...recordings].filter(([id]) => linkedRecordings.has(id) === linked);
    expect(data.recordingStats).toEqual(
      [false, true].map((linked) => ({
        dimensions: { hasUserSession: linked },
        count: byLink(linked).length,
        errors: byLink(linked).reduce((sum, [, r]) => sum + r.console_error_count, 0),
      })),
    );
    const withErrors = [...sessions].filter(([id]) => pairs.some(([s, r]) => s === id && recordings.get(r)!.console_error_count > 0));
    const converted = withErrors.filter(([, s]) => (s.userActions as Json[]).some((a) => String(a.name).includes('/checkout')));
    expect(data.funnel[0].sessions).toBe(converted.length);
    expect(converted.length).toBeGreaterThan(0);
    expect(withErrors.length).toBeLessThan(sessions.size);
  });

  it('re-importing the same file gives the same links (and stores no more of them)', async () => {
    const [before] = await server.rows<{ n: number }>('select count(*) as n from visit_links');
    const summary = await importFile(server.served, FILE, { project: 'default' });
    expect(summary.rejected).toBe(0);
    expect(sorted(await servedLinks(server))).toEqual(sorted(expectedLinks(records)));
    const [after] = await server.rows<{ n: number }>('select count(*) as n from visit_links');
    expect(Number(after!.n)).toBe(Number(before!.n));
    expect(Number(after!.n)).toBe(5);
  });

  it('a session re-imported with other times has the links of its new times', async () => {
    const moved = { ...records.find((r) => r.userSessionId === 'VISIT-S3')! };
    // From 12:00–12:10 to 12:12–12:20: the near miss now overlaps by a minute, the near one is out of reach.
    moved.startTime += 12 * 60_000;
    moved.endTime += 10 * 60_000;
    const file = join(dir, 'moved.ndjson');
    writeFileSync(file, JSON.stringify(moved) + '\n');
    expect((await importFile(server.served, file, { project: 'default' })).rejected).toBe(0);
    const expected = expectedLinks([...records, moved]);
    expect(expected.get('umsaywsjuo:VISIT-S3:1|visit-rec-p2-miss')).toEqual({ linkedBy: 'OVERLAP', overlapMs: 60_000 });
    expect(expected.has('umsaywsjuo:VISIT-S3:1|visit-rec-p2-near')).toBe(false);
    expect(sorted(await servedLinks(server))).toEqual(sorted(expected));
    records.push(moved);
  });

  it('a distinct id that moves to another person moves its overlap links', async () => {
    // P3 takes v-user-1 (a person record of the PostHog export): S2 is now P3's, at the time of P3's recording.
    const person = { id: 5003, uuid: '0190a000-0000-7000-8000-000000005003', name: 'visit-three@example.com', distinct_ids: ['v-user-3', 'v-user-1'], properties: {}, created_at: '2026-01-15T08:00:00Z' };
    const recording = { ...records.find((r) => r.id === 'visit-rec-p3')!, person };
    const file = join(dir, 'merge.ndjson');
    writeFileSync(file, JSON.stringify(recording) + '\n');
    expect((await importFile(server.served, file, { project: 'default' })).rejected).toBe(0);
    const expected = expectedLinks([...records, recording]);
    expect(expected.get('umsaywsjuo:VISIT-S2:1|visit-rec-p3')?.linkedBy).toBe('OVERLAP');
    // visit-rec-p1-b was recorded under v-user-1 itself: it moved with it, and still overlaps S2.
    expect(expected.has('umsaywsjuo:VISIT-S2:1|visit-rec-p1-a')).toBe(false);
    expect(sorted(await servedLinks(server))).toEqual(sorted(expected));
    records.push(recording);
  });

  it('erasing a person erases their links (the cascade of their sessions and recordings)', async () => {
    const report = await erasePerson(server.served, 'default', 5003);
    expect(report.persons).toBe(1);
    // The person's distinct ids now: v-user-3 and v-user-1; their sessions and recordings are gone.
    const gone = new Set(['v-user-3', 'v-user-1']);
    const left = records.filter((r) => (isRecording(r) ? !gone.has(r.distinct_id) : !gone.has(r.userId)));
    const expected = expectedLinks(left);
    expect(sorted(await servedLinks(server))).toEqual(sorted(expected));
    const [n] = await server.rows<{ n: number }>('select count(*) as n from visit_links');
    expect(Number(n!.n)).toBe(expected.size);
    // S1 (tagged) and S3 remain linked; nothing of S2 or S5 does.
    expect([...expected.keys()].some((k) => k.includes('VISIT-S2') || k.includes('VISIT-S5'))).toBe(false);
    expect(expected.size).toBeGreaterThan(0);
  });

  it('under --retention enforce an expired recording is not among a session\'s recordings', async () => {
    const s3 = records.filter((r) => r.userSessionId === 'VISIT-S3').at(-1)!;
    const expired = {
      ...records.find((r) => r.id === 'visit-rec-p2-miss')!,
      id: 'visit-rec-expired',
      start_time: new Date(s3.startTime + 60_000).toISOString(),
      end_time: new Date(s3.startTime + 120_000).toISOString(),
      expiry_time: '2026-11-01T00:00:00Z',
    };
    const file = join(dir, 'expired.ndjson');
    writeFileSync(file, JSON.stringify(expired) + '\n');
    expect((await importFile(server.served, file, { project: 'default' })).rejected).toBe(0);
    const query = '{ userSessions(first: 100) { nodes { id recordings { recording { id } } } } }';
    const ids = (data: Json) => (data.userSessions.nodes as Json[]).flatMap((n) => n.recordings.map((v: Json) => `${n.id}|${v.recording.id}`)).sort();
    const kept = ids(await server.ok(query));
    expect(kept).toContain('umsaywsjuo:VISIT-S3:1|visit-rec-expired');
    const enforcing = await twinServer(server, { retention: 'enforce' });
    try {
      expect(ids(await enforcing.ok(query))).toEqual(kept.filter((k) => !k.endsWith('|visit-rec-expired')));
    } finally {
      await enforcing.close();
    }
  });
});

describe('visit link configuration', () => {
  it('defaults to posthog_session_id and 60,000 ms; the environment overrides both; a bad tolerance is refused by name', () => {
    expect(visitLinkConfig({})).toEqual({ property: 'posthog_session_id', toleranceMs: 60_000 });
    expect(visitLinkConfig({ SESSIONGRAPH_LINK_PROPERTY: 'ph_session', SESSIONGRAPH_LINK_TOLERANCE_MS: '0' })).toEqual({ property: 'ph_session', toleranceMs: 0 });
    for (const bad of ['-1', '1.5', 'soon']) expect(() => visitLinkConfig({ SESSIONGRAPH_LINK_TOLERANCE_MS: bad })).toThrow(/SESSIONGRAPH_LINK_TOLERANCE_MS/);
  });
});
