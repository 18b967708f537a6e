/**
 * npm run keys -- create --db PATH --project NAME [--read-only] [--name LABEL]
 * npm run keys -- list --db PATH [--json]
 * npm run keys -- revoke --db PATH KEY_ID
 */
import { createKey, listKeys, revokeKey } from '../db/keys.js';
import type { Store } from '../db/open.js';
import { databasePath, DB_HELP } from '../config.js';
import { CliFailure, cliCommand, openDatabase, runCli, withDebug } from './errors.js';

/** Runs `fn` on the database; only `create` may make a new one. */
function withStore<T>(given: string | undefined, mustExist: boolean, fn: (store: Store) => T): T {
  const db = databasePath(given);
  const store = openDatabase(db.path, { mustExist, builtIn: db.builtIn });
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

const program = cliCommand('keys').description('Manage API keys (Authorization: Bearer KEY)');
const subcommand = (name: string) => withDebug(program.command(name)).option('--db <path>', DB_HELP);

subcommand('create')
  .description('Create a key and print it once on stdout (only its hash is stored)')
  .requiredOption('--project <name>', 'the project the key can see')
  .option('--read-only', 'the key cannot mutate or ingest')
  .option('--name <label>', 'who the key is for (also the viewer of recordings)')
  .action((opts: { db?: string; project: string; readOnly?: boolean; name?: string }) => {
    const { id, key } = withStore(opts.db, false, (store) => createKey(store, opts));
    process.stderr.write(`created key ${id} for project "${opts.project}"${opts.readOnly ? ' (read-only)' : ''}; it is shown only now:\n`);
    process.stdout.write(`${key}\n`);
  });

subcommand('list')
  .description('List keys (never the secrets)')
  .option('--json', 'print a JSON array')
  .action((opts: { db?: string; json?: boolean }) => {
    const keys = withStore(opts.db, true, listKeys);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(keys)}\n`);
      return;
    }
    for (const k of keys) {
      const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
      process.stdout.write(`${k.id}  ${k.project}  ${k.readOnly ? 'read-only ' : 'read-write'}  ${state}  ${k.name ?? ''}\n`);
    }
  });

subcommand('revoke')
  .description('Revoke a key by its id (the part after sgk_)')
  .argument('<id>', 'key id')
  .action((id: string, opts: { db?: string }) => {
    if (!withStore(opts.db, true, (store) => revokeKey(store, id))) throw new CliFailure(`no active key with id ${id}`);
    process.stdout.write(`revoked ${id}\n`);
  });

await runCli(program);
