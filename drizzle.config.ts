import { defineConfig } from 'drizzle-kit';

/** SQLite, the embedded store: `npm run db:generate` writes drizzle/sqlite/ (and drizzle/pg/, see drizzle.pg.config.ts). */
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './drizzle/sqlite',
  casing: 'snake_case',
});
