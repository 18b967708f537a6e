/**
 * The commands on routine mistakes, as a user meets them: real processes, each answering with
 * exactly one line on stderr that names the argument or file and why, exit status 2 for a usage
 * error and 1 for a failure, no stack unless --debug; read-only commands create nothing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { calendarDate, wholeNumber } from '../src/cli/errors.js';
import { databasePath, DEFAULT_DB, DEMO_DB } from '../src/config.js';
import { cli, freePort, ROOT, run, TSX, useTempDir, type RunResult } from './helpers/cli.js';
import { ADMIN_URL } from './helpers/pg.js';

const tmp = useTempDir('sessiongraph-cli-errors-');
const FIXTURE = 'test/fixtures/posthog-list.json';

/** The command ended with `code`, and stderr is exactly `line` (one line, no stack). */
function expectOneLine(r: RunResult, code: number, line: string) {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code, stderr: `${line}\n` });
  expect(r.stderr).not.toContain('    at ');
}

/** A file that is not a SQLite database, and its bytes (which the commands must leave alone). */
function notADatabase(name: string): { path: string; bytes: Buffer } {
  const path = tmp.path(name);
  writeFileSync(path, 'name,value\nthis is a CSV file, not SQLite\n');
  return { path, bytes: readFileSync(path) };
}

describe.concurrent('usage errors: one line from commander, exit 2', () => {
  it('seed --persons abc', async () => {
    const db = tmp.path('persons.db');
    expectOneLine(await cli('seed', ['--db', db, '--persons', 'abc']), 2, `error: option '--persons <n>' argument 'abc' is invalid. expected a positive integer`);
    expect(existsSync(db)).toBe(false);
  });

  it('seed --end 2026-13-45', async () => {
    const r = await cli('seed', ['--db', tmp.path('end.db'), '--end', '2026-13-45']);
    expectOneLine(r, 2, `error: option '--end <date>' argument '2026-13-45' is invalid. expected a calendar date YYYY-MM-DD`);
  });

  it('serve --port abc', async () => {
    expectOneLine(await cli('serve', ['--port', 'abc']), 2, `error: option '--port <n>' argument 'abc' is invalid. expected an integer from 1 to 65535`);
  });

  it('serve --read-workers -1 is refused', async () => {
    const r = await cli('serve', ['--read-workers', '-1']);
    expectOneLine(r, 2, `error: option '--read-workers <n>' argument '-1' is invalid. expected an integer from 0 to 256`);
  });

  it('serve --no-demo is an unknown option now', async () => {
    expectOneLine(await cli('serve', ['--no-demo']), 2, `error: unknown option '--no-demo' (Did you mean --demo?)`);
  });
});

describe.concurrent('failures: one line naming the file, exit 1', () => {
  it('import of a missing input file names it, before touching the database', async () => {
    const db = tmp.path('import-missing.db');
    const missing = tmp.path('no-such-export.json');
    const r = await cli('import', ['--db', db, FIXTURE, missing]);
    expectOneLine(r, 1, `${missing}: no such file`);
    expect(r.stdout).toBe('');
    expect(existsSync(db)).toBe(false);
  });

  it('import --db in a missing directory names the directory and does not create it', async () => {
    const db = tmp.path('no-such-dir/sub/x.db');
    expectOneLine(await cli('import', ['--db', db, FIXTURE]), 1, `${dirname(db)}: no such directory (for the database ${db}; create it first)`);
    expect(existsSync(tmp.path('no-such-dir'))).toBe(false);
  });

  it.each(['import', 'stats', 'serve'] as const)('%s --db with a file that is not a SQLite database', async (command) => {
    const file = notADatabase(`not-a-db-${command}.db`);
    const r = await cli(command, [...(command === 'import' ? [FIXTURE] : []), '--db', file.path, ...(command === 'serve' ? ['--port', String(await freePort())] : [])]);
    expectOneLine(r, 1, `${file.path}: not a SQLite database`);
    expect(readFileSync(file.path)).toEqual(file.bytes);
  });

  it.each([
    ['stats', 'stats', []],
    ['purge', 'purge', []],
    ['keys list', 'keys', ['list']],
  ] as const)('%s --db of a missing file says so and creates nothing', async (_, command, args) => {
    const db = tmp.path(`typo-${command}.db`);
    expectOneLine(await cli(command, [...args, '--db', db]), 1, `${db}: no such database file (check --db; this command does not create one)`);
    for (const f of [db, `${db}-wal`, `${db}-shm`, `${db}-journal`]) expect(existsSync(f)).toBe(false);
  });

  it('serve --db postgres://… with a wrong password: one line naming the database, the password hidden', async () => {
    const url = new URL(ADMIN_URL);
    url.username = 'sessiongraph_nobody';
    url.password = 's3cret';
    const r = await run(TSX, [join(ROOT, 'src/cli/serve.ts'), '--db', url.toString(), '--port', String(await freePort())], {}, tmp.path('.'));
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^postgres:\/\/sessiongraph_nobody:\*\*\*@[^ ]+: cannot open the PostgreSQL database \(.+\)\n$/);
    expect(r.stdout + r.stderr).not.toContain('s3cret');
    expect(existsSync(tmp.path('postgres:'))).toBe(false);
  });

  it('serve on a busy port: one line, not an unhandled error event', async () => {
    const port = await freePort();
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', resolve));
    try {
      const r = await cli('serve', ['--db', tmp.path('busy.db'), '--port', String(port), '--host', '127.0.0.1', '--read-workers', '0']);
      expectOneLine(r, 1, `port ${port} is in use (another process listens on 127.0.0.1:${port}; choose another with --port or PORT)`);
      expect(r.stdout).not.toMatch(/ready/);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('--debug adds the stack after the same line', async () => {
    const file = notADatabase('debug.db');
    const r = await cli('stats', ['--debug', '--db', file.path]);
    expect(r.code).toBe(1);
    const [first, ...rest] = r.stderr.split('\n');
    expect(first).toBe(`${file.path}: not a SQLite database`);
    expect(rest.join('\n')).toContain('    at ');
    expect(rest.join('\n')).toMatch(/caused by: SqliteError: file is not a database/);
  });
});

describe('argument parsers and database paths', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('whole numbers and calendar dates are strict', () => {
    const workers = wholeNumber(0, 256);
    expect(['0', '8', '256'].map(workers)).toEqual([0, 8, 256]);
    for (const bad of ['-1', '257', '1.5', '', 'abc', '1e3', '0x10']) expect(() => workers(bad), bad).toThrow('expected an integer from 0 to 256');
    expect(calendarDate('2026-11-01').toISOString()).toBe('2026-11-01T00:00:00.000Z');
    for (const bad of ['2026-13-45', '2026-02-30', '2026-1-1', '2026-11-01T00:00:00Z', 'today']) expect(() => calendarDate(bad), bad).toThrow('expected a calendar date YYYY-MM-DD');
  });

  it('--db, else SESSIONGRAPH_DB, else the default (the demo has its own); only ./data may be created', () => {
    vi.stubEnv('SESSIONGRAPH_DB', '');
    expect(databasePath(undefined)).toEqual({ path: DEFAULT_DB, builtIn: true });
    expect(databasePath(undefined, DEMO_DB)).toEqual({ path: './data/demo.db', builtIn: true });
    expect(databasePath('mine.db', DEMO_DB)).toEqual({ path: 'mine.db', builtIn: false });
    expect(databasePath('data/mine.db')).toEqual({ path: 'data/mine.db', builtIn: true });
    expect(databasePath('/nonexistent/dir/x.db')).toEqual({ path: '/nonexistent/dir/x.db', builtIn: false });
    vi.stubEnv('SESSIONGRAPH_DB', 'env.db');
    expect(databasePath(undefined, DEMO_DB)).toEqual({ path: 'env.db', builtIn: false });
    expect(databasePath('mine.db')).toEqual({ path: 'mine.db', builtIn: false });
  });
});
