/** npm run stats -- --db PATH [--project NAME] [--json] */
import { storeCounts } from '../db/counts.js';
import { databasePath, DB_HELP } from '../config.js';
import { cliCommand, openDatabase, runCli } from './errors.js';

const program = cliCommand('stats')
  .description('Print how many rows of each kind the store holds')
  .option('--db <path>', DB_HELP)
  .option('--project <name>', 'count only this project')
  .option('--json', 'print one JSON object')
  .action((opts: { db?: string; project?: string; json?: boolean }) => {
    const store = openDatabase(databasePath(opts.db).path, { mustExist: true });
    try {
      const counts = storeCounts(store, opts.project);
      if (opts.json) process.stdout.write(`${JSON.stringify(counts)}\n`);
      else for (const [k, v] of Object.entries(counts)) process.stdout.write(`${k.padEnd(14)} ${v}\n`);
    } finally {
      store.close();
    }
  });

await runCli(program);
