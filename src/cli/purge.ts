/** npm run purge -- --db PATH|postgres://…: delete recordings whose retention has run out. */
import { purgeExpiredRecordings } from '../db/erase.js';
import { databasePath, DB_OR_POSTGRES_HELP } from '../config.js';
import { cliCommand, openAnyDatabase, runCli } from './errors.js';

const program = cliCommand('purge')
  .description('Delete expired recordings (expiryTime in the past), in every project')
  .option('--db <path>', DB_OR_POSTGRES_HELP)
  .option('--json', 'print {"recordings": N}')
  .action(async (opts: { db?: string; json?: boolean }) => {
    const store = await openAnyDatabase(databasePath(opts.db).path, { mustExist: true }, { poolSize: 1 });
    try {
      const recordings = await purgeExpiredRecordings(store);
      process.stdout.write(opts.json ? `${JSON.stringify({ recordings })}\n` : `purged ${recordings} expired recordings\n`);
    } finally {
      await store.close();
    }
  });

await runCli(program);
