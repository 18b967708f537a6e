/**
 * Time buckets for time series: the start of the minute/hour/day/week/month containing an
 * instant, in a time zone. UTC buckets are plain SQL arithmetic (index-friendly, no callbacks).
 * Other zones are SQL arithmetic too (zonedBucketSql): the zone's offset changes over the queried
 * range are found once in JavaScript, and each row takes the shifted truncation of the piece of
 * time it falls in, which equals bucketStart (the JavaScript that fills empty buckets) for every
 * instant. The sg_bucket SQL function (bucketStart per row) remains for values outside that range.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import { monthStartMs, zonedBucketPerRow } from './dialect.js';

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

/** A literal integer: bound JS numbers arrive as REAL, which would make divisions exact. */
const int = (n: number) => sql.raw(n < 0 ? `(${Math.trunc(n)})` : String(Math.trunc(n)));

/** How far before its range a zone's offsets are looked at: more than any bucket is long. */
const LOOK_BACK = 33 * DAY;
/** Offsets are probed this far apart (time zones change their offset at most every few weeks). */
const PROBE = 6 * DAY;

/**
 * The zone's UTC offsets over [from, to]: the first segment starts at `from`, every other one
 * where the offset changes (found by probing every PROBE and bisecting to the millisecond).
 */
export function offsetSegments(timeZone: string, from: number, to: number): { start: number; offset: number }[] {
  let at = from;
  let offset = offsetAt(at, timeZone);
  const segments = [{ start: at, offset }];
  while (at < to) {
    const next = Math.min(at + PROBE, to);
    const nextOffset = offsetAt(next, timeZone);
    if (nextOffset !== offset) {
      // The first instant in (at, next] with the new offset.
      let lo = at;
      let hi = next;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(mid, timeZone) === offset) lo = mid;
        else hi = mid;
      }
      const changed = offsetAt(hi, timeZone);
      segments.push({ start: hi, offset: changed });
      // Another change before `next` (none in real zones within PROBE, but stay exact).
      at = hi;
      offset = changed;
      continue;
    }
    at = next;
  }
  return segments;
}

/** Offset segments by zone and span (rounded out to whole periods, so that requests share them). */
const segmentCache = new Map<string, { start: number; offset: number }[]>();
const SEGMENT_PERIOD = 30 * DAY;
const SEGMENT_CACHE_SIZE = 200;

/** offsetSegments over a span covering [from, to], from a small cache. */
function cachedSegments(timeZone: string, from: number, to: number): { start: number; offset: number }[] {
  const lo = Math.floor(from / SEGMENT_PERIOD) * SEGMENT_PERIOD;
  const hi = Math.ceil(to / SEGMENT_PERIOD) * SEGMENT_PERIOD;
  const key = `${timeZone}|${lo}|${hi}`;
  let segments = segmentCache.get(key);
  if (!segments) {
    segments = offsetSegments(timeZone, lo, hi);
    if (segmentCache.size >= SEGMENT_CACHE_SIZE) segmentCache.delete(segmentCache.keys().next().value!);
    segmentCache.set(key, segments);
  }
  return segments;
}

/** SQL truncating a wall-clock time (epoch ms as if UTC) to its bucket: truncateWallClock in SQL, flooring as it does. */
function truncateSql(wall: SQL, interval: Interval): SQL {
  const floorTo = (width: number) => sql`(${wall} - ((${wall} % ${int(width)}) + ${int(width)}) % ${int(width)})`;
  switch (interval) {
    case 'minute':
      return floorTo(MINUTE);
    case 'hour':
      return floorTo(HOUR);
    case 'day':
      return floorTo(DAY);
    case 'week': {
      const days = sql`(${floorTo(DAY)} / ${int(DAY)})`;
      return sql`((${days} - ((${days} + 3) % 7 + 7) % 7) * ${int(DAY)})`;
    }
    case 'month':
      return monthStartMs(wall);
  }
}

/** The wall-clock bucket after the one starting at `wall`. */
function nextWallBucket(wall: number, interval: Interval): number {
  if (interval === 'month') {
    const d = new Date(wall);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return wall + { minute: MINUTE, hour: HOUR, day: DAY, week: 7 * DAY }[interval];
}

/**
 * Pieces of time in which the bucket of an instant is one SQL expression: either the wall-clock
 * truncation shifted by the one offset in force there, or (for the bucket that began before an
 * offset change and ends after it) one constant, the bucket start bucketStart gives.
 */
function bucketPieces(interval: Interval, timeZone: string, from: number, to: number): { start: number; offset?: number; constant?: number }[] {
  const segments = cachedSegments(timeZone, from - LOOK_BACK, to + DAY);
  const pieces: { start: number; offset?: number; constant?: number }[] = [];
  segments.forEach(({ start, offset }, i) => {
    const end = segments[i + 1]?.start ?? Infinity;
    // The bucket holding the segment's first instant may have begun under the previous offset:
    // then its instants in this segment all share the start bucketStart finds for that bucket.
    const wall = truncateWallClock(start + offset, interval);
    const constant = bucketStart(start, interval, timeZone);
    const until = Math.min(nextWallBucket(wall, interval) - offset, end);
    if (constant !== wall - offset && until > start) {
      pieces.push({ start, constant });
      if (until < end) pieces.push({ start: until, offset });
    } else {
      pieces.push({ start, offset });
    }
  });
  return pieces;
}

/**
 * The bucket of a timestamp column in a time zone, all in SQL: a binary search (nested CASE)
 * over the few pieces of [from, to] in which the zone keeps one offset, each a shifted
 * truncation. Exactly bucketStart's answer for every instant (a test compares them across DST
 * changes); instants outside [from, to] (none, when the range covers the data) fall back to the
 * sg_bucket function.
 */
export function zonedBucketSql(column: SQLiteColumn, interval: Interval, timeZone: string, from: number, to: number): SQL {
  const pieces = bucketPieces(interval, timeZone, from, to);
  const piece = ({ offset, constant }: { offset?: number; constant?: number }): SQL =>
    constant !== undefined ? int(constant) : sql`(${truncateSql(sql`(${column} + ${int(offset!)})`, interval)} - ${int(offset!)})`;
  const search = (lo: number, hi: number): SQL => {
    if (hi - lo === 1) return piece(pieces[lo]!);
    const mid = Math.floor((lo + hi) / 2);
    return sql`case when ${column} < ${int(pieces[mid]!.start)} then ${search(lo, mid)} else ${search(mid, hi)} end`;
  };
  const outside = zonedBucketPerRow(column, interval, timeZone);
  return sql`(case when ${column} < ${int(pieces[0]!.start)} or ${column} > ${int(to + DAY)} then ${outside} else ${search(0, pieces.length)} end)`;
}

/**
 * SQL for the bucket of a timestamp column (epoch ms). In a zone other than UTC, pass the range
 * the column's values lie in (`span`): the buckets are then computed in SQL from the zone's
 * offsets over it (zonedBucketSql); without it, by the sg_bucket function, row by row.
 */
export function bucketSql(column: SQLiteColumn, interval: Interval, timeZone = 'UTC', span?: { from: number; to: number }): SQL {
  if (timeZone !== 'UTC') return span ? zonedBucketSql(column, interval, timeZone, span.from, span.to) : zonedBucketPerRow(column, interval, timeZone);
  const width = int;
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
      return monthStartMs(sql`${column}`);
  }
}

/** Registers sg_bucket(ms, interval, timeZone) on a connection. */
export function registerBucketFunction(sqlite: Database.Database): void {
  sqlite.function('sg_bucket', { deterministic: true }, (ms: unknown, interval: unknown, timeZone: unknown) =>
    typeof ms === 'number' || typeof ms === 'bigint' ? bucketStart(Number(ms), interval as Interval, String(timeZone)) : null,
  );
}
