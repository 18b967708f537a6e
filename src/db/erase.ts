/**
 * Deleting what the store holds: recordings and sessions by id, a person with everything linked
 * to them (right to erasure), and expired recordings. Nested rows go with their parents through
 * ON DELETE CASCADE. Each call is one transaction.
 */
import { and, count, eq, inArray, lte } from 'drizzle-orm';
import type { Store } from './open.js';
import * as t from './schema.js';

export interface ErasureReport {
  persons: number;
  recordings: number;
  userSessions: number;
  userActions: number;
}

/** Deletes recordings by id; answers how many went and which ids were not there. */
export function deleteRecordings(store: Store, project: string, ids: readonly string[]) {
  return store.sqlite.transaction(() => {
    const deleted = store.db
      .delete(t.recordings)
      .where(and(eq(t.recordings.project, project), inArray(t.recordings.id, [...ids])))
      .returning({ id: t.recordings.id })
      .all();
    const gone = new Set(deleted.map((r) => r.id));
    return { deleted: deleted.length, notFound: [...new Set(ids)].filter((id) => !gone.has(id)) };
  })();
}

export function deleteUserSession(
  store: Store,
  project: string,
  key: { tenantId: string; userSessionId: string; partNumber: number },
): boolean {
  const s = t.userSessions;
  const deleted = store.db
    .delete(s)
    .where(and(eq(s.project, project), eq(s.tenantId, key.tenantId), eq(s.userSessionId, key.userSessionId), eq(s.partNumber, key.partNumber)))
    .returning({ pk: s.pk })
    .all();
  return deleted.length > 0;
}

/** Erases a person, their distinct ids, and every recording and user session linked to them. */
export function erasePerson(store: Store, project: string, personId: number): ErasureReport {
  const { db } = store;
  return store.sqlite.transaction((): ErasureReport => {
    const person = db
      .select({ pk: t.persons.pk })
      .from(t.persons)
      .where(and(eq(t.persons.project, project), eq(t.persons.id, personId)))
      .get();
    if (!person) return { persons: 0, recordings: 0, userSessions: 0, userActions: 0 };
    const distinctIds = db
      .select({ id: t.personDistinctIds.distinctId })
      .from(t.personDistinctIds)
      .where(eq(t.personDistinctIds.personPk, person.pk));
    const sessions = db
      .select({ pk: t.userSessions.pk })
      .from(t.userSessions)
      .where(and(eq(t.userSessions.project, project), inArray(t.userSessions.userId, distinctIds)));
    const userActions =
      db.select({ n: count() }).from(t.userActions).where(inArray(t.userActions.sessionPk, sessions)).get()?.n ?? 0;
    const userSessions = db
      .delete(t.userSessions)
      .where(and(eq(t.userSessions.project, project), inArray(t.userSessions.userId, distinctIds)))
      .returning({ pk: t.userSessions.pk })
      .all().length;
    const recordings = db
      .delete(t.recordings)
      .where(and(eq(t.recordings.project, project), inArray(t.recordings.distinctId, distinctIds)))
      .returning({ pk: t.recordings.pk })
      .all().length;
    // The distinct ids go with the person (cascade).
    db.delete(t.persons).where(eq(t.persons.pk, person.pk)).run();
    return { persons: 1, recordings, userSessions, userActions };
  })();
}

/** Deletes recordings whose expiry time has passed (all projects). */
export function purgeExpiredRecordings(store: Store, now = Date.now()): number {
  return store.db.delete(t.recordings).where(lte(t.recordings.expiryTime, new Date(now))).returning({ pk: t.recordings.pk }).all().length;
}

/** Records that the viewer has seen these recordings. */
export function markViewed(store: Store, project: string, recordingPks: readonly number[], viewer: string): void {
  if (!recordingPks.length) return;
  store.db
    .insert(t.recordingViewers)
    .values(recordingPks.map((recordingPk) => ({ project, recordingPk, viewer })))
    .onConflictDoNothing()
    .run();
}

