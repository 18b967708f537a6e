/**
 * PostHog's SessionRecording (api/projects/:id/session_recordings) with its nested MinimalPerson.
 * The zod schemas read the wire shape (snake_case) and output store rows (camelCase).
 */
import { z } from 'zod';
import { camelKeys, count, double, id, int, jsonObject, opt, timestamp } from './common.js';

export const minimalPerson = z
  .object({
    id,
    uuid: z.string().min(1),
    name: opt(z.string()),
    distinct_ids: z.array(z.string().min(1)).default([]),
    properties: jsonObject.default({}),
    created_at: opt(timestamp),
  })
  .transform((p) => ({
    person: { id: p.id, uuid: p.uuid, name: p.name, properties: p.properties, createdAt: p.created_at },
    distinctIds: p.distinct_ids,
  }));

const outcome = z.looseObject({ description: opt(z.string()), success: opt(z.boolean()) });

export const sessionRecording = z
  .object({
    id: z.string().min(1),
    distinct_id: opt(z.string()),
    viewed: z.boolean().default(false),
    viewers: z.array(z.string()).default([]),
    recording_duration: count,
    active_seconds: opt(count),
    // Older PostHog versions computed it as duration − active seconds, which can come out
    // negative: kept as given, not rejected.
    inactive_seconds: opt(int),
    start_time: opt(timestamp),
    end_time: opt(timestamp),
    click_count: opt(count),
    keypress_count: opt(count),
    mouse_activity_count: opt(count),
    console_log_count: opt(count),
    console_warn_count: opt(count),
    console_error_count: opt(count),
    start_url: opt(z.string()),
    person: opt(minimalPerson),
    retention_period_days: opt(count),
    expiry_time: opt(timestamp),
    recording_ttl: opt(int),
    snapshot_source: opt(z.string()),
    snapshot_library: opt(z.string()),
    ongoing: z.boolean().default(false),
    activity_score: opt(double),
    has_summary: z.boolean().default(false),
    summary_outcome: opt(outcome),
    external_references: z.array(jsonObject).default([]),
  })
  .transform(({ viewers, person, ...wire }) => {
    const recording = camelKeys(wire);
    return {
      recording: {
        ...recording,
        expiryTime: expiryOf(recording.startTime, recording.retentionPeriodDays) ?? recording.expiryTime,
        activityScore: recording.activityScore ?? activityScoreOf(recording),
      },
      viewers,
      person,
    };
  });

const DAY = 86_400_000;
/** PostHog keeps recordings until their start day (UTC midnight) plus the retention period (30 days when unknown). */
export function expiryOf(startTime: Date | null, retentionPeriodDays: number | null): Date | null {
  if (!startTime) return null;
  return new Date(Math.floor(startTime.getTime() / DAY) * DAY + (retentionPeriodDays ?? 30) * DAY);
}

type ActivityInputs = Record<
  'activeSeconds' | 'clickCount' | 'keypressCount' | 'consoleErrorCount' | 'mouseActivityCount' | 'consoleLogCount' | 'consoleWarnCount',
  number | null
> & { recordingDuration: number };

/** PostHog's activity score, for recordings whose source did not compute one. */
export function activityScoreOf(r: ActivityInputs): number | null {
  const n = (v: number | null) => v ?? 0;
  const activity = n(r.activeSeconds) + n(r.clickCount) + n(r.keypressCount) + n(r.consoleErrorCount);
  const total = n(r.mouseActivityCount) + r.recordingDuration + n(r.consoleErrorCount) + n(r.consoleLogCount) + n(r.consoleWarnCount);
  if (r.activeSeconds === null && r.clickCount === null && r.keypressCount === null) return null;
  if (total === 0) return 0;
  return Math.round((activity / total) * 100 * 100) / 100;
}

export type ParsedRecording = z.output<typeof sessionRecording>;
export type ParsedPerson = z.output<typeof minimalPerson>;

/** A record looks like a PostHog recording when it carries a recording's own fields. */
export function looksLikeRecording(value: Record<string, unknown>): boolean {
  return 'recording_duration' in value || ('id' in value && 'distinct_id' in value);
}

/** A PostHog person on its own (the persons API), not nested in a recording. */
export function looksLikePerson(value: Record<string, unknown>): boolean {
  return 'uuid' in value && 'distinct_ids' in value;
}
