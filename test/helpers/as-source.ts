/**
 * "Every value comes back through GraphQL as the source had it": a source record (PostHog
 * snake_case or Dynatrace camelCase, as exported) against what the server serves for it, field by
 * field. Which source keys the store models is read from the Drizzle tables, the GraphQL selection
 * from the printed schema: a field added to either is checked without touching this file. Every
 * source key the store does not model must come back, verbatim, in the type's `extra`.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isEnumType, isLeafType, isListType, isNonNullType, isObjectType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { getTableColumns, type Table } from 'drizzle-orm';
import { expect } from 'vitest';
import * as t from '../../src/db/schema.js';
import * as E from '../../src/model/enums.js';
import { LEGACY_SESSION_FIELDS } from '../../src/ingest/formats/dynatrace.js';
import type { Json } from './security.js';

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

/** The GraphQL types checked here, what the store keeps of each, and its nested record lists. */
const TYPES: Record<string, { table: Table; nested?: Record<string, string> }> = {
  SessionRecording: { table: t.recordings, nested: { person: 'Person' } },
  Person: { table: t.persons },
  UserSession: { table: t.userSessions, nested: { userActions: 'UserAction', events: 'UserEvent', errors: 'UserError', syntheticEvents: 'SyntheticEvent' } },
  UserAction: { table: t.userActions },
  UserEvent: { table: t.userEvents },
  UserError: { table: t.userErrors },
  SyntheticEvent: { table: t.syntheticEvents },
};
const PROPERTY_LISTS = { stringProperties: 'string', longProperties: 'long', doubleProperties: 'double', dateProperties: 'date' } as const;
/** Source keys that are modelled elsewhere than in a column of their own. */
const MODELLED_ELSEWHERE: Record<string, string[]> = {
  SessionRecording: ['viewers', 'person'],
  Person: ['distinct_ids'],
  UserSession: ['userActions', 'events', 'errors', 'syntheticEvents', ...Object.keys(PROPERTY_LISTS)],
  UserAction: Object.keys(PROPERTY_LISTS),
};

/** Dynatrace's older export names for today's fields (issue 13; README "Getting data in"). */
export const LEGACY_NAMES = LEGACY_SESSION_FIELDS;

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function objectType(name: string): GraphQLObjectType {
  const type = schema.getType(name);
  if (!isObjectType(type)) throw new Error(`${name} is not an object type`);
  return type;
}

/** Every field of the type a record's values can come back in: leaves, `extra`, property lists and nested records. */
export function selectionOf(typeName: string): string {
  const nested = TYPES[typeName]?.nested ?? {};
  const fields = Object.values(objectType(typeName).getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type)));
  return fields
    .flatMap((f) => {
      if (isLeafType(getNamedType(f.type))) return [f.name];
      if (f.name in PROPERTY_LISTS) return [`${f.name} { key value extra }`];
      if (f.name === 'summaryOutcome') return ['summaryOutcome { description success }'];
      if (f.name in nested) return [`${f.name} { ${selectionOf(nested[f.name]!)} }`];
      return [];
    })
    .join(' ');
}

/** The instant an ISO string or epoch ms stands for; a zone-less date-time is UTC. */
export function instant(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return new Date(v).toISOString();
  const s = String(v);
  const ms = Date.parse(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(s) ? s : `${s}Z`);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${s}`);
  return new Date(ms).toISOString();
}

/** The GraphQL name of a wire value: the enum member whose value it is, else OTHER. */
export function enumNameOf(enumName: string, wire: unknown): string | null {
  if (wire === null || wire === undefined) return null;
  const values = (E as unknown as Record<string, Record<string, string>>)[enumName];
  if (!values) throw new Error(`no enum ${enumName}`);
  return Object.entries(values).find(([, v]) => v === wire)?.[0] ?? 'OTHER';
}

/** Derived values (PostHog): when the source has none (absent or null), the server computes them; checked by their own tests. */
const DERIVED_WHEN_NULL = new Set(['SessionRecording.expiry_time', 'SessionRecording.recording_ttl', 'SessionRecording.ongoing']);

export interface Unmodelled {
  /** `Type.key` of every source key kept in `extra` (the import report's unknownField names). */
  names: Set<string>;
}

/**
 * The served object against the source record: every key of the record is either served in its
 * field (normalised as the source's format implies) or kept verbatim in `extra`.
 */
export function expectAsSource(typeName: string, served: Json, source: Json, where: string, unmodelled: Unmodelled = { names: new Set() }, viewer: string | null = null): void {
  const spec = TYPES[typeName]!;
  const columns = getTableColumns(spec.table) as Record<string, unknown>;
  const fields = objectType(typeName).getFields();
  const elsewhere = MODELLED_ELSEWHERE[typeName] ?? [];
  const record = typeName === 'UserSession' ? fromLegacy(source) : source;
  const extra: Json = {};
  for (const [key, value] of Object.entries(record)) {
    const name = camel(key);
    const at = `${where}.${key}`;
    if (!(name in columns) && !elsewhere.includes(key)) {
      extra[key] = value;
      unmodelled.names.add(`${typeName}.${key}`);
      continue;
    }
    if (DERIVED_WHEN_NULL.has(`${typeName}.${key}`) && value === null) continue;
    if (key in PROPERTY_LISTS) {
      expectProperties(served[key] as Json[], value as Json[], at, typeName, key, unmodelled);
      continue;
    }
    if (typeName === 'SessionRecording' && key === 'person' && (value === null || (value as Json).id === null)) {
      // PostHog's placeholder for "no person" (`"id": null`) is no person.
      expect(served.person, at).toBeNull();
      continue;
    }
    if (spec.nested && name in spec.nested) {
      const nestedType = spec.nested[name]!;
      if (Array.isArray(value)) {
        expect((served[name] as Json[]).length, `${at}: how many`).toBe(value.length);
        value.forEach((v: Json, i) => expectAsSource(nestedType, (served[name] as Json[])[i]!, v, `${at}[${i}]`, unmodelled, viewer));
      } else if (value !== null) expectAsSource(nestedType, served[name] as Json, value as Json, at, unmodelled, viewer);
      continue;
    }
    if (typeName === 'SessionRecording' && key === 'viewed' && viewer !== null) {
      // PostHog's `viewed` is about the caller: a named one has viewed it when listed among the viewers.
      expect(served.viewed, at).toBe(((record.viewers as string[] | undefined) ?? []).includes(viewer));
      continue;
    }
    expectField(fields[name]!, served, name, value, at, typeName);
  }
  const expectedExtra = Object.keys(extra).length ? extra : null;
  expect(served.extra, `${where}: extra holds exactly the unmodelled fields`).toEqual(expectedExtra);
}

function expectField(field: GraphQLField<unknown, unknown> | undefined, served: Json, name: string, value: unknown, at: string, typeName: string): void {
  expect(field, `${at}: a GraphQL field ${name}`).toBeDefined();
  const type = getNamedType(field!.type);
  const got = served[name];
  if (typeName === 'Person' && name === 'id') {
    // PostHog's integer id (or its digits as a string); a UUID id is the person's uuid (an id is assigned).
    if (typeof value === 'number' || /^\d+$/.test(String(value))) expect(got, at).toBe(String(Number(value)));
    else expect(served.uuid, at).toBe(value);
    return;
  }
  if (name === 'distinctIds') {
    // The person also owns the distinct id of the recording it came with.
    expect(got as string[], at).toEqual(expect.arrayContaining(value as string[]));
    return;
  }
  if (name === 'viewers') {
    expect([...(got as string[])].sort(), at).toEqual([...new Set(value as string[])].sort());
    return;
  }
  if (name === 'recordingDuration') {
    // Whole seconds: a decimal (string) is rounded to the nearest second.
    expect(got, at).toBe(Math.round(Number(value)));
    return;
  }
  if (name === 'summaryOutcome' && value) {
    const v = value as Json;
    expect(got, at).toEqual({ description: v.description ?? null, success: v.success ?? null });
    return;
  }
  if (isEnumType(type)) {
    expect(got, at).toBe(enumNameOf(type.name, value));
    expect(served[`${name}Raw`], `${at} (Raw)`).toBe(value ?? null);
    return;
  }
  if (type.name === 'DateTime') {
    expect(got, at).toBe(instant(value));
    return;
  }
  if (type.name === 'ID') {
    expect(got, at).toBe(value === null ? null : String(value));
    return;
  }
  expect(got, at).toEqual(isListType(field!.type) && value === undefined ? null : value);
}

/** A property list: the same entries (order aside), each value in its type, extra keys in `extra`. */
function expectProperties(served: Json[], source: Json[], at: string, typeName: string, list: string, unmodelled: Unmodelled): void {
  const kind = PROPERTY_LISTS[list as keyof typeof PROPERTY_LISTS];
  const expected = source.map(({ key, value, ...rest }: Json) => {
    for (const k of Object.keys(rest)) unmodelled.names.add(`${typeName}.${list}[].${k}`);
    return { key, value: kind === 'date' ? instant(value) : value, extra: Object.keys(rest).length ? rest : null };
  });
  const byKey = (a: Json, b: Json) => String(a.key).localeCompare(String(b.key)) || String(a.value).localeCompare(String(b.value));
  expect([...served].sort(byKey), at).toEqual(expected.sort(byKey));
}

/** A legacy session in today's names: fields renamed, tags as typed properties. */
function fromLegacy(source: Json): Json {
  const out: Json = { ...source };
  for (const [from, to] of Object.entries(LEGACY_NAMES)) {
    if (from in out && !(to in out)) {
      out[to] = out[from];
      delete out[from];
    }
  }
  const append = (to: string, tags: Json[]) => {
    if (tags.length) out[to] = [...((out[to] as Json[] | undefined) ?? []), ...tags];
  };
  for (const [from, to] of [['stringTags', 'stringProperties'], ['dateTags', 'dateProperties']] as const) {
    if (Array.isArray(out[from])) append(to, out[from] as Json[]);
    delete out[from];
  }
  if (Array.isArray(out.numTags)) {
    const tags = out.numTags as Json[];
    append('longProperties', tags.filter((tag) => Number.isInteger(tag.value)));
    append('doubleProperties', tags.filter((tag) => !Number.isInteger(tag.value)));
    delete out.numTags;
  }
  if (Array.isArray(out.userActions)) out.userActions = (out.userActions as Json[]).map(fromLegacyAction);
  return out;
}

function fromLegacyAction(action: Json): Json {
  const { userActions: _none, ...session } = fromLegacy({ ...action, userActions: undefined });
  return session;
}
