/**
 * Every GraphQL operation in the README, run as a newcomer runs it: against the demo data set that
 * `npm start -- --demo` seeds (generated to end today, so the examples must be relative to today),
 * through a server with default options (read workers on), at the real time. Each one answers
 * without errors and with data: an example that finds nothing teaches nothing. The open-enum
 * example reads what real exports carry beyond the schema, so two real-export fixtures join the
 * demo data.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DATA } from '../src/config.js';
import { openStore, type Store } from '../src/db/open.js';
import { importFile } from '../src/ingest/files.js';
import { seedStore } from '../src/seed/seed.js';
import { graphqlClient, type GraphqlClient } from './helpers/graphql.js';
import { jsonOutput, run, TSX } from './helpers/cli.js';
import { listen, type Running } from './helpers/security.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
/** The README's GraphQL operations (not its SDL), with the heading line above each. */
const OPERATIONS = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)]
  .map((m) => ({ query: m[1]!, line: README.slice(0, m.index).split('\n').length + 1 }))
  .filter(({ query }) => /^\s*(query|\{)/.test(query));

let dir: string;
let store: Store;
let server: Running;
let client: GraphqlClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sessiongraph-readme-'));
  store = openStore(join(dir, 'demo.db'));
  const seeded = await seedStore(store, DEMO_DATA);
  expect(seeded.rejected).toBe(0);
  for (const file of ['dynatrace-unknown-action-type.ndjson', 'posthog-unknown-fields.json']) {
    const summary = await importFile(store, join('test/fixtures/real', file), { project: 'default' });
    expect(summary.rejected, file).toBe(0);
  }
  server = await listen({ store });
  client = graphqlClient(server.url);
});
afterAll(async () => {
  await server?.close();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What a root field answered is something: a non-empty list, a connection with nodes, an object. */
function found(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === 'object') {
    const v = value as Json;
    if (Array.isArray(v.nodes)) return v.nodes.length > 0;
    if (typeof v.totalCount === 'number') return v.totalCount > 0;
    return true;
  }
  return false;
}

describe('README examples against the demo data, today', () => {
  it('the README has its example operations', () => {
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(OPERATIONS.map((o) => [`README.md:${o.line}`, o.query] as const))('%s answers with data', async (_, query) => {
    const r = await client.gql<Json>(query);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect(r.status).toBe(200);
    const empty = Object.entries(r.data!).filter(([, v]) => !found(v)).map(([k]) => k);
    expect(empty, `fields that found nothing in ${JSON.stringify(r.data).slice(0, 300)}`).toEqual([]);
  });

  it('a funnel example converts through every step, and the daily series reaches today', async () => {
    const funnel = OPERATIONS.find((o) => o.query.includes('funnel('))!;
    const steps = (await client.ok<Json>(funnel.query)).funnel as Json[];
    expect(steps.length).toBeGreaterThan(1);
    for (const s of steps) expect(s.sessions, JSON.stringify(steps)).toBeGreaterThan(0);
    const daily = OPERATIONS.find((o) => o.query.includes('interval: DAY'))!;
    const rows = (await client.ok<Json>(daily.query)).userSessionStats as Json[];
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(rows.some((row) => row.count > 0)).toBe(true);
    const last = Date.parse(rows.at(-1)!.dimensions.bucket as string);
    expect(Date.now() - last).toBeLessThan(2 * 86_400_000);
  });
});

describe("the README's seed example", () => {
  it('seeds what the server then serves: every recording, session, action and person it reports', async () => {
    const line = /^npm run seed -- (.*)$/m.exec(README)?.[1];
    expect(line, 'the README shows an `npm run seed -- …` line').toBeDefined();
    const args = line!.replace(/#.*/, '').trim().split(/\s+/);
    const at = args.indexOf('--db');
    expect(at).toBeGreaterThanOrEqual(0);
    args[at + 1] = join(dir, 'seeded.db');
    const result = await run(TSX, ['src/cli/seed.ts', ...args, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const summary = jsonOutput(result);
    expect(summary.rejected).toBe(0);
    const seeded = openStore(args[at + 1]!);
    const served = await listen({ store: seeded });
    try {
      const data = await graphqlClient(served.url).ok<Json>(
        '{ recordings { totalCount } userSessions { totalCount } userActions { totalCount } persons { totalCount } }',
      );
      expect({
        recordings: data.recordings.totalCount,
        userSessions: data.userSessions.totalCount,
        userActions: data.userActions.totalCount,
        persons: data.persons.totalCount,
      }).toEqual({ recordings: summary.recordings, userSessions: summary.userSessions, userActions: summary.userActions, persons: summary.persons });
      expect(summary.recordings).toBeGreaterThan(1000);
    } finally {
      await served.close();
      seeded.close();
    }
  });
});
