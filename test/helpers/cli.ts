/** Temp directories and the project's CLI commands run as real child processes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll } from 'vitest';

/** The repository root: commands run here, so fixture paths in messages read `test/fixtures/…`. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TSX = join(ROOT, 'node_modules/.bin/tsx');
/** tsx's loader for `node --import` (absolute: the process may run in another directory). */
export const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface TempDir {
  /** A path inside the directory (created by the first call). */
  path(name: string): string;
}

/** A temp directory for the calling test file, removed after its tests. */
export function useTempDir(prefix = 'sessiongraph-test-'): TempDir {
  let dir: string | undefined;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    path(name: string) {
      dir ??= mkdtempSync(join(tmpdir(), prefix));
      return join(dir, name);
    },
  };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command with cwd at the repository root (or `cwd`) and collects its output. `TSX` runs
 * as `node --import tsx`: one process instead of tsx's two (the suite spawns hundreds).
 */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const [file, argv] = command === TSX ? [process.execPath, ['--import', TSX_LOADER, ...args]] : [command, args];
    const child = spawn(file, argv, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export type CliName = 'import' | 'stats' | 'seed' | 'purge' | 'keys' | 'serve';

/** `tsx src/cli/<name>.ts ARGS…` */
export function cli(name: CliName, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return run(TSX, [`src/cli/${name}.ts`, ...args], env);
}

/** The one JSON object a `--json` command printed; fails unless stdout is exactly that. */
export function jsonOutput(result: RunResult): Record<string, unknown> {
  const lines = result.stdout.split('\n');
  if (lines.length !== 2 || lines[1] !== '') {
    throw new Error(`expected exactly one line of output, got ${JSON.stringify(result.stdout)} (stderr: ${result.stderr})`);
  }
  const value: unknown = JSON.parse(lines[0]!);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`not a JSON object: ${lines[0]}`);
  return value as Record<string, unknown>;
}

/** Splits stderr into `FILE:LINE: message` reports; anything else is returned in `other`. */
export function lineReports(stderr: string, file: string) {
  const reports = new Map<number, string>();
  const other: string[] = [];
  const prefix = `${file}:`;
  for (const line of stderr.split('\n')) {
    if (!line) continue;
    const m = line.startsWith(prefix) ? /^(\d+): (.*)$/.exec(line.slice(prefix.length)) : null;
    if (m) reports.set(Number(m[1]), m[2]!);
    else other.push(line);
  }
  return { reports, other };
}

// The benchmark starts servers too; it cannot import this module (it registers vitest hooks).
export { freePort } from '../../bench/measure.js';

const servers: ChildProcess[] = [];
// tsx runs the server in a child process of its own: kill the whole group (the spawned tsx is its leader).
afterAll(() => {
  for (const c of servers) {
    if (c.pid === undefined || c.exitCode !== null) continue;
    try {
      process.kill(-c.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * `node --import tsx src/cli/serve.ts ARGS` in its own process group (the calling file's cleanup
 * leaves no orphan), in the repository root or `cwd`. One process, as `npm start` runs
 * `node dist/cli/serve.js`: a signal reaches the server itself. (Through the `tsx` command it went
 * to tsx, which relays it and SIGKILLs the server when it has not acknowledged the relay within
 * 2 × 30 ms: on a busy machine a clean stop ended in exit status 143.) `ready`
 * is the GraphiQL URL it prints, or null when it exits first or does not start within 60 s;
 * `url()` is that URL or an error with the server's output.
 */
export function serveProcess(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT) {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, 'src/cli/serve.ts'), ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  servers.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), 60_000);
    child.stdout!.on('data', () => {
      const m = /GraphiQL at (http:\/\/\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      resolve(null);
    });
  });
  const output = () => stdout + stderr;
  return {
    child,
    ready,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    output,
    async url(): Promise<string> {
      const url = await ready;
      if (!url) throw new Error(`server did not start:\n${output()}`);
      return url;
    },
  };
}
