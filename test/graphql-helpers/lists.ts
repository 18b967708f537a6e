/**
 * The root lists, each with its rows read directly from the store, its filter semantics in
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
import { matchPersonProperties, matchRelation } from './relations.js';
import { storedVisits } from './visits.js';

export type ListName = 'recordings' | 'userSessions' | 'userActions' | 'persons' | 'userEvents' | 'userErrors' | 'syntheticEvents';

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
  type Person = StoreRows['persons'][number];
  type Session = StoreRows['sessions'][number];
  const mine = (p: Person, distinctId: unknown) => typeof distinctId === 'string' && p.distinctIds.includes(distinctId);
  const ownerOf = (distinctId: unknown) => rows.persons.find((p) => mine(p, distinctId));
  /** `person:` on a recording or session: the owner of its distinct id passes the filter. */
  const byOwner = (distinctId: unknown, arg: Row) => {
    const owner = ownerOf(distinctId);
    return owner !== undefined && matchFilter(owner as unknown as Row, arg, person as FilterSpec<Row>);
  };
  const under = <R extends { session: { pk: number } }>(list: R[], s: Session) => list.filter((r) => r.session.pk === s.pk);
  const visits = storedVisits(rows);
  const recording: FilterSpec<Row> = {
    enumFields: enumsOf('SessionRecording'),
    extra: {
      person: (r, arg) => byOwner(r.distinctId, arg),
      hasUserSession: (r, arg) => matchOps(visits.sessionsOf(r.pk as number).length > 0, arg),
      userSession: (r, arg) => matchRelation(visits.sessionsOf(r.pk as number), arg, (s, f) => matchFilter(s as unknown as Row, f, session as FilterSpec<Row>)),
    },
  };
  const session: FilterSpec<Session> = {
    enumFields: enumsOf('UserSession'),
    extra: {
      property: (s, arg) => matchProperties(rows.sessionProperties.get(s.pk), arg),
      person: (s, arg) => byOwner(s.userId, arg),
      hasRecording: (s, arg) => matchOps(visits.recordingsOf(s.pk).length > 0, arg),
      recording: (s, arg) => matchRelation(visits.recordingsOf(s.pk), arg, (r, f) => matchFilter(r as unknown as Row, f, recording)),
      userActions: (s, arg) => matchRelation(under(rows.actions, s), arg, (a, f) => matchFilter(a as unknown as Row, f, action as FilterSpec<Row>)),
      events: (s, arg) => matchRelation(under(rows.events, s), arg, (r, f) => matchFilter(r as unknown as Row, f, childSpec('UserEvent'))),
      errors: (s, arg) => matchRelation(under(rows.errors, s), arg, (r, f) => matchFilter(r as unknown as Row, f, childSpec('UserError'))),
      syntheticEvents: (s, arg) => matchRelation(under(rows.syntheticEvents, s), arg, (r, f) => matchFilter(r as unknown as Row, f, childSpec('SyntheticEvent'))),
    },
  };
  const action: FilterSpec<StoreRows['actions'][number]> = {
    enumFields: enumsOf('UserAction'),
    extra: {
      property: (a, arg) => matchProperties(rows.actionProperties.get(a.pk), arg),
      session: (a, arg) => matchFilter(a.session as unknown as Row, arg, session as FilterSpec<Row>),
    },
  };
  /** Events, errors and synthetic events: their own fields, and `session:` conditions on their session. */
  const childSpec = (type: string): FilterSpec<Row> => ({
    enumFields: enumsOf(type),
    extra: { session: (r: Row, arg: Row) => matchFilter(r.session as Row, arg, session as FilterSpec<Row>) },
  });
  /** The latest end (or start) of any of the person's stored recordings or sessions, as API lastSeenAt. */
  const lastSeenOf = (p: Person) => {
    const seen = [
      ...rows.storedRecordings.filter((r) => mine(p, r.distinctId)).map((r) => plain(r.endTime ?? r.startTime)),
      ...rows.sessions.filter((s) => mine(p, s.userId)).map((s) => plain(s.endTime ?? s.startTime)),
    ].filter((v): v is number => v !== null);
    return seen.length ? Math.max(...seen) : null;
  };
  const person: FilterSpec<Person> = {
    extra: {
      lastSeenAt: (p, arg) => matchOps(lastSeenOf(p), arg),
      distinctId: (p, arg) => p.distinctIds.some((d) => matchOps(d, arg)),
      property: (p, arg) => matchPersonProperties(p.properties, arg),
      recordings: (p, arg) => matchRelation(rows.recordings.filter((r) => mine(p, r.distinctId)), arg, (r, f) => matchFilter(r as unknown as Row, f, recording)),
      userSessions: (p, arg) => matchRelation(rows.sessions.filter((s) => mine(p, s.userId)), arg, (s, f) => matchFilter(s as unknown as Row, f, session as FilterSpec<Row>)),
    },
  };
  /** Keyed by id. */
  const child = (type: string, rowsOf: Row[]): ListSpec => ({
    rows: rowsOf,
    spec: childSpec(type),
    selection: 'id',
    nodeKey: (n: { id: string }) => n.id,
    rowKey: (r: { id: string }) => r.id,
  });
  return {
    userEvents: child('UserEvent', rows.events),
    userErrors: child('UserError', rows.errors),
    syntheticEvents: child('SyntheticEvent', rows.syntheticEvents),
    recordings: {
      rows: rows.recordings,
      spec: recording,
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
      spec: person,
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
