/** The committed SDL (schema.graphql) is the schema the server serves: regenerate with `npm run schema`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printedSchema } from '../src/graphql/schema.js';
import { ROOT } from './graphql-helpers/server.js';


describe('schema.graphql', () => {
  const committed = readFileSync(join(ROOT, 'schema.graphql'), 'utf8');

  it('is up to date: printedSchema() equals the committed file (run `npm run schema` after changing the API)', () => {
    expect(printedSchema()).toBe(committed);
  });

  it('is valid SDL in canonical (sorted) form', () => {
    const parsed = buildSchema(committed);
    expect(`${printSchema(lexicographicSortSchema(parsed))}\n`).toBe(committed);
  });
});
