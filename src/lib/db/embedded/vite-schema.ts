import type { MigrationFile, SchemaSource } from './migrate';

/**
 * Supabase's base (src/lib/db/supabase-base/*.sql) and supabase/migrations/*.sql bundled by Vite
 * as lazy chunks: fetched on first open only.
 */
export async function loadViteSchema(): Promise<SchemaSource> {
  const base = import.meta.glob<string>('/src/lib/db/supabase-base/*.sql', { query: '?raw', import: 'default' });
  const migrations = import.meta.glob<string>('/supabase/migrations/*.sql', { query: '?raw', import: 'default' });
  const load = (files: Record<string, () => Promise<string>>) =>
    Promise.all(
      Object.entries(files).map(async ([path, read]): Promise<MigrationFile> => ({
        name: path.slice(path.lastIndexOf('/') + 1),
        sql: await read(),
      })),
    );
  const [baseFiles, migrationFiles] = await Promise.all([load(base), load(migrations)]);
  return { base: baseFiles, migrations: migrationFiles };
}
