/**
 * Reference implementations of what the stats API should answer, written independently of src/:
 * aggregates over plain JS values, SQLite's ordering of group keys, and calendar buckets in an
 * IANA time zone computed from wall-clock parts (Intl), stepping by calendar units.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type Value = number | boolean | null | undefined;

/** Non-null values as numbers (booleans as 0/1, like SQLite stores them). */
export function numbers(values: Value[]): number[] {
  return values.filter((v): v is number | boolean => v !== null && v !== undefined).map((v) => (typeof v === 'boolean' ? Number(v) : v));
}

/**
 * SQLite's percentile(Y, P): sort the non-null values, take the (P/100)·(n−1)-th value, linearly
 * interpolated between the two closest ranks.
 */
export function percentile(values: Value[], p: number): number | null {
  const a = numbers(values).sort((x, y) => x - y);
  if (!a.length) return null;
  const ix = (p / 100) * (a.length - 1);
  const lo = Math.floor(ix);
  const hi = Math.ceil(ix);
  return a[lo]! + (a[hi]! - a[lo]!) * (ix - lo);
}

export const median = (values: Value[]) => percentile(values, 50);

export function sum(values: Value[]): number | null {
  const a = numbers(values);
  return a.length ? a.reduce((s, v) => s + v, 0) : null;
}

export function avg(values: Value[]): number | null {
  const a = numbers(values);
  return a.length ? sum(a)! / a.length : null;
}

export function min(values: Value[]): number | null {
  const a = numbers(values);
  return a.length ? Math.min(...a) : null;
}

export function max(values: Value[]): number | null {
  const a = numbers(values);
  return a.length ? Math.max(...a) : null;
}

export function countDistinct(values: unknown[]): number {
  return new Set(values.filter((v) => v !== null && v !== undefined)).size;
}

/** Rows grouped by a key tuple; the Map keeps the tuple as JSON. */
export function groupRows<R>(rows: R[], key: (r: R) => unknown[]): Map<string, { key: unknown[]; rows: R[] }> {
  const out = new Map<string, { key: unknown[]; rows: R[] }>();
  for (const r of rows) {
    const k = key(r);
    const id = JSON.stringify(k);
    let g = out.get(id);
    if (!g) out.set(id, (g = { key: k, rows: [] }));
    g.rows.push(r);
  }
  return out;
}

/** SQLite's ascending order of values of one type: NULL first, then numbers / text (ASCII here). */
export function sqliteCompare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' || typeof a === 'boolean') return Number(a) - Number(b);
  return String(a) < String(b) ? -1 : 1;
}

/** Closeness for floats computed in a different order than SQLite does. */
export function close(actual: number | null | undefined, expected: number | null, digits = 6): boolean {
  if (expected === null) return actual === null;
  if (actual === null || actual === undefined) return false;
  return Math.abs(actual - expected) <= Math.max(1, Math.abs(expected)) * 10 ** -digits;
}

// ------------------------------------------------------------------ calendar buckets in a zone

export type Interval = 'MINUTE' | 'HOUR' | 'DAY' | 'WEEK' | 'MONTH';

interface Wall {
  y: number;
  m: number; // 1-12
  d: number;
  h: number;
  mi: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** The wall-clock time of an instant in a zone. */
export function wallClock(ms: number, timeZone: string): Wall {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return { y: p.year!, m: p.month!, d: p.day!, h: p.hour!, mi: p.minute! };
}

const sameWall = (a: Wall, b: Wall) => a.y === b.y && a.m === b.m && a.d === b.d && a.h === b.h && a.mi === b.mi;

/** The first instant whose wall clock in the zone reads `wall` (zones here are within ±14 h of UTC). */
export function instantOf(wall: Wall, timeZone: string): number {
  const asUtc = Date.UTC(wall.y, wall.m - 1, wall.d, wall.h, wall.mi);
  // Try every quarter-hour offset and keep the earliest instant that reads this wall clock.
  const found: number[] = [];
  for (let q = -14 * 4; q <= 14 * 4; q++) {
    const t = asUtc - q * 15 * MINUTE;
    if (sameWall(wallClock(t, timeZone), wall)) found.push(t);
  }
  if (!found.length) throw new Error(`no instant reads ${JSON.stringify(wall)} in ${timeZone}`);
  return Math.min(...found);
}

/** The wall clock at which the bucket holding `wall` starts. */
function bucketWall(w: Wall, interval: Interval): Wall {
  switch (interval) {
    case 'MINUTE':
      return { ...w };
    case 'HOUR':
      return { ...w, mi: 0 };
    case 'DAY':
      return { ...w, h: 0, mi: 0 };
    case 'WEEK': {
      const date = new Date(Date.UTC(w.y, w.m - 1, w.d));
      const sinceMonday = (date.getUTCDay() + 6) % 7;
      const monday = new Date(Date.UTC(w.y, w.m - 1, w.d - sinceMonday));
      return { y: monday.getUTCFullYear(), m: monday.getUTCMonth() + 1, d: monday.getUTCDate(), h: 0, mi: 0 };
    }
    case 'MONTH':
      return { y: w.y, m: w.m, d: 1, h: 0, mi: 0 };
  }
}

/** The next bucket's wall clock, by calendar arithmetic. */
function nextWall(w: Wall, interval: Interval): Wall {
  const add = (days: number, hours = 0, minutes = 0) => {
    const t = new Date(Date.UTC(w.y, w.m - 1, w.d + days, w.h + hours, w.mi + minutes));
    return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes() };
  };
  switch (interval) {
    case 'MINUTE':
      return add(0, 0, 1);
    case 'HOUR':
      return add(0, 1);
    case 'DAY':
      return add(1);
    case 'WEEK':
      return add(7);
    case 'MONTH':
      return w.m === 12 ? { y: w.y + 1, m: 1, d: 1, h: 0, mi: 0 } : { y: w.y, m: w.m + 1, d: 1, h: 0, mi: 0 };
  }
}

/**
 * Start (UTC instant) of the bucket holding `ms`: the moment the local minute / hour / day / week /
 * month holding it began. A bucket never starts after the instants it holds.
 */
export function bucketOf(ms: number, interval: Interval, timeZone = 'UTC'): number {
  if (timeZone === 'UTC') {
    const w = bucketWall(wallClock(ms, 'UTC'), interval);
    return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi);
  }
  // Zones are offset by whole minutes: the local minute began at the UTC minute.
  const minute = Math.floor(ms / MINUTE) * MINUTE;
  if (interval === 'MINUTE') return minute;
  // The local hour began at the latest minute at or before `ms` that reads hh:00 — also in an
  // hour that the clock repeats when summer time ends.
  if (interval === 'HOUR') {
    for (let t = minute; t > minute - HOUR; t -= MINUTE) if (wallClock(t, timeZone).mi === 0) return t;
    throw new Error('no hour start within an hour');
  }
  return instantOf(bucketWall(wallClock(ms, timeZone), interval), timeZone);
}

/** Every bucket start from the one holding `from` to the one holding `toExclusive − 1`. */
export function bucketSeries(from: number, toExclusive: number, interval: Interval, timeZone = 'UTC'): number[] {
  const last = bucketOf(toExclusive - 1, interval, timeZone);
  const out: number[] = [];
  if (interval === 'MINUTE' || interval === 'HOUR') {
    // Elapsed time, not wall-clock time: a repeated hour is its own bucket, a skipped one has none.
    const step = interval === 'MINUTE' ? MINUTE : HOUR;
    for (let t = bucketOf(from, interval, timeZone); t <= last; t += step) out.push(t);
    return out;
  }
  let w = bucketWall(wallClock(from, timeZone), interval);
  for (let t = instantOf(w, timeZone); t <= last; t = instantOf(w, timeZone)) {
    out.push(t);
    w = nextWall(w, interval);
    if (out.length > 100_000) throw new Error('runaway series');
  }
  return out;
}

export const iso = (ms: number) => new Date(ms).toISOString();
