/** zod building blocks shared by the export formats. */
import { z } from 'zod';
import type { JsonObject } from '../../db/schema.js';
import type { EnumMap } from '../../model/enums.js';
import { wireValues } from '../../model/enums.js';
import { note } from '../warnings.js';

/** An optional field stored as NULL when absent, so every row binds every column. */
export const opt = <S extends z.ZodType>(schema: S) => {
  const optional = schema.nullish().transform((v): z.output<S> | null => (v === undefined ? null : v));
  if (counters.has(schema)) counters.add(optional);
  return optional;
};

/*
 * Counts, sizes and durations. The products mean them non-negative, but real exports have carried
 * negative ones (PostHog's `inactive_seconds` before its clamp), and refusing one would lose the
 * whole record: a negative value is stored as given and noted by `record`, which knows the field.
 */
const counters = new WeakSet<object>();
/** Marks `schema` as a counter: `record` notes a negative value of it (`negativeCount`). */
export function counter<S extends z.ZodType>(schema: S): S {
  counters.add(schema);
  return schema;
}

/*
 * Valid ranges (README, "Getting data in"). A value outside them is a broken export, and storing
 * it would break reads later: times past year 9999 print as `+010000-…`, an epoch past 8.64e15
 * becomes an invalid Date (stored as NULL), and sums overflow (SQLite's integer sum() fails past
 * 2^63, a float sum becomes Infinity).
 */
/** Largest count or duration: 2^31 − 1 (68 years in seconds, 24 days in milliseconds). */
export const MAX_COUNT = 2_147_483_647;
/** Largest magnitude of a floating-point measure (scores, layout shift, double properties). */
export const MAX_ABS_DOUBLE = 1e12;
/** Times from 1970-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z. */
export const MIN_TIME_MS = 0;
export const MAX_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

// SQLite integers are 64-bit, but JSON numbers beyond 2^53 have already lost precision.
/** Identifiers and custom long properties: any integer JSON carries exactly. */
export const id = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
/** Signed measures (timings and offsets in ms, codes, sequence numbers): 32-bit. */
export const int = z.number().int().min(-MAX_COUNT - 1).max(MAX_COUNT);
/** Counts, sizes and durations: signed 32-bit like `int`, noted when negative (see `counter`). */
export const count = counter(int.clone());
export const double = z.number().finite().min(-MAX_ABS_DOUBLE).max(MAX_ABS_DOUBLE);

/** An ISO-8601 date-time that ends in a zone: `Z` or an offset. */
const HAS_ZONE = /(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * Epoch milliseconds (Dynatrace) or an ISO-8601 date-time (PostHog), 1970–9999. A date-time
 * without a zone is UTC; fractions finer than milliseconds (PostHog writes microseconds) are
 * accepted and cut to the millisecond.
 */
export const timestamp = z
  .union([id, z.iso.datetime({ offset: true, local: true })], {
    error: 'expected epoch milliseconds or an ISO-8601 date-time',
  })
  .transform((v, ctx) => {
    // A date-time without a zone is UTC (README, "Getting data in"): Date.parse would read it
    // in the process's local time zone.
    const zoned = typeof v === 'number' || HAS_ZONE.test(v);
    if (!zoned) note('coercedValue', 'date-time without a zone: read as UTC');
    const ms = typeof v === 'number' ? v : Date.parse(zoned ? v : `${v}Z`);
    if (ms >= MIN_TIME_MS && ms <= MAX_TIME_MS) return new Date(ms);
    ctx.issues.push({ code: 'custom', input: v, message: 'out of range: expected a time from 1970-01-01 to 9999-12-31 (UTC)' });
    return z.NEVER;
  });

/**
 * An open enum (README, "Getting data in"): the documented wire values, and any other non-empty
 * string kept as sent, noted for the import report. The products add values over time (Dynatrace's
 * user action types, display resolutions); refusing them would lose whole sessions.
 */
export const enumOf = <E extends EnumMap>(e: E, field: string) => {
  const listed = new Set<string>(wireValues(e));
  return z
    .string()
    .min(1)
    .transform((v) => {
      if (!listed.has(v)) note('unlistedEnumValue', `${field} = ${v}`);
      return v as E[keyof E] | (string & {});
    });
};

/**
 * A record of one entity that keeps what the store does not model: keys outside `shape` are
 * collected, verbatim, into `extra` (null when there are none) and noted for the import report,
 * as are negative values of counters.
 */
export function record<S extends z.ZodRawShape>(entity: string, shape: S) {
  const known = new Set(Object.keys(shape));
  return z.looseObject(shape).transform((value) => {
    const modelled: Record<string, unknown> = {};
    let extra: JsonObject | null = null;
    for (const [key, v] of Object.entries(value)) {
      if (known.has(key)) {
        modelled[key] = v;
        if (typeof v === 'number' && v < 0 && counters.has(shape[key]!)) note('negativeCount', `${entity}.${key}`);
      } else {
        (extra ??= {})[key] = v;
        note('unknownField', `${entity}.${key}`);
      }
    }
    return { ...modelled, extra } as z.output<z.ZodObject<S>> & { extra: JsonObject | null };
  });
}

export const jsonObject = z.record(z.string(), z.unknown());

/*
 * Characters a JSON string can carry that PostgreSQL cannot store, and SQLite can: U+0000 (`\u0000`:
 * text refuses the byte 0x00, jsonb the escape) and an unpaired UTF-16 surrogate (`\ud800`: jsonb
 * refuses the escape; text would get U+FFFD from the UTF-8 encoding). Replaced at parse time, the
 * same on both stores.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');
/** The quick test, run on every string of every record (the lookarounds above cost several times more). */
const SUSPECT = /[\u0000\ud800-\udfff]/;
const unstorable = (s: string) => SUSPECT.test(s) && UNSTORABLE.test(s);

/** Whether a string, key or value anywhere in `value` holds such a character. */
function hasUnstorable(value: unknown): boolean {
  if (typeof value === 'string') return unstorable(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (hasUnstorable(value[i])) return true;
    return false;
  }
  for (const key in value) if (unstorable(key) || hasUnstorable((value as Record<string, unknown>)[key])) return true;
  return false;
}

function replaced(value: unknown, path: string): unknown {
  if (typeof value === 'string') {
    if (!unstorable(value)) return value;
    note('replacedCharacter', path);
    return value.replace(UNSTORABLE_ALL, '\ufffd');
  }
  if (!value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => replaced(v, `${path}[]`));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const name = replaced(key, `${path}.${key.replace(UNSTORABLE_ALL, '\ufffd')} (key)`) as string;
    out[name] = replaced(v, `${path}.${name}`);
  }
  return out;
}

/**
 * The record with U+0000 and unpaired surrogates, in any string (values and keys, at any depth),
 * replaced by U+FFFD (as the reader replaces malformed UTF-8), each noted with its field
 * (`replacedCharacter`, e.g. `UserSession.userActions[].name`): both stores then keep the same
 * record, where PostgreSQL would refuse it and SQLite keep it. Refusing it would lose a whole
 * session for one character. The record itself (one walk, nothing copied) when it has none.
 */
export function storable<T>(value: T, entity: string): T {
  return hasUnstorable(value) ? (replaced(value, entity) as T) : value;
}

/** Turn a zod error into one line: the first problem, with the path of the field at fault. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid record';
  const path = issue.path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
    '',
  );
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  const message = issue.message.replace(/^Invalid input: (expected .*), received undefined$/, 'required field is missing ($1)');
  return `${path ? `${path}: ` : ''}${message}${more}`;
}

type SnakeToCamel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<SnakeToCamel<T>>}` : S;
export type CamelKeys<T> = { [K in keyof T as K extends string ? SnakeToCamel<K> : K]: T[K] };

/** PostHog speaks snake_case; the store and the graph speak camelCase. */
export function camelKeys<T extends Record<string, unknown>>(value: T): CamelKeys<T> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = v;
  }
  return out as CamelKeys<T>;
}

/**
 * How deep a record may nest objects and arrays, the record itself being level 1 (a recording's
 * `person.properties` is level 3, so it may hold objects 29 levels below itself). Deeper input is
 * refused before validation: validating, storing and serving it would recurse once per level.
 */
export const MAX_NESTING_DEPTH = 32;

/** The path of the first value nested deeper than `max` levels (shortened), or undefined. */
export function tooDeep(record: unknown, max = MAX_NESTING_DEPTH): string | undefined {
  type Entry = { value: unknown; depth: number; key: string | number; parent: Entry | undefined };
  const stack: Entry[] = [{ value: record, depth: 1, key: '', parent: undefined }];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    if (entry.depth > max) return pathOf(entry);
    const { value } = entry;
    const children = Array.isArray(value) ? value.entries() : Object.entries(value as object);
    for (const [key, child] of children) {
      if (child && typeof child === 'object') stack.push({ value: child, depth: entry.depth + 1, key, parent: entry });
    }
  }
  return undefined;

  function pathOf(entry: Entry): string {
    const keys: (string | number)[] = [];
    for (let e: Entry | undefined = entry; e?.parent; e = e.parent) keys.push(e.key);
    keys.reverse();
    const shown = keys.slice(0, 4).reduce<string>(
      (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
      '',
    );
    return keys.length > 4 ? `${shown}…` : shown;
  }
}
