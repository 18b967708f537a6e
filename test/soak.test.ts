/**
 * `npx tsx bench/soak.ts --quick` works end to end: it seeds tiny data, starts the compiled server
 * with its default flags, sends every worst request beside the light load, samples /health/live,
 * and writes its figures. How fast anything is, is the soak's business (bench/soak-results.json);
 * this test only checks that every worst request got an answer — data or a coded error, never a
 * hang, a 5xx or a reset connection — and that /health/live answered throughout.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SoakResults } from '../bench/soak.js';

const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'sessiongraph-soak-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stdout: string; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['bench/soak.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (d) => ((stdout += d), (output += d)));
    child.stderr.on('data', (d) => (output += d));
    // Bounded: the soak bounds every request itself; this is the last resort.
    const timer = setTimeout(() => child.kill('SIGINT'), 230_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, output });
    });
  });
}

describe('npx tsx bench/soak.ts --quick', () => {
  it('answers every worst request beside the light load, with /health/live answering, and writes the JSON', { timeout: 240_000 }, async () => {
    const out = join(dir, 'soak.json');
    // It builds as the benchmark does (one build at a time, bench/build.ts), so it runs today's code.
    const { code, stdout, output } = await run(['--quick', '--duration', '0.3', '--json', '--out', out]);
    expect(code, output).toBe(0);
    const results = JSON.parse(readFileSync(out, 'utf8')) as SoakResults;
    // --json prints the same figures on stdout.
    expect(JSON.parse(stdout.trim().split('\n').pop()!).scenarios.length).toBe(results.scenarios.length);

    expect(results.sizes.userSessions).toBeGreaterThan(0);
    expect(results.baseline.requests, 'light queries answered alone').toBeGreaterThan(0);
    expect(results.baseline.errors).toBe(0);
    expect(results.baseline.health.samples).toBeGreaterThan(0);
    expect(results.baseline.health.failures).toBe(0);

    // One scenario per limit the soak covers, each with a request derived from QUERY_LIMITS.
    // Ingest bodies, the batch mutation, then on a second server started with --federation: _entities and a traced query.
    expect(results.scenarios.map((s) => s.key)).toEqual(['page', 'depth', 'filter', 'filterActions', 'in', 'stats', 'actionStats', 'funnel', 'persons', 'deadline', 'mutation', 'ingestRejected', 'ingestSession', 'entities', 'traced']);
    expect(results.scenarios.filter((s) => s.server === 'federation').map((s) => s.key)).toEqual(['entities', 'traced']);
    for (const s of results.scenarios) {
      const what = `${s.key}: ${JSON.stringify(s.runs)}`;
      // Ingest bodies are sent twice (the second import of the session replaces the first).
      expect(s.runs.length, what).toBe(s.key.startsWith('ingest') ? 2 : results.options.runs);
      for (const r of s.runs) {
        // An answer: a status below 500 and data or errors that each carry a code.
        expect(r.status, what).not.toBeNull();
        expect(r.status!, what).toBeLessThan(500);
        expect(r.kind, what).not.toMatch(/no answer|connection error|HTTP 5|no code|not JSON|INTERNAL_SERVER_ERROR/);
        expect(r.answered, what).toBe(true);
        expect(Number.isFinite(r.ms) && r.ms > 0, what).toBe(true);
      }
      expect(s.answered, what).toBe(true);
      expect(s.serverAlive, what).toBe(true);
      // The light load kept being answered beside it, and /health/live answered every time.
      expect(s.light.requests, `${s.key}: light requests`).toBeGreaterThan(0);
      expect(s.alone.requests, `${s.key}: light requests alone`).toBeGreaterThan(0);
      expect(s.light.errors, `${s.key}: light errors ${JSON.stringify(s.light.errorKinds)}`).toBe(0);
      expect(s.health.samples, `${s.key}: /health/live samples`).toBeGreaterThan(0);
      expect(s.health.failures, `${s.key}: /health/live failures`).toBe(0);
      for (const f of ['p50', 'p99', 'rps'] as const) expect(Number.isFinite(s.light[f]), `${s.key}.light.${f}`).toBe(true);
      expect(Number.isFinite(s.medianMs) && s.medianMs > 0).toBe(true);
    }
    // What each new case answered: the rejected lines every one rejected, the session stored both times.
    const byKey = Object.fromEntries(results.scenarios.map((s) => [s.key, s]));
    expect(byKey.ingestRejected!.runs.map((r) => r.kind)).toEqual(['NO_RECORD_STORED', 'NO_RECORD_STORED']);
    expect(byKey.ingestSession!.runs.map((r) => r.kind)).toEqual(['accepted', 'accepted']);
    for (const key of ['filterActions', 'mutation', 'entities', 'traced']) expect(byKey[key]!.kind, JSON.stringify(byKey[key]!.runs)).toBe('data');
    expect(results.misbehaved).toEqual([]);
    // Both servers were stopped, by SIGTERM alone.
    for (const server of [results.server, results.federationServer!]) {
      expect(server.stop.killed, server.stop.output).toBe(false);
      expect(server.stop.code ?? server.stop.signal, server.stop.output).not.toBeNull();
    }
  });
});
