/**
 * Deleting what the store holds: recordings and sessions by id, a person with everything linked
 * to them (right to erasure), and expired recordings. Nested rows go with their parents through
 * ON DELETE CASCADE. Each call is one transaction.
 */
import { and, count, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from './open.js';
import type { AnyStore } from '../graphql/context.js';
import * as t from './schema.js';

export interface ErasureReport {
  persons: number;
  recordings: number;
  userSessions: number;
  userActions: number;
}

/**
 * Runs `work` as one transaction writing `project`'s rows, on either store: SQLite's connection
 * (BEGIN IMMEDIATE: the write lock is taken at once), or a pooled PostgreSQL connection with the
 * project set for row-level security. Statements are awaited, so the same code writes both.
 */
export async function inTransaction<T>(store: AnyStore, project: string, work: (db: Db) => Promise<T>): Promise<T> {
  if (store.kind === 'pg') return store.inProject(project, (db) => work(db as unknown as Db));
  store.sqlite.exec('begin immediate');
  try {
    const result = await work(store.db);
    store.sqlite.exec('commit');
    return result;
  } catch (error) {
    if (store.sqlite.inTransaction) store.sqlite.exec('rollback');
    throw error;
  }
}

/** Deletes recordings by id; answers how many went and which ids were not there. */
export function deleteRecordings(store: AnyStore, project: string, ids: readonly string[]) {
  return inTransaction(store, project, async (db) => {
    const deleted = await db
      .delete(t.recordings)
      .where(and(eq(t.recordings.project, project), inArray(t.recordings.id, [...ids])))
      .returning({ id: t.recordings.id });
    const gone = new Set(deleted.map((r) => r.id));
    return { deleted: deleted.length, notFound: [...new Set(ids)].filter((id) => !gone.has(id)) };
  });
}

export function deleteUserSession(store: AnyStore, project: string, key: { tenantId: string; userSessionId: string; partNumber: number }): Promise<boolean> {
  const s = t.userSessions;
  return inTransaction(store, project, async (db) => {
    const deleted = await db
      .delete(s)
      .where(and(eq(s.project, project), eq(s.tenantId, key.tenantId), eq(s.userSessionId, key.userSessionId), eq(s.partNumber, key.partNumber)))
      .returning({ pk: s.pk });
    return deleted.length > 0;
  });
}

/** Erases a person, their distinct ids, and every recording and user session linked to them. */
export function erasePerson(store: AnyStore, project: string, personId: number): Promise<ErasureReport> {
  return inTransaction(store, project, async (db): Promise<ErasureReport> => {
    const [person] = await db
      .select({ pk: t.persons.pk })
      .from(t.persons)
      .where(and(eq(t.persons.project, project), eq(t.persons.id, personId)));
    if (!person) return { persons: 0, recordings: 0, userSessions: 0, userActions: 0 };
    const distinctIds = db
      .select({ id: t.personDistinctIds.distinctId })
      .from(t.personDistinctIds)
      .where(eq(t.personDistinctIds.personPk, person.pk));
    const sessions = db
      .select({ pk: t.userSessions.pk })
      .from(t.userSessions)
      .where(and(eq(t.userSessions.project, project), inArray(t.userSessions.userId, distinctIds)));
    const [actions] = await db.select({ n: count() }).from(t.userActions).where(inArray(t.userActions.sessionPk, sessions));
    const userSessions = (
      await db
        .delete(t.userSessions)
        .where(and(eq(t.userSessions.project, project), inArray(t.userSessions.userId, distinctIds)))
        .returning({ pk: t.userSessions.pk })
    ).length;
    const recordings = (
      await db
        .delete(t.recordings)
        .where(and(eq(t.recordings.project, project), inArray(t.recordings.distinctId, distinctIds)))
        .returning({ pk: t.recordings.pk })
    ).length;
    // The distinct ids go with the person (cascade).
    await db.delete(t.persons).where(eq(t.persons.pk, person.pk));
    return { persons: 1, recordings, userSessions, userActions: actions?.n ?? 0 };
  });
}

/**
 * Deletes recordings whose expiry time has passed, in every project; answers how many. On
 * PostgreSQL the transaction is admitted to expired recordings only (db/pg/schema.ts), not to a
 * project.
 */
export async function purgeExpiredRecordings(store: AnyStore, now = Date.now()): Promise<number> {
  const purge = (db: Db) => db.delete(t.recordings).where(lte(t.recordings.expiryTime, new Date(now))).returning({ pk: t.recordings.pk });
  if (store.kind === 'pg') return store.inRetentionPurge(now, async (db) => (await purge(db as unknown as Db)).length);
  return purge(store.db).all().length;
}

/** Records that the viewer has seen these recordings. */
export async function markViewed(store: AnyStore, project: string, recordingPks: readonly number[], viewer: string): Promise<void> {
  if (!recordingPks.length) return;
  await inTransaction(store, project, async (db) => {
    await db
      .insert(t.recordingViewers)
      .values(recordingPks.map((recordingPk) => ({ project, recordingPk, viewer })))
      .onConflictDoNothing();
  });
}
