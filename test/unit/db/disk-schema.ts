import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { SchemaSource } from '@/lib/db/embedded/migrate';
import { baseFiles, migrationFiles } from '../../db/pg-server.mjs';

/** Supabase's base and the migrations as the browser build bundles them, read from disk for node tests. */
export async function loadDiskSchema(): Promise<SchemaSource> {
  const read = (path: string) => ({ name: basename(path), sql: readFileSync(path, 'utf8') });
  return { base: baseFiles().map(read), migrations: migrationFiles().map(read) };
}

export const PERSONA = 'p7e13c73f41f';
export const REPLICA = 'r4317e64d25a';
