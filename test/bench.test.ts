/**
 * `npm run bench -- --quick` works end to end: it builds its data, runs both imports and all four
 * servers' load runs, and writes every figure. How fast things are is the benchmark's business
 * (bench/results.json); this test never judges the targets, only that each was measured.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { windowLatencies } from '../bench/measure.js';

const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'sessiongraph-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // Its own --out, so a test run never overwrites the committed bench/results.json.
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['bench/run.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

type Json = Record<string, unknown>;
const at = (value: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Json | undefined)?.[k], value);

describe('npm run bench -- --quick', () => {
  it('measures every figure and writes them to --out', { timeout: 180_000 }, async () => {
    const out = join(dir, 'results.json');
    const { code, output } = await run(['--quick', '--duration', '0.3', '--out', out]);
    expect(code, output).toBe(0);
    const results = JSON.parse(readFileSync(out, 'utf8')) as Json;

    const positive = (path: string) => {
      const v = at(results, path);
      expect(typeof v === 'number' && Number.isFinite(v) && v > 0, `${path} = ${JSON.stringify(v)}`).toBe(true);
    };
    const loadFigures = (path: string) => ['rps', 'p50', 'p99', 'statements', 'sqlMs', 'requests'].forEach((f) => positive(`${path}.${f}`));

    ['runtimeSeconds', 'machine.cpus.count', 'machine.totalMemoryBytes'].forEach(positive);
    ['persons', 'sessions', 'actions', 'recordings', 'ndjsonBytes', 'dbBytes'].forEach((f) => positive(`sizes.${f}`));
    for (const side of ['real', 'floor']) {
      ['seconds', 'sessionsPerSecond', 'actionsPerSecond', 'peakRssBytes'].forEach((f) => positive(`import.${side}.${f}`));
    }
    positive('import.ratio');
    ['fileBytes', 'peakRssBytes', 'smallFileBytes', 'smallFileSessions', 'smallFilePeakRssBytes', 'ratio'].forEach((f) => positive(`import.memory.${f}`));

    for (const q of ['q1', 'q2', 'q3', 'q4']) {
      loadFigures(`queries.${q}.real`);
      loadFigures(`queries.${q}.floor`);
      positive(`queries.${q}.rpsRatio`);
      positive(`queries.${q}.p50Ratio`);
      // Not timing: the floor must answer exactly what the server answers, or it is no floor.
      expect(at(results, `queries.${q}.sameAnswerAsFloor`), q).toBe(true);
    }
    for (const q of ['q1', 'q2']) {
      // The naive variant needs the server's --no-batch; without it the row says so.
      if (at(results, `queries.${q}.naive`) !== 'n/a (flag missing)') loadFigures(`queries.${q}.naive`);
    }
    ['q2P99AloneMs', 'q2P99WithQ3Ms', 'ratio', 'q2RpsWithQ3', 'q3RpsDuring'].forEach((f) => positive(`headOfLine.${f}`));
    positive('server.peakRssBytes');
    positive('server.floorPeakRssBytes');
    positive('start.seconds');
    expect(at(results, 'start.runs')).toHaveLength(3);
    ['rps', 'p50', 'p99', 'requests'].forEach((f) => positive(`ceiling.${f}`));

    // Every target is evaluated (met or not is for the benchmark to report, not for a test).
    const targets = results.targets as { target: string; met: unknown; value: unknown; limit: unknown }[];
    // (The 10-minute runtime target applies at the default size only.)
    expect(targets).toHaveLength(10);
    for (const t of targets) {
      expect(typeof t.met, t.target).toBe('boolean');
      expect(Number.isFinite(t.value), t.target).toBe(true);
    }
    expect(output).toMatch(/target\s+value\s+limit\s+met/);
  });
});

describe('latency under saturation', () => {
  it('counts requests still waiting at the end of the window as at least their wait so far', () => {
    // 3 connections: one answered at 900 ms (its next request waits 100 ms by the end at 1000),
    // one never answered (waiting since the start), one answered at 400 ms.
    const all = windowLatencies([50, 20], [900, 400], 3, 0, 1000);
    expect(all).toEqual([20, 50, 100, 600, 1000]);
    // A starved connection moves the median: without it the two completed answers say 20–50 ms.
    expect(all[Math.ceil(all.length / 2) - 1]).toBe(100);
  });
});
