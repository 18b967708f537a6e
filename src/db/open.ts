/**
 * Opening the store: one better-sqlite3 connection, tuned and migrated, wrapped by Drizzle.
 * Everything SQLite-specific about connections lives here.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';
import { registerBucketFunction } from './buckets.js';
import { registerTextFunctions } from './text-match.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface Store {
  kind: 'sqlite';
  db: Db;
  sqlite: Database.Database;
  path: string;
  /** The secret that seals list cursors (graphql/pagination.ts), read once. */
  cursorSecret(): Buffer;
  close(): void;
}

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle/sqlite');

export interface OpenOptions {
  /** Open without migrating or writing (worker read connections). */
  readonly?: boolean;
  /** SQLite page cache of this connection, in MiB (default 64). */
  cacheMiB?: number;
}

export function openStore(path: string, options: OpenOptions = {}): Store {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path, { readonly: options.readonly ?? false });
  // WAL lets readers proceed while the single writer commits; NORMAL sync is durable in WAL mode
  // except for the last transactions on power loss, the usual trade for an analytics store.
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`cache_size = -${Math.round((options.cacheMiB ?? 64) * 1024)}`); // KiB when negative
  sqlite.pragma('temp_store = MEMORY');
  registerBucketFunction(sqlite);
  registerTextFunctions(sqlite);
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema, casing: 'snake_case' }) as Db;
  if (!options.readonly) migrateKeepingRows(sqlite, db);
  let secret: Buffer | undefined;
  return {
    kind: 'sqlite',
    db,
    sqlite,
    path,
    cursorSecret() {
      // drizzle/sqlite/0003_cursor_secret.sql; not a table of the description (it is no project's data).
      secret ??= (sqlite.prepare('select secret from cursor_secret where id = 1').get() as { secret: Buffer } | undefined)?.secret;
      if (!secret) throw new Error('The database has no cursor secret (cursor_secret): it was not migrated');
      return secret;
    },
    close() {
      if (!sqlite.open) return;
      if (!options.readonly) sqlite.pragma('optimize');
      sqlite.close();
    },
  };
}

/**
 * Applies the migrations with foreign keys off. A migration that changes a table's CHECKs must
 * rebuild it (new table, copy, drop, rename), and drizzle's migrator runs in one transaction,
 * where the migration's own `PRAGMA foreign_keys=OFF` is ignored: with them on, dropping the old
 * table cascades and deletes every child row (a user session's actions, properties, events).
 * The keys are checked once the migrations are in; a violation fails the open.
 */
function migrateKeepingRows(sqlite: Database.Database, db: Db): void {
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder });
    const broken = sqlite.pragma('foreign_key_check') as unknown[];
    if (broken.length) throw new Error(`the migrations left ${broken.length} rows whose foreign keys point nowhere`);
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

/** Prepared statements kept per connection, by SQL text (least recently used dropped first). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Drizzle prepares every query it runs. Parsing and planning a statement costs more than running
 * the indexed reads behind a typical GraphQL field, and requests repeat the same few texts (key
 * lists are one JSON parameter, so the text does not vary with their length): the connection
 * keeps its prepared statements and hands them out again.
 */
function cacheStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new LRUCache<string, Database.Statement>({ max: STATEMENT_CACHE_SIZE });
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) cache.set(source, (statement = prepare(source)));
    // A statement remembers how it last returned rows; start each use from the default.
    else if (statement.reader) statement.pluck(false).raw(false);
    return statement;
  }) as typeof sqlite.prepare;
}
