/**
 * Writes parsed records into the store: idempotent upserts on natural keys, nested rows of a
 * re-imported session replaced, person links moved when a distinct id changes hands.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import * as t from '../db/schema.js';
import { deleteAllStatement, insertManyStatement, insertRowsStatement, insertStatement, relinkStatement, runStatement, upsertStatement, valueStatement, type Connection } from '../db/statements.js';
import type { ParsedPerson, ParsedRecording } from './formats/posthog.js';
import type { ParsedUserSession } from './formats/dynatrace.js';
import { visitLinkConfig } from '../config.js';
import { noneTouched, visitLinkStatements } from '../db/visit-links.js';

export interface WriteCounts {
  recordings: number;
  userSessions: number;
  userActions: number;
  persons: number;
}

export function emptyCounts(): WriteCounts {
  return { recordings: 0, userSessions: 0, userActions: 0, persons: 0 };
}

export type RecordWriter = ReturnType<typeof createRecordWriter>;

/** A write: yields each statement's answer (or its promise) and gets the answer back. */
export type Write<T> = Generator<unknown, T, unknown>;

/** Drives a write whose statements answer at once (SQLite). */
export function runSync<T>(write: Write<T>): T {
  let step = write.next();
  while (!step.done) {
    if (step.value instanceof Promise) throw new Error('runSync: a statement answered asynchronously');
    step = write.next(step.value);
  }
  return step.value;
}

/** Drives a write whose statements answer with promises (PostgreSQL). */
export async function runAsync<T>(write: Write<T>): Promise<T> {
  let step = write.next();
  while (!step.done) step = write.next(await step.value);
  return step.value;
}

/**
 * A writer for one project's records on `on` (a SQLite connection, or a PostgreSQL transaction's
 * client; `db` builds the statements in that store's dialect). Each write is a generator that
 * yields its statements' answers: `runSync` drives it on SQLite, where every answer is there at
 * once (a record is written without a pause, nothing else runs in between), `runAsync` on
 * PostgreSQL, where answers come back from the server. One description of a write, two drivers.
 */
export function createRecordWriter(db: Db, on: Connection, project: string, personsSeen = new Set<string>()) {
  const upsertPerson = upsertStatement(db, on, t.persons, [t.persons.project, t.persons.uuid]);
  const linkDistinctId = relinkStatement(db, on, t.personDistinctIds, [t.personDistinctIds.project, t.personDistinctIds.distinctId], [t.personDistinctIds.personPk]);
  const upsertRecording = upsertStatement(db, on, t.recordings, [t.recordings.project, t.recordings.id]);
  const clearViewers = runStatement(db, on, db.delete(t.recordingViewers).where(eq(t.recordingViewers.recordingPk, sql.placeholder('pk'))));
  const insertViewer = insertStatement(db, on, t.recordingViewers);

  const upsertSession = upsertStatement(db, on, t.userSessions, [t.userSessions.project, t.userSessions.tenantId, t.userSessions.userSessionId, t.userSessions.partNumber]);
  // Deleting the actions cascades to their properties.
  const clearChildren = deleteAllStatement(
    db,
    on,
    [t.userActions, t.userEvents, t.userErrors, t.syntheticEvents, t.sessionProperties].map((table) => db.delete(table).where(eq(table.sessionPk, sql.placeholder('pk')))),
  );
  const insertActions = insertManyStatement(db, on, t.userActions, true);
  const insertActionProperties = insertManyStatement(db, on, t.actionProperties, false);
  const insertEvents = insertManyStatement(db, on, t.userEvents, false);
  const insertErrors = insertManyStatement(db, on, t.userErrors, false);
  const insertSyntheticEvents = insertManyStatement(db, on, t.syntheticEvents, false);
  const insertSessionProperties = insertManyStatement(db, on, t.sessionProperties, false);
  const group = on.dialect === 'postgres' ? groupStatements(db, on) : undefined;
  // What the batch wrote, for its visit links (db/visit-links.ts): recomputed before each commit.
  const links = visitLinkStatements(db, on, project, visitLinkConfig());
  const touched = noneTouched();

  // A person's export may lack one of its two keys (README, "Getting data in"): a UUID-string id
  // (the current /persons API) has no integer id, a 2021 person no uuid.
  const p = t.persons;
  const ofProject = eq(p.project, sql.placeholder('project'));
  const idOfUuid = valueStatement(db, on, db.select({ id: p.id }).from(p).where(and(ofProject, eq(p.uuid, sql.placeholder('uuid')))));
  const uuidOfId = valueStatement(db, on, db.select({ uuid: p.uuid }).from(p).where(and(ofProject, eq(p.id, sql.placeholder('id')))));
  const lowestId = valueStatement(db, on, db.select({ id: sql`coalesce(min(${p.id}), 0)` }).from(p).where(ofProject));
  const takeUuid = runStatement(db, on, db.update(p).set({ uuid: sql.placeholder('uuid') as never }).where(and(ofProject, eq(p.id, sql.placeholder('id')), eq(p.uuid, sql.placeholder('keyedById')))));

  /** The person with both keys: the stored ones where the source lacks one, else assigned. */
  function* keysOf(person: ParsedPerson['person']): Write<{ id: number; uuid: string }> {
    if (person.id === null) {
      // Keep the id a previous import gave this uuid; else a negative one, which no PostHog id is.
      const known = (yield idOfUuid.get({ project, uuid: person.uuid })) as number | undefined;
      return { id: known ?? Math.min(Number(yield lowestId.get({ project })), 0) - 1, uuid: person.uuid! };
    }
    const keyedById = String(person.id);
    if (person.uuid === null) {
      // No uuid (PostHog 2021): the person stored under this id, else one keyed by the id's digits.
      return { id: person.id, uuid: ((yield uuidOfId.get({ project, id: person.id })) as string | undefined) ?? keyedById };
    }
    // A person first imported without a uuid gets its real one now.
    yield takeUuid.run({ uuid: person.uuid, project, id: person.id, keyedById });
    return { id: person.id, uuid: person.uuid };
  }

  function* writePerson({ person: parsed, distinctIds }: ParsedPerson, counts: WriteCounts, alsoDistinctId?: string | null): Write<void> {
    const person = { ...parsed, ...(yield* keysOf(parsed)) };
    const personPk = (yield upsertPerson.get({ project, ...person })) as number;
    const ids = new Set(distinctIds);
    if (alsoDistinctId) ids.add(alsoDistinctId);
    for (const distinctId of ids) {
      yield linkDistinctId.run({ project, distinctId, personPk });
      touched.distinctIds.add(distinctId);
    }
    if (!personsSeen.has(person.uuid)) {
      personsSeen.add(person.uuid);
      counts.persons++;
    }
  }

  /** Writes one Dynatrace session with everything nested, replacing what a previous import left. */
  function* writeUserSession(parsed: ParsedUserSession, counts: WriteCounts): Write<void> {
    const sessionPk = (yield upsertSession.get({ project, ...parsed.session })) as number;
    touched.sessionPks.add(sessionPk);
    // Children are replaced whole and numbered 0, 1, 2, … in export order: reads rely on `seq`
    // having no gaps (the first N actions are `seq < N`, see ParentLink.position).
    yield clearChildren.run({ pk: sessionPk });
    const actionPks = (yield insertActions.many(parsed.userActions.map(({ row }, seq) => ({ project, sessionPk, seq, ...row })))) as number[];
    yield insertActionProperties.many(parsed.userActions.flatMap(({ properties }, i) => properties.map((p) => ({ project, actionPk: actionPks[i]!, ...p }))));
    yield insertEvents.many(parsed.events.map((row, seq) => ({ project, sessionPk, seq, ...row })));
    yield insertErrors.many(parsed.errors.map((row, seq) => ({ project, sessionPk, seq, ...row })));
    yield insertSyntheticEvents.many(parsed.syntheticEvents.map((row, seq) => ({ project, sessionPk, seq, ...row })));
    yield insertSessionProperties.many(parsed.properties.map((p) => ({ project, sessionPk, ...p })));
    counts.userSessions++;
    counts.userActions += parsed.userActions.length;
  }

  return {
    /** Writes one PostHog person and moves their distinct ids to them. */
    person: writePerson,

    /** Writes one PostHog recording and its person, adding what it wrote to `counts`. */
    *recording(parsed: ParsedRecording, counts: WriteCounts): Write<void> {
      // The recording's own distinct id belongs to its person even if the list omits it.
      if (parsed.person) yield* writePerson(parsed.person, counts, parsed.recording.distinctId);
      const pk = (yield upsertRecording.get({ project, ...parsed.recording })) as number;
      touched.recordingPks.add(pk);
      yield clearViewers.run({ pk });
      for (const viewer of new Set(parsed.viewers)) yield insertViewer.run({ project, recordingPk: pk, viewer });
      counts.recordings++;
    },

    /** Writes one Dynatrace session with everything nested, replacing what a previous import left. */
    userSession: writeUserSession,

    /**
     * Recomputes the visit links of what was written since the last call (db/visit-links.ts): two
     * statements, whatever was written. Run before each commit. (A record rolled back to its
     * savepoint may leave its pks here: recomputing an unchanged row's links changes nothing.)
     */
    relinkVisits: (): Write<void> => links.relink(touched),

    /**
     * Writes several Dynatrace sessions (unique on their key) as `userSession` writes each: on
     * PostgreSQL with one statement per table for all of them (an upsert of the sessions, one
     * delete of all their old children, one insert per child table), on SQLite one after the other.
     */
    *userSessions(sessions: ParsedUserSession[], counts: WriteCounts): Write<void> {
      if (!group) {
        for (const parsed of sessions) yield* writeUserSession(parsed, counts);
        return;
      }
      const sessionPks = (yield group.upsertSessions.many(sessions.map((parsed) => ({ project, ...parsed.session })))) as number[];
      for (const pk of sessionPks) touched.sessionPks.add(pk);
      yield group.clearChildren.run({ pks: sessionPks });
      const child = <R>(rows: (parsed: ParsedUserSession) => R[]) => sessions.flatMap((parsed, i) => rows(parsed).map((row, seq) => ({ project, sessionPk: sessionPks[i]!, seq, ...row })));
      const actions = sessions.flatMap((parsed) => parsed.userActions);
      const actionPks = (yield group.insertActions.many(child((parsed) => parsed.userActions.map(({ row }) => row)))) as number[];
      yield group.insertActionProperties.many(actions.flatMap(({ properties }, i) => properties.map((p) => ({ project, actionPk: actionPks[i]!, ...p }))));
      yield group.insertEvents.many(child((parsed) => parsed.events));
      yield group.insertErrors.many(child((parsed) => parsed.errors));
      yield group.insertSyntheticEvents.many(child((parsed) => parsed.syntheticEvents));
      yield group.insertSessionProperties.many(sessions.flatMap((parsed, i) => parsed.properties.map((p) => ({ project, sessionPk: sessionPks[i]!, ...p }))));
      for (const parsed of sessions) {
        counts.userSessions++;
        counts.userActions += parsed.userActions.length;
      }
    },
  };
}

/**
 * PostgreSQL's statements for a group of sessions: each runs once for the whole group, its text the
 * same whatever the group's size (insertRowsStatement), so the import is not a round trip per row
 * or per session.
 */
function groupStatements(db: Db, on: Connection) {
  const s = t.userSessions;
  return {
    upsertSessions: insertRowsStatement(db, on, s, { upsertOn: [s.project, s.tenantId, s.userSessionId, s.partNumber], key: [s.project, s.tenantId, s.userSessionId, s.partNumber] }),
    // Deleting the actions cascades to their properties.
    clearChildren: deleteAllStatement(
      db,
      on,
      [t.userActions, t.userEvents, t.userErrors, t.syntheticEvents, t.sessionProperties].map((table) => db.delete(table).where(sql`${table.sessionPk} = any(${sql.placeholder('pks')})`)),
    ),
    insertActions: insertRowsStatement(db, on, t.userActions, { key: [t.userActions.sessionPk, t.userActions.seq] }),
    insertActionProperties: insertRowsStatement(db, on, t.actionProperties),
    insertEvents: insertRowsStatement(db, on, t.userEvents),
    insertErrors: insertRowsStatement(db, on, t.userErrors),
    insertSyntheticEvents: insertRowsStatement(db, on, t.syntheticEvents),
    insertSessionProperties: insertRowsStatement(db, on, t.sessionProperties),
  };
}
