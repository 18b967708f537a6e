/**
 * The support-tickets team's subgraph, for the federation suites: it extends Person with tickets,
 * points at sessions it does not own, and owns Account. Served by yoga over its own tickets list.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';

export const TICKETS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])
  enum TicketStatus { OPEN CLOSED }
  type Ticket @key(fields: "id") {
    id: ID!
    subject: String!
    status: TicketStatus!
    person: Person!
    session: UserSession
  }
  type Person @key(fields: "id") {
    id: ID!
    tickets(status: TicketStatus): [Ticket!]!
  }
  type UserSession @key(fields: "id", resolvable: false) { id: ID! }
  type Account @key(fields: "id") { id: ID! plan: String! }
  type Query { tickets: [Ticket!]! }
`;

export interface Ticket {
  id: string;
  subject: string;
  status: 'OPEN' | 'CLOSED';
  personId: string;
  sessionId: string | null;
}

/** Two tickets per person (one open, linked to the session if any; one closed). */
export function ticketsFor(people: { personId: string | number; sessionId: string | null }[]): Ticket[] {
  return people.flatMap(({ personId, sessionId }, i) => [
    { id: `T-${i}-1`, subject: `Checkout broken ${i}`, status: 'OPEN' as const, personId: String(personId), sessionId },
    { id: `T-${i}-2`, subject: `Invoice question ${i}`, status: 'CLOSED' as const, personId: String(personId), sessionId: null },
  ]);
}

/** The subgraph's schema over `tickets()` (read at each request, so a suite may set it later). */
export function ticketsSchema(tickets: () => Ticket[]): GraphQLSchema {
  return buildSubgraphSchema({
    typeDefs: parse(TICKETS_SDL),
    resolvers: {
      Query: { tickets: () => tickets() },
      Ticket: {
        person: (t: Ticket) => ({ id: t.personId }),
        session: (t: Ticket) => (t.sessionId ? { id: t.sessionId } : null),
      },
      Person: {
        tickets: (p: { id: string }, args: { status?: string }) =>
          tickets().filter((t) => t.personId === p.id && (!args.status || t.status === args.status)),
      },
      Account: { __resolveReference: (a: { id: string }) => ({ id: a.id, plan: a.id === 'acc-7' ? 'enterprise' : 'free' }) },
    } as never,
  });
}
