/**
 * The import floor: the same NDJSON written into the same schema by the plainest code that can
 * do it — JSON.parse per line, no validation, hand-written INSERTs through prepared better-sqlite3
 * statements, one transaction per batch. Whatever the real import spends beyond this is its own
 * overhead (validation, upserts, re-import cleanup), not SQLite's index maintenance.
 *
 * Run as a child process (like the real import) so both are timed the same way, startup
 * included, and neither shares a heap with the orchestrator:
 *   node --import tsx bench/import-floor.ts --db DB --json FILE   → prints {"userSessions":…}
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { openStore } from '../src/db/open.js';
import { FILE_IMPORT } from '../src/ingest/files.js';
import { ACTION, BATCH, ERROR, EVENT, floorCounts, RECORDING, SESSION, snake, writeRecord, type FloorSink, type Json } from './import-floor-rows.js';

/** SQLite binds numbers, strings and null: booleans become 0/1, lists and objects JSON text. */
function bindable(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
}

function insert(db: Database.Database, table: string, fixed: string[], keys: string[]) {
  const columns = [...fixed, ...keys.map(snake)];
  return db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
}

export async function importFloor(dbPath: string, file: string) {
  // The same schema as the real store: openStore migrates (and sets WAL), then we let go of it.
  openStore(dbPath).close();
  const db = new Database(dbPath);
  // The store's connection settings (src/db/open.ts), so only the code differs, not durability.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`cache_size = -${FILE_IMPORT.cacheMiB * 1024}`);
  db.pragma('temp_store = MEMORY');

  const person = db.prepare('INSERT INTO persons (project, id, uuid, name, properties, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const distinctId = db.prepare('INSERT OR IGNORE INTO person_distinct_ids (project, distinct_id, person_pk) VALUES (?, ?, ?)');
  const recording = insert(db, 'recordings', ['project'], RECORDING);
  const session = insert(db, 'user_sessions', ['project'], SESSION);
  const action = insert(db, 'user_actions', ['project', 'session_pk', 'seq'], ACTION);
  const event = insert(db, 'user_events', ['project', 'session_pk', 'seq'], EVENT);
  const error = insert(db, 'user_errors', ['project', 'session_pk', 'seq'], ERROR);
  const property = (table: string, owner: string) =>
    db.prepare(`INSERT INTO ${table} (project, ${owner}, type, key, string_value, long_value, double_value, date_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const sessionProperty = property('session_properties', 'session_pk');
  const actionProperty = property('action_properties', 'action_pk');

  const P = 'default';
  const counts = floorCounts();
  // Each row straight into its prepared INSERT; SQLite hands back the new rowid at once.
  const sink: FloorSink<number | bigint, unknown> = {
    cell: bindable,
    session: (values) => session.run(P, ...values).lastInsertRowid,
    action: (sessionPk, seq, values) => action.run(P, sessionPk, seq, ...values).lastInsertRowid,
    event: (sessionPk, seq, values) => void event.run(P, sessionPk, seq, ...values),
    error: (sessionPk, seq, values) => void error.run(P, sessionPk, seq, ...values),
    sessionProperty: (sessionPk, values) => void sessionProperty.run(P, sessionPk, ...values),
    actionProperty: (actionPk, values) => void actionProperty.run(P, actionPk, ...values),
    recording: (values) => recording.run(P, ...values).lastInsertRowid,
    person: (values) => person.run(P, ...values).lastInsertRowid,
    distinctId: (personPk, id) => void distinctId.run(P, id, personPk),
  };

  const lines = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let pending = 0;
  db.exec('BEGIN');
  for await (const line of lines) {
    if (!line) continue;
    writeRecord(JSON.parse(line) as Json, sink, counts);
    if (++pending >= BATCH) {
      db.exec('COMMIT');
      db.exec('BEGIN');
      pending = 0;
    }
  }
  db.exec('COMMIT');
  db.close();
  return counts;
}

// CLI entry: only when run directly, so run.ts could also import the function.
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    const v = i >= 0 ? process.argv[i + 1] : undefined;
    if (!v) throw new Error(`usage: import-floor.ts --db DB --json FILE (missing ${name})`);
    return v;
  };
  const counts = await importFloor(arg('--db'), arg('--json'));
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}
