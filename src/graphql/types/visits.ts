/**
 * Visits (issue 17): a Dynatrace user session's PostHog recordings and a recording's user sessions,
 * read from the stored links (db/visit-links.ts), one statement per list for every parent on the
 * page.
 */
import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import { orderTerm } from '../../db/dialect.js';
import * as t from '../../db/schema.js';
import { recordingEntity, userSessionEntity } from '../../model/fields.js';
import { builder } from '../builder.js';
import { reads } from '../columns.js';
import { param, type Context } from '../context.js';
import { groupByParent, inKeys, keyList, projectGuard, requestLoader } from '../lists.js';
import { RecordingRef, UserSessionRef } from '../refs.js';
import { recordingVisible } from './recording.js';

const VisitLinkKind = builder.enumType('VisitLinkKind', {
  description: 'How a Dynatrace user session and a PostHog recording were found to be the same visit.',
  values: {
    PROPERTY: { value: 'property', description: "The session carries the recording's id in its link property (default `posthog_session_id`, SESSIONGRAPH_LINK_PROPERTY)." },
    OVERLAP: {
      value: 'overlap',
      description: 'Same person (userId and distinctId are distinct ids of one person), and the time ranges overlap or come within the tolerance (default 60,000 ms, SESSIONGRAPH_LINK_TOLERANCE_MS).',
    },
  } as const,
});

type Linked<R> = { linkedBy: 'property' | 'overlap'; overlapMs: number | null; row: R };

const overlapDescription =
  'How long (ms) the two time ranges overlap: 0 for an overlap link that is only within the tolerance; null for a property link whose ranges do not overlap.';

const VisitRecording = builder.objectRef<Linked<t.RecordingRow>>('VisitRecording').implement({
  description: "A PostHog recording of the same visit as a user session, and how it was linked.",
  fields: (f) => ({
    recording: f.field({ type: RecordingRef, description: 'The recording.', resolve: (v) => v.row }),
    linkedBy: f.field({ type: VisitLinkKind, description: 'How the two were linked.', resolve: (v) => v.linkedBy }),
    overlapMs: f.int({ nullable: true, description: overlapDescription, resolve: (v) => v.overlapMs }),
  }),
});

const VisitUserSession = builder.objectRef<Linked<t.UserSessionRow>>('VisitUserSession').implement({
  description: 'A Dynatrace user session of the same visit as a recording, and how it was linked.',
  fields: (f) => ({
    userSession: f.field({ type: UserSessionRef, description: 'The user session.', resolve: (v) => v.row }),
    linkedBy: f.field({ type: VisitLinkKind, description: 'How the two were linked.', resolve: (v) => v.linkedBy }),
    overlapMs: f.int({ nullable: true, description: overlapDescription, resolve: (v) => v.overlapMs }),
  }),
});

const l = t.visitLinks;

/** The recordings linked to each session (served ones only: `--retention enforce` hides expired ones), by start time. */
async function recordingsOfSessions(ctx: Context, pks: number[]): Promise<Linked<t.RecordingRow>[][]> {
  const r = t.recordings;
  const rows = await ctx.sql.shaped(
    'UserSession.recordings',
    () =>
      ctx.store.db
        .select({ parent: l.sessionPk, linkedBy: l.linkedBy, overlapMs: l.overlapMs, row: getTableColumns(r) })
        .from(l)
        .innerJoin(r, eq(r.pk, l.recordingPk))
        .where(and(projectGuard(l.project), inKeys(l.sessionPk), eq(r.project, param.project), recordingVisible()))
        .orderBy(asc(l.sessionPk), orderTerm(r.startTime, 'asc'), asc(r.pk)),
    keyList(pks),
  );
  const byParent = groupByParent(pks, rows, (x) => x.parent, ({ parent: _p, ...x }) => x as Linked<t.RecordingRow>);
  return pks.map((pk) => byParent.get(pk)!);
}

/** The user sessions linked to each recording, by start time. */
async function sessionsOfRecordings(ctx: Context, pks: number[]): Promise<Linked<t.UserSessionRow>[][]> {
  const s = t.userSessions;
  const rows = await ctx.sql.shaped(
    'SessionRecording.userSessions',
    () =>
      ctx.store.db
        .select({ parent: l.recordingPk, linkedBy: l.linkedBy, overlapMs: l.overlapMs, row: getTableColumns(s) })
        .from(l)
        .innerJoin(s, eq(s.pk, l.sessionPk))
        .where(and(projectGuard(l.project), inKeys(l.recordingPk), eq(s.project, param.project)))
        .orderBy(asc(l.recordingPk), orderTerm(s.startTime, 'asc'), asc(s.pk)),
    keyList(pks),
  );
  const byParent = groupByParent(pks, rows, (x) => x.parent, ({ parent: _p, ...x }) => x as Linked<t.UserSessionRow>);
  return pks.map((pk) => byParent.get(pk)!);
}

/** Per request, every session's linked recordings, for `recordings` and `hasRecording` alike: one statement. */
const recordingsOf = (ctx: Context, pk: number) =>
  requestLoader(ctx, 'visit recordings', async (pks: readonly number[]) => {
    const lists = await recordingsOfSessions(ctx, [...pks]);
    return new Map(pks.map((k, i) => [k, lists[i]!]));
  }).load(pk);

/** Per request, every recording's linked sessions, for `userSessions` and `hasUserSession`. */
const sessionsOf = (ctx: Context, pk: number) =>
  requestLoader(ctx, 'visit sessions', async (pks: readonly number[]) => {
    const lists = await sessionsOfRecordings(ctx, [...pks]);
    return new Map(pks.map((k, i) => [k, lists[i]!]));
  }).load(pk);

builder.objectFields(UserSessionRef, (f) => ({
  recordings: f.field({
    type: [VisitRecording],
    description:
      'The PostHog recordings of the same visit (README, "One visit, both products"): by the link property, or by the same person at overlapping times; earliest first.',
    ...reads('pk'),
    resolve: (s, _args, ctx) => recordingsOf(ctx, s.pk),
  }),
  hasRecording: f.boolean({
    description: userSessionEntity.field('hasRecording').description,
    ...reads('pk'),
    resolve: async (s, _args, ctx) => (await recordingsOf(ctx, s.pk)).length > 0,
  }),
}));

builder.objectFields(RecordingRef, (f) => ({
  userSessions: f.field({
    type: [VisitUserSession],
    description:
      'The Dynatrace user sessions of the same visit (README, "One visit, both products"): tagged with this recording\'s id, or of the same person at overlapping times; earliest first.',
    ...reads('pk'),
    resolve: (r, _args, ctx) => sessionsOf(ctx, r.pk),
  }),
  hasUserSession: f.boolean({
    description: recordingEntity.field('hasUserSession').description,
    ...reads('pk'),
    resolve: async (r, _args, ctx) => (await sessionsOf(ctx, r.pk)).length > 0,
  }),
}));
