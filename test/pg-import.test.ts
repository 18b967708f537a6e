/**
 * Importing into PostgreSQL: the real-shaped fixture exports (PostHog list responses and NDJSON,
 * Dynatrace NDJSON and JSON) through `npm run import -- --db postgres://…`, twice (imports are
 * idempotent), and over HTTP ingest; every field of every row the API serves then answers exactly
 * as after the same imports into SQLite. A bad line is rejected with its line on both stores.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getNamedType, isLeafType, isNonNullType, isObjectType, isUnionType, type GraphQLNamedType, type GraphQLObjectType } from 'graphql';
import pgDriver from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../src/db/open.js';
import { openPgStore, type ServingPgStore } from '../src/db/pg/connect.js';
import { schema } from '../src/graphql/schema.js';
import { importFile } from '../src/ingest/files.js';
import type { IngestOptions, IngestSummary } from '../src/ingest/pipeline.js';
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
    else if (isObjectType(named) && depth === 0 && named.name.endsWith('Connection')) parts.push(`${field.name}(first: 20) { totalCount nodes { ${nodeSelection(getNamedType(named.getFields().nodes!.type))} } }`);
  }
  return parts.join(' ');
}

/** A connection's nodes: their leaves, or for a union (a person's timeline) each member's. */
function nodeSelection(node: GraphQLNamedType): string {
  // Members' fields of one name may differ in type (UserAction.type, UserError.type), and aliasing them all passes the alias limit: ids (their fields are compared in their own lists).
  if (isUnionType(node)) return `__typename ${node.getTypes().map((m) => `... on ${m.name} { id }`).join(' ')}`;
  return selection(node as GraphQLObjectType, 1);
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

/*
 * Groups of user sessions (PostgreSQL): consecutive sessions are written together, one statement
 * per table, and, when the store refuses one of them, each again alone. What is stored and what
 * the summary says must be what writing each alone gives (`groupSessions: 0`, the per-record path).
 */
describe('user sessions written in groups (PostgreSQL)', () => {
  let groupsDb: FreshDatabase;
  let store: ServingPgStore;
  /** A superuser connection: DDL, and reads of every project (row-level security does not bind it). */
  let admin: pgDriver.Client;

  beforeAll(async () => {
    groupsDb = await freshDatabase('sg_groups');
    store = await openPgStore(groupsDb.url, { poolSize: 1 });
    admin = new pgDriver.Client({ connectionString: groupsDb.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await store?.close();
    await groupsDb?.drop();
  });

  type Json = Record<string, unknown>;
  /** The first fixture session (every kind of nested row, action properties too) under another id. */
  const base = () => JSON.parse(readFileSync(fixturePath('dynatrace-sessions.ndjson'), 'utf8').split('\n')[0]!) as Json;
  const session = (id: string, more: Json = {}): Json => ({ ...base(), tenantId: 'grp', userSessionId: id, ...more });
  const withActions = (id: string, names: string[], more: Json = {}): Json => {
    const action = (base().userActions as Json[])[0]!;
    return session(id, { userActions: names.map((name) => ({ ...action, name })), ...more });
  };
  const file = (name: string, lines: (Json | string)[]) => {
    const path = tmp.path(name);
    writeFileSync(path, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
    return path;
  };
  const importInto = (project: string, path: string, options: IngestOptions = {}) => {
    const rejected: string[] = [];
    return importFile(store, path, { project, onReject: (line, message) => rejected.push(`${line}: ${message}`), ...options }).then((summary) => ({ summary, rejected }));
  };

  /** A project's sessions and everything nested (no pks, no project), in a canonical order. */
  async function stored(project: string): Promise<unknown[]> {
    const strip = (alias: string, ...more: string[]) => `(to_jsonb(${alias}) - 'pk' - 'project'${more.map((k) => ` - '${k}'`).join('')})`;
    const nested = (table: string) => `(select jsonb_agg(${strip('c', 'session_pk')} order by c.seq) from ${table} c where c.session_pk = s.pk)`;
    const { rows } = await admin.query(
      `select ${strip('s')} as session,
         (select jsonb_agg(${strip('a', 'session_pk')} || jsonb_build_object('properties',
            (select jsonb_agg(${strip('p', 'action_pk')} order by ${strip('p', 'action_pk')}::text) from action_properties p where p.action_pk = a.pk)) order by a.seq)
          from user_actions a where a.session_pk = s.pk) as actions,
         ${nested('user_events')} as events, ${nested('user_errors')} as errors, ${nested('synthetic_events')} as synthetic,
         (select jsonb_agg(${strip('c', 'session_pk')} order by ${strip('c', 'session_pk')}::text) from session_properties c where c.session_pk = s.pk) as properties
       from user_sessions s where s.project = $1 order by s.tenant_id, s.user_session_id, s.part_number`,
      [project],
    );
    // jsonb comes back as its text (db/pg/connect.ts sets the driver's parser so, for every client).
    return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? JSON.parse(v) : v])));
  }

  /** Runs `work`, answering how many sessions each upsert of user_sessions wrote (a group's, or one record's: 1). */
  async function sessionGroups(work: () => Promise<unknown>): Promise<number[]> {
    const spy = vi.spyOn(pgDriver.Client.prototype, 'query');
    try {
      await work();
      return spy.mock.calls
        .map(([config]) => config as unknown as { text?: string; values?: unknown[][] })
        .filter((c) => typeof c === 'object' && /^insert into "user_sessions" /.test(c.text ?? ''))
        .map((c) => (Array.isArray(c.values![0]) ? c.values![0].length : 1));
    } finally {
      spy.mockRestore();
    }
  }

  /** Sessions of the project whose children are not numbered 0, 1, 2, … without gaps. */
  const gaps = async (project: string) =>
    (
      await admin.query(
        `select session_pk, 'user_actions' as t from user_actions where project = $1 group by session_pk having min(seq) != 0 or max(seq) != count(*) - 1
         union all select session_pk, 'user_events' from user_events where project = $1 group by session_pk having min(seq) != 0 or max(seq) != count(*) - 1`,
        [project],
      )
    ).rows;

  it('a session the store refuses in the middle of a group: that line alone is rejected, with the store\'s reason; the others are stored whole, as when each is written alone', async () => {
    // Refusals only the store can make: CHECKs added for this test, on the sessions and on the actions.
    await admin.query(`alter table user_sessions add constraint test_refused_session check (user_session_id <> 'refused-session')`);
    await admin.query(`alter table user_actions add constraint test_refused_action check (name is distinct from 'refused action')`);
    try {
      const path = file('refused-in-group.ndjson', [
        session('g-1'),
        session('g-2', { clientWidth: 1280 }),
        // Refused by the user_sessions CHECK; its unknown field must not be reported as stored.
        session('refused-session', { refusedOnly: true }),
        session('g-4'),
        // Refused by validation, in the middle of the group: still reported in line order.
        '{"tenantId": "grp"}',
        withActions('g-6', ['a', 'b', 'c']),
        // Refused by the user_actions CHECK: its session goes with it.
        withActions('g-7', ['fine', 'refused action']),
        withActions('g-8', ['d', 'e']),
      ]);
      let grouped!: { summary: IngestSummary; rejected: string[] };
      // The 7 sessions go as one group (line 5's rejection waits for the sessions before it to be
      // counted); refused, each is written again alone.
      expect(await sessionGroups(async () => (grouped = await importInto('grouped', path)))).toEqual([7, 1, 1, 1, 1, 1, 1, 1]);
      const alone = await importInto('alone', path, { groupSessions: 0 });

      expect(grouped.summary).toEqual(alone.summary);
      expect(grouped.rejected).toEqual(alone.rejected);
      expect(grouped.summary).toMatchObject({ accepted: 5, rejected: 3, userSessions: 5, userActions: 2 + 2 + 3 + 2 + 2 });
      expect(grouped.summary.errors.map((e) => e.line)).toEqual([3, 5, 7]);
      expect(grouped.summary.errors[0]!.message).toBe('rejected by the store: new row for relation "user_sessions" violates check constraint "test_refused_session"');
      expect(grouped.summary.errors[2]!.message).toBe('rejected by the store: new row for relation "user_actions" violates check constraint "test_refused_action"');
      expect(grouped.summary.warnings).toContainEqual({ kind: 'unknownField', name: 'UserSession.clientWidth', count: 1, line: 2 });
      // What a refused record noticed is not reported: it was not stored.
      expect(grouped.summary.warnings.filter((w) => w.name.includes('refusedOnly'))).toEqual([]);

      const rows = await stored('grouped');
      expect(rows.map((r) => (r as { session: { user_session_id: string } }).session.user_session_id)).toEqual(['g-1', 'g-2', 'g-4', 'g-6', 'g-8']);
      expect(rows).toEqual(await stored('alone'));
      // Whole: every kind of nested row of the fixture session, and the actions given.
      const g1 = rows[0] as Record<string, unknown[]>;
      for (const kind of ['actions', 'events', 'errors', 'synthetic', 'properties']) expect(g1[kind]?.length, kind).toBeGreaterThan(0);
      expect((g1.actions![0] as { properties: unknown[] }).properties.length).toBeGreaterThan(0);
      expect((rows[3] as { actions: { name: string }[] }).actions.map((a) => a.name)).toEqual(['a', 'b', 'c']);
      expect(await gaps('grouped')).toEqual([]);

      // --strict: the same rejections reported (after the first, nothing more is written, so line 7
      // is not refused: it is only validated), and nothing stored.
      const strict = await importInto('strict', path, { strict: true });
      const strictAlone = await importInto('strict-alone', path, { strict: true, groupSessions: 0 });
      expect(strict).toEqual(strictAlone);
      expect(strict.summary).toMatchObject({ rolledBack: true, accepted: 0, rejected: 2, userSessions: 0 });
      expect(strict.summary.errors.map((e) => e.line)).toEqual([3, 5]);
      expect(await stored('strict')).toEqual([]);
    } finally {
      await admin.query('alter table user_sessions drop constraint test_refused_session');
      await admin.query('alter table user_actions drop constraint test_refused_action');
    }
  });

  it('records of other kinds between a group\'s sessions are written at once; every outcome (errors, onReject, warnings) counts in input order, as on SQLite', async () => {
    const person = (id: number, uuid: string, distinctId: string) => ({ id, uuid, distinct_ids: [distinctId], properties: {}, created_at: '2026-11-01T00:00:00Z' });
    const recording = JSON.parse(readFileSync(fixturePath('posthog-recordings.ndjson'), 'utf8').split('\n')[0]!) as Json;
    const path = file('mixed.ndjson', [
      session('m-1', { clientWidth: 1 }),
      person(7001, '0192f3c4-0000-7000-8000-00000000b001', 'mixed-a'),
      session('m-3'),
      // The same PostHog id under another uuid: refused by the store, while m-1 and m-3 still wait.
      person(7001, '0192f3c4-0000-7000-8000-00000000b002', 'mixed-b'),
      '{"index": {"_index": "sessions"}}',
      '{not json',
      session('m-7', { clientWidth: 2, clientHeight: 3 }),
      { ...recording, id: 'mixed-recording' },
      session('m-9', { startTime: 'yesterday' }),
      session('m-10'),
    ]);
    const rejects: Record<string, string[]> = {};
    const run = async (name: string, store: Parameters<typeof importFile>[0], options: IngestOptions = {}) => {
      const lines: string[] = (rejects[name] = []);
      return importFile(store, path, { project: name, onReject: (line, message) => lines.push(`${line}: ${message.slice(0, 40)}`), ...options });
    };
    let grouped!: IngestSummary;
    expect(await sessionGroups(async () => (grouped = await run('mixed', store)))).toEqual([4]);
    const alone = await run('mixed-alone', store, { groupSessions: 0 });
    const sqlite = openStore(tmp.path('mixed.db'));
    let onSqlite: IngestSummary;
    try {
      onSqlite = await run('mixed-sqlite', sqlite);
    } finally {
      sqlite.close();
    }
    expect(grouped).toEqual(alone);
    expect(grouped).toEqual(onSqlite);
    expect(rejects.mixed).toEqual(rejects['mixed-alone']);
    expect(rejects.mixed).toEqual(rejects['mixed-sqlite']);
    expect(grouped.errors.map((e) => e.line)).toEqual([4, 6, 9]);
    expect(grouped).toMatchObject({ accepted: 6, rejected: 3, userSessions: 4, persons: 2, recordings: 1 });
    expect(grouped.warnings.map((w) => `${w.kind} ${w.name} ${w.line}`).slice(0, 3)).toEqual([
      'unknownField UserSession.clientWidth 1',
      'bulkActionLine index 5',
      'unknownField UserSession.clientHeight 7',
    ]);
    expect(await stored('mixed')).toEqual(await stored('mixed-alone'));
  });

  it('the same session twice in one group: the later one wins, its children replace the earlier ones\', numbered 0..n-1 (as on SQLite)', async () => {
    const path = file('twice.ndjson', [
      withActions('t-1', ['first a', 'first b', 'first c'], { country: 'Austria' }),
      withActions('t-2', ['other']),
      withActions('t-1', ['second a', 'second b'], { country: 'Portugal', events: [] }),
      withActions('t-3', ['third']),
    ]);
    let grouped!: { summary: IngestSummary; rejected: string[] };
    // The second t-1 ends the first group: one statement cannot upsert a row twice.
    expect(await sessionGroups(async () => (grouped = await importInto('twice', path)))).toEqual([2, 2]);
    const alone = await importInto('twice-alone', path, { groupSessions: 0 });
    const sqlite = openStore(tmp.path('twice.db'));
    try {
      const onSqlite = await importFile(sqlite, path);
      expect(grouped.summary).toEqual(onSqlite);
      const t1 = sqlite.sqlite.prepare(`select a.seq, a.name from user_actions a join user_sessions s on s.pk = a.session_pk where s.user_session_id = 't-1' order by a.seq`).all();
      expect(t1).toEqual([{ seq: 0, name: 'second a' }, { seq: 1, name: 'second b' }]);
    } finally {
      sqlite.close();
    }
    expect(grouped.summary).toEqual(alone.summary);
    expect(grouped.summary).toMatchObject({ accepted: 4, rejected: 0, userSessions: 4, userActions: 7 });
    const rows = (await stored('twice')) as { session: { user_session_id: string; country: string }; actions: { seq: number; name: string }[]; events: unknown[] | null }[];
    expect(rows.map((r) => r.session.user_session_id)).toEqual(['t-1', 't-2', 't-3']);
    expect(rows[0]!.session.country).toBe('Portugal');
    expect(rows[0]!.actions.map((a) => [a.seq, a.name])).toEqual([[0, 'second a'], [1, 'second b']]);
    expect(rows[0]!.events).toBeNull();
    expect(rows).toEqual(await stored('twice-alone'));
    expect(await gaps('twice')).toEqual([]);
    // Imported again: the same rows, nothing added.
    expect((await importInto('twice', path)).summary).toEqual(grouped.summary);
    expect(await stored('twice')).toEqual(rows);
  });

  it('200 sessions cost a few round trips, not several per session', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => withActions(`many-${i}`, [`a${i}`, `b${i}`]));
    const path = file('many.ndjson', lines);
    const roundTrips = async (project: string, options: IngestOptions = {}) => {
      const spy = vi.spyOn(pgDriver.Client.prototype, 'query');
      try {
        const { summary } = await importInto(project, path, options);
        expect(summary).toMatchObject({ accepted: 200, rejected: 0, userSessions: 200, userActions: 400 });
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const grouped = await roundTrips('many');
    const alone = await roundTrips('many-alone', { groupSessions: 0 });
    // begin, one group (savepoint, sessions, clear, 6 child tables), commit.
    expect(grouped, `${grouped} round trips grouped, ${alone} alone`).toBeLessThanOrEqual(15);
    expect(alone, `${grouped} round trips grouped, ${alone} alone`).toBeGreaterThan(200 * 5);
    expect(await stored('many')).toEqual(await stored('many-alone'));
  });

  it('a session bigger than a group\'s rows is written on its own, between groups', async () => {
    // 2,100 actions of 4 properties each: 10,500 rows, past a group's 10,000.
    const big = Array.from({ length: 2_100 }, (_, i) => `big ${i}`);
    const path = file('big.ndjson', [withActions('b-1', ['x']), withActions('b-2', big), withActions('b-3', ['y'])]);
    let grouped!: { summary: IngestSummary; rejected: string[] };
    // b-1 is written before b-2 joins (its rows would pass the group's limit), b-2 alone, then b-3 (groups of one: each as a record alone).
    expect(await sessionGroups(async () => (grouped = await importInto('big', path)))).toEqual([1, 1, 1]);
    const alone = await importInto('big-alone', path, { groupSessions: 0 });
    expect(grouped.summary).toEqual(alone.summary);
    expect(grouped.summary).toMatchObject({ accepted: 3, userActions: 2_102 });
    expect(await stored('big')).toEqual(await stored('big-alone'));
    expect(await gaps('big')).toEqual([]);
  });
});

describe('U+0000 and unpaired surrogates (PostgreSQL cannot store them, SQLite can)', () => {
  it('are replaced by U+FFFD at parse time and noted: both stores keep the same record and give the same summary', async () => {
    const base = JSON.parse(readFileSync(fixturePath('dynatrace-sessions.ndjson'), 'utf8').split('\n')[0]!) as Record<string, unknown>;
    const action = (base.userActions as Record<string, unknown>[])[0]!;
    // Written as JSON escapes, as an export carries them (a raw 0x00 byte is not valid JSON).
    const record = {
      ...base,
      tenantId: 'nul',
      userSessionId: 'nul-1',
      city: 'Ber\u0000lin',
      stringProperties: [{ key: 'note', value: 'a\u0000b' }],
      userActions: [{ ...action, name: 'click\u0000' }],
      matchingConversionGoals: ['goal\ud800'],
      clientNote: 'lone \udc00 low',
      'we\u0000ird': 1,
    };
    const path = tmp.path('nul.ndjson');
    writeFileSync(path, `${JSON.stringify(record)}\n`);
    expect(readFileSync(path, 'utf8')).toContain('\\u0000');
    expect(readFileSync(path, 'utf8')).toContain('\\ud800');

    const sqlite = openStore(tmp.path('nul.db'));
    const admin = new pgDriver.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const [onSqlite, onPg] = [await importFile(sqlite, path, { project: 'nul' }), await importFile(pg, path, { project: 'nul' })];
      expect(onPg).toEqual(onSqlite);
      expect(onPg).toMatchObject({ accepted: 1, rejected: 0, userSessions: 1 });
      expect(onPg.warnings.filter((w) => w.kind === 'replacedCharacter').map((w) => w.name).sort()).toEqual(
        [
          'UserSession.city',
          'UserSession.clientNote',
          'UserSession.matchingConversionGoals[]',
          'UserSession.stringProperties[].value',
          'UserSession.userActions[].name',
          'UserSession.we\ufffdird (key)',
        ].sort(),
      );
      const query = `select s.city, s.extra, s.matching_conversion_goals as goals, p.string_value as note, a.name as action
        from user_sessions s join session_properties p on p.session_pk = s.pk join user_actions a on a.session_pk = s.pk
        where s.project = 'nul' and p.key = 'note'`;
      const fromPg = (await admin.query(query)).rows[0] as Record<string, unknown>;
      const fromSqlite = sqlite.sqlite.prepare(query).get() as Record<string, unknown>;
      const expected = { city: 'Ber\ufffdlin', extra: { clientNote: 'lone \ufffd low', 'we\ufffdird': 1 }, goals: ['goal\ufffd'], note: 'a\ufffdb', action: 'click\ufffd' };
      expect({ ...fromPg, extra: JSON.parse(fromPg.extra as string), goals: JSON.parse(fromPg.goals as string) }).toEqual(expected);
      expect({ ...fromSqlite, extra: JSON.parse(fromSqlite.extra as string), goals: JSON.parse(fromSqlite.goals as string) }).toEqual(expected);
    } finally {
      await admin.end();
      sqlite.close();
    }
  });
});
