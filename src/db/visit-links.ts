/**
 * Visits (issue 17): which Dynatrace user sessions and PostHog recordings are the same visit,
 * stored in `visit_links` and recomputed in the transaction that writes either side.
 *
 * The rule (README, "One visit, both products"):
 *  - `property`: the session has a string custom property whose key is the link property
 *    (config.ts visitLinkConfig, default `posthog_session_id`) and whose value is the recording's id;
 *  - otherwise `overlap`: the session's userId and the recording's distinctId belong to the same
 *    person, and [session.startTime, session.endTime] and [recording.startTime, recording.endTime]
 *    overlap or come within the tolerance (default 60 s). A missing end time counts as the start
 *    time; a missing start time links by property only.
 *  - `overlapMs` = max(0, min(ends) − max(starts)) for overlap links; for property links the same
 *    when the ranges overlap (> 0), else NULL.
 *
 * After each batch the links of the touched sessions and recordings are recomputed with two
 * statements whatever the batch's size: one DELETE of every link of a touched session or
 * recording, one INSERT … SELECT of their links as they are now. Touched: the sessions and
 * recordings the batch wrote, and those whose userId / distinctId is a distinct id the batch wrote
 * for a person (it may have moved to another person). Deleting a session or a recording deletes
 * its links (ON DELETE CASCADE).
 */
import { getTableName, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { equalsWithoutIndex, inJsonArray, renderForPostgres } from './dialect.js';
import type { Db } from './open.js';
import * as t from './schema.js';
import { runStatement, type Connection } from './statements.js';

/** What a batch wrote, for the links to recompute. */
export interface Touched {
  sessionPks: Set<number>;
  recordingPks: Set<number>;
  distinctIds: Set<string>;
}

export function noneTouched(): Touched {
  return { sessionPks: new Set(), recordingPks: new Set(), distinctIds: new Set() };
}

const P = {
  project: sql.placeholder('project'),
  sessions: sql.placeholder('sessions'),
  recordings: sql.placeholder('recordings'),
  distinctIds: sql.placeholder('distinctIds'),
  property: sql.placeholder('property'),
  tolerance: sql.placeholder('tolerance'),
};

/** A table under an alias in a FROM clause (an aliased table renders as its alias alone). */
const from = (table: Parameters<typeof getTableName>[0], name: string) => sql`${sql.identifier(getTableName(table))} ${sql.identifier(name)}`;
const vs = alias(t.userSessions, 'vs');
const vr = alias(t.recordings, 'vr');
const vp = alias(t.sessionProperties, 'vp');
const ds = alias(t.personDistinctIds, 'ds');
const dr = alias(t.personDistinctIds, 'dr');

/** A derived table of touched rows' pks, first in every FROM below: its column and its alias. */
interface TouchedRows {
  from: SQL;
  pk: SQL;
}
const PK = sql.identifier('pk');

/**
 * The touched rows of `table`, as the first FROM item of a statement (`name`): written (by pk),
 * or owned by a distinct id written for a person. A UNION of the two, each through its own index
 * (the project check on rows found by pk is `+project`, equalsWithoutIndex). Every statement
 * starts from these few rows and follows keys (CROSS JOIN keeps that order on SQLite): as `x IN
 * (…)` beside the tables, SQLite walked every session of the project per batch (an OR, or a plain
 * project check, sent it to a project index), and PostgreSQL, without statistics during an
 * import, scanned the tables and ran the subquery per row; an import slowed down as the store grew.
 */
function touched(table: typeof t.userSessions | typeof t.recordings, owner: SQLiteColumn, pks: unknown, name: string): TouchedRows {
  const alias = sql.identifier(name);
  return {
    from: sql`(select ${table.pk} as ${PK} from ${table} where ${equalsWithoutIndex(table.project, P.project)} and ${inJsonArray(table.pk, pks)}
      union select ${table.pk} from ${table} where ${table.project} = ${P.project} and ${inJsonArray(owner, P.distinctIds)}) as ${alias}`,
    pk: sql`${alias}.${PK}`,
  };
}
/** The touched user sessions (written, or of a distinct id written for a person). */
const touchedSessions = touched(t.userSessions, t.userSessions.userId, P.sessions, 'ts');
/** The touched recordings. */
const touchedRecordings = touched(t.recordings, t.recordings.distinctId, P.recordings, 'tr');

const ms = (c: SQLWrapper) => sql`${c}`;
const endOf = (start: SQL, end: SQL) => sql`coalesce(${end}, ${start})`;
const least = (a: SQL, b: SQL) => sql`(case when ${a} < ${b} then ${a} else ${b} end)`;
const greatest = (a: SQL, b: SQL) => sql`(case when ${a} > ${b} then ${a} else ${b} end)`;

/**
 * Pairs linked by the property, driven from one side: from the touched sessions' properties (by
 * session), or (`fromRecordings`) from the touched recordings to the properties naming them (by
 * project, key and value). CROSS JOIN so SQLite keeps that order, and the project is checked
 * `+project` on the driven side: otherwise SQLite may read every link property of the project per
 * batch. PostgreSQL plans it as the inner join it is.
 */
function propertyPairs(fromRecordings: boolean): SQL {
  const tables = fromRecordings
    ? sql`${touchedRecordings.from} cross join ${from(t.recordings, 'vr')} cross join ${from(t.sessionProperties, 'vp')}`
    : sql`${touchedSessions.from} cross join ${from(t.sessionProperties, 'vp')} cross join ${from(t.recordings, 'vr')}`;
  const side = fromRecordings ? sql`${vr.pk} = ${touchedRecordings.pk}` : sql`${vp.sessionPk} = ${touchedSessions.pk}`;
  return sql`select ${vp.sessionPk} as session_pk, ${vr.pk} as recording_pk, 'property' as kind
    from ${tables}
    where ${side} and ${vr.project} = ${vp.project} and ${vr.id} = ${vp.stringValue}
      and ${equalsWithoutIndex(vp.project, P.project)} and ${vp.key} = ${P.property} and ${vp.type} = 'string'`;
}

/**
 * Pairs of the same person whose times overlap or come within the tolerance, driven from one
 * side: session → its distinct id → the person's distinct ids → their recordings, or the same
 * from a recording. CROSS JOINs keep that order on SQLite, each step through the index of its
 * keys; left to itself SQLite read the other side by project and time range, every row of the
 * project per batch.
 */
function overlapPairs(fromRecordings: boolean): SQL {
  const sStart = ms(vs.startTime);
  const rStart = ms(vr.startTime);
  const sessionSide = sql`${from(t.userSessions, 'vs')} cross join ${from(t.personDistinctIds, 'ds')}`;
  const recordingSide = sql`${from(t.recordings, 'vr')} cross join ${from(t.personDistinctIds, 'dr')}`;
  const tables = fromRecordings
    ? sql`${touchedRecordings.from} cross join ${recordingSide} cross join ${from(t.personDistinctIds, 'ds')} cross join ${from(t.userSessions, 'vs')}`
    : sql`${touchedSessions.from} cross join ${sessionSide} cross join ${from(t.personDistinctIds, 'dr')} cross join ${from(t.recordings, 'vr')}`;
  const side = fromRecordings ? sql`${vr.pk} = ${touchedRecordings.pk}` : sql`${vs.pk} = ${touchedSessions.pk}`;
  return sql`select ${vs.pk} as session_pk, ${vr.pk} as recording_pk, 'overlap' as kind
    from ${tables}
    where ${side}
      and ${ds.project} = ${vs.project} and ${ds.distinctId} = ${vs.userId}
      and ${dr.personPk} = ${ds.personPk}
      and ${vr.project} = ${dr.project} and ${vr.distinctId} = ${dr.distinctId}
      and ${sStart} <= ${endOf(rStart, ms(vr.endTime))} + ${P.tolerance}
      and ${rStart} <= ${endOf(sStart, ms(vs.endTime))} + ${P.tolerance}`;
}

/** The statements that recompute the links of a batch's touched rows, prepared once per writer. */
export function visitLinkStatements(db: Db, on: Connection, project: string, config: { property: string; toleranceMs: number }) {
  const render = (query: SQL) => ({
    toSQL: () => {
      const dialect = (db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }).dialect;
      return on.dialect === 'postgres' ? renderForPostgres(() => dialect.sqlToQuery(query)) : dialect.sqlToQuery(query);
    },
  });
  const l = t.visitLinks;
  const remove = runStatement(
    db,
    on,
    // Each side through its own index (an OR of the two made SQLite scan the table).
    render(
      sql`delete from ${l} where ${l.pk} in (
        select ${l.pk} from ${touchedSessions.from} cross join ${l} where ${l.sessionPk} = ${touchedSessions.pk}
        union all
        select ${l.pk} from ${touchedRecordings.from} cross join ${l} where ${l.recordingPk} = ${touchedRecordings.pk}
      ) and ${l.project} = ${P.project}`,
    ),
  );
  const pairs = sql.join(
    [
      propertyPairs(false),
      propertyPairs(true),
      overlapPairs(false),
      overlapPairs(true),
    ],
    sql` union all `,
  );
  const sStart = ms(vs.startTime);
  const rStart = ms(vr.startTime);
  const overlap = sql`(${least(endOf(sStart, ms(vs.endTime)), endOf(rStart, ms(vr.endTime)))} - ${greatest(sStart, rStart)})`;
  // 'property' > 'overlap': max() keeps the property link of a pair found both ways. CROSS JOIN:
  // SQLite keeps the order (the few pairs first, then their rows by pk), not a scan of recordings.
  const kind = sql`max(pairs.kind)`;
  const insert = runStatement(
    db,
    on,
    render(sql`insert into ${l} (project, session_pk, recording_pk, linked_by, overlap_ms)
      select ${vs.project}, ${vs.pk}, ${vr.pk}, ${kind},
        case when ${kind} = 'overlap' then ${greatest(overlap, sql`0`)} when ${overlap} > 0 then ${overlap} end
      from (${pairs}) pairs
      cross join ${from(t.userSessions, 'vs')}
      cross join ${from(t.recordings, 'vr')}
      where ${vs.pk} = pairs.session_pk and ${vr.pk} = pairs.recording_pk
      group by ${vs.pk}, ${vr.pk}`),
  );
  // PostgreSQL joins in the order written while the links are recomputed: the touched rows first,
  // then keys. Without statistics (early in an import; the pipeline gathers them as the tables
  // grow) and believing the tables nearly empty, it started from every recording or tagged
  // property of the project instead: seconds per batch, growing. SET LOCAL: the recompute is the
  // last thing its batch's transaction does (ingest/pipeline.ts commit).
  const pinned = on.dialect === 'postgres'
    ? [runStatement(db, on, render(sql`select set_config('join_collapse_limit', '1', true), set_config('from_collapse_limit', '1', true)`))]
    : [];
  return {
    /** Recomputes the links of what `touched` names (nothing when it names nothing), and empties it. */
    *relink(touched: Touched): Generator<unknown, void, unknown> {
      if (!touched.sessionPks.size && !touched.recordingPks.size && !touched.distinctIds.size) return;
      const row = {
        project,
        sessions: JSON.stringify([...touched.sessionPks]),
        recordings: JSON.stringify([...touched.recordingPks]),
        distinctIds: JSON.stringify([...touched.distinctIds]),
        property: config.property,
        tolerance: config.toleranceMs,
      };
      touched.sessionPks.clear();
      touched.recordingPks.clear();
      touched.distinctIds.clear();
      for (const statement of pinned) yield statement.run({});
      yield remove.run(row);
      yield insert.run(row);
    },
  };
}

// ---------------------------------------------------------------- reading the link

/**
 * The recordings a request may see: under `--retention enforce` an expired recording is no longer
 * served. `expiryCutoff` is bound by the SQL runner for every statement (graphql/context.ts: now
 * under enforce, -1 under keep).
 */
export function recordingServed(): SQL {
  const r = t.recordings;
  return sql`(${r.expiryTime} is null or ${r.expiryTime} > ${sql.placeholder('expiryCutoff')})`;
}

const l = t.visitLinks;

/**
 * `exists (…)` over the served recordings of the same visit as the user session of the enclosing
 * statement that pass `where` (conditions on `recordings`): searched by the link's (session_pk,
 * recording_pk) index, then each recording by its key.
 */
export function visitRecordingsExist(where?: SQL): SQL {
  const r = t.recordings;
  return sql`exists (select 1 from ${l} inner join ${r} on ${r.pk} = ${l.recordingPk}
    where ${l.sessionPk} = ${t.userSessions.pk} and ${l.project} = ${t.userSessions.project} and ${recordingServed()}${where ? sql` and ${where}` : sql``})`;
}

/** `exists (…)` over the user sessions of the same visit as the recording of the enclosing statement that pass `where`. */
export function visitSessionsExist(where?: SQL): SQL {
  const s = t.userSessions;
  return sql`exists (select 1 from ${l} inner join ${s} on ${s.pk} = ${l.sessionPk}
    where ${l.recordingPk} = ${t.recordings.pk} and ${l.project} = ${t.recordings.project}${where ? sql` and ${where}` : sql``})`;
}
