/**
 * Where SQLite's SQL and PostgreSQL's differ, and only here. Queries are built once, from the one
 * description of the store (db/schema.ts), with Drizzle's builders; a fragment that must read
 * differently per store is made by `bothDialects` and becomes the right text when the statement
 * is rendered: SQLite's by default (Drizzle renders it inside its better-sqlite3 session),
 * PostgreSQL's inside `renderForPostgres` (db/pg/runner.ts). So graphql/ holds no `if (pg)`.
 *
 * What differs:
 *  - key lists bound as one JSON parameter (`json_each` / `jsonb_array_elements`, with a cast to
 *    the column's type on PostgreSQL);
 *  - index hints (`INDEXED BY`, and `+column` to keep SQLite off an index) PostgreSQL has no
 *    syntax for (its planner needs none for these shapes);
 *  - NULLs in ORDER BY: first ascending, last descending, as SQLite orders them (PostgreSQL's
 *    default is the reverse), so pages and cursors are the same on both;
 *  - exact median and percentile: SQLite's percentile extension, PostgreSQL's percentile_cont
 *    (both interpolate linearly between the two nearest values);
 *  - the calendar month of an epoch-ms instant, and the bucket of an instant in a time zone for
 *    values outside the range the zone's offsets were looked up for (db/buckets.ts);
 *  - text matching (db/text-match.ts): Unicode case folding (SQLite's sg_fold, PostgreSQL's ICU
 *    upper/lower), case-sensitive LIKE (SQLite's GLOB), regular expressions (RE2 on SQLite,
 *    PostgreSQL's `~` on a translation of the same pattern).
 */
import { sql, SQL, type SQLWrapper } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { likeToGlob, regexForPostgres } from './text-match.js';

export type DialectName = 'sqlite' | 'postgres';

let rendering: DialectName = 'sqlite';

/** A fragment written once per store, resolved when the statement around it is rendered. */
export function bothDialects(text: Record<DialectName, SQL>): SQL {
  const chunk: SQLWrapper & { shouldOmitSQLParens(): boolean } = {
    getSQL: () => text[rendering],
    shouldOmitSQLParens: () => true,
  };
  return new SQL([chunk]);
}

/**
 * Renders with PostgreSQL's fragments. Rendering is synchronous, so nothing else renders in
 * between: outside this call every fragment reads as SQLite's.
 */
export function renderForPostgres<T>(render: () => T): T {
  const before = rendering;
  rendering = 'postgres';
  try {
    return render();
  } finally {
    rendering = before;
  }
}

/** PostgreSQL's type for a column of the description (db/pg/schema.ts makes the same choice). */
export function postgresType(column: SQLiteColumn): string {
  switch (column.columnType) {
    case 'SQLiteInteger':
    case 'SQLiteTimestamp':
      return 'bigint';
    case 'SQLiteBoolean':
      return 'boolean';
    case 'SQLiteReal':
      return 'double precision';
    case 'SQLiteTextJson':
      return 'jsonb';
    default:
      return 'text';
  }
}

const isColumn = (c: SQLiteColumn | SQL): c is SQLiteColumn => !(c instanceof SQL);

/**
 * `column IN (the values of a JSON array)`: one parameter however many values, so the text stays
 * the same and SQLite's variable limit is never reached. A computed expression (no column type)
 * is compared as text on PostgreSQL.
 *
 * PostgreSQL gets `= any(array(…))`: the array is built once (an InitPlan) and the comparison is
 * an index condition, so a person's few distinct ids drive the join (0.4 ms). Written as
 * `in (select … from jsonb_array_elements(…))` the planner took the function's default estimate
 * of 100 rows and hashed every session of the project instead (7 ms on 2,000 sessions, growing
 * with the table).
 */
export function inJsonArray(column: SQLiteColumn | SQL, array: unknown): SQL {
  const pg = isColumn(column)
    ? sql`${column} = any(array(select (value #>> '{}')::${sql.raw(postgresType(column))} from jsonb_array_elements(${array}::jsonb)))`
    : sql`(${column})::text = any(array(select value #>> '{}' from jsonb_array_elements(${array}::jsonb)))`;
  return bothDialects({ sqlite: sql`${column} in (select value from json_each(${array}))`, postgres: pg });
}

/** `(a, b, c) IN` the rows of a JSON array of arrays (composite keys, e.g. a user session's). */
export function tuplesInJsonArray(columns: SQLiteColumn[], array: unknown): SQL {
  const list = sql.join(columns, sql`, `);
  const sqliteItems = sql.join(columns.map((_, i) => sql.raw(`value ->> ${i}`)), sql`, `);
  const pgItems = sql.join(columns.map((c, i) => sql.raw(`(value ->> ${i})::${postgresType(c)}`)), sql`, `);
  return bothDialects({
    sqlite: sql`(${list}) in (select ${sqliteItems} from json_each(${array}))`,
    postgres: sql`(${list}) in (select ${pgItems} from jsonb_array_elements(${array}::jsonb))`,
  });
}

/**
 * `column = value` that SQLite must not answer through an index leading with `column` (written
 * `+column`): the project check on children already found through their parents' keys.
 */
export function equalsWithoutIndex(column: SQLiteColumn, value: unknown): SQL {
  return bothDialects({ sqlite: sql`+${column} = ${value}`, postgres: sql`${column} = ${value}` });
}

/** A table read through one index (SQLite's INDEXED BY); PostgreSQL plans it itself. */
export function tableThroughIndex(table: SQLWrapper, index: string): SQL {
  return bothDialects({ sqlite: sql`${table} indexed by ${sql.identifier(index)}`, postgres: sql`${table}` });
}

/** One ORDER BY term, NULLs first ascending and last descending on both stores. */
export function orderTerm(expression: SQLiteColumn | SQL, direction: 'asc' | 'desc'): SQL {
  return direction === 'asc'
    ? bothDialects({ sqlite: sql`${expression} asc`, postgres: sql`${expression} asc nulls first` })
    : bothDialects({ sqlite: sql`${expression} desc`, postgres: sql`${expression} desc nulls last` });
}

/** The exact median (linear interpolation between the two middle values). */
export function medianOf(expression: SQLiteColumn | SQL): SQL {
  return bothDialects({ sqlite: sql`median(${expression})`, postgres: sql`percentile_cont(0.5) within group (order by ${expression})` });
}

/** The exact p-th percentile, p in [0, 100] (linear interpolation, as numpy's default). */
export function percentileOf(expression: SQLiteColumn | SQL, p: number): SQL {
  return bothDialects({
    sqlite: sql`percentile(${expression}, ${p})`,
    postgres: sql`percentile_cont(${sql.raw(String(p / 100))}) within group (order by ${expression})`,
  });
}

/**
 * `LIKE pattern` (with `\\` escaping) on the Unicode case folding of the text, the pattern
 * already folded (db/text-match.ts fold). Text that is all ASCII folds to its ASCII lower case,
 * which the store's own case-insensitive LIKE compares natively; only other text pays for the
 * folding function (SQLite's sg_fold; PostgreSQL's ICU upper then lower, the same mapping).
 */
export function foldedLike(expression: SQLiteColumn | SQL, foldedPattern: string): SQL {
  return bothDialects({
    sqlite: sql`(case when length(${expression}) = length(cast(${expression} as blob)) then ${expression} like ${foldedPattern} escape '\\' else sg_fold(${expression}) like ${foldedPattern} escape '\\' end)`,
    postgres: sql`(case when octet_length(${expression}) = length(${expression}) then ${expression} ilike ${foldedPattern} escape '\\' else lower(upper((${expression}) collate "und-x-icu")) like ${foldedPattern} escape '\\' end)`,
  });
}

/** `LIKE pattern`, case-sensitive (SQLite's LIKE ignores ASCII case: its GLOB, given the same pattern translated, does not). */
export function caseSensitiveLike(expression: SQLiteColumn | SQL, pattern: string): SQL {
  return bothDialects({
    sqlite: sql`${expression} glob ${likeToGlob(pattern)}`,
    postgres: sql`${expression} like ${pattern} escape '\\'`,
  });
}

/** The text matches the regular expression somewhere (checked by checkRegex first): RE2 on SQLite, PostgreSQL's `~` on its translation. */
export function regexMatch(expression: SQLiteColumn | SQL, pattern: string): SQL {
  return bothDialects({
    sqlite: sql`sg_regexp(${pattern}, ${expression})`,
    // Under ICU's root collation `(?i)` folds letters beyond ASCII whatever the database's locale.
    postgres: sql`(${expression}) collate "und-x-icu" ~ ${regexForPostgres(pattern)}`,
  });
}

/** The first millisecond (UTC) of the calendar month of an epoch-ms instant. */
export function monthStartMs(ms: SQL): SQL {
  return bothDialects({
    sqlite: sql`(unixepoch(strftime('%Y-%m-01', ${ms} / 1000.0, 'unixepoch')) * 1000)`,
    postgres: sql`(extract(epoch from date_trunc('month', to_timestamp(${ms} / 1000.0) at time zone 'UTC')) * 1000)::bigint`,
  });
}

/**
 * The start of the bucket of an epoch-ms instant in a time zone, computed per row: SQLite's
 * sg_bucket function (db/buckets.ts bucketStart, registered on each connection), PostgreSQL's
 * date_trunc in the zone. Used only for instants outside the range the zone's offsets were
 * looked up for (see zonedBucketSql).
 */
export function zonedBucketPerRow(ms: SQLiteColumn | SQL, interval: string, timeZone: string): SQL {
  return bothDialects({
    sqlite: sql`sg_bucket(${ms}, ${interval}, ${timeZone})`,
    postgres: sql`(extract(epoch from date_trunc(${interval}, to_timestamp(${ms} / 1000.0), ${timeZone})) * 1000)::bigint`,
  });
}

/**
 * A member of a JSON object column by its exact key (any characters: `$browser`, `a.b`), as the
 * JSON type it holds: its text when a string, its number, its boolean; null when absent or of
 * another type. SQLite reads it through json_each (its `->>` takes `$…` as a path), PostgreSQL
 * through `->`.
 */
export function jsonMember(column: SQLiteColumn, key: string, type: 'string' | 'number' | 'boolean'): SQL {
  const sqliteTypes = { string: "'text'", number: "'integer', 'real'", boolean: "'true', 'false'" }[type];
  const sqliteValue = type === 'boolean' ? sql.raw(`type = 'true'`) : sql.raw('value');
  const pgValue = { string: sql`(${column} ->> ${key})`, number: sql`(${column} ->> ${key})::double precision`, boolean: sql`(${column} ->> ${key})::boolean` }[type];
  return bothDialects({
    sqlite: sql`(select ${sqliteValue} from json_each(${column}) where key = ${key} and type in (${sql.raw(sqliteTypes)}))`,
    postgres: sql`(case when jsonb_typeof(${column} -> ${key}) = ${type} then ${pgValue} end)`,
  });
}

/** Whether a JSON object column has a member with this exact key (whatever its value, null included). */
export function jsonHasMember(column: SQLiteColumn, key: string): SQL {
  return bothDialects({
    sqlite: sql`exists (select 1 from json_each(${column}) where key = ${key})`,
    postgres: sql`coalesce(${column} ? ${key}, false)`,
  });
}
