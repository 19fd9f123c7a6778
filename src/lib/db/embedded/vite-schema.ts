import type { MigrationFile, SchemaSource } from './migrate';

/** The shim and supabase/migrations/*.sql bundled by Vite as lazy chunks: fetched on first open only. */
export async function loadViteSchema(): Promise<SchemaSource> {
  const files = import.meta.glob<string>('/supabase/migrations/*.sql', { query: '?raw', import: 'default' });
  const [shim, migrations] = await Promise.all([
    import('./supabase-shim.sql?raw').then((module) => module.default),
    Promise.all(
      Object.entries(files).map(async ([path, load]): Promise<MigrationFile> => ({ name: path.slice(path.lastIndexOf('/') + 1), sql: await load() })),
    ),
  ]);
  return { shim, migrations };
}
