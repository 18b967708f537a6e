/**
 * Lists select only the columns the query reads. A user action row has 48 columns and a session
 * 58; reading, converting and mapping all of them for 100 sessions with 10 actions each cost
 * five times the SQL a client's `{ name type duration }` needs (bench q1). Every field of a
 * row-backed type declares the columns its resolver reads (`reads(...)`); a selection that
 * reaches a field without that declaration reads whole rows, so forgetting one costs speed, never
 * correctness.
 */
import { getNamedType, isObjectType, type GraphQLObjectType, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { getTableColumns } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { selectedFields } from './selection.js';

const COLUMNS = 'sessiongraphColumns';

/** Field option: the row columns (Drizzle keys) the field's resolver reads. */
export function reads(...columns: string[]): { extensions: Record<string, unknown> } {
  return { extensions: { [COLUMNS]: columns } };
}

/** How the field's type holds the rows: a Relay connection (`nodes`, `edges.node`), or rows directly. */
export type Shape = 'connection' | 'rows';

/** The selection sets of the `name` fields in these sets, through fragments. */
function subfields(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[], name: string): SelectionSetNode[] {
  return selectedFields(sets, info.fragments).flatMap((f) => (f.name.value === name && f.selectionSet ? [f.selectionSet] : []));
}

/**
 * The columns the selection under this field reads from its rows, or null for all of them (a
 * field that declares nothing, or a type this cannot see into).
 */
export function selectedColumns(info: GraphQLResolveInfo, shape: Shape): string[] | null {
  const returned = getNamedType(info.returnType);
  if (!isObjectType(returned)) return null;
  let sets = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  let rowType: GraphQLObjectType = returned;
  if (shape === 'connection') {
    const node = getNamedType(returned.getFields().nodes?.type);
    if (!node || !isObjectType(node)) return null;
    rowType = node;
    sets = [...subfields(info, sets, 'nodes'), ...subfields(info, subfields(info, sets, 'edges'), 'node')];
  }
  const fields = rowType.getFields();
  const columns = new Set<string>();
  for (const name of new Set(selectedFields(sets, info.fragments).map((f) => f.name.value))) {
    if (name === '__typename') continue;
    const declared = fields[name]?.extensions?.[COLUMNS] as string[] | undefined;
    if (!declared) return null;
    declared.forEach((c) => columns.add(c));
  }
  return [...columns];
}

/**
 * The Drizzle selection for these columns of the table, plus the ones the list itself needs (pk,
 * order keys); the whole row when `columns` is null.
 */
export function columnSelection(table: SQLiteTable, columns: readonly string[] | null | undefined, always: readonly string[] = []): Record<string, SQLiteColumn> {
  const all = getTableColumns(table) as Record<string, SQLiteColumn>;
  if (!columns) return all;
  const picked: Record<string, SQLiteColumn> = {};
  for (const key of ['pk', ...always, ...columns]) {
    const column = all[key];
    if (!column) throw new Error(`${key} is not a column of this table`);
    picked[key] = column;
  }
  return picked;
}
