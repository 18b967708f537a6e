/**
 * Importing into PostgreSQL: the real-shaped fixture exports (PostHog list responses and NDJSON,
 * Dynatrace NDJSON and JSON) through `npm run import -- --db postgres://…`, twice (imports are
 * idempotent), and over HTTP ingest; every field of every row the API serves then answers exactly
 * as after the same imports into SQLite. A bad line is rejected with its line on both stores.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getNamedType, isLeafType, isNonNullType, isObjectType, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/db/open.js';
import { openPgStore, type ServingPgStore } from '../src/db/pg/connect.js';
import { schema } from '../src/graphql/schema.js';
import { importFile } from '../src/ingest/files.js';
import { FIXTURE_FILES, fixturePath, NOW, pinClock } from './graphql-helpers/server.js';
import { ROOT, run, TSX, useTempDir } from './helpers/cli.js';
import { freshDatabase, type FreshDatabase } from './helpers/pg.js';
import { listen, type Running } from './helpers/security.js';

const tmp = useTempDir('sessiongraph-pg-import-');
let database: FreshDatabase;
let sqlite: Store;
let pg: ServingPgStore;
let fromSqlite: Running;
let fromPg: Running;

const importCli = (args: string[]) => run(TSX, [join(ROOT, 'src/cli/import.ts'), ...args]);

beforeAll(async () => {
  pinClock(NOW);
  database = await freshDatabase('sg_import');
  sqlite = openStore(tmp.path('store.db'));
  for (const file of FIXTURE_FILES) expect((await importFile(sqlite, fixturePath(file))).rejected).toBe(0);
  pg = await openPgStore(database.url, { poolSize: 2 });
  [fromSqlite, fromPg] = await Promise.all([listen({ store: sqlite, readWorkers: 0 }), listen({ store: pg })]);
});

afterAll(async () => {
  await fromSqlite?.close();
  await fromPg?.close();
  sqlite?.close();
  await pg?.close();
  await database?.drop();
});

/** Every leaf field of a type without required arguments, and one level of the objects under it. */
function selection(type: GraphQLObjectType, depth = 0): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type))) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && depth === 0 && !named.name.endsWith('Connection')) parts.push(`${field.name} { ${selection(named, 1)} }`);
    else if (isObjectType(named) && depth === 0 && named.name.endsWith('Connection')) parts.push(`${field.name}(first: 20) { totalCount nodes { ${selection(getNamedType((named.getFields().nodes!.type)) as GraphQLObjectType, 1)} } }`);
  }
  return parts.join(' ');
}

const LISTS = ['recordings', 'userSessions', 'persons', 'userActions'] as const;
/** One query per root list, every field (within the cost limit: the fixtures hold fewer rows than a page). */
function everything(list: (typeof LISTS)[number]): string {
  const connection = getNamedType(schema.getQueryType()!.getFields()[list]!.type) as GraphQLObjectType;
  const node = getNamedType(connection.getFields().nodes!.type) as GraphQLObjectType;
  return `{ ${list}(first: 100) { totalCount nodes { ${selection(node)} } } }`;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
async function ask(server: Running, query: string): Promise<Json> {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { data: Json; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)?.slice(0, 500)).toBeUndefined();
  return body.data;
}

/** Lists in a canonical order (rows with equal sort keys may come in pk order, and pks may differ between stores). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
  return value;
}

describe('import into PostgreSQL', () => {
  it('the fixture exports, imported twice with the CLI, answer every field as on SQLite', async () => {
    const files = FIXTURE_FILES.map((f) => fixturePath(f));
    const analyzed = async () =>
      (await pg.pool.query<{ relname: string }>(`select relname from pg_stat_user_tables where last_analyze is not null and relname in ('user_sessions', 'user_actions', 'recordings', 'persons') order by 1`)).rows.map((r) => r.relname);
    // Fresh tables have no planner statistics (autovacuum may be off, and it lags anyway).
    expect(await analyzed()).toEqual([]);
    const first = await importCli(['--db', database.url, '--json', ...files]);
    expect(first.code, first.stderr).toBe(0);
    // The import gathered them (sessiongraph_analyze(), as the tables' owner: the import's own role may not ANALYZE).
    expect(await analyzed()).toEqual(['persons', 'recordings', 'user_actions', 'user_sessions']);
    expect(first.stderr).not.toMatch(/statistics/);
    const again = await importCli(['--db', database.url, '--json', ...files]);
    expect(again.code, again.stderr).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(JSON.parse(again.stdout)).toMatchObject({ recordings: summary.recordings, userSessions: summary.userSessions, userActions: summary.userActions, rejected: 0 });
    expect(summary.userSessions).toBeGreaterThan(0);

    for (const list of LISTS) {
      const [expected, actual] = await Promise.all([ask(fromSqlite, everything(list)), ask(fromPg, everything(list))]);
      expect(actual[list].totalCount, list).toBe(expected[list].totalCount);
      expect(expected[list].totalCount, `${list}: the fixtures fit one page`).toBeLessThanOrEqual(100);
      expect(canonical(actual), list).toEqual(canonical(expected));
    }
  });

  it('stats counts the same rows on both stores (on PostgreSQL per project: row-level security shows one at a time)', async () => {
    const [onPg, onSqlite] = await Promise.all([
      run(TSX, [join(ROOT, 'src/cli/stats.ts'), '--db', database.url, '--project', 'default', '--json']),
      run(TSX, [join(ROOT, 'src/cli/stats.ts'), '--db', tmp.path('store.db'), '--project', 'default', '--json']),
    ]);
    expect(onPg.code, onPg.stderr).toBe(0);
    expect(JSON.parse(onPg.stdout)).toEqual(JSON.parse(onSqlite.stdout));
    expect(JSON.parse(onPg.stdout).userActions).toBeGreaterThan(0);
    const allProjects = await run(TSX, [join(ROOT, 'src/cli/stats.ts'), '--db', database.url]);
    expect(allProjects.code).toBe(2);
    expect(allProjects.stderr).toMatch(/name the project \(--project NAME\)/);
  });

  it('HTTP ingest writes PostgreSQL; a bad line is rejected with its line and the good ones are kept', async () => {
    const good = { tenantId: 'pgi', userSessionId: 'ingested-1', internalUserId: 'u-pgi', startTime: 1_761_955_200_000, endTime: 1_761_955_260_000, userActions: [{ name: 'Loading of page /', type: 'Load', startTime: 1_761_955_200_000, endTime: 1_761_955_201_000 }] };
    const body = `${JSON.stringify(good)}\n{"tenantId": "pgi"}\n`;
    const response = await fetch(`${fromPg.base}/ingest/dynatrace/sessions`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
    const answer = (await response.json()) as { accepted: number; rejected: number; errors: { line: number; message: string }[] };
    expect(response.status, JSON.stringify(answer)).toBe(200);
    expect(answer).toMatchObject({ accepted: 1, rejected: 1 });
    expect(answer.errors[0]!.line).toBe(2);
    const data = await ask(fromPg, '{ userSession(id: "pgi:ingested-1:0") { userActions { name } } }');
    expect(data.userSession.userActions).toEqual([{ name: 'Loading of page /' }]);
  });

  it('a bad record in a file: the same FILE:LINE reason on both stores, nothing of it written', async () => {
    const file = tmp.path('bad.ndjson');
    writeFileSync(file, `${JSON.stringify({ tenantId: 'pgi', userSessionId: 'bad-1', startTime: 'yesterday' })}\n`);
    const [onPg, onSqlite] = await Promise.all([importCli(['--db', database.url, file]), importCli(['--db', tmp.path('other.db'), file])]);
    expect(onPg.code).toBe(1);
    expect(onPg.stderr.split('\n')[0]).toBe(onSqlite.stderr.split('\n')[0]);
    expect(onPg.stderr).toContain(`${file}:1:`);
  });

  it('a record the store refuses (a person id taken by another uuid) mid-batch: rolled back alone, the records after it written, as on SQLite', async () => {
    const person = (uuid: string, distinctId: string) => ({ id: 4242, uuid, distinct_ids: [distinctId], properties: {}, created_at: '2026-11-01T00:00:00Z' });
    const session = JSON.parse(readFileSync(fixturePath('dynatrace-sessions.ndjson'), 'utf8').split('\n')[0]!) as Record<string, unknown>;
    const file = tmp.path('refused.ndjson');
    const lines = [
      person('0192f3c4-0000-7000-8000-00000000a001', 'pgi-a'),
      // The same PostHog id under another uuid: only the store's unique key can tell.
      person('0192f3c4-0000-7000-8000-00000000a002', 'pgi-b'),
      { ...session, tenantId: 'pgi-refused', userSessionId: 'after-the-refused-one' },
    ];
    writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const [onPg, onSqlite] = await Promise.all([importCli(['--db', database.url, '--json', file]), importCli(['--db', tmp.path('refused.db'), '--json', file])]);
    expect(onPg.code, onPg.stderr).toBe(onSqlite.code);
    const summary = (r: { stdout: string }) => JSON.parse(r.stdout) as { accepted?: number; rejected: number; errors?: { line: number; message: string }[]; userSessions: number; persons: number };
    expect(summary(onPg)).toEqual(summary(onSqlite));
    expect(summary(onPg)).toMatchObject({ rejected: 1, userSessions: 1, persons: 1 });
    expect(onPg.stderr).toContain(`${file}:2: person.id is already used by a person with another uuid`);
    // Written: the first person (with its distinct id) and the session after the refused record.
    const rows = await pg.inProject('default', async (_d, client) => ({
      persons: (await client.query('select uuid from persons where id = 4242')).rows,
      links: (await client.query("select distinct_id from person_distinct_ids where distinct_id like 'pgi-%' order by 1")).rows,
      sessions: (await client.query("select user_session_id from user_sessions where tenant_id = 'pgi-refused'")).rows,
    }));
    expect(rows).toEqual({ persons: [{ uuid: '0192f3c4-0000-7000-8000-00000000a001' }], links: [{ distinct_id: 'pgi-a' }], sessions: [{ user_session_id: 'after-the-refused-one' }] });
  });
});
