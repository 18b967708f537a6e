/**
 * Copying a SQLite store into an empty PostgreSQL one, row for row (internal row ids included, so
 * cursors' order and every reference stay as they were): how a team that outgrows the file moves
 * to PostgreSQL, and how the test suites get the same data on both stores.
 */
import { getTableName, is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import type { Store } from '../open.js';
import * as description from '../schema.js';
import type { PgStore } from './connect.js';

/** Every table of the description, parents before children (the order the description declares them). */
const TABLES = (Object.values(description) as unknown[]).filter((v): v is SQLiteTable => is(v, SQLiteTable));

/** PostgreSQL takes at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 60_000;

export interface CopyReport {
  /** Rows copied per table. */
  rows: Record<string, number>;
}

/** Thrown when a project being copied already has rows in the target: nothing was written. */
export class TargetNotEmpty extends Error {}

export async function copySqliteToPg(from: Store, to: PgStore): Promise<CopyReport> {
  await checkEmpty(from, to);
  const report: CopyReport = { rows: {} };
  const lastIds: [string, number][] = [];
  // One transaction: a copy that fails half-way leaves the target as it was.
  const client = await to.pool.connect();
  try {
    await client.query('begin');
    for (const table of parentsFirst(TABLES)) {
      const name = getTableName(table);
      // The database's own column names (the description's keys are spelt snake_case there, the same on both stores).
      const select = from.sqlite.prepare(`select * from "${name}"`).raw();
      const columns = select.columns().map((c) => c.name);
      const rows = select.all() as unknown[][];
      report.rows[name] = rows.length;
      const projectAt = columns.indexOf('project');
      // Row-level security admits a row only under its own project: rows are written project by project.
      const byProject = new Map<string, unknown[][]>();
      for (const row of rows) {
        const project = String(row[projectAt]);
        let list = byProject.get(project);
        if (!list) byProject.set(project, (list = []));
        list.push(row);
      }
      const perBatch = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
      for (const [project, list] of byProject) {
        await client.query(`select set_config('sessiongraph.project', $1, true)`, [project]);
        for (let i = 0; i < list.length; i += perBatch) {
          const batch = list.slice(i, i + perBatch);
          const values = batch.map((_, r) => `(${columns.map((_c, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
          await client.query(`insert into "${name}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${values.join(', ')}`, batch.flat());
        }
      }
      if (rows.length && columns.includes('pk')) lastIds.push([name, Number(from.sqlite.prepare(`select max(pk) from "${name}"`).pluck().get())]);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  // New rows take ids after the copied ones, set as the login itself (the pool's connections act as
  // the application role, which may not set sequences; the largest ids are known from the source).
  const owner = new pg.Client({ connectionString: to.url });
  await owner.connect();
  try {
    for (const [name, last] of lastIds) await owner.query(`select setval(pg_get_serial_sequence($1, 'pk'), $2)`, [`"${name}"`, last]);
  } finally {
    await owner.end();
  }
  return report;
}

/** Tables ordered so that every table comes after those its foreign keys point to. */
function parentsFirst(tables: SQLiteTable[]): SQLiteTable[] {
  const ordered: SQLiteTable[] = [];
  const visit = (table: SQLiteTable) => {
    if (ordered.includes(table)) return;
    for (const fk of getTableConfig(table).foreignKeys) {
      const parent = fk.reference().foreignTable;
      if (parent !== table) visit(parent);
    }
    ordered.push(table);
  };
  tables.forEach(visit);
  return ordered;
}

/** The target holds no row of any project being copied (row-level security shows a project only its own rows). */
async function checkEmpty(from: Store, to: PgStore): Promise<void> {
  const projects = new Set<string>();
  for (const table of TABLES) {
    for (const p of from.sqlite.prepare(`select distinct project from "${getTableName(table)}"`).pluck().all() as string[]) projects.add(p);
  }
  for (const project of projects) {
    const taken = await to.inProject(project, async (_db, client) => {
      for (const table of TABLES) {
        const name = getTableName(table);
        const { rows } = await client.query(`select exists (select 1 from "${name}" where project = $1) as taken`, [project]);
        if (rows[0]?.taken) return name;
      }
      return null;
    });
    if (taken) throw new TargetNotEmpty(`the PostgreSQL database already holds rows of project "${project}" (in ${taken}): copy into an empty database`);
  }
}
