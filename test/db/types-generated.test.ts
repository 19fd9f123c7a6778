import { readFileSync } from 'node:fs';
import { generateFromMigrations, typesPath } from '../../scripts/db-types.mjs';
import { findPostgresBin } from './pg-server.mjs';

// src/lib/db/database.types.ts is what postgres-meta's typegen (behind `supabase gen types
// typescript`) writes for the migrated schema, byte for byte: a migration that changes a column,
// a view or a function without `npm run db:types` fails here.

const bin = findPostgresBin();
if (!bin) console.warn('[types-generated] SKIPPED: no PostgreSQL binaries under /usr/lib/postgresql/*/bin.');
const describeWithServer = bin ? describe : describe.skip;

describeWithServer('database.types.ts', () => {
  it('is exactly what postgres-meta generates from the migrations (npm run db:types)', async () => {
    const generated = await generateFromMigrations();
    expect(generated).toContain('export type Database = {');
    expect(readFileSync(typesPath, 'utf8')).toBe(generated);
  }, 120_000);
});
