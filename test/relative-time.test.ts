/**
 * Relative time in filters (issue 16): `sinceStartOf` and `previous` a calendar period in a time
 * zone, resolved from the request's moment. relative-time.ndjson holds nine sessions, A–I, placed
 * on the edges that tell a correct calendar from a naive one: the start of October in Vienna
 * (summer time, UTC+2), its end (winter time, UTC+1: the 25th had 25 hours), and the days around
 * the pinned moment NOW = 2026-11-04T00:03Z (Wednesday 01:03 in Vienna, Tuesday 19:03 in New York,
 * whose clocks went back on November 1). The expected sets below are written from those UTC
 * instants by hand, not computed by the code under test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, startServer, type TestServer } from './graphql-helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ fixtures: ['relative-time.ndjson'] });
});
afterAll(async () => {
  await server?.close();
});

/** The sessions (by letter) a startTime filter selects, in time order. */
async function sessions(startTime: Record<string, unknown>): Promise<string> {
  const data = await server.ok('query($f: UserSessionFilter) { userSessions(filter: $f, orderBy: [{ field: START_TIME }]) { totalCount nodes { city } } }', {
    f: { startTime },
  });
  const letters = (data.userSessions.nodes as { city: string }[]).map((n) => n.city.replace('Session ', ''));
  expect(data.userSessions.totalCount).toBe(letters.length);
  return letters.join('');
}

describe('relative time: calendar periods in a time zone, from the moment of the request', () => {
  it('the pinned moment is the one the expectations are written for', () => {
    expect(NOW.toISOString()).toBe('2026-11-04T00:03:00.000Z');
  });

  it.each([
    // Vienna: October is 2026-09-30T22:00Z (CEST) to 2026-10-31T23:00Z (CET) — B, C (the 25-hour day), D; not A, not E.
    ['previous MONTH in Vienna (31 days and an hour, across the change to winter time)', { previous: 'MONTH', timeZone: 'Europe/Vienna' }, 'BCD'],
    // In UTC October is 10-01T00:00Z to 11-01T00:00Z: E (23:30Z on the 31st) is in, B is not.
    ['previous MONTH in UTC (the default zone)', { previous: 'MONTH' }, 'CDE'],
    ['sinceStartOf MONTH in Vienna: from 10-31T23:00Z to the request, not after it', { sinceStartOf: 'MONTH', timeZone: 'Europe/Vienna' }, 'EFGH'],
    ['previous DAY in Vienna ("yesterday": Tuesday, 11-02T23:00Z to 11-03T23:00Z)', { previous: 'DAY', timeZone: 'Europe/Vienna' }, 'F'],
    ['sinceStartOf DAY in Vienna ("today": from 11-03T23:00Z)', { sinceStartOf: 'DAY', timeZone: 'Europe/Vienna' }, 'GH'],
    ['sinceStartOf DAY in UTC: from 11-04T00:00Z', { sinceStartOf: 'DAY' }, 'H'],
    // New York, Tuesday 19:03 EST: today began 11-03T05:00Z; yesterday (Monday) 11-02T05:00Z.
    ['sinceStartOf DAY in New York', { sinceStartOf: 'DAY', timeZone: 'America/New_York' }, 'GH'],
    ['previous DAY in New York', { previous: 'DAY', timeZone: 'America/New_York' }, 'F'],
    // Weeks start on Monday: this week in Vienna from Monday 11-02 00:00 CET = 11-01T23:00Z.
    ['previous WEEK in Vienna (Monday 10-26 to Monday 11-02)', { previous: 'WEEK', timeZone: 'Europe/Vienna' }, 'DE'],
    ['sinceStartOf WEEK in Vienna', { sinceStartOf: 'WEEK', timeZone: 'Europe/Vienna' }, 'FGH'],
    ['previous HOUR in UTC (23:00Z to 00:00Z)', { previous: 'HOUR' }, 'G'],
    ['with an absolute bound as well: previous MONTH in Vienna and before October 31', { previous: 'MONTH', timeZone: 'Europe/Vienna', lt: '2026-10-31T00:00:00Z' }, 'BC'],
  ])('%s', async (_, startTime, expected) => {
    expect(await sessions(startTime)).toBe(expected);
  });

  it('the nine sessions are all stored, and the one after the request is in no relative period', async () => {
    expect(await sessions({ gte: '2026-01-01T00:00:00Z' })).toBe('ABCDEFGHI');
    expect(await sessions({ gt: NOW.toISOString() })).toBe('I');
  });

  it('stats fill the buckets of the period: October in Vienna is 31 day buckets, and the 25th holds C', async () => {
    const data = await server.ok(
      `query($f: UserSessionFilter) {
        userSessionStats(filter: $f, interval: DAY, timeZone: "Europe/Vienna") { count dimensions { bucket } }
      }`,
      { f: { startTime: { previous: 'MONTH', timeZone: 'Europe/Vienna' } } },
    );
    const groups = (data.userSessionStats as { count: number; dimensions: { bucket: string } }[]).map((g) => ({ bucket: g.dimensions.bucket, count: g.count }));
    expect(groups).toHaveLength(31);
    expect(groups[0]!.bucket).toBe('2026-09-30T22:00:00.000Z');
    expect(groups.at(-1)!.bucket).toBe('2026-10-30T23:00:00.000Z');
    const counted = Object.fromEntries(groups.filter((g) => g.count > 0).map((g) => [g.bucket, g.count]));
    expect(counted).toEqual({ '2026-09-30T22:00:00.000Z': 1, '2026-10-24T22:00:00.000Z': 1, '2026-10-30T23:00:00.000Z': 1 });
  });

  it('a custom date property and a child list take the same operators', async () => {
    // Every fixture session carries the date property signup_date 2025-01-15 or promo_until 2025-11-30: neither is in 2026's Octobers.
    const data = await server.ok(
      `{
        none: userSessions(filter: { property: [{ key: "signup_date", date: { previous: MONTH, timeZone: "Europe/Vienna" } }] }) { totalCount }
        actions: userActions(filter: { startTime: { previous: DAY, timeZone: "Europe/Vienna" } }) { totalCount nodes { session { city } } }
      }`,
    );
    expect(data.none.totalCount).toBe(0);
    expect(new Set((data.actions.nodes as { session: { city: string } }[]).map((n) => n.session.city))).toEqual(new Set(['Session F']));
  });

  it('a time zone alone, or an unknown one, is refused with its path; so is an unknown period', async () => {
    const query = 'query($f: UserSessionFilter) { userSessions(filter: $f) { totalCount } }';
    const alone = await server.gql(query, { f: { startTime: { timeZone: 'Europe/Vienna' } } });
    expect(alone.errors?.[0]?.message).toMatch(/"startTime\.timeZone".*applies to sinceStartOf and previous/);
    expect(alone.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await server.gql(query, { f: { startTime: { sinceStartOf: 'DAY', timeZone: 'Mars/Olympus_Mons' } } });
    expect(unknown.errors?.[0]?.message).toMatch(/"startTime\.timeZone".*unknown time zone "Mars\/Olympus_Mons"/);
    const period = await server.gql(query, { f: { startTime: { previous: 'FORTNIGHT' } } });
    expect(period.errors?.[0]?.message).toMatch(/FORTNIGHT/);
  });
});
