/**
 * Measuring: HTTP load with autocannon (fixed duration, fixed connections), one-off sample
 * requests, waiting for a server to drain, peak memory of a process from /proc, and a free port.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import autocannon from 'autocannon';

export interface LoadSettings {
  connections: number;
  /** Seconds measured. */
  duration: number;
  /**
   * Seconds of the same load before the measured window. The server is already saturated when
   * measuring starts: with 32 concurrent requests that the server interleaves, the first
   * responses of a cold start all arrive late together, which is not the steady state.
   */
  warmup: number;
}

export interface LoadResult {
  /** Successful responses per second in the measured window (2xx without GraphQL errors). */
  rps: number;
  /**
   * Latency percentiles (ms) of the responses completed in the measured window and of the
   * requests still waiting when it closes (see windowLatencies).
   */
  p50: number;
  p99: number;
  requests: number;
  /** Non-2xx, GraphQL errors, socket errors and timeouts: any of these makes the figures suspect. */
  errors: number;
  /** What the errors were (HTTP status, error code), when there were any. */
  errorKinds?: Record<string, number>;
}

export interface Target {
  url: string;
  body: string;
}

/** Nearest-rank percentile of ascending values. */
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * The latencies the percentiles are taken over: every response completed in the window, and every
 * request still waiting when it closes, counted as at least as long as it has waited. With only
 * completed responses, a saturated server that starves some connections (their requests never
 * finish within the window, so they are never counted) would look faster than one that serves
 * every connection in turn. Each connection has one request in flight: sent when its previous
 * response came (`lastResponses`), or at the start for a connection that never got one.
 */
export function windowLatencies(completed: readonly number[], lastResponses: readonly number[], connections: number, start: number, end: number): number[] {
  const waiting = lastResponses.map((t) => Math.max(0, end - t));
  for (let i = lastResponses.length; i < connections; i++) waiting.push(end - start);
  return [...completed, ...waiting].sort((a, b) => a - b);
}

/**
 * Runs autocannon against a target, keeping its own record of the responses that complete in
 * the measured window (after the warm-up), so warm-up and measurement are one continuous load.
 * Runs for warmup + duration seconds, or until stop() when `open` (the background load).
 */
function run(target: Target, settings: LoadSettings, open: boolean) {
  const begin = performance.now();
  const windowStart = begin + settings.warmup * 1000;
  const latencies: number[] = [];
  let graphqlErrors = 0;
  let failures = 0;
  const kinds: Record<string, number> = {};
  const fail = (kind: string) => {
    failures++;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  };
  let end = 0;
  const inWindow = () => performance.now() >= windowStart;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const instance = autocannon(
    {
      url: target.url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: target.body,
      connections: settings.connections,
      // The background load runs until stopped; this is only an upper bound.
      duration: settings.warmup + settings.duration + (open ? 3600 : 0),
      // A heavy query queued behind 31 others can take many seconds at the larger sizes; a
      // timeout would turn slowness into errors. Requests in flight at the end count as waiting.
      timeout: 300,
      // GraphQL reports failures with status 200: counted here, never as throughput.
      verifyBody: (body) => {
        if (String(body ?? '').includes('"errors":') && inWindow()) {
          graphqlErrors++;
          kinds['GraphQL errors'] = (kinds['GraphQL errors'] ?? 0) + 1;
        }
        return true;
      },
    },
    () => {
      end ||= performance.now();
      finished();
    },
  );
  const lastResponse = new Map<object, number>();
  instance.on('response', (client, statusCode, _bytes, responseTime) => {
    lastResponse.set(client, performance.now());
    if (!inWindow()) return;
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    else fail(`HTTP ${statusCode}`);
  });
  instance.on('reqError', (err: { code?: string; message?: string }) => {
    if (inWindow()) fail(err.code ?? err.message ?? 'request error');
  });
  const result = async (): Promise<LoadResult> => {
    await done;
    const seconds = Math.max(0.001, (end - windowStart) / 1000);
    const all = windowLatencies(latencies, [...lastResponse.values()], settings.connections, begin, end);
    const ok = Math.max(0, latencies.length - graphqlErrors);
    const errors = graphqlErrors + failures;
    return { rps: ok / seconds, p50: percentile(all, 50), p99: percentile(all, 99), requests: ok, errors, ...(errors ? { errorKinds: kinds } : {}) };
  };
  return {
    result,
    stop() {
      end ||= performance.now();
      instance.stop();
      return result();
    },
  };
}

/** One load test: warm-up, then `duration` seconds measured. */
export function load(target: Target, settings: LoadSettings): Promise<LoadResult> {
  return run(target, settings, false).result();
}

/** A load that runs until stopped (the background traffic of the head-of-line test). */
export function background(target: Target, settings: LoadSettings): { stop(): Promise<LoadResult> } {
  return run(target, settings, true);
}

/**
 * One request on an idle server, to read the answer and what it cost in SQL (`extensions.sql`:
 * statements, and ms spent in them) — the figures compare answers and statements per request.
 */
export async function sample(target: Target): Promise<{ data: unknown; statements: number | null; sqlMs: number | null; errors?: unknown }> {
  const res = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: target.body });
  const json = (await res.json()) as { data?: unknown; errors?: unknown; extensions?: { sql?: { statements?: number; ms?: number } } };
  const sql = json.extensions?.sql;
  return { data: json.data ?? null, statements: sql?.statements ?? null, sqlMs: sql?.ms ?? null, errors: json.errors };
}

/** CPU time a process has used so far, in clock ticks (all its threads); null once it is gone. */
function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/**
 * Waits until a server has worked off the requests the last run left behind (autocannon drops
 * its connections at the end, but the server still executes what it has read), so one run's
 * backlog does not slow the next. Idle = under 10% of a core, twice in a row.
 */
export async function waitIdle(pid: number, timeoutMs = 300_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  const interval = 100;
  const tick = interval / 1000 / 0.01; // clock ticks in an interval (USER_HZ is 100 on Linux)
  let calm = 0;
  let before = cpuTicks(pid);
  while (before !== null && Date.now() < until) {
    await new Promise((r) => setTimeout(r, interval));
    const now = cpuTicks(pid);
    if (now === null) return;
    calm = now - before <= tick * 0.1 ? calm + 1 : 0;
    if (calm >= 2) return;
    before = now;
  }
  if (before !== null) throw new Error(`process ${pid} stayed busy for ${timeoutMs / 1000} s`);
}

/** Peak resident set size (VmHWM) of a live process, in bytes; null once it is gone. */
export function peakRss(pid: number): number | null {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Follows a child's peak RSS while it runs: VmHWM only grows, so the last reading before the
 * process exits is its peak (to within one interval). /proc is gone once it has exited.
 */
export function watchPeakRss(pid: number, intervalMs = 50): { stop(): number | null } {
  let last: number | null = peakRss(pid);
  const timer = setInterval(() => {
    last = peakRss(pid) ?? last;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return last;
    },
  };
}

/** A free TCP port on loopback (asked of the OS, then released for the server to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
