/**
 * `isNull` on every nullable field (issue 16): every nullable scalar, enum, JSON or list field of
 * a type served as a list has an `isNull` condition in that type's filter, and it selects exactly
 * the rows whose stored value is null (checked on JSON and list fields, which had no filter before).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRows, type StoreRows } from './graphql-helpers/rows.js';
import { FIXTURE_FILES, NOW, startServer, type TestServer } from './graphql-helpers/server.js';

let server: TestServer;
let rows: StoreRows;
beforeAll(async () => {
  // Exports with fields the store does not model (kept in `extra`), beside ones without.
  server = await startServer({ fixtures: [...FIXTURE_FILES, 'real/dynatrace-unknown-fields.ndjson', 'real/posthog-unknown-fields.json'] });
  rows = readRows(server.store, NOW.getTime());
});
afterAll(async () => {
  await server?.close();
});

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
const TYPE = 'fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } inputFields { name type { kind name ofType { kind name } } }';

/** Types that are lists of their own, with their filter. */
const LISTED = { SessionRecording: 'SessionRecordingFilter', UserSession: 'UserSessionFilter', UserAction: 'UserActionFilter', Person: 'PersonFilter' };

describe('isNull on every nullable field', () => {
  it.each(Object.entries(LISTED))('%s: every nullable leaf, JSON or list field has a filter with isNull', async (type, filter) => {
    const data = await server.ok(`{ t: __type(name: "${type}") { ${TYPE} } f: __type(name: "${filter}") { ${TYPE} } }`);
    const inputs = new Map((data.f.inputFields as { name: string; type: TypeRef }[]).map((f) => [f.name, f.type.name]));
    const nullable = (data.t.fields as { name: string; type: TypeRef }[]).filter((f) => {
      if (f.type.kind === 'NON_NULL') return false;
      const leaf = f.type.kind === 'LIST' ? 'LIST' : f.type.kind;
      return ['SCALAR', 'ENUM', 'LIST'].includes(leaf);
    });
    expect(nullable.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const f of nullable) {
      const input = inputs.get(f.name);
      if (!input) {
        missing.push(f.name);
        continue;
      }
      const op = await server.ok(`{ __type(name: "${input}") { inputFields { name } } }`);
      if (!(op.__type.inputFields as { name: string }[]).some((i) => i.name === 'isNull')) missing.push(`${f.name} (${input} has no isNull)`);
    }
    expect(missing).toEqual([]);
  });

  it.each([
    ['userSessions', 'extra', () => rows.sessions.filter((s) => s.extra === null).length, () => rows.sessions.length],
    ['userSessions', 'matchingConversionGoals', () => rows.sessions.filter((s) => s.matchingConversionGoals === null).length, () => rows.sessions.length],
    ['recordings', 'extra', () => rows.recordings.filter((r) => r.extra === null).length, () => rows.recordings.length],
    ['recordings', 'externalReferences', () => rows.recordings.filter((r) => r.externalReferences === null).length, () => rows.recordings.length],
    ['userActions', 'extra', () => rows.actions.filter((a) => a.extra === null).length, () => rows.actions.length],
  ] as const)('%s.%s isNull: true and false select the stored nulls and the rest', async (list, field, nulls, all) => {
    const query = `query($f: ${list === 'userSessions' ? 'UserSessionFilter' : list === 'recordings' ? 'SessionRecordingFilter' : 'UserActionFilter'}) { ${list}(filter: $f) { totalCount } }`;
    const yes = await server.ok(query, { f: { [field]: { isNull: true } } });
    const no = await server.ok(query, { f: { [field]: { isNull: false } } });
    expect(yes[list].totalCount).toBe(nulls());
    expect(no[list].totalCount).toBe(all() - nulls());
  });

  it('the data has both: rows with extra and rows without', () => {
    expect(rows.sessions.some((s) => s.extra !== null) && rows.sessions.some((s) => s.extra === null)).toBe(true);
    expect(rows.recordings.some((r) => r.extra !== null) && rows.recordings.some((r) => r.extra === null)).toBe(true);
  });
});
