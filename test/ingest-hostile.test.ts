/**
 * Ingest under hostile or unlucky input (issue 12): bodies that would hold the event loop, JSON
 * nested thousands deep, a full disk, numbers and dates out of range, two imports at once, and a
 * huge session imported twice. Real HTTP server (read workers on, as users run it), real SQLite
 * files, the CLI as child processes.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../src/db/open.js';
import { cli, lineReports, ROOT, TSX, useTempDir, type RunResult } from './helpers/cli.js';
import { answer, expectNoLeak, listen, type Answer, type Running } from './helpers/security.js';

const tmp = useTempDir('sessiongraph-hostile-');
const POSTHOG = '/ingest/posthog/recordings';
const DYNATRACE = '/ingest/dynatrace/sessions';

let store: Store;
let app: Running;

beforeAll(async () => {
  store = openStore(tmp.path('http.db'));
  app = await listen({ store });
});

afterAll(async () => {
  await app?.close();
  store?.close();
});

async function post(path: string, body: string | Uint8Array): Promise<Answer> {
  return answer(await fetch(`${app.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body }));
}

function count(table: string, where = '1'): number {
  return (store.sqlite.prepare(`select count(*) as n from ${table} where ${where}`).get() as { n: number }).n;
}

const ndjson = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

const recording = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  distinct_id: `d-${id}`,
  recording_duration: 60,
  start_time: '2026-10-01T12:00:00Z',
  ...extra,
});

const session = (userSessionId: string, extra: Record<string, unknown> = {}) => ({
  tenantId: 'hostile',
  userSessionId,
  startTime: Date.UTC(2026, 9, 1),
  duration: 1000,
  ...extra,
});

describe('a body of nothing but rejected lines', () => {
  it('does not hold the event loop: /health asked once the ingest is running answers before it', async () => {
    // ~1.2 MiB of `{}` lines: every one rejected (no record kind), none ever written.
    const body = '{}\n'.repeat(400_000);
    const order: string[] = [];
    let health: Promise<void> | undefined;
    // The pipeline opens its transaction once the whole body is read: from then on the ingest runs.
    const exec = store.sqlite.exec.bind(store.sqlite);
    const spy = vi.spyOn(store.sqlite, 'exec').mockImplementation((source: string) => {
      if (!health && source.startsWith('BEGIN')) {
        health = fetch(`${app.base}/health`).then(async (r) => {
          expect(r.status).toBe(200);
          await r.text();
          order.push('health');
        });
      }
      return exec(source);
    });
    try {
      const ingest = post(POSTHOG, body).then((r) => {
        order.push('ingest');
        return r;
      });
      const r = await ingest;
      await health;
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ accepted: 0, rejected: 400_000 });
      expect(order).toEqual(['health', 'ingest']);
    } finally {
      spy.mockRestore();
    }
  });
});
