import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql-js ships a CommonJS build (`main`) and an ESM one (`module`). Node — and so yoga and
// Pothos — load the CommonJS build; Vite's resolver would give the files vitest transforms the
// ESM build. Two copies break `instanceof GraphQLError` (errors get masked), so everything
// resolves to the one Node uses, as in production.
const graphql = createRequire(import.meta.url).resolve('graphql');

/** API suites run on both stores (issue 15: the write paths on PostgreSQL come next, then lifecycle and ingest join). */
const POSTGRES_SUITES = [
  'test/graphql-lists.test.ts',
  'test/graphql-persons.test.ts',
  'test/graphql-fields.test.ts',
  'test/graphql-batching.test.ts',
  'test/columns.test.ts',
  'test/ids.test.ts',
  'test/stats.test.ts',
  'test/lifecycle.test.ts',
  'test/isolation.test.ts',
  'test/ingest-http.test.ts',
  'test/limits.test.ts',
  'test/federation.test.ts',
  'test/import.test.ts',
  'test/relative-time.test.ts',
  'test/property-keys.test.ts',
  'test/null-fields.test.ts',
  'test/visit-links.test.ts',
  'test/timeline.test.ts',
];

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphql }] },
  test: {
    pool: 'forks',
    // Two files at a time (vitest's default on 2 cores is one): most time is spent waiting on
    // child processes, servers and SQLite, and the suite must stay well under 10 minutes there
    // (measured: 346 s instead of 503 s for the same 1,190 tests).
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      // The suites that read the store through the API, again on PostgreSQL: the same data (copied
      // from the SQLite store the suite loads) must give the same answers (test/graphql-helpers/server.ts).
      { extends: true, test: { name: 'postgres', include: POSTGRES_SUITES, env: { SESSIONGRAPH_TEST_STORE: 'postgres' } } },
    ],
  },
});
