/**
 * The PostgreSQL store's schema: generated from the same description as SQLite's, migrations
 * committed for both dialects and up to date, applied to a real PostgreSQL server (concurrently
 * by two gateways), and project isolation enforced a second time by row-level security: a
 * statement without its project guard sees only the project its transaction set.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as description from '../src/db/schema.js';
import { migratePg } from '../src/db/pg/migrate.js';
import { freshDatabase, type FreshDatabase } from './helpers/pg.js';

const ROOT = new URL('..', import.meta.url).pathname;
const TABLES = Object.values(description).filter((v) => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v) as Parameters<typeof getTableConfig>[0][];

describe('migrations of both dialects', () => {
  it.each([
    ['sqlite', 'src/db/schema.ts', 'drizzle/sqlite'],
    ['postgresql', 'src/db/pg/schema.ts', 'drizzle/pg'],
  ])('%s: drizzle-kit finds nothing to add to the committed migrations (%s → %s)', (dialect, schema, folder) => {
    const copy = mkdtempSync(join(tmpdir(), 'sessiongraph-migrations-'));
    try {
      cpSync(join(ROOT, folder), copy, { recursive: true });
      const before = readdirSync(copy).sort();
      // drizzle-kit prefixes `./` to --out: it must be relative (and it exits 0 on errors, hence the stdout check).
      const out = relative(ROOT, copy);
      const r = spawnSync(join(ROOT, 'node_modules/.bin/drizzle-kit'), ['generate', '--dialect', dialect, '--schema', schema, '--out', out, '--casing', 'snake_case'], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.status, r.stderr + r.stdout).toBe(0);
      expect(r.stdout).toMatch(/No schema changes/);
      expect(readdirSync(copy).sort()).toEqual(before);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('the PostgreSQL schema', () => {
  let db: FreshDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await freshDatabase();
    // Two gateways starting at once: one migrates, the other waits and finds nothing to do.
    await Promise.all([migratePg(db.url), migratePg(db.url)]);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('has every table and column of the description, with its nullability', async () => {
    const { rows } = await client.query<{ table_name: string; column_name: string; is_nullable: string; data_type: string }>(
      `select table_name, column_name, is_nullable, data_type from information_schema.columns where table_schema = 'public'`,
    );
    for (const table of TABLES) {
      const config = getTableConfig(table);
      const columns = rows.filter((r) => r.table_name === config.name);
      expect(columns.map((c) => c.column_name).sort(), config.name).toEqual(
        config.columns.map((c) => c.name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)).sort(),
      );
      for (const c of config.columns) {
        const found = columns.find((r) => r.column_name === c.name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`))!;
        expect(found.is_nullable, `${config.name}.${c.name}`).toBe(c.notNull ? 'NO' : 'YES');
      }
    }
    const secret = await client.query<{ n: number }>('select octet_length(secret) as n from cursor_secret');
    expect(secret.rows).toEqual([{ n: 32 }]);
  });

  it('row-level security: a statement without a project guard sees and writes only the project its transaction set', async () => {
    // The gateway's connection, logged in as a superuser, switches to the application role.
    const as = async (project: string | null, text: string, values: unknown[] = []) => {
      await client.query('begin');
      try {
        await client.query('set local role sessiongraph_app');
        if (project !== null) await client.query(`select set_config('sessiongraph.project', $1, true)`, [project]);
        const r = await client.query(text, values);
        await client.query('commit');
        return r;
      } catch (e) {
        await client.query('rollback');
        throw e;
      }
    };
    const insert = `insert into persons (project, id, uuid) values ($1, $2, $3)`;
    await as('alpha', insert, ['alpha', 1, 'a-1']);
    await as('alpha', insert, ['alpha', 2, 'a-2']);
    await as('beta', insert, ['beta', 1, 'b-1']);
    // Writing into another project than the transaction's is refused.
    await expect(as('alpha', insert, ['beta', 2, 'b-2'])).rejects.toThrow(/row-level security/);

    const unguarded = 'select uuid from persons order by uuid';
    expect((await as('alpha', unguarded)).rows.map((r) => r.uuid)).toEqual(['a-1', 'a-2']);
    expect((await as('beta', unguarded)).rows.map((r) => r.uuid)).toEqual(['b-1']);
    // No project set: nothing at all (fails closed).
    expect((await as(null, unguarded)).rows).toEqual([]);
    // Updates and deletes cannot reach another project's rows either.
    expect((await as('alpha', `update persons set name = 'x'`)).rowCount).toBe(2);
    expect((await as('alpha', 'delete from persons where uuid = $1', ['b-1'])).rowCount).toBe(0);
    // The superuser itself (no role switch) sees everything: why the gateway switches.
    expect((await client.query('select count(*)::int as n from persons')).rows[0].n).toBe(3);
  });

  it('API keys are readable before a project is known (the key names it)', async () => {
    await client.query(`insert into api_keys (project, id, hash, created_at) values ('beta', 'k1', 'h', 0)`);
    await client.query('begin');
    await client.query('set local role sessiongraph_app');
    const r = await client.query('select project from api_keys where id = $1', ['k1']);
    await client.query('commit');
    expect(r.rows).toEqual([{ project: 'beta' }]);
  });
});
