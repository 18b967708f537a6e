/**
 * Stateless replicas: two gateway processes (`serve --db postgres://…`, default flags, auth
 * required) on one PostgreSQL database serve one truth. A key made with the CLI works on both; a
 * mutation through one is read through the other at once; a cursor from one pages on the other;
 * a replica killed (SIGKILL) in the middle of an erasure leaves all of it or none of it, and the
 * other replica serves on.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, ROOT, run, serveProcess, TSX, useTempDir } from './helpers/cli.js';
import { freshDatabase, seedInto, type FreshDatabase } from './helpers/pg.js';

const tmp = useTempDir('sessiongraph-pg-replicas-');
let database: FreshDatabase;

beforeAll(async () => {
  database = await freshDatabase('sg_replicas');
  await seedInto(tmp.path('store.db'), { persons: 60, seed: 11 }, database);
});

afterAll(async () => {
  await database?.drop();
});

type Answer = { data?: any; errors?: { message: string; extensions?: { code?: string } }[] }; // eslint-disable-line @typescript-eslint/no-explicit-any

function client(url: string, key: string) {
  return async (query: string, variables?: Record<string, unknown>): Promise<Answer> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as Answer;
  };
}

async function startReplica() {
  const server = serveProcess(['--db', database.url, '--port', String(await freePort()), '--auth', 'required', '--pg-pool', '4']);
  return { server, url: await server.url() };
}

/** What a person has in the store, read through a replica. */
const PERSON = `query($id: ID!) { person(id: $id) { distinctIds recordings { totalCount } userSessions { totalCount } } }`;

describe('two replicas on one PostgreSQL database', () => {
  it('one truth: keys, mutations, cursors; a replica killed mid-erasure leaves all or nothing, the other serves on', async () => {
    const made = await run(TSX, [join(ROOT, 'src/cli/keys.ts'), 'create', '--db', database.url, '--project', 'default', '--name', 'ada']);
    expect(made.code, made.stderr).toBe(0);
    const key = made.stdout.trim();
    const [a, b] = await Promise.all([startReplica(), startReplica()]);
    const askA = client(a.url, key);
    const askB = client(b.url, key);
    try {
      // The CLI's key works on both; both see the same store.
      const totals = '{ userSessions { totalCount } recordings { totalCount } persons { totalCount } }';
      const [totalsA, totalsB] = await Promise.all([askA(totals), askB(totals)]);
      expect(totalsA.errors).toBeUndefined();
      expect(totalsB).toEqual(totalsA);

      // A mutation through A is read through B at once.
      const sessions = (await askA('{ userSessions(first: 2) { nodes { id } } }')).data.userSessions.nodes as { id: string }[];
      expect(await askA('mutation($id: ID!) { deleteUserSession(id: $id) }', { id: sessions[0]!.id })).toEqual({ data: { deleteUserSession: true } });
      expect((await askB('query($id: ID!) { userSession(id: $id) { id } }', { id: sessions[0]!.id })).data.userSession).toBeNull();
      const recording = (await askB('{ recordings(first: 1) { nodes { id viewed } } }')).data.recordings.nodes[0] as { id: string; viewed: boolean };
      await askB('mutation($id: ID!) { markRecordingViewed(id: $id) { id } }', { id: recording.id });
      expect((await askA('query($id: ID!) { recording(id: $id) { viewed } }', { id: recording.id })).data.recording.viewed).toBe(true);

      // A cursor from A pages on B (the cursor secret lives in the database).
      const page = 'query($after: String) { persons(first: 5, after: $after) { pageInfo { endCursor } nodes { id } } }';
      const first = (await askA(page)).data.persons;
      const [nextA, nextB] = await Promise.all([askA(page, { after: first.pageInfo.endCursor }), askB(page, { after: first.pageInfo.endCursor })]);
      expect(nextB.errors).toBeUndefined();
      expect(nextB.data.persons.nodes).toEqual(nextA.data.persons.nodes);

      // Kill A while it erases a person: the erasure is one transaction, so B sees all of it or none of it.
      const persons = (await askB('{ persons(first: 20) { nodes { id recordings { totalCount } userSessions { totalCount } } } }')).data.persons.nodes as {
        id: string;
        recordings: { totalCount: number };
        userSessions: { totalCount: number };
      }[];
      const victim = persons.find((p) => p.recordings.totalCount > 0 && p.userSessions.totalCount > 0)!;
      expect(victim).toBeDefined();
      const before = (await askB(PERSON, { id: victim.id })).data.person;
      const others = await askB(totals);
      const erasing = askA('mutation($id: ID!) { erasePerson(id: $id) { persons recordings userSessions } }', { id: victim.id }).catch(() => 'connection lost');
      await new Promise((resolve) => setTimeout(resolve, 15));
      process.kill(-a.server.child.pid!, 'SIGKILL');
      await erasing;
      await a.server.exited;
      // PostgreSQL ends the dead replica's sessions (their transactions roll back) when their sockets close.
      const after = (await askB(PERSON, { id: victim.id })).data.person;
      if (after === null) {
        const now = (await askB(totals)).data;
        expect(now.persons.totalCount).toBe(others.data.persons.totalCount - 1);
        expect(now.recordings.totalCount).toBe(others.data.recordings.totalCount - before.recordings.totalCount);
        expect(now.userSessions.totalCount).toBe(others.data.userSessions.totalCount - before.userSessions.totalCount);
      } else {
        expect(after).toEqual(before);
        expect(await askB(totals)).toEqual(others);
      }
      // B serves on.
      expect((await askB('{ persons(first: 1) { nodes { id } } }')).errors).toBeUndefined();
    } finally {
      for (const { server } of [a, b]) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM');
      await Promise.all([a.server.exited, b.server.exited]);
    }
  });
});
