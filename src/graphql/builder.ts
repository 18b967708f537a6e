/** The one Pothos builder, its plugins and scalars. */
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import { DateTimeResolver, JSONResolver, SafeIntResolver } from 'graphql-scalars';
import type { Context } from './context.js';

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
  plugins: [RelayPlugin, DataloaderPlugin, DirectivePlugin, FederationPlugin],
  defaultFieldNullability: false,
  relay: {
    nodesOnConnection: true,
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    // Every Relay subgraph has a PageInfo; in a supergraph they must agree to share it.
    pageInfoTypeOptions: { shareable: true },
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('JSON', JSONResolver);
builder.addScalarType('SafeInt', SafeIntResolver);

builder.queryType({});
builder.mutationType({});

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items match the filter, across all pages.',
    resolve: (connection) => connection.totalCount(),
  }),
);
