/**
 * UserEvent, UserError and SyntheticEvent (Dynatrace UserSessionEvents, UserSessionErrors,
 * UserSessionSyntheticEvent): their object types, and lists of their own across sessions, made
 * as UserAction's are (user-action.ts) from the one description of each (model/fields.ts): a
 * `<Type>Filter` with a `session:` condition on the parent, a `<Type>Order`, a connection and a
 * root field. The same filter and order serve the lists nested under a session (user-session.ts).
 */
import * as t from '../../db/schema.js';
import { syntheticEventEntity, userErrorEntity, userEventEntity, type EntitySpec } from '../../model/fields.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { columnFields } from '../fields.js';
import { entityFilter, type EntityFilter, type EntityFilterType } from '../filters.js';
import { entityList, rootConnection } from '../lists.js';
import { entityOrder, type EntityOrder } from '../pagination.js';
import { SyntheticEventRef, UserErrorRef, UserEventRef } from '../refs.js';
import { sessionChildFields, sessionMatches, userSessionFilter } from './user-session.js';

type ChildTable = typeof t.userEvents | typeof t.userErrors | typeof t.syntheticEvents;

/** What one kind of session child is called and how its lists read by default. */
interface ChildKind {
  entity: EntitySpec;
  table: ChildTable;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ref: any;
  /** The singular noun in descriptions ("error"). */
  what: string;
  /** The default order: this field, newest first. */
  timeField: string;
  rootField: string;
  rootDescription: string;
}

export interface SessionChildList {
  filter: EntityFilterType<Context>;
  order: EntityOrder;
}

/** `<Type>Filter` with `session:`, `<Type>Order`, `<Type>Connection`, the object type, and the root list. */
function sessionChildList(kind: ChildKind): SessionChildList {
  const { entity, table, what } = kind;
  const filter = entityFilter<Context>(entity, () => ({
    fields: (i) => ({
      session: i.field({
        type: userSessionFilter.ref,
        required: false,
        description: `Conditions on the ${what}'s session (its country, browser, user, …).`,
      }),
    }),
    compile: (f, ctx) => sessionMatches(ctx, table.sessionPk, f.session as EntityFilter | null),
  }));
  const order = entityOrder(entity, kind.timeField);
  const Connection = builder.connectionObject(
    { type: kind.ref, name: `${entity.name}Connection`, description: `A page of ${what}s (a Relay cursor connection).` },
    { description: `One of the ${what}s on the page, with its cursor.` },
  );
  const list = entityList({ table, filter, order });

  kind.ref.implement({
    description: entity.description,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    fields: (f: any) => ({ ...sessionChildFields(f, what), ...columnFields(f, entity) }) as never,
  });

  builder.queryFields((f) => ({
    [kind.rootField]: f.field({
      type: Connection as never,
      description: kind.rootDescription,
      args: list.args(f),
      complexity: list.complexity,
      resolve: (_, args, ctx, info) => rootConnection(ctx, list.query(ctx, args, info), args) as never,
    }),
  }));
  return { filter, order };
}

export const userEventList = sessionChildList({
  entity: userEventEntity,
  table: t.userEvents,
  ref: UserEventRef,
  what: 'event',
  timeField: 'startTime',
  rootField: 'userEvents',
  rootDescription: 'Additional events across sessions (page changes, rage clicks, crashes, …), newest first unless ordered otherwise.',
});

export const userErrorList = sessionChildList({
  entity: userErrorEntity,
  table: t.userErrors,
  ref: UserErrorRef,
  what: 'error',
  timeField: 'startTime',
  rootField: 'userErrors',
  rootDescription:
    'Errors across sessions (e.g. the latest JavaScript errors on Chrome 120: `filter: { session: { browserMajorVersion: { eq: "Chrome 120" } } }`), newest first unless ordered otherwise.',
});

export const syntheticEventList = sessionChildList({
  entity: syntheticEventEntity,
  table: t.syntheticEvents,
  ref: SyntheticEventRef,
  what: 'synthetic event',
  timeField: 'timestamp',
  rootField: 'syntheticEvents',
  rootDescription: 'Synthetic events across sessions (steps of Synthetic browser monitors), newest first unless ordered otherwise.',
});
