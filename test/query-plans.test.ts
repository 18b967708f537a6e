/**
 * The hot queries use indexes: every statement a dashboard query runs is EXPLAINed, and no table
 * is scanned in full where an index serves (aggregates over every row are the exception).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute, GraphQLEnumType, GraphQLInputObjectType, getNamedType, parse } from 'graphql';
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as t from '../src/db/schema.js';
import { bucketStart } from '../src/db/buckets.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/db/open.js';
import { createContext } from '../src/graphql/context.js';
import { schema } from '../src/graphql/schema.js';
import { seedStore } from '../src/seed/seed.js';
import { visitLinkStatements } from '../src/db/visit-links.js';
import type { Connection } from '../src/db/statements.js';

let store: Store;

beforeAll(async () => {
  store = openStore(join(mkdtempSync(join(tmpdir(), 'sessiongraph-plans-')), 'store.db'));
  // No ANALYZE: on a test-sized table a scan can be the planner's honest best choice; without
  // statistics it plans as for a big one, which shows whether an index can serve.
  await seedStore(store, { persons: 60, seed: 2, end: new Date(Date.UTC(2030, 0, 1)) });
});
afterAll(() => store?.close());

/** Runs a query in-process and answers the plan of each statement it ran. */
async function plans(query: string, variableValues?: Record<string, unknown>): Promise<{ sql: string; plan: string[] }[]> {
  const ctx = createContext(store);
  ctx.sql.captured = [];
  const result = await execute({ schema, document: parse(query), contextValue: ctx, variableValues });
  expect(result.errors).toBeUndefined();
  expect(ctx.sql.captured.length).toBe(ctx.sql.stats.statements);
  return ctx.sql.captured.map(({ sql, params }) => ({
    sql,
    plan: (store.sqlite.prepare(`explain query plan ${sql}`).all(...(params as never[])) as { detail: string }[]).map((r) => r.detail),
  }));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function run(query: string, variableValues?: Record<string, unknown>): Promise<any> {
  const result = await execute({ schema, document: parse(query), contextValue: createContext(store), variableValues });
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
  plan.filter((d) => /^SCAN (?!.*USING (COVERING )?INDEX)/.test(d) && !/^SCAN (\(subquery-\d+\)|w|seen_at)$|CONSTANT ROW|^SCAN json_each VIRTUAL TABLE/.test(d));

const HOT = {
  'recent sessions with their first actions and person (benchmark query 1)':
    '{ userSessions(first: 100) { nodes { id startTime userActions(first: 10) { name duration stringProperties { key } } stringProperties { key } person { id name distinctIds distinctId lastSeenAt } } } }',
  'sessions in a country': '{ userSessions(first: 20, filter: { country: { eq: "Germany" } }) { nodes { id } } }',
  'a person with recordings and sessions (benchmark query 2)':
    '{ personByDistinctId(distinctId: "user-7") { id distinctIds recordings(first: 20) { totalCount nodes { id } } userSessions(first: 20) { totalCount nodes { id } } } }',
  'the slowest key user actions': '{ userActions(first: 10, filter: { keyUserAction: { eq: true } }, orderBy: [{ field: DURATION, direction: DESC }]) { nodes { name duration session { id } } } }',
  'a page after a cursor': '{ userSessions(first: 5) { pageInfo { endCursor } } }',
  'the latest JavaScript errors on Chrome 120, with their sessions':
    '{ userErrors(first: 20, filter: { type: { eq: "Error" }, session: { browserMajorVersion: { eq: "Chrome 120" } } }, orderBy: [{ field: START_TIME, direction: DESC }]) { nodes { name startTime session { id } } } }',
  'sessions of today in Vienna and errors of last week (relative time)':
    '{ userSessions(first: 20, filter: { startTime: { sinceStartOf: DAY, timeZone: "Europe/Vienna" } }) { nodes { id } } userErrors(first: 20, filter: { startTime: { previous: WEEK } }) { nodes { name } } }',
  'page changes of sessions in a country': '{ userEvents(first: 20, filter: { type: { eq: PAGE_CHANGE }, session: { country: { eq: "Germany" } } }) { totalCount nodes { page } } }',
  'sessions with their filtered errors and events':
    '{ userSessions(first: 50) { nodes { id errors(first: 3, filter: { name: { startsWith: "TypeError" } }, orderBy: [{ field: START_TIME, direction: DESC }]) { name } events(filter: { type: { eq: RAGE_CLICK } }) { page } syntheticEvents { name } } } }',
};

/** Issue 16's filters across lists: each related list is searched by its parent's key, never scanned. */
const ACROSS = {
  'sessions with some error and no /signup action':
    '{ userSessions(first: 20, filter: { errors: { some: { name: { contains: "TypeError" } } }, userActions: { none: { name: { contains: "/signup" } } } }) { totalCount nodes { id } } }',
  'sessions all of whose actions were satisfying': '{ userSessions(first: 20, filter: { userActions: { every: { apdexCategory: { eq: SATISFIED } } } }) { nodes { id } } }',
  'sessions of enterprise persons': '{ userSessions(first: 20, filter: { person: { property: [{ key: "plan", string: { eq: "enterprise" } }] } }) { nodes { id } } }',
  'persons with a recording with console errors': '{ persons(first: 20, filter: { recordings: { some: { consoleErrorCount: { gt: 0 } } } }) { nodes { id } } }',
  'persons with no sessions': '{ persons(first: 20, filter: { userSessions: { none: {} } }) { nodes { id } } }',
  // Issue 17: across the visit link, each side's links by its key, the other side by its pk.
  'replays of frustrated sessions': '{ recordings(first: 20, filter: { userSession: { some: { userExperienceScore: { eq: FRUSTRATED } } } }) { nodes { id } } }',
  'sessions whose replay had console errors': '{ userSessions(first: 20, filter: { recording: { some: { consoleErrorCount: { gt: 0 } } } }) { nodes { id } } }',
  'sessions without a replay': '{ userSessions(first: 20, filter: { hasRecording: { eq: false } }) { totalCount nodes { id } } }',
};

describe('query plans', () => {
  // Issue 17: the links of every import batch are recomputed in its transaction. A statement that
  // walks a whole project (every session, every tagged property) per batch makes an import slower
  // as the store grows (200k sessions: 100/s instead of 700/s); each must start from what the batch
  // touched and follow keys from there.
  it('the visit-link recompute of an import batch reads only what the batch touched', () => {
    const prepared: string[] = [];
    const spy: Connection = { dialect: 'sqlite', prepare: (text) => (prepared.push(text), { run: () => undefined, value: () => undefined }) };
    visitLinkStatements(store.db, spy, 'default', { property: 'posthog_session_id', toleranceMs: 60_000 });
    expect(prepared).toHaveLength(2);
    for (const text of prepared) {
      const params = Array((text.match(/\?/g) ?? []).length).fill(null);
      const plan = (store.sqlite.prepare(`explain query plan ${text}`).all(...params) as { detail: string }[]).map((r) => r.detail);
      // `ts` / `tr` (the touched rows' pks) and `pairs` (the pairs found) are the statements' own subqueries.
      expect(fullScans(plan).filter((d) => !/^SCAN (ts|tr|pairs)$/.test(d)), plan.join('\n')).toEqual([]);
      // By the project alone, or with a key or a time range: every such row of the project, every batch.
      expect(plan.filter((d) => /^SEARCH .*\(project=\?( AND (key=\?|\w+[<>]=?\?))*\)$/.test(d)), plan.join('\n')).toEqual([]);
    }
  });

  it.each(Object.entries(ACROSS))('across lists, %s: the related rows are searched by their parent key', async (_name, query) => {
    const statements = await plans(query);
    for (const { sql, plan } of statements) {
      const related = plan.filter((d) => /(user_errors|user_actions|recordings|user_sessions|person_distinct_ids|visit_links)\b/.test(d) && /CORRELATED|SEARCH/.test(d));
      expect(fullScans(plan).filter((d) => !/^SCAN (user_sessions|persons)( |$)/.test(d)), `${sql}\n${plan.join('\n')}`).toEqual([]);
      expect(related.length, plan.join('\n')).toBeGreaterThan(0);
    }
    const all = statements.flatMap((s) => s.plan).join('\n');
    if (/errors:/.test(query)) expect(all).toMatch(/SEARCH user_errors (EXISTS )?USING (COVERING )?INDEX user_errors_session_seq \(session_pk=\?\)/);
    if (/userActions:/.test(query)) expect(all).toMatch(/SEARCH user_actions (EXISTS )?USING (COVERING )?INDEX user_actions_session_seq \(session_pk=\?\)/);
    if (/recordings:/.test(query)) expect(all).toMatch(/SEARCH recordings (EXISTS )?USING (COVERING )?INDEX recordings_project_distinct_start \(project=\? AND distinct_id=\?\)/);
    if (/userSessions:/.test(query)) expect(all).toMatch(/SEARCH user_sessions (EXISTS )?USING (COVERING )?INDEX user_sessions_project_user_start \(project=\? AND user_id=\?\)/);
    if (/userSession:/.test(query)) expect(all).toMatch(/SEARCH visit_links USING (COVERING )?INDEX visit_links_recording_session \(recording_pk=\?\)/);
    if (/recording:|hasRecording/.test(query)) expect(all).toMatch(/SEARCH visit_links USING (COVERING )?INDEX visit_links_session_recording \(session_pk=\?\)/);
    if (/userSession:|recording:|hasRecording/.test(query)) expect(all).toMatch(/SEARCH (user_sessions|recordings) USING INTEGER PRIMARY KEY \(rowid=\?\)/);
  });

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
    ['userEvents', 'user_events_project_start'],
    ['userErrors', 'user_errors_project_start'],
    ['syntheticEvents', 'synthetic_events_project_timestamp'],
  ])('walks %s in their default order through %s, not a sort', async (list, index) => {
    const [statement] = await plans(`{ ${list}(first: 100) { nodes { __typename } } }`);
    expect(statement!.plan.join('\n')).toMatch(new RegExp(index));
    expect(statement!.plan.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });

  // A `session:` condition keeps the list's own order index (newest first) and looks the sessions up once, as a list.
  it.each([
    ['userErrors', 'user_errors', '{ browserMajorVersion: { eq: "Chrome 120" } }'],
    ['userEvents', 'user_events', '{ country: { eq: "Germany" } }'],
    ['syntheticEvents', 'synthetic_events', '{ browserMonitorName: { isNull: false } }'],
  ])('%s filtered by their session (%s, %s) walks the default order index and reads the sessions once', async (list, table, session) => {
    const [statement] = await plans(`{ ${list}(first: 20, filter: { session: ${session} }) { nodes { __typename } } }`);
    const plan = statement!.plan.join('\n');
    expect(plan).toMatch(new RegExp(`SEARCH ${table} USING INDEX ${table}_project_(start|timestamp) \\(project=\\?\\)`));
    expect(plan).toMatch(/LIST SUBQUERY/);
    expect(plan).not.toMatch(/CORRELATED/);
    expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    expect(fullScans(statement!.plan), plan).toEqual([]);
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

  describe('nested lists search their children by the parent key first, whatever the filter and order', () => {
    /**
     * Every nested list with `filter`/`orderBy`, the child table's index its parents' key leads
     * (what SQLite must search by), and what that search looks like in the plan.
     */
    const NESTED = [
      {
        list: 'Person.userSessions',
        table: t.userSessions,
        filter: 'UserSessionFilter',
        order: 'UserSessionOrderField',
        search: /^SEARCH user_sessions USING (COVERING )?INDEX user_sessions_project_user_start \(project=\? AND user_id=\?/,
        query: (args: string, selection = 'totalCount nodes { id }') => `{ persons(first: 20) { nodes { userSessions(${args}) { ${selection} } } } }`,
        connection: true,
      },
      {
        list: 'Person.recordings',
        table: t.recordings,
        filter: 'SessionRecordingFilter',
        order: 'SessionRecordingOrderField',
        search: /^SEARCH recordings USING (COVERING )?INDEX recordings_project_distinct_start \(project=\? AND distinct_id=\?/,
        query: (args: string, selection = 'totalCount nodes { id }') => `{ persons(first: 20) { nodes { recordings(${args}) { ${selection} } } } }`,
        connection: true,
      },
      {
        list: 'UserSession.userActions',
        table: t.userActions,
        filter: 'UserActionFilter',
        order: 'UserActionOrderField',
        search: /^SEARCH user_actions USING (COVERING )?INDEX user_actions_session_seq \(session_pk=\?/,
        query: (args: string) => `{ userSessions(first: 20) { nodes { userActions(${args}) { name } } } }`,
        connection: false,
      },
      {
        list: 'UserSession.events',
        table: t.userEvents,
        filter: 'UserEventFilter',
        order: 'UserEventOrderField',
        search: /^SEARCH user_events USING (COVERING )?INDEX user_events_session_seq \(session_pk=\?/,
        query: (args: string) => `{ userSessions(first: 20) { nodes { events(${args}) { name } } } }`,
        connection: false,
      },
      {
        list: 'UserSession.errors',
        table: t.userErrors,
        filter: 'UserErrorFilter',
        order: 'UserErrorOrderField',
        search: /^SEARCH user_errors USING (COVERING )?INDEX user_errors_session_seq \(session_pk=\?/,
        query: (args: string) => `{ userSessions(first: 20) { nodes { errors(${args}) { name } } } }`,
        connection: false,
      },
    ];

    /** For one filter field type: a range (what made SQLite pick a column's index) and an equality. */
    const conditions: Record<string, string[]> = {
      IntFilter: ['{ gte: 0 }', '{ eq: 1 }'],
      FloatFilter: ['{ gte: 0 }', '{ eq: 1 }'],
      DateTimeFilter: ['{ gte: "2000-01-01T00:00:00Z" }', '{ eq: "2029-12-01T00:00:00Z" }'],
      StringFilter: ['{ gte: "" }', '{ eq: "Germany" }'],
      BooleanFilter: ['{ eq: true }'],
    };

    /** The GraphQL name of every column that leads an index of the table after the project (duration, startTime, country, …). */
    function indexedFields(table: SQLiteTable): string[] {
      const names = new Map(Object.entries(getTableColumns(table)).map(([key, column]) => [column.name, key]));
      const columns = getTableConfig(table).indexes.flatMap((i) => i.config.columns.filter((c): c is SQLiteColumn => c instanceof SQLiteColumn && c.name !== 'project'));
      return [...new Set(columns.map((c) => names.get(c.name)!))];
    }

    const cases = NESTED.flatMap((nested) => {
      const filterFields = (schema.getType(nested.filter) as GraphQLInputObjectType).getFields();
      const orderValues = new Set((schema.getType(nested.order) as GraphQLEnumType).getValues().map((v) => v.name));
      return indexedFields(nested.table).flatMap((field) => {
        const type = filterFields[field] && getNamedType(filterFields[field].type).name;
        const screaming = field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
        return [
          ...(conditions[type ?? ''] ?? []).map((condition) => ({ nested, args: `first: 5, filter: { ${field}: ${condition} }` })),
          ...(orderValues.has(screaming) ? [{ nested, args: `first: 5, orderBy: [{ field: ${screaming}, direction: DESC }]` }] : []),
          ...(type && orderValues.has(screaming) ? [{ nested, args: `first: 5, filter: { ${field}: ${conditions[type]![0]} }, orderBy: [{ field: ${screaming}, direction: ASC }]` }] : []),
        ];
      });
    });

    /** Every step of the children's statements that reads the child table must be the parent-key search. */
    function expectParentKeySearch(statements: { sql: string; plan: string[] }[], nested: (typeof NESTED)[number]) {
      const table = getTableConfig(nested.table).name;
      const children = statements.slice(1);
      expect(children.length).toBeGreaterThan(0);
      const reads = children.flatMap(({ sql, plan }) => plan.filter((d) => new RegExp(`^(SEARCH|SCAN) ${table}\\b`).test(d)).map((d) => ({ d, sql, plan })));
      expect(reads.length).toBeGreaterThan(0);
      for (const { d, sql, plan } of reads) expect(d, `${sql}\n${plan.join('\n')}`).toMatch(nested.search);
    }

    it('covers the indexed columns (duration, startTime, country, …) of every nested list', () => {
      const listed = cases.map((c) => `${c.nested.list}(${c.args})`);
      for (const expected of [
        'Person.userSessions(first: 5, filter: { duration: { gte: 0 } })',
        'Person.userSessions(first: 5, filter: { country: { eq: "Germany" } })',
        'Person.userSessions(first: 5, filter: { startTime: { gte: "2000-01-01T00:00:00Z" } })',
        'Person.recordings(first: 5, filter: { recordingDuration: { gte: 0 } })',
        'Person.recordings(first: 5, orderBy: [{ field: CONSOLE_ERROR_COUNT, direction: DESC }])',
        'UserSession.userActions(first: 5, filter: { duration: { gte: 0 } })',
        'UserSession.userActions(first: 5, filter: { keyUserAction: { eq: true } })',
        'UserSession.events(first: 5, filter: { startTime: { gte: "2000-01-01T00:00:00Z" } })',
        'UserSession.errors(first: 5, orderBy: [{ field: START_TIME, direction: DESC }])',
      ]) {
        expect(listed).toContain(expected);
      }
    });

    it.each(cases.map((c) => [c.nested.list, c.args, c] as const))('%s(%s)', async (_list, _args, { nested, args }) => {
      expectParentKeySearch(await plans(nested.query(args)), nested);
    });

    it.each(NESTED.filter((n) => n.connection).map((n) => [n.list, n] as const))('%s after a cursor, its totalCount counted apart, searches by the parent key', async (_list, nested) => {
      const filter = nested.table === t.recordings ? '{ recordingDuration: { gte: 0 } }' : '{ duration: { gte: 0 } }';
      const first = await run(nested.query(`first: 1, filter: ${filter}`, 'pageInfo { endCursor }'));
      const cursor = first.persons.nodes.map((p: Record<string, { pageInfo: { endCursor: string | null } }>) => Object.values(p)[0]!.pageInfo.endCursor).find((c: string | null) => c != null);
      expect(cursor).toBeTruthy();
      const statements = await plans(nested.query(`first: 5, after: ${JSON.stringify(cursor)}, filter: ${filter}`));
      expect(statements.length).toBe(3);
      expectParentKeySearch(statements, nested);
    });

    it('the same with the filter sent as a variable', async () => {
      const statements = await plans(
        'query($f: UserSessionFilter) { persons(first: 20) { nodes { userSessions(first: 5, filter: $f) { totalCount nodes { id } } } } }',
        { f: { duration: { gte: 0 } } },
      );
      expectParentKeySearch(statements, NESTED[0]!);
    });
  });

  it('time-zone buckets are computed in SQL: no JavaScript call per row, the same buckets as bucketStart', async () => {
    let calls = 0;
    store.sqlite.function('sg_bucket', { deterministic: true }, (ms: unknown, interval: unknown, timeZone: unknown) => {
      calls++;
      return typeof ms === 'number' ? bucketStart(ms, interval as never, String(timeZone)) : null;
    });
    const rows = store.sqlite.prepare("select start_time as t from user_actions where project = 'default'").all() as { t: number | null }[];
    expect(rows.length).toBeGreaterThan(1000);
    for (const [interval, zone] of [['MINUTE', 'America/New_York'], ['HOUR', 'Europe/Berlin'], ['DAY', 'America/New_York'], ['WEEK', 'Australia/Lord_Howe'], ['MONTH', 'Asia/Kolkata']] as const) {
      calls = 0;
      const data = await run(`{ userActionStats(interval: ${interval}, timeZone: "${zone}", first: 10000) { dimensions { bucket } count } }`);
      expect(calls, `${interval} ${zone}: sg_bucket calls`).toBe(0);
      const expected = new Map<string | null, number>();
      for (const { t: ms } of rows) {
        const key = ms == null ? null : new Date(bucketStart(ms, interval.toLowerCase() as never, zone)).toISOString();
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      // In-process, buckets are Dates (serialized only over HTTP).
      const got = data.userActionStats.map((r: { dimensions: { bucket: Date | null }; count: number }) => [r.dimensions.bucket?.toISOString() ?? null, r.count]);
      const byTime = (a: [string | null, number], b: [string | null, number]) => (a[0] ?? '~').localeCompare(b[0] ?? '~');
      expect(got.sort(byTime), `${interval} ${zone}`).toEqual([...expected].sort(byTime));
    }
  });

  it('a funnel finds each step through the (session, seq) index from the previous step, never over every action of the project', async () => {
    const [statement, ...more] = await plans(
      '{ funnel(steps: [{ name: { contains: "page" } }, { name: { contains: "click" } }, { duration: { gte: 0 } }], filter: { country: { eq: "Germany" } }) { sessions } }',
    );
    expect(more).toEqual([]);
    const actions = statement!.plan.filter((d) => /\buser_actions\b/.test(d));
    expect(actions, statement!.plan.join('\n')).toHaveLength(3);
    for (const d of actions) expect(d, statement!.plan.join('\n')).toMatch(/^SEARCH user_actions USING INDEX user_actions_session_seq \(session_pk=\? AND seq>\?\)$/);
    expect(fullScans(statement!.plan).filter((d) => !/^SCAN (p|s\d+)$/.test(d)), statement!.plan.join('\n')).toEqual([]);
  });
});
