/**
 * A PostgreSQL store through the commands, as a team moving off the SQLite file would use them:
 * `npm run copy` into an empty database, `npm run keys -- create --db postgres://…`, and
 * `npm start -- --db postgres://…` (default flags, auth required) answering typed-client queries
 * with variables exactly as the same server over the SQLite file does, and writing what a
 * mutation asks.
 */
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/db/open.js';
import { seedStore } from '../src/seed/seed.js';
import { freePort, ROOT, run, serveProcess, TSX, useTempDir } from './helpers/cli.js';
import { freshDatabase, type FreshDatabase } from './helpers/pg.js';
import { listen } from './helpers/security.js';

const tmp = useTempDir('sessiongraph-pg-serve-');
let database: FreshDatabase;
let sqlite: Store;
let file: string;

const cliRun = (name: string, args: string[]) => run(TSX, [join(ROOT, `src/cli/${name}.ts`), ...args]);

beforeAll(async () => {
  database = await freshDatabase('sg_serve');
  file = tmp.path('store.db');
  sqlite = openStore(file);
  const seeded = await seedStore(sqlite, { persons: 40, seed: 7, end: new Date('2026-11-01T00:00:00Z') });
  expect(seeded.rejected).toBe(0);
});

afterAll(async () => {
  sqlite?.close();
  await database?.drop();
});

/** What a dashboard asks, the way typed clients send it: every argument a variable. */
const QUERY = `query Dashboard($filter: UserSessionFilter, $first: Int!, $after: String, $actions: Int) {
  userSessions(first: $first, after: $after, filter: $filter, orderBy: [{ field: DURATION, direction: DESC }]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id country duration bounce person { id distinctIds lastSeenAt } userActions(first: $actions) { name type duration } }
  }
  userSessionStats(groupBy: [COUNTRY], interval: DAY, timeZone: "America/New_York", filter: $filter) {
    dimensions { country bucket } count avgDuration: avg(field: DURATION) p95: percentile(field: DURATION, p: 95) bounceRate: avg(field: BOUNCE)
  }
  funnel(steps: [{ type: { eq: LOAD } }, { type: { eq: XHR } }]) { step sessions }
}`;
const VARIABLES = { filter: { duration: { gte: 0 }, browserFamily: { isNull: false } }, first: 7, after: null, actions: 3 };

interface Answer {
  status: number;
  body: { data?: any; errors?: unknown[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function ask(url: string, key: string | null, variables: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: QUERY, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: unknown[] } }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('a PostgreSQL store through the commands', () => {
  it('copy moves the SQLite store whole; keys and serve work on it; the answers equal the SQLite server\'s, page after page', async () => {
    const copied = await cliRun('copy', ['--from', file, '--to', database.url, '--json']);
    expect(copied.code, copied.stderr).toBe(0);
    const rows = JSON.parse(copied.stdout) as Record<string, number>;
    expect(rows.user_sessions).toBe((sqlite.sqlite.prepare('select count(*) from user_sessions').pluck().get() as number));
    expect(rows.user_actions).toBeGreaterThan(0);

    // A second copy into the same database refuses, in one line, and changes nothing.
    const again = await cliRun('copy', ['--from', file, '--to', database.url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds rows of project "default" .*copy into an empty database\n$/);

    const created = await cliRun('keys', ['create', '--db', database.url, '--project', 'default', '--name', 'ada']);
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim();
    // A project name written to break out of the literal the server sets per transaction: the key
    // still sees only its own (empty) project, end to end (the escaping itself: test/pg-store.test.ts).
    const hostileProject = "x', true), set_config('sessiongraph.project', 'default', true) --";
    const hostile = await cliRun('keys', ['create', '--db', database.url, '--project', hostileProject, '--name', 'mallory']);
    expect(hostile.code, hostile.stderr).toBe(0);
    const listed = await cliRun('keys', ['list', '--db', database.url, '--json']);
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { project: 'default', name: 'ada', readOnly: false, revokedAt: null },
      { project: hostileProject, name: 'mallory' },
    ]);

    const server = serveProcess(['--db', database.url, '--port', String(await freePort()), '--auth', 'required']);
    const url = await server.url();
    const twin = await listen({ store: sqlite });
    try {
      expect((await ask(url, null, VARIABLES)).status).toBe(401);
      // That key sees its own (empty) project, never project default's rows.
      const escaped = await ask(url, hostile.stdout.trim(), VARIABLES);
      expect(escaped.body.errors, JSON.stringify(escaped.body.errors)).toBeUndefined();
      expect(escaped.body.data.userSessions).toMatchObject({ totalCount: 0, nodes: [] });
      expect(escaped.body.data.funnel.map((s: { sessions: number }) => s.sessions)).toEqual([0, 0]);
      // Each store pages with its own cursors (sealed with its own secret); the pages must hold the same rows.
      let pgAfter: string | null = null;
      let sqliteAfter: string | null = null;
      for (let page = 0; page < 3; page++) {
        const [fromPg, fromSqlite]: Answer[] = await Promise.all([ask(url, key, { ...VARIABLES, after: pgAfter }), ask(twin.url, null, { ...VARIABLES, after: sqliteAfter })]);
        expect(fromPg!.body.errors, JSON.stringify(fromPg!.body.errors)).toBeUndefined();
        const { endCursor: pgCursor, ...pgInfo }: { endCursor: string | null } = fromPg!.body.data.userSessions.pageInfo;
        const { endCursor: sqliteCursor, ...sqliteInfo }: { endCursor: string | null } = fromSqlite!.body.data.userSessions.pageInfo;
        expect(pgInfo).toEqual(sqliteInfo);
        const withoutCursor = (data: any) => ({ ...data, userSessions: { ...data.userSessions, pageInfo: null } }); // eslint-disable-line @typescript-eslint/no-explicit-any
        expect(withoutCursor(fromPg!.body.data)).toEqual(withoutCursor(fromSqlite!.body.data));
        expect(fromPg!.body.data.userSessions.nodes).toHaveLength(7);
        pgAfter = pgCursor;
        sqliteAfter = sqliteCursor;
      }

      // Mutations write PostgreSQL: a recording deleted there is gone from the next answer.
      const post = async (query: string) =>
        (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) })).json()) as {
          data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
          errors?: unknown[];
        };
      const { recordings } = (await post('{ recordings(first: 1) { totalCount nodes { id } } }')).data;
      const id = recordings.nodes[0].id as string;
      expect(await post(`mutation { deleteRecording(id: "${id}") }`)).toEqual({ data: { deleteRecording: true } });
      expect(await post(`mutation { deleteRecording(id: "${id}") }`)).toEqual({ data: { deleteRecording: false } });
      expect((await post(`{ recording(id: "${id}") { id } recordings { totalCount } }`)).data).toEqual({ recording: null, recordings: { totalCount: recordings.totalCount - 1 } });
    } finally {
      await twin.close();
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }

    // --retention enforce on PostgreSQL: the purge at start deletes the expired recordings of every
    // project (counted here by the superuser, whom row-level security does not bind), nothing else.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const count = async (where: string) => Number((await admin.query(`select count(*) n from recordings where ${where}`)).rows[0].n);
      const before = Date.now();
      const [total, expired] = [await count('true'), await count(`expiry_time <= ${before}`)];
      expect(expired).toBeGreaterThan(1);
      const enforce = serveProcess(['--db', database.url, '--port', String(await freePort()), '--auth', 'required'], { SESSIONGRAPH_RETENTION: 'enforce' });
      try {
        const enforcing = await enforce.url();
        // (A recording may expire between the count and the purge: at least those counted go.)
        const deleted = Number(/^--retention enforce: deleted (\d+) expired recordings$/m.exec(enforce.output())?.[1]);
        expect(deleted, enforce.output()).toBeGreaterThanOrEqual(expired);
        const kept = await count('true');
        expect(kept).toBe(total - deleted);
        expect(await count(`expiry_time <= ${before}`)).toBe(0);
        const answer = await fetch(enforcing, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: '{ recordings { totalCount } }' }) });
        expect(await answer.json()).toEqual({ data: { recordings: { totalCount: kept } } });
      } finally {
        enforce.child.kill('SIGTERM');
        expect(await enforce.exited).toBe(0);
      }
    } finally {
      await admin.end();
    }
  });
});
