/**
 * The PostgreSQL import floor: the same NDJSON written into the same tables as the import
 * command, by the fastest path `pg` offers — COPY FROM STDIN (pg-copy-streams), one transaction
 * per batch, bound to the project by row-level security as the import is. What the real import
 * spends beyond this is its own overhead (validation, upserts, a round trip per statement).
 *
 * PostgreSQL refuses COPY FROM into a table under row-level security ("COPY FROM not supported
 * with row-level security"), and every table of the store is under it, forced. So each batch is
 * copied into temporary staging tables of the same columns (no policies there), then moved with
 * one INSERT … SELECT per table, which the policies check row by row as they check the import's.
 *
 * Children reference their parents' pks, assigned here from each table's identity sequence (one
 * nextval per row, all tables in one round trip per batch; the application role may call nextval
 * but not setval), so no row needs a round trip of its own.
 *
 * Run as a child process, like bench/import-floor.ts and the import command:
 *   node --import tsx bench/import-floor-pg.ts --db postgres://… --json FILE   → prints {"userSessions":…}
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { beginInProject, connectPg } from '../src/db/pg/connect.js';
import { migratePg } from '../src/db/pg/migrate.js';
import { ACTION, BATCH, ERROR, EVENT, floorCounts, PERSON, PROPERTY, RECORDING, SESSION, snake, writeRecord, type FloorSink, type Json } from './import-floor-rows.js';

const P = 'default';

/** One table's rows of the current batch, as COPY text (everything but the pks, known at the end). */
interface Staged {
  name: string;
  /** Columns after `pk` (when `ownPk`) and the parent's pk column. */
  columns: string[];
  /** Its pks are referenced by children: assigned here. Otherwise the identity default gives them. */
  ownPk: boolean;
  parent?: { table: Staged; column: string };
  /** When the real table may already hold the row: PostgreSQL's spelling of the SQLite floor's INSERT OR IGNORE. */
  onConflict?: string;
  rows: string[];
  /** Per row, the index of its parent row in the parent's `rows`. */
  parentRows: number[];
}

function staged(name: string, columns: string[], options: Partial<Pick<Staged, 'ownPk' | 'parent' | 'onConflict'>> = {}): Staged {
  return { name, columns: ['project', ...columns], ownPk: false, ...options, rows: [], parentRows: [] };
}

/** Adds a row; its index stands for its pk until the batch's pks are known. */
function add(table: Staged, parentRow: number | null, cells: string[]): number {
  table.rows.push(`${P}\t${cells.join('\t')}`);
  if (parentRow !== null) table.parentRows.push(parentRow);
  return table.rows.length - 1;
}

/** Every column the staging table and the real table's INSERT name. */
const allColumns = (t: Staged) => [...(t.ownPk ? ['pk'] : []), ...(t.parent ? [t.parent.column] : []), ...t.columns];
const stage = (t: Staged) => `floor_${t.name}`;

/** The floor's tables, parents before children (the order they are written in, for the foreign keys). */
function floorTables() {
  const persons = staged('persons', PERSON, { ownPk: true });
  const distinctIds = staged('person_distinct_ids', ['distinct_id'], { parent: { table: persons, column: 'person_pk' }, onConflict: 'on conflict do nothing' });
  const recordings = staged('recordings', RECORDING, { ownPk: true });
  const viewers = staged('recording_viewers', ['viewer'], { parent: { table: recordings, column: 'recording_pk' } });
  const sessions = staged('user_sessions', SESSION.map(snake), { ownPk: true });
  const ofSession = { table: sessions, column: 'session_pk' };
  const actions = staged('user_actions', ['seq', ...ACTION.map(snake)], { ownPk: true, parent: ofSession });
  const actionProperties = staged('action_properties', PROPERTY, { parent: { table: actions, column: 'action_pk' } });
  const events = staged('user_events', ['seq', ...EVENT.map(snake)], { parent: ofSession });
  const errors = staged('user_errors', ['seq', ...ERROR.map(snake)], { parent: ofSession });
  const sessionProperties = staged('session_properties', PROPERTY, { parent: ofSession });
  const sink: FloorSink<number, string> = {
    cell: copyCell,
    session: (values) => add(sessions, null, values),
    action: (sessionRow, seq, values) => add(actions, sessionRow, [String(seq), ...values]),
    event: (sessionRow, seq, values) => void add(events, sessionRow, [String(seq), ...values]),
    error: (sessionRow, seq, values) => void add(errors, sessionRow, [String(seq), ...values]),
    sessionProperty: (sessionRow, values) => void add(sessionProperties, sessionRow, values),
    actionProperty: (actionRow, values) => void add(actionProperties, actionRow, values),
    recording: (values) => add(recordings, null, values),
    viewer: (recordingRow, viewer) => void add(viewers, recordingRow, [viewer]),
    person: (values) => add(persons, null, values),
    distinctId: (personRow, id) => void add(distinctIds, personRow, [id]),
  };
  return { sink, tables: [persons, distinctIds, recordings, viewers, sessions, actions, actionProperties, events, errors, sessionProperties] };
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * A value in COPY's text format: \N for null, t/f for booleans, lists and objects as JSON text
 * (what jsonb parses; also what the SQLite floor stores), and backslash, tab, newline and carriage
 * return escaped in any text, JSON included (its own escapes are backslashes).
 */
function copyCell(v: unknown): string {
  if (v === undefined || v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : text;
}

/** Pks for every row of the tables that assign their own: one round trip, nextval per row. */
async function reservePks(client: pg.ClientBase, tables: Staged[]): Promise<Map<Staged, string[]>> {
  const owning = tables.filter((t) => t.ownPk);
  const lists = owning.map((t, i) => `array(select nextval(pg_get_serial_sequence('${t.name}', 'pk'))::text from generate_series(1, $${i + 1}::int))`);
  const { rows } = await client.query<string[][]>({ text: `select ${lists.join(', ')}`, values: owning.map((t) => t.rows.length), rowMode: 'array' });
  return new Map(owning.map((t, i) => [t, rows[0]![i]!]));
}

/** A table's rows as COPY text, pks filled in, in chunks of about 64 KiB. */
function* copyText(t: Staged, pks: Map<Staged, string[]>): Generator<string> {
  const own = pks.get(t);
  const parents = t.parent && pks.get(t.parent.table)!;
  let chunk = '';
  for (let i = 0; i < t.rows.length; i++) {
    chunk += `${own ? `${own[i]}\t` : ''}${parents ? `${parents[t.parentRows[i]!]}\t` : ''}${t.rows[i]}\n`;
    if (chunk.length >= 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Staging tables of the same column types, emptied at every commit. */
async function createStaging(client: pg.ClientBase, tables: Staged[]): Promise<void> {
  const create = (t: Staged) => `create temp table ${stage(t)} on commit delete rows as select ${allColumns(t).join(', ')} from ${t.name} with no data`;
  await client.query(tables.map(create).join(';\n'));
}

/** One batch, one transaction of the project: pks, a COPY per table, then one INSERT … SELECT per table. */
async function writeBatch(client: pg.ClientBase, tables: Staged[]): Promise<void> {
  const filled = tables.filter((t) => t.rows.length > 0);
  await beginInProject(client, P);
  try {
    const pks = await reservePks(client, tables);
    for (const t of filled) {
      await pipeline(Readable.from(copyText(t, pks)), client.query(copyFrom(`copy ${stage(t)} (${allColumns(t).join(', ')}) from stdin`)));
    }
    // One round trip for the moves (a simple-protocol batch), parents first for the foreign keys.
    const move = (t: Staged) => `insert into ${t.name} (${allColumns(t).join(', ')}) select ${allColumns(t).join(', ')} from ${stage(t)} ${t.onConflict ?? ''}`;
    await client.query(filled.map(move).join(';\n'));
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  }
  for (const t of tables) {
    t.rows = [];
    t.parentRows = [];
  }
}

export async function importFloorPg(url: string, file: string) {
  // The same schema as the real store, migrated as the import command migrates it.
  await migratePg(url);
  // The import command's pool (one connection): a superuser login becomes the application role,
  // so row-level security binds the floor as it binds the import.
  const store = connectPg(url, { poolSize: 1 });
  const client = await store.pool.connect();
  try {
    const { sink, tables } = floorTables();
    await createStaging(client, tables);
    const counts = floorCounts();
    const lines = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
    let pending = 0;
    for await (const line of lines) {
      if (!line) continue;
      writeRecord(JSON.parse(line) as Json, sink, counts);
      if (++pending >= BATCH) {
        await writeBatch(client, tables);
        pending = 0;
      }
    }
    if (pending > 0) await writeBatch(client, tables);
    return counts;
  } finally {
    client.release();
    await store.close();
  }
}

// CLI entry: only when run directly, so run.ts could also import the function.
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    const v = i >= 0 ? process.argv[i + 1] : undefined;
    if (!v) throw new Error(`usage: import-floor-pg.ts --db URL --json FILE (missing ${name})`);
    return v;
  };
  const counts = await importFloorPg(arg('--db'), arg('--json'));
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}
