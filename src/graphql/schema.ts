/** The schema: every type file registers itself on the one builder. */
import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import './types/person.js';
import './types/recording.js';
import './types/user-session.js';
import './types/user-action.js';
import './types/stats.js';

export const schema = builder.toSchema();

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
