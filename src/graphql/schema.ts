/** The schema: every type file registers itself on the one builder. */
import { printSubgraphSchema } from '@apollo/subgraph';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './types/person.js';
import './types/recording.js';
import './types/user-session.js';
import './types/user-action.js';
import './types/session-events.js';
import './types/stats.js';
import './types/property-keys.js';
import './types/visits.js';
import './types/timeline.js';
import { guardEntities } from './federation.js';
import { openEnumTypes } from './enums.js';

/** The plain schema (schema.graphql). */
export const schema = openEnumTypes(builder.toSchema());

let subgraph: GraphQLSchema | undefined;
/** The Apollo Federation v2 subgraph schema: the same types plus `_service`, `_entities` and directives. */
export function subgraphSchema(): GraphQLSchema {
  subgraph ??= openEnumTypes(guardEntities(builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' })));
  return subgraph;
}

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export function printedSubgraphSchema(): string {
  return `${printSubgraphSchema(lexicographicSortSchema(subgraphSchema())).trim()}\n`;
}
