/** npm run seed -- --db PATH [--persons N] [--seed S] [--end DATE] [--project NAME] [--json] */
import { Command } from 'commander';
import { openStore } from '../db/open.js';
import { seedStore } from '../seed/seed.js';
import { DEFAULT_PROJECT, defaultDbPath, parsePositiveInt } from '../config.js';

function parseDate(value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`--end must be a date (YYYY-MM-DD), got "${value}"`);
  return d;
}

const program = new Command('seed')
  .description('Generate a deterministic demo data set and import it')
  .option('--db <path>', 'SQLite database file', defaultDbPath())
  .option('--persons <n>', 'number of persons (about 4 user sessions and 2 recordings each)', parsePositiveInt('--persons'), 200)
  .option('--seed <n>', 'random seed: the same seed gives the same data', parsePositiveInt('--seed'), 1)
  .option('--end <date>', 'the data ends here and reaches back 30 days (default: today, UTC)', parseDate)
  .option('--project <name>', 'project (tenant) the data belongs to', DEFAULT_PROJECT)
  .option('--json', 'print the summary as one JSON object')
  .action(async (opts: { db: string; persons: number; seed: number; end?: Date; project: string; json?: boolean }) => {
    const store = openStore(opts.db);
    try {
      // The demo's own records: warnings (recordings past their expiry) are no news here.
      const { errors, rolledBack, accepted: _, warnings: _w, ...summary } = await seedStore(store, opts);
      for (const e of errors) process.stderr.write(`generated record ${e.line}: ${e.message}\n`);
      if (opts.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else {
        process.stdout.write(
          `seeded ${summary.persons} persons, ${summary.recordings} recordings, ` +
            `${summary.userSessions} user sessions (${summary.userActions} user actions) into ${opts.db}\n`,
        );
      }
      if (summary.rejected > 0 || rolledBack) process.exitCode = 1;
    } finally {
      store.close();
    }
  });

await program.parseAsync();
