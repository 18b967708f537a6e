/**
 * The four benchmark queries: each as GraphQL for the real server, and as the hand-written SQL
 * the floor server answers the same JSON with (no GraphQL, no query builder, no DataLoader).
 *
 * The floor SQL is what a person would write by hand for exactly this response: the fewest
 * index-friendly statements, children of many parents in one statement. It is the bar the
 * gateway is measured against, so it must return byte-for-byte the same `data` (checked by
 * run.ts on one sample of each).
 */
import type Database from 'better-sqlite3';
import { enumValueName } from '../src/model/enums.js';

export type QueryKey = 'q1' | 'q2' | 'q3' | 'q4';
export type Variables = Record<string, unknown>;
export interface FloorAnswer {
  data: unknown;
  /** Statements the floor ran, to set beside the server's extensions.sql.statements. */
  statements: number;
}

export interface BenchQuery {
  key: QueryKey;
  title: string;
  query: string;
  /** Also measured against the server started with --no-batch (one statement per parent). */
  naive: boolean;
  /** Prepares the floor's statements once; the returned function answers one request. */
  floor(db: Database.Database): (variables: Variables) => FloorAnswer;
}

const DAY = 86_400_000;
const P = 'default';
const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());
/** A list of keys bound as one JSON parameter: one prepared statement for any number of parents. */
const IN_LIST = '(SELECT value FROM json_each(?))';

export const QUERIES: BenchQuery[] = [
  {
    key: 'q1',
    title: '100 sessions + 10 actions + person',
    naive: true,
    query: '{ userSessions(first: 100) { nodes { id startTime country duration userActions(first: 10) { name type duration } person { id name } } } }',
    floor(db) {
      const sessions = db.prepare(
        `SELECT pk, tenant_id, user_session_id, part_number, start_time, country, duration, user_id FROM user_sessions
         WHERE project = '${P}' ORDER BY start_time DESC, pk DESC LIMIT 100`,
      );
      // seq is the 0-based position in the session, so "first 10" is a range on the (session_pk, seq) index.
      const actions = db.prepare(
        `SELECT session_pk, name, type, duration FROM user_actions
         WHERE project = '${P}' AND session_pk IN ${IN_LIST} AND seq < 10 ORDER BY session_pk, seq`,
      );
      const persons = db.prepare(
        `SELECT d.distinct_id, p.id, p.name FROM person_distinct_ids d JOIN persons p ON p.pk = d.person_pk
         WHERE d.project = '${P}' AND d.distinct_id IN ${IN_LIST}`,
      );
      type S = { pk: number; tenant_id: string; user_session_id: string; part_number: number; start_time: number | null; country: string | null; duration: number | null; user_id: string | null };
      type A = { session_pk: number; name: string | null; type: string | null; duration: number | null };
      type R = { distinct_id: string; id: number; name: string | null };
      return () => {
        const rows = sessions.all() as S[];
        const byPk = new Map<number, { name: string | null; type: string | null; duration: number | null }[]>(rows.map((s) => [s.pk, []]));
        for (const a of actions.all(JSON.stringify(rows.map((s) => s.pk))) as A[]) {
          // The GraphQL name of the wire value (Load → LOAD, RageClick → RAGE_CLICK).
          byPk.get(a.session_pk)!.push({ name: a.name, type: a.type ? enumValueName(a.type) : null, duration: a.duration });
        }
        const userIds = [...new Set(rows.map((s) => s.user_id).filter((u): u is string => u != null))];
        const people = new Map((persons.all(JSON.stringify(userIds)) as R[]).map((r) => [r.distinct_id, { id: String(r.id), name: r.name }]));
        const nodes = rows.map((s) => ({
          id: `${s.tenant_id}:${s.user_session_id}:${s.part_number}`,
          startTime: iso(s.start_time),
          country: s.country,
          duration: s.duration,
          userActions: byPk.get(s.pk)!,
          person: (s.user_id != null && people.get(s.user_id)) || null,
        }));
        return { data: { userSessions: { nodes } }, statements: 3 };
      };
    },
  },
  {
    key: 'q2',
    title: 'person + 20 recordings + 20 sessions',
    naive: true,
    query:
      'query($id: ID!) { person(id: $id) { id name distinctIds recordings(first: 20) { totalCount nodes { id startTime recordingDuration } } userSessions(first: 20) { totalCount nodes { id startTime country duration } } } }',
    floor(db) {
      const person = db.prepare(`SELECT pk, id, name FROM persons WHERE project = '${P}' AND id = ?`);
      const ids = db.prepare(`SELECT distinct_id FROM person_distinct_ids WHERE project = '${P}' AND person_pk = ? ORDER BY distinct_id`).pluck();
      // The person's few distinct ids drive the loop (CROSS JOIN keeps json_each outside), so
      // each is one probe of the (project, distinct id / user id, start) index. Left to itself
      // the planner walks the start-time index of all sessions to skip the sort: seconds.
      const byIds = (table: string, column: string, extra = '') =>
        `FROM json_each(?) AS j CROSS JOIN ${table} AS t ON t.project = '${P}' AND t.${column} = j.value${extra}`;
      // Under --retention enforce expired recordings are not served (the server's recordingVisible);
      // the benchmark's server keeps them (the default), so the cutoff is before any expiry.
      const recordingsFrom = byIds('recordings', 'distinct_id', ' AND (t.expiry_time IS NULL OR t.expiry_time > ?)');
      const recordings = db.prepare(`SELECT t.id, t.start_time, t.recording_duration ${recordingsFrom} ORDER BY t.start_time DESC, t.pk DESC LIMIT 20`);
      const recordingCount = db.prepare(`SELECT count(*) ${recordingsFrom}`).pluck();
      const sessionsFrom = byIds('user_sessions', 'user_id');
      const sessions = db.prepare(
        `SELECT t.tenant_id, t.user_session_id, t.part_number, t.start_time, t.country, t.duration ${sessionsFrom} ORDER BY t.start_time DESC, t.pk DESC LIMIT 20`,
      );
      const sessionCount = db.prepare(`SELECT count(*) ${sessionsFrom}`).pluck();
      type Rec = { id: string; start_time: number | null; recording_duration: number };
      type S = { tenant_id: string; user_session_id: string; part_number: number; start_time: number | null; country: string | null; duration: number | null };
      return (variables) => {
        const p = person.get(Number(variables.id)) as { pk: number; id: number; name: string | null } | undefined;
        if (!p) return { data: { person: null }, statements: 1 };
        const distinctIds = ids.all(p.pk) as string[];
        const list = JSON.stringify(distinctIds);
        const cutoff = -1;
        return {
          data: {
            person: {
              id: String(p.id),
              name: p.name,
              distinctIds,
              recordings: {
                totalCount: recordingCount.get(list, cutoff) as number,
                nodes: (recordings.all(list, cutoff) as Rec[]).map((r) => ({ id: r.id, startTime: iso(r.start_time), recordingDuration: r.recording_duration })),
              },
              userSessions: {
                totalCount: sessionCount.get(list) as number,
                nodes: (sessions.all(list) as S[]).map((s) => ({
                  id: `${s.tenant_id}:${s.user_session_id}:${s.part_number}`,
                  startTime: iso(s.start_time),
                  country: s.country,
                  duration: s.duration,
                })),
              },
            },
          },
          statements: 6,
        };
      };
    },
  },
  {
    key: 'q3',
    title: 'stats by country: count, avg, p95',
    naive: false,
    query: '{ userSessionStats(groupBy: [COUNTRY]) { dimensions { country } count avg(field: DURATION) percentile(field: DURATION, p: 95) } }',
    floor(db) {
      // SQLite's built-in percentile() (3.47+), as the server uses.
      const stats = db.prepare(
        `SELECT country, count(*) AS n, avg(duration) AS avg, percentile(duration, 95) AS p95 FROM user_sessions
         WHERE project = '${P}' GROUP BY country ORDER BY n DESC, country ASC`,
      );
      type R = { country: string | null; n: number; avg: number | null; p95: number | null };
      return () => ({
        data: { userSessionStats: (stats.all() as R[]).map((r) => ({ dimensions: { country: r.country }, count: r.n, avg: r.avg, percentile: r.p95 })) },
        statements: 1,
      });
    },
  },
  {
    key: 'q4',
    title: 'daily series of sessions with errors',
    naive: false,
    query: '{ userSessionStats(interval: DAY, filter: { hasError: { eq: true } }) { dimensions { bucket } count } }',
    floor(db) {
      const series = db.prepare(
        `SELECT (start_time / ${DAY}) * ${DAY} AS bucket, count(*) AS n FROM user_sessions
         WHERE project = '${P}' AND has_error = 1 GROUP BY bucket ORDER BY bucket`,
      );
      type R = { bucket: number | null; n: number };
      return () => {
        const rows = series.all() as R[];
        const byBucket = new Map(rows.filter((r) => r.bucket != null).map((r) => [r.bucket!, r.n]));
        const out: { dimensions: { bucket: string | null }; count: number }[] = [];
        // A chart has no holes: empty days between the first and the last are listed with 0.
        if (byBucket.size) {
          const first = Math.min(...byBucket.keys());
          const last = Math.max(...byBucket.keys());
          for (let b = first; b <= last; b += DAY) out.push({ dimensions: { bucket: iso(b) }, count: byBucket.get(b) ?? 0 });
        }
        for (const r of rows) if (r.bucket == null) out.push({ dimensions: { bucket: null }, count: r.n });
        return { data: { userSessionStats: out }, statements: 1 };
      };
    },
  },
];

/** The request body both servers get: the GraphQL request, so the floor parses as much JSON. */
export function requestBody(q: BenchQuery, variables: Variables): string {
  return JSON.stringify(Object.keys(variables).length ? { query: q.query, variables } : { query: q.query });
}

/**
 * A person to ask query 2 about: the first (by id) with a few visible recordings and sessions,
 * so every part of the response has rows.
 */
export function pickPerson(db: Database.Database): string | null {
  const persons = db.prepare(`SELECT pk, id FROM persons WHERE project = '${P}' ORDER BY id`);
  const ids = db.prepare(`SELECT distinct_id FROM person_distinct_ids WHERE project = '${P}' AND person_pk = ?`).pluck();
  const recordings = db.prepare(`SELECT count(*) FROM recordings WHERE project = '${P}' AND distinct_id IN ${IN_LIST} AND (expiry_time IS NULL OR expiry_time > ?)`).pluck();
  const sessions = db.prepare(`SELECT count(*) FROM user_sessions WHERE project = '${P}' AND user_id IN ${IN_LIST}`).pluck();
  // Expiry a day ahead, so the pick still has recordings when the server is asked later.
  const soon = Date.now() + DAY;
  let fallback: string | null = null;
  for (const p of persons.all() as { pk: number; id: number }[]) {
    const list = JSON.stringify(ids.all(p.pk));
    const r = recordings.get(list, soon) as number;
    const s = sessions.get(list) as number;
    if (r >= 2 && s >= 3) return String(p.id);
    if (r >= 1 && s >= 1) fallback ??= String(p.id);
  }
  return fallback;
}
