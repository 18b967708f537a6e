/** The seed generator: the real `seed` command, and writing a data set to an NDJSON file. */
import { readFileSync, statSync } from 'node:fs';
import { and, count, eq, gte, isNotNull, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { storeCounts } from '../src/db/counts.js';
import * as t from '../src/db/schema.js';
import { writeDatasetNdjson } from '../src/seed/files.js';
import { generateDataset, type DatasetOptions } from '../src/seed/generate.js';
import { cli, jsonOutput, useTempDir, type RunResult } from './helpers/cli.js';
import { dumpFile, withStore, type Dump } from './helpers/store.js';

const tmp = useTempDir();
const DAY = 86_400_000;
const END = '2026-11-01';
const OPTIONS: DatasetOptions = { persons: 50, seed: 7, end: new Date(END) };

function seed(db: string, seedValue: number): Promise<RunResult> {
  return cli('seed', ['--db', db, '--persons', '50', '--seed', String(seedValue), '--end', END, '--json']);
}

/** What the generator yields for these options, counted in-process. */
function generatedCounts(options: DatasetOptions) {
  const counts = { persons: 0, recordings: 0, userSessions: 0, userActions: 0, events: 0, errors: 0 };
  for (const { kind, value } of generateDataset(options)) {
    if (kind === 'person') counts.persons++;
    if (kind === 'recording') counts.recordings++;
    if (kind === 'userSession') {
      counts.userSessions++;
      counts.userActions += (value.userActions as unknown[]).length;
      counts.events += (value.events as unknown[]).length;
      counts.errors += (value.errors as unknown[]).length;
    }
  }
  return counts;
}

describe('seed command', () => {
  const dbA = tmp.path('seed-a.db');
  const dbB = tmp.path('seed-b.db');
  const dbC = tmp.path('seed-c.db');
  let results: RunResult[];
  let dumps: Dump[];

  beforeAll(async () => {
    results = await Promise.all([seed(dbA, 7), seed(dbB, 7), seed(dbC, 8)]);
    dumps = [dbA, dbB, dbC].map((db) => dumpFile(db));
  });

  test('every generated record passes validation: exit 0, rejected 0, one JSON summary', () => {
    const expected = generatedCounts(OPTIONS);
    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const summary = jsonOutput(result);
      expect(Object.keys(summary)).toStrictEqual(['recordings', 'userSessions', 'userActions', 'persons', 'rejected']);
      expect(summary.rejected).toBe(0);
      expect(summary.persons).toBe(50);
    }
    expect(jsonOutput(results[0]!)).toStrictEqual({
      recordings: expected.recordings,
      userSessions: expected.userSessions,
      userActions: expected.userActions,
      persons: expected.persons,
      rejected: 0,
    });
    withStore(dbA, (store) => expect(storeCounts(store)).toStrictEqual(expected));
  });

  test('the same seed gives identical contents; another seed gives different contents', () => {
    const [a, b, c] = dumps as [Dump, Dump, Dump];
    expect(a.user_sessions!.length).toBeGreaterThan(0);
    expect(b).toStrictEqual(a);
    expect(c).not.toStrictEqual(a);
    // Not just somewhere: the generated sessions themselves differ.
    expect(c.user_sessions).not.toStrictEqual(a.user_sessions);
    withStore(dbC, (store) => expect(storeCounts(store)).toStrictEqual(generatedCounts({ ...OPTIONS, seed: 8 })));
  });

  test('it has anonymous sessions, persons with several distinct ids, and recordings', () => {
    withStore(dbA, ({ db }) => {
      const n = (q: { get(): { n: number } | undefined }) => q.get()!.n;
      expect(n(db.select({ n: count() }).from(t.userSessions).where(isNull(t.userSessions.userId)))).toBeGreaterThan(0);
      expect(n(db.select({ n: count() }).from(t.userSessions).where(isNotNull(t.userSessions.userId)))).toBeGreaterThan(0);
      expect(n(db.select({ n: count() }).from(t.recordings))).toBeGreaterThan(0);
      const idsPerPerson = db
        .select({ person: t.personDistinctIds.personPk, ids: count() })
        .from(t.personDistinctIds)
        .groupBy(t.personDistinctIds.personPk)
        .all();
      expect(idsPerPerson).toHaveLength(50);
      expect(idsPerPerson.filter((p) => p.ids >= 2).length).toBeGreaterThan(0);
      expect(idsPerPerson.every((p) => p.ids >= 1)).toBe(true);
    });
  });

  test('every identified session and recording belongs to a person', () => {
    withStore(dbA, ({ db }) => {
      const unlinkedSessions = db
        .select({ n: count() })
        .from(t.userSessions)
        .leftJoin(
          t.personDistinctIds,
          and(eq(t.personDistinctIds.project, t.userSessions.project), eq(t.personDistinctIds.distinctId, t.userSessions.userId)),
        )
        .where(and(isNotNull(t.userSessions.userId), isNull(t.personDistinctIds.personPk)))
        .get()!.n;
      expect(unlinkedSessions).toBe(0);
      const p = t.sessionProperties;
      const tags = db.select({ id: p.stringValue }).from(p).where(and(eq(p.key, 'posthog_session_id'), isNotNull(p.stringValue)));
      const unlinkedRecordings = db
        .select({ n: count() })
        .from(t.recordings)
        .leftJoin(
          t.personDistinctIds,
          and(eq(t.personDistinctIds.project, t.recordings.project), eq(t.personDistinctIds.distinctId, t.recordings.distinctId)),
        )
        .where(and(isNull(t.personDistinctIds.personPk), notInArray(t.recordings.id, tags)))
        .get()!.n;
      // A recording without a person is a visit recorded before the visitor identified: a session carries its id.
      expect(unlinkedRecordings).toBe(0);
    });
  });

  test('the demo has linked visits (README, One visit, both products): by tag alone, by tag, by overlap', () => {
    withStore(dbA, ({ db }) => {
      const l = t.visitLinks;
      const kinds = db
        .select({ linkedBy: l.linkedBy, owned: sql<number>`${t.personDistinctIds.personPk} is not null`, n: count() })
        .from(l)
        .innerJoin(t.recordings, eq(t.recordings.pk, l.recordingPk))
        .leftJoin(t.personDistinctIds, and(eq(t.personDistinctIds.project, t.recordings.project), eq(t.personDistinctIds.distinctId, t.recordings.distinctId)))
        .groupBy(l.linkedBy, sql`2`)
        .all();
      const n = (linkedBy: string, owned: number) => kinds.find((k) => k.linkedBy === linkedBy && Number(k.owned) === owned)?.n ?? 0;
      expect(n('property', 0), JSON.stringify(kinds)).toBeGreaterThan(0);
      expect(n('property', 1), JSON.stringify(kinds)).toBeGreaterThan(0);
      expect(n('overlap', 1), JSON.stringify(kinds)).toBeGreaterThan(0);
      // Overlap needs a person.
      expect(n('overlap', 0)).toBe(0);
    });
  });

  test('--end bounds the data: everything starts in the 30 days before it', () => {
    const end = new Date(END);
    const start = new Date(end.getTime() - 30 * DAY);
    withStore(dbA, ({ db }) => {
      const outside = (column: typeof t.userSessions.startTime | typeof t.recordings.startTime) =>
        or(isNull(column), lt(column, start), gte(column, end));
      expect(db.select({ n: count() }).from(t.userSessions).where(outside(t.userSessions.startTime)).get()!.n).toBe(0);
      expect(db.select({ n: count() }).from(t.recordings).where(outside(t.recordings.startTime)).get()!.n).toBe(0);
      // …and the data really spans the window rather than sitting at one end of it.
      const span = db
        .select({ min: sql<number>`min(${t.userSessions.startTime})`, max: sql<number>`max(${t.userSessions.startTime})` })
        .from(t.userSessions)
        .get()!;
      expect(span.max - span.min).toBeGreaterThan(20 * DAY);
    });
  });
});

describe('writeDatasetNdjson', () => {
  const options: DatasetOptions = { persons: 20, seed: 3, end: new Date('2026-10-01T00:00:00Z') };

  test('writes every generated record, in order, one per line, and reports records and bytes', async () => {
    const path = tmp.path('dataset.ndjson');
    const result = await writeDatasetNdjson(path, options);
    const expected = [...generateDataset(options)].map((r) => r.value);
    expect(result.records).toBe(expected.length);
    expect(result.bytes).toBe(statSync(path).size);
    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(expected.length);
    expect(lines.map((l) => JSON.parse(l) as unknown)).toStrictEqual(expected);
  });

  test('streams data sets larger than one write chunk intact', async () => {
    const path = tmp.path('dataset-big.ndjson');
    const big = { ...options, persons: 150 };
    const result = await writeDatasetNdjson(path, big);
    expect(result.bytes).toBeGreaterThan(1 << 20); // many 64 KiB chunks
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(result.records);
    let i = 0;
    for (const { value } of generateDataset(big)) expect(lines[i++], `line ${i}`).toBe(JSON.stringify(value));
  });

  test('rejects when the file cannot be written', async () => {
    await expect(writeDatasetNdjson(tmp.path('missing-dir/x.ndjson'), options)).rejects.toThrow(/ENOENT/);
  });

  test('importing the written file stores the same as seeding with the same options', async () => {
    const file = tmp.path('seed-vs-import.ndjson');
    const seeded = tmp.path('seeded.db');
    const imported = tmp.path('imported.db');
    const opts: DatasetOptions = { persons: 30, seed: 5, end: new Date(END) };
    await writeDatasetNdjson(file, opts);
    const [s, i] = await Promise.all([
      cli('seed', ['--db', seeded, '--persons', '30', '--seed', '5', '--end', END, '--json']),
      cli('import', ['--db', imported, '--json', file]),
    ]);
    expect([s.code, i.code]).toStrictEqual([0, 0]);
    // The import also reports what it noticed (recordings the calendar has moved past their expiry); the seed does not.
    const { warnings, ...summary } = jsonOutput(i);
    expect(warnings).toEqual(expect.any(Array));
    expect(summary).toStrictEqual(jsonOutput(s));
    expect(dumpFile(imported)).toStrictEqual(dumpFile(seeded));
  });
});
