/**
 * `npm run build` for the benchmark and the soak, one at a time: both run the compiled server
 * from dist/, and their tests may run side by side, where two compilers writing the same files
 * could hand a half-written one to a starting server. A lock directory beside dist/ orders them;
 * the second build finds little to do (tsc is incremental).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A lock older than this was left by a killed build. */
const STALE_LOCK_MS = 5 * 60_000;
const WAIT_MS = 10 * 60_000;

export function buildServer(root: string, log: (line: string) => void): void {
  const lock = join(root, 'dist.build-lock');
  const until = Date.now() + WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > until) throw new Error(`another build held ${lock} for ${WAIT_MS / 1000} s`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    log('npm run build…');
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', join(root, 'tsconfig.build.json')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
