/**
 * Hand-made data for the recording lifecycle: persons, recordings with chosen start/end times,
 * retention, viewers and activity inputs (relative to `now`), and sessions with everything nested.
 */
import { DAY, HOUR, MINUTE } from './expected.js';

export const LC_PERSONS = [
  { id: 9001, uuid: 'lc-erase', name: 'Erase Me', distinct_ids: ['e-1', 'e-2', 'e-3'], properties: { email: 'erase@example.com' } },
  { id: 9002, uuid: 'lc-keep', name: 'Keep Me', distinct_ids: ['k-1', 'k-2'], properties: {} },
  { id: 9003, uuid: 'lc-rec-only', name: 'Recordings Only', distinct_ids: ['r-1'], properties: {} },
];

export type WireRecording = Record<string, unknown> & { id: string };

export interface LcTimes {
  now: number;
  today: number; // UTC midnight of today
}

const isoOf = (ms: number) => new Date(ms).toISOString();

/** Recordings by id, in PostHog's wire shape. */
export function lcRecordings({ now, today }: LcTimes): Record<string, WireRecording> {
  const base = (id: string, start: number | null, durationS: number, extra: Record<string, unknown> = {}): WireRecording => ({
    id,
    distinct_id: null,
    viewed: false,
    viewers: [],
    recording_duration: durationS,
    active_seconds: Math.floor(durationS / 2),
    click_count: 3,
    keypress_count: 4,
    mouse_activity_count: 10,
    console_log_count: 1,
    console_warn_count: 0,
    console_error_count: 0,
    ...(start === null ? {} : { start_time: isoOf(start), end_time: isoOf(start + durationS * 1000) }),
    start_url: 'https://example.com/',
    snapshot_source: 'web',
    activity_score: 50,
    ...extra,
  });
  const list: WireRecording[] = [
    // viewed / viewers
    base('lc-view-1', now - 2 * DAY, 60, { distinct_id: 'k-1', viewers: ['carol'] }),
    base('lc-view-2', now - 2 * DAY + HOUR, 60, { distinct_id: 'k-1', viewed: true }),
    base('lc-view-3', now - 2 * DAY + 2 * HOUR, 60, { distinct_id: 'k-1' }),
    // deleting
    base('lc-del-1', now - 3 * DAY, 30, { viewers: ['bob', 'carol'] }),
    base('lc-del-2', now - 3 * DAY, 30),
    base('lc-del-3', now - 3 * DAY, 30),
    base('lc-del-4', now - 3 * DAY, 30),
    // retention: the source's expiry and TTL as given; else expiry = UTC start day + retention days
    // (30 when null) and the TTL counts UTC midnights to it
    base('lc-ret-null', today - DAY + 23 * HOUR + 59 * MINUTE + 30_000, 20, { retention_period_days: null }),
    base('lc-ret-7', today - 2 * DAY + 10_000, 20, { retention_period_days: 7 }),
    base('lc-ret-90', today - 40 * DAY + 12 * HOUR, 20, { retention_period_days: 90 }),
    base('lc-ret-src', today - 40 * DAY + 6 * HOUR, 20, { expiry_time: isoOf(today + 100 * DAY), recording_ttl: 77 }),
    base('lc-exp-1', today - 40 * DAY + 6 * HOUR, 20, { distinct_id: 'k-2' }),
    base('lc-exp-2', today - 10 * DAY + 6 * HOUR, 20, { distinct_id: 'e-2', retention_period_days: 7, viewers: ['alice'] }),
    base('lc-nostart', null, 20, { expiry_time: isoOf(today + 5 * DAY) }),
    // ongoing: the source's flag as given; else last data under five minutes old
    { ...base('lc-ongoing', now - 20 * MINUTE, 60), end_time: isoOf(now - MINUTE), distinct_id: 'r-1' },
    { ...base('lc-stale', now - 2 * HOUR, 60), end_time: isoOf(now - 10 * MINUTE) },
    { ...base('lc-noend', now - 3 * HOUR, 60), end_time: null },
    { ...base('lc-src-ongoing', now - 2 * HOUR, 60), end_time: isoOf(now - 10 * MINUTE), ongoing: true },
    { ...base('lc-src-done', now - 20 * MINUTE, 60), end_time: isoOf(now - MINUTE), ongoing: false },
    base('lc-r-old', now - 5 * DAY, 100, { distinct_id: 'r-1' }),
    // activity score
    base('lc-score-given', now - DAY, 100, { activity_score: 42.5 }),
    base('lc-score-fallback', now - DAY, 600, {
      activity_score: undefined,
      active_seconds: 120,
      click_count: 30,
      keypress_count: 50,
      console_error_count: 2,
      mouse_activity_count: 400,
      console_log_count: 10,
      console_warn_count: 3,
    }),
    base('lc-score-partial', now - DAY, 33, {
      activity_score: undefined,
      active_seconds: 7,
      click_count: null,
      keypress_count: 3,
      console_error_count: null,
      mouse_activity_count: null,
      console_log_count: 5,
      console_warn_count: null,
    }),
    base('lc-score-none', now - DAY, 33, { activity_score: undefined, active_seconds: null, click_count: null, keypress_count: null }),
    base('lc-score-zero', now - DAY, 0, {
      activity_score: undefined,
      active_seconds: 0,
      click_count: 0,
      keypress_count: 0,
      console_error_count: 0,
      mouse_activity_count: 0,
      console_log_count: 0,
      console_warn_count: 0,
    }),
    // the person to erase, and the one to keep
    base('lc-e-1', now - 4 * DAY, 50, { distinct_id: 'e-1' }),
    base('lc-e-2', now - 4 * DAY, 50, { distinct_id: 'e-3', viewers: ['alice', 'bob'] }),
    base('lc-k-1', now - 3 * HOUR - 40_000, 40, { distinct_id: 'k-1' }), // ends 3 h ago
  ];
  return Object.fromEntries(list.map((r) => [r.id, JSON.parse(JSON.stringify(r)) as WireRecording]));
}

/** The activity score PostHog computes, from the wire fields (absent counts as 0). */
export function expectedActivityScore(r: WireRecording): number | null {
  const n = (k: string) => (typeof r[k] === 'number' ? (r[k] as number) : 0);
  if (r.active_seconds == null && r.click_count == null && r.keypress_count == null) return null;
  const activity = n('active_seconds') + n('click_count') + n('keypress_count') + n('console_error_count');
  const total = n('mouse_activity_count') + n('recording_duration') + n('console_error_count') + n('console_log_count') + n('console_warn_count');
  if (total === 0) return 0;
  return Math.round((activity / total) * 100 * 100) / 100;
}

export interface LcSession {
  tenantId: string;
  userSessionId: string;
  partNumber: number;
  startTime: number;
  endTime: number;
  duration: number;
  userId: string | null;
  country: string;
  stringProperties: { key: string; value: string }[];
  longProperties: { key: string; value: number }[];
  userActions: Record<string, unknown>[];
  events: Record<string, unknown>[];
  errors: Record<string, unknown>[];
  syntheticEvents: Record<string, unknown>[];
}

export function lcSessions({ now }: LcTimes): LcSession[] {
  const session = (id: string, part: number, userId: string | null, start: number, end: number, n: { actions: number; events: number; errors: number; synthetic: number }): LcSession => ({
    tenantId: 'lc',
    userSessionId: id,
    partNumber: part,
    startTime: start,
    endTime: end,
    duration: end - start,
    userId,
    country: 'Austria',
    stringProperties: [{ key: 'plan', value: 'pro' }],
    longProperties: [{ key: 'seats', value: 3 }],
    userActions: Array.from({ length: n.actions }, (_, i) => ({
      name: `action ${i}`,
      type: 'Load',
      startTime: start + i * 1000,
      duration: 100,
      stringProperties: [{ key: 'variant', value: 'A' }],
      longProperties: [{ key: 'items', value: i }],
    })),
    events: Array.from({ length: n.events }, (_, i) => ({ type: 'PageChange', name: `event ${i}`, startTime: start + i })),
    errors: Array.from({ length: n.errors }, (_, i) => ({ type: 'JS', name: `error ${i}`, startTime: start + i })),
    syntheticEvents: Array.from({ length: n.synthetic }, (_, i) => ({ name: `synthetic ${i}`, sequenceNumber: i })),
  });
  return [
    session('sess-del', 0, null, now - 6 * HOUR, now - 5 * HOUR, { actions: 3, events: 2, errors: 2, synthetic: 1 }),
    session('sess-del', 1, null, now - 5 * HOUR, now - 4 * HOUR, { actions: 2, events: 1, errors: 1, synthetic: 1 }),
    session('e-sess-1', 0, 'e-1', now - 3 * DAY, now - 3 * DAY + HOUR, { actions: 3, events: 1, errors: 0, synthetic: 0 }),
    session('e-sess-2', 0, 'e-3', now - 2 * DAY, now - 2 * DAY + HOUR, { actions: 2, events: 2, errors: 1, synthetic: 1 }),
    session('k-sess-1', 0, 'k-1', now - 5 * HOUR, now - 2 * HOUR, { actions: 1, events: 0, errors: 0, synthetic: 0 }), // k's latest activity
    session('k-sess-2', 0, 'k-2', now - 2 * DAY, now - DAY, { actions: 2, events: 0, errors: 0, synthetic: 0 }),
  ];
}
