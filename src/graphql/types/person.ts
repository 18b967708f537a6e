/** Person (PostHog's MinimalPerson) and the root fields that find persons. */
import { and, eq, inArray, not, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { bothDialects, jsonHasMember, jsonMember, tableThroughIndex } from '../../db/dialect.js';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { erasePerson, type ErasureReport as ErasureReportShape } from '../../db/erase.js';
import * as t from '../../db/schema.js';
import { withWriteLock } from '../../db/write-lock.js';
import { personEntity } from '../../model/fields.js';
import { builder } from '../builder.js';
import { param, type Context } from '../context.js';
import { columnSelection, reads, selectedColumns } from '../columns.js';
import { columnFields } from '../fields.js';
import { compileOperators, entityFilter, operatorFilterFor, relationFilter, type EntityFilter, type EntityFilterType, type OperatorFilter, type RelationFilterInput, type RelationFilterType } from '../filters.js';
import { batchLoad, connectionsOfParents, inKeys, keyList, entityList, groupByParent, projectGuard, type Table, rootConnection, type ListArgs, type ParentLink } from '../lists.js';
import { entityOrder } from '../pagination.js';
import { PersonRef } from '../refs.js';
import { RecordingConnection, recordingFilter, recordingList, recordingVisible } from './recording.js';
import { UserSessionConnection, userSessionFilter, userSessionList } from './user-session.js';

/** One condition on a PostHog person property (the person's `properties` object), by its exact key. */
interface PersonPropertyInput {
  key: string;
  string?: OperatorFilter | null;
  number?: OperatorFilter | null;
  boolean?: OperatorFilter | null;
  exists?: boolean | null;
}

const PersonPropertyFilter = builder.inputRef<PersonPropertyInput>('PersonPropertyFilter').implement({
  description:
    'A condition on one PostHog person property (`email`, `plan`, `$browser`, …): give exactly one of `string`, `number`, `boolean` (matching only values of that JSON type) or `exists`.',
  fields: (t) => ({
    key: t.string({ required: true, description: 'The property name, exactly (case-sensitive; `$` and dots are part of the name).' }),
    string: t.field({ type: operatorFilterFor({ kind: 'string' }), required: false, description: 'The property holds a string matching this.' }),
    number: t.field({ type: operatorFilterFor({ kind: 'float' }), required: false, description: 'The property holds a number matching this.' }),
    boolean: t.field({ type: operatorFilterFor({ kind: 'bool' }), required: false, description: 'The property holds a boolean matching this.' }),
    exists: t.boolean({ required: false, description: 'true: the person has the property (any value, null included); false: it does not.' }),
  }),
});

function personPropertyConditions(properties: PersonPropertyInput[], now: number): SQL[] {
  return properties.map((p, index) => {
    const typed = (['string', 'number', 'boolean'] as const).filter((type) => p[type] != null);
    const given = typed.length + (p.exists == null ? 0 : 1);
    if (given !== 1) {
      throw new GraphQLError(`Invalid person property filter at "property[${index}]" (${JSON.stringify(p.key.slice(0, 64))}): give exactly one of string, number, boolean or exists`, {
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'filter', path: `property[${index}]` },
      });
    }
    if (p.exists != null) return p.exists ? jsonHasMember(t.persons.properties, p.key) : not(jsonHasMember(t.persons.properties, p.key));
    const type = typed[0]!;
    return and(...compileOperators(jsonMember(t.persons.properties, p.key, type), p[type]!, now)) ?? sql`1 = 1`;
  });
}

/** The distinct ids of the person of the enclosing statement (`persons`). */
function distinctIdsOfPerson(ctx: Context) {
  const d = t.personDistinctIds;
  return ctx.store.db.select({ id: d.distinctId }).from(d).where(eq(d.personPk, t.persons.pk));
}

/**
 * `exists (…)` over the project's recordings of the person that pass `where`: searched by
 * (project, distinct_id) from the person's few ids (INDEXED BY on SQLite: left to itself it may
 * walk an index of a filtered column instead, every such recording once per person).
 */
function recordingsOfPersonExist(ctx: Context, where: SQL | undefined): SQL {
  const r = t.recordings;
  const conditions = and(eq(r.project, ctx.project), inArray(r.distinctId, distinctIdsOfPerson(ctx)), recordingVisible(), where);
  return sql`exists (select 1 from ${tableThroughIndex(r, 'recordings_project_distinct_start')} where ${conditions})`;
}

/** `exists (…)` over the project's user sessions of the person that pass `where` (as recordingsOfPersonExist). */
function userSessionsOfPersonExist(ctx: Context, where: SQL | undefined): SQL {
  const s = t.userSessions;
  const conditions = and(eq(s.project, ctx.project), inArray(s.userId, distinctIdsOfPerson(ctx)), where);
  return sql`exists (select 1 from ${tableThroughIndex(s, 'user_sessions_project_user_start')} where ${conditions})`;
}

/**
 * The person's lastSeenAt (of the enclosing statement's `persons`) as SQL: the latest end (or
 * start) of any of their recordings, stored, and user sessions, each found by (project, distinct
 * id). The larger of the two, null only when both are: SQLite's two-argument max is null if either
 * is, PostgreSQL's greatest skips nulls.
 */
function lastSeenSql(ctx: Context): SQL {
  const r = t.recordings;
  const s = t.userSessions;
  const recordings = sql`(select max(coalesce(${r.endTime}, ${r.startTime})) from ${r} where ${and(eq(r.project, ctx.project), inArray(r.distinctId, distinctIdsOfPerson(ctx)))})`;
  const sessions = sql`(select max(coalesce(${s.endTime}, ${s.startTime})) from ${s} where ${and(eq(s.project, ctx.project), inArray(s.userId, distinctIdsOfPerson(ctx)))})`;
  return bothDialects({
    sqlite: sql`max(coalesce(${recordings}, ${sessions}), coalesce(${sessions}, ${recordings}))`,
    postgres: sql`greatest(${recordings}, ${sessions})`,
  });
}

export const recordingListFilter: RelationFilterType<Context> = relationFilter<Context>('SessionRecording', 'recordings', () => recordingFilter);
export const userSessionListFilter: RelationFilterType<Context> = relationFilter<Context>('UserSession', 'user sessions', () => userSessionFilter);

export const personFilter: EntityFilterType<Context> = entityFilter<Context>(personEntity, () => ({
  fields: (i) => ({
    distinctId: i.field({ type: 'StringFilter', required: false, description: 'The person has a distinct id matching this.' }),
    property: i.field({ type: [PersonPropertyFilter], required: false, description: 'PostHog person properties (plan, email, …); all must match.' }),
    recordings: i.field({ type: recordingListFilter.ref, required: false, description: "Conditions on the person's recordings (some, none or every)." }),
    userSessions: i.field({ type: userSessionListFilter.ref, required: false, description: "Conditions on the person's user sessions (some, none or every)." }),
    lastSeenAt: i.field({
      type: operatorFilterFor({ kind: 'time' }),
      required: false,
      description: 'When the person was last seen: the latest end of any of their recordings or user sessions (null: never).',
    }),
  }),
  compile: (filter, ctx) => {
    const parts = personPropertyConditions((filter.property as PersonPropertyInput[] | null) ?? [], ctx.now);
    const ops = filter.distinctId as OperatorFilter | null | undefined;
    if (ops) {
      const d = t.personDistinctIds;
      parts.push(sql`exists (select 1 from ${d} where ${d.personPk} = ${t.persons.pk} and ${and(...compileOperators(d.distinctId, ops))})`);
    }
    if (filter.lastSeenAt) parts.push(...compileOperators(lastSeenSql(ctx), filter.lastSeenAt as OperatorFilter, ctx.now));
    if (filter.recordings) parts.push(...recordingListFilter.compile(filter.recordings as RelationFilterInput, ctx, (where) => recordingsOfPersonExist(ctx, where)));
    if (filter.userSessions) parts.push(...userSessionListFilter.compile(filter.userSessions as RelationFilterInput, ctx, (where) => userSessionsOfPersonExist(ctx, where)));
    return parts;
  },
}));

/**
 * `person:` on recordings and sessions: the row's distinct id (`distinctId` of the enclosing
 * statement's row) belongs to a person of the project passing `filter`.
 */
export function ownerMatches(ctx: Context, distinctId: SQLiteColumn, filter: EntityFilter | null | undefined): SQL[] {
  if (!filter) return [];
  const where = personFilter.compile(filter, ctx);
  const d = t.personDistinctIds;
  const owners = ctx.store.db
    .select({ one: sql`1` })
    .from(d)
    .innerJoin(t.persons, eq(t.persons.pk, d.personPk))
    .where(and(eq(d.project, ctx.project), eq(d.distinctId, distinctId), where));
  return [sql`exists ${owners}`];
}

export const personOrder = entityOrder(personEntity, 'createdAt');
export const PersonConnection = builder.connectionObject(
  { type: PersonRef, name: 'PersonConnection', description: 'A page of persons (a Relay cursor connection).' },
  { description: 'One of the persons on the page, with its cursor.' },
);
const personList = entityList({ table: t.persons, filter: personFilter, order: personOrder });

/**
 * Persons that own these distinct ids (a distinct id belongs to one person), one statement;
 * `columns` of the person rows (null: all).
 */
export async function personsByDistinctIds(ctx: Context, ids: readonly string[], columns: readonly string[] | null = null): Promise<(t.PersonRow | null)[]> {
  const d = t.personDistinctIds;
  const rows = await ctx.sql.shaped(
    `personsByDistinctIds|${columns?.join(',') ?? '*'}`,
    () =>
      ctx.store.db
        .select({ distinctId: d.distinctId, person: columnSelection(t.persons, columns) })
        .from(d)
        .innerJoin(t.persons, eq(t.persons.pk, d.personPk))
        .where(and(eq(d.project, param.project), inKeys(d.distinctId))),
    keyList(ids),
  );
  const byId = new Map(rows.map((r) => [r.distinctId, r.person as t.PersonRow]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** `person`: the person owning the row's distinct id (`column`), batched per place in the query. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function personOf(f: any, column: string, description: string) {
  return f.loadable({
    type: PersonRef,
    nullable: true,
    description,
    // byPath: one loader per place in the query, so `info` (the columns to read) fits all its keys.
    byPath: true,
    ...reads(column),
    load: batchLoad((ids: string[], ctx: Context, _args: unknown, info: GraphQLResolveInfo) =>
      personsByDistinctIds(ctx, ids, selectedColumns(info, 'rows')),
    ),
    resolve: (row: Record<string, string | null>) => row[column],
  });
}

/** A recording or session belongs to the person owning its distinct id (`userId` for sessions). */
export const recordingsOfPerson: ParentLink = {
  key: t.personDistinctIds.personPk,
  join: {
    table: t.personDistinctIds,
    on: and(eq(t.personDistinctIds.project, t.recordings.project), eq(t.personDistinctIds.distinctId, t.recordings.distinctId))!,
  },
};
export const userSessionsOfPerson: ParentLink = {
  key: t.personDistinctIds.personPk,
  join: {
    table: t.personDistinctIds,
    on: and(eq(t.personDistinctIds.project, t.userSessions.project), eq(t.personDistinctIds.distinctId, t.userSessions.userId))!,
  },
};

/** The latest activity of many persons across both sources, in one statement. */
async function lastSeen(ctx: Context, pks: readonly number[]): Promise<Map<number, Date>> {
  // The same expression the `lastSeenAt` filter compiles to (lastSeenSql), for the page's persons at once.
  const p = t.persons;
  const rows = await ctx.sql.raw<{ pk: number; seen: number | string | null }>(
    sql`select ${p.pk} as pk, ${lastSeenSql(ctx)} as seen from ${p} where ${and(projectGuard(p.project), inKeys(p.pk))}`,
    keyList(pks),
  );
  return new Map(rows.filter((row) => row.seen != null).map((row) => [row.pk, new Date(Number(row.seen))]));
}

/** A list of the person's rows as a connection, loaded for all persons on the page at once. */
function personConnection<T extends Table>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  f: any,
  field: string,
  type: unknown,
  list: ReturnType<typeof entityList<T>>,
  link: ParentLink,
  description: string,
) {
  return f.loadable({
    type,
    description,
    byPath: true,
    ...reads('pk'),
    args: list.args(f),
    complexity: list.complexity,
    // byPath: one loader per place in the query, so `info` (the columns to read) is the same for all its keys.
    load: batchLoad(async (pks: number[], ctx: Context, args: ListArgs, info: GraphQLResolveInfo) =>
      connectionsOfParents(ctx, list.query(ctx, args, info), link, pks, args, `Person.${field}:${JSON.stringify(args)}`),
    ),
    resolve: (p: t.PersonRow) => p.pk,
  });
}

PersonRef.implement({
  description: personEntity.description,
  fields: (f) => ({
    // Another subgraph (accounts, CRM) may resolve a person's name too.
    ...columnFields(f, personEntity, [], { name: { shareable: true } }),
    properties: f.field({ type: 'JSON', tag: 'pii', description: personEntity.field('properties').description, ...reads('properties'), resolve: (p) => p.properties }),
    lastSeenAt: f.loadable({
      type: 'DateTime',
      nullable: true,
      description: "When the person was last seen: the latest end of any of their recordings or user sessions.",
      ...reads('pk'),
      load: batchLoad(async (pks: number[], ctx: Context) => {
        const found = await lastSeen(ctx, pks);
        return pks.map((pk) => found.get(pk) ?? null);
      }),
      resolve: (p) => p.pk,
    }),
    distinctIds: f.loadableList({
      type: 'String',
      description: 'Every distinct id of the person; recordings and sessions link through them.',
      ...reads('pk'),
      load: batchLoad(async (pks: number[], ctx: Context) => {
        const d = t.personDistinctIds;
        const rows = await ctx.sql.shaped(
          'Person.distinctIds',
          () => ctx.store.db.select({ pk: d.personPk, id: d.distinctId }).from(d).where(and(projectGuard(d.project), inKeys(d.personPk))).orderBy(d.personPk, d.distinctId),
          keyList(pks),
        );
        const byPerson = groupByParent(pks, rows, (r) => r.pk, (r) => r.id);
        return pks.map((pk) => byPerson.get(pk)!);
      }),
      resolve: (p) => p.pk,
    }),
    recordings: personConnection(f, 'recordings', RecordingConnection, recordingList, recordingsOfPerson, "The person's session recordings."),
    userSessions: personConnection(
      f,
      'userSessions',
      UserSessionConnection,
      userSessionList,
      userSessionsOfPerson,
      "The person's Dynatrace user sessions (those whose userId is one of the person's distinct ids).",
    ),
  }),
});

function personId(id: string): number | null {
  if (!/^\d{1,15}$/.test(id)) {
    throw new GraphQLError(`Invalid Person id "${id.slice(0, 64)}": expected an integer`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'id' },
    });
  }
  return Number(id);
}

builder.queryFields((f) => ({
  person: f.field({
    type: PersonRef,
    nullable: true,
    description: 'A person by id; null when there is none.',
    args: { id: f.arg.id({ required: true, description: "PostHog's numeric person id (Person.id)." }) },
    resolve: async (_, args, ctx) =>
      (await ctx.sql.shaped(
        'Query.person',
        () => ctx.store.db.select().from(t.persons).where(and(eq(t.persons.project, param.project), eq(t.persons.id, sql.placeholder('id')))),
        { id: personId(String(args.id)) },
      ))[0] ?? null,
  }),
  personByDistinctId: f.field({
    type: PersonRef,
    nullable: true,
    description: 'The person that owns this distinct id; null when none does.',
    args: { distinctId: f.arg.string({ required: true, description: 'One of the distinct ids of the person.' }) },
    resolve: async (_, args, ctx) => (await personsByDistinctIds(ctx, [args.distinctId]))[0] ?? null,
  }),
  persons: f.field({
    type: PersonConnection,
    description: 'Persons, newest first unless ordered otherwise.',
    args: personList.args(f),
    complexity: personList.complexity,
    resolve: (_, args, ctx, info) => rootConnection(ctx, personList.query(ctx, args, info), args),
  }),
}));

const ErasureReport = builder.objectRef<ErasureReportShape>('ErasureReport').implement({
  description: 'What deletePerson erased.',
  fields: (f) => ({
    persons: f.exposeInt('persons', { description: '1 when the person existed, else 0.' }),
    recordings: f.exposeInt('recordings', { description: 'How many session recordings were deleted.' }),
    userSessions: f.exposeInt('userSessions', { description: 'How many user sessions were deleted (with their events, errors and properties).' }),
    userActions: f.exposeInt('userActions', { description: 'How many user actions of those sessions were deleted.' }),
  }),
});

builder.mutationField('deletePerson', (f) =>
  f.field({
    type: ErasureReport,
    description:
      "Right to erasure: delete the person, their distinct ids, and every recording and user session linked to them with everything nested, in one transaction.",
    args: { id: f.arg.id({ required: true, description: "PostHog's numeric person id (Person.id)." }) },
    resolve: (_, args, ctx) => {
      const id = personId(String(args.id))!;
      return withWriteLock(ctx.store, () => erasePerson(ctx.store, ctx.project, id));
    },
  }),
);
