/**
 * The four root lists, each with its rows read directly from the store, its filter semantics in
 * JS, and how an API node and a stored row are identified, so a list answer can be compared
 * with the same predicate evaluated over every row.
 */
import type { SchemaInfo } from './introspection.js';
import {
  matchFilter,
  matchOps,
  matchProperties,
  plain,
  type FilterSpec,
  type Row,
  type StoreRows,
} from './rows.js';

export type ListName = 'recordings' | 'userSessions' | 'userActions' | 'persons';

export interface ListSpec {
  rows: Row[];
  spec: FilterSpec<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Node selection that identifies a node. */
  selection: string;
  nodeKey(node: any): string; // eslint-disable-line @typescript-eslint/no-explicit-any
  rowKey(row: any): string; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const ms = (v: unknown) => (v === null || v === undefined ? null : Date.parse(v as string));

export function listSpecs(rows: StoreRows, schema: SchemaInfo): Record<ListName, ListSpec> {
  const enumsOf = (type: string) => schema.leafFields(type).filter((f) => f.typeKind === 'ENUM').map((f) => f.name);
  const session: FilterSpec<StoreRows['sessions'][number]> = {
    enumFields: enumsOf('UserSession'),
    extra: { property: (s, arg) => matchProperties(rows.sessionProperties.get(s.pk), arg) },
  };
  const action: FilterSpec<StoreRows['actions'][number]> = {
    enumFields: enumsOf('UserAction'),
    extra: {
      property: (a, arg) => matchProperties(rows.actionProperties.get(a.pk), arg),
      session: (a, arg) => matchFilter(a.session as unknown as Row, arg, session as FilterSpec<Row>),
    },
  };
  return {
    recordings: {
      rows: rows.recordings,
      spec: { enumFields: enumsOf('SessionRecording') },
      selection: 'id',
      nodeKey: (n: { id: string }) => n.id,
      rowKey: (r: { id: string }) => r.id,
    },
    userSessions: {
      rows: rows.sessions,
      spec: session,
      selection: 'id',
      nodeKey: (n: { id: string }) => n.id,
      rowKey: (r: { id: string }) => r.id,
    },
    userActions: {
      rows: rows.actions,
      spec: action,
      selection: 'session { id } startTime name duration',
      nodeKey: (n: { session: { id: string }; startTime: string | null; name: string | null; duration: number | null }) =>
        JSON.stringify([n.session.id, ms(n.startTime), n.name, n.duration]),
      rowKey: (r: StoreRows['actions'][number]) => JSON.stringify([r.session.id, plain(r.startTime), r.name, r.duration]),
    },
    persons: {
      rows: rows.persons,
      spec: { extra: { distinctId: (p: StoreRows['persons'][number], arg: Row) => p.distinctIds.some((d) => matchOps(d, arg)) } },
      selection: 'id',
      nodeKey: (n: { id: string }) => n.id,
      rowKey: (r: { id: number }) => String(r.id),
    },
  };
}

/** Sorted keys of the rows matching a filter, by the JS predicate. */
export function expectedKeys(list: ListSpec, filter: Row): string[] {
  return list.rows.filter((r) => matchFilter(r, filter, list.spec)).map((r) => list.rowKey(r)).sort();
}

/** The value at quantile q (0..1) of a column over rows, nulls left out. */
export function quantile<T>(rows: Row[], field: string, q: number): T {
  const values = rows
    .map((r) => plain(r[field]))
    .filter((v) => v !== null)
    .sort((a, b) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0));
  if (!values.length) throw new Error(`no values of ${field}`);
  return values[Math.min(values.length - 1, Math.floor(q * values.length))] as T;
}

export const iso = (msValue: number) => new Date(msValue).toISOString();
