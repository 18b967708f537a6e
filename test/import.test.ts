/**
 * The store + import feature end to end: the real `import` and `stats` commands as child
 * processes, real fixture files, real stores (SQLite files in a temp dir, or PostgreSQL databases
 * in vitest's `postgres` project: TEST_STORE), read back through Drizzle and SQL.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { StoreCounts } from '../src/db/counts.js';
import * as t from '../src/db/schema.js';
import { TEST_STORE } from './graphql-helpers/server.js';
import { cli, jsonOutput, lineReports, useTempDir, type RunResult } from './helpers/cli.js';
import {
  DYNATRACE_FILES,
  expectedCounts,
  FIXTURES,
  fixtureRecords,
  GOOD_FILES,
  isPosthogFile,
  ndjsonLines,
  POSTHOG_FILES,
  readText,
  SEED_DYNATRACE,
  SEED_POSTHOG,
  type Json,
} from './helpers/fixtures.js';
import type { Dump } from './helpers/store.js';
import { useStoreTargets, type StoreTarget } from './helpers/store-target.js';
import {
  camel,
  columnsOf,
  expectRecording,
  expectSession,
  findSession,
  INTERNAL_COLUMNS,
  latestPersons,
  NESTED,
  PROPERTY_LISTS,
} from './helpers/verify.js';

const tmp = useTempDir();
const newStore = useStoreTargets(tmp, TEST_STORE);

const SUMMARY_KEYS = ['recordings', 'userSessions', 'userActions', 'persons', 'rejected', 'warnings'];
const STATS_KEYS = ['persons', 'recordings', 'userSessions', 'userActions', 'events', 'errors'];

function importCli(store: StoreTarget, files: readonly string[], ...flags: string[]): Promise<RunResult> {
  return cli('import', ['--db', store.db, ...flags, ...files]);
}

async function importOk(store: StoreTarget, files: readonly string[], ...flags: string[]) {
  const result = await importCli(store, files, '--json', ...flags);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return jsonOutput(result);
}

/** Every record of the given fixture files, checked field by field in `project` of a dump of the store. */
function expectFixturesStored(dump: Dump, project: string, files: readonly string[]) {
  const recordings = files.filter(isPosthogFile).flatMap((f) => fixtureRecords(f));
  const latest = latestPersons(recordings);
  for (const file of files) {
    fixtureRecords(file).forEach((record, i) => {
      const where = `${basename(file)}[${i}]`;
      if (isPosthogFile(file)) expectRecording(dump, project, record, latest, where);
      else expectSession(dump, project, record, where);
    });
  }
}

const dynatraceSessions = () => DYNATRACE_FILES.flatMap((f) => fixtureRecords(f));
const posthogRecordings = () => POSTHOG_FILES.flatMap((f) => fixtureRecords(f));

/** Who each session of a project belongs to, by a join through person_distinct_ids. */
async function sessionOwners(store: StoreTarget, project: string): Promise<Record<string, string | null>> {
  const rows = await store.rows<{ session_id: string; person: string | null }>(
    `select s.user_session_id as session_id, p.uuid as person from user_sessions s
       left join person_distinct_ids d on d.project = s.project and d.distinct_id = s.user_id
       left join persons p on p.pk = d.person_pk
     where s.project = ?`,
    project,
  );
  return Object.fromEntries(rows.map((r) => [r.session_id, r.person]));
}

/** Which person each distinct id of a project belongs to. */
async function distinctIdOwners(store: StoreTarget, project: string): Promise<Record<string, string>> {
  const rows = await store.rows<{ distinct_id: string; person: string }>(
    'select d.distinct_id, p.uuid as person from person_distinct_ids d join persons p on p.pk = d.person_pk where d.project = ?',
    project,
  );
  return Object.fromEntries(rows.map((r) => [r.distinct_id, r.person]));
}

function writeNdjson(name: string, records: Json[]): string {
  const path = tmp.path(name);
  writeFileSync(path, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return path;
}

// ---------------------------------------------------------------- the fixtures and the seeds

describe('fixtures against the source schemas', () => {
  const nonEmpty = (v: unknown) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);

  test('the fixtures cover every field named in the two seed files, each with a real value somewhere', () => {
    const md = readText(SEED_DYNATRACE);
    const dynatraceFields = [...md.matchAll(/^\|\*\*(\w+)\*\*\s*\|/gm)].map((m) => m[1]!);
    expect(dynatraceFields.length).toBeGreaterThan(50); // the table was found and read
    expect(new Set(dynatraceFields).size).toBe(dynatraceFields.length);

    const txt = readText(SEED_POSTHOG);
    const schema = JSON.parse(txt.slice(txt.indexOf('{', txt.indexOf('JSON Schema')))) as { properties: Json };
    const posthogFields = Object.keys(schema.properties);
    const posthogTableFields = [...txt.matchAll(/^\| (\w+) \| \w+ \|/gm)].map((m) => m[1]!).filter((n) => n !== 'Name');
    expect(posthogFields.length).toBeGreaterThan(20);
    expect(posthogFields).toStrictEqual(posthogTableFields); // the file's two views agree

    const check = (files: readonly string[], fields: string[]) => {
      for (const file of files) {
        const records = fixtureRecords(file);
        const keys = new Set(records.flatMap((r) => Object.keys(r)));
        // Every field is present in every fixture file, and the files hold nothing else.
        expect([...fields].filter((f) => !keys.has(f)), `${file}: fields missing`).toStrictEqual([]);
        expect([...keys].filter((k) => !fields.includes(k)), `${file}: fields not in the seed`).toStrictEqual([]);
      }
      const all = files.flatMap((f) => fixtureRecords(f));
      const empty = fields.filter((f) => !all.some((r) => nonEmpty(r[f])));
      expect(empty, 'fields never given a non-null, non-empty value').toStrictEqual([]);
    };
    check(DYNATRACE_FILES, dynatraceFields);
    check(POSTHOG_FILES, posthogFields);
  });

  test('every column of the store is exercised by a non-null fixture value', () => {
    const sessions = dynatraceSessions();
    const actions = sessions.flatMap((s) => (s.userActions as Json[] | undefined) ?? []);
    const recordings = posthogRecordings();
    const wire: [SQLiteTable, Json[]][] = [
      [t.recordings, recordings],
      [t.persons, recordings.flatMap((r) => (r.person ? [r.person as Json] : []))],
      [t.userSessions, sessions],
      ...Object.entries(NESTED).map(
        ([key, table]) => [table, sessions.flatMap((s) => (s[key] as Json[] | undefined) ?? [])] as [SQLiteTable, Json[]],
      ),
    ];
    for (const [table, records] of wire) {
      const covered = new Set(records.flatMap((r) => Object.keys(r).filter((k) => nonEmpty(r[k])).map(camel)));
      // `extra` holds the fields a source has beyond the store's: test/real-exports.test.ts fills it.
      const missing = Object.keys(columnsOf(table)).filter((c) => !INTERNAL_COLUMNS.has(c) && c !== 'extra' && !covered.has(c));
      expect(missing, `columns of ${getTableName(table)}`).toStrictEqual([]);
    }
    // Typed properties of each kind, on sessions and on actions.
    for (const list of Object.keys(PROPERTY_LISTS)) {
      expect(sessions.some((s) => nonEmpty(s[list])), `session ${list}`).toBe(true);
      expect(actions.some((a) => nonEmpty(a[list])), `action ${list}`).toBe(true);
    }
    // Viewers, distinct ids, and anonymous as well as identified sessions.
    expect(recordings.some((r) => nonEmpty(r.viewers))).toBe(true);
    expect(sessions.some((s) => s.userId) && sessions.some((s) => !s.userId)).toBe(true);
  });
});

// ---------------------------------------------------------------- one file of each kind

describe.each(GOOD_FILES)('import %s', (file) => {
  const store = newStore(`single-${basename(file)}`);
  let result: RunResult;
  beforeAll(async () => {
    result = await importCli(store, [file], '--json');
  });

  test('exits 0 and --json prints exactly one summary object', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = jsonOutput(result);
    expect(Object.keys(summary)).toStrictEqual(SUMMARY_KEYS);
    const records = fixtureRecords(file);
    const posthog = isPosthogFile(file);
    // These fixtures are in the seed schemas' shape: nothing to warn about but recordings that the
    // calendar has moved past their expiry (the report judges that at import time).
    const DAY = 86_400_000;
    const expiry = (r: Json) =>
      r.expiry_time ? Date.parse(r.expiry_time as string) : r.start_time ? Math.floor(Date.parse(r.start_time as string) / DAY) * DAY + ((r.retention_period_days as number | undefined) ?? 30) * DAY : Infinity;
    const pastExpiry = records.filter((r) => expiry(r) <= Date.now()).length;
    expect(summary).toStrictEqual({
      recordings: posthog ? records.length : 0,
      userSessions: posthog ? 0 : records.length,
      userActions: posthog ? 0 : records.reduce((n, r) => n + ((r.userActions as unknown[] | undefined) ?? []).length, 0),
      persons: new Set(records.flatMap((r) => (r.person ? [(r.person as Json).uuid] : []))).size,
      rejected: 0,
      warnings: pastExpiry ? [{ kind: 'pastExpiry', name: 'SessionRecording', count: pastExpiry, first: expect.stringMatching(new RegExp(`^${file}:\\d+$`)) }] : [],
    });
  });

  test('stores every field of every record', async () => {
    expect(await store.counts()).toStrictEqual(expectedCounts([file]));
    expectFixturesStored(await store.dump(), 'default', [file]);
  });
});

describe('a pretty-printed JSON array of PostHog recordings', () => {
  const store = newStore('recordings-array');

  test('imports like the NDJSON and list response forms', async () => {
    const records = posthogRecordings();
    const file = tmp.path('recordings-array.json');
    writeFileSync(file, JSON.stringify(records, null, 2));
    expect(await importOk(store, [file])).toMatchObject({ recordings: records.length, userSessions: 0, rejected: 0 });
    const latest = latestPersons(records);
    expect(await store.counts()).toStrictEqual(expectedCounts(POSTHOG_FILES));
    const dump = await store.dump();
    records.forEach((r, i) => expectRecording(dump, 'default', r, latest, `array[${i}]`));
  });
});

// ---------------------------------------------------------------- all fixtures, twice

describe('importing all fixtures', () => {
  const store = newStore('all');
  const once = newStore('once');
  const twice = newStore('twice');
  let first: Json;
  let second: Json;
  let afterFirst: { counts: StoreCounts; dump: Dump };
  let afterSecond: typeof afterFirst;
  const snapshot = async () => ({ counts: await store.counts(), dump: await store.dump({ omit: ['pk', 'actionPk'] }) });

  beforeAll(async () => {
    first = await importOk(store, GOOD_FILES);
    afterFirst = await snapshot();
    second = await importOk(store, GOOD_FILES);
    afterSecond = await snapshot();
  });

  test('reports what the files hold', () => {
    const sessions = dynatraceSessions();
    expect(first).toMatchObject({
      recordings: posthogRecordings().length,
      userSessions: sessions.length,
      userActions: sessions.reduce((n, s) => n + ((s.userActions as unknown[] | undefined) ?? []).length, 0),
      rejected: 0,
    });
    expect(afterFirst.counts).toStrictEqual(expectedCounts(GOOD_FILES));
  });

  test('stores every field; a person in several records keeps the last one imported', async () => {
    expectFixturesStored(await store.dump(), 'default', GOOD_FILES);
  });

  test('importing the same files again leaves the store as after one import', () => {
    expect(second).toStrictEqual(first);
    expect(afterSecond.counts).toStrictEqual(afterFirst.counts);
    expect(afterSecond.dump).toStrictEqual(afterFirst.dump);
    expect(afterFirst.dump.user_actions!.length).toBeGreaterThan(0);
  });

  test('a file repeated in one run stores the same as the file once', async () => {
    const [summaryOnce, summaryTwice] = await Promise.all([
      importOk(once, [FIXTURES.posthogList, FIXTURES.dynatraceJson]),
      importOk(twice, [FIXTURES.posthogList, FIXTURES.dynatraceJson, FIXTURES.posthogList, FIXTURES.dynatraceJson]),
    ]);
    expect(await twice.dump({ omit: ['pk', 'actionPk'] })).toStrictEqual(await once.dump({ omit: ['pk', 'actionPk'] }));
    // --json counts a person once however many files carry them.
    expect(summaryOnce.persons).toBe(expectedCounts([FIXTURES.posthogList]).persons);
    expect(summaryTwice.persons).toBe(summaryOnce.persons);
  });

  test('sessions link to the person owning their userId; sessions without one stay anonymous', async () => {
    // Expected owners from the fixtures: a person owns its distinct_ids and its recordings' distinct_id.
    const owner = new Map<string, string>();
    for (const r of posthogRecordings()) {
      const p = r.person as Json | null | undefined;
      if (!p) continue;
      for (const id of [...(p.distinct_ids as string[]), r.distinct_id as string]) owner.set(id, p.uuid as string);
    }
    const expected = Object.fromEntries(
      dynatraceSessions().map((s) => [s.userSessionId, s.userId ? (owner.get(s.userId as string) ?? null) : null]),
    );
    expect(Object.values(expected).filter((v) => v !== null).length).toBeGreaterThan(0);
    expect(Object.values(expected)).toContain(null);
    expect(await sessionOwners(store, 'default')).toStrictEqual(expected);
  });
});

describe('re-importing a changed session', () => {
  const store = newStore('changed');

  test('replaces its nested rows instead of adding to them', async () => {
    await importOk(store, [FIXTURES.dynatraceNdjson]);
    const original = fixtureRecords(FIXTURES.dynatraceNdjson)[0]!;
    const actions = original.userActions as Json[];
    expect(actions.length).toBeGreaterThan(1);
    const changed: Json = {
      ...original,
      country: 'Portugal',
      userActions: [actions[1]],
      events: [],
      stringProperties: [{ key: 'plan', value: 'enterprise' }],
    };
    await importOk(store, [writeNdjson('changed.ndjson', [changed])]);
    const dump = await store.dump();
    expectSession(dump, 'default', changed, 'changed session');
    expect(await store.counts()).toMatchObject({ userSessions: 2, userActions: expectedCounts([FIXTURES.dynatraceNdjson]).userActions - 1 });
    // The dropped action's properties went with it.
    expect(dump.action_properties).toStrictEqual([]);
    // Every session's actions stay numbered 0, 1, 2, … (reads take the first N as seq < N).
    const gaps = await store.rows('SELECT session_pk FROM user_actions GROUP BY session_pk HAVING min(seq) != 0 OR max(seq) != count(*) - 1');
    expect(gaps).toEqual([]);
  });
});

// ---------------------------------------------------------------- persons

describe('person merges', () => {
  const store = newStore('merge');
  const base = fixtureRecords(FIXTURES.posthogNdjson).find((r) => r.person)!;
  const basePerson = base.person as Json;
  const baseSession = fixtureRecords(FIXTURES.dynatraceNdjson)[1]!;
  const recording = (id: string, distinctId: string, person: Json): Json => ({
    ...base,
    id,
    distinct_id: distinctId,
    person: { ...basePerson, ...person },
  });
  const session = (id: string, userId?: string): Json => {
    const s: Json = { ...baseSession, userSessionId: id };
    if (userId) s.userId = userId;
    else delete s.userId;
    return s;
  };

  test('a later record that puts a distinct id under another person moves the link', async () => {
    const file = writeNdjson('merge.ndjson', [
      recording('merge-rec-1', 'm-d1', { id: 9001, uuid: 'merge-p1', name: 'p1', distinct_ids: ['m-d1', 'm-d2'] }),
      recording('merge-rec-2', 'm-d3', { id: 9002, uuid: 'merge-p2', name: 'p2', distinct_ids: ['m-d2', 'm-d3'] }),
      session('merge-s1', 'm-d1'),
      session('merge-s2', 'm-d2'),
      session('merge-s3', 'm-d3'),
      session('merge-s4'),
      session('merge-s5', 'm-stranger'),
    ]);
    expect(baseSession.userId).toBeUndefined();
    const { warnings: _, ...summary } = await importOk(store, [file]);
    expect(summary).toStrictEqual({ recordings: 2, userSessions: 5, userActions: 5, persons: 2, rejected: 0 });
    expect(await distinctIdOwners(store, 'default')).toStrictEqual({ 'm-d1': 'merge-p1', 'm-d2': 'merge-p2', 'm-d3': 'merge-p2' });
    expect(await sessionOwners(store, 'default')).toStrictEqual({
      'merge-s1': 'merge-p1',
      'merge-s2': 'merge-p2',
      'merge-s3': 'merge-p2',
      'merge-s4': null,
      'merge-s5': null,
    });

    // A later import of the persons API shape moves m-d2 back; sessions follow without re-import.
    const later = writeNdjson('merge-later.ndjson', [
      { id: 9001, uuid: 'merge-p1', name: 'p1', distinct_ids: ['m-d2'], properties: {}, created_at: '2026-01-01T00:00:00Z' },
    ]);
    expect(await importOk(store, [later])).toMatchObject({ persons: 1, rejected: 0 });
    expect(await distinctIdOwners(store, 'default')).toStrictEqual({ 'm-d1': 'merge-p1', 'm-d2': 'merge-p1', 'm-d3': 'merge-p2' });
    expect(await sessionOwners(store, 'default')).toMatchObject({ 'merge-s2': 'merge-p1', 'merge-s3': 'merge-p2' });
    expect((await store.counts()).persons).toBe(2);
  });
});

// ---------------------------------------------------------------- bad input

const BAD = FIXTURES.dynatraceBad;
/** The bad lines of the bad fixture and the field path (or kind of problem) each must be reported with. */
const BAD_LINES: Record<number, RegExp> = {
  2: /^invalid JSON/,
  4: /^userType: /,
  5: /^userSessionId: /,
  6: /^userActions\[1\]\.duration: /,
};
const goodLines = () => ndjsonLines(BAD).filter((l) => !(l.line in BAD_LINES));

/** The rows of `after` that are not in `before`'s sessions removed: what an import added. */
function withoutSessions(dump: Dump, sessionPks: Set<unknown>, actionPks: Set<unknown>): Dump {
  const out: Dump = {};
  for (const [table, rows] of Object.entries(dump)) {
    out[table] = rows.filter(
      (r) =>
        !(table === 'user_sessions' && sessionPks.has(r.pk)) &&
        !('sessionPk' in r && sessionPks.has(r.sessionPk)) &&
        !('actionPk' in r && actionPks.has(r.actionPk)),
    );
  }
  return out;
}

function expectBadLinesReported(result: RunResult) {
  const { reports, other } = lineReports(result.stderr, BAD);
  expect([...reports.keys()].sort((a, b) => a - b)).toStrictEqual(Object.keys(BAD_LINES).map(Number));
  for (const [line, pattern] of Object.entries(BAD_LINES)) expect(reports.get(Number(line))).toMatch(pattern);
  return other;
}

describe('bad input', () => {
  const BASE = [FIXTURES.posthogList, FIXTURES.dynatraceNdjson];
  const store = newStore('bad');
  let before: Dump;
  let result: RunResult;
  beforeAll(async () => {
    await importOk(store, BASE);
    before = await store.dump();
    result = await importCli(store, [BAD], '--json');
  });

  test('the fixture has good records on lines 1, 3 and 7', () => {
    expect(goodLines().map((l) => l.line)).toStrictEqual([1, 3, 7]);
    expect(goodLines().every((l) => l.value)).toBe(true);
  });

  test('reports FILE:LINE: reason (with the field path) for each bad record and exits 1', () => {
    expect(result.code).toBe(1);
    expect(expectBadLinesReported(result)).toStrictEqual([]);
    const good = goodLines().map((l) => l.value!);
    expect(jsonOutput(result)).toStrictEqual({
      recordings: 0,
      userSessions: good.length,
      userActions: good.reduce((n, s) => n + (s.userActions as unknown[]).length, 0),
      persons: 0,
      rejected: Object.keys(BAD_LINES).length,
      warnings: [],
    });
  });

  test('stores the good records and nothing of the bad ones', async () => {
    const dump = await store.dump();
    for (const { line, value } of goodLines()) expectSession(dump, 'default', value!, `${BAD}:${line}`);
    for (const { line, value } of ndjsonLines(BAD)) {
      if (line in BAD_LINES && value?.userSessionId) expect(findSession(dump, 'default', value), `line ${line}`).toBeUndefined();
    }
    const base = expectedCounts(BASE);
    const good = goodLines().map((l) => l.value!);
    const sum = (key: string) => good.reduce((n, s) => n + ((s[key] as unknown[] | undefined) ?? []).length, 0);
    expect(await store.counts()).toStrictEqual({
      ...base,
      userSessions: base.userSessions + good.length,
      userActions: base.userActions + sum('userActions'),
      events: base.events + sum('events'),
      errors: base.errors + sum('errors'),
    });
  });

  test('leaves the data stored before untouched', async () => {
    const after = await store.dump();
    const oldSessions = new Set(before.user_sessions!.map((r) => r.pk));
    const added = new Set(after.user_sessions!.filter((r) => !oldSessions.has(r.pk)).map((r) => r.pk));
    expect(added.size).toBe(goodLines().length);
    const addedActions = new Set(after.user_actions!.filter((r) => added.has(r.sessionPk)).map((r) => r.pk));
    expect(withoutSessions(after, added, addedActions)).toStrictEqual(before);
  });
});

describe('--strict', () => {
  const BASE = [FIXTURES.posthogList, FIXTURES.dynatraceNdjson];
  const store = newStore('strict');
  const empty = newStore('strict-empty');
  const ok = newStore('strict-ok');
  let before: Dump;
  let result: RunResult;
  let emptyResult: RunResult;
  beforeAll(async () => {
    await importOk(store, BASE);
    before = await store.dump();
    [result, emptyResult] = await Promise.all([importCli(store, [BAD], '--strict', '--json'), importCli(empty, [BAD], '--strict', '--json')]);
  });

  test('reports every bad record, says nothing was imported, exits 1', () => {
    for (const r of [result, emptyResult]) {
      expect(r.code).toBe(1);
      expect(expectBadLinesReported(r)).toStrictEqual([`${BAD}: --strict: nothing imported from this file`]);
      expect(jsonOutput(r)).toStrictEqual({ recordings: 0, userSessions: 0, userActions: 0, persons: 0, rejected: 4, warnings: [] });
    }
  });

  test('writes nothing at all: the store is unchanged', async () => {
    expect(await store.dump()).toStrictEqual(before);
    const nothing = await empty.dump();
    expect(Object.values(nothing).every((rows) => rows.length === 0)).toBe(true);
  });

  test('imports a file without bad records as usual', async () => {
    expect(await importOk(ok, [FIXTURES.dynatraceJson], '--strict')).toMatchObject({ userSessions: 2, rejected: 0 });
    expectFixturesStored(await ok.dump(), 'default', [FIXTURES.dynatraceJson]);
  });
});

// ---------------------------------------------------------------- projects

describe('projects', () => {
  const FILES = [FIXTURES.posthogList, FIXTURES.dynatraceNdjson];
  const store = newStore('projects');
  const LINKS = ['pk', 'actionPk', 'sessionPk', 'recordingPk', 'personPk', 'project'];
  beforeAll(async () => {
    await importOk(store, FILES, '--project', 'a');
    await importOk(store, FILES, '--project', 'b');
    await importOk(store, FILES); // the default project
  });

  test('each project holds its own complete copy; the default project is "default"', async () => {
    const expected = expectedCounts(FILES);
    const dump = await store.dump();
    for (const project of ['a', 'b', 'default']) {
      expect(await store.counts(project), project).toStrictEqual(expected);
      expectFixturesStored(dump, project, FILES);
    }
    const total = await store.counts();
    for (const key of STATS_KEYS) expect(total[key as keyof typeof total]).toBe(3 * expected[key as keyof typeof expected]);
    const a = await store.dump({ project: 'a', omit: LINKS });
    expect(await store.dump({ project: 'b', omit: LINKS })).toStrictEqual(a);
    expect(await store.dump({ project: 'default', omit: LINKS })).toStrictEqual(a);
  });

  test('rows only ever link to rows of their own project', async () => {
    // child table, its link column, the parent table (whose pk it names)
    const links: [string, string, string][] = [
      ['person_distinct_ids', 'person_pk', 'persons'],
      ['recording_viewers', 'recording_pk', 'recordings'],
      ['session_properties', 'session_pk', 'user_sessions'],
      ['action_properties', 'action_pk', 'user_actions'],
      ...Object.values(NESTED).map((table) => [getTableName(table), 'session_pk', 'user_sessions'] as [string, string, string]),
    ];
    for (const [child, link, parent] of links) {
      const [joined] = await store.rows<{ n: number; strangers: number }>(
        `select count(*) as n, count(case when c.project != p.project then 1 end) as strangers from ${child} c join ${parent} p on p.pk = c.${link}`,
      );
      expect(joined!.n, child).toBeGreaterThan(0);
      expect(joined!.strangers, child).toBe(0);
    }
    expect(await sessionOwners(store, 'a')).toStrictEqual(await sessionOwners(store, 'b'));
  });

  test('importing into one project leaves the others alone', async () => {
    const before = { b: await store.dump({ project: 'b' }), default: await store.dump({ project: 'default' }) };
    const session = { ...fixtureRecords(FIXTURES.dynatraceNdjson)[0]!, country: 'Chile', userActions: [] };
    const rec = fixtureRecords(FIXTURES.posthogList)[0]!;
    const person = rec.person as Json;
    // The same natural keys, and a person taking over one of the existing person's distinct ids.
    const file = writeNdjson('project-a.ndjson', [
      session,
      { id: 777, uuid: 'someone-else', name: 'x', distinct_ids: [(person.distinct_ids as string[])[0]], properties: {} },
    ]);
    await importOk(store, [file], '--project', 'a');
    expect(await store.dump({ project: 'b' })).toStrictEqual(before.b);
    expect(await store.dump({ project: 'default' })).toStrictEqual(before.default);
    expectSession(await store.dump(), 'a', session, 'project a session');
    expect((await distinctIdOwners(store, 'a'))[(person.distinct_ids as string[])[0]!]).toBe('someone-else');
    expect((await distinctIdOwners(store, 'b'))[(person.distinct_ids as string[])[0]!]).toBe(person.uuid);
  });
});

// ---------------------------------------------------------------- stats

describe('stats', () => {
  const store = newStore('stats');
  beforeAll(async () => {
    await importOk(store, GOOD_FILES);
    await importOk(store, [FIXTURES.posthogList], '--project', 'other');
  });

  // PostgreSQL: stats without --project is refused by design (row-level security shows one
  // project at a time; README "PostgreSQL"), not a bug; the per-project count runs on both below.
  test.skipIf(TEST_STORE === 'postgres')('--json prints one object of row counts, all projects', async () => {
    const result = await cli('stats', ['--db', store.db, '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const stats = jsonOutput(result);
    expect(Object.keys(stats)).toStrictEqual(STATS_KEYS);
    const all = expectedCounts(GOOD_FILES);
    const other = expectedCounts([FIXTURES.posthogList]);
    expect(stats).toStrictEqual(Object.fromEntries(STATS_KEYS.map((k) => [k, all[k as keyof typeof all] + other[k as keyof typeof other]])));
    expect(stats).toStrictEqual(await store.counts());
  });

  test('--project counts one project', async () => {
    const result = await cli('stats', ['--db', store.db, '--project', 'other', '--json']);
    expect(result.code).toBe(0);
    expect(jsonOutput(result)).toStrictEqual(expectedCounts([FIXTURES.posthogList]));
  });
});
