/** npm run import -- --db PATH [--project NAME] [--strict] [--json] [--wait SECONDS] FILE... */
import { InvalidArgumentError } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { accessSync, constants, statSync } from 'node:fs';
import { basename } from 'node:path';
import { IngestFailure, inputFailure } from '../ingest/failure.js';
import { FILE_IMPORT, importFile, type FileProgress } from '../ingest/files.js';
import type { IngestSummary } from '../ingest/pipeline.js';
import { emptyCounts } from '../ingest/write.js';
import { WARNING_KINDS, type ImportWarning } from '../ingest/warnings.js';
import { databasePath, DB_OR_POSTGRES_HELP, DEFAULT_PROJECT, isPostgresUrl } from '../config.js';
import { CliFailure, cliCommand, gatherStatistics, maskedUrl, oneLine, openAnyDatabase, openDatabase, runCli } from './errors.js';
import type { AnyStore } from '../graphql/context.js';

function terminalProgress(): FileProgress | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new SingleBar(
    { format: '{file} [{bar}] {percentage}% | {value}/{total} MiB | {eta_formatted}', stream: process.stderr },
    Presets.shades_classic,
  );
  const mib = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
  return {
    start: (file, bytes) => bar.start(mib(bytes), 0, { file: basename(file) }),
    update: (bytesRead) => bar.update(mib(bytesRead)),
    stop: () => bar.stop(),
  };
}

/** Two imports of one database run one after the other: the second waits this long at most. */
const DEFAULT_WAIT_SECONDS = 600;

const program = cliCommand('import')
  .description('Import PostHog recordings and Dynatrace user sessions (JSON, NDJSON, list responses)')
  .argument('<files...>', 'files to import; their format is detected from their content')
  .option('--db <path>', DB_OR_POSTGRES_HELP)
  .option('--project <name>', 'project (tenant) the data belongs to', DEFAULT_PROJECT)
  .option('--strict', 'write nothing of a file that has any bad record')
  .option('--json', 'print the summary as one JSON object')
  .option('--wait <seconds>', 'how long to wait while another process writes to the database', parseSeconds, DEFAULT_WAIT_SECONDS)
  .action(async (files: string[], opts: { db?: string; project: string; strict?: boolean; json?: boolean; wait: number }) => {
    // Every input is readable before the database is touched.
    for (const file of files) checkInput(file);
    const db = databasePath(opts.db);
    const store: AnyStore = isPostgresUrl(db.path) ? await openAnyDatabase(db.path, {}, { poolSize: 1 }) : openDatabase(db.path, { builtIn: db.builtIn }, { cacheMiB: FILE_IMPORT.cacheMiB });
    const where = isPostgresUrl(db.path) ? maskedUrl(db.path) : db.path;
    const total = { ...emptyCounts(), rejected: 0 };
    const progress = terminalProgress();
    // A person in several files is one person.
    const personsSeen = new Set<string>();
    const warnings = new Map<string, FileWarning>();
    let failed = false;
    try {
      for (const file of files) {
        let summary: IngestSummary;
        try {
          summary = await importFile(store, file, {
            project: opts.project,
            strict: opts.strict,
            progress,
            personsSeen,
            waitMs: opts.wait * 1000,
            onWait: () => process.stderr.write(`${file}: waiting for another process writing to ${where} (up to ${opts.wait} s)\n`),
            onReject: (line, message) => {
              process.stderr.write(`${file}:${line}: ${message}\n`);
            },
          });
        } catch (e) {
          // One line, no stack: what stopped the import and what of this file is kept.
          process.stderr.write(`${failureLine(file, e, opts.wait)}\n`);
          failed = true;
          break;
        }
        if (summary.rolledBack) process.stderr.write(`${file}: --strict: nothing imported from this file\n`);
        for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += summary[key];
        addWarnings(warnings, file, summary.warnings);
      }
    } finally {
      if (store.kind === 'pg') {
        // Statistics for the rows just written: reads after a bulk load must not plan on empty tables.
        if (total.userSessions + total.recordings + total.persons > 0) await gatherStatistics(store);
        await store.close();
      } else {
        // Closing tidies up (PRAGMA optimize) only if no other process is writing just now: it
        // must not wait for one. What was committed is in the file either way.
        store.sqlite.pragma('busy_timeout = 0');
        try {
          store.close();
        } catch {
          store.sqlite.close();
        }
      }
    }
    if (opts.json) process.stdout.write(`${JSON.stringify({ ...total, warnings: [...warnings.values()] })}\n`);
    else {
      process.stdout.write(
        `imported ${total.recordings} recordings, ${total.userSessions} user sessions ` +
          `(${total.userActions} user actions), ${total.persons} persons; rejected ${total.rejected}\n`,
      );
      process.stdout.write(warningTable([...warnings.values()]));
    }
    if (total.rejected > 0 || failed) process.exitCode = 1;
  });

/** A warning over all the files: where it was first seen, as FILE:LINE. */
type FileWarning = Omit<ImportWarning, 'line'> & { first: string };

function addWarnings(into: Map<string, FileWarning>, file: string, warnings: ImportWarning[]): void {
  for (const { line, ...w } of warnings) {
    const key = `${w.kind}\0${w.name}`;
    const known = into.get(key);
    if (known) known.count += w.count;
    else into.set(key, { ...w, first: `${file}:${line}` });
  }
}

/** The warnings as a short table, most frequent first ('' when there are none). */
function warningTable(warnings: FileWarning[]): string {
  if (warnings.length === 0) return '';
  const rows = [...warnings].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const width = (get: (w: FileWarning) => string, title: string) => Math.max(title.length, ...rows.map((w) => get(w).length));
  const cols: [string, (w: FileWarning) => string][] = [
    ['count', (w) => String(w.count)],
    ['what', (w) => w.name],
    ['first seen', (w) => w.first],
    ['meaning', (w) => WARNING_KINDS[w.kind]],
  ];
  const widths = cols.map(([title, get]) => width(get, title));
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd()}\n`;
  return (
    `warnings (nothing was refused for these; README "Getting data in"):\n` +
    line(cols.map(([title]) => title)) +
    rows.map((w) => line(cols.map(([, get]) => get(w)))).join('')
  );
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of seconds (0 or more)');
  return n;
}

/** An input file that is missing, a directory or unreadable fails the import before it starts. */
function checkInput(file: string): void {
  let why: string | undefined;
  try {
    if (statSync(file).isDirectory()) why = 'is a directory, not a file to import';
    else accessSync(file, constants.R_OK);
  } catch (e) {
    const code = e && typeof e === 'object' && 'code' in e ? e.code : '';
    why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${oneLine(e)})`;
  }
  if (why) throw new CliFailure(`${file}: ${why}`);
}

function failureLine(file: string, e: unknown, waitSeconds: number): string {
  if (!(e instanceof IngestFailure)) return `${file}: ${inputFailure(e) ?? `import failed: ${oneLine(e)}`}`;
  if (e.code === 'INPUT_UNREADABLE') return `${file}: ${e.message}`;
  const kept = e.committed.accepted;
  const where = e.line ? `${file}:${e.line}` : file;
  const cause = e.code === 'INTERNAL' && e.cause ? ` (${oneLine(e.cause)})` : e.code === 'STORE_BUSY' ? ` (waited ${waitSeconds} s; see --wait)` : '';
  return `${where}: ${e.message}${cause}; ${kept} record${kept === 1 ? '' : 's'} of this file stored before ${kept === 1 ? 'is' : 'are'} kept, import stopped [${e.code}]`;
}

await runCli(program);
