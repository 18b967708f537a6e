/**
 * sessiongraph in a supergraph behind the gateways people run: Hive Gateway (the runtime of
 * `@graphql-hive/gateway`, in-process) and Apollo Gateway, over the same two subgraphs on loopback
 * HTTP — sessiongraph with its default read workers on a seeded SQLite file, and a small
 * support-tickets subgraph that extends Person. Filtered, paginated, stats and cross-subgraph
 * queries must answer through each gateway exactly what sessiongraph answers directly, and what
 * the data says. Gateways rewrite queries (Hive hoists inline arguments into variables), so the
 * subgraph sees shapes that hand-written tests do not send: the requests it received are checked.
 */
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ticketsFor, ticketsSchema, TICKETS_SDL, type Ticket } from './helpers/tickets-subgraph.js';
import { useApolloFederation } from '@envelop/apollo-federation';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedSubgraphSchema } from '../src/graphql/schema.js';
import { ingest } from '../src/ingest/pipeline.js';
import { closeServer, listenOnLoopback, postGraphQL, serveSeededStore, type Json, type ServedStore } from './helpers/served-store.js';

let sessiongraph: ServedStore;
let tickets: Ticket[];
const servers: Server[] = [];
let hive: GatewayRuntime;
let apollo: ApolloGateway;
/** What Hive Gateway sent to sessiongraph: the rewritten operations and their variables. */
const hiveSubgraphRequests: { query: string; variables?: Json }[] = [];
const gateways: Record<'Hive Gateway' | 'Apollo Gateway', string> = { 'Hive Gateway': '', 'Apollo Gateway': '' };

const sql = <T>(query: string, ...params: unknown[]): T[] => sessiongraph.store.sqlite.prepare(query).all(...params) as T[];
const sqlCount = (where: string, ...params: unknown[]) => sql<{ n: number }>(`select count(*) n from user_sessions where ${where}`, ...params)[0]!.n;

beforeAll(async () => {
  sessiongraph = await serveSeededStore({
    prefix: 'sessiongraph-hive-',
    persons: 40,
    seed: 9,
    app: { federation: true },
    prepare: async (store) => {
      await ingest(store, [
        { line: 1, value: { id: 5000, uuid: 'acct-person', name: 'Ada', distinct_ids: ['ada-1', 'ada-2'], properties: { account_id: 'acc-7' } } },
      ]);
    },
  });
  // Tickets for the persons that have sessions, each pointing at one of them.
  const withSessions = sql<{ id: number; session: string }>(
    `select p.id, min(s.tenant_id || ':' || s.user_session_id || ':' || s.part_number) session
       from persons p join person_distinct_ids d on d.person_pk = p.pk join user_sessions s on s.user_id = d.distinct_id
      group by p.id order by p.id limit 4`,
  );
  tickets = ticketsFor(withSessions.map(({ id, session }) => ({ personId: id, sessionId: session })));
  const ticketsServer = createServer(createYoga({ schema: ticketsSchema(() => tickets), logging: false }));
  servers.push(ticketsServer);
  const ticketsUrl = await listenOnLoopback(ticketsServer);

  const composed = composeServices([
    { name: 'sessiongraph', typeDefs: parse(printedSubgraphSchema()), url: sessiongraph.url },
    { name: 'tickets', typeDefs: parse(TICKETS_SDL), url: ticketsUrl },
  ]);
  expect(composed.errors ?? []).toEqual([]);

  hive = createGatewayRuntime({
    supergraph: composed.supergraphSdl!,
    logging: false,
    plugins: () => [
      {
        onFetch({ url, options }) {
          if (url === sessiongraph.url && typeof options.body === 'string') hiveSubgraphRequests.push(JSON.parse(options.body));
        },
      },
    ],
  });
  const hiveServer = createServer(hive);
  servers.push(hiveServer);
  gateways['Hive Gateway'] = await listenOnLoopback(hiveServer);

  apollo = new ApolloGateway({ supergraphSdl: composed.supergraphSdl! });
  const { schema } = await apollo.load();
  const apolloServer = createServer(createYoga({ schema, plugins: [useApolloFederation({ gateway: apollo })], logging: false }));
  servers.push(apolloServer);
  gateways['Apollo Gateway'] = await listenOnLoopback(apolloServer);
});

afterAll(async () => {
  await apollo?.stop();
  await hive?.dispose();
  await Promise.all(servers.map(closeServer));
  await sessiongraph?.close();
});

/** `value` as a GraphQL literal, for writing a variable's value inline. */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v)}`)
      .join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** Through a gateway: no errors, and the data. */
async function viaGateway(url: string, query: string, variables?: Json): Promise<Json> {
  const result = await postGraphQL(url, query, variables);
  expect(result.errors, `${query} ${JSON.stringify(variables)}`).toBeUndefined();
  return result.data!;
}

/** sessiongraph alone, for the same query. */
async function direct(query: string, variables?: Json): Promise<Json> {
  const result = await postGraphQL(sessiongraph.url, query, variables);
  expect(result.errors, `${query} ${JSON.stringify(variables)}`).toBeUndefined();
  return result.data!;
}

const SESSIONS = /* GraphQL */ `
  query Sessions($f: UserSessionFilter, $first: Int, $after: String) {
    userSessions(first: $first, after: $after, filter: $f, orderBy: [{ field: START_TIME, direction: DESC }]) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id country duration }
    }
  }
`;

/** The data's two most common countries and a duration threshold near its median. */
function sample() {
  const [a, b] = sql<{ country: string }>('select country from user_sessions where country is not null group by country order by count(*) desc, country limit 2');
  const durations = sql<{ duration: number }>('select duration from user_sessions where duration is not null order by duration');
  return { a: a!.country, b: b!.country, median: durations[Math.floor(durations.length / 2)]!.duration };
}

/** Filters with what the data says they match (SQL written independently of src/). */
function filterCases() {
  const { a, b, median } = sample();
  const total = sqlCount('1');
  return [
    { name: 'eq', filter: { country: { eq: a } }, count: sqlCount('country = ?', a) },
    { name: 'or', filter: { or: [{ country: { eq: a } }, { country: { eq: b } }] }, count: sqlCount('country in (?, ?)', a, b) },
    { name: 'not', filter: { not: { country: { eq: a } } }, count: total - sqlCount('country = ?', a) },
    {
      name: 'and of nested lists',
      filter: { and: [{ duration: { gte: median } }, { country: { in: [a, b] } }] },
      count: sqlCount('duration >= ? and country in (?, ?)', median, a, b),
    },
    { name: 'empty', filter: {}, count: total },
  ];
}

describe.each(['Hive Gateway', 'Apollo Gateway'] as const)('through %s', (gatewayName) => {
  const url = () => gateways[gatewayName];

  it('filters with the filter as a variable, as typed clients send it', async () => {
    for (const { name, filter, count } of filterCases()) {
      const variables = { f: filter, first: 5 };
      const answer = await viaGateway(url(), SESSIONS, variables);
      expect(answer.userSessions.totalCount, name).toBe(count);
      expect(answer, name).toEqual(await direct(SESSIONS, variables));
    }
    expect(sqlCount('1')).toBeGreaterThan(filterCases()[0]!.count);
  });

  it('filters with the filter written inline', async () => {
    for (const { name, filter, count } of filterCases()) {
      const query = `{ userSessions(first: 5, filter: ${literal(filter)}, orderBy: [{ field: START_TIME, direction: DESC }]) { totalCount nodes { id country duration } } }`;
      const answer = await viaGateway(url(), query);
      expect(answer.userSessions.totalCount, name).toBe(count);
      expect(answer, name).toEqual(await direct(query));
      // Inline and as a variable answer the same.
      const asVariable = await viaGateway(url(), SESSIONS, { f: filter, first: 5 });
      expect(asVariable.userSessions.nodes, name).toEqual(answer.userSessions.nodes);
    }
  });

  it('filters persons with a PersonFilter variable, including an empty one', async () => {
    const query = `query($f: PersonFilter) { persons(first: 50, filter: $f, orderBy: [{ field: ID, direction: ASC }]) { totalCount nodes { id name } } }`;
    const [ada] = sql<{ id: number }>(`select p.id from persons p join person_distinct_ids d on d.person_pk = p.pk where d.distinct_id = 'ada-2'`);
    const all = sql<{ id: number }>('select id from persons order by id');
    for (const [filter, ids] of [
      [{}, all.map((p) => String(p.id))],
      [{ distinctId: { eq: 'ada-2' } }, [String(ada!.id)]],
      [{ not: { distinctId: { startsWith: 'ada-' } } }, all.filter((p) => p.id !== ada!.id).map((p) => String(p.id))],
    ] as const) {
      const answer = await viaGateway(url(), query, { f: filter });
      expect(answer.persons.nodes.map((p: Json) => p.id), JSON.stringify(filter)).toEqual(ids);
      expect(answer).toEqual(await direct(query, { f: filter }));
    }
  });

  it('pages through persons with first/after, each cursor taken from the previous page', async () => {
    const query = `query Page($first: Int!, $after: String) {
      persons(first: $first, after: $after, orderBy: [{ field: ID, direction: ASC }]) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id name }
      } }`;
    const expected = sql<{ id: number }>('select id from persons order by id').map((p) => String(p.id));
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const variables: Json = { first: 7, after };
      const answer = await viaGateway(url(), query, variables);
      expect(answer).toEqual(await direct(query, variables));
      seen.push(...answer.persons.nodes.map((p: Json) => p.id));
      if (!answer.persons.pageInfo.hasNextPage) break;
      after = answer.persons.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    expect(expected.length).toBeGreaterThan(14);
  });

  it('pages through filtered sessions: every match once, none twice', async () => {
    const { a, b } = sample();
    const filter = { or: [{ country: { eq: a } }, { country: { eq: b } }] };
    const expected = sql<{ id: string }>(
      `select tenant_id || ':' || user_session_id || ':' || part_number id from user_sessions where country in (?, ?)`,
      a,
      b,
    ).map((r) => r.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const variables: Json = { f: filter, first: 10, after };
      const answer = await viaGateway(url(), SESSIONS, variables);
      expect(answer).toEqual(await direct(SESSIONS, variables));
      seen.push(...answer.userSessions.nodes.map((s: Json) => s.id));
      if (!answer.userSessions.pageInfo.hasNextPage) break;
      after = answer.userSessions.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...expected].sort());
    expect(expected.length).toBeGreaterThan(20);
  });

  it('answers stats grouped by country for a filter variable, as the data says', async () => {
    const { median } = sample();
    const query = `query Stats($f: UserSessionFilter) {
      userSessionStats(groupBy: [COUNTRY], filter: $f, orderBy: [{ by: COUNT, direction: DESC }, { dimension: COUNTRY, direction: ASC }]) {
        dimensions { country } count max(field: DURATION) min(field: DURATION)
      } }`;
    const variables = { f: { duration: { gte: median } } };
    const answer = await viaGateway(url(), query, variables);
    expect(answer).toEqual(await direct(query, variables));
    const expected = sql<{ country: string | null; n: number; max: number; min: number }>(
      `select country, count(*) n, max(duration) max, min(duration) min from user_sessions where duration >= ?
        group by country order by n desc, country`,
      median,
    );
    expect(answer.userSessionStats).toEqual(expected.map((r) => ({ dimensions: { country: r.country }, count: r.n, max: r.max, min: r.min })));
    // Inline, the same.
    const inline = await viaGateway(url(), query.replace('query Stats($f: UserSessionFilter)', '').replace('filter: $f', `filter: ${literal(variables.f)}`));
    expect(inline).toEqual(answer);
  });

  it("crosses subgraphs: persons' tickets beside their filtered sessions", async () => {
    const { a } = sample();
    const query = `query Cross($pf: PersonFilter, $sf: UserSessionFilter) {
      persons(first: 40, filter: $pf, orderBy: [{ field: ID, direction: ASC }]) { nodes {
        id name
        tickets(status: OPEN) { id status }
        userSessions(first: 3, filter: $sf, orderBy: [{ field: START_TIME, direction: DESC }]) { totalCount nodes { id country } }
      } } }`;
    const variables = { pf: { id: { in: tickets.map((t) => Number(t.personId)) } }, sf: { not: { country: { eq: a } } } };
    const answer = await viaGateway(url(), query, variables);
    const alone = await direct(query.replace('tickets(status: OPEN) { id status }', ''), variables);
    const nodes = answer.persons.nodes as Json[];
    expect(nodes.map(({ tickets: _, ...rest }) => rest)).toEqual(alone.persons.nodes);
    expect(nodes.map((p) => p.id)).toEqual([...new Set(tickets.map((t) => t.personId))]);
    for (const person of nodes) {
      expect(person.tickets).toEqual(tickets.filter((t) => t.personId === person.id && t.status === 'OPEN').map((t) => ({ id: t.id, status: t.status })));
      const count = sql<{ n: number }>(
        `select count(*) n from user_sessions s join person_distinct_ids d on d.distinct_id = s.user_id join persons p on p.pk = d.person_pk
          where p.id = ? and not (s.country = ?)`,
        Number(person.id),
        a,
      )[0]!.n;
      expect(person.userSessions.totalCount).toBe(count);
    }
  });

  it('resolves sessiongraph entities for the other subgraph, with a filtered list on each (inline and as a variable)', async () => {
    const { a } = sample();
    const inline = `{ tickets { id
      person { id name userSessions(first: 2, filter: { country: { ne: ${JSON.stringify(a)} } }) { totalCount nodes { id } } }
      session { id country duration } } }`;
    const withVariable = `query($sf: UserSessionFilter) { tickets { id
      person { id name userSessions(first: 2, filter: $sf) { totalCount nodes { id } } }
      session { id country duration } } }`;
    const answer = await viaGateway(url(), inline);
    expect(await viaGateway(url(), withVariable, { sf: { country: { ne: a } } })).toEqual(answer);
    for (const t of answer.tickets as Json[]) {
      const source = tickets.find((x) => x.id === t.id)!;
      const person = await direct(
        `query($id: ID!, $sf: UserSessionFilter) { person(id: $id) { id name userSessions(first: 2, filter: $sf) { totalCount nodes { id } } } }`,
        { id: source.personId, sf: { country: { ne: a } } },
      );
      expect(t.person).toEqual(person.person);
      if (source.sessionId) {
        const session = await direct(`query($id: ID!) { userSession(id: $id) { id country duration } }`, { id: source.sessionId });
        expect(t.session).toEqual(session.userSession);
        expect(t.session.id).toBe(source.sessionId);
      } else expect(t.session).toBeNull();
    }
  });
});

describe('what Hive Gateway sends to sessiongraph', () => {
  /** The requests sessiongraph received whose variables carry `marker`. */
  const carrying = (marker: string) => hiveSubgraphRequests.filter((r) => JSON.stringify(r.variables ?? {}).includes(marker));

  it('hoists an inline filter into a variable of the self-referencing input type, and sessiongraph answers it', async () => {
    const { a } = sample();
    const marker = `inline-${process.pid}-${Date.now()}`;
    const query = `{ userSessions(first: 3, filter: { or: [{ city: { eq: ${JSON.stringify(marker)} } }, { not: { country: { ne: ${JSON.stringify(a)} } } }] }) { totalCount nodes { id country } } }`;
    const answer = await viaGateway(gateways['Hive Gateway'], query);
    expect(answer).toEqual(await direct(query));
    expect(answer.userSessions.totalCount).toBe(sqlCount('city = ? or country = ?', marker, a));
    const sent = carrying(marker);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.query).not.toContain(marker);
    expect(sent[0]!.query).toMatch(/\$\w+:\s*UserSessionFilter\b/);
  });

  it('passes the filter of an entity lookup (_entities) on, as a variable when the client sent one', async () => {
    const marker = `entity-${process.pid}-${Date.now()}`;
    const query = `query($sf: UserSessionFilter) { tickets { id person { id userSessions(first: 1, filter: $sf) { totalCount } } } }`;
    const answer = await viaGateway(gateways['Hive Gateway'], query, { sf: { not: { city: { eq: marker } } } });
    const sent = carrying(marker);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.query).toContain('_entities');
    expect(sent[0]!.query).not.toContain(marker);
    expect(sent[0]!.query).toMatch(/\$\w+:\s*UserSessionFilter\b/);
    expect(answer.tickets.length).toBe(tickets.length);
    for (const t of answer.tickets as Json[]) {
      const count = sql<{ n: number }>(
        `select count(*) n from user_sessions s join person_distinct_ids d on d.distinct_id = s.user_id join persons p on p.pk = d.person_pk
          where p.id = ? and not (s.city = ?)`,
        Number(t.person.id),
        marker,
      )[0]!.n;
      expect(t.person.userSessions.totalCount).toBe(count);
      expect(count).toBeGreaterThan(0);
    }
    // Written inline, Hive (this version) leaves it inline in the _entities request; same answer.
    const inlineMarker = `${marker}-inline`;
    const inline = await viaGateway(
      gateways['Hive Gateway'],
      query.replace('query($sf: UserSessionFilter) ', '').replace('$sf', `{ not: { city: { eq: ${JSON.stringify(inlineMarker)} } } }`),
    );
    expect(inline).toEqual(answer);
    expect(hiveSubgraphRequests.filter((r) => r.query.includes('_entities') && JSON.stringify(r).includes(inlineMarker))).toHaveLength(1);
  });
});
