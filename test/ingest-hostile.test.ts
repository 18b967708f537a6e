/**
 * Ingest under hostile or unlucky input (issue 12): bodies that would hold the event loop, JSON
 * nested thousands deep, a full disk, numbers and dates out of range, two imports at once, and a
 * huge session imported twice. Real HTTP server (read workers on, as users run it), real SQLite
 * files, the CLI as child processes.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../src/db/open.js';
import { ingest } from '../src/ingest/pipeline.js';
import { cli, lineReports, ROOT, TSX, useTempDir, type RunResult } from './helpers/cli.js';
import { answer, expectNoLeak, listen, type Answer, type Running } from './helpers/security.js';

const tmp = useTempDir('sessiongraph-hostile-');
const POSTHOG = '/ingest/posthog/recordings';
const DYNATRACE = '/ingest/dynatrace/sessions';

let store: Store;
let app: Running;
/**
 * The same store served with `--read-workers 0`: ingest then runs on the server's own connection,
 * which the tests of that path watch (spies) and limit (max_page_count) in-process.
 */
let mainThread: Running;

beforeAll(async () => {
  store = openStore(tmp.path('http.db'));
  app = await listen({ store });
  mainThread = await listen({ store, readWorkers: 0 });
});

afterAll(async () => {
  await app?.close();
  await mainThread?.close();
  store?.close();
});

async function post(path: string, body: string, server: Running = app): Promise<Answer> {
  return answer(await fetch(`${server.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body }));
}

function count(table: string, where = '1'): number {
  return (store.sqlite.prepare(`select count(*) as n from ${table} where ${where}`).get() as { n: number }).n;
}

const ndjson = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

const recording = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  distinct_id: `d-${id}`,
  recording_duration: 60,
  start_time: '2026-10-01T12:00:00Z',
  ...extra,
});

const session = (userSessionId: string, extra: Record<string, unknown> = {}) => ({
  tenantId: 'hostile',
  userSessionId,
  startTime: Date.UTC(2026, 9, 1),
  duration: 1000,
  ...extra,
});

describe('a body of nothing but rejected lines', () => {
  it('is read and validated on a read worker: /health answers while it runs', async () => {
    // ~1.2 MiB of `{}` lines: every one rejected (no record kind), none ever written.
    const order: string[] = [];
    // Nothing of it runs on the main thread's connection (the main-thread path opens a transaction there).
    const mainThreadTransactions = vi.spyOn(store.sqlite, 'exec');
    let done = false;
    const ingest = post(POSTHOG, '{}\n'.repeat(400_000)).then((r) => ((done = true), order.push('ingest'), r));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const asked = performance.now();
    const health = await fetch(`${app.base}/health/live`);
    order.push('health');
    expect(health.status).toBe(200);
    // /health/live keeps answering promptly for as long as the body is processed (issue 12: 32 MiB
    // of such lines held it 19.9 s; now 32 MiB takes 23–35 s on a worker, too long for the suite,
    // with /health/live at most ~150 ms meanwhile). Asked one after another until the ingest
    // answers; each must come well within 2 s.
    const waits: number[] = [performance.now() - asked];
    while (!done) {
      const started = performance.now();
      const live = await fetch(`${app.base}/health/live`);
      await live.text();
      expect(live.status).toBe(200);
      waits.push(performance.now() - started);
    }
    expect(Math.max(0, ...waits), `/health/live answered in ${waits.map((w) => Math.round(w)).join(', ')} ms`).toBeLessThan(2_000);
    const r = await ingest;
    expect(mainThreadTransactions.mock.calls.filter(([sql]) => /^BEGIN/.test(sql))).toEqual([]);
    mainThreadTransactions.mockRestore();
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ accepted: 0, rejected: 400_000, code: 'NO_RECORD_STORED' });
    expect(order).toEqual(['health', 'ingest']);
  });

  it('with --read-workers 0 does not hold the event loop: /health asked once the ingest is running answers before it', async () => {
    // ~1.2 MiB of `{}` lines: every one rejected (no record kind), none ever written.
    const body = '{}\n'.repeat(400_000);
    const order: string[] = [];
    let health: Promise<void> | undefined;
    // The pipeline opens its transaction once the whole body is read: from then on the ingest runs.
    const exec = store.sqlite.exec.bind(store.sqlite);
    const spy = vi.spyOn(store.sqlite, 'exec').mockImplementation((source: string) => {
      if (!health && source.startsWith('BEGIN')) {
        health = fetch(`${mainThread.base}/health`).then(async (r) => {
          expect(r.status).toBe(200);
          await r.text();
          order.push('health');
        });
      }
      return exec(source);
    });
    try {
      const ingest = post(POSTHOG, body, mainThread).then((r) => {
        order.push('ingest');
        return r;
      });
      const r = await ingest;
      await health;
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ accepted: 0, rejected: 400_000 });
      expect(order).toEqual(['health', 'ingest']);
    } finally {
      spy.mockRestore();
    }
  });
});

/** `{"a":{"a":…1…}}` nested `depth` levels. */
function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A recording whose person's properties nest 6,000 levels deep, as one NDJSON line. */
const deepRecordingLine = (id: string) =>
  `{"id":"${id}","distinct_id":"d-${id}","recording_duration":5,"person":{"id":9001,"uuid":"deep-person","distinct_ids":["d-${id}"],"properties":${nested(6000)}}}`;

describe('JSON nested deeper than the limit (32 levels)', () => {
  it('over HTTP: the line is rejected naming the limit, the rest stored; alone it is a 400 JSON answer', async () => {
    const body = `${JSON.stringify(recording('nest-ok-1'))}\n${deepRecordingLine('nest-deep-1')}\n${JSON.stringify(recording('nest-ok-2'))}\n`;
    const r = await post(POSTHOG, body);
    expect(r.status, r.text.slice(0, 500)).toBe(200);
    expect(r.body).toMatchObject({ accepted: 2, rejected: 1 });
    expect(r.body!.errors).toEqual([{ line: 2, message: expect.stringMatching(/person\.properties.*nested deeper than 32 levels/) }]);
    expect(count('recordings', `id like 'nest-%'`)).toBe(2);
    expect(count('persons', `uuid = 'deep-person'`)).toBe(0);

    const alone = await post(POSTHOG, `${deepRecordingLine('nest-deep-2')}\n`);
    expect(alone.status, alone.text.slice(0, 500)).toBe(400);
    expect(alone.headers.get('content-type')).toMatch(/application\/json/);
    expect(alone.body).toMatchObject({ accepted: 0, rejected: 1, code: 'NO_RECORD_STORED', errors: [{ line: 1, message: expect.stringMatching(/32/) }] });
    expectNoLeak(alone.text, 'deep nesting');

    // Exactly at the limit is fine: record (1) › person (2) › properties (3) › 29 levels below it.
    const atLimit = `{"id":"nest-limit","distinct_id":"d-limit","recording_duration":5,"person":{"id":9002,"uuid":"limit-person","distinct_ids":["d-limit"],"properties":${nested(30)}}}\n`;
    expect((await post(POSTHOG, atLimit)).status).toBe(200);
    const overLimit = atLimit.replace(nested(30), nested(31)).replace('nest-limit', 'nest-over');
    expect((await post(POSTHOG, overLimit)).status).toBe(400);
  });

  it('through the CLI import: FILE:LINE naming the limit, the other lines imported, exit 1, no stack', async () => {
    const file = tmp.path('deep.ndjson');
    writeFileSync(file, `${JSON.stringify(recording('cli-nest-ok'))}\n${deepRecordingLine('cli-nest-deep')}\n`);
    const db = tmp.path('deep.db');
    const r = await cli('import', ['--db', db, '--json', file]);
    expect(r.code, r.stderr).toBe(1);
    const { reports, other } = lineReports(r.stderr, file);
    expect(other).toEqual([]);
    expect([...reports.keys()]).toEqual([2]);
    expect(reports.get(2)).toMatch(/^person\.properties\.a\.a…: nested deeper than 32 levels/);
    expectNoLeak(r.stderr, 'CLI deep nesting', [file]);
    expect(JSON.parse(r.stdout)).toMatchObject({ recordings: 1, rejected: 1 });
  });
});

describe('a full disk', () => {
  // On the server's own connection (--read-workers 0): max_page_count is a setting of one connection.
  it('is a 507 JSON answer with one line, and what was stored before stays stored', async () => {
    const before = ndjson(Array.from({ length: 50 }, (_, i) => session(`full-before-${i}`)));
    expect((await post(DYNATRACE, before, mainThread)).status).toBe(200);
    const stored = count('user_sessions');
    const original = store.sqlite.pragma('max_page_count', { simple: true }) as number;
    // The file may grow by a few pages only: a big body fills them and SQLite answers SQLITE_FULL.
    const pages = store.sqlite.pragma('page_count', { simple: true }) as number;
    store.sqlite.pragma(`max_page_count = ${pages + 8}`);
    try {
      const action = { name: 'click on "Checkout"', type: 'Load', targetUrl: `https://example.com/${'x'.repeat(200)}`, duration: 10 };
      const big = ndjson(Array.from({ length: 2000 }, (_, i) => session(`full-${i}`, { userActions: Array.from({ length: 5 }, () => action) })));
      const r = await post(DYNATRACE, big, mainThread);
      expect(r.status, r.text.slice(0, 500)).toBe(507);
      expect(r.headers.get('content-type')).toMatch(/application\/json/);
      expect(r.body).toMatchObject({ code: 'STORE_FULL', error: expect.stringMatching(/^line \d+: the database is full/) });
      expect(r.body!.error).not.toMatch(/\n/);
      expectNoLeak(r.text, 'full disk');
      // Earlier ingests and the batches of this body committed before the disk filled are kept.
      expect(count('user_sessions', `user_session_id like 'full-before-%'`)).toBe(50);
      expect(count('user_sessions')).toBe(stored + (r.body!.accepted as number));
      expect(count('user_actions', `session_pk in (select pk from user_sessions where user_session_id like 'full-%' and user_session_id not like 'full-before-%')`)).toBe(
        5 * (r.body!.accepted as number),
      );
      expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      store.sqlite.pragma(`max_page_count = ${original}`);
    }
    // Room again: ingest works again.
    expect((await post(DYNATRACE, ndjson([session('full-after')]), mainThread)).status).toBe(200);
  });
});

describe('numbers and dates out of range', () => {
  const MAX_EPOCH = 2 ** 53 - 1;
  /** Each bad record with the field its report must name; every one a line of its own. */
  const badRecordings: [Record<string, unknown>, RegExp][] = [
    [recording('range-epoch', { start_time: MAX_EPOCH }), /^start_time: out of range: expected a time from 1970-01-01 to 9999-12-31/],
    [recording('range-year-10000', { end_time: '9999-12-31T23:59:59-14:00' }), /^end_time: out of range/],
    [recording('range-before-1970', { start_time: '1969-12-31T23:59:59Z' }), /^start_time: out of range/],
    [recording('range-score', { activity_score: 1.7e308 }), /^activity_score: Too big/],
    [recording('range-clicks', { click_count: 2.5 }), /^click_count: .*int/i],
    [recording('range-duration', { recording_duration: -(2 ** 40) }), /^recording_duration: Too small/],
    [recording('range-huge-duration', { recording_duration: 2 ** 40 }), /^recording_duration: Too big/],
  ];
  const goodRecordings = [
    recording('range-ok-last-ms', { end_time: '9999-12-31T23:59:59.999Z', activity_score: 1e12 }),
    // Older PostHog versions sent negative inactive seconds: kept as given.
    recording('range-ok-inactive', { inactive_seconds: -5 }),
    // Any negative counter is stored as given too (and reported as negativeCount).
    recording('range-ok-negative', { recording_duration: -1, click_count: -3 }),
  ];
  const badSessions: [Record<string, unknown>, RegExp][] = [
    [session('range-s-epoch', { startTime: MAX_EPOCH }), /^startTime: out of range/],
    [session('range-s-duration', { duration: -(2 ** 31) - 1 }), /^duration: Too small/],
    [session('range-s-double', { doubleProperties: [{ key: 'revenue', value: 1.7e308 }] }), /^doubleProperties\[0\]\.value: Too big/],
    [session('range-s-date', { dateProperties: [{ key: 'renewal', value: Date.UTC(10000, 0, 1) }] }), /^dateProperties\[0\]\.value: out of range/],
    [session('range-s-action', { userActions: [{ name: 'a', duration: 1e15 }] }), /^userActions\[0\]\.duration: Too big/],
  ];
  const goodSessions = [
    session('range-s-ok', { longProperties: [{ key: 'account', value: Number.MAX_SAFE_INTEGER }] }),
    session('range-s-negative', { duration: -1, userActions: [{ name: 'a', duration: -2 }] }),
  ];

  /** Bad records on even lines, good ones around them. */
  function interleave<T>(good: T[], bad: T[]): T[] {
    const out: T[] = [];
    bad.forEach((b, i) => out.push(good[i % good.length]!, b));
    return out;
  }

  it('over HTTP: each bad record is {line, message} naming its field; the rest is stored', async () => {
    const records = interleave(goodRecordings, badRecordings.map(([r]) => r));
    const r = await post(POSTHOG, ndjson(records));
    expect(r.status, r.text.slice(0, 500)).toBe(200);
    expect(r.body!.rejected).toBe(badRecordings.length);
    expect(r.body!.errors.map((e: { line: number }) => e.line)).toEqual(badRecordings.map((_, i) => 2 * i + 2));
    r.body!.errors.forEach((e: { message: string }, i: number) => expect(e.message).toMatch(badRecordings[i]![1]));
    expect(count('recordings', `id like 'range-%'`)).toBe(goodRecordings.length);
    const stored = store.sqlite.prepare(`select end_time, inactive_seconds, recording_duration, click_count from recordings where id like 'range-ok-%' order by id`).all();
    expect(stored).toEqual([
      { end_time: null, inactive_seconds: -5, recording_duration: expect.any(Number), click_count: null },
      { end_time: Date.UTC(9999, 11, 31, 23, 59, 59, 999), inactive_seconds: null, recording_duration: expect.any(Number), click_count: null },
      { end_time: null, inactive_seconds: null, recording_duration: -1, click_count: -3 },
    ]);
    // The good records repeat between the bad ones: range-ok-inactive and range-ok-negative twice each.
    const negatives = (warnings: { kind: string; name: string; count: number }[]) =>
      warnings.filter((w) => w.kind === 'negativeCount').map(({ name, count }) => `${name} ×${count}`).sort();
    expect(negatives(r.body!.warnings)).toEqual(['SessionRecording.click_count ×2', 'SessionRecording.inactive_seconds ×2', 'SessionRecording.recording_duration ×2']);

    const sessions = await post(DYNATRACE, ndjson(interleave(goodSessions, badSessions.map(([s]) => s))));
    expect(sessions.status, sessions.text.slice(0, 500)).toBe(200);
    expect(sessions.body!.errors.map((e: { line: number }) => e.line)).toEqual(badSessions.map((_, i) => 2 * i + 2));
    sessions.body!.errors.forEach((e: { message: string }, i: number) => expect(e.message).toMatch(badSessions[i]![1]));
    expect(count('user_sessions', `user_session_id like 'range-s-%'`)).toBe(goodSessions.length);
    expect(store.sqlite.prepare(`select s.duration, a.duration as action from user_sessions s join user_actions a on a.session_pk = s.pk where user_session_id = 'range-s-negative'`).all()).toEqual([{ duration: -1, action: -2 }]);
    expect(negatives(sessions.body!.warnings)).toEqual(['UserAction.duration ×2', 'UserSession.duration ×2']);
  });

  it('through the CLI import: FILE:LINE: field: reason for each, the rest imported', async () => {
    const file = tmp.path('ranges.ndjson');
    writeFileSync(file, ndjson([...interleave(goodRecordings, badRecordings.map(([r]) => r)), ...interleave(goodSessions, badSessions.map(([s]) => s))]));
    const db = tmp.path('ranges.db');
    const r = await cli('import', ['--db', db, '--json', file]);
    expect(r.code, r.stderr).toBe(1);
    const { reports, other } = lineReports(r.stderr, file);
    expect(other).toEqual([]);
    const expected = [...badRecordings.map(([, m], i) => [2 * i + 2, m] as const), ...badSessions.map(([, m], i) => [2 * badRecordings.length + 2 * i + 2, m] as const)];
    expect([...reports.keys()]).toEqual(expected.map(([line]) => line));
    for (const [line, message] of expected) expect(reports.get(line)).toMatch(message);
    expect(JSON.parse(r.stdout)).toMatchObject({ recordings: badRecordings.length, userSessions: badSessions.length, rejected: badRecordings.length + badSessions.length });
  });
});

describe('two imports of one database at once', () => {
  /** `tsx src/cli/import.ts ARGS`, with its output readable while it runs. */
  function startImport(args: string[]) {
    const child = spawn(TSX, ['src/cli/import.ts', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const result: RunResult = { code: null, stdout: '', stderr: '' };
    child.stdout.setEncoding('utf8').on('data', (d: string) => (result.stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (result.stderr += d));
    const done = new Promise<RunResult>((resolve) => child.on('close', (code) => resolve({ ...result, code })));
    return { result, done, exited: () => child.exitCode !== null };
  }

  function sessionsFile(name: string, prefix: string, n: number): string {
    const file = tmp.path(name);
    writeFileSync(file, ndjson(Array.from({ length: n }, (_, i) => session(`${prefix}-${i}`, { userActions: [{ name: 'load', type: 'Load' }] }))));
    return file;
  }

  it('the second waits for the first (one line saying so), both complete, no stack', async () => {
    const db = tmp.path('concurrent.db');
    openStore(db).close();
    const a = sessionsFile('concurrent-a.ndjson', 'conc-a', 1000);
    const b = sessionsFile('concurrent-b.ndjson', 'conc-b', 1000);
    // Another process's write transaction holds the database while both imports start: each has to
    // wait for it (SQLite's own busy timeout, 5 s, is what used to end them with a stack).
    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE');
    const first = startImport(['--db', db, '--json', a]);
    const second = startImport(['--db', db, '--json', b]);
    const waiting = (p: typeof first) => p.result.stderr.includes('waiting for another process');
    try {
      await vi.waitUntil(() => (waiting(first) && waiting(second)) || first.exited() || second.exited(), { timeout: 60_000, interval: 50 });
    } finally {
      holder.exec('COMMIT');
      holder.close();
    }
    const results = await Promise.all([first.done, second.done]);
    results.forEach((r, i) => {
      const file = [a, b][i]!;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe(`${file}: waiting for another process writing to ${db} (up to 600 s)\n`);
      expect(JSON.parse(r.stdout)).toMatchObject({ userSessions: 1000, userActions: 1000, rejected: 0 });
    });
    const check = new Database(db, { readonly: true });
    try {
      const n = (sql: string) => (check.prepare(sql).get() as { n: number }).n;
      expect(n(`select count(*) as n from user_sessions where user_session_id like 'conc-a-%'`)).toBe(1000);
      expect(n(`select count(*) as n from user_sessions where user_session_id like 'conc-b-%'`)).toBe(1000);
      expect(n(`select count(*) as n from user_actions`)).toBe(2000);
    } finally {
      check.close();
    }
  });

  it('past --wait it fails with one clear line and exit status 1', async () => {
    const db = tmp.path('busy.db');
    openStore(db).close();
    const a = sessionsFile('busy.ndjson', 'busy', 10);
    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE');
    let r: RunResult;
    try {
      r = await cli('import', ['--db', db, '--wait', '0.2', a]);
    } finally {
      holder.exec('COMMIT');
      holder.close();
    }
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toEqual([
      `${a}: waiting for another process writing to ${db} (up to 0.2 s)`,
      `${a}: the database is busy: another process is writing to it (waited 0.2 s; see --wait); 0 records of this file stored before are kept, import stopped [STORE_BUSY]`,
    ]);
    expectNoLeak(r.stderr, 'busy import', [a, db]);
  });
});

describe('an HTTP ingest while another process writes', () => {
  it('with --read-workers 0 waits without holding the event loop (/health answers meanwhile), then stores the body', async () => {
    // Another connection (as another process would) holds the write transaction.
    const holder = new Database(store.path);
    holder.exec('BEGIN IMMEDIATE');
    const order: string[] = [];
    let health: Promise<void> | undefined;
    const exec = store.sqlite.exec.bind(store.sqlite);
    const spy = vi.spyOn(store.sqlite, 'exec').mockImplementation((source: string) => {
      try {
        return exec(source);
      } catch (e) {
        // The ingest found the database busy: ask /health now, and let the other writer finish
        // once it has answered.
        if (!health && /SQLITE_BUSY/.test(String((e as { code?: string }).code))) {
          health = fetch(`${mainThread.base}/health`).then(async (r) => {
            expect(r.status).toBe(200);
            await r.text();
            order.push('health');
            holder.exec('COMMIT');
          });
        }
        throw e;
      }
    });
    try {
      const r = await post(DYNATRACE, ndjson([session('while-busy-1'), session('while-busy-2')]), mainThread);
      order.push('ingest');
      await health;
      expect(r.status, r.text.slice(0, 300)).toBe(200);
      expect(r.body).toMatchObject({ accepted: 2, rejected: 0 });
      expect(order).toEqual(['health', 'ingest']);
      expect(count('user_sessions', `user_session_id like 'while-busy-%'`)).toBe(2);
    } finally {
      spy.mockRestore();
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('on a read worker waits for the other writer while /health answers, then stores the body', async () => {
    const holder = new Database(store.path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const order: string[] = [];
      const ingest = post(DYNATRACE, ndjson([session('worker-busy-1'), session('worker-busy-2')])).then((r) => (order.push('ingest'), r));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const health = await fetch(`${app.base}/health/ready`);
      order.push('health');
      expect(health.status).toBe(200);
      holder.exec('COMMIT');
      const r = await ingest;
      expect(r.status, r.text.slice(0, 300)).toBe(200);
      expect(r.body).toMatchObject({ accepted: 2, rejected: 0 });
      expect(order).toEqual(['health', 'ingest']);
      expect(count('user_sessions', `user_session_id like 'worker-busy-%'`)).toBe(2);
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
    }
  });
});

describe('re-importing one session with thousands of actions', () => {
  /** One session of `n` actions; action i has a property holding i and a name from `tag`. */
  function bigSession(n: number, tag: string) {
    return session('big-reimport', {
      userActions: Array.from({ length: n }, (_, i) => ({
        name: `${tag}-${i}`,
        type: 'Load',
        duration: i,
        longProperties: [{ key: 'position', value: i }],
        stringProperties: [{ key: 'tag', value: tag }],
      })),
      events: Array.from({ length: 50 }, (_, i) => ({ type: 'PageChange', name: `${tag}-event-${i}` })),
    });
  }

  it('replaces the nested rows each time: counts, seq without gaps, properties on the right action', async () => {
    const db = tmp.path('reimport.db');
    const runs: [number, string][] = [
      [4000, 'first'],
      [4000, 'again'], // the same size: every row replaced
      [2500, 'shorter'], // fewer actions: the tail goes
    ];
    for (const [n, tag] of runs) {
      const file = tmp.path(`reimport-${tag}.ndjson`);
      writeFileSync(file, ndjson([bigSession(n, tag)]));
      const r = await cli('import', ['--db', db, '--json', file]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ userSessions: 1, userActions: n, rejected: 0 });

      const check = new Database(db, { readonly: true });
      try {
        const one = (sql: string) => check.prepare(sql).get() as Record<string, number>;
        expect(one(`select count(*) as n from user_sessions`).n).toBe(1);
        expect(one(`select count(*) as n, min(seq) as lo, max(seq) as hi, count(distinct seq) as distinctSeq from user_actions`)).toEqual({
          n,
          lo: 0,
          hi: n - 1,
          distinctSeq: n,
        });
        // Each action's name, duration and properties are those of its position in this import.
        expect(one(`select count(*) as n from user_actions where name != '${tag}-' || seq or duration != seq`).n).toBe(0);
        expect(one(`select count(*) as n from action_properties`).n).toBe(2 * n);
        expect(
          one(
            `select count(*) as n from action_properties p join user_actions a on a.pk = p.action_pk
             where (p.key = 'position' and p.long_value = a.seq) or (p.key = 'tag' and p.string_value = '${tag}')`,
          ).n,
        ).toBe(2 * n);
        expect(one(`select count(*) as n, min(seq) as lo, max(seq) as hi from user_events where name like '${tag}-event-%'`)).toEqual({ n: 50, lo: 0, hi: 49 });
        expect(one(`select count(*) as n from user_events`).n).toBe(50);
      } finally {
        check.close();
      }
    }
  });

  it('costs no more per action than the first import: the replace path is linear in the rows replaced', async () => {
    // The finding: re-importing one session of 361k actions never finished, because each action's
    // INSERT … RETURNING, run after the delete of the session's old actions, cost time growing
    // with the rows replaced (25k actions 26 s, 50k 150–300 s). With 40,000 actions that showed
    // as the median action insert of the re-import taking 7–10 times that of the first import
    // (the same inserts into an empty session); linear code keeps the two about equal (0.8–1.4).
    // Medians of per-statement times, measured in the same process moments apart, so a busy
    // machine moves both and single slow calls (the scheduler) do not count.
    const n = 40_000;
    const bigStore = openStore(tmp.path('reimport-scaling.db'));
    const timings: number[] = [];
    const wrapped = new WeakSet<object>();
    const prepare = bigStore.sqlite.prepare.bind(bigStore.sqlite);
    const spy = vi.spyOn(bigStore.sqlite, 'prepare').mockImplementation(((source: string) => {
      const statement = prepare(source);
      // The store caches statements by text: wrap each one once.
      if (/^insert into "user_actions"/i.test(source) && !wrapped.has(statement)) {
        wrapped.add(statement);
        for (const method of ['run', 'get'] as const) {
          const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
          (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
            const start = performance.now();
            try {
              return original(...args);
            } finally {
              timings.push(performance.now() - start);
            }
          };
        }
      }
      return statement;
    }) as typeof bigStore.sqlite.prepare);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
    const userActions = (tag: string) =>
      Array.from({ length: n }, (_, i) => ({ name: `${tag}-${i}`, type: 'Load', duration: i }));
    try {
      const medians: number[] = [];
      for (const tag of ['first', 'again']) {
        timings.length = 0;
        const summary = await ingest(bigStore, [{ line: 1, value: session('big-scaling', { userActions: userActions(tag) }) }]);
        expect(summary).toMatchObject({ accepted: 1, rejected: 0, userActions: n });
        expect(timings).toHaveLength(n);
        medians.push(median(timings));
      }
      const rows = bigStore.sqlite.prepare(`select count(*) as n, count(distinct seq) as seqs, min(name) as name from user_actions`).get();
      expect(rows).toEqual({ n, seqs: n, name: 'again-0' });
      const [first, again] = medians as [number, number];
      expect(again / first, `median action insert: first import ${first.toFixed(4)} ms, re-import ${again.toFixed(4)} ms`).toBeLessThan(3);
    } finally {
      spy.mockRestore();
      bigStore.close();
    }
  });
});
