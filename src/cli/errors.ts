/**
 * The one error path of every command: a failure is one line on stderr naming the argument or
 * file and why, exit status 2 for a usage error (commander's own: unknown option, bad value,
 * missing argument) and 1 for anything else (a missing file, not a database, the store failing).
 * No stack unless `--debug`.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { openStore, type OpenOptions, type Store } from '../db/open.js';
import { isPostgresUrl } from '../config.js';
import type { AnyStore } from '../graphql/context.js';

/** A failure the user can act on: its message is the whole story (exit 1). */
export class CliFailure extends Error {
  override name = 'CliFailure';
}

/** A combination of options that cannot work, found after parsing (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

const debugging = () => {
  const args = process.argv.slice(2);
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).includes('--debug');
};

/** The first line of an error's message. */
export function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n', 1)[0]!;
}

/** Adds `--debug` (every command and subcommand takes it: the stack of an unexpected error). */
export function withDebug(command: Command): Command {
  return command.option('--debug', 'on an unexpected error, print its stack');
}

/**
 * A command whose errors take the one path: commander's usage errors are one line (its "Did you
 * mean" hint joined on) and end in exitWith; subcommands made with .command() inherit this.
 */
export function cliCommand(name: string): Command {
  return withDebug(new Command(name))
    .exitOverride()
    .configureOutput({ outputError: (message, write) => write(`${message.trim().replace(/\s*\n\s*/g, ' ')}\n`) });
}

/** Reports `e` as one line (and its stack under --debug), then ends the process. */
export function exitWith(e: unknown): never {
  if (e instanceof CommanderError) {
    // commander printed its one line already; help and --version end with status 0.
    process.exit(e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? e.exitCode : 2);
  }
  const usage = e instanceof UsageError;
  const known = usage || e instanceof CliFailure;
  process.stderr.write(known ? `${oneLine(e)}\n` : `unexpected error: ${oneLine(e)}${debugging() ? '' : ' (run with --debug for the stack)'}\n`);
  if (debugging()) {
    const stack = (x: unknown): string => (x instanceof Error ? `${x.stack ?? x.message}${x.cause ? `\ncaused by: ${stack(x.cause)}` : ''}` : String(x));
    process.stderr.write(`${stack(e)}\n`);
  }
  process.exit(usage ? 2 : 1);
}

/** Parses the arguments and runs the command; whatever it throws takes the one path. */
export async function runCli(program: Command): Promise<void> {
  process.on('uncaughtException', exitWith);
  process.on('unhandledRejection', exitWith);
  try {
    await program.parseAsync();
  } catch (e) {
    exitWith(e);
  }
}

/** An argument parser for whole numbers from `min` to `max`. */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  const expected = max === Number.MAX_SAFE_INTEGER ? (min === 1 ? 'a positive integer' : `an integer from ${min} up`) : `an integer from ${min} to ${max}`;
  return (value: string): number => {
    const n = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected ${expected}`);
    return n;
  };
}

export const positiveInt = wholeNumber(1);

/** A calendar date YYYY-MM-DD (UTC midnight) that exists. */
export function calendarDate(value: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!d || d.toISOString().slice(0, 10) !== value) throw new InvalidArgumentError('expected a calendar date YYYY-MM-DD');
  return d;
}

export interface DatabaseAccess {
  /** The file must already exist (commands that only read, or change what is there). */
  mustExist?: boolean;
  /** The path lies in the defaults' directory (./data), which may be created; no other is. */
  builtIn?: boolean;
}

/**
 * Opens the database for a command. A missing file is refused when it must exist; a missing
 * directory is created only for the defaults' own (./data); a file that is not SQLite is one line.
 */
export function openDatabase(path: string, access: DatabaseAccess = {}, options?: OpenOptions): Store {
  if (isPostgresUrl(path)) {
    // Not a file name: creating ./postgres:/… would be the wrong answer (commands that take either open it with openAnyDatabase).
    throw new CliFailure(`${maskedUrl(path)}: a SQLite database file is needed here, not a PostgreSQL URL`);
  }
  if (path !== ':memory:') {
    if (existsSync(path)) {
      if (statSync(path).isDirectory()) throw new CliFailure(`${path}: is a directory, not a database file`);
    } else if (access.mustExist) {
      throw new CliFailure(`${path}: no such database file (check --db; this command does not create one)`);
    } else {
      const dir = dirname(resolve(path));
      if (!existsSync(dir)) {
        if (!access.builtIn) throw new CliFailure(`${dirname(path)}: no such directory (for the database ${path}; create it first)`);
        mkdirSync(dir, { recursive: true });
      }
    }
  }
  try {
    return openStore(path, options);
  } catch (e) {
    const code = e && typeof e === 'object' && 'code' in e ? String(e.code) : '';
    const why = code === 'SQLITE_NOTADB' ? 'not a SQLite database' : `cannot open the database (${oneLine(e)})`;
    throw new CliFailure(`${path}: ${why}`, { cause: e });
  }
}

/** A connection URL with its password hidden (for messages). */
export function maskedUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return text.replace(/:[^:@/]*@/, ':***@');
  }
}

/**
 * The store at `path`: a PostgreSQL database (migrated, `poolSize` connections) for a postgres://
 * URL, else the SQLite file as openDatabase opens it.
 */
export async function openAnyDatabase(path: string, access: DatabaseAccess = {}, options: { poolSize?: number; readUrl?: string } = {}): Promise<AnyStore> {
  if (!isPostgresUrl(path)) return openDatabase(path, access);
  const { openPgStore } = await import('../db/pg/connect.js');
  try {
    return await openPgStore(path, { poolSize: options.poolSize, readUrl: options.readUrl });
  } catch (e) {
    throw new CliFailure(`${maskedUrl(path)}: cannot open the PostgreSQL database (${oneLine(e)})`, { cause: e });
  }
}

/**
 * After a command loaded many rows into PostgreSQL: the planner's statistics (PgStore.analyze), so
 * that the first reads do not plan on empty tables. The rows are written either way: a failure
 * here is a warning line, not the command's failure.
 */
export async function gatherStatistics(store: AnyStore): Promise<void> {
  if (store.kind !== 'pg') return;
  try {
    await store.analyze();
  } catch (e) {
    process.stderr.write(`${maskedUrl(store.url)}: the rows are written, but gathering the planner's statistics failed (${oneLine(e)}); run ANALYZE on the database\n`);
  }
}
