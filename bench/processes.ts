/**
 * What the benchmark and the soak share around child processes: a timestamped log, a CLI number
 * parser, children spawned with a clean environment and killed however the run ends, stopping a
 * child (SIGTERM, then SIGKILL), and starting a server that announces itself on stdout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { constants as osConstants, cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { InvalidArgumentError } from 'commander';

export const positiveInt = (name: string) => (v: string) => {
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
  return n;
};

/** Seconds, decimals allowed (`--duration 0.3`: the tests' smoke runs need windows, not figures). */
export const positiveSeconds = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number of seconds`);
  return n;
};

/** A stderr logger that prefixes each line with the seconds since `started`. */
export function timestampedLog(started = performance.now()): (message: string) => void {
  return (message) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
}

export interface Child {
  proc: ChildProcess;
  /** What it printed (stdout and stderr; only the last 64 KiB: a server's log over a long run can be long). */
  output(): string;
  /** Its exit code (128 + the signal's number when a signal ended it). */
  exited: Promise<number | null>;
  /** Signals go to its whole process group (a wrapper such as npm does not pass SIGTERM on). */
  group: boolean;
}

const children = new Set<ChildProcess>();
const OUTPUT_KEPT = 64 * 1024;

/**
 * `node <argv>` in `cwd`; the caller decides address, port and auth, a developer's environment must
 * not. With `group`, the child leads a process group of its own and is stopped with all it started.
 */
export function spawnNode(argv: string[], cwd: string, { group = false } = {}): Child {
  const env = { ...process.env };
  for (const key of ['SESSIONGRAPH_AUTH', 'SESSIONGRAPH_DB', 'PORT', 'HOST']) delete env[key];
  const proc = spawn(process.execPath, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: group });
  children.add(proc);
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-OUTPUT_KEPT));
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    proc.on('exit', (code, signal) => {
      children.delete(proc);
      resolve(code ?? (signal ? 128 + (osConstants.signals[signal] ?? 0) : null));
    }),
  );
  return { proc, output: () => output, exited, group };
}

/** Sends `signal` to the child, or to its process group. */
function signalChild(child: Child, signal: NodeJS.Signals): void {
  try {
    if (child.group) process.kill(-child.proc.pid!, signal);
    else child.proc.kill(signal);
  } catch {
    // Already gone.
  }
}

/** The run's temporary directory, removed with the children however the run ends (unless kept). */
export const run = { tempDir: undefined as string | undefined, keepTemp: false };

export function cleanup(): void {
  for (const c of children) {
    try {
      // A group leader (spawned with `group`) takes what it started along; -pid names no group otherwise.
      process.kill(-c.pid!, 'SIGKILL');
    } catch {
      c.kill('SIGKILL');
    }
  }
  if (run.tempDir && !run.keepTemp) rmSync(run.tempDir, { recursive: true, force: true });
}

export interface StopResult {
  code: number | null;
  signal: string | null;
  ms: number;
  /** SIGKILL was needed (no exit `graceMs` after SIGTERM). */
  killed: boolean;
  /** The end of what it printed (the last 2,000 characters, from the stop on). */
  output: string;
}

export async function stopChild(child: Child, graceMs = 20_000): Promise<StopResult> {
  const t0 = performance.now();
  const mark = child.output().length;
  let killed = false;
  if (child.proc.exitCode === null && child.proc.signalCode === null) {
    signalChild(child, 'SIGTERM');
    const timer = setTimeout(() => ((killed = true), signalChild(child, 'SIGKILL')), graceMs);
    await child.exited;
    clearTimeout(timer);
  }
  // What the group's leader started may outlive it by a moment; nothing of it may outlive the stop.
  if (child.group) signalChild(child, 'SIGKILL');
  return { code: child.proc.exitCode, signal: child.proc.signalCode, ms: performance.now() - t0, killed, output: child.output().slice(Math.max(0, mark - 2000)).slice(-2000) };
}

/** Waits until the child prints `ready`: 'ready', 'exited' (before it did), or 'timeout'. */
export function untilReady(child: Child, ready: RegExp, timeoutMs: number): Promise<'ready' | 'exited' | 'timeout'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs);
    const check = () => {
      if (ready.test(child.output())) {
        clearTimeout(timer);
        resolve('ready');
      }
    };
    child.proc.stdout!.on('data', check);
    void child.exited.then(() => {
      clearTimeout(timer);
      resolve('exited');
    });
  });
}

/**
 * Runs a command's main: the children and the temporary directory are cleaned up however it ends
 * (SIGINT/SIGTERM, an error, or normally), and an error is one line of `name failed: …` and exit 1.
 */
export async function runMain(name: string, main: () => Promise<void>): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
  try {
    await main();
  } catch (e) {
    cleanup();
    process.stderr.write(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  }
}

/** The machine a run measured on, for its results file (load average at its start and now). */
export function describeMachine(loadAtStart: number[]) {
  const cpuList = cpus();
  return {
    os: `${osType()} ${release()} (${process.platform}/${process.arch})`,
    cpus: { model: cpuList[0]?.model.trim() ?? 'unknown', count: cpuList.length },
    totalMemoryBytes: totalmem(),
    loadAverage: { atStart: loadAtStart, atEnd: loadavg() },
  };
}
