/**
 * Prepared write statements generated from the table definitions: every column bound by name,
 * and for upserts every non-key column refreshed from the `excluded` row (the same syntax on
 * SQLite and PostgreSQL).
 *
 * Drizzle builds the SQL (in the dialect of the `db` it is given); the connection runs it
 * directly with parameters encoded by each column's own driver mapping. That keeps NULLs NULL
 * (Drizzle's placeholder filling would encode a null JSON value as the text 'null') and skips
 * per-row query-builder work on the import path. A `Connection` runs a statement text: SQLite's
 * at once, PostgreSQL's as a named prepared statement on the import's transaction client.
 */
import { getTableColumns, getTableName, Param, Placeholder, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './open.js';
import { pgTypeOf } from './pg/schema.js';

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

/** A statement text prepared on a connection: run it, read the first column of its first row, or all its rows. */
export interface Prepared {
  run(params: unknown[]): void | Promise<void>;
  value(params: unknown[]): unknown;
  rows?(params: unknown[]): Promise<unknown[][]>;
}

/** Where write statements run: a SQLite connection or a PostgreSQL transaction's client. */
export interface Connection {
  dialect: 'sqlite' | 'postgres';
  prepare(text: string): Prepared;
}

/** SQLite: better-sqlite3 statements, run synchronously. */
export function sqliteConnection(db: Db): Connection {
  return {
    dialect: 'sqlite',
    prepare(text) {
      const statement = db.$client.prepare(text);
      if (statement.reader) statement.pluck();
      return { run: (params) => void statement.run(params), value: (params) => statement.get(params) };
    },
  };
}

interface Compiled {
  statement: Prepared;
  bind(row: Row): unknown[];
}

function compile(db: Db, on: Connection, query: { toSQL(): { sql: string; params: unknown[] } }): Compiled {
  const { sql: text, params } = query.toSQL();
  const binders = params.map((p) => {
    // A column's placeholder comes wrapped with the column's encoder; a bare one (a WHERE value) without.
    const placeholder = p instanceof Param ? p.value : p;
    if (!(placeholder instanceof Placeholder)) throw new Error('expected placeholders only');
    const name = placeholder.name;
    const encoder = (p instanceof Param ? p.encoder : undefined) as { mapToDriverValue(v: unknown): unknown } | undefined;
    return (row: Row) => {
      const v = row[name];
      if (v === undefined) throw new Error(`missing value for ${name}`);
      return v === null || !encoder ? v : encoder.mapToDriverValue(v);
    };
  });
  return { statement: on.prepare(text), bind: (row) => binders.map((b) => b(row)) };
}

export interface InsertStatement<T extends SQLiteTable> {
  run(row: Insert<T>): void | Promise<void>;
}

/** Inserts many rows of a table (a session's actions, events, properties); answers their pks in order when asked to. */
export interface InsertManyStatement<T extends SQLiteTable> {
  many(rows: Insert<T>[]): number[] | Promise<number[]>;
}

/** PostgreSQL takes at most 65,535 parameters per statement; a chunk stays well below. */
const MAX_PARAMETERS_PER_STATEMENT = 30_000;
const MAX_ROWS_PER_STATEMENT = 1_000;

/**
 * INSERT of many rows. SQLite runs its one-row statement per row (prepared, in-process: nothing
 * faster). PostgreSQL gets multi-row INSERTs (one round trip per chunk of rows instead of per
 * row); with `withPk`, RETURNING pk and the row's position, put back in input order.
 */
export function insertManyStatement<T extends SQLiteTable & { pk: SQLiteColumn }>(db: Db, on: Connection, table: T, withPk: boolean): InsertManyStatement<T> {
  if (on.dialect === 'sqlite') {
    if (withPk) {
      const insert = insertWithPkStatement(db, on, table);
      return { many: (rows) => rows.map((row) => insert.get(row) as number) };
    }
    const insert = insertStatement(db, on, table);
    return {
      many: (rows) => {
        for (const row of rows) void insert.run(row);
        return [];
      },
    };
  }
  const single = db.insert(table).values(placeholders(table) as never);
  const { sql: text, params } = (withPk ? single.returning({ pk: table.pk }) : single).toSQL();
  const { bind } = compile(db, { dialect: 'postgres', prepare: () => ({ run: () => {}, value: () => undefined }) }, { toSQL: () => ({ sql: text, params }) });
  const parts = /^(.* values )(\([^()]*\))( returning .*)?$/s.exec(text);
  if (!parts) throw new Error(`insertManyStatement: unexpected INSERT text for ${text.slice(0, 60)}…`);
  const [, head, tuple, returning = ''] = parts;
  const perRow = params.length;
  const chunk = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS_PER_STATEMENT / Math.max(1, perRow))));
  // One text per row count (made once: a session's children come in a few counts).
  const texts = new Map<number, string>();
  const textFor = (n: number) => {
    let text = texts.get(n);
    if (text === undefined) {
      text = head + Array.from({ length: n }, (_, i) => tuple!.replace(/\$(\d+)/g, (_m, k: string) => `$${Number(k) + i * perRow}`)).join(', ') + returning;
      texts.set(n, text);
    }
    return text;
  };
  return {
    async many(rows) {
      const pks: number[] = [];
      for (let at = 0; at < rows.length; at += chunk) {
        const part = rows.slice(at, at + chunk);
        const statement = on.prepare(textFor(part.length));
        const values = part.flatMap((row) => bind(row as Row));
        // PostgreSQL returns the rows of a multi-row VALUES in its order.
        if (withPk) for (const [pk] of await statement.rows!(values)) pks.push(pk as number);
        else await statement.run(values);
      }
      return pks;
    },
  };
}

/**
 * INSERT (or upsert) of any number of rows in one statement whose text never changes: each
 * column's values go as one array parameter, `insert into t (…) select * from unnest($1::type[],
 * …)` (PostgreSQL only). One text per table whatever the row count, so one named prepared
 * statement (multi-row VALUES would need a text, and a server-side statement, per row count),
 * and no limit on parameters (one per column). The statement is Drizzle's single-row INSERT of the
 * table (with `upsertOn`, its ON CONFLICT (key) DO UPDATE of every other column) whose VALUES
 * tuple is replaced by the arrays, each cast to the column's PostgreSQL type.
 *
 * With `key`, it answers the rows' pks in input order, matched by the key columns it returns (not
 * by the order PostgreSQL happens to return them in): the rows must be unique on `key`.
 */
export function insertRowsStatement<T extends SQLiteTable & { pk: SQLiteColumn }>(
  db: Db,
  on: Connection,
  table: T,
  options: { key?: SQLiteColumn[]; upsertOn?: SQLiteColumn[] } = {},
): InsertManyStatement<T> {
  if (on.dialect !== 'postgres') throw new Error('insertRowsStatement: PostgreSQL only');
  const { key, upsertOn } = options;
  let query = db.insert(table).values(placeholders(table) as never) as unknown as {
    onConflictDoUpdate(config: unknown): typeof query;
    returning(fields: unknown): typeof query;
    toSQL(): { sql: string; params: unknown[] };
  };
  if (upsertOn) query = query.onConflictDoUpdate({ target: upsertOn, set: fromExcluded(table, (k, c) => k !== 'pk' && !upsertOn.includes(c)) });
  const columns = getTableColumns(table);
  const keyOf = (c: SQLiteColumn) => Object.keys(columns).find((k) => columns[k] === c)!;
  if (key) query = query.returning({ pk: table.pk, ...Object.fromEntries(key.map((c) => [keyOf(c), c])) });
  const { sql: single, params } = query.toSQL();
  const parts = /^(insert into \S+ )\(([^()]*)\) values \(([^()]*)\)(.*)$/s.exec(single);
  const names = parts?.[2]!.split(', ') ?? [];
  const items = parts?.[3]!.split(', ') ?? [];
  // The columns given a value (the pk is left to its identity default: `default` in the tuple).
  const given = names.filter((_, i) => items[i] !== 'default');
  const tuple = items.filter((item) => item !== 'default');
  if (!parts || names.length !== items.length || tuple.join(', ') !== params.map((_, i) => `$${i + 1}`).join(', ')) {
    throw new Error(`insertRowsStatement: unexpected INSERT text for ${single.slice(0, 60)}…`);
  }
  const binders = params.map((p) => {
    const placeholder = (p instanceof Param ? p.value : p) as Placeholder;
    const encoder = (p instanceof Param ? p.encoder : undefined) as { mapToDriverValue(v: unknown): unknown } | undefined;
    return { name: placeholder.name as string, encoder };
  });
  const arrays = binders.map(({ name }, i) => `$${i + 1}::${pgTypeOf(table, name)}[]`).join(', ');
  const statement = on.prepare(`${parts[1]}(${given.join(', ')}) select * from unnest(${arrays})${parts[4]}`);
  // Where each key column's values are among the parameters.
  const keyAt = (key ?? []).map((c) => binders.findIndex((b) => b.name === keyOf(c)));
  return {
    async many(rows) {
      if (rows.length === 0) return [];
      const values = binders.map(({ name, encoder }) =>
        rows.map((row) => {
          const v = (row as Row)[name];
          if (v === undefined) throw new Error(`missing value for ${name}`);
          return v === null || !encoder ? v : encoder.mapToDriverValue(v);
        }),
      );
      if (!key) {
        await statement.run(values);
        return [];
      }
      const pkOf = new Map<string, number>();
      for (const [pk, ...returned] of await statement.rows!(values)) pkOf.set(JSON.stringify(returned), pk as number);
      return rows.map((_, i) => {
        const pk = pkOf.get(JSON.stringify(keyAt.map((at) => values[at]![i])));
        if (pk === undefined) throw new Error(`insertRowsStatement: no row of ${getTableName(table)} came back for a key`);
        return pk;
      });
    },
  };
}

export interface UpsertStatement<T extends SQLiteTable> {
  /** Inserts or updates the row and answers its internal `pk`. */
  get(row: Insert<T>): number | Promise<number>;
}

export function insertStatement<T extends SQLiteTable>(db: Db, on: Connection, table: T): InsertStatement<T> {
  const { statement, bind } = compile(db, on, db.insert(table).values(placeholders(table) as never));
  return { run: (row) => statement.run(bind(row as Row)) };
}

/**
 * A plain INSERT answering the new row's pk. On SQLite the pk is read back with
 * last_insert_rowid(): INSERT … RETURNING inside a record's savepoint, after the delete of a big
 * session's old actions, cost time growing with the rows already replaced (a re-import of 50,000
 * actions took minutes, one of 361,000 never finished). PostgreSQL answers RETURNING directly.
 */
export function insertWithPkStatement<T extends SQLiteTable & { pk: SQLiteColumn }>(db: Db, on: Connection, table: T): UpsertStatement<T> {
  if (on.dialect === 'postgres') {
    const { statement, bind } = compile(db, on, db.insert(table).values(placeholders(table) as never).returning({ pk: table.pk }));
    return { get: (row) => statement.value(bind(row as Row)) as Promise<number> };
  }
  const insert = insertStatement(db, on, table);
  const lastRowid = on.prepare('select last_insert_rowid()');
  return {
    get: (row) => {
      void insert.run(row);
      return lastRowid.value([]) as number;
    },
  };
}

/** A read of one value for the row's placeholders (null when there is no row). */
export function valueStatement(db: Db, on: Connection, query: { toSQL(): { sql: string; params: unknown[] } }): { get(row: Row): unknown } {
  const { statement, bind } = compile(db, on, query);
  return { get: (row) => statement.value(bind(row)) };
}

/**
 * Several DELETEs run for the same placeholders (a session's children of every table). SQLite runs
 * them one after the other (in-process: nothing to save); PostgreSQL gets them as one statement,
 * each a data-modifying CTE, so that one round trip clears them all.
 */
export function deleteAllStatement(db: Db, on: Connection, queries: { toSQL(): { sql: string; params: unknown[] } }[]): { run(row: Row): void | Promise<void> } {
  if (on.dialect === 'sqlite') {
    const each = queries.map((q) => runStatement(db, on, q));
    return { run: (row) => each.forEach((statement) => void statement.run(row)) };
  }
  const compiled = queries.map((q) => q.toSQL());
  // Each text numbers its parameters $1…$k in the same order: one parameter list serves them all.
  const names = (params: unknown[]) => params.map((p) => ((p instanceof Param ? p.value : p) as Placeholder).name).join(',');
  if (compiled.some((c) => names(c.params) !== names(compiled[0]!.params))) throw new Error('deleteAllStatement: the deletes must take the same placeholders');
  const ctes = compiled.slice(0, -1).map((c, i) => `d${i} as (${c.sql})`);
  const text = `with ${ctes.join(', ')} ${compiled.at(-1)!.sql}`;
  return runStatement(db, on, { toSQL: () => ({ sql: text, params: compiled[0]!.params }) });
}

/** A statement run for the row's placeholders (an UPDATE or DELETE). */
export function runStatement(db: Db, on: Connection, query: { toSQL(): { sql: string; params: unknown[] } }): { run(row: Row): void | Promise<void> } {
  const { statement, bind } = compile(db, on, query);
  return { run: (row) => statement.run(bind(row)) };
}

export function upsertStatement<T extends SQLiteTable & { pk: SQLiteColumn }>(
  db: Db,
  on: Connection,
  table: T,
  key: SQLiteColumn[],
): UpsertStatement<T> {
  const set = fromExcluded(table, (k, c) => k !== 'pk' && !key.includes(c));
  const query = db
    .insert(table)
    .values(placeholders(table) as never)
    .onConflictDoUpdate({ target: key, set: set as never })
    .returning({ pk: table.pk });
  const { statement, bind } = compile(db, on, query);
  return { get: (row) => statement.value(bind(row as Row)) as number | Promise<number> };
}

/** INSERT … ON CONFLICT (key) DO UPDATE SET the given columns (a link that may move). */
export function relinkStatement<T extends SQLiteTable>(
  db: Db,
  on: Connection,
  table: T,
  key: SQLiteColumn[],
  moved: SQLiteColumn[],
): InsertStatement<T> {
  const set = fromExcluded(table, (_, c) => moved.includes(c));
  const query = db
    .insert(table)
    .values(placeholders(table) as never)
    .onConflictDoUpdate({ target: key, set: set as never });
  const { statement, bind } = compile(db, on, query);
  return { run: (row) => statement.run(bind(row as Row)) };
}
