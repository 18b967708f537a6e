/**
 * Flat memory: importing a file about 8x larger must not need memory in proportion to its size.
 * Each import runs in its own process, which reports its peak RSS (test/helpers/report-rss.mjs).
 */
import { statSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { writeDatasetNdjson } from '../src/seed/files.js';
import type { DatasetOptions } from '../src/seed/generate.js';
import { jsonOutput, run, useTempDir } from './helpers/cli.js';
import { withStore } from './helpers/store.js';

const tmp = useTempDir();
const MiB = 1 << 20;

const SMALL: DatasetOptions = { persons: 300, sessionsPerPerson: 2, seed: 11, end: new Date('2026-11-01T00:00:00Z') };
const LARGE: DatasetOptions = { ...SMALL, persons: 2400 };

/**
 * V8 sizes its heaps by allocation rate and elapsed time, not by what is live: left alone, two
 * runs of the same import differed by up to 50 MiB of peak RSS. Capping the old and young
 * generations (the import's live heap is ~30 MiB) makes peak RSS track what the import keeps
 * alive rather than when V8 last collected garbage.
 */
const NODE_FLAGS = ['--max-old-space-size=96', '--max-semi-space-size=2'];

/** Data set files already written, by path: the control re-imports the large one. */
const written = new Map<string, { records: number; bytes: number }>();

interface Measured {
  bytes: number;
  records: number;
  rssBytes: number;
  dbBytes: number;
  summary: Record<string, unknown>;
}

async function measureImport(name: string, options: DatasetOptions, preload: string[] = []): Promise<Measured> {
  const file = tmp.path(`${options.persons}-persons.ndjson`);
  const db = tmp.path(`${name}.db`);
  const { records, bytes } = written.get(file) ?? (await writeDatasetNdjson(file, options));
  written.set(file, { records, bytes });
  const result = await run(process.execPath, [
    ...NODE_FLAGS,
    '--import',
    'tsx',
    '--import',
    './test/helpers/report-rss.mjs',
    ...preload.flatMap((p) => ['--import', p]),
    'src/cli/import.ts',
    '--db',
    db,
    '--json',
    file,
  ]);
  expect(result.code, result.stderr).toBe(0);
  const m = /^\[report-rss\] maxRSS=(\d+)$/m.exec(result.stderr);
  expect(m, `no RSS report in: ${result.stderr}`).not.toBeNull();
  expect(result.stderr.replace(m![0], '').trim()).toBe('');
  return { bytes, records, rssBytes: Number(m![1]) * 1024, dbBytes: statSync(db).size, summary: jsonOutput(result) };
}

describe('import memory', () => {
  let small: Measured;
  let large: Measured;
  let leaky: Measured;
  let pageCacheBytes: number;

  beforeAll(async () => {
    small = await measureImport('small', SMALL);
    large = await measureImport('large', LARGE);
    // The control: the same large import, made to keep its input alive.
    leaky = await measureImport('leaky', LARGE, ['./test/helpers/leak-input.mjs']);
    // SQLite's page cache holds up to this much of the database (a fixed, configured bound).
    pageCacheBytes = withStore(tmp.path('small.db'), ({ sqlite }) => {
      const size = sqlite.pragma('cache_size', { simple: true }) as number;
      return size < 0 ? -size * 1024 : size * (sqlite.pragma('page_size', { simple: true }) as number);
    });
  });

  test('both files import completely', () => {
    for (const [m, options] of [[small, SMALL], [large, LARGE], [leaky, LARGE]] as const) {
      expect(m.summary.rejected).toBe(0);
      expect(m.summary.persons).toBe(options.persons);
      expect((m.summary.recordings as number) + (m.summary.userSessions as number) + (m.summary.persons as number)).toBe(m.records);
    }
    // The large file is the intended size: about 8x the small one, tens of MB, at most ~10k sessions.
    expect(large.bytes / small.bytes).toBeGreaterThan(6);
    expect(large.bytes).toBeGreaterThan(30 * MiB);
    expect(large.summary.userSessions).toBeLessThanOrEqual(10_000);
  });

  /**
   * Peak RSS may grow by what SQLite's page cache holds of the larger database (up to its
   * configured size); beyond that, by much less than the input grew, and by less than 60 MiB in
   * all. Measured on 2 cores for ~50 MiB more input: the growth beyond the page cache is 0-20 MiB
   * (allocator and JIT warm-up that levels off), while keeping the input alive adds 55-70 MiB.
   * The 60% bound sits between the two.
   */
  function withinBounds(m: Measured) {
    const growth = m.rssBytes - small.rssBytes;
    const inputGrowth = m.bytes - small.bytes;
    const cacheGrowth = Math.min(m.dbBytes, pageCacheBytes) - Math.min(small.dbBytes, pageCacheBytes);
    const report =
      `input ${(small.bytes / MiB).toFixed(1)} → ${(m.bytes / MiB).toFixed(1)} MiB; ` +
      `database ${(small.dbBytes / MiB).toFixed(1)} → ${(m.dbBytes / MiB).toFixed(1)} MiB; ` +
      `peak RSS ${(small.rssBytes / MiB).toFixed(1)} → ${(m.rssBytes / MiB).toFixed(1)} MiB`;
    return { report, ok: growth - cacheGrowth < 0.6 * inputGrowth && growth < 60 * MiB };
  }

  test('peak RSS grows far less than the input', () => {
    const { report, ok } = withinBounds(large);
    console.log(`import memory: ${report}`);
    expect(ok, report).toBe(true);
  });

  test('control: the same bounds catch an import that keeps its input alive', () => {
    const { report, ok } = withinBounds(leaky);
    console.log(`leaky import memory: ${report}`);
    expect(ok, report).toBe(false);
  });
});
