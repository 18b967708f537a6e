/** npm run copy -- --from data/sessiongraph.db --to postgres://…: move a SQLite store into an empty PostgreSQL database. */
import { databasePath, isPostgresUrl } from '../config.js';
import { CliFailure, cliCommand, gatherStatistics, maskedUrl, openAnyDatabase, openDatabase, runCli } from './errors.js';

const program = cliCommand('copy')
  .description('Copy a SQLite store, row for row, into an empty PostgreSQL database (migrating it first)')
  .option('--from <path>', 'the SQLite database file (env SESSIONGRAPH_DB, default ./data/sessiongraph.db)')
  .requiredOption('--to <url>', 'the PostgreSQL database, postgres://user@host:5432/name')
  .option('--json', 'print the rows copied per table as JSON')
  .action(async (opts: { from?: string; to: string; json?: boolean }) => {
    const from = databasePath(opts.from).path;
    if (isPostgresUrl(from)) throw new CliFailure(`--from ${maskedUrl(from)}: give the SQLite file to copy from`);
    if (!isPostgresUrl(opts.to)) throw new CliFailure(`--to ${opts.to}: give a postgres:// URL to copy into`);
    const source = openDatabase(from, { mustExist: true });
    try {
      const target = await openAnyDatabase(opts.to, {}, { poolSize: 2 });
      try {
        if (target.kind !== 'pg') throw new Error('unreachable: --to is a PostgreSQL URL');
        const { copySqliteToPg, TargetNotEmpty } = await import('../db/pg/copy.js');
        const report = await copySqliteToPg(source, target).catch((e: unknown) => {
          throw e instanceof TargetNotEmpty ? new CliFailure(`${maskedUrl(opts.to)}: ${e.message}`) : e;
        });
        await gatherStatistics(target);
        if (opts.json) process.stdout.write(`${JSON.stringify(report.rows)}\n`);
        else for (const [table, rows] of Object.entries(report.rows)) process.stdout.write(`${table}: ${rows} rows\n`);
      } finally {
        await target.close();
      }
    } finally {
      source.close();
    }
  });

await runCli(program);
