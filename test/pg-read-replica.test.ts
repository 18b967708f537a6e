/**
 * `--read-db`: queries read a PostgreSQL read replica, while mutations (and what their answers
 * read) and the migrations go to the primary. Here the "replica" is a second database holding a
 * copy of the same store that then drifts apart from the primary, so every answer shows which
 * database it came from (a real hot standby would converge after its replication lag).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore, type ServingPgStore } from '../src/db/pg/connect.js';
import { useTempDir } from './helpers/cli.js';
import { freshDatabase, seedInto, type FreshDatabase } from './helpers/pg.js';
import { listen, type Running } from './helpers/security.js';

const tmp = useTempDir('sessiongraph-pg-replica-');
let primary: FreshDatabase;
let replica: FreshDatabase;
let store: ServingPgStore;
let server: Running;

/** A statement as the database's owner (the admin login: no row-level security). */
async function admin(url: string, text: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  [primary, replica] = await Promise.all([freshDatabase('sg_primary'), freshDatabase('sg_replica')]);
  await seedInto(tmp.path('store.db'), { persons: 20, seed: 5 }, primary, replica);
  store = await openPgStore(primary.url, { poolSize: 2, readUrl: replica.url });
  server = await listen({ store });
});

afterAll(async () => {
  await server?.close();
  await store?.close();
  await Promise.all([primary?.drop(), replica?.drop()]);
});

async function ask(query: string, viewer?: string) {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(viewer ? { 'x-sessiongraph-viewer': viewer } : {}) }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { data: any; errors?: unknown[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

describe('--read-db: a read replica for queries', () => {
  it('queries read the replica; a mutation writes the primary and its answer reads the primary', async () => {
    const ids = (await ask('{ recordings(first: 3, orderBy: [{ field: ID, direction: ASC }]) { nodes { id } } }')).recordings.nodes.map((n: { id: string }) => n.id);
    const [onlyOnPrimary, deleted, viewed] = ids as [string, string, string];
    // The two databases drift apart: one recording is gone from the replica only.
    await admin(replica.url, 'delete from recordings where id = $1', [onlyOnPrimary]);
    expect((await ask(`{ recording(id: "${onlyOnPrimary}") { id } }`)).recording).toBeNull();

    // A mutation deletes on the primary; the replica (no replication here) still has the row.
    expect((await ask(`mutation { deleteRecording(id: "${deleted}") }`)).deleteRecording).toBe(true);
    expect(await admin(primary.url, 'select id from recordings where id = $1', [deleted])).toEqual([]);
    expect((await ask(`{ recording(id: "${deleted}") { id } }`)).recording).toEqual({ id: deleted });

    // A mutation's answer is read where it wrote: viewed at once; a later query reads the replica.
    expect((await ask(`mutation { markRecordingViewed(id: "${viewed}") { id viewed } }`, 'ada')).markRecordingViewed).toEqual({ id: viewed, viewed: true });
    expect((await ask(`{ recording(id: "${viewed}") { viewed } }`, 'ada')).recording.viewed).toBe(false);
    expect(await admin(primary.url, 'select viewer from recording_viewers v join recordings r on r.pk = v.recording_pk where r.id = $1', [viewed])).toEqual([{ viewer: 'ada' }]);
  });
});
