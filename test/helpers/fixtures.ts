/**
 * The fixture files, read independently of the code under test (plain JSON.parse), so expected
 * values come from the files themselves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

export type Json = Record<string, unknown>;

export const FIXTURES = {
  posthogList: 'test/fixtures/posthog-list.json',
  posthogNdjson: 'test/fixtures/posthog-recordings.ndjson',
  dynatraceNdjson: 'test/fixtures/dynatrace-sessions.ndjson',
  dynatraceJson: 'test/fixtures/dynatrace-sessions.json',
  dynatraceBad: 'test/fixtures/dynatrace-bad.ndjson',
} as const;

export const POSTHOG_FILES = [FIXTURES.posthogList, FIXTURES.posthogNdjson] as const;
export const DYNATRACE_FILES = [FIXTURES.dynatraceNdjson, FIXTURES.dynatraceJson] as const;
export const GOOD_FILES = [...POSTHOG_FILES, ...DYNATRACE_FILES] as const;

export const SEED_DYNATRACE = 'test/fixtures/seeds/dynatrace-user-session.model.md';
export const SEED_POSTHOG = 'test/fixtures/seeds/posthog-session-recording.schema.txt';

export function readText(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

/** The records of a fixture: NDJSON lines, a JSON array, or a list response's `results`. */
export function fixtureRecords(file: string): Json[] {
  const text = readText(file);
  if (file.endsWith('.ndjson')) {
    return text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Json);
  }
  const doc = JSON.parse(text) as Json | Json[];
  return Array.isArray(doc) ? doc : (doc.results as Json[]);
}

/** The lines of an NDJSON file (1-based), with their text and the value where the line parses. */
export function ndjsonLines(file: string): { line: number; text: string; value?: Json }[] {
  const lines = readText(file).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((text, i) => {
    try {
      return { line: i + 1, text, value: JSON.parse(text) as Json };
    } catch {
      return { line: i + 1, text };
    }
  });
}

export const isPosthogFile = (file: string) => (POSTHOG_FILES as readonly string[]).includes(file);

/** The counts an import of these files should report/store, derived from the fixtures. */
export function expectedCounts(files: readonly string[]) {
  const recordingIds = new Set<unknown>();
  const personUuids = new Set<unknown>();
  const sessions = new Set<string>();
  let userActions = 0;
  let events = 0;
  let errors = 0;
  for (const file of files) {
    for (const r of fixtureRecords(file)) {
      if (isPosthogFile(file)) {
        recordingIds.add(r.id);
        if (r.person) personUuids.add((r.person as Json).uuid);
      } else {
        const key = `${String(r.tenantId)}/${String(r.userSessionId)}/${String(r.partNumber ?? 0)}`;
        if (sessions.has(key)) continue;
        sessions.add(key);
        userActions += ((r.userActions as unknown[]) ?? []).length;
        events += ((r.events as unknown[]) ?? []).length;
        errors += ((r.errors as unknown[]) ?? []).length;
      }
    }
  }
  return {
    persons: personUuids.size,
    recordings: recordingIds.size,
    userSessions: sessions.size,
    userActions,
    events,
    errors,
  };
}
