/**
 * Small hand-made data sets in the products' wire shapes, with known values: Dynatrace sessions
 * (tenant "hm") spread over days with gaps, around midnight UTC and across the Vienna DST change;
 * actions with chosen names/types for funnels; PostHog persons and recordings relative to now.
 */
import { DAY, HOUR, MINUTE } from './expected.js';

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

export const TENANT = 'hm';

export interface HmAction {
  name: string;
  type: 'Load' | 'Xhr' | 'Custom';
  apdexCategory: 'SATISFIED' | 'TOLERATING' | 'FRUSTRATED' | null;
  keyUserAction: boolean | null;
  largestContentfulPaint: number | null;
  duration: number;
  startTime: number;
  stringProperties: { key: string; value: string }[];
}

export interface HmSession {
  tenantId: string;
  userSessionId: string;
  startTime: number;
  endTime: number | null;
  duration: number | null;
  country: string | null;
  browserFamily: string | null;
  bounce: boolean | null;
  newUser: boolean | null;
  userId: string | null;
  stringProperties: { key: string; value: string }[];
  longProperties: { key: string; value: number }[];
  userActions: HmAction[];
}

export const ACTIONS = {
  home: { name: 'Loading of page /home', type: 'Load' },
  product: { name: 'Loading of page /product', type: 'Load' },
  cart: { name: 'click on "Add to cart"', type: 'Xhr' },
  checkout: { name: 'click on "Checkout"', type: 'Xhr' },
  thanks: { name: 'Loading of page /thank-you', type: 'Load' },
  tag: { name: 'hm tag', type: 'Custom' },
} as const;

/** The persons behind the "hm" user ids: u10–u14 have none. */
export const HM_PERSONS = [
  { id: 5001, uuid: 'hm-person-1', name: 'Hm One', distinct_ids: ['u1', 'u2'] },
  { id: 5002, uuid: 'hm-person-2', name: 'Hm Two', distinct_ids: ['u3'] },
  { id: 5003, uuid: 'hm-person-3', name: 'Hm Three', distinct_ids: ['u4', 'u5', 'u6'] },
  { id: 5004, uuid: 'hm-person-4', name: 'Hm Four', distinct_ids: ['u7'] },
  { id: 5005, uuid: 'hm-person-5', name: 'Hm Five', distinct_ids: ['u8', 'u9'] },
].map((p) => ({ ...p, properties: {}, created_at: '2025-01-01T00:00:00Z' }));

export const personOfUserId = (userId: string | null): string | null =>
  userId === null ? null : (HM_PERSONS.find((p) => p.distinct_ids.includes(userId))?.uuid ?? null);

/** Days with data (UTC); Mar 27, Mar 28 and Apr 3 are empty. Vienna switches to summer time on Mar 30. */
export const HM_DAYS = ['2025-03-24', '2025-03-25', '2025-03-26', '2025-03-29', '2025-03-30', '2025-03-31', '2025-04-01', '2025-04-02', '2025-04-04', '2025-04-05', '2025-04-06'];
export const HM_RANGE = { gte: '2025-03-24T00:00:00.000Z', lt: '2025-04-07T00:00:00.000Z' };

const COUNTRIES = ['Austria', 'Austria', 'Germany', 'Germany', 'Germany', 'France', 'Japan', 'Brazil', 'Canada'];

export function hmSessions(): HmSession[] {
  const r = rng(20250324);
  const sessions: HmSession[] = [];
  const make = (id: string, start: number, over: Partial<HmSession> = {}): HmSession => {
    const duration = r.chance(0.06) ? null : r.int(1_000, 900_000);
    const actions: HmAction[] = [];
    const n = r.int(0, 7);
    for (let i = 0; i < n; i++) {
      const a = r.pick([ACTIONS.home, ACTIONS.product, ACTIONS.product, ACTIONS.cart, ACTIONS.cart, ACTIONS.checkout, ACTIONS.thanks, ACTIONS.tag]);
      actions.push({
        ...a,
        apdexCategory: r.pick(['SATISFIED', 'SATISFIED', 'TOLERATING', 'FRUSTRATED', null] as const),
        keyUserAction: r.pick([true, false, false, null]),
        largestContentfulPaint: r.chance(0.2) ? null : r.int(200, 6000),
        duration: r.int(10, 5000),
        startTime: start + i * 7_000,
        stringProperties: r.chance(0.5) ? [{ key: 'variant', value: r.pick(['A', 'B']) }] : [],
      });
    }
    return {
      tenantId: TENANT,
      userSessionId: id,
      startTime: start,
      endTime: duration === null ? null : start + duration,
      duration,
      country: r.chance(0.06) ? null : r.pick(COUNTRIES),
      browserFamily: r.chance(0.05) ? null : r.pick(['Chrome', 'Chrome', 'Firefox', 'Safari']),
      bounce: r.chance(0.05) ? null : r.chance(0.35),
      newUser: r.chance(0.5),
      userId: r.chance(0.15) ? null : `u${r.int(1, 14)}`,
      stringProperties: r.chance(0.3) ? [] : [{ key: 'plan', value: r.pick(['free', 'free', 'pro', 'enterprise']) }],
      longProperties: r.chance(0.5) ? [{ key: 'seats', value: r.int(1, 50) }] : [],
      userActions: actions,
      ...over,
    };
  };
  let i = 0;
  for (const day of HM_DAYS) {
    const midnight = Date.parse(`${day}T00:00:00Z`);
    for (let k = r.int(6, 14); k > 0; k--) sessions.push(make(`s${++i}`, midnight + r.int(6 * 60, 20 * 60) * MINUTE + r.int(0, 59_999)));
  }
  // Around midnight: UTC and Vienna disagree on the day (UTC+1 before Mar 30, UTC+2 after).
  sessions.push(make('edge-2330-winter', Date.parse('2025-03-25T23:30:00Z'), { country: 'Austria' })); // Vienna: Mar 26 00:30
  sessions.push(make('edge-2230-winter', Date.parse('2025-03-25T22:30:00Z'), { country: 'Austria' })); // Vienna: Mar 25 23:30
  sessions.push(make('edge-2230-summer', Date.parse('2025-03-31T22:30:00Z'), { country: 'Austria' })); // Vienna: Apr 1 00:30
  sessions.push(make('edge-2330-last', Date.parse('2025-04-06T23:30:00Z'), { country: 'Austria' })); // Vienna: Apr 7 01:30
  sessions.push(make('edge-0030', Date.parse('2025-04-02T00:30:00Z'), { country: 'Austria' })); // Vienna: Apr 2 02:30
  // Outside the range: a month before, for interval without a filter range and for MONTH.
  sessions.push(make('early', Date.parse('2025-02-10T12:00:00Z'), { country: 'Japan' }));
  // Vienna leaves summer time on Oct 26 at 01:00 UTC: the local hour 02:00–03:00 happens twice.
  sessions.push(make('dst-fall-before', Date.parse('2025-10-25T23:10:00Z'), { country: 'Austria' })); // 01:10 CEST
  sessions.push(make('dst-fall-cest', Date.parse('2025-10-26T00:30:00Z'), { country: 'Austria' })); // 02:30 CEST
  sessions.push(make('dst-fall-cet', Date.parse('2025-10-26T01:30:00Z'), { country: 'Austria' })); // 02:30 CET
  sessions.push(make('dst-fall-after', Date.parse('2025-10-26T02:45:00Z'), { country: 'Austria' })); // 03:45 CET
  return sessions;
}

/** A session in Dynatrace's export shape. */
export function sessionRecord(s: HmSession): Record<string, unknown> {
  const { userActions, ...rest } = s;
  return {
    ...rest,
    userActions: userActions.map((a) => ({ ...a, endTime: a.startTime + a.duration })),
  };
}

// ------------------------------------------------------------------ recordings relative to now

export interface HmRecording {
  id: string;
  distinct_id: string | null;
  viewed: boolean;
  viewers: string[];
  recording_duration: number;
  click_count: number | null;
  active_seconds: number | null;
  start_time: string;
  end_time: string | null;
  snapshot_source: string | null;
  retention_period_days: number | null;
  activity_score: number | null;
  start_url: string;
}

export function hmRecordings(now: number): HmRecording[] {
  const r = rng(77);
  const out: HmRecording[] = [];
  for (let i = 1; i <= 40; i++) {
    const expired = i > 36; // started 45 days ago with the default 30-day retention
    const ongoing = !expired && i % 6 === 0;
    const start = expired ? now - 45 * DAY - r.int(0, 10) * HOUR : ongoing ? now - 20 * MINUTE : now - r.int(1, 20) * DAY - r.int(0, 23) * HOUR;
    const duration = r.int(5, 3600);
    out.push({
      id: `rs-${i}`,
      distinct_id: r.chance(0.15) ? null : `u${r.int(1, 14)}`,
      viewed: r.chance(0.4),
      viewers: ['alice', 'bob', 'carol'].filter(() => r.chance(0.4)),
      recording_duration: duration,
      click_count: r.chance(0.1) ? null : r.int(0, 200),
      active_seconds: r.int(0, duration),
      start_time: new Date(start).toISOString(),
      end_time: ongoing ? new Date(now - MINUTE).toISOString() : new Date(start + duration * 1000).toISOString(),
      snapshot_source: r.pick(['web', 'web', 'mobile', null]),
      retention_period_days: expired ? null : r.pick([null, 30, 90]),
      activity_score: r.int(0, 10000) / 100,
      start_url: r.pick(['https://example.com/', 'https://example.com/pricing']),
    });
  }
  return out;
}
