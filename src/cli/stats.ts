/** npm run stats -- --db PATH [--project NAME] [--json] */
import { Command } from 'commander';
import { openStore } from '../db/open.js';
import { storeCounts } from '../db/counts.js';
import { defaultDbPath } from '../config.js';

const program = new Command('stats')
  .description('Print how many rows of each kind the store holds')
  .option('--db <path>', 'SQLite database file', defaultDbPath())
  .option('--project <name>', 'count only this project')
  .option('--json', 'print one JSON object')
  .action((opts: { db: string; project?: string; json?: boolean }) => {
    const store = openStore(opts.db);
    try {
      const counts = storeCounts(store, opts.project);
      if (opts.json) process.stdout.write(`${JSON.stringify(counts)}\n`);
      else for (const [k, v] of Object.entries(counts)) process.stdout.write(`${k.padEnd(14)} ${v}\n`);
    } finally {
      store.close();
    }
  });

program.parse();
