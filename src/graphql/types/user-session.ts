/** UserSession (Dynatrace) with its nested user actions, events, errors and synthetic events. */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { GraphQLError } from 'graphql';
import { deleteUserSession } from '../../db/erase.js';
import { visitRecordingsExist } from '../../db/visit-links.js';
import * as t from '../../db/schema.js';
import { withWriteLock } from '../../db/write-lock.js';
import { userSessionEntity } from '../../model/fields.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { reads, selectedColumns } from '../columns.js';
import { columnFields } from '../fields.js';
import { equalsWithoutIndex } from '../../db/dialect.js';
import { entityFilter, relationFilter, type EntityFilter, type EntityFilterType, type RelationFilterInput, type RelationFilterType } from '../filters.js';
import { batchLoad, childrenOfParents, entityList, rootConnection, type ParentLink } from '../lists.js';
import { checkPageSize, entityOrder, MAX_PAGE_SIZE, type OrderInput, type OrderTerm } from '../pagination.js';
import { SyntheticEventRef, UserActionRef, UserErrorRef, UserEventRef, UserSessionRef } from '../refs.js';
import { ownerMatches, personFilter, personOf, recordingListFilter } from './person.js';
import { propertyConditions, PropertyFilter, propertyFields } from './properties.js';
import { syntheticEventList, userErrorList, userEventList, type SessionChildList } from './session-events.js';
import { userActionFilter, userActionOrder } from './user-action.js';

type PropertyArgs = Parameters<typeof propertyConditions>[3];

/** A session's lists, for `some` / `none` / `every` conditions on them: their table and their filter. */
const SESSION_LISTS = {
  userActions: { table: t.userActions, type: 'UserAction', plural: 'user actions', filter: () => userActionFilter },
  events: { table: t.userEvents, type: 'UserEvent', plural: 'events', filter: () => userEventList.filter },
  errors: { table: t.userErrors, type: 'UserError', plural: 'errors', filter: () => userErrorList.filter },
  syntheticEvents: { table: t.syntheticEvents, type: 'SyntheticEvent', plural: 'synthetic events', filter: () => syntheticEventList.filter },
} as const;
type SessionListName = keyof typeof SESSION_LISTS;

const sessionListFilters = Object.fromEntries(
  Object.entries(SESSION_LISTS).map(([name, list]) => [name, relationFilter<Context>(list.type, list.plural, list.filter)]),
) as Record<SessionListName, RelationFilterType<Context>>;

/** `exists (…)` over the session's rows of one list (the session of the enclosing statement) that pass `where`. */
function sessionRowsExist(ctx: Context, name: SessionListName, where: SQL | undefined): SQL {
  const { table } = SESSION_LISTS[name];
  // Found through the session's key: the project check must not send SQLite to the project index.
  const rows = ctx.store.db.select({ one: sql`1` }).from(table).where(and(eq(table.sessionPk, t.userSessions.pk), equalsWithoutIndex(table.project, ctx.project), where));
  return sql`exists ${rows}`;
}

export const userSessionFilter: EntityFilterType<Context> = entityFilter<Context>(userSessionEntity, () => ({
  fields: (i) => ({
    property: i.field({ type: [PropertyFilter], required: false, description: 'Custom properties; all must match.' }),
    person: i.field({ type: personFilter.ref, required: false, description: "Conditions on the session's person (the owner of its userId): PostHog person properties, distinct ids, the person's other lists." }),
    recording: i.field({
      type: recordingListFilter.ref,
      required: false,
      description: 'Conditions on the PostHog recordings of the same visit (`recordings`): some, none or every of them match — e.g. sessions whose replay had console errors.',
    }),
    ...Object.fromEntries(
      (Object.keys(SESSION_LISTS) as SessionListName[]).map((name) => [
        name,
        i.field({ type: sessionListFilters[name].ref, required: false, description: `Conditions on the session's ${SESSION_LISTS[name].plural}: some, none or every of them match.` }),
      ]),
    ),
  }),
  compile: (filter, ctx) => [
    ...propertyConditions(ctx, 'session', t.userSessions.pk, (filter.property as PropertyArgs | null) ?? []),
    ...ownerMatches(ctx, t.userSessions.userId, filter.person as EntityFilter | null | undefined),
    ...(filter.recording ? recordingListFilter.compile(filter.recording as RelationFilterInput, ctx, visitRecordingsExist) : []),
    ...(Object.keys(SESSION_LISTS) as SessionListName[]).flatMap((name) =>
      filter[name] ? sessionListFilters[name].compile(filter[name] as RelationFilterInput, ctx, (where) => sessionRowsExist(ctx, name, where)) : [],
    ),
  ],
}));

/**
 * `session:` on a session's row (an action, event, error): its session passes `filter`. The
 * sessions are read once (an IN subquery), not per row.
 */
export function sessionMatches(ctx: Context, sessionPk: SQLiteColumn, filter: EntityFilter | null | undefined): SQL[] {
  const session = userSessionFilter.compile(filter, ctx);
  if (!session) return [];
  return [inArray(sessionPk, ctx.store.db.select({ pk: t.userSessions.pk }).from(t.userSessions).where(and(eq(t.userSessions.project, ctx.project), session)))];
}
export const userSessionOrder = entityOrder(userSessionEntity, 'startTime');
export const UserSessionConnection = builder.connectionObject(
  { type: UserSessionRef, name: 'UserSessionConnection', description: 'A page of user sessions (a Relay cursor connection).' },
  { description: 'One of the user sessions on the page, with its cursor.' },
);
export const userSessionList = entityList({ table: t.userSessions, filter: userSessionFilter, order: userSessionOrder });

/** A session's id is its unique key: `tenantId:userSessionId:partNumber`. */
export function userSessionId(s: Pick<t.UserSessionRow, 'tenantId' | 'userSessionId' | 'partNumber'>): string {
  return `${s.tenantId}:${s.userSessionId}:${s.partNumber}`;
}

export function parseUserSessionId(id: string) {
  const first = id.indexOf(':');
  const last = id.lastIndexOf(':');
  const part = Number(id.slice(last + 1));
  if (first <= 0 || last <= first + 1 || !Number.isSafeInteger(part) || part < 0 || id.slice(last + 1) === '') {
    throw new GraphQLError(`Invalid UserSession id "${id.slice(0, 64)}": expected "tenantId:userSessionId:partNumber"`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'id' },
    });
  }
  return { tenantId: id.slice(0, first), userSessionId: id.slice(first + 1, last), partNumber: part };
}

/**
 * `id` and `session` of a row nested under a session. The id is the session's id and the row's
 * 0-based position in it (`tenantId:userSessionId:partNumber/3`): unique per type and the same
 * after a re-import of the same export, so normalized client caches (Apollo Client, urql, Relay)
 * can key the row. The session comes from the batched session loader: one statement per query.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function sessionChildFields(f: any, what: string) {
  return {
    id: f.id({
      description: `The ${what}'s stable id: its session's id, \`/\` and its 0-based position in the session (\`tenantId:userSessionId:partNumber/3\`).`,
      ...reads('sessionPk', 'seq'),
      resolve: async (row: { sessionPk: number; seq: number }, _args: unknown, ctx: Context) =>
        `${userSessionId(await UserSessionRef.getDataloader(ctx).load(row.sessionPk))}/${row.seq}`,
    }),
    session: f.field({ type: UserSessionRef, description: `The session the ${what} belongs to.`, ...reads('sessionPk'), resolve: (row: { sessionPk: number }) => row.sessionPk }),
  };
}

/** Rows nested under sessions keep their export order. */
const bySeq = (seq: SQLiteColumn): OrderTerm[] => [{ field: { name: 'seq', column: seq, kind: 'int' }, direction: 'asc' }];

/** Rows under their session (module constants: a link's identity is part of its statements' shape). */
const underSession = {
  userActions: { key: t.userActions.sessionPk, position: t.userActions.seq },
  userEvents: { key: t.userEvents.sessionPk, position: t.userEvents.seq },
  userErrors: { key: t.userErrors.sessionPk, position: t.userErrors.seq },
  syntheticEvents: { key: t.syntheticEvents.sessionPk, position: t.syntheticEvents.seq },
} satisfies Record<string, ParentLink>;

type ChildArgs = { first?: number | null; filter?: EntityFilter | null; orderBy?: OrderInput[] | null };

/**
 * A list field of rows nested under a session, loaded for all sessions in one statement; with the
 * same `first`, `filter` and `orderBy` as the session's userActions (default: the session's order).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function sessionChildren(f: any, type: unknown, table: typeof t.userEvents | typeof t.userErrors | typeof t.syntheticEvents, link: ParentLink, list: () => SessionChildList, what: string, description: string) {
  return f.loadableList({
    type,
    description: `${description} \`first\` limits how many per session.`,
    // byPath: one loader per place in the query, so `info` (the columns to read) fits all its keys.
    byPath: true,
    ...reads('pk'),
    complexity: (args: { first?: number | null }) => ({ field: 1, multiplier: Math.max(1, args.first ?? 20) }),
    args: {
      first: f.arg.int({ description: `At most this many ${what}s per session (at most ${MAX_PAGE_SIZE}).` }),
      filter: f.arg({ type: list().filter.ref, description: `Only the ${what}s matching all these conditions.` }),
      orderBy: f.arg({ type: [list().order.input], description: 'Default: the order of the session.' }),
    },
    load: batchLoad(async (pks: number[], ctx: Context, args: ChildArgs, info) => {
      checkPageSize('first', args.first);
      const { filter, order } = list();
      const terms = args.orderBy?.length ? order.terms(args.orderBy) : bySeq(table.seq);
      const query = { table, where: filter.compile(args.filter, ctx), terms, columns: selectedColumns(info, 'rows') };
      const found = await childrenOfParents(ctx, query, link, pks, { limit: args.first ?? null });
      return pks.map((pk) => found.get(pk) ?? []);
    }),
    resolve: (s: t.UserSessionRow) => s.pk,
  });
}

UserSessionRef.implement({
  description: userSessionEntity.description,
  fields: (f) => ({
    id: f.id({ description: 'The unique key `tenantId:userSessionId:partNumber`.', ...reads('tenantId', 'userSessionId', 'partNumber'), resolve: (s) => userSessionId(s) }),
    ...columnFields(f, userSessionEntity),
    matchingConversionGoals: f.stringList({
      nullable: true,
      description: userSessionEntity.field('matchingConversionGoals').description,
      ...reads('matchingConversionGoals'),
      resolve: (s) => s.matchingConversionGoals,
    }),
    person: personOf(f, 'userId', "The person whose distinct id is this session's userId; null for anonymous sessions."),
    userActions: f.loadableList({
      type: UserActionRef,
      description: 'The user actions of the session, in order; `first` limits how many per session.',
      // byPath: one loader per place in the query, so `info` (the columns to read) fits all its keys.
      byPath: true,
      ...reads('pk'),
      // Sessions hold about 10 actions on average, up to a few hundred.
      complexity: (args: { first?: number | null }) => ({ field: 1, multiplier: Math.max(1, args.first ?? 20) }),
      args: {
        first: f.arg.int({ description: `At most this many actions per session (at most ${MAX_PAGE_SIZE}).` }),
        filter: f.arg({ type: userActionFilter.ref, description: 'Only the actions matching all these conditions.' }),
        orderBy: f.arg({ type: [userActionOrder.input], description: 'Default: the order of the session.' }),
      },
      load: batchLoad(async (pks: number[], ctx: Context, args: ChildArgs, info) => {
        checkPageSize('first', args.first);
        const terms = args.orderBy?.length ? userActionOrder.terms(args.orderBy) : bySeq(t.userActions.seq);
        const found = await childrenOfParents(
          ctx,
          { table: t.userActions, where: userActionFilter.compile(args.filter, ctx), terms, columns: selectedColumns(info, 'rows') },
          underSession.userActions,
          pks,
          { limit: args.first ?? null },
        );
        return pks.map((pk) => found.get(pk) ?? []);
      }),
      resolve: (s) => s.pk,
    }),
    events: sessionChildren(f, UserEventRef, t.userEvents, underSession.userEvents, () => userEventList, 'event', 'Additional events recorded in the session, in order;'),
    errors: sessionChildren(f, UserErrorRef, t.userErrors, underSession.userErrors, () => userErrorList, 'error', 'Errors recorded in the session, in order;'),
    syntheticEvents: sessionChildren(
      f,
      SyntheticEventRef,
      t.syntheticEvents,
      underSession.syntheticEvents,
      () => syntheticEventList,
      'synthetic event',
      'Synthetic events recorded in the session, in order;',
    ),
    ...propertyFields(f, 'session'),
  }),
});

builder.queryFields((f) => ({
  userSession: f.field({
    type: UserSessionRef,
    nullable: true,
    description: 'A user session by id (`tenantId:userSessionId:partNumber`); null when there is none.',
    args: { id: f.arg.id({ required: true, description: 'The session id `tenantId:userSessionId:partNumber` (UserSession.id).' }) },
    resolve: async (_, args, ctx) => {
      const key = parseUserSessionId(String(args.id));
      const s = t.userSessions;
      return (
        (await ctx.sql.get(
          ctx.store.db
            .select()
            .from(s)
            .where(
              and(
                eq(s.project, ctx.project),
                eq(s.tenantId, key.tenantId),
                eq(s.userSessionId, key.userSessionId),
                eq(s.partNumber, key.partNumber),
              ) as SQL,
            ),
        )) ?? null
      );
    },
  }),
  userSessions: f.field({
    type: UserSessionConnection,
    description: 'User sessions, newest first unless ordered otherwise.',
    args: userSessionList.args(f),
    complexity: userSessionList.complexity,
    resolve: (_, args, ctx, info) => rootConnection(ctx, userSessionList.query(ctx, args, info), args),
  }),
}));

builder.mutationField('deleteUserSession', (f) =>
  f.boolean({
    description: 'Delete a user session with everything nested under it; false when there was none.',
    args: { id: f.arg.id({ required: true, description: 'The session id `tenantId:userSessionId:partNumber` (UserSession.id).' }) },
    resolve: (_, args, ctx) => {
      const key = parseUserSessionId(String(args.id));
      return withWriteLock(ctx.store, () => deleteUserSession(ctx.store, ctx.project, key));
    },
  }),
);
