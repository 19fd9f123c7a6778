// src/lib/db/database.types.ts is generated, never edited: `npm run db:types` builds a database
// like a Supabase project (test/db/pg-server.mjs: Supabase's base, then the migrations as
// postgres) and runs postgres-meta's typegen on it, the generator behind
// `supabase gen types typescript` (the Supabase CLI runs the same server.js, in its postgres-meta
// image, with these variables). test/db/types-generated.test.ts fails when the file drifts.
// `npm run db:types -- --check` only reports whether the file is current.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { applySchema, startPostgres } from '../test/db/pg-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
export const typesPath = `${root}src/lib/db/database.types.ts`;
const generator = `${root}node_modules/@supabase/postgres-meta/dist/server/server.js`;

/** The TypeScript postgres-meta writes for the public schema of the database at `connectionString`. */
export function generateTypes(connectionString) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [generator], {
      env: {
        ...process.env,
        PG_META_DB_URL: connectionString,
        PG_META_GENERATE_TYPES: 'typescript',
        PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS: 'public',
        // what the CLI sets unless asked for postgrest v9 compatibility
        PG_META_GENERATE_TYPES_DETECT_ONE_TO_ONE_RELATIONSHIPS: 'true',
        // the PostgREST version supabase-js is told (Database.__InternalSupabase)
        PG_META_POSTGREST_VERSION: '13.0.5',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`postgres-meta typegen failed (${code}): ${err}`))));
  });
}

/** Starts a throwaway server, migrates it and returns the generated types. */
export async function generateFromMigrations() {
  const server = await startPostgres({ maxConnections: 20 });
  try {
    const client = new pg.Client({ connectionString: server.connectionString });
    await client.connect();
    try {
      await applySchema(client);
    } finally {
      await client.end();
    }
    return await generateTypes(server.connectionString);
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const generated = await generateFromMigrations();
  if (process.argv.includes('--check')) {
    const current = readFileSync(typesPath, 'utf8') === generated;
    console.log(current ? 'database.types.ts is current.' : 'database.types.ts differs from the migrations: run npm run db:types.');
    process.exitCode = current ? 0 : 1;
  } else {
    writeFileSync(typesPath, generated);
    console.log(`wrote ${typesPath}`);
  }
}
