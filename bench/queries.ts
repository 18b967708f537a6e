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
import type pg from 'pg';
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
  /**
   * The same answer from PostgreSQL through `pg`: the same statements in PostgreSQL's dialect
   * (named, so each connection prepares them once; lists as one array parameter), shaped into
   * JSON by the same code as SQLite's. NULLs sort as the store sorts them on both (first
   * ascending, last descending: db/dialect.ts orderTerm).
   */
  pgFloor(pool: pg.Pool): (variables: Variables) => Promise<FloorAnswer>;
}

const DAY = 86_400_000;
const P = 'default';
const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());
/** A list of keys bound as one JSON parameter: one prepared statement for any number of parents. */
const IN_LIST = '(SELECT value FROM json_each(?))';

/** Runs a named (prepared once per connection) statement on the pool; its rows. */
const pgRows = async <R>(pool: pg.Pool, name: string, text: string, values: unknown[] = []) => (await pool.query({ name, text, values })).rows as R[];

// The answers' shapes, shared by both floors: only the SQL differs between the stores.
type SessionRow = { pk: number; tenant_id: string; user_session_id: string; part_number: number; start_time: number | null; country: string | null; duration: number | null; user_id: string | null };
type ActionRow = { session_pk: number; name: string | null; type: string | null; duration: number | null };
type PersonRow = { distinct_id: string; id: number; name: string | null };
type RecordingRow = { id: string; start_time: number | null; recording_duration: number };
type StatsRow = { country: string | null; n: number; avg: number | null; p95: number | null };
type BucketRow = { bucket: number | null; n: number };
const sessionId = (s: Pick<SessionRow, 'tenant_id' | 'user_session_id' | 'part_number'>) => `${s.tenant_id}:${s.user_session_id}:${s.part_number}`;

function q1Answer(rows: SessionRow[], actions: ActionRow[], persons: PersonRow[]): FloorAnswer {
  const byPk = new Map<number, { name: string | null; type: string | null; duration: number | null }[]>(rows.map((s) => [s.pk, []]));
  for (const a of actions) {
    // The GraphQL name of the wire value (Load → LOAD, RageClick → RAGE_CLICK).
    byPk.get(a.session_pk)!.push({ name: a.name, type: a.type ? enumValueName(a.type) : null, duration: a.duration });
  }
  const people = new Map(persons.map((r) => [r.distinct_id, { id: String(r.id), name: r.name }]));
  const nodes = rows.map((s) => ({
    id: sessionId(s),
    startTime: iso(s.start_time),
    country: s.country,
    duration: s.duration,
    userActions: byPk.get(s.pk)!,
    person: (s.user_id != null && people.get(s.user_id)) || null,
  }));
  return { data: { userSessions: { nodes } }, statements: 3 };
}
const q1UserIds = (rows: SessionRow[]) => [...new Set(rows.map((s) => s.user_id).filter((u): u is string => u != null))];

function q2Answer(
  p: { id: number; name: string | null },
  distinctIds: string[],
  recordings: { count: number; rows: RecordingRow[] },
  sessions: { count: number; rows: Omit<SessionRow, 'pk' | 'user_id'>[] },
): FloorAnswer {
  return {
    data: {
      person: {
        id: String(p.id),
        name: p.name,
        distinctIds,
        recordings: {
          totalCount: recordings.count,
          nodes: recordings.rows.map((r) => ({ id: r.id, startTime: iso(r.start_time), recordingDuration: r.recording_duration })),
        },
        userSessions: {
          totalCount: sessions.count,
          nodes: sessions.rows.map((s) => ({ id: sessionId(s), startTime: iso(s.start_time), country: s.country, duration: s.duration })),
        },
      },
    },
    statements: 6,
  };
}
/** Under --retention enforce expired recordings are not served; the benchmark's server keeps them, so the cutoff is before any expiry. */
const RECORDING_CUTOFF = -1;

const q3Answer = (rows: StatsRow[]): FloorAnswer => ({
  data: { userSessionStats: rows.map((r) => ({ dimensions: { country: r.country }, count: r.n, avg: r.avg, percentile: r.p95 })) },
  statements: 1,
});

function q4Answer(rows: BucketRow[]): FloorAnswer {
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
}

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
      return () => {
        const rows = sessions.all() as SessionRow[];
        const a = actions.all(JSON.stringify(rows.map((s) => s.pk))) as ActionRow[];
        return q1Answer(rows, a, persons.all(JSON.stringify(q1UserIds(rows))) as PersonRow[]);
      };
    },
    pgFloor(pool) {
      return async () => {
        const rows = await pgRows<SessionRow>(
          pool,
          'q1_sessions',
          `SELECT pk, tenant_id, user_session_id, part_number, start_time, country, duration, user_id FROM user_sessions
           WHERE project = '${P}' ORDER BY start_time DESC NULLS LAST, pk DESC NULLS LAST LIMIT 100`,
        );
        const a = await pgRows<ActionRow>(
          pool,
          'q1_actions',
          `SELECT session_pk, name, type, duration FROM user_actions
           WHERE project = '${P}' AND session_pk = ANY($1::bigint[]) AND seq < 10 ORDER BY session_pk, seq`,
          [rows.map((s) => s.pk)],
        );
        const persons = await pgRows<PersonRow>(
          pool,
          'q1_persons',
          `SELECT d.distinct_id, p.id, p.name FROM person_distinct_ids d JOIN persons p ON p.pk = d.person_pk
           WHERE d.project = '${P}' AND d.distinct_id = ANY($1::text[])`,
          [q1UserIds(rows)],
        );
        return q1Answer(rows, a, persons);
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
      // Under --retention enforce expired recordings are not served (the server's recordingVisible).
      const recordingsFrom = byIds('recordings', 'distinct_id', ' AND (t.expiry_time IS NULL OR t.expiry_time > ?)');
      const recordings = db.prepare(`SELECT t.id, t.start_time, t.recording_duration ${recordingsFrom} ORDER BY t.start_time DESC, t.pk DESC LIMIT 20`);
      const recordingCount = db.prepare(`SELECT count(*) ${recordingsFrom}`).pluck();
      const sessionsFrom = byIds('user_sessions', 'user_id');
      const sessions = db.prepare(
        `SELECT t.tenant_id, t.user_session_id, t.part_number, t.start_time, t.country, t.duration ${sessionsFrom} ORDER BY t.start_time DESC, t.pk DESC LIMIT 20`,
      );
      const sessionCount = db.prepare(`SELECT count(*) ${sessionsFrom}`).pluck();
      return (variables) => {
        const p = person.get(Number(variables.id)) as { pk: number; id: number; name: string | null } | undefined;
        if (!p) return { data: { person: null }, statements: 1 };
        const distinctIds = ids.all(p.pk) as string[];
        const list = JSON.stringify(distinctIds);
        return q2Answer(
          p,
          distinctIds,
          { count: recordingCount.get(list, RECORDING_CUTOFF) as number, rows: recordings.all(list, RECORDING_CUTOFF) as RecordingRow[] },
          { count: sessionCount.get(list) as number, rows: sessions.all(list) as SessionRow[] },
        );
      };
    },
    pgFloor(pool) {
      const recordingsWhere = `project = '${P}' AND distinct_id = ANY($1::text[]) AND (expiry_time IS NULL OR expiry_time > $2)`;
      const sessionsWhere = `project = '${P}' AND user_id = ANY($1::text[])`;
      const count = async (name: string, text: string, values: unknown[]) => (await pgRows<{ n: number }>(pool, name, text, values))[0]!.n;
      return async (variables) => {
        const [p] = await pgRows<{ pk: number; id: number; name: string | null }>(pool, 'q2_person', `SELECT pk, id, name FROM persons WHERE project = '${P}' AND id = $1`, [Number(variables.id)]);
        if (!p) return { data: { person: null }, statements: 1 };
        const distinctIds = (
          await pgRows<{ distinct_id: string }>(pool, 'q2_ids', `SELECT distinct_id FROM person_distinct_ids WHERE project = '${P}' AND person_pk = $1 ORDER BY distinct_id`, [p.pk])
        ).map((r) => r.distinct_id);
        return q2Answer(
          p,
          distinctIds,
          {
            count: await count('q2_recording_count', `SELECT count(*) AS n FROM recordings WHERE ${recordingsWhere}`, [distinctIds, RECORDING_CUTOFF]),
            rows: await pgRows<RecordingRow>(
              pool,
              'q2_recordings',
              `SELECT id, start_time, recording_duration FROM recordings WHERE ${recordingsWhere} ORDER BY start_time DESC NULLS LAST, pk DESC NULLS LAST LIMIT 20`,
              [distinctIds, RECORDING_CUTOFF],
            ),
          },
          {
            count: await count('q2_session_count', `SELECT count(*) AS n FROM user_sessions WHERE ${sessionsWhere}`, [distinctIds]),
            rows: await pgRows<SessionRow>(
              pool,
              'q2_sessions',
              `SELECT tenant_id, user_session_id, part_number, start_time, country, duration FROM user_sessions WHERE ${sessionsWhere}
               ORDER BY start_time DESC NULLS LAST, pk DESC NULLS LAST LIMIT 20`,
              [distinctIds],
            ),
          },
        );
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
      return () => q3Answer(stats.all() as StatsRow[]);
    },
    pgFloor(pool) {
      // percentile_cont interpolates as SQLite's percentile() does.
      const text = `SELECT country, count(*) AS n, avg(duration) AS avg, percentile_cont(0.95) WITHIN GROUP (ORDER BY duration) AS p95 FROM user_sessions
         WHERE project = '${P}' GROUP BY country ORDER BY n DESC NULLS LAST, country ASC NULLS FIRST`;
      return async () => q3Answer(await pgRows<StatsRow>(pool, 'q3_stats', text));
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
      return () => q4Answer(series.all() as BucketRow[]);
    },
    pgFloor(pool) {
      const text = `SELECT (start_time / ${DAY}) * ${DAY} AS bucket, count(*) AS n FROM user_sessions
         WHERE project = '${P}' AND has_error GROUP BY bucket ORDER BY bucket ASC NULLS FIRST`;
      return async () => q4Answer(await pgRows<BucketRow>(pool, 'q4_series', text));
    },
  },
];

/** The request body both servers get: the GraphQL request, so the floor parses as much JSON. */
export function requestBody(q: BenchQuery, variables: Variables): string {
  return JSON.stringify(Object.keys(variables).length ? { query: q.query, variables } : { query: q.query });
}

/** What pickPerson reads, from either store. */
interface PersonReader {
  persons(): Promise<{ pk: number; id: number }[]>;
  ids(pk: number): Promise<string[]>;
  recordings(ids: string[], expiringAfter: number): Promise<number>;
  sessions(ids: string[]): Promise<number>;
}

function sqliteReader(db: Database.Database): PersonReader {
  const persons = db.prepare(`SELECT pk, id FROM persons WHERE project = '${P}' ORDER BY id`);
  const ids = db.prepare(`SELECT distinct_id FROM person_distinct_ids WHERE project = '${P}' AND person_pk = ?`).pluck();
  const recordings = db.prepare(`SELECT count(*) FROM recordings WHERE project = '${P}' AND distinct_id IN ${IN_LIST} AND (expiry_time IS NULL OR expiry_time > ?)`).pluck();
  const sessions = db.prepare(`SELECT count(*) FROM user_sessions WHERE project = '${P}' AND user_id IN ${IN_LIST}`).pluck();
  return {
    persons: async () => persons.all() as { pk: number; id: number }[],
    ids: async (pk) => ids.all(pk) as string[],
    recordings: async (list, after) => recordings.get(JSON.stringify(list), after) as number,
    sessions: async (list) => sessions.get(JSON.stringify(list)) as number,
  };
}

function pgReader(pool: pg.Pool): PersonReader {
  const n = async (text: string, values: unknown[]) => Number((await pool.query(text, values)).rows[0].n);
  return {
    persons: async () => (await pool.query(`SELECT pk, id FROM persons WHERE project = '${P}' ORDER BY id`)).rows.map((r) => ({ pk: Number(r.pk), id: Number(r.id) })),
    ids: async (pk) => (await pool.query(`SELECT distinct_id FROM person_distinct_ids WHERE project = '${P}' AND person_pk = $1`, [pk])).rows.map((r) => r.distinct_id as string),
    recordings: (list, after) =>
      n(`SELECT count(*) AS n FROM recordings WHERE project = '${P}' AND distinct_id = ANY($1::text[]) AND (expiry_time IS NULL OR expiry_time > $2)`, [list, after]),
    sessions: (list) => n(`SELECT count(*) AS n FROM user_sessions WHERE project = '${P}' AND user_id = ANY($1::text[])`, [list]),
  };
}

/**
 * A person to ask query 2 about: the first (by id) with a few visible recordings and sessions,
 * so every part of the response has rows. The same person on both stores (the same data).
 */
export async function pickPerson(store: { sqlite: Database.Database } | { pg: pg.Pool }): Promise<string | null> {
  const read = 'sqlite' in store ? sqliteReader(store.sqlite) : pgReader(store.pg);
  // Expiry a day ahead, so the pick still has recordings when the server is asked later.
  const soon = Date.now() + DAY;
  let fallback: string | null = null;
  for (const p of await read.persons()) {
    const list = await read.ids(p.pk);
    const r = await read.recordings(list, soon);
    const s = await read.sessions(list);
    if (r >= 2 && s >= 3) return String(p.id);
    if (r >= 1 && s >= 1) fallback ??= String(p.id);
  }
  return fallback;
}
