/**
 * Dashboards (issue 4): userSessionStats / recordingStats / userActionStats and funnel, through
 * real HTTP against the real yoga server over a real SQLite file loaded through the real import
 * path (seedStore + importFile of hand-made NDJSON). Every expected value is computed here, from
 * the hand-made input data or from rows read with an independent better-sqlite3 connection.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTIONS,
  HM_PERSONS,
  HM_RANGE,
  hmRecordings,
  hmSessions,
  personOfUserId,
  sessionRecord,
  TENANT,
  type HmAction,
  type HmRecording,
  type HmSession,
} from './stats-helpers/data.js';
import {
  avg,
  bucketOf,
  bucketSeries,
  close,
  countDistinct,
  DAY,
  groupRows,
  HOUR,
  iso,
  max,
  median,
  min,
  percentile,
  sqliteCompare,
  sum,
  type Interval,
} from './stats-helpers/expected.js';
import { oneError, startStatsServer, type StatsServer } from './stats-helpers/server.js';
import { isAggregate } from '../src/graphql/limits.js';
import { schema } from '../src/graphql/schema.js';


let srv: StatsServer;
let sessions: HmSession[];
let recordings: HmRecording[];
let now: number;

beforeAll(async () => {
  now = Date.now();
  sessions = hmSessions();
  recordings = hmRecordings(now);
  srv = await startStatsServer({
    seed: { persons: 80, seed: 5, end: new Date(Math.floor(now / DAY) * DAY) },
    files: [
      ['persons.ndjson', HM_PERSONS],
      ['sessions.ndjson', sessions.map(sessionRecord)],
      ['recordings.ndjson', recordings],
    ],
  });
});
afterAll(async () => {
  await srv?.close();
});

const HM = { tenantId: { eq: TENANT } };
const inRange = (s: { startTime: number }) => s.startTime >= Date.parse(HM_RANGE.gte) && s.startTime < Date.parse(HM_RANGE.lt);

/** Float equality up to the order of summation. */
function expectClose(actual: number | null | undefined, expected: number | null, label: string): void {
  expect(close(actual, expected), `${label}: got ${actual}, expected ${expected}`).toBe(true);
}

/** Rows in the API's default group order: biggest first, then the group keys ascending (NULL first). */
function byCountThenKeys<G extends { key: unknown[]; rows: unknown[] }>(groups: Iterable<G>): G[] {
  return [...groups].sort((a, b) => {
    if (a.rows.length !== b.rows.length) return b.rows.length - a.rows.length;
    for (let i = 0; i < a.key.length; i++) {
      const c = sqliteCompare(a.key[i], b.key[i]);
      if (c) return c;
    }
    return 0;
  });
}

interface StatsRow {
  dimensions: Record<string, unknown>;
  count: number;
  [alias: string]: unknown;
}

// ====================================================================== 1. aggregates

describe('userSessionStats: aggregates per group', () => {
  const AGGREGATES = `
    count
    avg(field: DURATION) sum(field: DURATION) min(field: DURATION) max(field: DURATION)
    median(field: DURATION) p95: percentile(field: DURATION, p: 95)
    persons: countDistinct(field: PERSON) countries: countDistinct(field: COUNTRY) users: countDistinct(field: USER_ID)
    bounceRate: avg(field: BOUNCE)`;

  function checkAggregates(row: StatsRow, rows: HmSession[], label: string): void {
    const d = rows.map((s) => s.duration);
    expect(row.count, `${label} count`).toBe(rows.length);
    expectClose(row.avg as number, avg(d), `${label} avg`);
    expectClose(row.sum as number, sum(d), `${label} sum`);
    expectClose(row.min as number, min(d), `${label} min`);
    expectClose(row.max as number, max(d), `${label} max`);
    expectClose(row.median as number, median(d), `${label} median`);
    expectClose(row.p95 as number, percentile(d, 95), `${label} p95`);
    expect(row.persons, `${label} persons`).toBe(countDistinct(rows.map((s) => personOfUserId(s.userId))));
    expect(row.countries, `${label} countries`).toBe(countDistinct(rows.map((s) => s.country)));
    expect(row.users, `${label} users`).toBe(countDistinct(rows.map((s) => s.userId)));
    expectClose(row.bounceRate as number, avg(rows.map((s) => s.bounce)), `${label} bounce rate`);
  }

  it('groupBy COUNTRY: count, avg/sum/min/max, exact median and p95, countDistinct PERSON/COUNTRY, bounce rate', async () => {
    const data = await srv.ok<{ userSessionStats: StatsRow[] }>(
      `query($f: UserSessionFilter) { userSessionStats(filter: $f, groupBy: [COUNTRY]) {
        dimensions { country browserFamily bounce bucket property } ${AGGREGATES} } }`,
      { f: HM },
    );
    const expected = byCountThenKeys(groupRows(sessions, (s) => [s.country]).values());
    expect(data.userSessionStats.map((r) => r.dimensions.country)).toEqual(expected.map((g) => g.key[0]));
    expect(expected.some((g) => g.key[0] === null), 'the data has sessions without a country').toBe(true);
    data.userSessionStats.forEach((row, i) => {
      const g = expected[i]!;
      expect(row.dimensions).toEqual({ country: g.key[0], browserFamily: null, bounce: null, bucket: null, property: null });
      checkAggregates(row, g.rows, `country ${String(g.key[0])}`);
    });
    // The interpolation matters: p95 is not simply one of the values for most groups.
    expect(data.userSessionStats.some((r) => !sessions.some((s) => s.duration === r.p95))).toBe(true);
  });

  it('without groupBy: one row over everything matching the filter', async () => {
    const data = await srv.ok<{ userSessionStats: StatsRow[] }>(
      `query($f: UserSessionFilter) { userSessionStats(filter: $f) { dimensions { country } ${AGGREGATES} } }`,
      { f: HM },
    );
    expect(data.userSessionStats).toHaveLength(1);
    checkAggregates(data.userSessionStats[0]!, sessions, 'all hm');
    expect(data.userSessionStats[0]!.countries).toBe(6);
    // u1/u2 are one person, as are u4–u6 and u8/u9; u10–u14 have none.
    expect(data.userSessionStats[0]!.persons).toBeLessThan(data.userSessionStats[0]!.users as number);
  });

  it('groupBy COUNTRY and BROWSER_FAMILY: one row per combination', async () => {
    const data = await srv.ok<{ userSessionStats: StatsRow[] }>(
      `query($f: UserSessionFilter) { userSessionStats(filter: $f, groupBy: [COUNTRY, BROWSER_FAMILY]) {
        dimensions { country browserFamily } count avg(field: DURATION) p50: percentile(field: DURATION, p: 50) } }`,
      { f: HM },
    );
    const expected = byCountThenKeys(groupRows(sessions, (s) => [s.country, s.browserFamily]).values());
    expect(data.userSessionStats.map((r) => [r.dimensions.country, r.dimensions.browserFamily, r.count])).toEqual(
      expected.map((g) => [...g.key, g.rows.length]),
    );
    data.userSessionStats.forEach((row, i) => {
      const d = expected[i]!.rows.map((s) => s.duration);
      expectClose(row.avg as number, avg(d), `avg ${JSON.stringify(expected[i]!.key)}`);
      expectClose(row.p50 as number, median(d), `p50 ${JSON.stringify(expected[i]!.key)}`);
    });
  });

  it('groupBy boolean dimensions (NEW_USER, BOUNCE): true/false/null groups, as booleans', async () => {
    const data = await srv.ok<{ userSessionStats: StatsRow[] }>(
      `query($f: UserSessionFilter) { userSessionStats(filter: $f, groupBy: [NEW_USER, BOUNCE]) {
        dimensions { newUser bounce } count max(field: DURATION) } }`,
      { f: HM },
    );
    const expected = byCountThenKeys(groupRows(sessions, (s) => [s.newUser, s.bounce]).values());
    expect(data.userSessionStats.map((r) => [r.dimensions.newUser, r.dimensions.bounce, r.count, r.max])).toEqual(
      expected.map((g) => [...g.key, g.rows.length, max(g.rows.map((s) => s.duration))]),
    );
    expect(new Set(data.userSessionStats.map((r) => r.dimensions.bounce))).toEqual(new Set([true, false, null]));
  });

  it('aliases select the same aggregate with different arguments, also through fragments', async () => {
    const data = await srv.ok<{ userSessionStats: StatsRow[] }>(
      `query($f: UserSessionFilter) { userSessionStats(filter: $f) {
        count
        p10: percentile(field: DURATION, p: 10)
        p90: percentile(field: DURATION, p: 90)
        p0: percentile(field: DURATION, p: 0)
        p100: percentile(field: DURATION, p: 100)
        p33: percentile(field: DURATION, p: 33.3)
        avgDuration: avg(field: DURATION)
        ...F
        ... on UserSessionStats { bounceRate: avg(field: BOUNCE) newUsers: sum(field: NEW_USER) }
      }}
      fragment F on UserSessionStats { persons: countDistinct(field: PERSON) users: countDistinct(field: USER_ID) browsers: countDistinct(field: BROWSER_FAMILY) }`,
      { f: HM },
    );
    const row = data.userSessionStats[0]!;
    const d = sessions.map((s) => s.duration);
    expect(row.count).toBe(sessions.length);
    expectClose(row.p10 as number, percentile(d, 10), 'p10');
    expectClose(row.p90 as number, percentile(d, 90), 'p90');
    expectClose(row.p0 as number, min(d), 'p0');
    expectClose(row.p100 as number, max(d), 'p100');
    expectClose(row.p33 as number, percentile(d, 33.3), 'p33.3');
    expectClose(row.avgDuration as number, avg(d), 'avg');
    expectClose(row.bounceRate as number, avg(sessions.map((s) => s.bounce)), 'bounce rate');
    expect(row.newUsers).toBe(sessions.filter((s) => s.newUser).length);
    expect(row.persons).toBe(countDistinct(sessions.map((s) => personOfUserId(s.userId))));
    expect(row.users).toBe(countDistinct(sessions.map((s) => s.userId)));
    expect(row.browsers).toBe(countDistinct(sessions.map((s) => s.browserFamily)));
  });

  it('over the whole seeded store, groupBy COUNTRY agrees with the raw rows', async () => {
    const rows = srv.raw.prepare('select country, duration, bounce, user_id as userId from user_sessions').all() as {
      country: string | null;
      duration: number | null;
      bounce: number | null;
      userId: string | null;
    }[];
    const owner = new Map(
      (srv.raw.prepare('select distinct_id as d, person_pk as p from person_distinct_ids').all() as { d: string; p: number }[]).map((r) => [r.d, r.p]),
    );
    const data = await srv.ok<{ userSessionStats: StatsRow[] }>(
      `{ userSessionStats(groupBy: [COUNTRY]) { dimensions { country } count avg(field: DURATION) median(field: DURATION)
        p95: percentile(field: DURATION, p: 95) persons: countDistinct(field: PERSON) bounceRate: avg(field: BOUNCE) } }`,
    );
    const expected = byCountThenKeys(groupRows(rows, (r) => [r.country]).values());
    expect(rows.length).toBeGreaterThan(300);
    expect(data.userSessionStats.map((r) => [r.dimensions.country, r.count])).toEqual(expected.map((g) => [g.key[0], g.rows.length]));
    data.userSessionStats.forEach((row, i) => {
      const g = expected[i]!;
      const d = g.rows.map((r) => r.duration);
      expectClose(row.avg as number, avg(d), `${String(g.key[0])} avg`);
      expectClose(row.median as number, median(d), `${String(g.key[0])} median`);
      expectClose(row.p95 as number, percentile(d, 95), `${String(g.key[0])} p95`);
      expectClose(row.bounceRate as number, avg(g.rows.map((r) => r.bounce)), `${String(g.key[0])} bounce`);
      expect(row.persons).toBe(countDistinct(g.rows.map((r) => (r.userId === null ? null : owner.get(r.userId)))));
    });
  });
});

// ====================================================================== 2. time series

describe('userSessionStats: time series', () => {
  interface Point {
    bucket: string;
    count: number;
    avg: number | null;
  }
  async function series(args: { interval: Interval; timeZone?: string; filter: unknown; groupBy?: string[] }) {
    const data = await srv.ok<{ userSessionStats: StatsRow[] }>(
      `query($f: UserSessionFilter, $i: Interval, $tz: String, $g: [UserSessionDimension!]) {
        userSessionStats(filter: $f, interval: $i, timeZone: $tz, groupBy: $g) {
          dimensions { bucket country } count avg(field: DURATION) sum(field: DURATION) persons: countDistinct(field: PERSON) p95: percentile(field: DURATION, p: 95) } }`,
      { f: args.filter, i: args.interval, tz: args.timeZone ?? null, g: args.groupBy ?? null },
    );
    return data.userSessionStats;
  }
  /** Every bucket from `from` to `to`, with the sessions falling into it. */
  function expectedSeries(rows: HmSession[], from: number, to: number, interval: Interval, timeZone = 'UTC') {
    const buckets = bucketSeries(from, to, interval, timeZone);
    const by = groupRows(rows, (s) => [bucketOf(s.startTime, interval, timeZone)]);
    for (const k of by.values()) expect(buckets, 'every session falls into a listed bucket').toContain(k.key[0]);
    return buckets.map((b) => {
      const inBucket = by.get(JSON.stringify([b]))?.rows ?? [];
      return { bucket: iso(b), count: inBucket.length, avg: avg(inBucket.map((s) => s.duration)) };
    });
  }
  function expectSeries(actual: StatsRow[], expected: Point[], label: string): void {
    expect(actual.map((r) => [r.dimensions.bucket, r.count]), label).toEqual(expected.map((p) => [p.bucket, p.count]));
    actual.forEach((r, i) => expectClose(r.avg as number | null, expected[i]!.avg, `${label} avg at ${expected[i]!.bucket}`));
  }
  const rangeFilter = (gte: string, lt: string) => ({ ...HM, startTime: { gte, lt } });

  it('interval DAY (UTC) spans the filter range, empty days filled with count 0', async () => {
    const rows = await series({ interval: 'DAY', filter: rangeFilter(HM_RANGE.gte, HM_RANGE.lt) });
    const expected = expectedSeries(sessions.filter(inRange), Date.parse(HM_RANGE.gte), Date.parse(HM_RANGE.lt), 'DAY');
    expect(expected).toHaveLength(14);
    expectSeries(rows, expected, 'DAY UTC');
    const empty = rows.filter((r) => r.count === 0).map((r) => r.dimensions.bucket);
    expect(empty).toEqual(['2025-03-27T00:00:00.000Z', '2025-03-28T00:00:00.000Z', '2025-04-03T00:00:00.000Z']);
    // Count-like aggregates of an empty bucket are 0; a mean or percentile of no values is null.
    for (const r of rows.filter((x) => x.count === 0)) {
      expect(r.avg, 'no data, no average').toBeNull();
      expect(r.p95, 'no data, no percentile').toBeNull();
      expect(r.sum, 'nothing summed is 0').toBe(0);
      expect(r.persons, 'nobody counted is 0').toBe(0);
    }
    for (const r of rows.filter((x) => x.count > 0)) expect(r.sum).toBeGreaterThan(0);
  });

  it('withinLast: P7D spans the 8 UTC days it touches, ending at the request, and counts what the list counts', async () => {
    const before = Date.now();
    const data = await srv.ok<{ userSessionStats: StatsRow[]; userSessions: { totalCount: number } }>(
      `query($f: UserSessionFilter) {
        userSessionStats(filter: $f, interval: DAY) { dimensions { bucket } count sum(field: DURATION) }
        userSessions(filter: $f) { totalCount } }`,
      { f: { startTime: { withinLast: 'P7D' } } },
    );
    const after = Date.now();
    const rows = data.userSessionStats;
    const buckets = rows.map((r) => Date.parse(r.dimensions.bucket as string));
    expect(rows).toHaveLength(8);
    expect([Math.floor((before - 7 * DAY) / DAY) * DAY, Math.floor((after - 7 * DAY) / DAY) * DAY]).toContain(buckets[0]);
    buckets.slice(1).forEach((b, i) => expect(b - buckets[i]!).toBe(DAY));
    const total = rows.reduce((n, r) => n + r.count, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBe(data.userSessions.totalCount);
  });

  it('a range beyond the data (not on bucket boundaries) lists every bucket it touches', async () => {
    const from = '2025-03-20T13:37:00.000Z';
    const to = '2025-04-09T08:00:00.000Z';
    const rows = await series({ interval: 'DAY', filter: rangeFilter(from, to) });
    const expected = expectedSeries(sessions.filter(inRange), Date.parse(from), Date.parse(to), 'DAY');
    expect(expected).toHaveLength(21);
    expect(expected[0]!.bucket).toBe('2025-03-20T00:00:00.000Z');
    expect(expected.at(-1)!.bucket).toBe('2025-04-09T00:00:00.000Z');
    expectSeries(rows, expected, 'DAY wide range');
  });

  it('timeZone Europe/Vienna: local days (23 h on the DST day), a session at 23:30 UTC in the next local day', async () => {
    const tz = 'Europe/Vienna';
    const rows = await series({ interval: 'DAY', timeZone: tz, filter: rangeFilter(HM_RANGE.gte, HM_RANGE.lt) });
    const expected = expectedSeries(sessions.filter(inRange), Date.parse(HM_RANGE.gte), Date.parse(HM_RANGE.lt), 'DAY', tz);
    // Mar 24 local (starting 23:00 UTC the day before) through Apr 7 local (holding Apr 6 23:30 UTC).
    expect(expected).toHaveLength(15);
    expect(expected[0]!.bucket).toBe('2025-03-23T23:00:00.000Z');
    expect(expected.map((p) => p.bucket)).toContain('2025-03-29T23:00:00.000Z'); // Mar 30, 23 hours long
    expect(expected.map((p) => p.bucket)).toContain('2025-03-30T22:00:00.000Z'); // Mar 31, summer time
    expectSeries(rows, expected, 'DAY Vienna');
    // The UTC and the Vienna series differ exactly by the sessions near midnight.
    const utc = await series({ interval: 'DAY', filter: rangeFilter(HM_RANGE.gte, HM_RANGE.lt) });
    expect(utc.reduce((s, r) => s + r.count, 0)).toBe(rows.reduce((s, r) => s + r.count, 0));
  });

  it.each([
    ['edge-2330-winter', '2025-03-25T00:00:00.000Z', '2025-03-25T23:00:00.000Z'], // 00:30 on Mar 26 in Vienna
    ['edge-2230-winter', '2025-03-25T00:00:00.000Z', '2025-03-24T23:00:00.000Z'], // 23:30 on Mar 25 in Vienna
    ['edge-2230-summer', '2025-03-31T00:00:00.000Z', '2025-03-31T22:00:00.000Z'], // 00:30 on Apr 1 in Vienna (UTC+2)
    ['edge-0030', '2025-04-02T00:00:00.000Z', '2025-04-01T22:00:00.000Z'], // 02:30 on Apr 2 in Vienna
  ])('%s lands in UTC day %s and in the Vienna day starting %s', async (id, utcDay, viennaDay) => {
    const filter = { ...HM, userSessionId: { eq: id } };
    expect((await series({ interval: 'DAY', filter })).map((r) => [r.dimensions.bucket, r.count])).toEqual([[utcDay, 1]]);
    expect((await series({ interval: 'DAY', timeZone: 'Europe/Vienna', filter })).map((r) => [r.dimensions.bucket, r.count])).toEqual([
      [viennaDay, 1],
    ]);
  });

  it('interval HOUR in Europe/Vienna over the day summer time starts: 23 hourly buckets', async () => {
    const from = '2025-03-29T23:00:00.000Z'; // local midnight, Mar 30
    const to = '2025-03-30T22:00:00.000Z'; // local midnight, Mar 31
    const rows = await series({ interval: 'HOUR', timeZone: 'Europe/Vienna', filter: rangeFilter(from, to) });
    const mine = sessions.filter((s) => s.startTime >= Date.parse(from) && s.startTime < Date.parse(to));
    const expected = expectedSeries(mine, Date.parse(from), Date.parse(to), 'HOUR', 'Europe/Vienna');
    expect(expected).toHaveLength(23);
    expectSeries(rows, expected, 'HOUR Vienna spring');
  });

  it('interval DAY in Europe/Vienna on the day summer time ends: one 25-hour day', async () => {
    const rows = await series({ interval: 'DAY', timeZone: 'Europe/Vienna', filter: { ...HM, userSessionId: { startsWith: 'dst-fall-' } } });
    expect(rows.map((r) => [r.dimensions.bucket, r.count])).toEqual([['2025-10-25T22:00:00.000Z', 4]]);
  });

  it('interval HOUR in Europe/Vienna when summer time ends: the repeated local hour 02:00 is two buckets', async () => {
    const from = '2025-10-25T22:00:00.000Z';
    const to = '2025-10-26T04:00:00.000Z';
    const rows = await series({ interval: 'HOUR', timeZone: 'Europe/Vienna', filter: rangeFilter(from, to) });
    const mine = sessions.filter((s) => s.startTime >= Date.parse(from) && s.startTime < Date.parse(to));
    const expected = expectedSeries(mine, Date.parse(from), Date.parse(to), 'HOUR', 'Europe/Vienna');
    expect(expected.map((p) => [p.bucket, p.count])).toEqual([
      ['2025-10-25T22:00:00.000Z', 0], // 00:00 CEST
      ['2025-10-25T23:00:00.000Z', 1], // 01:00 CEST
      ['2025-10-26T00:00:00.000Z', 1], // 02:00 CEST
      ['2025-10-26T01:00:00.000Z', 1], // 02:00 CET
      ['2025-10-26T02:00:00.000Z', 1], // 03:00 CET
      ['2025-10-26T03:00:00.000Z', 0], // 04:00 CET
    ]);
    expectSeries(rows, expected, 'HOUR Vienna autumn');
  });

  it.each([
    ['HOUR', 'dst-fall-cest', '2025-10-26T00:00:00.000Z'],
    ['MINUTE', 'dst-fall-cest', '2025-10-26T00:30:00.000Z'],
    ['HOUR', 'dst-fall-cet', '2025-10-26T01:00:00.000Z'],
    ['MINUTE', 'dst-fall-cet', '2025-10-26T01:30:00.000Z'],
  ] as const)('interval %s in Europe/Vienna: %s is in the bucket starting %s (never in a bucket that starts after it)', async (interval, id, bucket) => {
    const rows = await series({ interval, timeZone: 'Europe/Vienna', filter: { ...HM, userSessionId: { eq: id } } });
    expect(rows.map((r) => [r.dimensions.bucket, r.count])).toEqual([[bucket, 1]]);
  });

  it('interval HOUR over one day: 24 buckets', async () => {
    const from = '2025-03-25T00:00:00.000Z';
    const to = '2025-03-26T00:00:00.000Z';
    const rows = await series({ interval: 'HOUR', filter: rangeFilter(from, to) });
    const mine = sessions.filter((s) => s.startTime >= Date.parse(from) && s.startTime < Date.parse(to));
    const expected = expectedSeries(mine, Date.parse(from), Date.parse(to), 'HOUR');
    expect(expected).toHaveLength(24);
    expect(expected[23]!.bucket).toBe('2025-03-25T23:00:00.000Z');
    expectSeries(rows, expected, 'HOUR');
    expect(rows.filter((r) => r.count === 0).length).toBeGreaterThan(5);
  });

  it('interval MINUTE over one busy hour: 60 buckets', async () => {
    const busiest = [...groupRows(sessions, (s) => [Math.floor(s.startTime / HOUR) * HOUR]).values()].sort((a, b) => b.rows.length - a.rows.length)[0]!;
    const from = busiest.key[0] as number;
    const rows = await series({ interval: 'MINUTE', filter: rangeFilter(iso(from), iso(from + HOUR)) });
    const expected = expectedSeries(busiest.rows, from, from + HOUR, 'MINUTE');
    expect(expected).toHaveLength(60);
    expectSeries(rows, expected, 'MINUTE');
  });

  it.each([['UTC'], ['Europe/Vienna']])('interval WEEK (ISO weeks from Monday) in %s, empty weeks filled', async (tz) => {
    const from = '2025-03-03T00:00:00.000Z';
    const to = '2025-04-21T00:00:00.000Z';
    const rows = await series({ interval: 'WEEK', timeZone: tz, filter: rangeFilter(from, to) });
    const mine = sessions.filter((s) => s.startTime >= Date.parse(from) && s.startTime < Date.parse(to));
    const expected = expectedSeries(mine, Date.parse(from), Date.parse(to), 'WEEK', tz);
    for (const p of expected) expect(new Date(Date.parse(p.bucket) + 12 * HOUR).getUTCDay(), 'weeks start on Monday').toBe(1);
    expectSeries(rows, expected, `WEEK ${tz}`);
    expect(rows.filter((r) => r.count === 0).length).toBeGreaterThanOrEqual(4);
    // Sunday Apr 6 23:30 UTC is Monday Apr 7 in Vienna: the week of Apr 7 holds it only there.
    const apr7 = rows.find((r) => r.dimensions.bucket === (tz === 'UTC' ? '2025-04-07T00:00:00.000Z' : '2025-04-06T22:00:00.000Z'));
    expect(apr7?.count).toBe(tz === 'UTC' ? 0 : 1);
  });

  it('interval MONTH: calendar months, empty ones filled', async () => {
    const from = '2025-01-01T00:00:00.000Z';
    const to = '2025-06-01T00:00:00.000Z';
    const rows = await series({ interval: 'MONTH', filter: rangeFilter(from, to) });
    const mine = sessions.filter((s) => s.startTime >= Date.parse(from) && s.startTime < Date.parse(to));
    const expected = expectedSeries(mine, Date.parse(from), Date.parse(to), 'MONTH');
    expect(expected.map((p) => p.bucket)).toEqual([
      '2025-01-01T00:00:00.000Z',
      '2025-02-01T00:00:00.000Z',
      '2025-03-01T00:00:00.000Z',
      '2025-04-01T00:00:00.000Z',
      '2025-05-01T00:00:00.000Z',
    ]);
    expect(expected.map((p) => p.count)).toEqual([0, 1, sessions.filter((s) => s.startTime < Date.parse('2025-04-01')).length - 1, expect.any(Number), 0]);
    expectSeries(rows, expected, 'MONTH');
  });

  it('without a time range in the filter, the series spans the first to the last bucket with data', async () => {
    const rows = await series({ interval: 'DAY', filter: HM });
    const times = sessions.map((s) => s.startTime);
    const expected = expectedSeries(sessions, Math.min(...times), Math.max(...times) + 1, 'DAY');
    expect(expected[0]!.bucket).toBe('2025-02-10T00:00:00.000Z');
    expect(expected.at(-1)!.bucket).toBe('2025-10-26T00:00:00.000Z');
    expectSeries(rows, expected, 'DAY min..max');
  });

  it('interval with groupBy COUNTRY: a full series per country', async () => {
    const rows = await series({ interval: 'DAY', groupBy: ['COUNTRY'], filter: rangeFilter(HM_RANGE.gte, HM_RANGE.lt) });
    const mine = sessions.filter(inRange);
    const buckets = bucketSeries(Date.parse(HM_RANGE.gte), Date.parse(HM_RANGE.lt), 'DAY');
    const countries = [...new Set(mine.map((s) => s.country))];
    const expected = countries.flatMap((c) =>
      buckets.map((b) => {
        const rs = mine.filter((s) => s.country === c && bucketOf(s.startTime, 'DAY') === b);
        return [iso(b), c, rs.length, avg(rs.map((s) => s.duration))] as const;
      }),
    );
    const key = (x: readonly unknown[]) => JSON.stringify(x.slice(0, 2));
    const actual = rows.map((r) => [r.dimensions.bucket, r.dimensions.country, r.count, r.avg] as const);
    expect(actual.map((x) => key(x)).sort()).toEqual(expected.map((x) => key(x)).sort());
    const want = new Map(expected.map((x) => [key(x), x]));
    for (const a of actual) {
      const e = want.get(key(a))!;
      expect(a[2], key(a)).toBe(e[2]);
      expectClose(a[3] as number | null, e[3], `${key(a)} avg`);
    }
    // Read left to right.
    const times = rows.map((r) => Date.parse(r.dimensions.bucket as string));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('an unknown timeZone is a GraphQL error (BAD_USER_INPUT), not a 500', async () => {
    const r = await srv.gql(`{ userSessionStats(interval: DAY, timeZone: "Mars/Olympus_Mons") { count } }`);
    const error = oneError(r);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/timeZone/);
    expect(error.message).toMatch(/Mars\/Olympus_Mons/);
  });
});

// ====================================================================== 3. Top-N and thresholds

describe('userSessionStats: Top-N, having, orderBy, validation', () => {
  const countryGroups = () => [...groupRows(sessions, (s) => [s.country]).values()];

  it('orderBy PERCENTILE p95 DESC with first: 3 gives the three countries with the highest p95', async () => {
    const data = await srv.ok<{ userSessionStats: StatsRow[] }>(
      `query($f: UserSessionFilter) { userSessionStats(filter: $f, groupBy: [COUNTRY], first: 3,
        orderBy: [{ by: PERCENTILE, field: DURATION, p: 95, direction: DESC }]) { dimensions { country } count p95: percentile(field: DURATION, p: 95) } }`,
      { f: HM },
    );
    const ranked = countryGroups()
      .map((g) => ({ country: g.key[0], p95: percentile(g.rows.map((s) => s.duration), 95)! }))
      .sort((a, b) => b.p95 - a.p95);
    expect(ranked[2]!.p95, 'no tie at the cut').toBeGreaterThan(ranked[3]!.p95);
    expect(data.userSessionStats.map((r) => r.dimensions.country)).toEqual(ranked.slice(0, 3).map((r) => r.country));
    data.userSessionStats.forEach((r, i) => expectClose(r.p95 as number, ranked[i]!.p95, 'p95'));
  });

  it('orderBy AVG ASC with first: 2, and a p95 computed only for ordering (not selected)', async () => {
    const data = await srv.ok<{ userSessionStats: StatsRow[] }>(
      `query($f: UserSessionFilter) { userSessionStats(filter: $f, groupBy: [COUNTRY], first: 2,
        orderBy: [{ by: AVG, field: DURATION, direction: ASC }]) { dimensions { country } count } }`,
      { f: HM },
    );
    const ranked = countryGroups()
      .map((g) => ({ country: g.key[0], avg: avg(g.rows.map((s) => s.duration))! }))
      .sort((a, b) => a.avg - b.avg);
    expect(data.userSessionStats.map((r) => r.dimensions.country)).toEqual(ranked.slice(0, 2).map((r) => r.country));
  });

  it('having count > N keeps only the bigger groups (default order: count desc)', async () => {
    const counts = countryGroups().map((g) => g.rows.length).sort((a, b) => a - b);
    const n = counts[Math.floor(counts.length / 2)]!;
    const data = await srv.ok<{ userSessionStats: StatsRow[] }>(
      `query($f: UserSessionFilter, $n: Float) { userSessionStats(filter: $f, groupBy: [COUNTRY], having: [{ aggregate: COUNT, gt: $n }]) {
        dimensions { country } count } }`,
      { f: HM, n },
    );
    const expected = byCountThenKeys(countryGroups().filter((g) => g.rows.length > n));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(counts.length);
    expect(data.userSessionStats.map((r) => [r.dimensions.country, r.count])).toEqual(expected.map((g) => [g.key[0], g.rows.length]));
  });

  it('having on several aggregates (count ≥, median <, countDistinct ≥) combines them with AND', async () => {
    const medians = countryGroups().map((g) => median(g.rows.map((s) => s.duration))!).sort((a, b) => a - b);
    const limit = medians[Math.floor(medians.length * 0.7)]!;
    const data = await srv.ok<{ userSessionStats: StatsRow[] }>(
      `query($f: UserSessionFilter, $m: Float) { userSessionStats(filter: $f, groupBy: [COUNTRY], having: [
        { aggregate: COUNT, gte: 3 }, { aggregate: MEDIAN, field: DURATION, lt: $m }, { aggregate: COUNT_DISTINCT, field: USER_ID, gte: 2 }]) {
        dimensions { country } count } }`,
      { f: HM, m: limit },
    );
    const expected = byCountThenKeys(
      countryGroups().filter(
        (g) => g.rows.length >= 3 && median(g.rows.map((s) => s.duration))! < limit && countDistinct(g.rows.map((s) => s.userId)) >= 2,
      ),
    );
    expect(data.userSessionStats.map((r) => r.dimensions.country)).toEqual(expected.map((g) => g.key[0]));
  });

  it('orderBy dimension COUNTRY, ascending (NULL first) and descending', async () => {
    const q = `query($f: UserSessionFilter, $d: SortDirection!) { userSessionStats(filter: $f, groupBy: [COUNTRY], orderBy: [{ dimension: COUNTRY, direction: $d }]) {
      dimensions { country } count } }`;
    const keys = countryGroups().map((g) => g.key[0]).sort(sqliteCompare);
    const asc = await srv.ok<{ userSessionStats: StatsRow[] }>(q, { f: HM, d: 'ASC' });
    expect(asc.userSessionStats.map((r) => r.dimensions.country)).toEqual(keys);
    const desc = await srv.ok<{ userSessionStats: StatsRow[] }>(q, { f: HM, d: 'DESC' });
    expect(desc.userSessionStats.map((r) => r.dimensions.country)).toEqual([...keys].reverse());
  });

  it.each([
    ['first: 0', `userSessionStats(groupBy: [COUNTRY], first: 0) { count }`, /"first" must be between 1 and 10000/],
    ['first: 10001', `userSessionStats(groupBy: [COUNTRY], first: 10001) { count }`, /"first" must be between 1 and 10000/],
    ['percentile p: 150', `userSessionStats { percentile(field: DURATION, p: 150) }`, /between 0 and 100/],
    ['percentile p: -1 in orderBy', `userSessionStats(groupBy: [COUNTRY], orderBy: [{ by: PERCENTILE, field: DURATION, p: -1 }]) { count }`, /between 0 and 100/],
    ['AVG without field', `userSessionStats(groupBy: [COUNTRY], orderBy: [{ by: AVG }]) { count }`, /needs a "field"/],
    ['AVG over a text field', `userSessionStats(groupBy: [COUNTRY], having: [{ aggregate: AVG, field: COUNTRY, gt: 1 }]) { count }`, /not a numeric field/],
    ['orderBy a dimension not grouped by', `userSessionStats(groupBy: [COUNTRY], orderBy: [{ dimension: BROWSER_FAMILY }]) { count }`, /not in groupBy/],
    ['orderBy with neither', `userSessionStats(groupBy: [COUNTRY], orderBy: [{ direction: ASC }]) { count }`, /needs "by"/],
    [
      'more than 10000 buckets',
      `userSessionStats(interval: MINUTE, filter: { startTime: { gte: "2025-03-01T00:00:00Z", lt: "2025-03-09T00:00:00Z" } }) { count }`,
      /more than 10000 buckets/,
    ],
    ['groupByProperty on recordings', `recordingStats(groupByProperty: "plan") { count }`, /no custom properties/],
  ])('%s is a clear GraphQL error (BAD_USER_INPUT)', async (_, field, message) => {
    const r = await srv.gql(`{ ${field} }`);
    const error = oneError(r);
    expect(error.message).toMatch(message);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('first over a time series gives the top buckets without filling', async () => {
    const data = await srv.ok<{ userSessionStats: StatsRow[] }>(
      `query($f: UserSessionFilter) { userSessionStats(filter: $f, interval: DAY, first: 3, orderBy: [{ by: COUNT }]) { dimensions { bucket } count } }`,
      { f: { ...HM, startTime: HM_RANGE } },
    );
    const days = [...groupRows(sessions.filter(inRange), (s) => [bucketOf(s.startTime, 'DAY')]).values()].sort(
      (a, b) => b.rows.length - a.rows.length || (a.key[0] as number) - (b.key[0] as number),
    );
    expect(data.userSessionStats.map((r) => [r.dimensions.bucket, r.count])).toEqual(days.slice(0, 3).map((g) => [iso(g.key[0] as number), g.rows.length]));
  });
});

// ====================================================================== 4. other entities, custom properties

describe('recordingStats', () => {
  const visible = () => recordings.filter((r) => Number(r.id.slice(3)) <= 36);
  // The server keeps expired recordings (--retention keep, the default); a dashboard hides them with `expired: false`.
  const RS = { id: { startsWith: 'rs-' }, expired: { eq: false } };
  const personOfDistinctId = personOfUserId;

  it('groupBy SNAPSHOT_SOURCE: count, avg/sum/max, countDistinct PERSON; expired recordings are not counted when the filter says expired: false', async () => {
    const data = await srv.ok<{ recordingStats: StatsRow[] }>(
      `query($f: SessionRecordingFilter) { recordingStats(filter: $f, groupBy: [SNAPSHOT_SOURCE]) {
        dimensions { snapshotSource viewed ongoing } count avg(field: RECORDING_DURATION) sum(field: CLICK_COUNT)
        max(field: ACTIVITY_SCORE) p90: percentile(field: RECORDING_DURATION, p: 90) persons: countDistinct(field: PERSON) } }`,
      { f: RS },
    );
    const expected = byCountThenKeys(groupRows(visible(), (r) => [r.snapshot_source]).values());
    expect(data.recordingStats.map((r) => [r.dimensions.snapshotSource, r.count])).toEqual(expected.map((g) => [g.key[0] === null ? null : (g.key[0] as string).toUpperCase(), g.rows.length]));
    data.recordingStats.forEach((row, i) => {
      const g = expected[i]!.rows;
      expect(row.dimensions.viewed).toBeNull();
      expectClose(row.avg as number, avg(g.map((r) => r.recording_duration)), 'avg duration');
      expectClose(row.sum as number, sum(g.map((r) => r.click_count)), 'sum clicks');
      expectClose(row.max as number, max(g.map((r) => r.activity_score)), 'max score');
      expectClose(row.p90 as number, percentile(g.map((r) => r.recording_duration), 90), 'p90');
      expect(row.persons).toBe(countDistinct(g.map((r) => personOfDistinctId(r.distinct_id))));
    });
    expect(data.recordingStats.reduce((s, r) => s + r.count, 0)).toBe(36);
  });

  it('groupBy VIEWED follows the caller: the imported flag for anonymous callers, the viewers list for a named one', async () => {
    const q = `query($f: SessionRecordingFilter) { recordingStats(filter: $f, groupBy: [VIEWED], orderBy: [{ dimension: VIEWED, direction: ASC }]) {
      dimensions { viewed } count } }`;
    const split = (viewed: (r: HmRecording) => boolean) =>
      [false, true].map((v) => [v, visible().filter((r) => viewed(r) === v).length]).filter(([, n]) => n !== 0);
    const anonymous = await srv.ok<{ recordingStats: StatsRow[] }>(q, { f: RS });
    expect(anonymous.recordingStats.map((r) => [r.dimensions.viewed, r.count])).toEqual(split((r) => r.viewed));
    for (const viewer of ['alice', 'bob', 'dave']) {
      const named = await srv.ok<{ recordingStats: StatsRow[] }>(q, { f: RS }, { viewer });
      expect(named.recordingStats.map((r) => [r.dimensions.viewed, r.count]), viewer).toEqual(split((r) => r.viewers.includes(viewer)));
    }
  });

  it('groupBy ONGOING: only recordings whose last data is under five minutes old', async () => {
    const data = await srv.ok<{ recordingStats: StatsRow[] }>(
      `query($f: SessionRecordingFilter) { recordingStats(filter: $f, groupBy: [ONGOING], orderBy: [{ dimension: ONGOING, direction: DESC }]) {
        dimensions { ongoing } count share: avg(field: ONGOING) } }`,
      { f: RS },
    );
    const ongoing = visible().filter((r) => r.end_time !== null && Date.parse(r.end_time) > Date.now() - 5 * 60_000).length;
    expect(ongoing).toBe(6);
    expect(data.recordingStats.map((r) => [r.dimensions.ongoing, r.count, r.share])).toEqual([
      [true, ongoing, 1],
      [false, 36 - ongoing, 0],
    ]);
  });

  it('RECORDING_TTL aggregates count whole days to the expiry, like the field', async () => {
    const q = `query($f: SessionRecordingFilter) { recordingStats(filter: $f) { min(field: RECORDING_TTL) max(field: RECORDING_TTL) sum(field: RECORDING_TTL) } }`;
    const ttls = (t: number) =>
      visible().map((r) => {
        const start = Date.parse(r.start_time);
        const expiry = Math.floor(start / DAY) * DAY + (r.retention_period_days ?? 30) * DAY;
        // PostHog's dateDiff('day', now, expiry): UTC midnights in between.
        return Math.floor(expiry / DAY) - Math.floor(t / DAY);
      });
    const before = ttls(Date.now());
    const data = await srv.ok<{ recordingStats: StatsRow[] }>(q, { f: RS });
    const after = ttls(Date.now());
    const row = data.recordingStats[0]!;
    expect([min(before), min(after)]).toContain(row.min);
    expect([max(before), max(after)]).toContain(row.max);
    expect([sum(before), sum(after)]).toContain(row.sum);
    expect(row.max).toBeGreaterThan(60); // 90-day retention
  });

  it('over the whole store, the count is every recording, expired or not; groupBy EXPIRED splits them (raw SQL)', async () => {
    const data = await srv.ok<{ all: StatsRow[]; split: StatsRow[] }>(`{
      all: recordingStats { count sum(field: RECORDING_DURATION) }
      split: recordingStats(groupBy: [EXPIRED], orderBy: [{ dimension: EXPIRED, direction: ASC }]) { dimensions { expired } count }
    }`);
    const t = Date.now();
    const stored = srv.raw.prepare('select count(*) n, sum(recording_duration) d from recordings').get() as { n: number; d: number };
    const unexpired = (srv.raw.prepare('select count(*) n from recordings where expiry_time is null or expiry_time > ?').get(t) as { n: number }).n;
    expect(stored.n - unexpired, 'the store holds expired recordings').toBeGreaterThanOrEqual(4);
    expect(data.all).toEqual([{ count: stored.n, sum: stored.d }]);
    expect(data.split.map((r) => [r.dimensions.expired, r.count])).toEqual([
      [false, unexpired],
      [true, stored.n - unexpired],
    ]);
  });
});

describe('userActionStats', () => {
  type Flat = HmAction & { session: HmSession };
  const actions = (): Flat[] => sessions.flatMap((s) => s.userActions.map((a) => ({ ...a, session: s })));
  const A = { session: HM };
  const TYPE_NAME = { Load: 'LOAD', Xhr: 'XHR', Custom: 'CUSTOM' } as const;

  it('groupBy NAME: count, countDistinct SESSION, avg/p75 LARGEST_CONTENTFUL_PAINT', async () => {
    const data = await srv.ok<{ userActionStats: StatsRow[] }>(
      `query($f: UserActionFilter) { userActionStats(filter: $f, groupBy: [NAME]) {
        dimensions { name type } count sessions: countDistinct(field: SESSION) avg(field: LARGEST_CONTENTFUL_PAINT)
        p75: percentile(field: LARGEST_CONTENTFUL_PAINT, p: 75) max(field: DURATION) } }`,
      { f: A },
    );
    const expected = byCountThenKeys(groupRows(actions(), (a) => [a.name]).values());
    expect(expected).toHaveLength(6);
    expect(data.userActionStats.map((r) => [r.dimensions.name, r.dimensions.type, r.count])).toEqual(expected.map((g) => [g.key[0], null, g.rows.length]));
    data.userActionStats.forEach((row, i) => {
      const g = expected[i]!.rows;
      expect(row.sessions).toBe(new Set(g.map((a) => a.session.userSessionId)).size);
      expectClose(row.avg as number, avg(g.map((a) => a.largestContentfulPaint)), 'avg LCP');
      expectClose(row.p75 as number, percentile(g.map((a) => a.largestContentfulPaint), 75), 'p75 LCP');
      expect(row.max).toBe(max(g.map((a) => a.duration)));
    });
  });

  it('groupBy TYPE, APDEX_CATEGORY and KEY_USER_ACTION (enum names and booleans)', async () => {
    const data = await srv.ok<{ userActionStats: StatsRow[] }>(
      `query($f: UserActionFilter) { userActionStats(filter: $f, groupBy: [TYPE, APDEX_CATEGORY, KEY_USER_ACTION]) {
        dimensions { type apdexCategory keyUserAction } count sessions: countDistinct(field: SESSION) } }`,
      { f: A },
    );
    const groups = groupRows(actions(), (a) => [TYPE_NAME[a.type], a.apdexCategory, a.keyUserAction]);
    const got = data.userActionStats.map((r) => JSON.stringify([r.dimensions.type, r.dimensions.apdexCategory, r.dimensions.keyUserAction]));
    expect([...got].sort()).toEqual([...groups.keys()].sort());
    for (const r of data.userActionStats) {
      const g = groups.get(JSON.stringify([r.dimensions.type, r.dimensions.apdexCategory, r.dimensions.keyUserAction]))!;
      expect(r.count).toBe(g.rows.length);
      expect(r.sessions).toBe(new Set(g.rows.map((a) => a.session.userSessionId)).size);
    }
    const counts = data.userActionStats.map((r) => r.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});

describe('userErrorStats and userEventStats (issue 16): over the stored errors and events, by their own and their session\'s dimensions', () => {
  interface Stored {
    pk: number;
    sessionPk: number;
    type: string | null;
    name: string | null;
    page?: string | null;
    startTime: number | null;
    country: string | null;
    browserFamily: string | null;
  }
  const read = (table: 'user_errors' | 'user_events', extra = '') =>
    srv.raw
      .prepare(
        `select c.pk, c.session_pk as sessionPk, c.type, c.name, c.start_time as startTime${extra}, s.country, s.browser_family as browserFamily
         from ${table} c join user_sessions s on s.pk = c.session_pk where c.project = 'default'`,
      )
      .all() as Stored[];
  /** The default group order (biggest first, then the keys as stored, ascending) and each group's count and distinct sessions. */
  const expectedGroups = (rows: Stored[], key: (r: Stored) => unknown[], served: (key: unknown[]) => unknown[] = (k) => k) =>
    byCountThenKeys(groupRows(rows, key).values()).map((g) => [...served(g.key), g.rows.length, countDistinct(g.rows.map((r) => r.sessionPk))]);
  const EVENT_TYPE: Record<string, string> = { PageChange: 'PAGE_CHANGE', RageClick: 'RAGE_CLICK', Crash: 'CRASH', Error: 'ERROR' };

  it('userErrorStats groupBy TYPE, NAME: count and countDistinct SESSION', async () => {
    const errors = read('user_errors');
    expect(errors.length, 'the data has errors').toBeGreaterThan(20);
    const data = await srv.ok<{ userErrorStats: StatsRow[] }>('{ userErrorStats(groupBy: [TYPE, NAME]) { dimensions { type name } count sessions: countDistinct(field: SESSION) } }');
    const expected = expectedGroups(errors, (e) => [e.type, e.name]);
    expect(expected.length).toBeGreaterThan(2);
    expect(data.userErrorStats.map((r) => [r.dimensions.type, r.dimensions.name, r.count, r.sessions])).toEqual(expected);
  });

  it('userErrorStats filtered by a session dimension (session: { browserFamily }), per browser family and in all', async () => {
    const errors = read('user_errors');
    const families = [...new Set(errors.map((e) => e.browserFamily))].filter((f): f is string => f !== null).sort();
    expect(families.length).toBeGreaterThan(2);
    const aliases = families.map((f, i) => `f${i}: userErrorStats(filter: { session: { browserFamily: { eq: ${JSON.stringify(f)} } } }, groupBy: [NAME]) { dimensions { name } count sessions: countDistinct(field: SESSION) }`);
    const data = await srv.ok<Record<string, StatsRow[]>>(`{ ${aliases.join('\n')} }`);
    families.forEach((family, i) => {
      const expected = expectedGroups(errors.filter((e) => e.browserFamily === family), (e) => [e.name]);
      expect(data[`f${i}`]!.map((r) => [r.dimensions.name, r.count, r.sessions]), family).toEqual(expected);
    });
    // not: the other browser families' errors, and those of sessions without one.
    const notChrome = await srv.ok<{ userErrorStats: StatsRow[] }>('{ userErrorStats(filter: { not: { session: { browserFamily: { eq: "Chrome" } } } }) { count } }');
    expect(notChrome.userErrorStats.map((r) => r.count)).toEqual([errors.filter((e) => e.browserFamily !== 'Chrome').length]);
  });

  it('userErrorStats by day over a startTime range, with a session condition', async () => {
    const errors = read('user_errors').filter((e) => e.startTime !== null && e.country === 'Germany');
    const times = errors.map((e) => e.startTime!).sort((a, b) => a - b);
    const from = Math.floor(times[Math.floor(times.length / 4)]! / DAY) * DAY;
    const to = from + 10 * DAY;
    const data = await srv.ok<{ userErrorStats: StatsRow[] }>(
      `query($f: UserErrorFilter) { userErrorStats(filter: $f, interval: DAY) { dimensions { bucket } count } }`,
      { f: { startTime: { gte: iso(from), lt: iso(to) }, session: { country: { eq: 'Germany' } } } },
    );
    const expected = Array.from({ length: 10 }, (_, d) => [iso(from + d * DAY), errors.filter((e) => e.startTime! >= from + d * DAY && e.startTime! < from + (d + 1) * DAY).length]);
    expect(expected.some(([, n]) => (n as number) > 0)).toBe(true);
    expect(data.userErrorStats.map((r) => [r.dimensions.bucket, r.count])).toEqual(expected);
  });

  it('userEventStats groupBy TYPE (enum names) and PAGE, with a session filter', async () => {
    const events = read('user_events', ', c.page');
    expect(events.length, 'the data has events').toBeGreaterThan(20);
    const byType = await srv.ok<{ userEventStats: StatsRow[] }>('{ userEventStats(groupBy: [TYPE]) { dimensions { type } count sessions: countDistinct(field: SESSION) } }');
    expect(byType.userEventStats.map((r) => [r.dimensions.type, r.count, r.sessions])).toEqual(expectedGroups(events, (e) => [e.type], ([t]) => [t === null ? null : EVENT_TYPE[t as string]]));
    expect(byType.userEventStats.length).toBeGreaterThan(1);
    const data = await srv.ok<{ userEventStats: StatsRow[] }>(
      '{ userEventStats(groupBy: [PAGE], filter: { type: { eq: PAGE_CHANGE }, session: { country: { in: ["Germany", "France"] } } }) { dimensions { page type } count sessions: countDistinct(field: SESSION) } }',
    );
    const expected = expectedGroups(events.filter((e) => e.type === 'PageChange' && (e.country === 'Germany' || e.country === 'France')), (e) => [e.page]);
    expect(expected.length).toBeGreaterThan(2);
    expect(data.userEventStats.map((r) => [r.dimensions.page, r.dimensions.type, r.count, r.sessions])).toEqual(expected.map(([page, ...rest]) => [page, null, ...rest]));
  });

  it('the stats are aggregates (the heavy lane), the lists are not', () => {
    const fields = schema.getQueryType()!.getFields();
    for (const name of ['userEventStats', 'userErrorStats', 'syntheticEventStats', 'userActionStats']) expect(isAggregate(fields[name]), name).toBe(true);
    for (const name of ['userEvents', 'userErrors', 'syntheticEvents', 'userActions']) expect(isAggregate(fields[name]), name).toBe(false);
  });

  it('events and errors have no numeric fields: counts only, and a numeric aggregate is refused', async () => {
    const r = await srv.gql('{ userErrorStats(orderBy: [{ by: AVG, field: NAME }]) { count } }');
    expect(oneError(r).message).toMatch(/not a numeric field of UserError/);
  });
});

describe('groupByProperty', () => {
  it('userSessionStats groupByProperty "plan": one group per string value, NULL for sessions without it', async () => {
    const data = await srv.ok<{ userSessionStats: StatsRow[] }>(
      `query($f: UserSessionFilter) { userSessionStats(filter: $f, groupByProperty: "plan") { dimensions { property country } count avg(field: DURATION) } }`,
      { f: HM },
    );
    const planOf = (s: HmSession) => s.stringProperties.find((p) => p.key === 'plan')?.value ?? null;
    const expected = byCountThenKeys(groupRows(sessions, (s) => [planOf(s)]).values());
    expect(expected.map((g) => g.key[0]).sort(sqliteCompare)).toEqual([null, 'enterprise', 'free', 'pro']);
    expect(data.userSessionStats.map((r) => [r.dimensions.property, r.dimensions.country, r.count])).toEqual(
      expected.map((g) => [g.key[0], null, g.rows.length]),
    );
    data.userSessionStats.forEach((r, i) => expectClose(r.avg as number, avg(expected[i]!.rows.map((s) => s.duration)), 'avg'));
  });

  it('with groupBy COUNTRY as well', async () => {
    const data = await srv.ok<{ userSessionStats: StatsRow[] }>(
      `query($f: UserSessionFilter) { userSessionStats(filter: $f, groupBy: [COUNTRY], groupByProperty: "plan") { dimensions { property country } count } }`,
      { f: HM },
    );
    const planOf = (s: HmSession) => s.stringProperties.find((p) => p.key === 'plan')?.value ?? null;
    const expected = byCountThenKeys(groupRows(sessions, (s) => [s.country, planOf(s)]).values());
    expect(data.userSessionStats.map((r) => [r.dimensions.country, r.dimensions.property, r.count])).toEqual(
      expected.map((g) => [...g.key, g.rows.length]),
    );
  });

  it('a key that only has long values groups everything under NULL (only string properties count)', async () => {
    const data = await srv.ok<{ userSessionStats: StatsRow[] }>(
      `query($f: UserSessionFilter) { userSessionStats(filter: $f, groupByProperty: "seats") { dimensions { property } count } }`,
      { f: HM },
    );
    expect(sessions.some((s) => s.longProperties.length)).toBe(true);
    expect(data.userSessionStats).toEqual([{ dimensions: { property: null }, count: sessions.length }]);
  });

  it('userActionStats groupByProperty "variant"', async () => {
    const data = await srv.ok<{ userActionStats: StatsRow[] }>(
      `query($f: UserActionFilter) { userActionStats(filter: $f, groupByProperty: "variant") { dimensions { property } count } }`,
      { f: { session: HM } },
    );
    const all = sessions.flatMap((s) => s.userActions);
    const expected = byCountThenKeys(groupRows(all, (a) => [a.stringProperties.find((p) => p.key === 'variant')?.value ?? null]).values());
    expect(data.userActionStats.map((r) => [r.dimensions.property, r.count])).toEqual(expected.map((g) => [g.key[0], g.rows.length]));
  });
});

// ====================================================================== 5. funnel

describe('funnel', () => {
  type Step = (a: { name: string | null; type: string | null }) => boolean;
  /** Per session, the first match of each step strictly after the previous step's match. */
  function funnel(sessionActions: { name: string | null; type: string | null }[][], steps: Step[]): number[] {
    const reached = steps.map(() => 0);
    for (const actions of sessionActions) {
      let pos = -1;
      for (let k = 0; k < steps.length; k++) {
        const next = actions.findIndex((a, i) => i > pos && steps[k]!(a));
        if (next < 0) break;
        reached[k]!++;
        pos = next;
      }
    }
    return reached;
  }
  const named = (name: string): Step => (a) => a.name === name;
  const byName = (name: string) => ({ name: { eq: name } });
  const FUNNEL = `query($steps: [UserActionFilter!]!, $f: UserSessionFilter) { funnel(steps: $steps, filter: $f) { step sessions conversion } }`;

  function expectFunnel(actual: { step: number; sessions: number; conversion: number | null }[], expected: number[]): void {
    expect(actual.map((s) => [s.step, s.sessions])).toEqual(expected.map((n, i) => [i + 1, n]));
    actual.forEach((s, i) => expectClose(s.conversion, expected[0] ? expected[i]! / expected[0] : null, `conversion ${i + 1}`));
  }

  it('product → add to cart → checkout over the hm sessions', async () => {
    const steps = [ACTIONS.product, ACTIONS.cart, ACTIONS.checkout];
    const data = await srv.ok(FUNNEL, { steps: steps.map((s) => byName(s.name)), f: HM });
    const expected = funnel(sessions.map((s) => s.userActions), steps.map((s) => named(s.name)));
    expect(expected[2], 'some sessions finish the funnel').toBeGreaterThan(0);
    expect(expected[0]).toBeGreaterThan(expected[2]!);
    expectFunnel(data.funnel, expected);
  });

  it('with a session filter (two countries, not bounced)', async () => {
    const steps = [ACTIONS.home, ACTIONS.cart, ACTIONS.thanks];
    const f = { ...HM, country: { in: ['Austria', 'Germany'] }, bounce: { eq: false } };
    const data = await srv.ok(FUNNEL, { steps: steps.map((s) => byName(s.name)), f });
    const mine = sessions.filter((s) => (s.country === 'Austria' || s.country === 'Germany') && s.bounce === false);
    expectFunnel(data.funnel, funnel(mine.map((s) => s.userActions), steps.map((s) => named(s.name))));
  });

  it('a repeated step needs a second, later match', async () => {
    const data = await srv.ok(FUNNEL, { steps: [byName(ACTIONS.cart.name), byName(ACTIONS.cart.name), byName(ACTIONS.cart.name)], f: HM });
    const expected = funnel(sessions.map((s) => s.userActions), [named(ACTIONS.cart.name), named(ACTIONS.cart.name), named(ACTIONS.cart.name)]);
    expect(expected[0]).toBeGreaterThan(expected[1]!);
    expectFunnel(data.funnel, expected);
  });

  it('by action type over the whole store (raw SQL rows), no session filter', async () => {
    const rows = srv.raw.prepare('select session_pk as s, name, type from user_actions order by session_pk, seq').all() as {
      s: number;
      name: string | null;
      type: string | null;
    }[];
    const bySession = [...groupRows(rows, (r) => [r.s]).values()].map((g) => g.rows);
    const data = await srv.ok(FUNNEL, { steps: [{ type: { eq: 'LOAD' } }, { type: { eq: 'XHR' } }, { type: { eq: 'LOAD' } }] });
    const expected = funnel(bySession, [(a) => a.type === 'Load', (a) => a.type === 'Xhr', (a) => a.type === 'Load']);
    expect(expected[0]).toBeGreaterThan(300);
    expectFunnel(data.funnel, expected);
  });

  it('empty step filters match any action: sessions with at least 1, 2, 3 actions', async () => {
    const data = await srv.ok(FUNNEL, { steps: [{}, {}, {}], f: HM });
    expectFunnel(data.funnel, [1, 2, 3].map((n) => sessions.filter((s) => s.userActions.length >= n).length));
  });

  it('a step may filter on its session, too', async () => {
    const steps = [{ name: { eq: ACTIONS.product.name } }, { name: { eq: ACTIONS.cart.name }, session: { browserFamily: { eq: 'Chrome' } } }];
    const data = await srv.ok(FUNNEL, { steps, f: HM });
    const expected = funnel(
      sessions.map((s) => s.userActions.map((a) => ({ ...a, browser: s.browserFamily }))),
      [named(ACTIONS.product.name), (a) => a.name === ACTIONS.cart.name && (a as { browser?: string | null }).browser === 'Chrome'],
    );
    expect(expected[1]).toBeGreaterThan(0);
    expectFunnel(data.funnel, expected);
  });

  it('a first step nobody reaches: all zero, conversion null', async () => {
    const data = await srv.ok(FUNNEL, { steps: [byName('no such action'), byName(ACTIONS.cart.name)], f: HM });
    expect(data.funnel).toEqual([
      { step: 1, sessions: 0, conversion: null },
      { step: 2, sessions: 0, conversion: null },
    ]);
  });

  it.each([
    ['no steps', []],
    ['eleven steps', Array.from({ length: 11 }, () => byName(ACTIONS.cart.name))],
  ])('%s is a BAD_USER_INPUT error', async (_, steps) => {
    const error = oneError(await srv.gql(FUNNEL, { steps }));
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/1 to 10 steps/);
  });
});

// ====================================================================== 6. one statement per stats field

describe('one SQL statement per stats field', () => {
  it('many aggregates, orderBy, having, groupByProperty and a time zone: one statement (and the lookup of the time range the zone needs)', async () => {
    const r = await srv.gql(
      `query($f: UserSessionFilter) { userSessionStats(filter: $f, groupBy: [COUNTRY, BOUNCE], groupByProperty: "plan",
        interval: WEEK, timeZone: "Europe/Vienna",
        orderBy: [{ by: PERCENTILE, field: DURATION, p: 90 }, { dimension: COUNTRY, direction: ASC }],
        having: [{ aggregate: COUNT, gte: 1 }, { aggregate: AVG, field: BOUNCE, lte: 1 }]) {
        dimensions { country bounce bucket property } count avg(field: DURATION) sum(field: DURATION) min(field: DURATION)
        max(field: DURATION) median(field: DURATION) p95: percentile(field: DURATION, p: 95) p99: percentile(field: DURATION, p: 99)
        persons: countDistinct(field: PERSON) countries: countDistinct(field: COUNTRY) bounceRate: avg(field: BOUNCE) } }`,
      { f: HM },
    );
    expect(r.errors).toBeUndefined();
    expect((r.data as { userSessionStats: unknown[] }).userSessionStats.length).toBeGreaterThan(5);
    // Buckets in a time zone need the zone's offsets over the data's time range: without a
    // startTime range in the filter, one more statement reads its two ends off the index.
    expect(r.extensions.sql?.statements).toBe(2);
  });

  it('two stats fields: two statements; three: three', async () => {
    const two = await srv.gql(`{ userSessionStats(groupBy: [COUNTRY]) { count avg(field: DURATION) } recordingStats(groupBy: [SNAPSHOT_SOURCE], interval: DAY) { count } }`, undefined, {
      viewer: 'alice',
    });
    expect(two.errors).toBeUndefined();
    expect(two.extensions.sql?.statements).toBe(2);
    const three = await srv.gql(
      `{ a: userSessionStats(groupBy: [COUNTRY]) { count } b: userSessionStats(groupBy: [BROWSER_FAMILY]) { count } userActionStats(groupBy: [NAME]) { count sessions: countDistinct(field: SESSION) } }`,
    );
    expect(three.errors).toBeUndefined();
    expect(three.extensions.sql?.statements).toBe(3);
  });

  it('a funnel: one statement', async () => {
    const r = await srv.gql(
      `query($f: UserSessionFilter) { funnel(filter: $f, steps: [{ name: { eq: "Loading of page /product" } }, { type: { eq: XHR } }, { name: { startsWith: "Loading" } }]) { step sessions conversion } }`,
      { f: HM },
    );
    expect(r.errors).toBeUndefined();
    expect(r.extensions.sql?.statements).toBe(1);
  });
});

// ====================================================================== README

describe('README', () => {
  it('every dashboard example of the README runs without errors', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Dashboards'), readme.indexOf('## Recording lifecycle'));
    const examples = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThanOrEqual(5);
    const failures: string[] = [];
    for (const query of examples) {
      const r = await srv.gql(query);
      if (r.status !== 200 || r.errors?.length) failures.push(`${query.trim().split('\n').slice(0, 2).join(' ')} … → ${r.errors?.map((e) => e.message).join('; ')}`);
      else expect(r.extensions.sql?.statements).toBe(1);
    }
    expect(failures).toEqual([]);
  });
});
