/**
 * npm run keys -- create --db PATH --project NAME [--read-only] [--name LABEL]
 * npm run keys -- list --db PATH [--json]
 * npm run keys -- revoke --db PATH KEY_ID
 */
import { Command } from 'commander';
import { createKey, listKeys, revokeKey } from '../db/keys.js';
import { openStore, type Store } from '../db/open.js';
import { defaultDbPath } from '../config.js';

function withStore<T>(db: string, fn: (store: Store) => T): T {
  const store = openStore(db);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

const program = new Command('keys').description('Manage API keys (Authorization: Bearer KEY)');

program
  .command('create')
  .description('Create a key and print it once on stdout (only its hash is stored)')
  .option('--db <path>', 'SQLite database file', defaultDbPath())
  .requiredOption('--project <name>', 'the project the key can see')
  .option('--read-only', 'the key cannot mutate or ingest')
  .option('--name <label>', 'who the key is for (also the viewer of recordings)')
  .action((opts: { db: string; project: string; readOnly?: boolean; name?: string }) => {
    const { id, key } = withStore(opts.db, (store) => createKey(store, opts));
    process.stderr.write(`created key ${id} for project "${opts.project}"${opts.readOnly ? ' (read-only)' : ''}; it is shown only now:\n`);
    process.stdout.write(`${key}\n`);
  });

program
  .command('list')
  .description('List keys (never the secrets)')
  .option('--db <path>', 'SQLite database file', defaultDbPath())
  .option('--json', 'print a JSON array')
  .action((opts: { db: string; json?: boolean }) => {
    const keys = withStore(opts.db, listKeys);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(keys)}\n`);
      return;
    }
    for (const k of keys) {
      const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
      process.stdout.write(`${k.id}  ${k.project}  ${k.readOnly ? 'read-only ' : 'read-write'}  ${state}  ${k.name ?? ''}\n`);
    }
  });

program
  .command('revoke')
  .description('Revoke a key by its id (the part after sgk_)')
  .argument('<id>', 'key id')
  .option('--db <path>', 'SQLite database file', defaultDbPath())
  .action((id: string, opts: { db: string }) => {
    if (withStore(opts.db, (store) => revokeKey(store, id))) process.stdout.write(`revoked ${id}\n`);
    else {
      process.stderr.write(`no active key with id ${id}\n`);
      process.exitCode = 1;
    }
  });

program.parse();
