/** npm run stats -- --db PATH [--project NAME] [--json] */
import { ProjectRequired, storeCountsIn } from '../db/counts.js';
import { databasePath, DB_OR_POSTGRES_HELP } from '../config.js';
import { cliCommand, openAnyDatabase, runCli, UsageError } from './errors.js';

const program = cliCommand('stats')
  .description('Print how many rows of each kind the store holds')
  .option('--db <path>', DB_OR_POSTGRES_HELP)
  .option('--project <name>', 'count only this project')
  .option('--json', 'print one JSON object')
  .action(async (opts: { db?: string; project?: string; json?: boolean }) => {
    const store = await openAnyDatabase(databasePath(opts.db).path, { mustExist: true }, { poolSize: 1 });
    try {
      const counts = await storeCountsIn(store, opts.project).catch((e: unknown) => {
        throw e instanceof ProjectRequired ? new UsageError(e.message) : e;
      });
      if (opts.json) process.stdout.write(`${JSON.stringify(counts)}\n`);
      else for (const [k, v] of Object.entries(counts)) process.stdout.write(`${k.padEnd(14)} ${v}\n`);
    } finally {
      await store.close();
    }
  });

await runCli(program);
