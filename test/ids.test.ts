/**
 * Every object type a client may cache has an `id`: user actions, events, errors and synthetic
 * events are keyed by their session's id and their position in it. Normalized caches (Apollo
 * Client, urql graphcache, Relay) need such ids to be unique per type and the same on every read,
 * also after the export is imported again (which replaces a session's nested rows).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../src/ingest/files.js';
import { fixturePath, startServer, type TestServer } from './graphql-helpers/server.js';
import { readFixture, sessionId } from './graphql-helpers/expected.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FILE = 'dynatrace-sessions.ndjson';
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ fixtures: [FILE] });
});
afterAll(() => server?.close());

const QUERY = `query($first: Int!) { userSessions(first: $first) { nodes {
  id
  userActions(first: 100) { id name session { id } }
  events { id session { id } }
  errors { id session { id } }
  syntheticEvents { id session { id } }
} } }`;

const NESTED = ['userActions', 'events', 'errors', 'syntheticEvents'] as const;

async function read(): Promise<Json[]> {
  return (await server.ok(QUERY, { first: 50 })).userSessions.nodes as Json[];
}

describe('ids of rows nested under a session', () => {
  it('are the session id, "/" and the 0-based position of the row in the export', async () => {
    const sessions = await read();
    const source = readFixture(FILE);
    expect(sessions).toHaveLength(source.length);
    let checked = 0;
    for (const s of source) {
      const served = sessions.find((n) => n.id === sessionId(s))!;
      expect(served, sessionId(s)).toBeDefined();
      for (const list of NESTED) {
        const rows = (s[list] as Json[] | undefined) ?? [];
        expect(served[list].map((r: Json) => r.id), `${served.id} ${list}`).toEqual(rows.map((_, i) => `${served.id}/${i}`));
        for (const r of served[list]) expect(r.session.id).toBe(served.id);
        checked += rows.length;
      }
    }
    expect(checked, 'the fixture has nested rows').toBeGreaterThan(4);
    for (const list of NESTED) expect(sessions.some((s) => s[list].length > 0), list).toBe(true);
  });

  it('are unique per type across the store', async () => {
    const sessions = await read();
    for (const list of NESTED) {
      const ids = sessions.flatMap((s) => s[list].map((r: Json) => r.id as string));
      expect(new Set(ids).size, list).toBe(ids.length);
    }
  });

  it('stay the same when the export is imported again (its nested rows are replaced)', async () => {
    const before = await read();
    const pks = () => server.store.sqlite.prepare('select pk from user_actions order by pk').pluck().all();
    const pksBefore = pks();
    const summary = await importFile(server.store, fixturePath(FILE), { project: 'default' });
    expect(summary.rejected).toBe(0);
    expect(pks(), 'the re-import wrote new rows').not.toEqual(pksBefore);
    expect(await read()).toEqual(before);
  });

  it('UserAction.id is served on the root list too, as under its session', async () => {
    const data = await server.ok('{ userActions(first: 200) { nodes { id session { id } } } }');
    const nodes = data.userActions.nodes as Json[];
    expect(nodes.length).toBeGreaterThan(0);
    for (const a of nodes) expect(a.id).toMatch(new RegExp(`^${a.session.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\d+$`));
  });
});
