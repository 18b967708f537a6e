/**
 * Every row of the store, read directly through Drizzle (not through the API), and a JS
 * evaluator of filter conditions with their documented semantics, to compute what a filtered,
 * ordered list must answer.
 */
import { eq } from 'drizzle-orm';
import type { Store } from '../../src/db/open.js';
import * as t from '../../src/db/schema.js';
import { enumName } from './expected.js';

export type Row = Record<string, unknown>;

export interface StoreRows {
  persons: (t.PersonRow & { distinctIds: string[] })[];
  /** The recordings the API serves at `now` (under `enforce`, the unexpired ones), with their per-request values. */
  recordings: t.RecordingRow[];
  /** Every stored recording, as stored. */
  storedRecordings: t.RecordingRow[];
  sessions: (t.UserSessionRow & { id: string })[];
  actions: (t.UserActionRow & { session: t.UserSessionRow & { id: string } })[];
  /** Events, errors and synthetic events, each with its session and its API id (`sessionId/seq`). */
  events: (t.UserEventRow & { id: string; session: t.UserSessionRow & { id: string } })[];
  errors: (t.UserErrorRow & { id: string; session: t.UserSessionRow & { id: string } })[];
  syntheticEvents: (t.SyntheticEventRow & { id: string; session: t.UserSessionRow & { id: string } })[];
  sessionProperties: Map<number, t.PropertyRow[]>;
  actionProperties: Map<number, t.PropertyRow[]>;
}

const DAY = 86_400_000;
/** A recording is ongoing while its last data is less than five minutes old. */
export const ONGOING_MS = 5 * 60_000;

/** Which recordings are served: all (`--retention keep`, the default), or the unexpired ones (`enforce`). */
export type Retention = 'keep' | 'enforce';

export const isExpired = (r: { expiryTime: Date | null }, now: number) => r.expiryTime !== null && r.expiryTime.getTime() <= now;

export function recordingVisible(r: { expiryTime: Date | null }, now: number, retention: Retention = 'keep'): boolean {
  return retention === 'keep' || !isExpired(r, now);
}

/**
 * A stored recording as an anonymous caller sees it at `now` (PostHog semantics): `viewed` is the
 * imported flag; `ongoing` and `recordingTtl` as imported, else derived: "last data under five
 * minutes old", and the UTC midnights from now to the expiry (ClickHouse's dateDiff('day')).
 */
export function servedRecording<R extends { endTime: Date | null; expiryTime: Date | null; ongoing?: boolean | null; recordingTtl?: number | null }>(r: R, now: number) {
  return {
    ...r,
    ongoing: r.ongoing ?? (r.endTime !== null && r.endTime.getTime() > now - ONGOING_MS),
    recordingTtl: r.recordingTtl ?? (r.expiryTime === null ? null : Math.floor(r.expiryTime.getTime() / DAY) - Math.floor(now / DAY)),
    expired: isExpired(r, now),
  };
}

export function readRows(store: Store, now: number, project = 'default', retention: Retention = 'keep'): StoreRows {
  const { db } = store;
  const distinct = db.select().from(t.personDistinctIds).where(eq(t.personDistinctIds.project, project)).all();
  const persons = db
    .select()
    .from(t.persons)
    .where(eq(t.persons.project, project))
    .all()
    .map((p) => ({ ...p, distinctIds: distinct.filter((d) => d.personPk === p.pk).map((d) => d.distinctId) }));
  const storedRecordings = db.select().from(t.recordings).where(eq(t.recordings.project, project)).all();
  const recordings = storedRecordings.filter((r) => recordingVisible(r, now, retention)).map((r) => servedRecording(r, now));
  const sessions = db
    .select()
    .from(t.userSessions)
    .where(eq(t.userSessions.project, project))
    .all()
    .map((s) => ({ ...s, id: `${s.tenantId}:${s.userSessionId}:${s.partNumber}` }));
  const sessionByPk = new Map(sessions.map((s) => [s.pk, s]));
  const actions = db
    .select()
    .from(t.userActions)
    .where(eq(t.userActions.project, project))
    .all()
    .map((a) => ({ ...a, session: sessionByPk.get(a.sessionPk)! }));
  const children = <R extends { sessionPk: number; seq: number }>(rows: R[]) =>
    rows.map((r) => {
      const session = sessionByPk.get(r.sessionPk)!;
      return { ...r, id: `${session.id}/${r.seq}`, session };
    });
  const events = children(db.select().from(t.userEvents).where(eq(t.userEvents.project, project)).all());
  const errors = children(db.select().from(t.userErrors).where(eq(t.userErrors.project, project)).all());
  const syntheticEvents = children(db.select().from(t.syntheticEvents).where(eq(t.syntheticEvents.project, project)).all());
  const group = (rows: t.PropertyRow[], owner: (r: t.PropertyRow) => number) => {
    const m = new Map<number, t.PropertyRow[]>();
    for (const r of rows) m.set(owner(r), [...(m.get(owner(r)) ?? []), r]);
    return m;
  };
  const sessionProperties = group(
    db.select().from(t.sessionProperties).where(eq(t.sessionProperties.project, project)).all(),
    (r) => (r as t.PropertyRow & { sessionPk: number }).sessionPk,
  );
  const actionProperties = group(
    db.select().from(t.actionProperties).where(eq(t.actionProperties.project, project)).all() as never,
    (r) => (r as unknown as { actionPk: number }).actionPk,
  );
  return { persons, recordings, storedRecordings, sessions, actions, events, errors, syntheticEvents, sessionProperties, actionProperties };
}

/** Comparable form of a stored value: Dates as epoch ms, everything else as is, absent → null. */
export function plain(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  return value ?? null;
}

/** Comparable form of a filter operand: ISO DateTimes as epoch ms. */
function operand(value: unknown): unknown {
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return Date.parse(value);
  return value;
}

/** Unicode case folding as documented: ICU's full upper-casing, then lower-casing (ß → ss). */
const fold = (s: string) => s.toUpperCase().toLowerCase();

/** A LIKE pattern (`%`, `_`, `\\` escapes) as a JS expression over the whole value, one code point per `_`. */
function likeRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += (c === '\\' ? pattern[++i]! : c).replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

/** A `regex` filter as JavaScript reads it: `.` matches a newline (flag s), `(?i)` at the start ignores case. */
function jsRegExp(pattern: string): RegExp {
  return pattern.startsWith('(?i)') ? new RegExp(pattern.slice(4), 'si') : new RegExp(pattern, 's');
}

/**
 * Operator conditions, as the schema documents them: all given must hold; a null field matches
 * only `isNull: true` and `eq: null` (ne, comparisons, in and notIn never match null);
 * contains/startsWith/endsWith/ilike compare Unicode-folded text, like is case-sensitive, regex
 * searches with JavaScript's engine (the subset the API accepts reads the same there).
 */
export function matchOps(rawValue: unknown, ops: Record<string, unknown>): boolean {
  const value = plain(rawValue);
  for (const [op, rawArg] of Object.entries(ops)) {
    if (rawArg === undefined) continue;
    const arg = Array.isArray(rawArg) ? rawArg.map(operand) : operand(rawArg);
    const v = value as number | string;
    const a = arg as number | string;
    let ok: boolean;
    switch (op) {
      case 'eq':
        ok = arg === null ? value === null : value === arg;
        break;
      case 'ne':
        ok = arg === null ? value !== null : value !== null && value !== arg;
        break;
      case 'gt':
        ok = value !== null && v > a;
        break;
      case 'gte':
        ok = value !== null && v >= a;
        break;
      case 'lt':
        ok = value !== null && v < a;
        break;
      case 'lte':
        ok = value !== null && v <= a;
        break;
      case 'in':
        ok = value !== null && (arg as unknown[]).includes(value);
        break;
      case 'notIn':
        ok = (arg as unknown[]).length === 0 || (value !== null && !(arg as unknown[]).includes(value));
        break;
      case 'isNull':
        ok = arg ? value === null : value !== null;
        break;
      case 'contains':
        ok = value !== null && fold(String(value)).includes(fold(String(arg)));
        break;
      case 'startsWith':
        ok = value !== null && fold(String(value)).startsWith(fold(String(arg)));
        break;
      case 'endsWith':
        ok = value !== null && fold(String(value)).endsWith(fold(String(arg)));
        break;
      case 'like':
        ok = value !== null && likeRegExp(String(arg)).test(String(value));
        break;
      case 'ilike':
        ok = value !== null && likeRegExp(fold(String(arg))).test(fold(String(value)));
        break;
      case 'regex':
        ok = value !== null && jsRegExp(String(arg)).test(String(value));
        break;
      default:
        throw new Error(`unknown operator ${op}`);
    }
    if (!ok) return false;
  }
  return true;
}

/** NULL-aware comparison as SQLite orders: NULL before everything ascending. */
export function compareValues(a: unknown, b: unknown): number {
  const x = plain(a);
  const y = plain(b);
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  if (typeof x === 'boolean' || typeof y === 'boolean') return Number(x) - Number(y);
  return (x as number | string) < (y as number | string) ? -1 : 1;
}

/** Sorted copy by (field, direction) terms; ties keep their input order. */
export function sortRows<R extends Row>(rows: R[], terms: [keyof R & string, 'asc' | 'desc'][]): R[] {
  return rows
    .map((r, i) => [r, i] as const)
    .sort(([a, i], [b, j]) => {
      for (const [field, dir] of terms) {
        const c = compareValues(a[field], b[field]);
        if (c !== 0) return dir === 'asc' ? c : -c;
      }
      return i - j;
    })
    .map(([r]) => r);
}

export interface FilterSpec<R> {
  /** Fields holding enum wire values: compared by their GraphQL name (the upper-case spelling). */
  enumFields?: readonly string[];
  /** Filter fields that are not columns of the row (parent dimensions, properties, …). */
  extra?: Record<string, (row: R, arg: any) => boolean>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** An entity filter (`{field: ops, and, or, not, …}`) evaluated over one row. */
export function matchFilter<R extends Row>(row: R, filter: Row, spec: FilterSpec<R>): boolean {
  for (const [key, arg] of Object.entries(filter)) {
    if (arg === null || arg === undefined) continue;
    if (key === 'and') {
      if (!(arg as Row[]).every((f) => matchFilter(row, f, spec))) return false;
    } else if (key === 'or') {
      if (!(arg as Row[]).some((f) => matchFilter(row, f, spec))) return false;
    } else if (key === 'not') {
      if (matchFilter(row, arg as Row, spec)) return false;
    } else if (spec.extra?.[key]) {
      if (!spec.extra[key](row, arg)) return false;
    } else {
      if (!(key in row)) throw new Error(`the row has no field ${key}`);
      let value = row[key];
      let ops = arg as Row;
      if (spec.enumFields?.includes(key)) {
        // Enum members are named by the convention; input may also give them by wire value.
        if (typeof value === 'string') value = enumName(value);
        ops = Object.fromEntries(Object.entries(ops).map(([op, v]) => [op, typeof v === 'string' ? enumName(v) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? enumName(x) : x)) : v]));
      }
      if (!matchOps(value, ops)) return false;
    }
  }
  return true;
}

export interface PropertyCondition {
  key: string;
  string?: Row;
  long?: Row;
  double?: Row;
  date?: Row;
  exists?: boolean;
}

/** Every condition holds: a property with its key whose typed value matches, or (`exists`) with that key at all, or none. */
export function matchProperties(properties: t.PropertyRow[] | undefined, conditions: PropertyCondition[]): boolean {
  const column = { string: 'stringValue', long: 'longValue', double: 'doubleValue', date: 'dateValue' } as const;
  return conditions.every((c) =>
    c.exists !== undefined ? (properties ?? []).some((p) => p.key === c.key) === c.exists : (properties ?? []).some(
      (p) =>
        p.key === c.key &&
        (['string', 'long', 'double', 'date'] as const).every((type) => !c[type] || (p.type === type && matchOps(p[column[type]], c[type]))),
    ),
  );
}
