/**
 * Time buckets for time series: the start of the minute/hour/day/week/month containing an
 * instant, in a time zone. UTC buckets are plain SQL arithmetic (index-friendly, no callbacks);
 * other zones go through a SQL function registered on the connection, backed by the same
 * JavaScript used to fill empty buckets, so both always agree.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';

export type Interval = 'minute' | 'hour' | 'day' | 'week' | 'month';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in ms (local = utc + offset). */
function offsetAt(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, Number(p.value)]));
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return local - Math.floor(ms / 1000) * 1000;
}

/** Truncate a wall-clock time (as if UTC) to the start of its bucket. */
function truncateWallClock(local: number, interval: Interval): number {
  switch (interval) {
    case 'minute':
      return Math.floor(local / MINUTE) * MINUTE;
    case 'hour':
      return Math.floor(local / HOUR) * HOUR;
    case 'day':
      return Math.floor(local / DAY) * DAY;
    case 'week': {
      // ISO weeks start on Monday; 1970-01-01 was a Thursday.
      const days = Math.floor(local / DAY);
      return (days - ((days + 3) % 7 + 7) % 7) * DAY;
    }
    case 'month': {
      const d = new Date(local);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
  }
}

/** Start of the bucket holding `ms`, as a UTC instant. */
export function bucketStart(ms: number, interval: Interval, timeZone = 'UTC'): number {
  if (timeZone === 'UTC') return truncateWallClock(ms, interval);
  const offset = offsetAt(ms, timeZone);
  const wall = truncateWallClock(ms + offset, interval);
  // The wall-clock start may map to two instants (clocks going back) or to none (clocks going
  // forward over it). Try the offsets in force around it: take the latest instant at or before
  // `ms` that shows that wall time, else the first instant after the gap.
  const candidates = [offset, ...[-3, 0, 3].map((h) => offsetAt(wall - offset + h * HOUR, timeZone))].map((o) => wall - o);
  const exact = candidates.filter((c) => c <= ms && c + offsetAt(c, timeZone) === wall);
  if (exact.length) return Math.max(...exact);
  return Math.min(...candidates.filter((c) => c + offsetAt(c, timeZone) >= wall));
}

const STEP: Record<Interval, number> = { minute: MINUTE, hour: HOUR, day: 26 * HOUR, week: 7 * DAY + 2 * HOUR, month: 32 * DAY };

/** The bucket after `start` (buckets vary in length across DST changes and months). */
export function nextBucket(start: number, interval: Interval, timeZone = 'UTC'): number {
  if (interval === 'minute' || interval === 'hour') return start + STEP[interval];
  return bucketStart(start + STEP[interval], interval, timeZone);
}

/** Nominal bucket widths, for estimates only. */
const NOMINAL: Record<Interval, number> = { minute: MINUTE, hour: HOUR, day: DAY, week: 7 * DAY, month: 30.436875 * DAY };

/**
 * How many buckets start in [first, last) (first a bucket start): exact while at most `limit`;
 * above it, an estimate from the nominal width (still above `limit`). Never walks more than
 * `limit` + 1 buckets, so it is cheap whatever the range.
 */
export function countBuckets(first: number, last: number, interval: Interval, timeZone: string, limit: number): number {
  if (!(last > first)) return 0;
  if (interval === 'minute' || interval === 'hour') return Math.ceil((last - first) / STEP[interval]);
  const estimate = Math.ceil((last - first) / NOMINAL[interval]);
  if (estimate > limit + 2) return estimate;
  let n = 0;
  for (let b = first; b < last; b = nextBucket(b, interval, timeZone)) if (++n > limit) return Math.max(n, estimate);
  return n;
}

/** SQL for the bucket of a timestamp column (epoch ms). */
export function bucketSql(column: SQLiteColumn, interval: Interval, timeZone = 'UTC'): SQL {
  if (timeZone !== 'UTC') return sql`sg_bucket(${column}, ${interval}, ${timeZone})`;
  // Literal integers: bound JS numbers arrive as REAL, which would make the division exact.
  const width = (ms: number) => sql.raw(String(ms));
  switch (interval) {
    case 'minute':
      return sql`(${column} / ${width(MINUTE)}) * ${width(MINUTE)}`;
    case 'hour':
      return sql`(${column} / ${width(HOUR)}) * ${width(HOUR)}`;
    case 'day':
      return sql`(${column} / ${width(DAY)}) * ${width(DAY)}`;
    case 'week':
      return sql`((${column} / ${width(DAY)}) - (((${column} / ${width(DAY)}) + 3) % 7)) * ${width(DAY)}`;
    case 'month':
      return sql`unixepoch(strftime('%Y-%m-01', ${column} / 1000, 'unixepoch')) * 1000`;
  }
}

/** Registers sg_bucket(ms, interval, timeZone) on a connection. */
export function registerBucketFunction(sqlite: Database.Database): void {
  sqlite.function('sg_bucket', { deterministic: true }, (ms: unknown, interval: unknown, timeZone: unknown) =>
    typeof ms === 'number' || typeof ms === 'bigint' ? bucketStart(Number(ms), interval as Interval, String(timeZone)) : null,
  );
}
