/**
 * Writes parsed records into the store: idempotent upserts on natural keys, nested rows of a
 * re-imported session replaced, person links moved when a distinct id changes hands.
 */
import { eq, sql } from 'drizzle-orm';
import type { Store } from '../db/open.js';
import * as t from '../db/schema.js';
import { insertStatement, relinkStatement, upsertStatement } from '../db/statements.js';
import type { ParsedPerson, ParsedRecording } from './formats/posthog.js';
import type { ParsedUserSession } from './formats/dynatrace.js';

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

export function createRecordWriter(store: Store, project: string, personsSeen = new Set<string>()) {
  const { db } = store;
  const upsertPerson = upsertStatement(db, t.persons, [t.persons.project, t.persons.uuid]);
  const linkDistinctId = relinkStatement(
    db,
    t.personDistinctIds,
    [t.personDistinctIds.project, t.personDistinctIds.distinctId],
    [t.personDistinctIds.personPk],
  );
  const upsertRecording = upsertStatement(db, t.recordings, [t.recordings.project, t.recordings.id]);
  const clearViewers = db
    .delete(t.recordingViewers)
    .where(eq(t.recordingViewers.recordingPk, sql.placeholder('pk')))
    .prepare();
  const insertViewer = insertStatement(db, t.recordingViewers);

  const upsertSession = upsertStatement(db, t.userSessions, [
    t.userSessions.project,
    t.userSessions.tenantId,
    t.userSessions.userSessionId,
    t.userSessions.partNumber,
  ]);
  // Deleting the actions cascades to their properties.
  const clearChildren = [t.userActions, t.userEvents, t.userErrors, t.syntheticEvents, t.sessionProperties].map(
    (table) => db.delete(table).where(eq(table.sessionPk, sql.placeholder('pk'))).prepare(),
  );
  // A plain INSERT, its pk read back with last_insert_rowid(): the actions were just cleared, so
  // nothing conflicts, and INSERT … RETURNING inside the record's savepoint, after the delete of
  // a big session's old actions, cost time growing with the rows already replaced (a re-import of
  // 50,000 actions took minutes, one of 361,000 never finished).
  const insertAction = insertStatement(db, t.userActions);
  const lastRowid = store.sqlite.prepare('select last_insert_rowid() as pk');
  const insertActionProperty = insertStatement(db, t.actionProperties);
  const insertEvent = insertStatement(db, t.userEvents);
  const insertError = insertStatement(db, t.userErrors);
  const insertSyntheticEvent = insertStatement(db, t.syntheticEvents);
  const insertSessionProperty = insertStatement(db, t.sessionProperties);
  // Many recordings carry the same person; the summary counts each person once.

  // A person's export may lack one of its two keys (README, "Getting data in"): a UUID-string id
  // (the current /persons API) has no integer id, a 2021 person no uuid.
  const idOfUuid = store.sqlite.prepare('select id from persons where project = ? and uuid = ?').pluck();
  const uuidOfId = store.sqlite.prepare('select uuid from persons where project = ? and id = ?').pluck();
  const nextAssignedId = store.sqlite.prepare('select min(coalesce(min(id), 0), 0) - 1 from persons where project = ?').pluck();
  const takeUuid = store.sqlite.prepare('update persons set uuid = ? where project = ? and id = ? and uuid = ?');

  /** The person with both keys: the stored ones where the source lacks one, else assigned. */
  function keysOf(person: ParsedPerson['person']): { id: number; uuid: string } {
    if (person.id === null) {
      // Keep the id a previous import gave this uuid; else a negative one, which no PostHog id is.
      const known = idOfUuid.get(project, person.uuid) as number | undefined;
      return { id: known ?? (nextAssignedId.get(project) as number), uuid: person.uuid! };
    }
    const keyedById = String(person.id);
    if (person.uuid === null) {
      // No uuid (PostHog 2021): the person stored under this id, else one keyed by the id's digits.
      return { id: person.id, uuid: (uuidOfId.get(project, person.id) as string | undefined) ?? keyedById };
    }
    // A person first imported without a uuid gets its real one now.
    takeUuid.run(person.uuid, project, person.id, keyedById);
    return { id: person.id, uuid: person.uuid };
  }

  function writePerson({ person: parsed, distinctIds }: ParsedPerson, counts: WriteCounts, alsoDistinctId?: string | null) {
    const person = { ...parsed, ...keysOf(parsed) };
    const personPk = upsertPerson.get({ project, ...person });
    const ids = new Set(distinctIds);
    if (alsoDistinctId) ids.add(alsoDistinctId);
    for (const distinctId of ids) linkDistinctId.run({ project, distinctId, personPk });
    if (!personsSeen.has(person.uuid)) {
      personsSeen.add(person.uuid);
      counts.persons++;
    }
  }

  return {
    /** Writes one PostHog person and moves their distinct ids to them. */
    person: writePerson,

    /** Writes one PostHog recording and its person, adding what it wrote to `counts`. */
    recording(parsed: ParsedRecording, counts: WriteCounts): void {
      // The recording's own distinct id belongs to its person even if the list omits it.
      if (parsed.person) writePerson(parsed.person, counts, parsed.recording.distinctId);
      const pk = upsertRecording.get({ project, ...parsed.recording });
      clearViewers.run({ pk });
      for (const viewer of new Set(parsed.viewers)) insertViewer.run({ project, recordingPk: pk, viewer });
      counts.recordings++;
    },

    /** Writes one Dynatrace session with everything nested, replacing what a previous import left. */
    userSession(parsed: ParsedUserSession, counts: WriteCounts): void {
      const sessionPk = upsertSession.get({ project, ...parsed.session });
      // Children are replaced whole and numbered 0, 1, 2, … in export order: reads rely on `seq`
      // having no gaps (the first N actions are `seq < N`, see ParentLink.position).
      for (const clear of clearChildren) clear.run({ pk: sessionPk });
      parsed.userActions.forEach(({ row, properties }, seq) => {
        insertAction.run({ project, sessionPk, seq, ...row });
        const actionPk = (lastRowid.get() as { pk: number }).pk;
        for (const p of properties) insertActionProperty.run({ project, actionPk, ...p });
      });
      parsed.events.forEach((row, seq) => insertEvent.run({ project, sessionPk, seq, ...row }));
      parsed.errors.forEach((row, seq) => insertError.run({ project, sessionPk, seq, ...row }));
      parsed.syntheticEvents.forEach((row, seq) => insertSyntheticEvent.run({ project, sessionPk, seq, ...row }));
      for (const p of parsed.properties) insertSessionProperty.run({ project, sessionPk, ...p });
      counts.userSessions++;
      counts.userActions += parsed.userActions.length;
    },
  };
}
