/** SessionRecording (PostHog) and the root fields that find recordings. */
import { and, eq, inArray } from 'drizzle-orm';
import * as t from '../../db/schema.js';
import { recordingEntity } from '../../model/fields.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { columnFields } from '../fields.js';
import { entityFilter } from '../filters.js';
import { rootConnection } from '../lists.js';
import { entityOrder } from '../pagination.js';
import { PersonRef, RecordingRef } from '../refs.js';
import { personsByDistinctIds } from './person.js';

export const recordingFilter = entityFilter<Context>(recordingEntity);
export const recordingOrder = entityOrder(recordingEntity, 'startTime');
export const RecordingConnection = builder.connectionObject({ type: RecordingRef, name: 'SessionRecordingConnection' });

const Outcome = builder.objectRef<t.SummaryOutcome>('Outcome').implement({
  description: "The outcome of a recording's AI summary.",
  fields: (f) => ({
    description: f.string({ nullable: true, resolve: (o) => o.description ?? null }),
    success: f.boolean({ nullable: true, resolve: (o) => o.success ?? null }),
  }),
});

RecordingRef.implement({
  description: 'A PostHog session recording.',
  fields: (f) => ({
    ...columnFields(f, recordingEntity),
    viewers: f.loadableList({
      type: 'String',
      description: 'Who else has viewed the recording.',
      load: async (pks: number[], ctx: Context) => {
        const v = t.recordingViewers;
        const rows = ctx.sql.all(
          ctx.store.db
            .select({ pk: v.recordingPk, viewer: v.viewer })
            .from(v)
            .where(and(eq(v.project, ctx.project), inArray(v.recordingPk, pks)))
            .orderBy(v.recordingPk, v.viewer),
        );
        const byRecording = new Map<number, string[]>(pks.map((pk) => [pk, []]));
        for (const r of rows) byRecording.get(r.pk)?.push(r.viewer);
        return pks.map((pk) => byRecording.get(pk)!);
      },
      resolve: (r) => r.pk,
    }),
    summaryOutcome: f.field({ type: Outcome, nullable: true, resolve: (r) => r.summaryOutcome }),
    externalReferences: f.field({
      type: ['JSON'],
      description: 'External references (linked issues) of the recording.',
      resolve: (r) => r.externalReferences,
    }),
    person: f.loadable({
      type: PersonRef,
      nullable: true,
      description: 'The person whose distinct id recorded this; null when unknown.',
      load: (ids: string[], ctx: Context) => personsByDistinctIds(ctx, ids),
      resolve: (r) => r.distinctId,
    }),
  }),
});

builder.queryFields((f) => ({
  recording: f.field({
    type: RecordingRef,
    nullable: true,
    description: 'A recording by id; null when there is none.',
    args: { id: f.arg.id({ required: true }) },
    resolve: (_, args, ctx) =>
      ctx.sql.get(
        ctx.store.db
          .select()
          .from(t.recordings)
          .where(and(eq(t.recordings.project, ctx.project), eq(t.recordings.id, String(args.id)))),
      ) ?? null,
  }),
  recordings: f.field({
    type: RecordingConnection,
    description: 'Session recordings, newest first unless ordered otherwise.',
    args: {
      ...f.arg.connectionArgs(),
      filter: f.arg({ type: recordingFilter.ref }),
      orderBy: f.arg({ type: [recordingOrder.input] }),
    },
    resolve: (_, args, ctx) =>
      rootConnection(
        ctx,
        { table: t.recordings, where: recordingFilter.compile(args.filter, ctx), terms: recordingOrder.terms(args.orderBy) },
        args,
      ),
  }),
}));
