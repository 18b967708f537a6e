/**
 * GraphQL Code Generator, client preset, as an app using sessiongraph would set it up: typed
 * documents for the operations in documents.ts, generated from the schema the server serves
 * (schema.graphql, which test/schema.test.ts keeps equal to it). Regenerate with
 * `npm run codegen`; test/clients.test.ts fails when the committed gql/ is not what this config
 * generates from the current schema.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const SCHEMA = here('../../schema.graphql');
export const DOCUMENTS = here('./documents.ts');
export const OUTPUT = here('./gql/');

/** The client preset's output for `outDir` (a directory, ending in a slash). */
export function codegenConfig(outDir: string): CodegenConfig {
  return {
    schema: SCHEMA,
    documents: [DOCUMENTS],
    ignoreNoDocuments: false,
    silent: true,
    generates: {
      [outDir]: {
        preset: 'client',
        config: {
          // Node ESM (NodeNext): relative imports need their extension.
          emitLegacyCommonJSImports: false,
          useTypeImports: true,
          enumsAsTypes: true,
          // Only the types the documents use: a schema change elsewhere does not touch gql/.
          onlyOperationTypes: true,
          strictScalars: true,
          scalars: { DateTime: 'string', JSON: 'unknown', SafeInt: 'number' },
        },
      },
    },
  };
}

/** SESSIONGRAPH_CODEGEN_OUT: generate elsewhere (the staleness test compares that with gql/). */
export default codegenConfig(process.env.SESSIONGRAPH_CODEGEN_OUT ?? OUTPUT);
