/** npm run schema: rewrite schema.graphql from the code. */
import { writeFileSync } from 'node:fs';
import { printedSchema } from '../graphql/schema.js';

writeFileSync('schema.graphql', printedSchema());
process.stdout.write('wrote schema.graphql\n');
