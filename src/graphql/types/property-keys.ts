/**
 * `propertyKeys`: which custom property keys a project holds, with the type of their values, how
 * many sessions, actions or persons carry each, and their most frequent values — what a filter UI
 * offers (PostHog's property definitions, Dynatrace USQL's KEYS()). One statement per request.
 */
import { sql, type SQL } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { bothDialects } from '../../db/dialect.js';
import * as t from '../../db/schema.js';
import { builder } from '../builder.js';
import { param, type Context } from '../context.js';
import { aggregate } from '../limits.js';
import { propertyText } from '../stats.js';

type Owner = 'session' | 'action' | 'person';

const PropertyOwner = builder.enumType('PropertyOwner', {
  description: 'What carries custom properties.',
  values: {
    USER_SESSION: { value: 'session', description: 'Dynatrace user sessions (stringProperties, longProperties, doubleProperties, dateProperties).' },
    USER_ACTION: { value: 'action', description: 'Dynatrace user actions (their custom properties).' },
    PERSON: { value: 'person', description: "PostHog persons (the person's `properties` object)." },
  } as const,
});

const PropertyKeyType = builder.enumType('PropertyKeyType', {
  description: 'The type of a property value: Dynatrace types its custom properties; PostHog person properties are JSON values.',
  values: {
    STRING: { value: 'string', description: 'Text (Dynatrace StringProperty; a JSON string).' },
    LONG: { value: 'long', description: 'An integer (Dynatrace LongProperty).' },
    DOUBLE: { value: 'double', description: 'A floating-point number (Dynatrace DoubleProperty).' },
    DATE: { value: 'date', description: 'A date (Dynatrace DateProperty).' },
    NUMBER: { value: 'number', description: 'A JSON number (person properties).' },
    BOOLEAN: { value: 'boolean', description: 'A JSON boolean (person properties).' },
    NULL: { value: 'null', description: 'A JSON null (person properties).' },
    OBJECT: { value: 'object', description: 'A JSON object (person properties).' },
    ARRAY: { value: 'array', description: 'A JSON array (person properties).' },
  } as const,
});

interface PropertyKeyRow {
  key: string;
  type: string;
  owners: number;
  samples: string[];
}

const PropertyKey = builder.objectRef<PropertyKeyRow>('PropertyKey').implement({
  description: 'A custom property key with one type of value, as the project holds it.',
  fields: (f) => ({
    key: f.exposeString('key', { description: 'The key, exactly.' }),
    type: f.field({ type: PropertyKeyType, description: 'The type of these values (a key holding two types is listed once per type).', resolve: (k) => k.type as never }),
    owners: f.exposeInt('owners', { description: 'How many sessions, actions or persons carry the key with a value of this type.' }),
    samples: f.exposeStringList('samples', {
      description: 'Up to 5 of its values, the most frequent first, as text (numbers as written, dates ISO 8601 in UTC, booleans true/false); none for objects, arrays and nulls.',
    }),
  }),
});

const MAX_KEYS = 1_000;
const SAMPLES = 5;
const MAX_PREFIX = 1_000;

/** Every property as a row: key, its type, who carries it (owner), its value as text. */
function facts(owner: Owner, prefix: string): SQL {
  // A prefix test any collation answers the same (substr), and a lower bound an index on key can use.
  const keyed = (key: SQL) => sql`${key} >= ${prefix} and substr(${key}, 1, ${prefix.length}) = ${prefix}`;
  if (owner !== 'person') {
    const p = owner === 'session' ? t.sessionProperties : t.actionProperties;
    const ownerPk = owner === 'session' ? t.sessionProperties.sessionPk : t.actionProperties.actionPk;
    return sql`select ${p.key} as key, ${p.type} as type, ${ownerPk} as owner,
        coalesce(${p.stringValue}, cast(${p.longValue} as text), cast(${p.doubleValue} as text), cast(${p.dateValue} as text)) as value
      from ${p} where ${p.project} = ${param.project} and ${keyed(sql`${p.key}`)}`;
  }
  const person = t.persons;
  return bothDialects({
    sqlite: sql`select je.key as key,
        case je.type when 'text' then 'string' when 'integer' then 'number' when 'real' then 'number' when 'true' then 'boolean' when 'false' then 'boolean' else je.type end as type,
        ${person.pk} as owner, case when je.type in ('object', 'array') then null when je.type in ('true', 'false') then je.type else je.atom end as value
      from ${person}, json_each(${person.properties}) je
      where ${person.project} = ${param.project} and json_type(${person.properties}) = 'object' and ${keyed(sql`je.key`)}`,
    postgres: sql`select je.key as key, jsonb_typeof(je.value) as type, ${person.pk} as owner,
        case when jsonb_typeof(je.value) in ('object', 'array') then null else je.value #>> '{}' end as value
      from ${person}, jsonb_each(case when jsonb_typeof(${person.properties}) = 'object' then ${person.properties} else '{}'::jsonb end) je
      where ${person.project} = ${param.project} and ${keyed(sql`je.key`)}`,
  });
}

async function propertyKeys(ctx: Context, owner: Owner, prefix: string, first: number): Promise<PropertyKeyRow[]> {
  const rows = await ctx.sql.raw<{ key: string; type: string; owners: number | string; value: unknown }>(sql`
    with facts as (${facts(owner, prefix)}),
    counted as (
      select key, type, count(distinct owner) as owners from facts group by key, type
      order by owners desc, key, type limit ${first}
    ),
    valued as (
      select f.key, f.type, f.value, count(*) as n from facts f join counted c on c.key = f.key and c.type = f.type
      where f.value is not null group by f.key, f.type, f.value
    ),
    ranked as (select key, type, value, row_number() over (partition by key, type order by n desc, value) as rn from valued)
    select c.key as key, c.type as type, c.owners as owners, r.value as value
    from counted c left join ranked r on r.key = c.key and r.type = c.type and r.rn <= ${SAMPLES}
    order by c.owners desc, c.key, c.type, r.rn`);
  const byKey = new Map<string, PropertyKeyRow>();
  for (const row of rows) {
    const id = `${row.type}\u0000${row.key}`;
    let entry = byKey.get(id);
    if (!entry) byKey.set(id, (entry = { key: row.key, type: row.type, owners: Number(row.owners), samples: [] }));
    if (row.value !== null && row.value !== undefined) entry.samples.push(propertyText(row.type, row.value));
  }
  return [...byKey.values()];
}

function badArgument(argumentName: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argumentName } });
}

builder.queryFields((f) => ({
  propertyKeys: f.field({
    type: [PropertyKey],
    description:
      'The custom property keys of the project for one kind of owner, each with the type of its values, how many owners carry it and its most frequent values: what a filter UI offers. Most carried first, then by key.',
    ...aggregate,
    args: {
      entity: f.arg({ type: PropertyOwner, required: true, description: 'Whose properties: user sessions, user actions or persons.' }),
      prefix: f.arg.string({ required: false, description: 'Only keys starting with this text (case-sensitive), e.g. "$geoip_".' }),
      first: f.arg.int({ required: false, defaultValue: 100, description: `How many keys at most (1–${MAX_KEYS}; default 100).` }),
    },
    resolve: (_, args, ctx) => {
      const first = args.first ?? 100;
      if (!Number.isSafeInteger(first) || first < 1 || first > MAX_KEYS) throw badArgument('first', `first must be between 1 and ${MAX_KEYS}, not ${first}`);
      const prefix = args.prefix ?? '';
      if (prefix.length > MAX_PREFIX) throw badArgument('prefix', `prefix has ${prefix.length} characters, over the limit of ${MAX_PREFIX}`);
      return propertyKeys(ctx, args.entity as Owner, prefix, first);
    },
  }),
}));
