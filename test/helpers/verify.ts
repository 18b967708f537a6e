/**
 * Field-by-field checks of stored rows against the wire records they came from, on a dump of the
 * store (test/helpers/store.ts: dumpAt, without `omit`), so the same checks read SQLite and
 * PostgreSQL. Expected values are derived from the records themselves and the column types of the
 * store schema:
 *  - PostHog snake_case keys map to camelCase columns; Dynatrace keys are the column keys;
 *  - timestamps (ISO-8601 text or epoch ms) become Dates (timestamp_ms columns);
 *  - a column whose field is absent holds its schema default, or NULL.
 */
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { expect } from 'vitest';
import * as t from '../../src/db/schema.js';
import type { Json } from './fixtures.js';
import type { Dump, Row } from './store.js';

export const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Columns the store adds itself: row ids, links, tenancy and position, not fields of a record. */
export const INTERNAL_COLUMNS = new Set(['pk', 'project', 'sessionPk', 'actionPk', 'recordingPk', 'personPk', 'seq']);

/** Dynatrace's typed property lists (on sessions and actions), stored as rows of type string/long/double/date. */
export const PROPERTY_LISTS = {
  stringProperties: 'string',
  longProperties: 'long',
  doubleProperties: 'double',
  dateProperties: 'date',
} as const;
const PROPERTY_KEYS = Object.keys(PROPERTY_LISTS);

/** A session's nested lists and the tables their elements become rows of. */
export const NESTED = {
  userActions: t.userActions,
  events: t.userEvents,
  errors: t.userErrors,
  syntheticEvents: t.syntheticEvents,
} as const;

export function columnsOf(table: SQLiteTable): Record<string, SQLiteColumn> {
  return getTableColumns(table) as Record<string, SQLiteColumn>;
}

/** The rows of `table` in `dump` whose columns hold the values of `where` (column keys). */
function rowsWhere(dump: Dump, table: SQLiteTable, where: Row): Row[] {
  const rows = dump[getTableName(table)];
  if (!rows) throw new Error(`the dump has no table ${getTableName(table)}`);
  return rows.filter((r) => Object.entries(where).every(([key, value]) => r[key] === value));
}

/** The one row of `table` with the values of `where` (a unique key), or undefined. */
function rowWhere(dump: Dump, table: SQLiteTable, where: Row): Row | undefined {
  const rows = rowsWhere(dump, table, where);
  expect(rows.length, `${getTableName(table)} rows with ${JSON.stringify(where)}`).toBeLessThanOrEqual(1);
  return rows[0];
}

/** What a column holds for a wire value. */
export function storedValue(column: SQLiteColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column.columnType === 'SQLiteTimestamp') return new Date(value as string | number);
  return value;
}

/**
 * Every field of `wire` (except the `handled` ones, checked elsewhere) equals its column in
 * `row`; every other non-internal column holds its schema default or NULL.
 */
export function expectRow(table: SQLiteTable, row: Row | undefined, wire: Json, where: string, handled: readonly string[] = []) {
  expect(row, `${where} is stored`).toBeDefined();
  const columns = columnsOf(table);
  const set = new Set<string>();
  for (const [key, value] of Object.entries(wire)) {
    if (handled.includes(key)) continue;
    const name = camel(key);
    const column = columns[name];
    expect(column, `${where}: field "${key}" has a column`).toBeDefined();
    expect(row![name], `${where}.${key}`).toStrictEqual(storedValue(column!, value));
    set.add(name);
  }
  for (const [name, column] of Object.entries(columns)) {
    if (set.has(name) || INTERNAL_COLUMNS.has(name)) continue;
    const fallback = column.hasDefault ? column.default : null;
    expect(row![name], `${where}.${name} (absent from the record)`).toStrictEqual(fallback ?? null);
  }
}

// ---------------------------------------------------------------- PostHog

/** A person and the links of its distinct ids. */
export function expectPerson(dump: Dump, project: string, wire: Json, where: string) {
  const row = rowWhere(dump, t.persons, { project, uuid: wire.uuid });
  expectRow(t.persons, row, wire, where, ['distinct_ids']);
  for (const distinctId of (wire.distinct_ids as string[] | undefined) ?? []) {
    const link = rowWhere(dump, t.personDistinctIds, { project, distinctId });
    expect(link?.personPk, `${where}: distinct id ${distinctId} links to the person`).toBe(row!.pk);
  }
  return row!;
}

/**
 * A recording, its viewers and its person. A person can occur in several records; the store
 * holds the last one imported, so `latestPerson` answers that record by uuid.
 */
export function expectRecording(dump: Dump, project: string, wire: Json, latestPerson: (uuid: string) => Json, where: string) {
  const row = rowWhere(dump, t.recordings, { project, id: wire.id });
  expectRow(t.recordings, row, wire, where, ['viewers', 'person']);
  const viewers = rowsWhere(dump, t.recordingViewers, { recordingPk: row!.pk });
  expect(viewers.map((v) => v.viewer as string).sort(), `${where}.viewers`).toStrictEqual(
    [...new Set((wire.viewers as string[] | undefined) ?? [])].sort(),
  );
  expect(viewers.every((v) => v.project === project)).toBe(true);
  const person = wire.person as Json | null | undefined;
  if (person) {
    const personRow = expectPerson(dump, project, latestPerson(person.uuid as string), `${where}.person`);
    if (wire.distinct_id) {
      const link = rowWhere(dump, t.personDistinctIds, { project, distinctId: wire.distinct_id });
      expect(link?.personPk, `${where}.distinct_id links to its person`).toBe(personRow.pk);
    }
  }
}

/** Last record of each person uuid among the given recordings, in import order. */
export function latestPersons(recordings: Json[]): (uuid: string) => Json {
  const latest = new Map<string, Json>();
  for (const r of recordings) {
    const p = r.person as Json | null | undefined;
    if (p) latest.set(p.uuid as string, p);
  }
  return (uuid) => latest.get(uuid)!;
}

// ---------------------------------------------------------------- Dynatrace

type PropertyRowShape = Pick<t.PropertyRow, 'type' | 'key' | 'stringValue' | 'longValue' | 'doubleValue' | 'dateValue'>;

/** The typed property rows the four wire lists of a session or action stand for. */
export function expectedProperties(wire: Json): PropertyRowShape[] {
  const rows: PropertyRowShape[] = [];
  for (const [list, type] of Object.entries(PROPERTY_LISTS)) {
    for (const p of (wire[list] as { key: string; value: unknown }[] | undefined) ?? []) {
      const row: PropertyRowShape = { type, key: p.key, stringValue: null, longValue: null, doubleValue: null, dateValue: null };
      if (type === 'string') row.stringValue = p.value as string;
      if (type === 'long') row.longValue = p.value as number;
      if (type === 'double') row.doubleValue = p.value as number;
      if (type === 'date') row.dateValue = new Date(p.value as number);
      rows.push(row);
    }
  }
  return sortProperties(rows);
}

function sortProperties(rows: PropertyRowShape[]): PropertyRowShape[] {
  const key = (r: PropertyRowShape) => JSON.stringify([r.type, r.key, r.stringValue, r.longValue, r.doubleValue, r.dateValue]);
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function storedProperties(rows: Row[], project: string): PropertyRowShape[] {
  expect(rows.every((r) => r.project === project)).toBe(true);
  return sortProperties(
    (rows as unknown as PropertyRowShape[]).map(({ type, key, stringValue, longValue, doubleValue, dateValue }) => ({ type, key, stringValue, longValue, doubleValue, dateValue })),
  );
}

export function findSession(dump: Dump, project: string, wire: Json): Row | undefined {
  return rowWhere(dump, t.userSessions, {
    project,
    tenantId: wire.tenantId,
    userSessionId: wire.userSessionId,
    partNumber: (wire.partNumber as number | undefined) ?? 0,
  });
}

/** A session, its properties, and its actions (with their properties), events, errors, synthetic events. */
export function expectSession(dump: Dump, project: string, wire: Json, where: string) {
  const row = findSession(dump, project, wire);
  expectRow(t.userSessions, row, wire, where, [...PROPERTY_KEYS, ...Object.keys(NESTED)]);
  const sessionPk = row!.pk;
  expect(storedProperties(rowsWhere(dump, t.sessionProperties, { sessionPk }), project), `${where} properties`).toStrictEqual(expectedProperties(wire));

  for (const [key, table] of Object.entries(NESTED)) {
    const rows = rowsWhere(dump, table, { sessionPk }).sort((a, b) => (a.seq as number) - (b.seq as number));
    const wires = (wire[key] as Json[] | undefined) ?? [];
    expect(rows.map((r) => r.seq), `${where}.${key}: one row per element, seq = index`).toStrictEqual(wires.map((_, i) => i));
    expect(rows.every((r) => r.project === project)).toBe(true);
    wires.forEach((w, i) => {
      const at = `${where}.${key}[${i}]`;
      if (key !== 'userActions') return expectRow(table, rows[i], w, at);
      expectRow(table, rows[i], w, at, PROPERTY_KEYS);
      const props = rowsWhere(dump, t.actionProperties, { actionPk: rows[i]!.pk });
      expect(storedProperties(props, project), `${at} properties`).toStrictEqual(expectedProperties(w));
    });
  }
}
