/**
 * PostHog's SessionRecording (api/projects/:id/session_recordings) with its nested MinimalPerson.
 * The zod schemas read the wire shape (snake_case) and output store rows (camelCase).
 */
import { z } from 'zod';
import { camelKeys, count, counter, double, enumOf, id, int, jsonObject, opt, record, timestamp } from './common.js';
import type { JsonObject } from '../../db/schema.js';
import * as E from '../../model/enums.js';
import { note } from '../warnings.js';

/**
 * A decimal number sent as a JSON string, as older PostHog versions did for some fields (DRF wrote
 * a `timedelta` as `str(total_seconds())`). Only used where the product is known to send them.
 */
const numericString = (field: string) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(?:\.\d+)?$/, { error: 'expected a number' })
    .transform((v) => {
      note('coercedValue', `${field}: number sent as a string`);
      return Number(v);
    });

/**
 * A recording's duration in seconds: a number, or a decimal string (PostHog 2021,
 * `"1172.675"`). The store keeps whole seconds: a fraction is rounded to the nearest second.
 */
const duration = counter(
  z
    .union([z.number(), numericString('SessionRecording.recording_duration')])
    .transform((v) => {
      if (!Number.isInteger(v)) note('coercedValue', 'SessionRecording.recording_duration: fraction of a second rounded');
      return Math.round(v);
    })
    .pipe(count),
);

/**
 * A person's `id` as PostHog sends it: an integer (the recordings API's MinimalPerson), a numeric
 * string (2021), a UUID string (the current /persons API, where `id` is the person's uuid), or
 * null (the placeholder PostHog puts on a recording that has no person).
 */
const personId = z.union([id, numericString('Person.id').pipe(id), z.guid(), z.null()], {
  error: 'expected an integer, a numeric string, a UUID or null',
});

const personFields = {
  uuid: opt(z.string().min(1)),
  name: opt(z.string()),
  distinct_ids: z.array(z.string().min(1)).default([]),
  properties: jsonObject.default({}),
  created_at: opt(timestamp),
};

type PersonWire = { id: string | number | null; uuid: string | null; extra: JsonObject | null } & Record<string, unknown>;

/**
 * What the store keeps of a person: `id` is the integer id (null when the source has none: a
 * UUID-string id is the uuid, and the writer assigns the id), `uuid` null only when the source
 * has neither a uuid nor a UUID id (PostHog 2021: the writer keys that person by its id).
 */
function toPerson<P extends PersonWire & { name: string | null; distinct_ids: string[]; properties: Record<string, unknown>; created_at: Date | null }>(p: P) {
  const numeric = typeof p.id === 'number' ? p.id : null;
  const uuid = p.uuid ?? (typeof p.id === 'string' ? p.id : null);
  return {
    person: { id: numeric, uuid, name: p.name, properties: p.properties, createdAt: p.created_at, extra: p.extra },
    distinctIds: p.distinct_ids,
  };
}

/** A person on its own (the persons API, or a JSON array of persons): it must carry an id. */
export const minimalPerson = record('Person', {
  id: personId.refine((v) => v !== null, { error: 'required field is missing (a person id)' }),
  ...personFields,
}).transform(toPerson);

/**
 * The `person` nested in a recording. PostHog's placeholder for a recording without a person has
 * `"id": null` (and a made-up uuid): that is no person, and parses to null.
 */
const nestedPerson = record('Person', { id: personId.default(null), ...personFields }).transform((p) =>
  p.id === null ? null : toPerson(p),
);

const outcome = z.looseObject({ description: opt(z.string()), success: opt(z.boolean()) });

export const sessionRecording = record('SessionRecording', {
    id: z.string().min(1),
    distinct_id: opt(z.string()),
    viewed: z.boolean().default(false),
    viewers: z.array(z.string()).default([]),
    recording_duration: duration,
    active_seconds: opt(count),
    // Older PostHog versions computed it as duration − active seconds, which can come out negative.
    inactive_seconds: opt(count),
    start_time: opt(timestamp),
    end_time: opt(timestamp),
    click_count: opt(count),
    keypress_count: opt(count),
    mouse_activity_count: opt(count),
    console_log_count: opt(count),
    console_warn_count: opt(count),
    console_error_count: opt(count),
    start_url: opt(z.string()),
    person: opt(nestedPerson),
    retention_period_days: opt(count),
    expiry_time: opt(timestamp),
    recording_ttl: opt(int),
    snapshot_source: opt(enumOf(E.SnapshotSource, 'SessionRecording.snapshot_source')),
    snapshot_library: opt(z.string()),
    // Derived values are kept as the source sent them, null included; computed only when absent.
    ongoing: opt(z.boolean()),
    activity_score: double.nullish(),
    has_summary: z.boolean().default(false),
    summary_outcome: opt(outcome),
    external_references: z.array(jsonObject).default([]),
})
  .transform(({ viewers, person, ...wire }) => {
    const recording = camelKeys(wire);
    const expiryTime = recording.expiryTime ?? expiryOf(recording.startTime, recording.retentionPeriodDays);
    // Judged at import time, for the report only: what is served depends on --retention.
    if (expiryTime && expiryTime.getTime() <= Date.now()) note('pastExpiry', 'SessionRecording');
    return {
      recording: {
        ...recording,
        expiryTime,
        // `"activity_score": null` is PostHog saying it has none (its retrieve endpoint): kept null.
        activityScore: recording.activityScore === undefined ? activityScoreOf(recording) : recording.activityScore,
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

/**
 * PostHog's activity score (the list query's formula), for recordings whose source has no
 * `activity_score` key. It has no upper bound (clicks and keypresses count beside seconds); with
 * nothing to divide by PostHog's SQL divides 0 by 0, which is no score: null.
 */
export function activityScoreOf(r: ActivityInputs): number | null {
  const n = (v: number | null) => v ?? 0;
  const activity = n(r.activeSeconds) + n(r.clickCount) + n(r.keypressCount) + n(r.consoleErrorCount);
  const total = n(r.mouseActivityCount) + r.recordingDuration + n(r.consoleErrorCount) + n(r.consoleLogCount) + n(r.consoleWarnCount);
  if (r.activeSeconds === null && r.clickCount === null && r.keypressCount === null) return null;
  if (total === 0) return null;
  return Math.round((activity / total) * 100 * 100) / 100;
}

export type ParsedRecording = z.output<typeof sessionRecording>;
export type ParsedPerson = NonNullable<z.output<typeof nestedPerson>>;

/** A record looks like a PostHog recording when it carries a recording's own fields. */
export function looksLikeRecording(value: Record<string, unknown>): boolean {
  return 'recording_duration' in value || ('id' in value && 'distinct_id' in value);
}

/** A PostHog person on its own (the persons API), not nested in a recording. */
export function looksLikePerson(value: Record<string, unknown>): boolean {
  return 'uuid' in value && 'distinct_ids' in value;
}
