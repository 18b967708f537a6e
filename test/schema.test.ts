/** The committed SDL (schema.graphql) is the schema the server serves: regenerate with `npm run schema`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printedSchema, printedSubgraphSchema } from '../src/graphql/schema.js';
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

describe('schema.subgraph.graphql', () => {
  const committed = readFileSync(join(ROOT, 'schema.subgraph.graphql'), 'utf8');

  it('is up to date: printedSubgraphSchema() equals the committed file (run `npm run schema`)', () => {
    expect(printedSubgraphSchema()).toBe(committed);
  });

  it('declares the entities, the external Account and the contract directives', () => {
    expect(committed).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    expect(committed).toMatch(/type Person\s+@key\(fields: "id"\)\s+@key\(fields: "distinctId"\)/);
    expect(committed).toMatch(/type SessionRecording\s+@key\(fields: "id"\)/);
    expect(committed).toMatch(/type UserSession\s+@key\(fields: "id"\)/);
    expect(committed).toMatch(/type Account\s+@key\(fields: "id", resolvable: false\)/);
    expect(committed).toMatch(/name: String @shareable @tag\(name: "pii"\)/);
    expect(committed).toMatch(/ip: String @tag\(name: "pii"\)/);
    // The plain schema carries none of it.
    expect(printedSchema()).not.toMatch(/@key|_entities|_service/);
  });
});
