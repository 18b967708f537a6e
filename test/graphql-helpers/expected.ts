/**
 * Expected API values computed from the fixture files themselves (plain JSON.parse), never from
 * the code under test: the GraphQL enum name of a wire value is its words upper-cased and joined
 * by `_` (GHDPlus → GHD_PLUS, RageClick → RAGE_CLICK, qHD → Q_HD), DateTimes compare as epoch
 * milliseconds.
 */
import { fixtureRecords, ndjsonLines, readText, type Json } from '../helpers/fixtures.js';
import { normalize, type SchemaInfo } from './introspection.js';

export type { Json };

/** The fixtures by bare file name (`posthog-list.json`), read by test/helpers/fixtures.ts. */
const inFixtures = (name: string) => `test/fixtures/${name}`;
export const fixtureText = (name: string): string => readText(inFixtures(name));
/** The records of a fixture: NDJSON lines, a JSON array, or a PostHog list response's results. */
export const readFixture = (name: string): Json[] => fixtureRecords(inFixtures(name));
/** NDJSON lines (1-based) with their text and parsed value where the line parses. */
export const fixtureLines = (name: string) => ndjsonLines(inFixtures(name));

/** Written apart from src/model/enums.ts on purpose: the test states the convention itself. */
export const enumName = (wire: string) =>
  wire
    .split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)
    .join('_')
    .toUpperCase();
export const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export function sessionId(s: Json): string {
  return `${String(s.tenantId)}:${String(s.userSessionId)}:${String(s.partNumber ?? 0)}`;
}

export function toMs(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const ms = Date.parse(value as string);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${String(value)}`);
  return ms;
}

/**
 * The expected value of every leaf field (scalar/enum, no arguments) of a GraphQL type, read from
 * a source record: `keyOf` maps the GraphQL field name to the record's key; absent → `defaults`
 * or null.
 */
export function expectedLeaves(
  schema: SchemaInfo,
  typeName: string,
  source: Json,
  options: { keyOf?: (field: string) => string; defaults?: Json; skip?: string[] } = {},
): Json {
  const keyOf = options.keyOf ?? ((f: string) => f);
  const out: Json = {};
  for (const f of schema.leafFields(typeName)) {
    if (options.skip?.includes(f.name)) continue;
    // An open enum's `…Raw` sibling serves the wire value as sent.
    const rawOf = f.name.endsWith('Raw') && schema.leafFields(typeName).some((e) => e.typeKind === 'ENUM' && `${e.name}Raw` === f.name);
    let raw = source[keyOf(rawOf ? f.name.slice(0, -3) : f.name)];
    if (raw === undefined) raw = options.defaults?.[f.name] ?? null;
    if (rawOf) {
      out[f.name] = raw;
      continue;
    }
    if (raw === null) out[f.name] = null;
    else if (f.typeName === 'DateTime') out[f.name] = f.list ? (raw as unknown[]).map(toMs) : toMs(raw);
    else if (f.typeKind === 'ENUM') out[f.name] = f.list ? (raw as string[]).map(enumName) : enumName(raw as string);
    else if (f.typeName === 'ID') out[f.name] = String(raw);
    else out[f.name] = raw;
  }
  return out;
}

/**
 * A selection set with every field of a type: leaves by name, everything else (objects, lists of
 * objects, fields with arguments) from `nested`. A field neither a leaf nor in `nested` throws,
 * so a field added to the schema cannot slip past the tests.
 */
export function selectionOf(schema: SchemaInfo, typeName: string, nested: Record<string, string> = {}): string {
  const type = schema.type(typeName);
  for (const key of Object.keys(nested)) {
    if (!type.fields.some((f) => f.name === key)) throw new Error(`${typeName} has no field ${key}`);
  }
  return type.fields
    .map((f) => {
      if (f.name in nested) return nested[f.name]!;
      if ((f.typeKind === 'SCALAR' || f.typeKind === 'ENUM') && f.requiredArgs.length === 0) return f.name;
      throw new Error(`${typeName}.${f.name} is neither a leaf nor selected by the test`);
    })
    .join(' ');
}

/**
 * `... on T { T__f: f … }` for each member of a union: every leaf field of every member, aliased
 * by member (the members' `value` fields have different types). `unaliasUnion` undoes it.
 */
export function unionSelection(schema: SchemaInfo, unionName: string): string {
  return `__typename ${schema
    .type(unionName)
    // `extra` is checked on the property lists; here it would only add aliases (a query may have 100).
    .possibleTypes.map((t) => `... on ${t} { ${selectionOf(schema, t).split(' ').filter((f) => f !== 'extra').map((f) => `${t}__${f}: ${f}`).join(' ')} }`)
    .join(' ')}`;
}

/** A union answer selected with `unionSelection`, with its member's field names restored and normalized. */
export function unaliasUnion(schema: SchemaInfo, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const v = value as Json;
  const member = String(v.__typename);
  const out: Json = { __typename: member };
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith(`${member}__`)) out[k.slice(member.length + 2)] = x;
  }
  return normalize(schema, member, out);
}

export const PROPERTY_LISTS = {
  stringProperties: 'StringProperty',
  longProperties: 'LongProperty',
  doubleProperties: 'DoubleProperty',
  dateProperties: 'DateProperty',
} as const;

/** The four typed property lists of a Dynatrace session or action, as the API answers them. */
export function expectedPropertyLists(source: Json): Record<keyof typeof PROPERTY_LISTS, Json[]> {
  const list = (key: keyof typeof PROPERTY_LISTS) =>
    ((source[key] as Json[] | undefined) ?? []).map((p) => ({
      key: p.key,
      value: key === 'dateProperties' ? toMs(p.value) : p.value,
      extra: null,
    }));
  return {
    stringProperties: list('stringProperties'),
    longProperties: list('longProperties'),
    doubleProperties: list('doubleProperties'),
    dateProperties: list('dateProperties'),
  };
}

/** `property(key)` of a source: the typed property with that key, or null. */
export function expectedProperty(source: Json, key: string): Json | null {
  const lists = expectedPropertyLists(source);
  for (const [list, typeName] of Object.entries(PROPERTY_LISTS) as [keyof typeof PROPERTY_LISTS, string][]) {
    const found = lists[list].find((p) => p.key === key);
    if (found) return { __typename: typeName, key: found.key, value: found.value };
  }
  return null;
}

export function propertyKeys(source: Json): string[] {
  return Object.values(expectedPropertyLists(source)).flatMap((l) => l.map((p) => String(p.key)));
}

/** `prop0: property(key: "…") {…}` aliases for the given keys. */
export function propertyAliases(schema: SchemaInfo, keys: string[]): string {
  return keys.map((k, i) => `prop${i}: property(key: ${JSON.stringify(k)}) { ${unionSelection(schema, 'PropertyValue')} }`).join(' ');
}

/**
 * PostHog persons as the store should hold them after importing files in order: the last
 * version of each person (by uuid) wins; distinct ids accumulate, including the distinct id of
 * every recording that carries the person.
 */
export function latestPersons(records: Json[]): Map<string, { person: Json; distinctIds: Set<string> }> {
  const byUuid = new Map<string, { person: Json; distinctIds: Set<string> }>();
  for (const r of records) {
    const person = (r.person as Json | undefined) ?? (r.uuid ? r : undefined);
    if (!person) continue;
    const uuid = String(person.uuid);
    const ids = byUuid.get(uuid)?.distinctIds ?? new Set<string>();
    for (const d of (person.distinct_ids as string[] | undefined) ?? []) ids.add(d);
    if (r.person && typeof r.distinct_id === 'string') ids.add(r.distinct_id);
    byUuid.set(uuid, { person, distinctIds: ids });
  }
  return byUuid;
}
