/**
 * Object refs declared before their fields, so the types can point at each other. Persons and
 * user sessions are loadable by their internal pk: any field that resolves to a pk is batched.
 */
import { and, eq, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as t from '../db/schema.js';
import { builder } from './builder.js';
import { param, type Context } from './context.js';
import { inKeys, keyList, type Row, type Table } from './lists.js';

/** Rows of one table by pk, in one statement, scoped to the caller's project. */
export async function rowsByPk<T extends Table>(ctx: Context, table: T, pks: readonly number[]): Promise<Row<T>[]> {
  // Batching off (the benchmark's naive variant): one statement per row, as per-row resolvers would.
  if (!ctx.batch && pks.length > 1) {
    const rows: Row<T>[] = [];
    for (const pk of pks) rows.push(...(await rowsByPk(ctx, table, [pk])));
    return rows;
  }
  return (await ctx.sql.shaped(
    `rowsByPk|${getTableName(table)}`,
    () => ctx.store.db.select().from(table as SQLiteTable).where(and(eq(table.project, param.project), inKeys(table.pk))),
    keyList(pks),
  )) as Row<T>[];
}

export const PersonRef = builder.loadableObjectRef('Person', {
  load: async (pks: number[], ctx: Context) => rowsByPk(ctx, t.persons, pks),
  sort: (person) => person.pk,
});

export const UserSessionRef = builder.loadableObjectRef('UserSession', {
  load: async (pks: number[], ctx: Context) => rowsByPk(ctx, t.userSessions, pks),
  sort: (session) => session.pk,
});

export const RecordingRef = builder.objectRef<t.RecordingRow>('SessionRecording');
export const UserActionRef = builder.objectRef<t.UserActionRow>('UserAction');
export const UserEventRef = builder.objectRef<t.UserEventRow>('UserEvent');
export const UserErrorRef = builder.objectRef<t.UserErrorRow>('UserError');
export const SyntheticEventRef = builder.objectRef<t.SyntheticEventRow>('SyntheticEvent');
