/**
 * Typed where-clauses, generated from the entity descriptions: one operator input per scalar
 * kind (and per enum), one `<Type>Filter` per entity with a field per filterable column plus
 * `and`/`or`/`not`, compiled to Drizzle SQL.
 */
import { and, eq, gt, gte, isNotNull, isNull, lt, lte, ne, not, or, sql, SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { EntitySpec, FieldKind, FieldSpec, ReadScope } from '../model/fields.js';
import { builder } from './builder.js';
import { enumTypes, IntervalEnum } from './enums.js';
import { bucketStart, isValidTimeZone, type Interval } from '../db/buckets.js';
import { rawName } from './fields.js';
import { driverValue } from './pagination.js';
import { QUERY_LIMITS } from './limits.js';
import { inKeys } from './lists.js';
import { param } from './context.js';
import { GraphQLError } from 'graphql';
import { caseSensitiveLike, foldedLike, regexMatch } from '../db/dialect.js';
import { checkLikePattern, checkRegex, fold, likeLiteral, PatternError, TEXT_SEARCH, type TextSearch } from '../db/text-match.js';

type Operator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'notIn' | 'isNull' | TextSearch | RelativeTime;
/** Times relative to the request's moment (and, for calendar periods, a time zone). */
type RelativeTime = 'withinLast' | 'sinceStartOf' | 'previous' | 'timeZone';
const isTextSearch = (key: string): key is TextSearch => (TEXT_SEARCH as readonly string[]).includes(key);
export type OperatorFilter = Partial<Record<Operator, unknown>>;

const EQUALITY: Operator[] = ['eq', 'ne', 'in', 'notIn', 'isNull'];
const COMPARISON: Operator[] = [...EQUALITY, 'gt', 'gte', 'lt', 'lte'];
const TEXT: Operator[] = [...COMPARISON, ...TEXT_SEARCH];
const TIME: Operator[] = [...COMPARISON, 'withinLast', 'sinceStartOf', 'previous', 'timeZone'];

const OPERATOR_DOCS: Record<Operator, string> = {
  eq: 'equal to',
  ne: 'not equal to (rows where the field is null do not match)',
  gt: 'greater than',
  gte: 'greater than or equal to',
  lt: 'less than',
  lte: 'less than or equal to',
  in: 'one of',
  notIn: 'none of',
  isNull: 'true: the field is null; false: it is not',
  contains: 'contains this text, ignoring case (Unicode case folding: `zürich` matches `ZÜRICH`, `strasse` matches `Straße`; at most 1,000 characters)',
  startsWith: 'starts with this text, ignoring case (Unicode case folding, as `contains`; at most 1,000 characters)',
  endsWith: 'ends with this text, ignoring case (Unicode case folding, as `contains`; at most 1,000 characters)',
  like:
    'matches this SQL LIKE pattern, case-sensitive: `%` any run of characters, `_` any one character, `\\` makes the next character literal (`50\\%` is the text "50%", `\\\\` a backslash); the whole value must match (`%checkout%` for "contains"); at most 1,000 characters',
  ilike: 'matches this LIKE pattern (as `like`) ignoring case: the pattern and the value are compared after Unicode case folding; at most 1,000 characters',
  regex:
    'matches this regular expression somewhere in the value (anchor with `^` and `$`): RE2 syntax where both stores agree — literals, `.`, classes `[a-z]` `[^…]`, `\\d \\w \\s` (ASCII) and their negations, groups `(…)` `(?:…)`, `|`, quantifiers `* + ? {n,m}` (n, m ≤ 255), escaped punctuation, and `(?i)` at the start to ignore case. Matching time is linear in the value (no backtracking); at most 1,000 characters, repetitions expanding to at most 1,000 copies',
  withinLast:
    'within this long before the moment of the request, up to that moment: an ISO 8601 duration in weeks, days, hours, minutes and seconds (`P7D` the last 7 days, `PT12H`, `P1DT6H`); what a dashboard asks for instead of fixed dates',
  sinceStartOf:
    'from the start of the current period in `timeZone` up to the moment of the request: `DAY` is "today", `WEEK` "this week" (from Monday), `MONTH` "this month"; calendar periods, so a day across a daylight-saving change is 23 or 25 hours',
  previous: 'within the whole period before the current one in `timeZone`: `DAY` is "yesterday", `WEEK` "last week" (Monday to Monday), `MONTH` "last month"',
  timeZone: 'the IANA time zone of `sinceStartOf` and `previous` (e.g. "Europe/Vienna"; default UTC)',
};

/** An ISO 8601 duration without years and months (their length varies): P2W, P7D, PT12H, P1DT6H30M, PT90S. */
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const DURATION_PARTS_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000];
/** Longer than any data a store holds (and far from overflowing a timestamp). */
const MAX_DURATION_MS = 100 * 365 * 86_400_000;

/** Milliseconds of a `withinLast` duration, or a BAD_USER_INPUT naming what is wrong with it. */
export function durationMs(text: string): number {
  const m = DURATION.exec(text);
  const parts = m?.slice(1) ?? [];
  if (!m || text.endsWith('T') || parts.every((p) => p === undefined)) {
    throw new GraphQLError(
      `withinLast: "${text.slice(0, 40)}" is not an ISO 8601 duration in weeks, days, hours, minutes or seconds (e.g. P7D, PT12H, P1DT6H; months and years vary in length: use days, P30D)`,
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
  const ms = parts.reduce((sum, p, i) => sum + (p === undefined ? 0 : Number(p) * DURATION_PARTS_MS[i]!), 0);
  if (ms > MAX_DURATION_MS) throw new GraphQLError(`withinLast: "${text}" is longer than 100 years`, { extensions: { code: 'BAD_USER_INPUT' } });
  return Math.round(ms);
}

/**
 * The instants `sinceStartOf` or `previous` admit, from the request's moment: the current calendar
 * period in the zone so far (up to and including `now`), or the whole one before it (`to` excluded).
 */
export function calendarSpan(op: 'sinceStartOf' | 'previous', period: Interval, timeZone: string | null | undefined, now: number): { from: number; to: number; endsNow: boolean } {
  const current = bucketStart(now, period, timeZone ?? 'UTC');
  return op === 'sinceStartOf' ? { from: current, to: now, endsNow: true } : { from: bucketStart(current - 1, period, timeZone ?? 'UTC'), to: current, endsNow: false };
}

/** Characters of a `contains`/`startsWith` text (SQLite caps LIKE patterns; a longer one is refused). */
export const MAX_MATCH_TEXT = 1_000;

type ScalarRef = string | object;

/** An operator input such as `IntFilter { eq ne gt … }` for values of one GraphQL type. */
function operatorInput(name: string, valueType: ScalarRef, operators: Operator[]) {
  return builder.inputType(name, {
    description: `Conditions on a ${name.replace(/Filter$/, '')} value; all given conditions must hold.`,
    fields: (t) =>
      Object.fromEntries(
        operators.map((op) => {
          const type =
            op === 'isNull' ? 'Boolean' : op === 'sinceStartOf' || op === 'previous' ? IntervalEnum : isTextSearch(op) || op === 'withinLast' || op === 'timeZone' ? 'String' : valueType;
          const list = op === 'in' || op === 'notIn';
          return [op, t.field({ type: (list ? [type] : type) as never, required: false, description: OPERATOR_DOCS[op] })];
        }),
      ),
  });
}

const scalarFilters = {
  int: operatorInput('IntFilter', 'Int', COMPARISON),
  float: operatorInput('FloatFilter', 'Float', COMPARISON),
  string: operatorInput('StringFilter', 'String', TEXT),
  time: operatorInput('DateTimeFilter', 'DateTime', TIME),
  bool: operatorInput('BooleanFilter', 'Boolean', EQUALITY),
  long: operatorInput('SafeIntFilter', 'SafeInt', COMPARISON),
  /** JSON values and lists: whether there is one. */
  json: operatorInput('JsonFilter', 'JSON', ['isNull']),
};

const enumFilters = Object.fromEntries(
  Object.entries(enumTypes).map(([name, ref]) => [name, operatorInput(`${name}Filter`, ref, EQUALITY)]),
);

export function operatorFilterFor(field: Pick<FieldSpec, 'kind' | 'enumName'>) {
  if (field.kind === 'enum') return enumFilters[field.enumName!]!;
  return scalarFilters[field.kind as Exclude<FieldKind, 'enum'>];
}

export const longFilter = scalarFilters.long;

/**
 * `{ gt: 5, lt: 10 }` on a column → SQL conditions (AND-ed by the caller). `now` is the request's
 * moment (epoch ms): calendar periods (`sinceStartOf`, `previous`) are resolved from it once, in JS,
 * so every part of a request agrees on "today".
 */
export function compileOperators(column: SQLiteColumn | SQL, filter: OperatorFilter, now?: number): SQL[] {
  const c = column as SQLiteColumn;
  const out: SQL[] = [];
  // A column encodes values itself; a computed expression gets them in driver form.
  const encode = column instanceof SQL ? driverValue : (v: unknown) => v;
  // An in/notIn list is bound as ONE JSON parameter (any length, one SQL variable), so its values
  // are encoded here as the column would encode them (Dates as epoch ms, booleans as 0/1).
  const toDriver = column instanceof SQL ? driverValue : (v: unknown) => (v == null ? null : c.mapToDriverValue(v));
  const jsonList = (values: unknown[]) => JSON.stringify(values.map(toDriver));
  for (const [op, raw] of Object.entries(filter) as [Operator, unknown][]) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.map(encode) : encode(raw);
    if (value === null && op !== 'eq' && op !== 'ne') continue;
    switch (op) {
      case 'eq':
        out.push(value === null ? isNull(c) : eq(c, value));
        break;
      case 'ne':
        out.push(value === null ? isNotNull(c) : ne(c, value));
        break;
      case 'gt':
        out.push(gt(c, value));
        break;
      case 'gte':
        out.push(gte(c, value));
        break;
      case 'lt':
        out.push(lt(c, value));
        break;
      case 'lte':
        out.push(lte(c, value));
        break;
      case 'in':
        out.push((raw as unknown[]).length ? inKeys(column, jsonList(raw as unknown[])) : sql`false`);
        break;
      case 'notIn':
        if ((raw as unknown[]).length) out.push(not(inKeys(column, jsonList(raw as unknown[]))));
        break;
      case 'isNull':
        out.push(value ? isNull(c) : isNotNull(c));
        break;
      case 'contains':
        out.push(foldedLike(column, `%${likeLiteral(fold(value as string))}%`));
        break;
      case 'startsWith':
        out.push(foldedLike(column, `${likeLiteral(fold(value as string))}%`));
        break;
      case 'endsWith':
        out.push(foldedLike(column, `%${likeLiteral(fold(value as string))}`));
        break;
      case 'like':
        out.push(caseSensitiveLike(column, value as string));
        break;
      case 'ilike':
        out.push(foldedLike(column, fold(value as string)));
        break;
      case 'regex':
        out.push(regexMatch(column, value as string));
        break;
      case 'sinceStartOf':
      case 'previous': {
        if (now === undefined) throw new Error(`${op} needs the request's moment`);
        const span = calendarSpan(op, value as Interval, filter.timeZone as string | null | undefined, now);
        out.push(and(gte(c, encode(new Date(span.from))), span.endsNow ? lte(c, param.now) : lt(c, encode(new Date(span.to))))!);
        break;
      }
      case 'timeZone':
        // Read with sinceStartOf / previous (checkFilterSize refuses it alone).
        break;
      case 'withinLast':
        // The request's moment is a statement parameter: the statement's shape stays cacheable.
        out.push(and(gte(c, sql`(cast(${param.now} as bigint) - ${sql.raw(String(durationMs(value as string)))})`), lte(c, param.now))!);
        break;
    }
  }
  return out;
}

export type EntityFilter = Record<string, unknown> & {
  and?: EntityFilter[] | null;
  or?: EntityFilter[] | null;
  not?: EntityFilter | null;
};

/** Extra filter fields an entity has beyond its own columns (parent dimensions, properties). */
export interface FilterExtension<Ctx> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fields: (t: any) => Record<string, unknown>;
  compile: (filter: EntityFilter, ctx: Ctx) => SQL[];
}

export interface EntityFilterType<Ctx extends ReadScope> {
  ref: ReturnType<typeof builder.inputRef<EntityFilter>>;
  compile(filter: EntityFilter | null | undefined, ctx: Ctx): SQL | undefined;
}

/** `<Entity>Filter` with one operator input per filterable field, and/or/not, and extensions. */
export function entityFilter<Ctx extends ReadScope>(entity: EntitySpec, extension?: () => FilterExtension<Ctx>): EntityFilterType<Ctx> {
  const ref = builder.inputRef<EntityFilter>(`${entity.name}Filter`);
  const filterable = entity.fields.filter((f) => f.filterable);
  const openEnums = filterable.filter((f) => f.kind === 'enum');
  ref.implement({
    description: `Conditions on ${entity.name}; all given conditions must hold.`,
    fields: (t) => ({
      ...Object.fromEntries(filterable.map((f) => [f.name, t.field({ type: operatorFilterFor(f) as never, required: false, description: f.description })])),
      ...Object.fromEntries(
        openEnums.map((f) => [rawName(f), t.field({ type: scalarFilters.string, required: false, description: `On the text of \`${f.name}\` as sent.` })]),
      ),
      ...(extension ? extension().fields(t) : {}),
      and: t.field({ type: [ref], required: false, description: 'All of these hold.' }),
      or: t.field({ type: [ref], required: false, description: 'At least one of these holds.' }),
      not: t.field({ type: ref, required: false, description: 'This does not hold.' }),
    }),
  });

  const compileChecked = (filter: EntityFilter | null | undefined, ctx: Ctx): SQL | undefined => {
    if (filter) checkFilterSize(filter);
    return compile(filter, ctx);
  };
  const compile = (filter: EntityFilter | null | undefined, ctx: Ctx): SQL | undefined => {
    if (!filter) return undefined;
    const parts: SQL[] = [];
    for (const f of filterable) {
      const ops = filter[f.name] as OperatorFilter | null | undefined;
      if (ops) parts.push(...compileOperators(f.expression ? f.expression(ctx) : f.column, ops, ctx.now));
    }
    for (const f of openEnums) {
      const ops = filter[rawName(f)] as OperatorFilter | null | undefined;
      if (ops) parts.push(...compileOperators(f.column, ops, ctx.now));
    }
    if (extension) parts.push(...extension().compile(filter, ctx));
    if (filter.and?.length) parts.push(...filter.and.map((f) => compile(f, ctx) ?? sql`1`));
    if (filter.or?.length) parts.push(or(...filter.or.map((f) => compile(f, ctx) ?? sql`1`))!);
    if (filter.not) {
      const inner = compile(filter.not, ctx);
      // NOT over NULL is NULL; coalesce so "not (x = 1)" keeps rows where x is null.
      parts.push(inner ? not(sql`coalesce(${inner}, false)`) : sql`false`);
    }
    return parts.length ? and(...parts) : undefined;
  };

  return { ref, compile: compileChecked };
}

export type RelationFilterInput = { some?: EntityFilter | null; none?: EntityFilter | null; every?: EntityFilter | null };
const RELATION_KEYS = new Set(['some', 'none', 'every']);

/**
 * `<Type>ListFilter { some none every }`: conditions on a list of related rows (a session's
 * actions, a person's recordings), each a filter of the related type. `related(where)` is the
 * caller's `exists (…)` over the rows related to the outer row that also pass `where`: the one
 * place that knows how the two are linked. `{}` is a condition here: `some: {}` means the list is
 * not empty, `none: {}` that it is.
 */
export interface RelationFilterType<Ctx> {
  ref: ReturnType<typeof builder.inputRef<RelationFilterInput>>;
  compile(filter: RelationFilterInput, ctx: Ctx, related: (where: SQL | undefined) => SQL): SQL[];
}

export function relationFilter<Ctx extends ReadScope>(typeName: string, plural: string, child: () => EntityFilterType<Ctx>): RelationFilterType<Ctx> {
  const ref = builder.inputRef<RelationFilterInput>(`${typeName}ListFilter`);
  ref.implement({
    description: `Which of the related ${plural} must match; all given conditions must hold.`,
    fields: (t) => ({
      some: t.field({ type: child().ref, required: false, description: `At least one of the ${plural} matches (\`{}\`: there is at least one).` }),
      none: t.field({ type: child().ref, required: false, description: `None of the ${plural} matches (\`{}\`: there are none).` }),
      every: t.field({ type: child().ref, required: false, description: `Every one of the ${plural} matches (true when there are none).` }),
    }),
  });
  const compile = (filter: RelationFilterInput, ctx: Ctx, related: (where: SQL | undefined) => SQL): SQL[] => {
    const parts: SQL[] = [];
    if (filter.some) parts.push(related(child().compile(filter.some, ctx)));
    if (filter.none) parts.push(not(related(child().compile(filter.none, ctx))));
    if (filter.every) {
      const where = child().compile(filter.every, ctx);
      // A row for which the condition is NULL does not match it: coalesce, so "not every" counts it.
      if (where) parts.push(not(related(not(sql`coalesce(${where}, false)`))));
    }
    return parts;
  };
  return { ref, compile };
}

function tooBig(what: string, value: number, max: number, path?: string): GraphQLError {
  const where = path ? ` at "${path}"` : '';
  return new GraphQLError(`The filter's ${what}${where} is ${value}, over the limit of ${max}`, {
    extensions: { code: 'BAD_USER_INPUT', argumentName: 'filter', limit: what, value, max, ...(path ? { path } : {}) },
  });
}

function badValue(path: string, reason: string): GraphQLError {
  return new GraphQLError(`Invalid filter value at "${path}": ${reason}`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'filter', path } });
}

/**
 * Filters become SQL expressions, and SQLite caps expression depth, bound variables and LIKE
 * patterns: a filter too deep, too wide, with too long an `in` list or `contains` text, or with a
 * number that is not finite, is refused up front, with where and why.
 */
export function checkFilterSize(filter: object): void {
  let conditions = 0;
  const count = (path: string) => {
    if (++conditions > QUERY_LIMITS.filterConditions) throw tooBig('number of conditions', conditions, QUERY_LIMITS.filterConditions, path);
  };
  const walk = (value: unknown, depth: number, path: string, key: string): void => {
    if (Array.isArray(value)) {
      if (value.length > QUERY_LIMITS.inValues) throw tooBig('list length', value.length, QUERY_LIMITS.inValues, path);
      // An `in` list is one condition; a list of filters (and/or/property) is many.
      if (value.every((v) => !v || typeof v !== 'object' || v instanceof Date)) {
        value.forEach((v, i) => checkValue(v, `${path}[${i}]`, key));
        count(path);
      } else value.forEach((item, i) => walk(item, depth, `${path}[${i}]`, key));
      return;
    }
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      if (depth > QUERY_LIMITS.filterDepth) throw tooBig('nesting depth', depth, QUERY_LIMITS.filterDepth, path);
      // `country: {}` would match every row without a word: a condition must say something.
      if (path && !RELATION_KEYS.has(key) && Object.values(value).every((v) => v === undefined)) {
        throw badValue(path, 'an empty condition matches everything: give at least one operator (eq, in, gt, …) or leave it out');
      }
      const relative = value as { timeZone?: unknown; sinceStartOf?: unknown; previous?: unknown };
      if (relative.timeZone != null && relative.sinceStartOf == null && relative.previous == null) {
        throw badValue(`${path}.timeZone`, 'timeZone applies to sinceStartOf and previous: give one of them');
      }
      for (const [k, v] of Object.entries(value)) walk(v, depth + 1, path ? `${path}.${k}` : k, k);
      return;
    }
    checkValue(value, path, key);
    count(path);
  };
  walk(filter, 0, '', '');
}

/** A value SQLite would fail on, or silently mistake: refused with where and why. */
function checkValue(value: unknown, path: string, key: string): void {
  if (typeof value === 'number' && !Number.isFinite(value)) throw badValue(path, `${value} is not a finite number`);
  if (value instanceof Date && Number.isNaN(value.getTime())) throw badValue(path, 'not a valid date');
  if (key === 'timeZone' && typeof value === 'string' && !isValidTimeZone(value)) {
    throw badValue(path, `unknown time zone "${value.slice(0, 64)}": use an IANA name such as "Europe/Vienna"`);
  }
  if (!isTextSearch(key) || typeof value !== 'string') return;
  if (value.length > MAX_MATCH_TEXT) throw badValue(path, `the ${key} text has ${value.length} characters, over the limit of ${MAX_MATCH_TEXT}`);
  try {
    if (key === 'like' || key === 'ilike') checkLikePattern(value);
    if (key === 'regex') checkRegex(value);
  } catch (e) {
    if (!(e instanceof PatternError)) throw e;
    throw badValue(path, `the ${key} pattern is not supported: ${e.message}`);
  }
}
