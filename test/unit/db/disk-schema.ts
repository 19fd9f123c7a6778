import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SchemaSource } from '@/lib/db/embedded/migrate';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The shim and migrations as the browser build bundles them, read from disk for node tests. */
export async function loadDiskSchema(): Promise<SchemaSource> {
  const dir = join(root, 'supabase/migrations');
  const migrations = readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
  return { shim: readFileSync(join(root, 'src/lib/db/embedded/supabase-shim.sql'), 'utf8'), migrations };
}

export const PERSONA = 'p7e13c73f41f';
export const REPLICA = 'r4317e64d25a';
