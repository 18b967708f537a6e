/**
 * Lists read only the columns their selection needs (src/graphql/columns.ts). Two sides:
 * - correctness: every field of every row-backed type, selected ALONE in a list, answers what it
 *   answers inside the full selection (a resolver that reads a column it did not declare would
 *   come back null or wrong here);
 * - effect: the SQL of a narrow selection names only those columns, and an undeclared field falls
 *   back to whole rows.
 */
import { execute, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/graphql/context.js';
import { schema as graphqlSchema } from '../src/graphql/schema.js';
import { introspect, type SchemaInfo } from './graphql-helpers/introspection.js';
import { FIXTURE_FILES, startServer, type TestServer } from './graphql-helpers/server.js';

let server: TestServer;
let schema: SchemaInfo;

beforeAll(async () => {
  server = await startServer({ fixtures: FIXTURE_FILES, persons: 25 });
  schema = await introspect(server);
});
afterAll(async () => {
  await server?.close();
});

/** Selections for the non-leaf fields of the row-backed types (a new one must be added here). */
const SUB: Record<string, string> = {
  person: '{ id name }',
  session: '{ id }',
  userActions: '(first: 3) { name duration }',
  events: '{ type startTime }',
  errors: '{ name type }',
  syntheticEvents: '{ name type }',
  stringProperties: '{ key value }',
  longProperties: '{ key value }',
  doubleProperties: '{ key value }',
  dateProperties: '{ key value }',
  property: '(key: "plan") { __typename }',
  summaryOutcome: '{ description success }',
  recordings: '(first: 2) { totalCount nodes { id } }',
  userSessions: '(first: 2) { totalCount nodes { id } }',
  account: '{ id }',
  // The visit links (issue 17): lists of link objects, not connections like Person's of the same names.
  'UserSession.recordings': '{ linkedBy overlapMs recording { id } }',
  'SessionRecording.userSessions': '{ linkedBy overlapMs userSession { id } }',
  timeline: '(first: 3) { totalCount edges { kind at cursor node { __typename ... on UserSession { id } ... on SessionRecording { id } } } }',
};

function selectionFor(typeName: string, field: string): string {
  const f = schema.field(typeName, field);
  if ((f.typeKind === 'SCALAR' || f.typeKind === 'ENUM') && f.requiredArgs.length === 0) return field;
  const sub = SUB[`${typeName}.${field}`] ?? SUB[field];
  if (!sub) throw new Error(`${typeName}.${field}: add a selection for it to SUB`);
  return `${field} ${sub}`;
}

/** Lists of each row-backed type, as (selection) → query, and how to find the rows in the answer. */
const LISTS: { name: string; type: string; query: (s: string) => string; rows: (data: any) => unknown[] }[] = [
  { name: 'userSessions', type: 'UserSession', query: (s) => `{ userSessions(first: 40) { nodes { ${s} } } }`, rows: (d) => d.userSessions.nodes },
  { name: 'userActions', type: 'UserAction', query: (s) => `{ userActions(first: 40) { edges { node { ${s} } } } }`, rows: (d) => d.userActions.edges.map((e: any) => e.node) },
  {
    name: 'userSessions.userActions',
    type: 'UserAction',
    query: (s) => `{ userSessions(first: 10) { nodes { userActions(first: 4) { ${s} } } } }`,
    rows: (d) => d.userSessions.nodes.flatMap((n: any) => n.userActions),
  },
  {
    name: 'userSessions.events',
    type: 'UserEvent',
    query: (s) => `{ userSessions(first: 20) { nodes { events { ${s} } } } }`,
    rows: (d) => d.userSessions.nodes.flatMap((n: any) => n.events),
  },
  {
    name: 'userSessions.errors',
    type: 'UserError',
    query: (s) => `{ userSessions(first: 20) { nodes { errors { ${s} } } } }`,
    rows: (d) => d.userSessions.nodes.flatMap((n: any) => n.errors),
  },
  { name: 'recordings', type: 'SessionRecording', query: (s) => `{ recordings(first: 40) { nodes { ${s} } } }`, rows: (d) => d.recordings.nodes },
  { name: 'persons', type: 'Person', query: (s) => `{ persons(first: 30) { nodes { ${s} } } }`, rows: (d) => d.persons.nodes },
  {
    name: 'persons.recordings',
    type: 'SessionRecording',
    query: (s) => `{ persons(first: 10) { nodes { recordings(first: 3) { edges { node { ${s} } } } } } }`,
    rows: (d) => d.persons.nodes.flatMap((n: any) => n.recordings.edges.map((e: any) => e.node)),
  },
  {
    name: 'persons.userSessions',
    type: 'UserSession',
    query: (s) => `{ persons(first: 10) { nodes { userSessions(first: 3) { nodes { ${s} } } } } }`,
    rows: (d) => d.persons.nodes.flatMap((n: any) => n.userSessions.nodes),
  },
  {
    name: 'userSessions.person',
    type: 'Person',
    query: (s) => `{ userSessions(first: 30) { nodes { person { ${s} } } } }`,
    rows: (d) => d.userSessions.nodes.map((n: any) => n.person).filter(Boolean),
  },
];

describe('each field alone answers as in the full selection', () => {
  for (const list of LISTS) {
    it(list.name, async () => {
      const fields = schema.type(list.type).fields.map((f) => f.name);
      const full = list.rows(await server.ok(list.query(fields.map((f) => selectionFor(list.type, f)).join(' ')))) as Record<string, unknown>[];
      expect(full.length, 'the list has rows to compare').toBeGreaterThan(1);
      for (const field of fields) {
        const alone = list.rows(await server.ok(list.query(selectionFor(list.type, field)))) as Record<string, unknown>[];
        expect(alone.map((r) => r[field]), `${list.type}.${field}`).toEqual(full.map((r) => r[field]));
      }
    });
  }
});

/** The SQL statements a query runs, in-process on the test's store. */
async function statements(query: string): Promise<string[]> {
  const ctx = createContext(server.store);
  ctx.sql.captured = [];
  const result = await execute({ schema: graphqlSchema, document: parse(query), contextValue: ctx });
  expect(result.errors).toBeUndefined();
  return ctx.sql.captured.map((c) => c.sql);
}

/** Column names (or aliases) in a statement's (outermost) select list. */
const selectList = (sql: string) =>
  sql
    .slice(sql.indexOf('select') + 6, sql.indexOf(' from '))
    .split(',')
    .map((c) => c.trim().replace(/"/g, '').split(' as ').pop()!.split('.').pop());

describe('what the SQL reads', () => {
  it('a narrow selection reads its columns, the pk and the order key', async () => {
    const [sessions] = await statements('{ userSessions(first: 5) { nodes { country duration } } }');
    expect(selectList(sessions!).sort()).toEqual(['country', 'duration', 'pk', 'start_time']);
  });

  it('nested actions read their columns (and the parent key), not all 48', async () => {
    const [, actions] = await statements('{ userSessions(first: 5) { nodes { id userActions(first: 2) { name } } } }');
    expect(selectList(actions!).sort()).toEqual(['name', 'parent_key', 'pk', 'seq']);
  });

  it('nested actions in another order read through a window, with the order key', async () => {
    const [, actions] = await statements('{ userSessions(first: 5) { nodes { id userActions(first: 2, orderBy: [{ field: DURATION, direction: DESC }]) { name } } } }');
    expect(selectList(actions!).sort()).toEqual(['duration', 'name', 'parent_key', 'pk', 'row_number']);
  });

  it('fragments count, and a person under a session reads only what is asked of it', async () => {
    const [, persons] = await statements(
      '{ userSessions(first: 5) { nodes { ...S } } } fragment S on UserSession { country person { ... on Person { name } } }',
    );
    expect(selectList(persons!).sort()).toEqual(['distinct_id', 'name', 'pk']);
  });

  it('a field without a declaration (__resolveType-free object) reads whole rows', async () => {
    // `person` on a session declares `userId`; a list whose node selects a field that declares
    // nothing must fall back to every column. Simulate with a field the schema does not mark.
    const sessionType = graphqlSchema.getType('UserSession') as unknown as { getFields(): Record<string, { extensions: Record<string, unknown> }> };
    const country = sessionType.getFields().country!;
    const saved = country.extensions;
    country.extensions = {};
    try {
      const [sessions] = await statements('{ userSessions(first: 5) { nodes { country } } }');
      expect(selectList(sessions!).length).toBeGreaterThan(50);
    } finally {
      country.extensions = saved;
    }
  });
});
