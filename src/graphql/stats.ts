/**
 * Aggregation over an entity, generated from its description: `<Entity>Stats` rows with
 * `dimensions { … bucket property }`, `count`, and `avg/sum/min/max/median/percentile/countDistinct
 * (field:)`. The resolver reads which aggregates the query selects (and which `orderBy`/`having`
 * need) and computes them all in ONE SQL statement, in SQLite; empty time buckets are added
 * afterwards so a chart has no holes.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import {
  getArgumentValues,
  getNamedType,
  GraphQLError,
  GraphQLObjectType,
  type GraphQLResolveInfo,
} from 'graphql';
import { bucketSql, bucketStart, countBuckets, isValidTimeZone, nextBucket, type Interval } from '../db/buckets.js';
import { medianOf, orderTerm, percentileOf } from '../db/dialect.js';
import type { EntitySpec, ReadScope } from '../model/fields.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { IntervalEnum, SortDirection } from './enums.js';
import { calendarSpan, durationMs, type EntityFilterType, type EntityFilter } from './filters.js';
import { fieldEnumName, graphqlTypeOf } from './fields.js';
import { aggregate, QUERY_LIMITS } from './limits.js';
import { selectedFields } from './selection.js';
import type { Table } from './lists.js';

export const MAX_GROUPS = 10_000;
/** How far before and after the request's moment buckets in a time zone are computed from precomputed offsets (see timeSpan). */
const ZONE_SPAN_BEFORE_MS = 50 * 366 * 86_400_000;
const ZONE_SPAN_AFTER_MS = 5 * 366 * 86_400_000;


type AggregateKind = 'count' | 'avg' | 'sum' | 'min' | 'max' | 'median' | 'percentile' | 'countDistinct';

export const StatsAggregate = builder.enumType('StatsAggregate', {
  description: 'An aggregate to order or filter groups by.',
  values: {
    COUNT: { value: 'count', description: 'How many rows the group holds (needs no `field`).' },
    AVG: { value: 'avg', description: 'Mean of `field`.' },
    SUM: { value: 'sum', description: 'Sum of `field`.' },
    MIN: { value: 'min', description: 'Smallest value of `field`.' },
    MAX: { value: 'max', description: 'Largest value of `field`.' },
    MEDIAN: { value: 'median', description: 'Exact median of `field`.' },
    PERCENTILE: { value: 'percentile', description: 'Exact percentile `p` (0–100) of `field`.' },
    COUNT_DISTINCT: { value: 'countDistinct', description: 'How many distinct values `field` has.' },
  } as const,
});

/** One aggregate the statement computes, named by what it is. */
interface Aggregate {
  kind: AggregateKind;
  field?: string;
  p?: number;
  /** A long/double custom property of the row instead of a field. */
  property?: string;
}
const aggregateKey = (a: Aggregate) => JSON.stringify([a.kind, a.field ?? '', a.p ?? '', a.property ?? '']);
const kindOfKey = (key: string) => (JSON.parse(key) as [AggregateKind])[0];

/** The value types of custom properties, for grouping by one. */
const PropertyValueType = builder.enumType('PropertyValueType', {
  description: 'The value type of a custom property.',
  values: {
    STRING: { value: 'string', description: 'Text (StringProperty).' },
    LONG: { value: 'long', description: 'An integer (LongProperty).' },
    DOUBLE: { value: 'double', description: 'A floating-point number (DoubleProperty).' },
    DATE: { value: 'date', description: 'A date (DateProperty).' },
  } as const,
});
type PropertyValueKind = 'string' | 'long' | 'double' | 'date';

export interface StatsRow {
  dimensions: Record<string, unknown>;
  values: Record<string, number | null>;
}

export interface StatsExtras {
  /** countDistinct fields beyond the entity's own columns (e.g. PERSON). */
  distinct?: Record<string, { description: string; expression: SQL }>;
  /** The table holding the entity's custom string properties, for `groupByProperty`. */
  properties?: { table: Table & Record<'key' | 'type' | 'stringValue' | 'longValue' | 'doubleValue' | 'dateValue', SQLiteColumn>; owner: SQLiteColumn };
  timeField: string;
  /** Rows the caller may see at all. */
  visible?: (scope: ReadScope) => SQL;
}

interface StatsArgs {
  filter?: EntityFilter | null;
  groupBy?: string[] | null;
  groupByProperty?: string | null;
  groupByPropertyType?: PropertyValueKind | null;
  interval?: Interval | null;
  timeZone?: string | null;
  first?: number | null;
  orderBy?: { by?: AggregateKind | null; field?: string | null; p?: number | null; property?: string | null; dimension?: string | null; direction?: 'asc' | 'desc' | null }[] | null;
  having?: ({ aggregate: AggregateKind; field?: string | null; p?: number | null; property?: string | null } & Partial<Record<'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte', number | null>>)[] | null;
}

function badInput(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(argumentName ? { argumentName } : {}) } });
}

/** Every aggregate field selected under the stats rows, through fragments, with its arguments. */
function selectedAggregates(info: GraphQLResolveInfo): Aggregate[] {
  const fields = (getNamedType(info.returnType) as GraphQLObjectType).getFields();
  return selectedFields(info.fieldNodes.map((n) => n.selectionSet), info.fragments).flatMap((selection) => {
    const def = fields[selection.name.value];
    if (!def || selection.name.value === 'dimensions' || selection.name.value === 'count') return [];
    const args = getArgumentValues(def, selection, info.variableValues) as { field?: string; p?: number; property?: string };
    return [{ kind: selection.name.value as AggregateKind, field: args.field, p: args.p, property: args.property }];
  });
}

/** An aggregate named in orderBy or having. */
function asAggregate(kind: AggregateKind, o: { field?: string | null; p?: number | null; property?: string | null }): Aggregate {
  return { kind, field: o.field ?? undefined, p: o.p ?? undefined, property: o.property ?? undefined };
}

/**
 * A custom property value as the API writes it as text (a grouped value, propertyKeys' samples),
 * the same from both stores: SQLite writes 1.0 where PostgreSQL writes 1, dates come as epoch ms,
 * JSON booleans as 1 or true. `type`: a Dynatrace value type, or a person property's JSON type.
 */
export function propertyText(type: string, value: unknown): string {
  if (type === 'date') return new Date(Number(value)).toISOString();
  if (type === 'long' || type === 'double' || type === 'number') return String(Number(value));
  if (type === 'boolean') return String(value === true || value === 1 || value === '1' || value === 'true');
  return String(value);
}

function checkPercentile(p: number | undefined): void {
  if (p === undefined || !(p >= 0 && p <= 100)) throw badInput(`percentile "p" must be between 0 and 100 (got ${p})`, 'p');
}

/** Adds the `<name>` root field and its types for one entity. */
export function defineStats<Ctx extends Context>(
  rootField: string,
  entity: EntitySpec<Table>,
  filter: EntityFilterType<Ctx>,
  extras: StatsExtras,
) {
  const name = entity.name;
  const dimensions = entity.fields.filter((f) => f.dimension);
  const measures = entity.fields.filter((f) => f.measure);
  const byName = new Map(entity.fields.map((f) => [f.name, f]));
  const distinctExtras = extras.distinct ?? {};
  const timeColumn = entity.field(extras.timeField).column;

  const DimensionEnum = builder.enumType(`${name}Dimension`, {
    description: `What ${name} stats can be grouped by.`,
    values: Object.fromEntries(dimensions.map((f) => [fieldEnumName(f.name), { value: f.name, description: f.description }])),
  });
  // An entity without numeric fields (UserEvent, UserError) has counts only: no Measure enum (an
  // enum needs a value) and no avg/sum/min/max/median/percentile.
  const MeasureEnum = measures.length
    ? builder.enumType(`${name}Measure`, {
        description: `The numeric fields of ${name} that can be aggregated (booleans count as 0/1).`,
        values: Object.fromEntries(measures.map((f) => [fieldEnumName(f.name), { value: f.name, description: f.description }])),
      })
    : null;
  const DistinctEnum = builder.enumType(`${name}DistinctField`, {
    description: `What countDistinct can count on ${name}.`,
    values: {
      ...Object.fromEntries([...dimensions, ...measures].map((f) => [fieldEnumName(f.name), { value: f.name, description: f.description }])),
      ...Object.fromEntries(Object.entries(distinctExtras).map(([k, v]) => [fieldEnumName(k), { value: k, description: v.description }])),
    },
  });

  const Dimensions = builder.objectRef<Record<string, unknown>>(`${name}StatsDimensions`).implement({
    description: `The grouped values of one ${name} stats row (null for dimensions not grouped by).`,
    fields: (f) => ({
      ...Object.fromEntries(
        dimensions.map((d) => [
          d.name,
          f.field({ type: graphqlTypeOf(d) as never, nullable: true, description: d.description, resolve: (row) => row[d.name] as never }),
        ]),
      ),
      bucket: f.field({ type: 'DateTime', nullable: true, description: 'Start of the time bucket, with `interval`.', resolve: (row) => row.bucket as Date | null }),
      property: f.string({ nullable: true, description: 'The value of the `groupByProperty` custom property.', resolve: (row) => row.property as string | null }),
    }),
  });

  const Row = builder.objectRef<StatsRow>(`${name}Stats`).implement({
    description: `One group of ${name}s and its aggregates, all computed in one SQL statement.`,
    fields: (f) => {
      const measureArgs = {
        field: f.arg({ type: MeasureEnum!, required: false, description: 'The field to aggregate; the result is in its unit (give `field` or `property`).' }),
        ...(extras.properties ? { property: f.arg.string({ required: false, description: 'A custom property holding numbers (long or double) to aggregate instead of a field.' }) } : {}),
      };
      const measureAggregate = (kind: AggregateKind, description: string) =>
        f.float({
          nullable: true,
          description,
          args: measureArgs,
          resolve: (row, args) => row.values[aggregateKey({ kind, field: args.field ?? undefined, property: (args as { property?: string | null }).property ?? undefined })] ?? null,
        });
      const counts = {
        dimensions: f.field({ type: Dimensions, description: 'The values the group shares: its dimensions, time bucket and property.', resolve: (row) => row.dimensions }),
        count: f.int({ description: 'How many rows the group holds.', resolve: (row) => row.values[aggregateKey({ kind: 'count' })] ?? 0 }),
        countDistinct: f.int({
          description: 'How many distinct non-null values.',
          args: { field: f.arg({ type: DistinctEnum, required: true, description: 'The field whose distinct values are counted.' }) },
          resolve: (row, args) => row.values[aggregateKey({ kind: 'countDistinct', field: args.field })] ?? 0,
        }),
      };
      if (!MeasureEnum) return counts;
      return {
        ...counts,
        avg: measureAggregate('avg', 'Mean of the non-null values.'),
        sum: measureAggregate('sum', 'Sum of the non-null values.'),
        min: measureAggregate('min', 'Smallest value.'),
        max: measureAggregate('max', 'Largest value.'),
        median: measureAggregate('median', 'Exact median.'),
        percentile: f.float({
          nullable: true,
          description: 'Exact percentile `p` (0–100), interpolated between neighbouring values.',
          args: { ...measureArgs, p: f.arg.float({ required: true, description: 'The percentile, 0–100 (50 is the median).' }) },
          resolve: (row, args) =>
            row.values[aggregateKey({ kind: 'percentile', field: args.field ?? undefined, p: args.p, property: (args as { property?: string | null }).property ?? undefined })] ?? null,
        }),
      };
    },
  });

  const Order = builder.inputType(`${name}StatsOrder`, {
    description: 'Order groups by an aggregate (`by`, with `field`/`p` where it needs them) or by a grouped `dimension`.',
    fields: (f) => ({
      by: f.field({ type: StatsAggregate, required: false, description: 'Order by this aggregate of each group (give `by` or `dimension`).' }),
      field: f.field({ type: DistinctEnum, required: false, description: 'The field the aggregate is over.' }),
      p: f.float({ required: false, description: 'For PERCENTILE: 0–100.' }),
      ...(extras.properties ? { property: f.string({ required: false, description: 'A numeric custom property the aggregate is over, instead of `field`.' }) } : {}),
      dimension: f.field({ type: DimensionEnum, required: false, description: 'Order by this grouped dimension (give `by` or `dimension`).' }),
      direction: f.field({ type: SortDirection, required: true, defaultValue: 'desc', description: 'Default DESC: largest first.' }),
    }),
  });

  const Condition = builder.inputType(`${name}StatsCondition`, {
    description: 'A condition on an aggregate of the group (SQL HAVING, USQL FILTER).',
    fields: (f) => ({
      aggregate: f.field({ type: StatsAggregate, required: true, description: 'The aggregate of the group to compare.' }),
      field: f.field({ type: DistinctEnum, required: false, description: 'The field the aggregate is over (all but COUNT need one).' }),
      p: f.float({ required: false, description: 'For PERCENTILE: 0–100.' }),
      ...(extras.properties ? { property: f.string({ required: false, description: 'A numeric custom property the aggregate is over, instead of `field`.' }) } : {}),
      eq: f.float({ required: false, description: 'The aggregate equals this.' }),
      ne: f.float({ required: false, description: 'The aggregate does not equal this.' }),
      gt: f.float({ required: false, description: 'The aggregate is greater than this.' }),
      gte: f.float({ required: false, description: 'The aggregate is greater than or equal to this.' }),
      lt: f.float({ required: false, description: 'The aggregate is less than this.' }),
      lte: f.float({ required: false, description: 'The aggregate is less than or equal to this.' }),
    }),
  });

  /** SQL for one aggregate, checked against what the field allows. */
  function aggregateSql(a: Aggregate, argumentName: string, scope: ReadScope): SQL {
    if (a.kind === 'count') return sql`count(*)`;
    if (a.property !== undefined && a.field !== undefined) throw badInput(`${a.kind.toUpperCase()} takes a "field" or a "property", not both`, argumentName);
    if (a.property !== undefined) {
      if (a.kind === 'countDistinct' || !extras.properties) throw badInput(`${a.kind.toUpperCase()} of a custom property is not offered on ${name}`, argumentName);
      return measureSql(a, numericProperty(a.property));
    }
    if (!a.field) throw badInput(`${a.kind.toUpperCase()} needs a "field"`, argumentName);
    if (a.kind === 'countDistinct') {
      const spec = byName.get(a.field);
      const expr = distinctExtras[a.field]?.expression ?? (spec?.expression ? spec.expression(scope) : spec?.column);
      return sql`count(distinct ${expr})`;
    }
    const spec = byName.get(a.field);
    if (!spec?.measure) throw badInput(`${a.field} is not a numeric field of ${name}; ${a.kind} needs one`, argumentName);
    const value = spec.expression ? spec.expression(scope) : spec.column;
    // A yes/no measure (a bounce) averages as 0/1: SQLite stores it so, PostgreSQL needs the cast.
    return measureSql(a, spec.kind === 'bool' ? sql`cast(${value} as integer)` : value);
  }

  /** The row's value of a custom property of one type (its first, if the export repeated the key). */
  function propertyValue(key: string, types: PropertyValueKind[], column: SQLiteColumn | SQL): SQL {
    const p = extras.properties!;
    const typed = sql.join(types.map((type) => sql`${type}`), sql`, `);
    return sql`(select ${column} from ${p.table} where ${p.owner} = ${entity.table.pk} and ${p.table.key} = ${key} and ${p.table.type} in (${typed}) order by ${p.table.pk} limit 1)`;
  }

  /** A long or double custom property as a number. */
  function numericProperty(key: string): SQL {
    const p = extras.properties!.table;
    return propertyValue(key, ['long', 'double'], sql`coalesce(${p.doubleValue}, ${p.longValue})`);
  }

  function measureSql(a: Aggregate, column: SQLiteColumn | SQL): SQL {
    switch (a.kind) {
      case 'avg':
        return sql`avg(${column})`;
      case 'sum':
        return sql`sum(${column})`;
      case 'min':
        return sql`min(${column})`;
      case 'max':
        return sql`max(${column})`;
      case 'median':
        return medianOf(column);
      case 'percentile':
        checkPercentile(a.p);
        return percentileOf(column, a.p!);
      default:
        throw new Error(`${a.kind} is not a measure aggregate`);
    }
  }

  async function resolve(args: StatsArgs, ctx: Ctx, info: GraphQLResolveInfo): Promise<StatsRow[]> {
    const groupBy = [...new Set(args.groupBy ?? [])];
    const interval = args.interval ?? null;
    const timeZone = args.timeZone ?? 'UTC';
    if (!isValidTimeZone(timeZone)) throw badInput(`Unknown timeZone "${timeZone.slice(0, 64)}": use an IANA name such as "Europe/Vienna"`, 'timeZone');
    if (args.first != null && (args.first < 1 || args.first > MAX_GROUPS)) {
      throw badInput(`"first" must be between 1 and ${MAX_GROUPS} (got ${args.first})`, 'first');
    }
    if (args.groupByProperty != null && !extras.properties) throw badInput(`${name} has no custom properties`, 'groupByProperty');
    if ((args.orderBy?.length ?? 0) > QUERY_LIMITS.orderTerms) {
      throw badInput(`orderBy has ${args.orderBy!.length} terms, over the limit of ${QUERY_LIMITS.orderTerms}`, 'orderBy');
    }
    if ((args.having?.length ?? 0) > QUERY_LIMITS.havingConditions) {
      throw badInput(`having has ${args.having!.length} conditions, over the limit of ${QUERY_LIMITS.havingConditions}`, 'having');
    }

    // Every aggregate the statement must compute: selected, ordered by, or filtered on.
    const aggregates = new Map<string, Aggregate & { argumentName: string }>();
    const need = (a: Aggregate, argumentName: string) => aggregates.set(aggregateKey(a), { ...a, argumentName });
    need({ kind: 'count' }, 'count');
    for (const a of selectedAggregates(info)) need(a, a.kind);
    for (const o of args.orderBy ?? []) if (o.by) need(asAggregate(o.by, o), 'orderBy');
    for (const h of args.having ?? []) need(asAggregate(h.aggregate, h), 'having');

    // A filled series (time order: no having, first or orderBy) over a filter's whole startTime
    // range: refused before any SQL when the range alone holds too many buckets.
    const HAVING_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const;
    const hasHaving = (args.having ?? []).some((h) => HAVING_OPS.some((op) => h[op] != null));
    const fills = interval != null && !hasHaving && args.first == null && !args.orderBy?.length;
    if (fills) {
      const range = timeRange(args.filter, extras.timeField, ctx.now);
      if (range.from != null && range.to != null) {
        const first = bucketStart(range.from, interval, timeZone);
        const buckets = countBuckets(first, range.to, interval, timeZone, MAX_GROUPS);
        if (buckets > MAX_GROUPS) throw tooManyBuckets(buckets, interval, first, range.to);
      }
    }

    const groups: { key: string; expression: SQL }[] = groupBy.map((d) => {
      const spec = byName.get(d)!;
      return { key: d, expression: spec.expression ? spec.expression(ctx) : sql`${spec.column}` };
    });
    if (interval) groups.push({ key: 'bucket', expression: bucketSql(timeColumn, interval, timeZone, timeZone === 'UTC' ? undefined : await timeSpan(ctx, args.filter)) });
    const propertyType = args.groupByPropertyType ?? 'string';
    if (args.groupByProperty != null && extras.properties) {
      const p = extras.properties;
      groups.push({
        key: 'property',
        expression: propertyValue(args.groupByProperty, [propertyType], p.table[`${propertyType}Value`]),
      });
    }

    const selection: Record<string, SQL.Aliased> = {};
    groups.forEach((g, i) => (selection[`g${i}`] = sql`${g.expression}`.as(`g${i}`)));
    const aggregateExpression = new Map([...aggregates].map(([k, a]) => [k, aggregateSql(a, a.argumentName, ctx)]));
    [...aggregateExpression.values()].forEach((expression, i) => (selection[`a${i}`] = sql`${expression}`.as(`a${i}`)));
    const aggregateAlias = new Map([...aggregates.keys()].map((k, i) => [k, `a${i}`]));

    // HAVING names the aggregate itself: PostgreSQL does not resolve output aliases there.
    const having = (args.having ?? []).flatMap((h) => {
      const alias = aggregateExpression.get(aggregateKey(asAggregate(h.aggregate, h)))!;
      const ops = { eq: '=', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
      return (Object.keys(ops) as (keyof typeof ops)[]).filter((op) => h[op] != null).map((op) => sql`${alias} ${sql.raw(ops[op])} ${h[op]}`);
    });

    const order: SQL[] = [];
    for (const o of args.orderBy ?? []) {
      const direction = o.direction === 'asc' ? 'asc' : 'desc';
      if (o.by) {
        order.push(orderTerm(sql.raw(`"${aggregateAlias.get(aggregateKey(asAggregate(o.by, o)))}"`), direction));
      } else if (o.dimension) {
        const i = groups.findIndex((g) => g.key === o.dimension);
        if (i < 0) throw badInput(`orderBy dimension ${fieldEnumName(o.dimension)} is not in groupBy`, 'orderBy');
        order.push(orderTerm(sql.raw(`"g${i}"`), direction));
      } else {
        throw badInput('each orderBy needs "by" (an aggregate) or "dimension"', 'orderBy');
      }
    }
    // Time series read left to right; plain groups biggest first. Group keys break ties.
    if (interval && !order.length) order.push(orderTerm(sql.raw(`"g${groups.findIndex((g) => g.key === 'bucket')}"`), 'asc'));
    if (!order.length) order.push(sql`count(*) desc`);
    groups.forEach((_, i) => order.push(orderTerm(sql.raw(`"g${i}"`), 'asc')));

    const limit = Math.min(args.first ?? MAX_GROUPS + 1, MAX_GROUPS + 1);
    const base = ctx.store.db
      .select(selection)
      .from(entity.table)
      .where(and(eq(entity.table.project, ctx.project), extras.visible?.(ctx), filter.compile(args.filter, ctx)));
    const grouped = groups.length ? base.groupBy(...groups.map((_, i) => sql.raw(`"g${i}"`))) : base;
    const withHaving = having.length ? grouped.having(and(...having)) : grouped;
    const rows = (await ctx.sql.all(withHaving.orderBy(...order).limit(limit))) as Record<string, unknown>[];
    if (rows.length > MAX_GROUPS) {
      throw badInput(`The stats produce more than ${MAX_GROUPS} groups; narrow the filter, group by less, or pass "first"`, 'groupBy');
    }

    let result: StatsRow[] = rows.map((r) => ({
      dimensions: Object.fromEntries(
        groups.map((g, i) => {
          const v = r[`g${i}`];
          if (g.key === 'bucket') return [g.key, v == null ? null : new Date(Number(v))];
          if (g.key === 'property') return [g.key, v == null ? null : propertyText(propertyType, v)];
          const spec = byName.get(g.key);
          return [g.key, spec?.kind === 'bool' && v != null ? Boolean(v) : v];
        }),
      ),
      values: Object.fromEntries([...aggregates.keys()].map((k) => [k, (r[aggregateAlias.get(k)!] as number | null) ?? null])),
    }));
    if (fills) result = fillBuckets(result, args, interval!, timeZone, [...aggregates.keys()], ctx.now);
    return result;
  }

  /**
   * The range the time column's values lie in, for buckets in a time zone (bucketSql): the
   * filter's startTime range where it pins both ends, else the project's earliest and latest
   * values (two lookups at the ends of the (project, time) index) within it.
   */
  async function timeSpan(ctx: Ctx, filter: EntityFilter | null | undefined): Promise<{ from: number; to: number }> {
    const range = timeRange(filter, extras.timeField, ctx.now);
    let from = range.from ?? -Infinity;
    let to = range.to ?? Infinity;
    if (range.from == null || range.to == null) {
      const table = entity.table;
      const project = eq(table.project, ctx.project);
      const [ends] = await ctx.sql.raw<{ lo: number | null; hi: number | null }>(
        sql`select (select min(${timeColumn}) from ${table} where ${project}) as lo, (select max(${timeColumn}) from ${table} where ${project}) as hi`,
      );
      if (ends?.lo == null || ends.hi == null) return { from: ctx.now, to: ctx.now };
      from = Math.max(from, Number(ends.lo));
      to = Math.min(to, Number(ends.hi));
    }
    // The zone's offsets are looked up over this span (twice a year in most zones): one stray
    // timestamp in year 9999 must not make that thousands of pieces. Values outside the span
    // are still bucketed exactly, row by row (sg_bucket).
    from = Math.max(from, ctx.now - ZONE_SPAN_BEFORE_MS);
    to = Math.min(to, ctx.now + ZONE_SPAN_AFTER_MS);
    return { from, to: Math.max(from, to) };
  }

  /**
   * Adds count-0 rows for the buckets with no data, per combination of the other dimensions.
   * The size of the filled series (series × buckets) is checked before anything is filled.
   */
  function fillBuckets(rows: StatsRow[], args: StatsArgs, interval: Interval, timeZone: string, keys: string[], now: number): StatsRow[] {
    const range = timeRange(args.filter, extras.timeField, now);
    let min = Infinity;
    let max = -Infinity;
    for (const r of rows) {
      const time = (r.dimensions.bucket as Date | null)?.getTime();
      if (time == null) continue;
      if (time < min) min = time;
      if (time > max) max = time;
    }
    if (min === Infinity && (range.from == null || range.to == null)) return rows;
    const first = bucketStart(range.from ?? min, interval, timeZone);
    const last = range.to != null ? range.to : max + 1;
    const seen = new Map<string, StatsRow>();
    const series = new Map<string, Record<string, unknown>>();
    for (const r of rows) {
      const { bucket, ...rest } = r.dimensions;
      const seriesKey = JSON.stringify(rest);
      series.set(seriesKey, rest);
      seen.set(`${seriesKey}|${(bucket as Date | null)?.getTime()}`, r);
    }
    if (!series.size) series.set('{}', Object.fromEntries([...new Set(args.groupBy ?? [])].map((d) => [d, null])));
    const untimed = rows.filter((r) => r.dimensions.bucket == null);
    const buckets = countBuckets(first, last, interval, timeZone, MAX_GROUPS);
    if (buckets > MAX_GROUPS) throw tooManyBuckets(buckets, interval, first, last);
    const total = series.size * buckets + untimed.length;
    if (total > MAX_GROUPS) {
      const others = series.size > 1 ? `${series.size} series (one per combination of ${[...new Set(args.groupBy ?? [])].map(fieldEnumName).join(', ') || 'property'}) × ` : '';
      throw badInput(
        `The time series would fill ${others}${buckets} ${interval.toUpperCase()} buckets from ${new Date(first).toISOString()} to ${new Date(last).toISOString()}` +
          `${untimed.length ? ` + ${untimed.length} rows without a time` : ''} = ${total} rows, more than ${MAX_GROUPS}; narrow the ${extras.timeField} range or the filter, use a wider interval, group by fewer dimensions, or pass "first" (no empty buckets)`,
        'interval',
      );
    }
    const out: StatsRow[] = [];
    for (let b = first; b < last; b = nextBucket(b, interval, timeZone)) {
      for (const [key, rest] of series) {
        out.push(
          seen.get(`${key}|${b}`) ?? {
            dimensions: { ...rest, bucket: new Date(b) },
            // An empty bucket: nothing counted or summed is 0; a mean, extreme or percentile of no values is null.
            values: Object.fromEntries(keys.map((k) => [k, ['count', 'countDistinct', 'sum'].includes(kindOfKey(k)) ? 0 : null])),
          },
        );
      }
    }
    // Rows with no time (null timestamps) keep their place at the end.
    out.push(...untimed);
    return out;
  }

  builder.queryField(rootField, (f) =>
    f.field({
      type: [Row],
      description: `Aggregates over ${name}s: group by dimensions and/or time buckets, order and filter groups by their aggregates.`,
      ...aggregate,
      args: {
        filter: f.arg({ type: filter.ref, description: `Only ${name}s matching these conditions.` }),
        groupBy: f.arg({ type: [DimensionEnum], description: 'Group by these dimensions (one row per combination); none: one group of all rows.' }),
        groupByProperty: f.arg.string({ description: 'Also group by the value of this custom property (`dimensions.property`, as text: numbers as written, dates ISO 8601).' }),
        groupByPropertyType: f.arg({ type: PropertyValueType, description: 'The value type of `groupByProperty` (default STRING): rows whose property holds another type group as null.' }),
        interval: f.arg({ type: IntervalEnum, description: 'Group into time buckets of this width (fills empty buckets).' }),
        timeZone: f.arg.string({ description: 'IANA time zone the buckets follow (default UTC).' }),
        first: f.arg.int({ description: `At most this many groups (Top-N after orderBy); at most ${MAX_GROUPS}.` }),
        orderBy: f.arg({ type: [Order], description: 'Order of the groups, then by their group values. Default: by time bucket (oldest first) with `interval`, else largest count first.' }),
        having: f.arg({ type: [Condition], description: 'Only groups whose aggregates match all conditions.' }),
      },
      resolve: (_, args, ctx, info) => resolve(args as StatsArgs, ctx as Ctx, info),
    }),
  );

  return { Row, DimensionEnum, MeasureEnum };
}

function tooManyBuckets(buckets: number, interval: Interval, first: number, last: number): GraphQLError {
  return badInput(
    `The time series has more than ${MAX_GROUPS} buckets (${buckets} ${interval.toUpperCase()} buckets from ${new Date(first).toISOString()} to ${new Date(last).toISOString()}); use a wider interval or a narrower time range`,
    'interval',
  );
}

/**
 * The time range a filter pins down at its top level, to span the filled series: its gt/gte and
 * lt/lte bounds, narrowed by the relative ones (`withinLast` and `sinceStartOf` end at the
 * request's moment `now`; `previous` is a whole calendar period before it).
 */
function timeRange(filter: EntityFilter | null | undefined, field: string, now: number): { from?: number; to?: number } {
  type TimeOps = Partial<Record<'gt' | 'gte' | 'lt' | 'lte', Date>> & { withinLast?: string | null; sinceStartOf?: Interval | null; previous?: Interval | null; timeZone?: string | null };
  const ops = (filter?.[field] ?? {}) as TimeOps;
  let from = (ops.gte ?? ops.gt)?.getTime();
  let to = ops.lt?.getTime() ?? (ops.lte ? ops.lte.getTime() + 1 : undefined);
  const narrow = (start: number, end: number) => {
    from = Math.max(from ?? -Infinity, start);
    to = Math.min(to ?? Infinity, end);
  };
  if (ops.withinLast != null) narrow(now - durationMs(ops.withinLast), now + 1);
  for (const op of ['sinceStartOf', 'previous'] as const) {
    const period = ops[op];
    if (period == null) continue;
    const span = calendarSpan(op, period, ops.timeZone, now);
    narrow(span.from, span.endsNow ? span.to + 1 : span.to);
  }
  return { from, to };
}
