/** The stats root fields (one per entity) and the funnel over user actions. */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { GraphQLError } from 'graphql';
import * as t from '../../db/schema.js';
import { equalsWithoutIndex, tableThroughIndex } from '../../db/dialect.js';
import { recordingEntity, syntheticEventEntity, userActionEntity, userErrorEntity, userEventEntity, userSessionEntity } from '../../model/fields.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type { EntityFilter } from '../filters.js';
import { aggregate } from '../limits.js';
import { defineStats } from '../stats.js';
import { recordingFilter, recordingVisible } from './recording.js';
import { syntheticEventList, userErrorList, userEventList } from './session-events.js';
import { userActionFilter } from './user-action.js';
import { userSessionFilter } from './user-session.js';

/** The person behind a distinct id column, for countDistinct(field: PERSON). */
const personOf = (project: SQLiteColumn, distinctId: SQLiteColumn) =>
  sql`(select ${t.personDistinctIds.personPk} from ${t.personDistinctIds} where ${t.personDistinctIds.project} = ${project} and ${t.personDistinctIds.distinctId} = ${distinctId})`;

defineStats('userSessionStats', userSessionEntity, userSessionFilter, {
  timeField: 'startTime',
  distinct: { person: { description: 'Distinct persons (through userId).', expression: personOf(t.userSessions.project, t.userSessions.userId) } },
  properties: { table: t.sessionProperties, owner: t.sessionProperties.sessionPk },
});

defineStats('recordingStats', recordingEntity, recordingFilter, {
  timeField: 'startTime',
  visible: () => recordingVisible(),
  distinct: { person: { description: 'Distinct persons (through distinctId).', expression: personOf(t.recordings.project, t.recordings.distinctId) } },
});

defineStats('userActionStats', userActionEntity, userActionFilter, {
  timeField: 'startTime',
  distinct: { session: { description: 'Distinct user sessions.', expression: sql`${t.userActions.sessionPk}` } },
  properties: { table: t.actionProperties, owner: t.actionProperties.actionPk },
});

/** Events, errors and synthetic events: grouped by their own dimensions, filtered by their session's too. */
defineStats('userEventStats', userEventEntity, userEventList.filter, {
  timeField: 'startTime',
  distinct: { session: { description: 'Distinct user sessions.', expression: sql`${t.userEvents.sessionPk}` } },
});

defineStats('userErrorStats', userErrorEntity, userErrorList.filter, {
  timeField: 'startTime',
  distinct: { session: { description: 'Distinct user sessions.', expression: sql`${t.userErrors.sessionPk}` } },
});

defineStats('syntheticEventStats', syntheticEventEntity, syntheticEventList.filter, {
  timeField: 'timestamp',
  distinct: { session: { description: 'Distinct user sessions.', expression: sql`${t.syntheticEvents.sessionPk}` } },
});

const MAX_FUNNEL_STEPS = 10;

const FunnelStep = builder.objectRef<{ step: number; sessions: number; conversion: number | null }>('FunnelStep').implement({
  description: 'How many sessions reached this step after all the steps before it.',
  fields: (f) => ({
    step: f.exposeInt('step', { description: '1-based position of the step.' }),
    sessions: f.exposeInt('sessions', { description: 'How many sessions reached the step.' }),
    conversion: f.exposeFloat('conversion', { nullable: true, description: 'Share of the sessions that reached step 1.' }),
  }),
});

builder.queryField('funnel', (f) =>
  f.field({
    type: [FunnelStep],
    description:
      'How many sessions reach step 1, then step 2 after it, and so on: each step is the first matching action after the previous step, in session order.',
    ...aggregate,
    args: {
      steps: f.arg({ type: [userActionFilter.ref], required: true, description: `The steps, 1 to ${MAX_FUNNEL_STEPS}: each a condition on a user action.` }),
      filter: f.arg({ type: userSessionFilter.ref, description: 'Only the sessions matching all these conditions.' }),
    },
    resolve: async (_, args, ctx) => {
      const steps = args.steps as EntityFilter[];
      if (steps.length < 1 || steps.length > MAX_FUNNEL_STEPS) {
        throw new GraphQLError(`A funnel has 1 to ${MAX_FUNNEL_STEPS} steps (got ${steps.length})`, {
          extensions: { code: 'BAD_USER_INPUT', argumentName: 'steps' },
        });
      }
      const counts = await funnelCounts(ctx, steps, args.filter as EntityFilter | null);
      return counts.map((sessions, i) => ({ step: i + 1, sessions, conversion: counts[0] ? sessions / counts[0] : null }));
    },
  }),
);

/**
 * One statement, a materialized CTE per step: per session that reached the previous step, the
 * position of its first action matching this step after the previous step's (null when none).
 * That action is found through the (session, seq) index, in seq order, stopping at the first
 * match (ORDER BY seq LIMIT 1): each step reads a session's actions only from where the previous
 * one matched, so a whole funnel reads each action about once, whatever the number of steps. (It
 * was a join of every action of the project with the previous step, per step: 10 `contains`
 * steps over 1.6M actions took minutes.)
 */
async function funnelCounts(ctx: Context, steps: EntityFilter[], sessionFilter: EntityFilter | null): Promise<number[]> {
  const a = t.userActions;
  const s = t.userSessions;
  const sessions = and(eq(s.project, ctx.project), userSessionFilter.compile(sessionFilter, ctx));
  const ctes: SQL[] = [sql`s0 as materialized (select ${s.pk} as session_pk, -1 as seq from ${s} where ${sessions})`];
  steps.forEach((step, i) => {
    const condition = userActionFilter.compile(step, ctx) ?? sql`true`;
    const previous = sql.raw(`s${i}`);
    const next = sql`(select ${a.seq} from ${tableThroughIndex(a, 'user_actions_session_seq')} where ${a.sessionPk} = p.session_pk and ${a.seq} > p.seq and ${equalsWithoutIndex(a.project, ctx.project)} and ${condition} order by ${a.seq} limit 1)`;
    ctes.push(sql`${sql.raw(`s${i + 1}`)} as materialized (select p.session_pk as session_pk, ${next} as seq from ${previous} as p where p.seq is not null)`);
  });
  const columns = steps.map((_, i) => sql.raw(`(select count(seq) from s${i + 1}) as c${i + 1}`));
  const query = sql`with ${sql.join(ctes, sql`, `)} select ${sql.join(columns, sql`, `)}`;
  const row = (await ctx.sql.raw<Record<string, number>>(query))[0] ?? {};
  return steps.map((_, i) => Number(row[`c${i + 1}`] ?? 0));
}
