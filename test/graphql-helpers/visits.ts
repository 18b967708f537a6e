/**
 * The visit-link rule (README, "One visit, both products") in JS, from the records alone: a
 * session and a recording are one visit when the session's string property `posthog_session_id`
 * holds the recording's id (PROPERTY), else when the session's userId and the recording's
 * distinctId belong to one person and their times overlap or come within 60 s (OVERLAP). Written
 * from the documentation, to judge what the store computed.
 */
import type { StoreRows } from './rows.js';

export const LINK_PROPERTY = 'posthog_session_id';
export const TOLERANCE_MS = 60_000;

export interface VisitSession {
  key: string;
  start: number | null;
  end: number | null;
  userId: string | null;
  /** The values of its string properties named LINK_PROPERTY. */
  tags: string[];
}
export interface VisitRecording {
  key: string;
  id: string;
  start: number | null;
  end: number | null;
  distinctId: string | null;
}
export interface Link {
  linkedBy: 'PROPERTY' | 'OVERLAP';
  overlapMs: number | null;
}

/** Every link, by `sessionKey|recordingKey`. `personOf` names the person of a distinct id. */
export function visitLinks(sessions: VisitSession[], recordings: VisitRecording[], personOf: (distinctId: string) => unknown, toleranceMs = TOLERANCE_MS): Map<string, Link> {
  const links = new Map<string, Link>();
  for (const s of sessions) {
    for (const r of recordings) {
      const tagged = s.tags.includes(r.id);
      const both = s.start !== null && r.start !== null;
      const sEnd = s.end ?? s.start!;
      const rEnd = r.end ?? r.start!;
      const overlap = both ? Math.min(sEnd, rEnd) - Math.max(s.start!, r.start!) : null;
      const person = s.userId !== null ? personOf(s.userId) : undefined;
      const samePerson = person !== undefined && r.distinctId !== null && personOf(r.distinctId) === person;
      const near = both && s.start! <= rEnd + toleranceMs && r.start! <= sEnd + toleranceMs;
      if (tagged) links.set(`${s.key}|${r.key}`, { linkedBy: 'PROPERTY', overlapMs: overlap !== null && overlap > 0 ? overlap : null });
      else if (samePerson && near) links.set(`${s.key}|${r.key}`, { linkedBy: 'OVERLAP', overlapMs: Math.max(0, overlap!) });
    }
  }
  return links;
}

const time = (d: Date | null) => (d === null ? null : d.getTime());

/**
 * The links among the stored rows, as lists: each session's served recordings and each served
 * recording's sessions (an expired recording links, but is not served under `enforce`).
 */
export function storedVisits(rows: StoreRows) {
  const owner = new Map<string, number>();
  for (const p of rows.persons) for (const d of p.distinctIds) owner.set(d, p.pk);
  const sessions = rows.sessions.map((s) => ({
    key: String(s.pk),
    start: time(s.startTime),
    end: time(s.endTime),
    userId: s.userId,
    tags: (rows.sessionProperties.get(s.pk) ?? []).filter((p) => p.key === LINK_PROPERTY && p.type === 'string').map((p) => p.stringValue!),
  }));
  const recordings = rows.recordings.map((r) => ({ key: String(r.pk), id: r.id, start: time(r.startTime), end: time(r.endTime), distinctId: r.distinctId }));
  const links = visitLinks(sessions, recordings, (d) => owner.get(d));
  const recordingByPk = new Map(rows.recordings.map((r) => [r.pk, r]));
  const sessionByPk = new Map(rows.sessions.map((s) => [s.pk, s]));
  const recordingsOf = new Map<number, StoreRows['recordings']>();
  const sessionsOf = new Map<number, StoreRows['sessions']>();
  for (const key of links.keys()) {
    const [s, r] = key.split('|').map(Number) as [number, number];
    recordingsOf.set(s, [...(recordingsOf.get(s) ?? []), recordingByPk.get(r)!]);
    sessionsOf.set(r, [...(sessionsOf.get(r) ?? []), sessionByPk.get(s)!]);
  }
  return { links, recordingsOf: (pk: number) => recordingsOf.get(pk) ?? [], sessionsOf: (pk: number) => sessionsOf.get(pk) ?? [] };
}
