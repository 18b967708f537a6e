/**
 * Requests whose cost grows with the data or with the arguments (issue 12, "Nothing bounds a
 * request"), through the real yoga server over HTTP, with its default read workers, over a real
 * SQLite file: each is refused before the expensive work with a BAD_USER_INPUT that says the
 * numbers, or answers what the straightforward computation answers. Every request is sent twice,
 * arguments written inline and as variables, and both must answer the same.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketStart, type Interval } from '../src/db/buckets.js';
import { openStore, type Store } from '../src/db/open.js';
import { importFile } from '../src/ingest/files.js';
import { seedStore } from '../src/seed/seed.js';
import { listen, type Running } from './helpers/security.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
interface Answer {
  data?: Json;
  errors?: { message: string; extensions?: { code?: string; argumentName?: string } }[];
  extensions?: { sql?: { statements: number } };
}

let store: Store;
let raw: Database.Database;
let server: Running;

/** Sessions around the DST changes of 2025 in America/New_York and Europe/Berlin, with actions. */
function dstSessions(): Json[] {
  const instants: number[] = [];
  const around = (iso: string) => {
    const t = Date.parse(iso);
    // Every 20 minutes from 30 h before to 30 h after the change.
    for (let m = -30 * 60; m <= 30 * 60; m += 20) instants.push(t + m * 60_000);
  };
  around('2025-03-09T07:00:00Z'); // New York: 02:00 EST → 03:00 EDT
  around('2025-11-02T06:00:00Z'); // New York: 02:00 EDT → 01:00 EST
  around('2025-03-30T01:00:00Z'); // Berlin: 02:00 CET → 03:00 CEST
  around('2025-10-26T01:00:00Z'); // Berlin: 03:00 CEST → 02:00 CET
  return instants.map((start, i) => ({
    tenantId: 'dst',
    userSessionId: `DST${String(i).padStart(6, '0')}`,
    startTime: start,
    endTime: start + 5 * 60_000,
    duration: 300_000,
    country: i % 3 ? 'Austria' : 'Germany',
    userActions: [0, 1, 2].map((k) => ({ name: `page /step${k}`, type: 'Load', startTime: start + k * 37_000, endTime: start + k * 37_000 + 1000, duration: 1000 })),
  }));
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sessiongraph-heavy-'));
  const file = join(dir, 'store.db');
  store = openStore(file);
  await seedStore(store, { persons: 30, seed: 5, end: new Date(Date.UTC(2026, 10, 30)) });
  const sessions = join(dir, 'dst.ndjson');
  writeFileSync(sessions, dstSessions().map((s) => JSON.stringify(s)).join('\n') + '\n');
  const summary = await importFile(store, sessions, { project: 'default' });
  expect(summary.rejected, JSON.stringify(summary.errors.slice(0, 3))).toBe(0);
  raw = new Database(file, { readonly: true, fileMustExist: true });
  server = await listen({ store, debugSql: true });
}, 60_000);

afterAll(async () => {
  await server?.close();
  raw?.close();
  store?.close();
});

async function post(query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as Answer;
}

/**
 * One root field, sent inline and with every argument as a variable (as typed clients and
 * gateways send them). Answers both; they must agree on data and errors.
 */
async function both(field: string, args: Record<string, [type: string, value: unknown, inline: string]>, selection: string): Promise<Answer> {
  const entries = Object.entries(args);
  const inline = await post(`{ ${field}(${entries.map(([name, [, , text]]) => `${name}: ${text}`).join(', ')}) ${selection} }`);
  const hoisted = await post(
    `query(${entries.map(([name, [type]]) => `$${name}: ${type}`).join(', ')}) { ${field}(${entries.map(([name]) => `${name}: $${name}`).join(', ')}) ${selection} }`,
    Object.fromEntries(entries.map(([name, [, value]]) => [name, value])),
  );
  expect(hoisted.data, 'the same data as variables as inline').toEqual(inline.data);
  expect(hoisted.errors?.map((e) => [e.message, e.extensions?.code]), 'the same errors as variables as inline').toEqual(inline.errors?.map((e) => [e.message, e.extensions?.code]));
  return inline;
}

function refused(answer: Answer): { message: string; extensions?: { code?: string; argumentName?: string } } {
  expect(answer.errors?.length, JSON.stringify(answer)).toBe(1);
  const [error] = answer.errors!;
  expect(error!.extensions?.code).toBe('BAD_USER_INPUT');
  return error!;
}

describe('filling empty time buckets is sized before anything is filled', () => {
  it('one series per session over 16 years of days: refused with series × buckets, after the one stats statement', async () => {
    const sessions = (raw.prepare("select count(*) as n from user_sessions where start_time >= ? and project = 'default'").get(Date.UTC(2010, 0, 1)) as { n: number }).n;
    const answer = await both(
      'userSessionStats',
      {
        groupBy: ['[UserSessionDimension!]', ['USER_SESSION_ID'], '[USER_SESSION_ID]'],
        interval: ['Interval', 'DAY', 'DAY'],
        filter: ['UserSessionFilter', { startTime: { gte: '2010-01-01T00:00:00Z' } }, '{ startTime: { gte: "2010-01-01T00:00:00Z" } }'],
      },
      '{ dimensions { userSessionId bucket } count }',
    );
    const error = refused(answer);
    // 2010-01-01 to the last session (2026-11-30, the seed's end): 6177 or 6178 days.
    expect(error.message).toMatch(new RegExp(`would fill ${sessions} series .*USER_SESSION_ID.* × 617\\d DAY buckets from 2010-01-01T00:00:00.000Z to 2026-1`));
    expect(error.message).toMatch(/= \d+ rows, more than 10000; narrow the startTime range/);
    expect(answer.extensions?.sql?.statements, 'only the stats statement ran').toBe(1);
  });

  it('more than 10000 buckets in the filter range alone: refused before any SQL, with the number', async () => {
    const answer = await both(
      'userSessionStats',
      {
        interval: ['Interval', 'MINUTE', 'MINUTE'],
        timeZone: ['String', 'Europe/Berlin', '"Europe/Berlin"'],
        filter: ['UserSessionFilter', { startTime: { gte: '2010-01-01T00:00:00Z', lt: '2026-01-01T00:00:00Z' } }, '{ startTime: { gte: "2010-01-01T00:00:00Z", lt: "2026-01-01T00:00:00Z" } }'],
      },
      '{ count }',
    );
    const error = refused(answer);
    expect(error.message).toMatch(/more than 10000 buckets \(8415360 MINUTE buckets from 2010-01-01T00:00:00.000Z to 2026-01-01T00:00:00.000Z\)/);
    expect(answer.extensions?.sql?.statements).toBe(0);
  });

  it('a series that fits is still filled (series × buckets ≤ 10000)', async () => {
    const answer = await both(
      'userSessionStats',
      {
        groupBy: ['[UserSessionDimension!]', ['COUNTRY'], '[COUNTRY]'],
        interval: ['Interval', 'DAY', 'DAY'],
        filter: ['UserSessionFilter', { startTime: { gte: '2026-11-01T00:00:00Z', lt: '2026-12-01T00:00:00Z' } }, '{ startTime: { gte: "2026-11-01T00:00:00Z", lt: "2026-12-01T00:00:00Z" } }'],
      },
      '{ dimensions { country bucket } count }',
    );
    expect(answer.errors).toBeUndefined();
    const countries = raw.prepare("select count(distinct coalesce(country, '')) as n from user_sessions where start_time >= ? and start_time < ?").get(Date.UTC(2026, 10, 1), Date.UTC(2026, 11, 1)) as { n: number };
    expect(answer.data.userSessionStats).toHaveLength(countries.n * 30);
  });
});

describe('buckets in a time zone are computed in SQL and equal the JavaScript reference (bucketStart) across DST changes', () => {
  /** Expected rows of a series with `having: COUNT >= 1` (no filling): every non-empty bucket in time order, with its count. */
  function expectedBuckets(table: 'user_sessions' | 'user_actions', interval: Interval, timeZone: string, from?: number, to?: number): [string | null, number][] {
    const where = table === 'user_sessions' ? "tenant_id = 'dst'" : "session_pk in (select pk from user_sessions where tenant_id = 'dst')";
    const rows = raw.prepare(`select start_time as t from ${table} where project = 'default' and ${where}`).all() as { t: number }[];
    const counts = new Map<number, number>();
    for (const { t } of rows) {
      if ((from != null && t < from) || (to != null && t >= to)) continue;
      const b = bucketStart(t, interval, timeZone);
      counts.set(b, (counts.get(b) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => a[0] - b[0]).map(([b, n]) => [new Date(b).toISOString(), n]);
  }

  const DAYS = [
    ['America/New_York', 'spring forward', '2025-03-08T00:00:00Z', '2025-03-11T00:00:00Z'],
    ['America/New_York', 'fall back', '2025-11-01T00:00:00Z', '2025-11-04T00:00:00Z'],
    ['Europe/Berlin', 'spring forward', '2025-03-29T00:00:00Z', '2025-04-01T00:00:00Z'],
    ['Europe/Berlin', 'fall back', '2025-10-25T00:00:00Z', '2025-10-28T00:00:00Z'],
  ] as const;

  it.each(DAYS.flatMap(([zone, change, gte, lt]) => (['HOUR', 'DAY'] as const).map((interval) => [zone, change, interval, gte, lt] as const)))(
    'userSessionStats in %s (%s), %s buckets',
    async (zone, _change, interval, gte, lt) => {
      const answer = await both(
        'userSessionStats',
        {
          interval: ['Interval', interval, interval],
          timeZone: ['String', zone, JSON.stringify(zone)],
          filter: ['UserSessionFilter', { tenantId: { eq: 'dst' }, startTime: { gte, lt } }, `{ tenantId: { eq: "dst" }, startTime: { gte: "${gte}", lt: "${lt}" } }`],
          having: ['[UserSessionStatsCondition!]', [{ aggregate: 'COUNT', gte: 1 }], '[{ aggregate: COUNT, gte: 1 }]'],
        },
        '{ dimensions { bucket } count }',
      );
      expect(answer.errors).toBeUndefined();
      const expected = expectedBuckets('user_sessions', interval.toLowerCase() as Interval, zone, Date.parse(gte), Date.parse(lt));
      expect(expected.length).toBeGreaterThan(interval === 'HOUR' ? 50 : 2);
      expect(answer.data.userSessionStats.map((r: Json) => [r.dimensions.bucket, r.count])).toEqual(expected);
    },
  );

  it.each([
    ['America/New_York', 'MINUTE'],
    ['Europe/Berlin', 'HOUR'],
    ['America/New_York', 'DAY'],
    ['Europe/Berlin', 'WEEK'],
    ['America/New_York', 'MONTH'],
  ] as const)('userActionStats in %s, %s buckets, over the whole data (no startTime range)', async (zone, interval) => {
    const answer = await both(
      'userActionStats',
      {
        interval: ['Interval', interval, interval],
        timeZone: ['String', zone, JSON.stringify(zone)],
        filter: ['UserActionFilter', { name: { startsWith: 'page /step' } }, '{ name: { startsWith: "page /step" } }'],
        first: ['Int', 10000, '10000'],
      },
      '{ dimensions { bucket } count }',
    );
    expect(answer.errors).toBeUndefined();
    const expected = expectedBuckets('user_actions', interval.toLowerCase() as Interval, zone);
    expect(answer.data.userActionStats.map((r: Json) => [r.dimensions.bucket, r.count])).toEqual(expected);
  });

  it('a filled series over the day New York falls back: 25 hours, the repeated 01:00 twice', async () => {
    const answer = await both(
      'userSessionStats',
      {
        interval: ['Interval', 'HOUR', 'HOUR'],
        timeZone: ['String', 'America/New_York', '"America/New_York"'],
        filter: ['UserSessionFilter', { tenantId: { eq: 'dst' }, startTime: { gte: '2025-11-02T04:00:00Z', lt: '2025-11-03T05:00:00Z' } }, '{ tenantId: { eq: "dst" }, startTime: { gte: "2025-11-02T04:00:00Z", lt: "2025-11-03T05:00:00Z" } }'],
      },
      '{ dimensions { bucket } count }',
    );
    expect(answer.errors).toBeUndefined();
    const buckets = answer.data.userSessionStats.map((r: Json) => r.dimensions.bucket);
    expect(buckets).toHaveLength(25);
    expect(buckets.slice(0, 3)).toEqual(['2025-11-02T04:00:00.000Z', '2025-11-02T05:00:00.000Z', '2025-11-02T06:00:00.000Z']);
    const counts = new Map(expectedBuckets('user_sessions', 'hour', 'America/New_York', Date.parse('2025-11-02T04:00:00Z'), Date.parse('2025-11-03T05:00:00Z')));
    expect(answer.data.userSessionStats.map((r: Json) => r.count)).toEqual(buckets.map((b: string) => counts.get(b) ?? 0));
  });
});

describe('funnels read each action about once, and answer as before', () => {
  interface Action {
    session: number;
    name: string | null;
    type: string | null;
    duration: number | null;
  }
  type Step = (a: Action) => boolean;
  /** ASCII-case-insensitive, as LIKE. */
  const contains = (text: string): Step => (a) => a.name != null && a.name.toLowerCase().includes(text.toLowerCase());

  /**
   * The funnel's meaning, straight from its description: per session (of the filter), step 1 is
   * its first matching action, each further step its first matching action after the previous
   * step's, in session order.
   */
  function reference(steps: Step[], sessionWhere = '1'): number[] {
    const sessions = new Set((raw.prepare(`select pk from user_sessions where project = 'default' and ${sessionWhere}`).all() as { pk: number }[]).map((r) => r.pk));
    const actions = raw.prepare("select session_pk as session, name, type, duration from user_actions where project = 'default' order by session_pk, seq").all() as Action[];
    const reached = steps.map(() => 0);
    let session = -1;
    let next = 0;
    for (const action of actions) {
      if (action.session !== session) {
        session = action.session;
        next = 0;
      }
      if (!sessions.has(session) || next >= steps.length || !steps[next]!(action)) continue;
      reached[next++]!++;
    }
    return reached;
  }

  const LETTERS = ['a', 'e', 'o', 'i', 'page', 'click', '/', 'n', 's', 't'];

  it.each([
    ['ten `contains` steps', LETTERS.map((l) => ({ name: { contains: l } })), LETTERS.map(contains), '1', undefined],
    [
      'three steps over German sessions',
      [{ name: { contains: 'PAGE' } }, { type: { eq: 'XHR' } }, { name: { contains: 'page' } }],
      [contains('page'), (a: Action) => a.type === 'Xhr', contains('page')],
      "country = 'Germany'",
      { country: { eq: 'Germany' } },
    ],
    [
      'the same step three times: three different actions',
      [0, 1, 2].map(() => ({ name: { startsWith: 'page /step' } })),
      [0, 1, 2].map(() => (a: Action) => a.name?.startsWith('page /step') ?? false),
      '1',
      undefined,
    ],
    ['a step no action matches', [{ duration: { gte: 0 } }, { name: { eq: 'no such action' } }, { duration: { gte: 0 } }], [(a: Action) => a.duration != null && a.duration >= 0, () => false, () => true], '1', undefined],
  ] as const)('%s', async (_name, steps, predicates, sessionWhere, filter) => {
    const inlineSteps = JSON.stringify(steps).replace(/"(\w+)":/g, '$1: ').replace(/"(XHR)"/g, '$1');
    const args: Record<string, [string, unknown, string]> = { steps: ['[UserActionFilter!]!', steps, inlineSteps] };
    if (filter) args.filter = ['UserSessionFilter', filter, JSON.stringify(filter).replace(/"(\w+)":/g, '$1: ')];
    const answer = await both('funnel', args, '{ step sessions conversion }');
    expect(answer.errors).toBeUndefined();
    const expected = reference(predicates as unknown as Step[], sessionWhere);
    expect(expected[0]).toBeGreaterThan(0);
    expect(answer.data.funnel).toEqual(expected.map((sessions, i) => ({ step: i + 1, sessions, conversion: sessions / expected[0]! })));
    expect(answer.extensions?.sql?.statements).toBe(1);
  });

  it('eleven steps are refused, with the limit', async () => {
    const answer = await both('funnel', { steps: ['[UserActionFilter!]!', LETTERS.concat('x').map((l) => ({ name: { contains: l } })), `[${LETTERS.concat('x').map((l) => `{ name: { contains: "${l}" } }`).join(', ')}]`] }, '{ step }');
    expect(refused(answer).message).toMatch(/1 to 10 steps \(got 11\)/);
  });
});
