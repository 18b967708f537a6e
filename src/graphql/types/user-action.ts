/** UserAction (Dynatrace UserSessionUserAction) and the root list of actions across sessions. */
import * as t from '../../db/schema.js';
import { userActionEntity } from '../../model/fields.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { reads } from '../columns.js';
import { columnFields } from '../fields.js';
import { entityFilter, type EntityFilter } from '../filters.js';
import { entityList, rootConnection } from '../lists.js';
import { entityOrder } from '../pagination.js';
import { UserActionRef } from '../refs.js';
import { propertyConditions, PropertyFilter, propertyFields } from './properties.js';
import { sessionChildFields, sessionMatches, userSessionFilter } from './user-session.js';

type PropertyArgs = Parameters<typeof propertyConditions>[3];

export const userActionFilter = entityFilter<Context>(userActionEntity, () => ({
  fields: (i) => ({
    session: i.field({
      type: userSessionFilter.ref,
      required: false,
      description: "Conditions on the action's session (its country, browser, user, …).",
    }),
    property: i.field({ type: [PropertyFilter], required: false, description: 'Custom properties; all must match.' }),
  }),
  compile: (filter, ctx) => {
    return [
      ...propertyConditions(ctx, 'action', t.userActions.pk, (filter.property as PropertyArgs | null) ?? []),
      ...sessionMatches(ctx, t.userActions.sessionPk, filter.session as EntityFilter | null),
    ];
  },
}));
export const userActionOrder = entityOrder(userActionEntity, 'startTime');
export const UserActionConnection = builder.connectionObject(
  { type: UserActionRef, name: 'UserActionConnection', description: 'A page of user actions (a Relay cursor connection).' },
  { description: 'One of the user actions on the page, with its cursor.' },
);
const userActionList = entityList({ table: t.userActions, filter: userActionFilter, order: userActionOrder });

UserActionRef.implement({
  description: userActionEntity.description,
  fields: (f) => ({
    ...sessionChildFields(f, 'action'),
    ...columnFields(f, userActionEntity),
    matchingConversionGoals: f.stringList({
      nullable: true,
      description: userActionEntity.field('matchingConversionGoals').description,
      ...reads('matchingConversionGoals'),
      resolve: (a) => a.matchingConversionGoals,
    }),
    ...propertyFields(f, 'action'),
  }),
});

builder.queryFields((f) => ({
  userActions: f.field({
    type: UserActionConnection,
    description: 'User actions across sessions (e.g. the slowest key user actions), newest first unless ordered otherwise.',
    args: userActionList.args(f),
    complexity: userActionList.complexity,
    resolve: (_, args, ctx, info) => rootConnection(ctx, userActionList.query(ctx, args, info), args),
  }),
}));
