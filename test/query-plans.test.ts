/**
 * The hot queries use indexes: every statement a dashboard query runs is EXPLAINed, and no table
 * is scanned in full where an index serves (aggregates over every row are the exception).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/db/open.js';
import { createContext } from '../src/graphql/context.js';
import { schema } from '../src/graphql/schema.js';
import { seedStore } from '../src/seed/seed.js';

let store: Store;

beforeAll(async () => {
  store = openStore(join(mkdtempSync(join(tmpdir(), 'sessiongraph-plans-')), 'store.db'));
  // No ANALYZE: on a test-sized table a scan can be the planner's honest best choice; without
  // statistics it plans as for a big one, which shows whether an index can serve.
  await seedStore(store, { persons: 60, seed: 2, end: new Date(Date.UTC(2030, 0, 1)) });
});
afterAll(() => store?.close());

/** Runs a query in-process and answers the plan of each statement it ran. */
async function plans(query: string): Promise<{ sql: string; plan: string[] }[]> {
  const ctx = createContext(store);
  ctx.sql.captured = [];
  const result = await execute({ schema, document: parse(query), contextValue: ctx });
  expect(result.errors).toBeUndefined();
  expect(ctx.sql.captured.length).toBe(ctx.sql.stats.statements);
  return ctx.sql.captured.map(({ sql, params }) => ({
    sql,
    plan: (store.sqlite.prepare(`explain query plan ${sql}`).all(...(params as never[])) as { detail: string }[]).map((r) => r.detail),
  }));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function run(query: string): Promise<any> {
  const result = await execute({ schema, document: parse(query), contextValue: createContext(store) });
  expect(result.errors).toBeUndefined();
  return result.data;
}

/**
 * "SCAN t" without an index is a full table scan ("SCAN t USING INDEX" walks an index in order;
 * "SCAN (subquery-N)" and "SCAN w" read a window subquery's own result, not a table).
 */
// Scanning a subquery's rows, or json_each over a bound list of keys (the parents of a batch), is
// not a table scan.
const fullScans = (plan: string[]) =>
  plan.filter((d) => /^SCAN (?!.*USING (COVERING )?INDEX)/.test(d) && !/^SCAN (\(subquery-\d+\)|w)$|CONSTANT ROW|^SCAN json_each VIRTUAL TABLE/.test(d));

const HOT = {
  'recent sessions with their first actions and person (benchmark query 1)':
    '{ userSessions(first: 100) { nodes { id startTime userActions(first: 10) { name duration stringProperties { key } } stringProperties { key } person { id name distinctIds distinctId lastSeenAt } } } }',
  'sessions in a country': '{ userSessions(first: 20, filter: { country: { eq: "Germany" } }) { nodes { id } } }',
  'a person with recordings and sessions (benchmark query 2)':
    '{ personByDistinctId(distinctId: "user-7") { id distinctIds recordings(first: 20) { totalCount nodes { id } } userSessions(first: 20) { totalCount nodes { id } } } }',
  'the slowest key user actions': '{ userActions(first: 10, filter: { keyUserAction: { eq: true } }, orderBy: [{ field: DURATION, direction: DESC }]) { nodes { name duration session { id } } } }',
  'a page after a cursor': '{ userSessions(first: 5) { pageInfo { endCursor } } }',
};

describe('query plans', () => {
  it.each(Object.entries(HOT))('%s: no full table scan', async (_name, query) => {
    const statements = await plans(query);
    expect(statements.length).toBeGreaterThan(0);
    for (const { sql, plan } of statements) expect(fullScans(plan), `${sql}\n${plan.join('\n')}`).toEqual([]);
  });

  // Every root list in its default order (newest first) walks an index: a sort would read every row of the project per page.
  it.each([
    ['userSessions', 'user_sessions_project_start'],
    ['recordings', 'recordings_project_start'],
    ['userActions', 'user_actions_project_start'],
    ['persons', 'persons_project_created'],
  ])('walks %s in their default order through %s, not a sort', async (list, index) => {
    const [statement] = await plans(`{ ${list}(first: 100) { nodes { __typename } } }`);
    expect(statement!.plan.join('\n')).toMatch(new RegExp(index));
    expect(statement!.plan.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });

  it('reaches children through their parent key, never through a project-wide index', async () => {
    const statements = await plans(HOT['recent sessions with their first actions and person (benchmark query 1)']);
    for (const { sql, plan } of statements.slice(1)) {
      expect(plan.filter((d) => /USING (COVERING )?INDEX \w+ \(project=\?\)$/.test(d)), `${sql}\n${plan.join('\n')}`).toEqual([]);
    }
  });

  it('finds nested actions and person links by index', async () => {
    const statements = await plans(HOT['recent sessions with their first actions and person (benchmark query 1)']);
    const all = statements.map((s) => s.plan.join('\n')).join('\n');
    // The first 10 in session order are a range of the (session, seq) index: no window over all of them.
    expect(all).toMatch(/SEARCH user_actions USING INDEX user_actions_session_seq \(session_pk=\? AND seq<\?\)/);
    expect(statements.map((s) => s.sql).join('\n')).not.toMatch(/row_number/);
    expect(all).toMatch(/SEARCH person_distinct_ids USING (PRIMARY KEY|INDEX sqlite_autoindex_person_distinct_ids)/);
  });

  it('the first N children in session order are the same as the first N of all of them', async () => {
    const query = (first: string) => `{ userSessions(first: 30) { nodes { id userActions${first} { name } events { type } } } }`;
    const firstThree = (await run(query('(first: 3)'))).userSessions.nodes;
    const all = (await run(query(''))).userSessions.nodes;
    expect(all.some((s: { userActions: unknown[] }) => s.userActions.length > 3), 'some session has more than 3 actions').toBe(true);
    expect(firstThree).toEqual(all.map((s: { userActions: unknown[] }) => ({ ...s, userActions: s.userActions.slice(0, 3) })));
  });

  it('the example detector sees a full scan when there is one', () => {
    const plan = (store.sqlite.prepare("explain query plan select * from user_sessions where city = 'Linz'").all() as { detail: string }[]).map((r) => r.detail);
    expect(fullScans(plan)).not.toEqual([]);
  });
});
