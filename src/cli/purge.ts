/** npm run purge -- --db PATH: delete recordings whose retention has run out. */
import { Command } from 'commander';
import { purgeExpiredRecordings } from '../db/erase.js';
import { openStore } from '../db/open.js';
import { defaultDbPath } from '../config.js';

const program = new Command('purge')
  .description('Delete expired recordings (expiryTime in the past)')
  .option('--db <path>', 'SQLite database file', defaultDbPath())
  .option('--json', 'print {"recordings": N}')
  .action((opts: { db: string; json?: boolean }) => {
    const store = openStore(opts.db);
    try {
      const recordings = purgeExpiredRecordings(store);
      process.stdout.write(opts.json ? `${JSON.stringify({ recordings })}\n` : `purged ${recordings} expired recordings\n`);
    } finally {
      store.close();
    }
  });

program.parse();
