/**
 * Custom properties of sessions and actions (Dynatrace's string/long/double/date properties):
 * typed {key, value} objects, loaded for many owners at once, and the `PropertyFilter` input.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { PropertyRow } from '../../db/schema.js';
import * as t from '../../db/schema.js';
import { builder } from '../builder.js';
import { reads } from '../columns.js';
import { extraField } from '../fields.js';
import type { Context } from '../context.js';
import { compileOperators, longFilter, operatorFilterFor, type OperatorFilter } from '../filters.js';
import { groupByParent, inKeys, keyList, projectGuard, requestLoader } from '../lists.js';

const KEY_DOC = 'The custom key of the property.';

export const StringProperty = builder.objectRef<PropertyRow>('StringProperty').implement({
  description: 'A custom property with a string value (Dynatrace StringProperty).',
  fields: (f) => ({
    key: f.exposeString('key', { description: KEY_DOC }),
    value: f.string({ description: 'The string value.', resolve: (p) => p.stringValue ?? '' }),
    extra: extraField(f),
  }),
});
export const LongProperty = builder.objectRef<PropertyRow>('LongProperty').implement({
  description: 'A custom property with an integer value (Dynatrace LongProperty).',
  fields: (f) => ({
    key: f.exposeString('key', { description: KEY_DOC }),
    value: f.field({ type: 'SafeInt', description: 'The integer value (a safe 53-bit integer).', resolve: (p) => p.longValue ?? 0 }),
    extra: extraField(f),
  }),
});
export const DoubleProperty = builder.objectRef<PropertyRow>('DoubleProperty').implement({
  description: 'A custom property with a floating-point value (Dynatrace DoubleProperty).',
  fields: (f) => ({
    key: f.exposeString('key', { description: KEY_DOC }),
    value: f.float({ description: 'The floating-point value.', resolve: (p) => p.doubleValue ?? 0 }),
    extra: extraField(f),
  }),
});
export const DateProperty = builder.objectRef<PropertyRow>('DateProperty').implement({
  description: 'A custom property with a date value (Dynatrace DateProperty).',
  fields: (f) => ({
    key: f.exposeString('key', { description: KEY_DOC }),
    value: f.field({ type: 'DateTime', description: 'The date value (exports send UTC milliseconds or ISO 8601).', resolve: (p) => p.dateValue ?? new Date(0) }),
    extra: extraField(f),
  }),
});

const BY_TYPE = { string: StringProperty, long: LongProperty, double: DoubleProperty, date: DateProperty } as const;

export const PropertyValue = builder.unionType('PropertyValue', {
  description: 'One custom property, whichever its value type.',
  types: [StringProperty, LongProperty, DoubleProperty, DateProperty],
  resolveType: (p) => BY_TYPE[p.type],
});

/** The two property tables, keyed by their owner. */
export const propertyTables = {
  session: { table: t.sessionProperties, owner: t.sessionProperties.sessionPk },
  action: { table: t.actionProperties, owner: t.actionProperties.actionPk },
} as const;
export type PropertyOwner = keyof typeof propertyTables;

/** All properties of many owners, in one statement. */
async function loadProperties(ctx: Context, owner: PropertyOwner, keys: readonly number[]): Promise<Map<number, PropertyRow[]>> {
  const { table, owner: ownerColumn } = propertyTables[owner];
  const rows = await ctx.sql.shaped(
    `properties|${owner}`,
    () =>
      ctx.store.db
        .select({ ownerPk: ownerColumn, row: table })
        .from(table)
        .where(and(projectGuard(table.project), inKeys(ownerColumn)))
        .orderBy(ownerColumn, table.pk),
    keyList(keys),
  );
  return groupByParent(keys, rows, (r) => r.ownerPk, (r) => r.row as PropertyRow);
}

function propertiesOf(ctx: Context, owner: PropertyOwner, ownerPk: number): Promise<PropertyRow[]> {
  return requestLoader(ctx, `properties:${owner}`, (keys) => loadProperties(ctx, owner, keys)).load(ownerPk);
}

/**
 * `stringProperties` … `dateProperties` and `property(key)` for an owner type. All of them read
 * through one per-request loader, so selecting several costs one statement.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function propertyFields(f: any, owner: PropertyOwner): Record<string, unknown> {
  const lists = Object.fromEntries(
    (Object.keys(BY_TYPE) as (keyof typeof BY_TYPE)[]).map((type) => [
      `${type}Properties`,
      f.field({
        type: [BY_TYPE[type]],
        description: `Custom properties with ${type} values.`,
        ...reads('pk'),
        resolve: async (row: { pk: number }, _args: unknown, ctx: Context) =>
          (await propertiesOf(ctx, owner, row.pk)).filter((p) => p.type === type),
      }),
    ]),
  );
  return {
    ...lists,
    property: f.field({
      type: PropertyValue,
      nullable: true,
      description: 'The custom property with this key, whatever its type; null when absent.',
      ...reads('pk'),
      args: { key: f.arg.string({ required: true, description: 'The custom key of the property.' }) },
      resolve: async (row: { pk: number }, args: { key: string }, ctx: Context) =>
        (await propertiesOf(ctx, owner, row.pk)).find((p) => p.key === args.key) ?? null,
    }),
  };
}

export const PropertyFilter = builder.inputType('PropertyFilter', {
  description:
    'A condition on one custom property: it exists with this key and, if given, its typed value matches.',
  fields: (i) => ({
    key: i.string({ required: true, description: 'The custom key of the property.' }),
    string: i.field({ type: operatorFilterFor({ kind: 'string' }), required: false, description: 'The property has a string value matching this.' }),
    long: i.field({ type: longFilter, required: false, description: 'The property has an integer value matching this.' }),
    double: i.field({ type: operatorFilterFor({ kind: 'float' }), required: false, description: 'The property has a floating-point value matching this.' }),
    date: i.field({ type: operatorFilterFor({ kind: 'time' }), required: false, description: 'The property has a date value matching this.' }),
    exists: i.boolean({ required: false, description: 'true: the property is present (any value); false: it is absent. Instead of a typed condition.' }),
  }),
});

type PropertyCondition = {
  key: string;
  string?: OperatorFilter | null;
  long?: OperatorFilter | null;
  double?: OperatorFilter | null;
  date?: OperatorFilter | null;
  exists?: boolean | null;
};

const VALUE_TYPES = ['string', 'long', 'double', 'date'] as const;

function badProperty(index: number, key: string, reason: string): GraphQLError {
  const path = `property[${index}]`;
  return new GraphQLError(`Invalid filter value at "${path}" (key "${key}"): ${reason}`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'filter', path } });
}

/**
 * EXISTS (a property of this owner with the key and a matching typed value), or NOT EXISTS for
 * `exists: false`. A condition must say something (one value type, or `exists`); a value type
 * the key never has in this project is refused with the types it does have, where it would
 * otherwise silently match nothing (one indexed lookup per typed condition).
 */
export function propertyConditions(ctx: Context, owner: PropertyOwner, ownerPk: SQLiteColumn, filters: PropertyCondition[]): SQL[] {
  const { table, owner: ownerColumn } = propertyTables[owner];
  const valueColumns = { string: table.stringValue, long: table.longValue, double: table.doubleValue, date: table.dateValue } as const;
  return filters.map((p, index) => {
    const typed = VALUE_TYPES.filter((type) => p[type]);
    const exists = p.exists ?? null;
    if (typed.length + (exists === null ? 0 : 1) !== 1) {
      throw badProperty(index, p.key, typed.length + (exists === null ? 0 : 1) === 0
        ? 'give a condition: one of string, long, double or date, or exists: true'
        : 'give one condition: one value type (string, long, double or date) or exists, not several');
    }
    const keyed = sql`select 1 from ${table} where ${ownerColumn} = ${ownerPk} and ${eq(table.key, p.key)}`;
    if (exists !== null) return exists ? sql`exists (${keyed})` : sql`not exists (${keyed})`;
    const type = typed[0]!;
    ctx.sql.beforeNext(async () => {
      const held = (
        await ctx.sql.all(ctx.store.db.selectDistinct({ type: table.type }).from(table).where(and(eq(table.project, ctx.project), eq(table.key, p.key))).limit(4))
      ).map((r) => r.type);
      if (held.length > 0 && !held.includes(type)) {
        throw badProperty(index, p.key, `this property holds ${held.join(' and ')} values in this project, not ${type}: filter it with ${held[0]}: { … }`);
      }
    });
    return sql`exists (${keyed} and ${and(eq(table.type, type), ...compileOperators(valueColumns[type], p[type]!, ctx.now))})`;
  });
}
