/**
 * Apollo Federation v2: Person, SessionRecording and UserSession are entities. `_entities`
 * resolves references through per-request DataLoaders, so many representations of one type cost
 * one statement. Account is an entity of another subgraph that sessiongraph only references.
 */
import { and, eq, sql } from 'drizzle-orm';
import { getNamedType, GraphQLError, isUnionType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import * as t from '../db/schema.js';
import { tuplesInJsonArray } from '../db/dialect.js';
import { builder } from './builder.js';
import { reads } from './columns.js';
import { param, type Context } from './context.js';
import { inKeys, keyList, projectGuard, requestLoader } from './lists.js';
import { PersonRef, RecordingRef, UserSessionRef } from './refs.js';
import { personsByDistinctIds } from './types/person.js';
import { visibleRecordings } from './types/recording.js';
import { parseUserSessionId, userSessionId } from './types/user-session.js';

/** A person found through one of their distinct ids remembers which, for `Person.distinctId`. */
export type ReferencedPerson = t.PersonRow & { referencedDistinctId?: string };

async function personsById(ctx: Context, ids: readonly string[]): Promise<Map<string, t.PersonRow>> {
  const numeric = ids.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  const rows = numeric.length
    ? await ctx.sql.shaped('entity.Person.id', () => ctx.store.db.select().from(t.persons).where(and(eq(t.persons.project, param.project), inKeys(t.persons.id))), keyList(numeric))
    : [];
  return new Map(rows.map((r) => [String(r.id), r]));
}

builder.asEntity(PersonRef, {
  key: [builder.selection<{ id: string }>('id'), builder.selection<{ distinctId: string }>('distinctId')],
  resolveReference: async (ref, ctx): Promise<ReferencedPerson | null> => {
    if ('id' in ref && ref.id != null) {
      return (await requestLoader<t.PersonRow, string>(ctx, 'entity.Person.id', (ids) => personsById(ctx, ids)).load(String(ref.id))) ?? null;
    }
    const distinctId = String((ref as { distinctId: string }).distinctId);
    const person = await requestLoader<t.PersonRow | null, string>(ctx, 'entity.Person.distinctId', async (ids) => {
      const found = await personsByDistinctIds(ctx, ids);
      return new Map(ids.map((id, i) => [id, found[i] ?? null]));
    }).load(distinctId);
    return person ? { ...person, referencedDistinctId: distinctId } : null;
  },
});

builder.asEntity(RecordingRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: async (ref, ctx) =>
    (await requestLoader<t.RecordingRow, string>(ctx, 'entity.SessionRecording', async (ids) => new Map((await visibleRecordings(ctx, ids)).map((r) => [r.id, r]))).load(String(ref.id))) ?? null,
});

builder.asEntity(UserSessionRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: async (ref, ctx) =>
    (await requestLoader<t.UserSessionRow, string>(ctx, 'entity.UserSession', async (ids) => {
      const keys = ids.flatMap((id) => {
        try {
          const k = parseUserSessionId(id);
          return [[k.tenantId, k.userSessionId, k.partNumber]];
        } catch {
          return []; // a malformed id references nothing
        }
      });
      if (!keys.length) return new Map();
      const s = t.userSessions;
      // The keys are one JSON parameter: three SQL variables per id would overflow SQLite's limit
      // with a few thousand representations.
      const rows = await ctx.sql.shaped(
        'entity.UserSession',
        () =>
          ctx.store.db
            .select()
            .from(s)
            .where(
              and(
                eq(s.project, param.project),
                tuplesInJsonArray([s.tenantId, s.userSessionId, s.partNumber], param.keys),
              ),
            ),
        { keys: JSON.stringify(keys) },
      );
      return new Map(rows.map((r) => [userSessionId(r), r]));
    }).load(String(ref.id))) ?? null,
});

/**
 * An entity owned by another subgraph (say, billing's `Account`). sessiongraph only knows its key,
 * taken from the person's `account_id` property, and never resolves it (`resolvable: false`).
 */
export const AccountRef = builder.externalRef('Account', builder.keyDirective(builder.selection<{ id: string }>('id'), false)).implement({
  description: 'An account owned by another subgraph; sessiongraph references it by id.',
  fields: (f) => ({ id: f.exposeID('id', { description: "The account's id in the subgraph that owns it." }) }),
});

builder.objectFields(PersonRef, (f) => ({
  distinctId: f.string({
    nullable: true,
    description:
      'A distinct id of the person: the one an entity reference used, else the first in order. Any of their distinct ids resolves the Person entity.',
    ...reads('pk'),
    resolve: async (person: ReferencedPerson, _args, ctx) => {
      if (person.referencedDistinctId) return person.referencedDistinctId;
      const first = await requestLoader<string, number>(ctx, 'person.firstDistinctId', async (pks) => {
        const d = t.personDistinctIds;
        const rows = await ctx.sql.shaped(
          'Person.firstDistinctId',
          () =>
            ctx.store.db
              .select({ pk: d.personPk, id: sql<string>`min(${d.distinctId})` })
              .from(d)
              .where(and(projectGuard(d.project), inKeys(d.personPk)))
              .groupBy(d.personPk),
          keyList(pks),
        );
        return new Map(rows.map((r) => [r.pk, r.id]));
      }).load(person.pk);
      return first ?? null;
    },
  }),
  account: f.field({
    type: AccountRef,
    nullable: true,
    description: "The person's account in the billing subgraph, from their `account_id` property.",
    ...reads('properties'),
    resolve: (person) => {
      const id = (person.properties as Record<string, unknown>)?.account_id;
      return typeof id === 'string' || typeof id === 'number' ? { id: String(id) } : null;
    },
  }),
}));

/** At most this many representations in one `_entities` request. */
export const MAX_REPRESENTATIONS = 10_000;

/**
 * A representation whose `__typename` is not an entity of this subgraph is a client mistake:
 * refused as BAD_USER_INPUT naming the typename (@apollo/subgraph throws a plain Error for an
 * unknown type, which masks as an internal error), before anything is resolved.
 */
function checkRepresentations(representations: unknown, entities: ReadonlySet<string>): void {
  if (!Array.isArray(representations)) return;
  const refuse = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'representations' } });
  if (representations.length > MAX_REPRESENTATIONS) {
    throw refuse(`_entities got ${representations.length} representations, over the limit of ${MAX_REPRESENTATIONS}`);
  }
  representations.forEach((r: unknown, i) => {
    const typename = r && typeof r === 'object' ? (r as { __typename?: unknown }).__typename : undefined;
    if (typeof typename !== 'string' || !entities.has(typename)) {
      const named = typeof typename === 'string' ? `"${typename.slice(0, 100)}"` : 'missing';
      throw refuse(`_entities: representation ${i} has __typename ${named}, which is not an entity of this subgraph (one of ${[...entities].join(', ')})`);
    }
  });
}

/**
 * Wraps the subgraph schema's `_entities` resolver (made by the federation plugin) so every
 * representation is checked first (checkRepresentations). Called where the subgraph schema is built.
 */
export function guardEntities(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  const union = field && getNamedType(field.type);
  if (field?.resolve && isUnionType(union)) {
    const entities = new Set(union.getTypes().map((type) => type.name));
    const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve;
    field.resolve = (source, args: { representations?: unknown }, ctx, info) => {
      checkRepresentations(args.representations, entities);
      return resolve(source, args, ctx, info);
    };
  }
  return schema;
}
