/**
 * The PostgreSQL store's connections (src/db/pg/connect.ts) against a real server: queries built
 * from the one description (src/db/schema.ts) run through PostgreSQL's dialect and read back the
 * same JS values SQLite gives (Dates to the millisecond, booleans, JSON, 53-bit integers); every
 * transaction is bound to its project (a superuser login is switched to the application role,
 * so row-level security applies); a statement timeout cancels a runaway statement.
 */
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../src/db/schema.js';
import { connectPg, type PgDb, type PgStore } from '../src/db/pg/connect.js';
import { migratePg } from '../src/db/pg/migrate.js';
import { freshDatabase, type FreshDatabase } from './helpers/pg.js';

let db: FreshDatabase;
let store: PgStore;

beforeAll(async () => {
  db = await freshDatabase();
  await migratePg(db.url);
  store = connectPg(db.url, { poolSize: 4 });
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
});

const START = new Date(Date.UTC(2026, 10, 1, 10, 15, 30, 123));

describe('the PostgreSQL store', () => {
  it('writes and reads the description’s values exactly as SQLite does', async () => {
    await store.inProject('alpha', async (d) => {
      await d.insert(t.persons as never).values({
        project: 'alpha',
        id: Number.MAX_SAFE_INTEGER,
        uuid: 'u-1',
        name: 'Ada',
        properties: { plan: 'pro', nested: { seats: 3 } },
        createdAt: START,
      } as never);
      await d.insert(t.recordings as never).values({
        project: 'alpha',
        id: 'r-1',
        recordingDuration: -1,
        viewed: true,
        startTime: START,
        activityScore: 16.67,
        externalReferences: [{ id: 'X-1' }],
      } as never);
    });
    const [person] = await store.inProject('alpha', (d) => d.select().from(t.persons as never).where(eq(t.persons.uuid, 'u-1')));
    expect(person).toEqual({
      pk: expect.any(Number),
      project: 'alpha',
      id: Number.MAX_SAFE_INTEGER,
      uuid: 'u-1',
      name: 'Ada',
      properties: { plan: 'pro', nested: { seats: 3 } },
      createdAt: START,
      extra: null,
    });
    const [recording] = await store.inProject('alpha', (d) =>
      d
        // (Typed against SQLite's builders; the store's own runner will type these reads.)
        .select({ id: t.recordings.id, viewed: t.recordings.viewed, start: t.recordings.startTime, duration: t.recordings.recordingDuration, score: t.recordings.activityScore, refs: t.recordings.externalReferences, ongoing: t.recordings.ongoing } as never)
        .from(t.recordings as never)
        .orderBy(desc(t.recordings.startTime)),
    );
    expect(recording).toEqual({ id: 'r-1', viewed: true, start: START, duration: -1, score: 16.67, refs: [{ id: 'X-1' }], ongoing: null });
    // Filters bind values as the description encodes them (a Date as epoch ms, a boolean as 1).
    const found = await store.inProject('alpha', (d) =>
      d.select({ id: t.recordings.id } as never).from(t.recordings as never).where(sql`${t.recordings.startTime} >= ${START.getTime()} and ${eq(t.recordings.viewed, true)}`),
    );
    expect(found).toEqual([{ id: 'r-1' }]);
    // Aggregates of int8 come back as numbers, not strings.
    const [sums] = await store.inProject('alpha', (d) => d.select({ n: sql<number>`count(*)`, total: sql<number>`sum(${t.recordings.recordingDuration})` }).from(t.recordings as never));
    expect(sums).toEqual({ n: 1, total: -1 });
  });

  it('binds each transaction to its project: another project sees nothing, and cannot write into this one', async () => {
    expect(await store.inProject('beta', (d) => d.select().from(t.persons as never))).toEqual([]);
    await expect(
      store.inProject('beta', (d) => d.insert(t.persons as never).values({ project: 'alpha', id: 2, uuid: 'u-2' } as never)),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/row-level security/) } });
    const who = await store.inProject('alpha', async (_d, client) => (await client.query('select current_user as role')).rows[0]);
    expect(who).toEqual({ role: 'sessiongraph_app' });
  });

  it('a statement past its timeout is cancelled (57014) and the connection serves the next transaction', async () => {
    const started = performance.now();
    await expect(store.inProject('alpha', (_d, client) => client.query('select pg_sleep(5)'), { timeoutMs: 200 })).rejects.toMatchObject({ code: '57014' });
    expect(performance.now() - started).toBeLessThan(4_000);
    const rows = await Promise.all(Array.from({ length: 8 }, () => store.inProject('alpha', (d) => d.select({ uuid: t.persons.uuid } as never).from(t.persons as never))));
    for (const r of rows) expect(r).toEqual([{ uuid: 'u-1' }]);
  });

  it('a request’s transaction names exactly its project, however the name is written (the runner sets it as a literal)', async () => {
    const { openPgStore } = await import('../src/db/pg/connect.js');
    const { createContext } = await import('../src/graphql/context.js');
    const serving = await openPgStore(db.url, { poolSize: 1 });
    try {
      for (const project of ["x', true), set_config('sessiongraph.project', 'alpha', true) --", "o'brien", 'back\\slash', 'ünïcode']) {
        const ctx = createContext(serving, { project });
        const [row] = await ctx.sql.raw<{ project: string; timeout: string }>(
          sql`select current_setting('sessiongraph.project', true) as project, current_setting('statement_timeout') as timeout`,
        );
        await ctx.sql.finish(true);
        expect(row).toEqual({ project, timeout: '10s' });
      }
    } finally {
      await serving.close();
    }
  });

  it('the retention purge deletes expired recordings of every project, and its transaction sees nothing else', async () => {
    const { purgeExpiredRecordings } = await import('../src/db/erase.js');
    const now = Date.UTC(2026, 10, 20);
    const rec = (project: string, id: string, expiry: number | null) => ({ project, id, recordingDuration: 1, startTime: START, expiryTime: expiry === null ? null : new Date(expiry) });
    const rows = async (d: PgDb, query: string) => (await d.execute(sql.raw(query))).rows;
    const ids = async (d: PgDb) => (await rows(d, 'select id from recordings order by id')).map((r) => r.id);
    for (const project of ['gamma', 'delta']) {
      await store.inProject(project, async (d) => {
        await d.insert(t.recordings as never).values([rec(project, `${project}-old`, now - 1), rec(project, `${project}-now`, now), rec(project, `${project}-later`, now + 1), rec(project, `${project}-never`, null)] as never);
        await d.execute(sql`insert into recording_viewers (project, recording_pk, viewer) select project, pk, 'ann' from recordings where id = ${`${project}-old`}`);
      });
    }
    // The purge's transaction: expired recordings of both projects, no other recording, no other table.
    const seen = await store.inRetentionPurge(now, async (d) => ({
      recordings: await ids(d),
      persons: (await rows(d, 'select * from persons')).length,
      viewers: (await rows(d, 'select * from recording_viewers')).length,
    }));
    expect(seen).toEqual({ recordings: ['delta-now', 'delta-old', 'gamma-now', 'gamma-old'], persons: 0, viewers: 0 });
    // Nor can it write (its policies admit reads and deletes only).
    await expect(store.inRetentionPurge(now, (d) => d.insert(t.recordings as never).values(rec('gamma', 'gamma-sneak', now - 5) as never))).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/row-level security/) },
    });

    expect(await purgeExpiredRecordings(store as never, now)).toBe(4);
    for (const project of ['gamma', 'delta']) {
      const left = await store.inProject(project, async (d) => ({ recordings: await ids(d), viewers: (await rows(d, 'select * from recording_viewers')).length }));
      // The viewers of a purged recording go with it (ON DELETE CASCADE, which row-level security does not stop).
      expect(left).toEqual({ recordings: [`${project}-later`, `${project}-never`], viewers: 0 });
    }
    // Project alpha's recording (no expiry) is untouched; a second purge finds nothing.
    expect(await store.inProject('alpha', ids)).toEqual(['r-1']);
    expect(await purgeExpiredRecordings(store as never, now)).toBe(0);
  });
});
