/** npm run seed -- --db PATH [--persons N] [--seed S] [--end DATE] [--project NAME] [--json] */
import { seedStore } from '../seed/seed.js';
import { databasePath, DB_OR_POSTGRES_HELP, DEFAULT_PROJECT, isPostgresUrl } from '../config.js';
import { calendarDate, cliCommand, gatherStatistics, maskedUrl, openAnyDatabase, positiveInt, runCli } from './errors.js';

const program = cliCommand('seed')
  .description('Generate a deterministic demo data set and import it')
  .option('--db <path>', DB_OR_POSTGRES_HELP)
  .option('--persons <n>', 'number of persons (about 4 user sessions and 3.5 recordings each, a third of the sessions with their recording: linked visits)', positiveInt, 200)
  .option('--seed <n>', 'random seed: the same seed gives the same data', positiveInt, 1)
  .option('--end <date>', 'the data ends here (YYYY-MM-DD) and reaches back 30 days (default: today, UTC)', calendarDate)
  .option('--project <name>', 'project (tenant) the data belongs to', DEFAULT_PROJECT)
  .option('--json', 'print the summary as one JSON object')
  .action(async (opts: { db?: string; persons: number; seed: number; end?: Date; project: string; json?: boolean }) => {
    const db = databasePath(opts.db);
    const store = await openAnyDatabase(db.path, { builtIn: db.builtIn }, { poolSize: 1 });
    const where = isPostgresUrl(db.path) ? maskedUrl(db.path) : db.path;
    try {
      // The demo's own records: warnings (recordings past their expiry) are no news here.
      const { errors, rolledBack, accepted: _, warnings: _w, ...summary } = await seedStore(store, opts);
      for (const e of errors) process.stderr.write(`generated record ${e.line}: ${e.message}\n`);
      if (opts.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else {
        process.stdout.write(
          `seeded ${summary.persons} persons, ${summary.recordings} recordings, ` +
            `${summary.userSessions} user sessions (${summary.userActions} user actions) into ${where}\n`,
        );
      }
      if (summary.rejected > 0 || rolledBack) process.exitCode = 1;
      await gatherStatistics(store);
    } finally {
      await store.close();
    }
  });

await runCli(program);
