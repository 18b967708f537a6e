/** npm run schema: rewrite schema.graphql (plain) and schema.subgraph.graphql (federation) from the code. */
import { writeFileSync } from 'node:fs';
import { printedSchema, printedSubgraphSchema } from '../graphql/schema.js';
import { cliCommand, runCli } from './errors.js';

const program = cliCommand('schema')
  .description('Rewrite schema.graphql and schema.subgraph.graphql from the code')
  .action(() => {
    writeFileSync('schema.graphql', printedSchema());
    writeFileSync('schema.subgraph.graphql', printedSubgraphSchema());
    process.stdout.write('wrote schema.graphql and schema.subgraph.graphql\n');
  });

await runCli(program);
