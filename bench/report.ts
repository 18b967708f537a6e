/** The results file's shape, the targets judged on it, and the printed table. */
import type { LoadResult } from './measure.js';
import type { QueryKey } from './queries.js';

/**
 * One load run, plus what one sample request (on the idle server) cost in SQL: statements, and
 * ms in them (the floor's ms also covers building its answer).
 */
export type RunFigures = LoadResult & { statements: number | null; sqlMs: number | null };

export interface QueryFigures {
  title: string;
  real: RunFigures;
  floor: RunFigures;
  /** Queries 1 and 2 only: the server with --no-batch (one statement per parent). */
  naive?: RunFigures | 'n/a (flag missing)';
  /** real req/s ÷ floor req/s. */
  rpsRatio: number;
  /** real p50 ÷ floor p50. */
  p50Ratio: number;
  sameAnswerAsFloor: boolean;
}

interface ImportFigures {
  seconds: number;
  sessionsPerSecond: number;
  actionsPerSecond: number;
  peakRssBytes: number;
}

export interface TargetResult {
  target: string;
  met: boolean;
  value: number;
  limit: number;
}

export interface Results {
  startedAt: string;
  runtimeSeconds: number;
  /** store: absent in results written before --store existed (SQLite). */
  options: { store?: 'sqlite' | 'pg'; sessions: number; durationSeconds: number; connections: number; quick: boolean; full: boolean };
  machine: {
    os: string;
    cpus: { model: string; count: number };
    totalMemoryBytes: number;
    /** 1, 5 and 15 minute load averages: other work on the machine skews every figure. */
    loadAverage: { atStart: number[]; atEnd: number[] };
  };
  node: string;
  sizes: { persons: number; sessions: number; actions: number; recordings: number; ndjsonBytes: number; dbBytes: number };
  import: {
    real: ImportFigures;
    /** null in PostgreSQL results written before it had an import floor (bench/import-floor-pg.ts). */
    floor: ImportFigures | null;
    /** real sessions/s ÷ floor sessions/s (the same rows, so also floor time ÷ real time); null without a floor. */
    ratio: number | null;
    /** Peak RSS of the real import for the full file and for a 4x smaller one: flat means ≈ 1. */
    memory: { fileBytes: number; peakRssBytes: number; smallFileBytes: number; smallFileSessions: number; smallFilePeakRssBytes: number; ratio: number };
  };
  queries: Record<QueryKey, QueryFigures>;
  headOfLine: { q2P99AloneMs: number; q2P99WithQ3Ms: number; ratio: number; q2RpsWithQ3: number; q3RpsDuring: number; errors: number };
  server: { peakRssBytes: number; floorPeakRssBytes: number };
  /** `npm start` when nothing changed since the last build: seconds from spawn to "ready" (median of 3). */
  start: { seconds: number; runs: number[] };
  /**
   * `{ __typename }` on the real server: HTTP, yoga and a worker round trip with no SQL at all —
   * the most any query can reach, to set beside the floors of small queries.
   */
  ceiling: LoadResult & { query: string };
  targets: TargetResult[];
}

const MiB = 2 ** 20;

/** The targets of the "Fast and measured" issue. */
export function targetsOf(r: Results): TargetResult[] {
  const atLeast = (target: string, value: number, limit: number) => ({ target, met: value >= limit, value, limit });
  const atMost = (target: string, value: number, limit: number) => ({ target, met: value <= limit, value, limit });
  return [
    ...(r.import.ratio == null ? [] : [atLeast('import ≥ 50% of its floor (sessions/s ratio)', r.import.ratio, 0.5)]),
    atLeast('import ≥ 100,000 user actions/s', r.import.real.actionsPerSecond, 100_000),
    ...(['q1', 'q2', 'q3', 'q4'] as const).map((k) => atLeast(`${k} req/s ≥ 50% of its floor (ratio)`, r.queries[k].rpsRatio, 0.5)),
    atMost("q3 p50 ≤ 1.25x its floor's (ratio)", r.queries.q3.p50Ratio, 1.25),
    atMost('q2 p99 while q3 runs ≤ 3x alone (ratio)', r.headOfLine.ratio, 3),
    atMost('server peak RSS ≤ 512 MiB (MiB)', r.server.peakRssBytes / MiB, 512),
    atMost('npm start, nothing changed: ready ≤ 3 s (s)', r.start.seconds, 3),
    ...(r.options.sessions >= 200_000 ? [atMost('runtime ≤ 600 s at the default size (s)', r.runtimeSeconds, 600)] : []),
  ];
}

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const num = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const rps = (n: number) => num(n, n < 100 ? 1 : 0);
const ms = (n: number) => num(n, n < 100 ? 1 : 0);
const ratio = (n: number) => `${num(n, 2)}x`;
const mib = (bytes: number) => `${num(bytes / MiB)} MiB`;

export function printReport(r: Results): void {
  const out: string[] = [];
  const s = r.sizes;
  out.push(
    `sessiongraph bench (${r.options.store === 'pg' ? 'PostgreSQL' : 'SQLite'}) — ${r.machine.os}, ${r.machine.cpus.count} x ${r.machine.cpus.model}, ${mib(r.machine.totalMemoryBytes)}, node ${r.node}`,
    `data: ${num(s.sessions)} user sessions, ${num(s.actions)} user actions, ${num(s.recordings)} recordings, ${num(s.persons)} persons; ` +
      `NDJSON ${mib(s.ndjsonBytes)}, database ${mib(s.dbBytes)}`,
    `load: ${r.options.durationSeconds} s per run, ${r.options.connections} connections; ` +
      `machine load average ${r.machine.loadAverage.atStart.map((n) => n.toFixed(2)).join(' ')} at start, ${r.machine.loadAverage.atEnd.map((n) => n.toFixed(2)).join(' ')} at end`,
    '',
  );
  const imp = (name: string, f: ImportFigures) => [name, num(f.seconds, 1), num(f.sessionsPerSecond), num(f.actionsPerSecond), mib(f.peakRssBytes)];
  out.push(
    table(['import', 'seconds', 'sessions/s', 'actions/s', 'peak RSS'], [
      imp('src/cli/import.ts', r.import.real),
      ...(r.import.floor && r.import.ratio != null
        ? [imp(r.options.store === 'pg' ? 'floor (COPY through pg)' : 'floor (plain better-sqlite3)', r.import.floor), ['import ÷ floor', '', ratio(r.import.ratio), '', '']]
        : [['floor', 'n/a', '', '', '']]),
      [`4x smaller file (${num(r.import.memory.smallFileSessions)} sessions)`, '', '', '', mib(r.import.memory.smallFilePeakRssBytes)],
    ]),
    '',
  );
  const rows: (string | number)[][] = [];
  for (const [key, q] of Object.entries(r.queries)) {
    const run = (variant: string, f: RunFigures, vs: string) => [
      `${key} ${variant}`,
      rps(f.rps),
      ms(f.p50),
      ms(f.p99),
      f.statements ?? '?',
      f.sqlMs == null ? '?' : num(f.sqlMs, f.sqlMs < 10 ? 2 : 1),
      f.errors ? `${f.errors} (${Object.entries(f.errorKinds ?? {}).map(([k, n]) => `${k}: ${n}`).join(', ')})` : 0,
      vs,
    ];
    rows.push(run(q.title, q.real, `${ratio(q.rpsRatio)}${q.sameAnswerAsFloor ? '' : ' (answer differs!)'}`));
    if (q.naive === 'n/a (flag missing)') rows.push([`${key} naive (--no-batch)`, 'n/a (flag missing)', '', '', '', '', '', '']);
    else if (q.naive) rows.push(run('naive (--no-batch)', q.naive, ratio(q.naive.rps / q.floor.rps)));
    rows.push(run('floor', q.floor, ''));
  }
  out.push(
    table(['query', 'req/s', 'p50 ms', 'p99 ms', 'SQL/req', 'SQL ms/req', 'errors', 'vs floor'], rows),
    'SQL/req and SQL ms/req: one sample request on the idle server (extensions.sql; the floor times its whole handler)',
    '',
  );
  const h = r.headOfLine;
  out.push(
    `head-of-line: q2 p99 ${ms(h.q2P99AloneMs)} ms alone, ${ms(h.q2P99WithQ3Ms)} ms while q3 runs (${ratio(h.ratio)}); ` +
      `meanwhile q2 ${rps(h.q2RpsWithQ3)} req/s, q3 ${rps(h.q3RpsDuring)} req/s`,
    `server ceiling: ${r.ceiling.query} ${rps(r.ceiling.rps)} req/s, p50 ${ms(r.ceiling.p50)} ms (HTTP + GraphQL + worker round trip, no SQL)`,
    `server peak RSS: ${mib(r.server.peakRssBytes)} (floor server ${mib(r.server.floorPeakRssBytes)})`,
    `npm start (nothing changed since the build): ready in ${num(r.start.seconds, 2)} s (median of ${r.start.runs.map((s) => num(s, 2)).join(', ')})`,
    '',
    table(
      ['target', 'value', 'limit', 'met'],
      r.targets.map((t) => [t.target, num(t.value, t.value < 100 ? 2 : 0), num(t.limit, t.limit < 100 ? 2 : 0), t.met ? 'yes' : 'NO']),
    ),
    '',
    `runtime ${num(r.runtimeSeconds)} s`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}
