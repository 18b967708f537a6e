/**
 * `npm run keys` and `npm start --auth` as a user runs them: real processes over a real SQLite
 * file. A key is printed once and never stored (only its SHA-256); `list` never shows a secret;
 * `revoke` makes the running server refuse the key; `--auth off` is refused off loopback.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createKey } from '../src/db/keys.js';
import { freePort, run, serveProcess as serve, TSX, useTempDir } from './helpers/cli.js';
import { expectNoLeak } from './helpers/security.js';
import { withStore } from './helpers/store.js';

const KEY = /^sgk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const tmp = useTempDir('sessiongraph-keys-');

const keys = (args: string[], env: NodeJS.ProcessEnv = {}) => run(TSX, ['src/cli/keys.ts', ...args], env);

/** Creates a key with the CLI and checks what it printed: exactly one line, the key. */
async function createWithCli(db: string, args: string[]): Promise<{ key: string; id: string; secret: string; stderr: string }> {
  const r = await keys(['create', '--db', db, ...args]);
  expect(r.code, r.stderr).toBe(0);
  const lines = r.stdout.split('\n');
  expect(lines, `stdout: ${JSON.stringify(r.stdout)}`).toHaveLength(2);
  expect(lines[1]).toBe('');
  const m = KEY.exec(lines[0]!);
  expect(m, `stdout: ${JSON.stringify(r.stdout)}`).not.toBeNull();
  // The secret goes to stdout only; stderr says which key was made, never the key.
  expect(r.stderr).toContain(m![1]!);
  expect(r.stderr).not.toContain(m![2]!);
  return { key: lines[0]!, id: m![1]!, secret: m![2]!, stderr: r.stderr };
}

/** Every byte the database holds on disk: the file and its WAL and shared-memory files. */
function databaseBytes(db: string): Buffer {
  return Buffer.concat([db, `${db}-wal`, `${db}-shm`, `${db}-journal`].filter(existsSync).map((f) => readFileSync(f)));
}

async function graphql(url: string, key: string | undefined, query: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

describe.concurrent('npm run keys', () => {
  it('create prints the key once; the database stores only its SHA-256; list never shows a secret', async () => {
    const db = tmp.path('keys.db');
    // One after the other: the first run creates and migrates the file.
    const alice = await createWithCli(db, ['--project', 'alpha', '--name', 'alice@example.com']);
    const reader = await createWithCli(db, ['--project', 'beta', '--read-only']);
    expect(alice.id).not.toBe(reader.id);
    expect(alice.secret).not.toBe(reader.secret);
    expect(reader.stderr).toMatch(/read-only/);

    // On disk: the hash, never the key or its secret (in any of the database's files).
    const bytes = databaseBytes(db);
    for (const { key, secret } of [alice, reader]) {
      expect(bytes.includes(Buffer.from(key))).toBe(false);
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from(secret.slice(0, 16)))).toBe(false);
    }
    const sqlite = new Database(db, { readonly: true });
    const rows = sqlite.prepare('select * from api_keys order by id').all() as Record<string, unknown>[];
    sqlite.close();
    expect(rows).toHaveLength(2);
    for (const { key, id } of [alice, reader]) {
      const row = rows.find((r) => r.id === id)!;
      expect(row.hash).toBe(createHash('sha256').update(key).digest('hex'));
      for (const value of Object.values(row)) expect(String(value)).not.toContain(key.slice(17));
    }
    expect(rows.find((r) => r.id === alice.id)).toMatchObject({ project: 'alpha', name: 'alice@example.com', read_only: 0, revoked_at: null });
    expect(rows.find((r) => r.id === reader.id)).toMatchObject({ project: 'beta', name: null, read_only: 1, revoked_at: null });

    // list: id, project, access and name, one line per key; never a secret or a hash.
    const [text, json] = await Promise.all([keys(['list', '--db', db]), keys(['list', '--db', db, '--json'])]);
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const line = (id: string) => lines.find((l) => l.startsWith(id)) ?? '';
    expect(line(alice.id)).toMatch(/\balpha\b/);
    expect(line(alice.id)).toMatch(/read-write/);
    expect(line(alice.id)).toMatch(/active/);
    expect(line(alice.id)).toContain('alice@example.com');
    expect(line(reader.id)).toMatch(/\bbeta\b/);
    expect(line(reader.id)).toMatch(/read-only/);
    expect(json.code, json.stderr).toBe(0);
    const listed = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(listed.map((k) => k.id).sort()).toEqual([alice.id, reader.id].sort());
    for (const k of listed) {
      expect(Object.keys(k).sort()).toEqual(['createdAt', 'id', 'name', 'project', 'readOnly', 'revokedAt']);
    }
    expect(listed.find((k) => k.id === reader.id)).toMatchObject({ project: 'beta', readOnly: true, name: null, revokedAt: null });
    for (const out of [text.stdout, text.stderr, json.stdout, json.stderr]) {
      for (const { secret, key } of [alice, reader]) {
        expect(out).not.toContain(secret);
        expect(out).not.toContain(createHash('sha256').update(key).digest('hex'));
      }
    }
  });

  it('create refuses without a project, printing no key', async () => {
    const r = await keys(['create', '--db', tmp.path('refuse.db')]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--project/);
  });
});

describe.concurrent('the server with keys from the CLI', () => {
  it('accepts a created key, refuses it with 401 once revoked, and keeps accepting the others', async () => {
    const db = tmp.path('serve.db');
    const alice = await createWithCli(db, ['--project', 'alpha', '--name', 'alice']);
    // A second key of the same project, made in-process (the CLI's own output is checked above).
    const bob = withStore(db, (store) => createKey(store, { project: 'alpha', name: 'bob' }));
    const port = await freePort();
    const server = serve(['--db', db, '--port', String(port), '--host', '127.0.0.1', '--auth', 'required']);
    const url = await server.ready;
    expect(url, server.stdout() + server.stderr()).toBe(`http://127.0.0.1:${port}/graphql`);
    expect(server.stdout()).toMatch(/auth: required/);

    const query = '{ recordings { totalCount } }';
    expect(await graphql(url!, alice.key, query), server.stderr()).toEqual({ status: 200, body: { data: { recordings: { totalCount: 0 } } } });
    expect((await graphql(url!, undefined, query)).status).toBe(401);

    const revoked = await keys(['revoke', '--db', db, alice.id]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toBe(`revoked ${alice.id}\n`);
    expect(revoked.stdout).not.toContain(alice.secret);

    const refused = await graphql(url!, alice.key, query);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }] });
    expectNoLeak(JSON.stringify(refused.body), 'revoked key');
    expect((await graphql(url!, bob.key, query)).status).toBe(200);

    // Revoking twice is an error, and says so; the key's row is marked revoked.
    const again = await keys(['revoke', '--db', db, alice.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`no active key with id ${alice.id}`));
    const row = withStore(db, (store) => store.sqlite.prepare('select revoked_at from api_keys where id = ?').get(alice.id)) as { revoked_at: number | null };
    expect(row.revoked_at).toBeGreaterThan(0);

    server.child.kill('SIGTERM');
    expect(await server.exited, server.output()).toBe(0);
  });
});

describe.concurrent('npm start --auth', () => {
  it('refuses --auth off on a non-loopback address (exit 2, with a message)', async () => {
    const db = tmp.path('public.db');
    const server = serve(['--db', db, '--port', String(await freePort()), '--host', '0.0.0.0', '--auth', 'off']);
    expect(await server.exited).toBe(2);
    expect(await server.ready).toBeNull();
    expect(server.stderr()).toMatch(/--auth off is only allowed on a loopback address, not 0\.0\.0\.0/);
    expect(server.stderr()).toMatch(/npm run keys -- create/);
    expect(server.stdout()).not.toMatch(/ready/);
    // It stopped before touching the database.
    expect(existsSync(db)).toBe(false);
  });

  it('on loopback, --auth off says so and serves without a key', async () => {
    const port = await freePort();
    const server = serve(['--db', tmp.path('loopback.db'), '--port', String(port), '--host', '127.0.0.1', '--auth', 'off']);
    const url = await server.ready;
    expect(url, server.stdout() + server.stderr()).toBe(`http://127.0.0.1:${port}/graphql`);
    expect(server.stdout()).toMatch(/^auth: off\b.*loopback/m);
    expect(await graphql(url!, undefined, '{ recordings { totalCount } }'), server.stderr()).toEqual({ status: 200, body: { data: { recordings: { totalCount: 0 } } } });
    server.child.kill('SIGTERM');
    expect(await server.exited, server.output()).toBe(0);
  });
});
