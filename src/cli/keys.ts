/**
 * npm run keys -- create --db PATH --project NAME [--read-only] [--name LABEL]
 * npm run keys -- list --db PATH [--json]
 * npm run keys -- revoke --db PATH KEY_ID
 */
import { createKeyIn, listKeysIn, revokeKeyIn } from '../db/keys.js';
import type { AnyStore } from '../graphql/context.js';
import { databasePath, DB_OR_POSTGRES_HELP } from '../config.js';
import { CliFailure, cliCommand, openAnyDatabase, runCli, withDebug } from './errors.js';

/** Runs `fn` on the database (a SQLite file or PostgreSQL); only `create` may make a new file. */
async function withStore<T>(given: string | undefined, mustExist: boolean, fn: (store: AnyStore) => Promise<T>): Promise<T> {
  const db = databasePath(given);
  const store = await openAnyDatabase(db.path, { mustExist, builtIn: db.builtIn }, { poolSize: 1 });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const program = cliCommand('keys').description('Manage API keys (Authorization: Bearer KEY)');
const subcommand = (name: string) => withDebug(program.command(name)).option('--db <path>', DB_OR_POSTGRES_HELP);

subcommand('create')
  .description('Create a key and print it once on stdout (only its hash is stored)')
  .requiredOption('--project <name>', 'the project the key can see')
  .option('--read-only', 'the key cannot mutate or ingest')
  .option('--name <label>', 'who the key is for (also the viewer of recordings)')
  .action(async (opts: { db?: string; project: string; readOnly?: boolean; name?: string }) => {
    const { id, key } = await withStore(opts.db, false, (store) => createKeyIn(store, opts));
    process.stderr.write(`created key ${id} for project "${opts.project}"${opts.readOnly ? ' (read-only)' : ''}; it is shown only now:\n`);
    process.stdout.write(`${key}\n`);
  });

subcommand('list')
  .description('List keys (never the secrets)')
  .option('--json', 'print a JSON array')
  .action(async (opts: { db?: string; json?: boolean }) => {
    const keys = await withStore(opts.db, true, listKeysIn);
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
  .action(async (id: string, opts: { db?: string }) => {
    if (!(await withStore(opts.db, true, (store) => revokeKeyIn(store, id)))) throw new CliFailure(`no active key with id ${id}`);
    process.stdout.write(`revoked ${id}\n`);
  });

await runCli(program);
