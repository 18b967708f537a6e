/**
 * `propertyKeys` (issue 16): the custom property keys of a project, per owner kind, with their
 * value types, owner counts and most frequent values — compared with the same computed in JS from
 * the rows read directly from the store (Dynatrace session and action properties of the fixtures
 * and the seed; PostHog person properties of posthog-person-properties.json and the seed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PropertyRow } from '../src/db/schema.js';
import { readRows, type StoreRows } from './graphql-helpers/rows.js';
import { FIXTURE_FILES, NOW, startServer, type TestServer } from './graphql-helpers/server.js';

let server: TestServer;
let rows: StoreRows;
beforeAll(async () => {
  server = await startServer({ fixtures: [...FIXTURE_FILES, 'posthog-person-properties.json', 'real/dynatrace-property-kinds.ndjson'], persons: 40 });
  rows = readRows(server.store, NOW.getTime());
});
afterAll(async () => {
  await server?.close();
});

interface Key {
  key: string;
  type: string;
  owners: number;
  samples: string[];
}

/** Facts (key, type, owner, value as the API writes it) → keys, as documented: most carried first, then key, type; up to 5 samples, most frequent first, then by text. */
function expectedKeys(facts: { key: string; type: string; owner: number; value: string | null }[], prefix: string, first: number): Key[] {
  const byKey = new Map<string, { key: string; type: string; owners: Set<number>; values: Map<string, number> }>();
  for (const f of facts.filter((f) => f.key.startsWith(prefix))) {
    const id = `${f.type} ${f.key}`;
    const entry = byKey.get(id) ?? { key: f.key, type: f.type, owners: new Set<number>(), values: new Map<string, number>() };
    byKey.set(id, entry);
    entry.owners.add(f.owner);
    if (f.value !== null) entry.values.set(f.value, (entry.values.get(f.value) ?? 0) + 1);
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...byKey.values()]
    .sort((a, b) => b.owners.size - a.owners.size || cmp(a.key, b.key) || cmp(a.type, b.type))
    .slice(0, first)
    .map((e) => ({
      key: e.key,
      type: e.type.toUpperCase(),
      owners: e.owners.size,
      samples: [...e.values.entries()].sort(([va, na], [vb, nb]) => nb - na || cmp(va, vb)).slice(0, 5).map(([v]) => v),
    }));
}

function dynatraceFacts(properties: Map<number, PropertyRow[]>) {
  return [...properties.entries()].flatMap(([owner, list]) =>
    list.map((p) => ({
      key: p.key,
      type: p.type,
      owner,
      value: p.type === 'string' ? p.stringValue : p.type === 'long' ? String(p.longValue) : p.type === 'double' ? String(p.doubleValue) : p.dateValue!.toISOString(),
    })),
  );
}

function personFacts() {
  return rows.persons.flatMap((p) =>
    Object.entries((p.properties ?? {}) as Record<string, unknown>).map(([key, v]) => {
      const type = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
      return { key, type, owner: p.pk, value: type === 'object' || type === 'array' || type === 'null' ? null : String(v) };
    }),
  );
}

const QUERY = 'query($entity: PropertyOwner!, $prefix: String, $first: Int) { propertyKeys(entity: $entity, prefix: $prefix, first: $first) { key type owners samples } }';

describe('propertyKeys', () => {
  it.each([
    ['USER_SESSION', '', 100],
    ['USER_SESSION', 'c', 100],
    ['USER_ACTION', '', 100],
    ['USER_ACTION', '', 2],
    ['PERSON', '', 100],
    ['PERSON', '$', 100],
    ['PERSON', 'a.', 100],
  ] as const)('%s, prefix "%s", first %i: as computed from the stored rows', async (entity, prefix, first) => {
    const facts = entity === 'PERSON' ? personFacts() : dynatraceFacts(entity === 'USER_SESSION' ? rows.sessionProperties : rows.actionProperties);
    const expected = expectedKeys(facts, prefix, first);
    expect(expected.length, 'the case has keys').toBeGreaterThan(0);
    const data = await server.ok(QUERY, { entity, prefix, first });
    expect(data.propertyKeys).toEqual(expected);
  });

  it('the data holds what the cases are about: several types, a key with two types, person keys with $ and dots', () => {
    const session = new Set(dynatraceFacts(rows.sessionProperties).map((f) => f.type));
    expect([...session].sort()).toEqual(['date', 'double', 'long', 'string']);
    const person = personFacts();
    expect(new Set(person.map((f) => f.type))).toEqual(new Set(['string', 'number', 'boolean', 'null']));
    const typesOf = (key: string) => new Set(person.filter((f) => f.key === key).map((f) => f.type));
    expect(typesOf('seats')).toEqual(new Set(['number', 'string']));
  });

  it('refuses first outside 1–1000 and a prefix over 1,000 characters, naming the argument', async () => {
    for (const [variables, argumentName] of [
      [{ entity: 'PERSON', first: 0 }, 'first'],
      [{ entity: 'PERSON', first: 1001 }, 'first'],
      [{ entity: 'PERSON', prefix: 'x'.repeat(1001) }, 'prefix'],
    ] as const) {
      const r = await server.gql(QUERY, variables);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.extensions?.argumentName).toBe(argumentName);
    }
  });
});

describe('stats by and of typed custom properties', () => {
  type Owner = { pk: number };
  /** The owner's first property of this key among the given types (the statement's rule when an export repeats a key). */
  const firstValue = (properties: Map<number, PropertyRow[]>, owner: Owner, key: string, types: string[]) =>
    (properties.get(owner.pk) ?? []).filter((p) => p.key === key && types.includes(p.type)).sort((a, b) => a.pk - b.pk)[0];
  const asText = (p: PropertyRow | undefined) =>
    p === undefined ? null : p.type === 'date' ? p.dateValue!.toISOString() : p.type === 'string' ? p.stringValue : String(p.type === 'long' ? p.longValue : p.doubleValue);
  const numberOf = (p: PropertyRow | undefined) => (p === undefined ? null : (p.doubleValue ?? p.longValue)!);
  const countBy = (keys: (string | null)[]) => {
    const m = new Map<string | null, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m.entries()].map(([property, count]) => ({ property, count })).sort((a, b) => String(a.property).localeCompare(String(b.property)));
  };
  const sortGroups = (groups: { property: string | null; count: number }[]) => [...groups].sort((a, b) => String(a.property).localeCompare(String(b.property)));

  it.each([
    ['userSessionStats', 'items_in_cart', 'LONG'],
    ['userSessionStats', 'revenue', 'DOUBLE'],
    ['userSessionStats', 'signup_date', 'DATE'],
    ['userActionStats', 'promo_until', 'DATE'],
    ['userActionStats', 'cartvalue', 'DOUBLE'],
  ] as const)('%s grouped by the %s property (%s)', async (field, key, type) => {
    const [owners, properties] = field === 'userSessionStats' ? [rows.sessions, rows.sessionProperties] : [rows.actions, rows.actionProperties];
    const expected = countBy(owners.map((o) => asText(firstValue(properties, o, key, [type.toLowerCase()]))));
    expect(expected.filter((g) => g.property !== null).length, 'some owners have the property').toBeGreaterThan(0);
    const data = await server.ok(`query($key: String!, $type: PropertyValueType) { ${field}(groupByProperty: $key, groupByPropertyType: $type) { count dimensions { property } } }`, { key, type });
    const groups = (data[field] as { count: number; dimensions: { property: string | null } }[]).map((g) => ({ property: g.dimensions.property, count: g.count }));
    expect(sortGroups(groups)).toEqual(expected);
  });

  it('aggregates of a numeric property per country: avg, sum, min, max, median, p90, ordered by the sum', async () => {
    const byCountry = new Map<string | null, number[]>();
    for (const s of rows.sessions) {
      const v = numberOf(firstValue(rows.sessionProperties, s, 'revenue', ['long', 'double']));
      const list = byCountry.get(s.country) ?? [];
      if (v !== null) list.push(v);
      byCountry.set(s.country, list);
    }
    const data = await server.ok(`{
      userSessionStats(groupBy: [COUNTRY], orderBy: [{ by: SUM, property: "revenue" }]) {
        count dimensions { country }
        avg(property: "revenue") sum(property: "revenue") min(property: "revenue") max(property: "revenue")
        median(property: "revenue") percentile(property: "revenue", p: 90)
      }
    }`);
    const groups = data.userSessionStats as Record<string, unknown>[];
    expect(groups.length).toBe(byCountry.size);
    const quantile = (values: number[], q: number) => {
      const sorted = [...values].sort((a, b) => a - b);
      const at = (sorted.length - 1) * q;
      const lo = Math.floor(at);
      return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (at - lo);
    };
    const sums: number[] = [];
    for (const g of groups) {
      const values = byCountry.get((g.dimensions as { country: string | null }).country)!;
      const sum = values.reduce((a, b) => a + b, 0);
      sums.push(values.length ? sum : -Infinity);
      if (!values.length) {
        expect([g.avg, g.sum, g.min, g.max, g.median, g.percentile]).toEqual([null, null, null, null, null, null]);
        continue;
      }
      expect(g.sum as number).toBeCloseTo(sum, 6);
      expect(g.avg as number).toBeCloseTo(sum / values.length, 6);
      expect(g.min).toBe(Math.min(...values));
      expect(g.max).toBe(Math.max(...values));
      expect(g.median as number).toBeCloseTo(quantile(values, 0.5), 6);
      expect(g.percentile as number).toBeCloseTo(quantile(values, 0.9), 6);
    }
    expect([...byCountry.values()].filter((v) => v.length).length, 'several countries have revenue').toBeGreaterThan(1);
    // Largest sum first; groups without the property (null sums) last.
    expect(sums).toEqual([...sums].sort((a, b) => b - a));
  });

  it('a field and a property together, or a property where there are none, are refused', async () => {
    const both = await server.gql('{ userSessionStats { avg(field: DURATION, property: "revenue") } }');
    expect(both.errors?.[0]?.message).toMatch(/AVG takes a "field" or a "property", not both/);
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const none = await server.gql('{ recordingStats { avg(property: "revenue") } }');
    expect(none.errors?.[0]?.message).toMatch(/Unknown argument "property"/);
  });
});
