/** SessionRecording (PostHog) and the root fields that find recordings. */
import { and, eq, sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { deleteRecordings, markViewed } from '../../db/erase.js';
import { recordingServed, visitSessionsExist } from '../../db/visit-links.js';
import * as t from '../../db/schema.js';
import { withWriteLock } from '../../db/write-lock.js';
import { ONGOING_MS, recordingEntity, recordingTtlAt } from '../../model/fields.js';
import { builder } from '../builder.js';
import { param, type Context } from '../context.js';
import { reads } from '../columns.js';
import { columnFields } from '../fields.js';
import { entityFilter, type EntityFilter, type RelationFilterInput } from '../filters.js';
import { entityList, groupByParent, inKeys, keyList, requestLoader, rootConnection } from '../lists.js';
import { entityOrder } from '../pagination.js';
import { RecordingRef } from '../refs.js';
import { ownerMatches, personFilter, personOf, userSessionListFilter } from './person.js';

export const recordingFilter = entityFilter<Context>(recordingEntity, () => ({
  fields: (i) => ({
    person: i.field({ type: personFilter.ref, required: false, description: "Conditions on the recording's person (the owner of its distinct id): PostHog person properties, distinct ids, the person's other lists." }),
    userSession: i.field({
      type: userSessionListFilter.ref,
      required: false,
      description: 'Conditions on the Dynatrace user sessions of the same visit (`userSessions`): some, none or every of them match — e.g. replays of sessions that crashed or were FRUSTRATED.',
    }),
  }),
  compile: (filter, ctx) => [
    ...ownerMatches(ctx, t.recordings.distinctId, filter.person as EntityFilter | null | undefined),
    ...(filter.userSession ? userSessionListFilter.compile(filter.userSession as RelationFilterInput, ctx, visitSessionsExist) : []),
  ],
}));
// PostHog's orders; TTL is ordered by what it counts down to.
export const recordingOrder = entityOrder(recordingEntity, 'startTime', { recordingTtl: 'expiryTime' });

/** Under `--retention enforce`, expired recordings are no longer served (and the hourly purge deletes them). */
export const recordingVisible = recordingServed;

export const recordingList = entityList({ table: t.recordings, filter: recordingFilter, order: recordingOrder, visible: recordingVisible });
export const RecordingConnection = builder.connectionObject(
  { type: RecordingRef, name: 'SessionRecordingConnection', description: 'A page of session recordings (a Relay cursor connection).' },
  { description: 'One of the session recordings on the page, with its cursor.' },
);

const Outcome = builder.objectRef<t.SummaryOutcome>('Outcome').implement({
  description: "The outcome of a recording's AI summary (PostHog Outcome).",
  fields: (f) => ({
    description: f.string({ nullable: true, description: "The summary's account of the outcome, in words.", resolve: (o) => o.description ?? null }),
    success: f.boolean({ nullable: true, description: 'Whether the summary judged the session a success; null when it did not say.', resolve: (o) => o.success ?? null }),
  }),
});

RecordingRef.implement({
  description: recordingEntity.description,
  fields: (f) => ({
    ...columnFields(f, recordingEntity, ['viewed', 'ongoing', 'recordingTtl']),
    viewed: f.boolean({
      description: recordingEntity.field('viewed').description,
      ...reads('viewed'),
      resolve: async (r, _args, ctx) => (ctx.viewer === null ? r.viewed : (await viewersOf(ctx, r.pk)).includes(ctx.viewer)),
    }),
    viewers: f.stringList({
      description: 'Who else has viewed the recording: every viewer but the caller, as PostHog lists them.',
      ...reads('pk'),
      resolve: async (r, _args, ctx) => (await viewersOf(ctx, r.pk)).filter((v) => v !== ctx.viewer),
    }),
    ongoing: f.boolean({
      description: recordingEntity.field('ongoing').description,
      ...reads('ongoing', 'endTime'),
      resolve: (r, _args, ctx) => r.ongoing ?? (r.endTime !== null && r.endTime.getTime() > ctx.now - ONGOING_MS),
    }),
    recordingTtl: f.int({
      nullable: true,
      description: recordingEntity.field('recordingTtl').description,
      ...reads('recordingTtl', 'expiryTime'),
      resolve: (r, _args, ctx) => r.recordingTtl ?? recordingTtlAt(r.expiryTime, ctx.now),
    }),
    expired: f.boolean({
      description: recordingEntity.field('expired').description,
      ...reads('expiryTime'),
      resolve: (r, _args, ctx) => r.expiryTime !== null && r.expiryTime.getTime() <= ctx.now,
    }),
    summaryOutcome: f.field({
      type: Outcome,
      nullable: true,
      description: recordingEntity.field('summaryOutcome').description,
      ...reads('summaryOutcome'),
      resolve: (r) => r.summaryOutcome,
    }),
    externalReferences: f.field({
      type: ['JSON'],
      description: recordingEntity.field('externalReferences').description,
      ...reads('externalReferences'),
      resolve: (r) => r.externalReferences,
    }),
    person: personOf(f, 'distinctId', 'The person whose distinct id recorded this; null when unknown.'),
  }),
});

/** Everyone who has viewed a recording, batched across recordings. */
function viewersOf(ctx: Context, recordingPk: number): Promise<string[]> {
  return requestLoader(ctx, 'recording.viewers', async (pks) => {
    const v = t.recordingViewers;
    const rows = await ctx.sql.shaped(
      'SessionRecording.viewers',
      () =>
        ctx.store.db
          .select({ pk: v.recordingPk, viewer: v.viewer })
          .from(v)
          .where(and(eq(v.project, param.project), inKeys(v.recordingPk)))
          .orderBy(v.recordingPk, v.viewer),
      keyList(pks),
    );
    return groupByParent(pks, rows, (r) => r.pk, (r) => r.viewer);
  }).load(recordingPk);
}

builder.queryFields((f) => ({
  recording: f.field({
    type: RecordingRef,
    nullable: true,
    description: 'A recording by id; null when there is none.',
    args: { id: f.arg.id({ required: true, description: "The recording's PostHog session id (SessionRecording.id)." }) },
    resolve: async (_, args, ctx) =>
      (await ctx.sql.shaped(
        'Query.recording',
        () => ctx.store.db.select().from(t.recordings).where(and(eq(t.recordings.project, param.project), recordingVisible(), eq(t.recordings.id, sql.placeholder('id')))),
        { id: String(args.id) },
      ))[0] ?? null,
  }),
  recordings: f.field({
    type: RecordingConnection,
    description: 'Session recordings, newest first unless ordered otherwise.',
    args: recordingList.args(f),
    complexity: recordingList.complexity,
    resolve: (_, args, ctx, info) => rootConnection(ctx, recordingList.query(ctx, args, info), args),
  }),
}));

/** At most this many ids per batch mutation. */
export const MAX_BATCH = 100;

function checkBatch(ids: readonly unknown[]): void {
  if (ids.length > MAX_BATCH) {
    throw new GraphQLError(`At most ${MAX_BATCH} ids per call (got ${ids.length})`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'ids' } });
  }
}

/** The caller's recordings with these ids that are still served, in one statement. */
export async function visibleRecordings(ctx: Context, ids: readonly string[]): Promise<t.RecordingRow[]> {
  if (!ids.length) return [];
  return ctx.sql.shaped(
    'visibleRecordings',
    () => ctx.store.db.select().from(t.recordings).where(and(eq(t.recordings.project, param.project), recordingVisible(), inKeys(t.recordings.id))),
    keyList(ids),
  );
}

async function markViewedByCaller(ctx: Context, ids: readonly string[]): Promise<t.RecordingRow[]> {
  const viewer = ctx.viewer;
  if (viewer === null) {
    throw new GraphQLError('Marking a recording viewed needs a caller: send an API key', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  const { store } = ctx;
  return withWriteLock(store, async () => {
    const found = await visibleRecordings(ctx, ids);
    await markViewed(store, ctx.project, found.map((r) => r.pk), viewer);
    return found;
  });
}

const DeleteRecordingsResult = builder.objectRef<{ deleted: number; notFound: string[] }>('DeleteRecordingsResult').implement({
  description: 'What deleteRecordings deleted.',
  fields: (f) => ({
    deleted: f.exposeInt('deleted', { description: 'How many recordings were deleted.' }),
    notFound: f.exposeIDList('notFound', { description: 'The ids that matched no recording.' }),
  }),
});

builder.mutationFields((f) => ({
  markRecordingViewed: f.field({
    type: RecordingRef,
    nullable: true,
    description: 'Record that the caller has viewed the recording; null when there is no such recording.',
    args: { id: f.arg.id({ required: true, description: "The recording's PostHog session id (SessionRecording.id)." }) },
    resolve: async (_, args, ctx) => (await markViewedByCaller(ctx, [String(args.id)]))[0] ?? null,
  }),
  markRecordingsViewed: f.field({
    type: [RecordingRef],
    description: `Record that the caller has viewed these recordings (at most ${MAX_BATCH}); answers the ones that exist.`,
    args: { ids: f.arg.idList({ required: true, description: `Recording ids (SessionRecording.id), at most ${MAX_BATCH}.` }) },
    resolve: (_, args, ctx) => {
      checkBatch(args.ids);
      return markViewedByCaller(ctx, args.ids.map(String));
    },
  }),
  deleteRecording: f.boolean({
    description: 'Delete a recording; false when there was none.',
    args: { id: f.arg.id({ required: true, description: "The recording's PostHog session id (SessionRecording.id)." }) },
    resolve: (_, args, ctx) => withWriteLock(ctx.store, async () => (await deleteRecordings(ctx.store, ctx.project, [String(args.id)])).deleted > 0),
  }),
  deleteRecordings: f.field({
    type: DeleteRecordingsResult,
    description: `Delete recordings (at most ${MAX_BATCH}).`,
    args: { ids: f.arg.idList({ required: true, description: `Recording ids (SessionRecording.id), at most ${MAX_BATCH}.` }) },
    resolve: (_, args, ctx) => {
      checkBatch(args.ids);
      return withWriteLock(ctx.store, () => deleteRecordings(ctx.store, ctx.project, args.ids.map(String)));
    },
  }),
}));
