/** npm run purge -- --db PATH: delete recordings whose retention has run out. */
import { purgeExpiredRecordings } from '../db/erase.js';
import { databasePath, DB_HELP } from '../config.js';
import { cliCommand, openDatabase, runCli } from './errors.js';

const program = cliCommand('purge')
  .description('Delete expired recordings (expiryTime in the past)')
  .option('--db <path>', DB_HELP)
  .option('--json', 'print {"recordings": N}')
  .action((opts: { db?: string; json?: boolean }) => {
    const store = openDatabase(databasePath(opts.db).path, { mustExist: true });
    try {
      const recordings = purgeExpiredRecordings(store);
      process.stdout.write(opts.json ? `${JSON.stringify({ recordings })}\n` : `purged ${recordings} expired recordings\n`);
    } finally {
      store.close();
    }
  });

await runCli(program);
