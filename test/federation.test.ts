/**
 * sessiongraph in a supergraph: composed with a second subgraph (support tickets, which extends
 * Person and owns Account) by a real composition library, served by a real Apollo Gateway
 * in-process, every service on loopback HTTP. The subgraph answers from the SQLite file, or (vitest
 * project `postgres`) its PostgreSQL copy (test/graphql-helpers/server.ts); the expectations are
 * read from the SQLite file the data was loaded into, so both stores must answer alike.
 */
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ticketsFor, ticketsSchema, TICKETS_SDL, type Ticket } from './helpers/tickets-subgraph.js';
import { Trace } from '@apollo/usage-reporting-protobuf';
import { useApolloFederation } from '@envelop/apollo-federation';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/db/open.js';
import { printedSubgraphSchema } from '../src/graphql/schema.js';
import { ingest } from '../src/ingest/pipeline.js';
import { seedStore } from '../src/seed/seed.js';
import { createHttpServer, readPoolOf } from '../src/server/app.js';
import { servedStore, type Served } from './graphql-helpers/server.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const servers: Server[] = [];
async function listen(server: Server): Promise<string> {
  servers.push(server);
  // As npm start: take requests once a worker can answer them.
  await readPoolOf(server)?.whenReady();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

async function post(url: string, query: string, variables?: Json, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { data?: Json; errors?: Json[]; extensions?: Json };
}

let store: Store;
/** The store the subgraph answers from: `store` itself, or its PostgreSQL copy (TEST_STORE). */
let served: Served | undefined;
let subgraphUrl: string;
let gatewayUrl: string;
let gateway: ApolloGateway;
let tickets: Ticket[];

beforeAll(async () => {
  store = openStore(join(mkdtempSync(join(tmpdir(), 'sessiongraph-federation-')), 'store.db'));
  await seedStore(store, { persons: 40, seed: 9, end: new Date(Date.UTC(2030, 0, 1)) });
  // One person with an account in the billing/tickets world.
  await ingest(store, [
    { line: 1, value: { id: 5000, uuid: 'acct-person', name: 'Ada', distinct_ids: ['ada-1', 'ada-2'], properties: { account_id: 'acc-7' } } },
  ]);
  const firstSessions = store.sqlite
    .prepare(`select d.person_pk pk, s.tenant_id || ':' || s.user_session_id || ':' || s.part_number id
              from user_sessions s join person_distinct_ids d on d.distinct_id = s.user_id order by s.pk limit 3`)
    .all() as { pk: number; id: string }[];
  const personIds = store.sqlite.prepare('select id from persons order by pk limit 3').all() as { id: number }[];
  tickets = ticketsFor(personIds.map(({ id }, i) => ({ personId: id, sessionId: firstSessions[i]?.id ?? null })));

  served = await servedStore(store);
  subgraphUrl = await listen(createHttpServer({ store: served.served, federation: true, debugSql: true }));

  const ticketsUrl = await listen(createServer(createYoga({ schema: ticketsSchema(() => tickets), logging: false })));

  const composed = composeServices([
    { name: 'sessiongraph', typeDefs: parse(printedSubgraphSchema()), url: subgraphUrl },
    { name: 'tickets', typeDefs: parse(TICKETS_SDL), url: ticketsUrl },
  ]);
  expect(composed.errors ?? []).toEqual([]);
  gateway = new ApolloGateway({ supergraphSdl: composed.supergraphSdl! });
  const { schema } = await gateway.load();
  gatewayUrl = await listen(createServer(createYoga({ schema, plugins: [useApolloFederation({ gateway })], logging: false })));
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await served?.close();
  store?.close();
});

describe('composition', () => {
  it('composes cleanly, keeping the contract tags and the shared fields', () => {
    const composed = composeServices([
      { name: 'sessiongraph', typeDefs: parse(printedSubgraphSchema()), url: subgraphUrl },
      { name: 'tickets', typeDefs: parse(TICKETS_SDL), url: 'http://127.0.0.1:1/graphql' },
      // A CRM that also resolves Person.name: allowed because sessiongraph marks it @shareable.
      {
        name: 'crm',
        typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])
          type Person @key(fields: "id") { id: ID! name: String @shareable }`),
        url: 'http://127.0.0.1:2/graphql',
      },
    ]);
    expect(composed.errors ?? []).toEqual([]);
    expect(composed.supergraphSdl).toMatch(/@tag\(name: "pii"\)/);
    // Without @shareable on sessiongraph's side the CRM could not resolve the name.
    const unshared = composeServices([
      { name: 'sessiongraph', typeDefs: parse(printedSubgraphSchema().replace('name: String @shareable', 'name: String')), url: subgraphUrl },
      {
        name: 'crm',
        typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])
          type Person @key(fields: "id") { id: ID! name: String @shareable }`),
        url: 'http://127.0.0.1:2/graphql',
      },
    ]);
    expect(unshared.errors?.length ?? 0).toBeGreaterThan(0);
  });
});

describe('through the gateway', () => {
  it("answers a query that crosses both subgraphs: a person's open tickets beside their recordings and sessions", async () => {
    const result = await post(
      gatewayUrl,
      `{ persons(first: 3, orderBy: [{ field: ID, direction: ASC }]) { nodes {
          id name
          tickets(status: OPEN) { id subject status }
          recordings(first: 2) { totalCount nodes { id } }
          userSessions(first: 2) { totalCount nodes { id country } }
      } } }`,
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.persons.nodes as Json[];
    expect(nodes).toHaveLength(3);
    for (const person of nodes) {
      const expected = tickets.filter((t) => t.personId === person.id && t.status === 'OPEN');
      expect(person.tickets.map((t: Json) => t.id)).toEqual(expected.map((t) => t.id));
      const sessions = (
        store.sqlite
          .prepare(`select count(*) n from user_sessions s join person_distinct_ids d on d.distinct_id = s.user_id join persons p on p.pk = d.person_pk where p.id = ?`)
          .get(Number(person.id)) as { n: number }
      ).n;
      expect(person.userSessions.totalCount).toBe(sessions);
    }
    expect(nodes.some((p) => p.tickets.length > 0)).toBe(true);
  });

  it('resolves sessiongraph entities referenced by the other subgraph (Ticket.person, Ticket.session)', async () => {
    const result = await post(gatewayUrl, `{ tickets { id person { id name distinctIds } session { id country duration } } }`);
    expect(result.errors).toBeUndefined();
    for (const t of result.data!.tickets as Json[]) {
      const source = tickets.find((x) => x.id === t.id)!;
      const row = store.sqlite.prepare('select name from persons where id = ?').get(Number(source.personId)) as { name: string };
      expect(t.person).toMatchObject({ id: source.personId, name: row.name });
      if (source.sessionId) expect(t.session.id).toBe(source.sessionId);
      else expect(t.session).toBeNull();
    }
    expect((result.data!.tickets as Json[]).filter((t) => t.session?.country).length).toBeGreaterThan(0);
  });

  it("follows sessiongraph's reference to an Account the other subgraph owns", async () => {
    const result = await post(gatewayUrl, `{ personByDistinctId(distinctId: "ada-2") { name account { id plan } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.personByDistinctId).toEqual({ name: 'Ada', account: { id: 'acc-7', plan: 'enterprise' } });
  });
});

describe('the subgraph itself', () => {
  const entities = `query($r: [_Any!]!) { _entities(representations: $r) {
    __typename
    ... on Person { id distinctId distinctIds }
    ... on UserSession { id country }
    ... on SessionRecording { id }
  } }`;

  it('answers _service { sdl } with the subgraph schema', async () => {
    const result = await post(subgraphUrl, '{ _service { sdl } }');
    expect(result.data!._service.sdl.trim()).toBe(printedSubgraphSchema().trim());
  });

  it('resolves Person by id and by any distinct id, and unknown keys to null', async () => {
    const result = await post(subgraphUrl, entities, {
      r: [
        { __typename: 'Person', id: '5000' },
        { __typename: 'Person', distinctId: 'ada-1' },
        { __typename: 'Person', distinctId: 'ada-2' },
        { __typename: 'Person', id: '424242' },
        { __typename: 'UserSession', id: 'not-an-id' },
        { __typename: 'SessionRecording', id: 'missing' },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { __typename: 'Person', id: '5000', distinctId: 'ada-1', distinctIds: ['ada-1', 'ada-2'] },
      { __typename: 'Person', id: '5000', distinctId: 'ada-1', distinctIds: ['ada-1', 'ada-2'] },
      { __typename: 'Person', id: '5000', distinctId: 'ada-2', distinctIds: ['ada-1', 'ada-2'] },
      null,
      null,
      null,
    ]);
  });

  it('batches _entities: one statement per type, whatever the number of representations', async () => {
    const reps = (n: number) => {
      const persons = store.sqlite.prepare('select id from persons limit ?').all(n) as { id: number }[];
      const sessions = store.sqlite
        .prepare(`select tenant_id || ':' || user_session_id || ':' || part_number id from user_sessions limit ?`)
        .all(n) as { id: string }[];
      const recordings = store.sqlite.prepare('select id from recordings limit ?').all(n) as { id: string }[];
      return [
        ...persons.map((p) => ({ __typename: 'Person', id: String(p.id) })),
        ...sessions.map((s) => ({ __typename: 'UserSession', id: s.id })),
        ...recordings.map((r) => ({ __typename: 'SessionRecording', id: r.id })),
      ];
    };
    const few = await post(subgraphUrl, entities, { r: reps(3) });
    const many = await post(subgraphUrl, entities, { r: reps(30) });
    expect(few.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    expect((many.data!._entities as Json[]).filter(Boolean)).toHaveLength(90);
    expect(many.extensions!.sql.statements).toBe(few.extensions!.sql.statements);
    // Person, its distinctId and distinctIds, UserSession, SessionRecording: five in all.
    expect(many.extensions!.sql.statements).toBe(5);
  });

  it('returns an inline trace (ftv1) when a gateway asks for one', async () => {
    const traced = await post(subgraphUrl, '{ persons(first: 2) { nodes { id } } }', undefined, { 'apollo-federated-include-trace': 'ftv1' });
    const trace = Trace.decode(Buffer.from(traced.extensions!.ftv1, 'base64'));
    expect(trace.root?.child?.[0]?.responseName).toBe('persons');
    expect(Number(trace.durationNs)).toBeGreaterThan(0);
    const untraced = await post(subgraphUrl, '{ persons(first: 2) { nodes { id } } }');
    expect(untraced.extensions?.ftv1).toBeUndefined();
    // Built by the worker that ran the query: same data, each resolver timed down the tree.
    expect(traced.data).toEqual(untraced.data);
    const nodes = trace.root?.child?.[0]?.child?.find((c) => c.responseName === 'nodes');
    expect(nodes?.child?.length).toBe(2);
    expect(nodes?.child?.[0]?.child?.[0]?.responseName).toBe('id');
  });

  it('traces a big answer (a trace of megabytes): the plugin encoding it byte by byte as call arguments overflowed the stack', async () => {
    const sessions = 'userSessions(first: 200) { nodes { id country userActions(first: 50) { id name type duration startTime endTime domain targetUrl } } }';
    const query = `{ a: ${sessions} b: ${sessions} c: ${sessions} }`;
    const traced = await post(subgraphUrl, query, undefined, { 'apollo-federated-include-trace': 'ftv1' });
    expect(traced.errors).toBeUndefined();
    expect(traced.data).toEqual((await post(subgraphUrl, query)).data);
    expect(traced.extensions!.ftv1.length).toBeGreaterThan(1_500_000);
    const trace = Trace.decode(Buffer.from(traced.extensions!.ftv1, 'base64'));
    expect(trace.root?.child?.map((c) => c.responseName)).toEqual(['a', 'b', 'c']);
  });

  it('traces a filtered query sent with variables, and reports its errors in the trace', async () => {
    const query = 'query($f: UserSessionFilter) { userSessions(first: 2, filter: $f) { totalCount } bad: userSession(id: "not-an-id") { id } }';
    const traced = await post(subgraphUrl, query, { f: { duration: { gte: 0 } } }, { 'apollo-federated-include-trace': 'ftv1' });
    const plain = await post(subgraphUrl, query, { f: { duration: { gte: 0 } } });
    expect(traced.data).toEqual(plain.data);
    expect(traced.errors?.map((e) => e.message)).toEqual(plain.errors?.map((e) => e.message));
    const trace = Trace.decode(Buffer.from(traced.extensions!.ftv1, 'base64'));
    expect(trace.root?.child?.map((c) => c.responseName).sort()).toEqual(['bad', 'userSessions']);
  });
});
