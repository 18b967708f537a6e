/** The one Pothos builder, its plugins and scalars. */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import { DateTimeResolver, JSONResolver, SafeIntResolver } from 'graphql-scalars';
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import type { Context } from './context.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, QUERY_LIMITS } from './limits.js';

export interface ConnectionExtras {
  /** Counted only when the client asks for it. */
  totalCount: () => number | Promise<number>;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    SafeInt: { Input: number; Output: number };
  };
  Connection: ConnectionExtras;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  // Federation last: it wraps what the others define (entities, @key/@tag/@shareable).
  plugins: [ComplexityPlugin, RelayPlugin, DataloaderPlugin, DirectivePlugin, FederationPlugin],
  defaultFieldNullability: false,
  // A query is priced before it runs: every field costs 1, and what a list field selects costs
  // once per item it may return (`first`, else the default page size; 10 for plain lists).
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: { complexity: QUERY_LIMITS.complexity, depth: QUERY_LIMITS.depth, breadth: QUERY_LIMITS.breadth },
    complexityError: (kind, result) => {
      const name = kind.toLowerCase() as 'complexity' | 'depth' | 'breadth';
      const max = result[`max${kind}` as 'maxComplexity'];
      const hint = name === 'complexity' ? ': ask for fewer items (first/last) or fewer nested lists' : '';
      return new GraphQLError(`Query ${name} is ${result[name]}, over the limit of ${max}${hint}`, {
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: name, value: result[name], max },
      });
    },
  },
  relay: {
    // The connection field already multiplies by its page size; its edges/nodes lists must not again.
    nodesOnConnection: { description: 'The items of the page, in order (the nodes of `edges`, without cursors).', complexity: { field: 1, multiplier: 1 } },
    edgesFieldOptions: { nullable: false, description: 'The items of the page, in order, each with its cursor.', complexity: { field: 1, multiplier: 1 } },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    cursorFieldOptions: { description: "The item's cursor: pass it as `after` (or `before`) to continue from this item. Opaque, valid for the same list and orderBy." },
    pageInfoFieldOptions: { description: 'Where the page is in the whole list, and the cursors to continue.' },
    hasNextPageFieldOptions: { description: 'Whether there are more items after this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether there are items before this page.' },
    startCursorFieldOptions: { description: 'The cursor of the first item of the page (pass as `before`); null when the page is empty.' },
    endCursorFieldOptions: { description: 'The cursor of the last item of the page (pass as `after`); null when the page is empty.' },
    firstArgOptions: {
      description: `Page size: at most this many items from the start, or after \`after\` (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}). Not together with \`last\`.`,
    },
    afterArgOptions: { description: 'Items after this cursor (an `endCursor` or edge `cursor` this list handed out with the same orderBy).' },
    lastArgOptions: { description: `At most this many items from the end, or before \`before\` (at most ${MAX_PAGE_SIZE}). Not together with \`first\`.` },
    beforeArgOptions: { description: 'Items before this cursor (a `startCursor` or edge `cursor` this list handed out with the same orderBy).' },
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    // Every Relay subgraph has a PageInfo; in a supergraph they must agree to share it.
    pageInfoTypeOptions: { shareable: true, description: 'Where a page is in its list (Relay cursor connections).' },
  },
});

/** `2026-11-01`: what a date picker or a hand-written filter sends; read as that day's UTC midnight. */
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
const midnight = (date: string) => DateTimeResolver.parseValue(`${date}T00:00:00Z`);

/** graphql-scalars' RFC 3339 DateTime, which also takes a plain date on input. */
const DateTime = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  description:
    'A point in time. Served as an RFC 3339 date-time in UTC (`2026-11-01T10:15:30.000Z`). Accepted on input as an RFC 3339 date-time with a zone (`Z` or an offset such as `+02:00`), or as a plain date (`2026-11-01`), which means that day at 00:00 UTC.',
  parseValue: (value: unknown) => (typeof value === 'string' && PLAIN_DATE.test(value) ? midnight(value) : DateTimeResolver.parseValue(value)),
  parseLiteral: (ast: ValueNode, variables?: Record<string, unknown> | null) =>
    ast.kind === Kind.STRING && PLAIN_DATE.test(ast.value) ? midnight(ast.value) : DateTimeResolver.parseLiteral(ast, variables),
});

builder.addScalarType('DateTime', DateTime);
builder.addScalarType('JSON', JSONResolver);
builder.addScalarType('SafeInt', SafeIntResolver);

builder.queryType({ description: 'Reads: persons, PostHog session recordings, Dynatrace user sessions and actions, and aggregates over them.' });
builder.mutationType({ description: 'Writes: marking recordings viewed, and deleting recordings, sessions and persons.' });

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items match the filter, across all pages.',
    resolve: (connection) => connection.totalCount(),
  }),
);
