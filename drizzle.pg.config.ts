import { defineConfig } from 'drizzle-kit';

/** PostgreSQL: its tables are generated from the same description (src/db/pg/schema.ts). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg/schema.ts',
  out: './drizzle/pg',
  casing: 'snake_case',
});
