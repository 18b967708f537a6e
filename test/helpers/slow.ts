/**
 * A real query that runs long inside one SQLite statement, on a store made for it: a few actions
 * whose names are long runs of "a", searched with `contains` texts of "a…ab". SQLite's LIKE tries
 * the text at every position of the name and compares almost all of it each time, so one
 * condition costs about name length × text length per row (~0.1 s per row and condition here).
 * The work is CPU inside one statement: the 10 s SQL budget (checked between statements) does not
 * stop it, only the end of the thread or the process does.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { openStore, type Store } from '../../src/db/open.js';
import { importFile } from '../../src/ingest/files.js';
import { MAX_MATCH_TEXT } from '../../src/graphql/filters.js';

export const LONG_NAME = 100_000;

/** Imports `actions` actions with names of LONG_NAME "a"s (project `default`, or `project`) into the SQLite store at `path`. */
export async function slowStore(path: string, actions: number, project = 'default'): Promise<Store> {
  const store = openStore(path);
  const start = Date.UTC(2026, 0, 5, 10);
  const sessions = Array.from({ length: actions }, (_, i) => ({
    tenantId: 'slow',
    userSessionId: `SLOW${String(i).padStart(6, '0')}`,
    startTime: start + i * 60_000,
    endTime: start + i * 60_000 + 5_000,
    duration: 5_000,
    country: 'Austria',
    userActions: [{ name: 'a'.repeat(LONG_NAME), type: 'Load', startTime: start + i * 60_000, endTime: start + i * 60_000 + 1_000, duration: 1_000 }],
  }));
  const file = join(dirname(path), `slow-${actions}.ndjson`);
  writeFileSync(file, sessions.map((s) => JSON.stringify(s)).join('\n') + '\n');
  const summary = await importFile(store, file, { project });
  expect(summary.rejected, JSON.stringify(summary.errors.slice(0, 3))).toBe(0);
  expect(summary.accepted).toBeGreaterThanOrEqual(actions);
  return store;
}

/**
 * `{ userActions(filter: { or: [conditions × contains "a…ab"] }) { totalCount } }`: matches
 * nothing, and costs `conditions` × (actions of the store) slow LIKE comparisons in one statement.
 */
export function slowQuery(conditions: number): string {
  const text = `${'a'.repeat(MAX_MATCH_TEXT - 1)}b`;
  const or = Array.from({ length: conditions }, () => `{ name: { contains: "${text}" } }`).join(', ');
  return `{ userActions(filter: { or: [${or}] }) { totalCount } }`;
}
