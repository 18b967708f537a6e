/**
 * Prepared write statements generated from the table definitions: every column bound by name,
 * and for upserts every non-key column refreshed from SQLite's `excluded` row. Upsert syntax is
 * dialect-specific, so it lives here and not in the import code.
 *
 * Drizzle builds the SQL; better-sqlite3 runs it directly with parameters encoded by each
 * column's own driver mapping. That keeps NULLs NULL (Drizzle's placeholder filling would encode
 * a null JSON value as the text 'null') and skips per-row query-builder work on the import path.
 */
import { getTableColumns, Param, Placeholder, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Statement } from 'better-sqlite3';
import type { Db } from './open.js';

type Insert<T extends SQLiteTable> = Omit<T['$inferInsert'], 'pk'>;
type Row = Record<string, unknown>;

/** The column's name in the database (the schema uses `casing: 'snake_case'`). */
export function columnName(column: SQLiteColumn): string {
  return column.keyAsName ? toSnakeCase(column.name) : column.name;
}

function placeholders(table: SQLiteTable): Record<string, Placeholder> {
  const columns = Object.keys(getTableColumns(table)).filter((key) => key !== 'pk');
  return Object.fromEntries(columns.map((key) => [key, sql.placeholder(key)]));
}

/** `SET column = excluded.column` for the columns that pass `include`. */
function fromExcluded(table: SQLiteTable, include: (key: string, column: SQLiteColumn) => boolean) {
  return Object.fromEntries(
    Object.entries(getTableColumns(table))
      .filter(([k, c]) => include(k, c))
      .map(([k, c]) => [k, sql.raw(`excluded."${columnName(c)}"`)]),
  );
}

interface Compiled {
  statement: Statement;
  bind(row: Row): unknown[];
}

function compile(db: Db, query: { toSQL(): { sql: string; params: unknown[] } }): Compiled {
  const { sql: text, params } = query.toSQL();
  const binders = params.map((p) => {
    if (!(p instanceof Param) || !(p.value instanceof Placeholder)) throw new Error('expected placeholders only');
    const name = p.value.name;
    const encoder = p.encoder as { mapToDriverValue(v: unknown): unknown } | undefined;
    return (row: Row) => {
      const v = row[name];
      if (v === undefined) throw new Error(`missing value for ${name}`);
      return v === null || !encoder ? v : encoder.mapToDriverValue(v);
    };
  });
  return { statement: db.$client.prepare(text), bind: (row) => binders.map((b) => b(row)) };
}

export interface InsertStatement<T extends SQLiteTable> {
  run(row: Insert<T>): void;
}

export interface UpsertStatement<T extends SQLiteTable> {
  /** Inserts or updates the row and answers its internal `pk`. */
  get(row: Insert<T>): number;
}

export function insertStatement<T extends SQLiteTable>(db: Db, table: T): InsertStatement<T> {
  const { statement, bind } = compile(db, db.insert(table).values(placeholders(table) as never));
  return { run: (row) => void statement.run(bind(row as Row)) };
}

/**
 * INSERT … ON CONFLICT (key) DO UPDATE SET every other column = excluded.column, answering the
 * pk of the inserted or updated row.
 */
export function upsertStatement<T extends SQLiteTable & { pk: SQLiteColumn }>(
  db: Db,
  table: T,
  key: SQLiteColumn[],
): UpsertStatement<T> {
  const set = fromExcluded(table, (k, c) => k !== 'pk' && !key.includes(c));
  const query = db
    .insert(table)
    .values(placeholders(table) as never)
    .onConflictDoUpdate({ target: key, set: set as never })
    .returning({ pk: table.pk });
  const { statement, bind } = compile(db, query);
  statement.pluck();
  return { get: (row) => statement.get(bind(row as Row)) as number };
}

/** INSERT … ON CONFLICT (key) DO UPDATE SET the given columns (a link that may move). */
export function relinkStatement<T extends SQLiteTable>(
  db: Db,
  table: T,
  key: SQLiteColumn[],
  moved: SQLiteColumn[],
): InsertStatement<T> {
  const set = fromExcluded(table, (_, c) => moved.includes(c));
  const query = db
    .insert(table)
    .values(placeholders(table) as never)
    .onConflictDoUpdate({ target: key, set: set as never });
  const { statement, bind } = compile(db, query);
  return { run: (row) => void statement.run(bind(row as Row)) };
}
