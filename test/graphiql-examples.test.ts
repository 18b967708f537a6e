/**
 * GraphiQL's example tabs (src/server/examples.ts) answer with data on the demo data set as
 * `npm start -- --demo` seeds it (relative to today: no example may depend on a date or an id),
 * through the real server with its read workers, as a browser's GraphiQL sends them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/db/open.js';
import { seedStore } from '../src/seed/seed.js';
import { GRAPHIQL_EXAMPLES } from '../src/server/examples.js';
import { listen, type Json, type Running } from './helpers/security.js';
import { useTempDir } from './helpers/cli.js';

const tmp = useTempDir('sessiongraph-examples-');
let store: Store;
let server: Running;

beforeAll(async () => {
  store = openStore(tmp.path('demo.db'));
  // The demo's own size and seed (src/cli/serve.ts), ending today.
  expect((await seedStore(store, { persons: 200, seed: 1 })).rejected).toBe(0);
  server = await listen({ store });
});
afterAll(async () => {
  await server?.close();
  store?.close();
});

/** Every list and number in the answer is non-empty / non-zero somewhere: the example shows data. */
function hasData(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.some(hasData);
  if (value && typeof value === 'object') return Object.values(value).some(hasData);
  return typeof value === 'number' ? value > 0 : value !== null && value !== undefined;
}

describe('GraphiQL example queries', () => {
  it.each(GRAPHIQL_EXAMPLES.map((e) => [e.title, e.query] as const))('%s answers without errors, with data, on the demo data set', async (_title, query) => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = (await response.json()) as { data?: Json; errors?: unknown[] };
    expect(response.status).toBe(200);
    expect(body.errors).toBeUndefined();
    const [root] = Object.values(body.data!);
    expect(hasData(root), JSON.stringify(body.data).slice(0, 500)).toBe(true);
  });

  it('the default tab shows frustrated sessions, each with its replay (one visit, both products)', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: GRAPHIQL_EXAMPLES[0]!.query }) });
    const { data } = (await response.json()) as { data: Json };
    const nodes = (data.userSessions as Json).nodes as Json[];
    expect(nodes.length).toBeGreaterThan(0);
    for (const session of nodes) expect((session.recordings as Json[]).length, JSON.stringify(session)).toBeGreaterThan(0);
    const kinds = new Set(nodes.flatMap((s) => (s.recordings as Json[]).map((r) => r.linkedBy)));
    expect([...kinds].every((k) => k === 'PROPERTY' || k === 'OVERLAP')).toBe(true);
  });

  it('each is a named operation (GraphiQL names its tab after it), and no two share a name', () => {
    const names = GRAPHIQL_EXAMPLES.map((e) => /^query (\w+) \{$/m.exec(e.query)?.[1]);
    expect(names.every(Boolean)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });
});
