import { run } from '../support/run';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { API_ROLES, GRANT_MATRIX, GRANT_MATRIX_SQL } from './grant-matrix';
import { findPostgresBin, migrationsDir, startPostgres, type PostgresServer } from './pg-server.mjs';

// `supabase db push`, the Supabase CLI itself (the npm package, pinned), applies supabase/migrations
// to a real PostgreSQL server built like a Supabase project created today, connected as postgres
// the way it connects to a hosted project; a second push finds nothing to do.

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'node_modules/.bin/supabase');
const bin = findPostgresBin();
if (!bin) console.warn('[cli-push] SKIPPED: no PostgreSQL binaries under /usr/lib/postgresql/*/bin.');
const describeWithServer = bin && existsSync(cli) ? describe : describe.skip;

function push(workdir: string, dbUrl: string): Promise<{ code: number | null; output: string }> {
  return run(cli, ['db', 'push', '--db-url', dbUrl, '--yes', '--workdir', workdir], {
    env: { ...process.env, HOME: workdir, DO_NOT_TRACK: '1' },
  });
}

describeWithServer('supabase db push', () => {
  let server: PostgresServer;
  let client: pg.Client;
  let workdir: string;
  let dbUrl: string;

  beforeAll(async () => {
    server = await startPostgres({ bin, maxConnections: 20 });
    client = new pg.Client({ connectionString: server.connectionString });
    await client.connect();
    // the project as the CLI sees it: config.toml, migrations, templates; its cache stays out of the checkout
    workdir = mkdtempSync(join(tmpdir(), 'awaknow-cli-'));
    cpSync(join(root, 'supabase'), join(workdir, 'supabase'), {
      recursive: true,
      filter: (source) => !source.startsWith(join(root, 'supabase', 'functions')) && !source.startsWith(join(root, 'supabase', '.temp')),
    });
    dbUrl = `${server.connectionString}?sslmode=disable`;
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await server?.stop();
    if (workdir) rmSync(workdir, { recursive: true, force: true });
  }, 60_000);

  it('applies every migration as postgres, and a second push is a no-op', async () => {
    const first = await push(workdir, dbUrl);
    expect(first.code, first.output).toBe(0);
    const files = readdirSync(migrationsDir)
      .filter((name) => name.endsWith('.sql'))
      .sort();
    for (const file of files) expect(first.output).toContain(`Applying migration ${file}`);

    const { rows: history } = await client.query<{ version: string; name: string }>(
      'select version, name from supabase_migrations.schema_migrations order by version',
    );
    expect(history.map((row) => `${row.version}_${row.name}.sql`)).toEqual(files);
    const { rows: owners } = await client.query(
      `select distinct relowner::regrole::text as owner from pg_class where relnamespace = 'public'::regnamespace`,
    );
    expect(owners).toEqual([{ owner: 'postgres' }]);
    const { rows: grants } = await client.query<{ grant: string }>(GRANT_MATRIX_SQL, [[...API_ROLES]]);
    expect(grants.map((row) => row.grant)).toEqual(GRANT_MATRIX);

    const second = await push(workdir, dbUrl);
    expect(second.code, second.output).toBe(0);
    expect(second.output).toContain('Remote database is up to date.');
    expect(second.output).not.toContain('Applying migration');
    const { rows: after } = await client.query('select version from supabase_migrations.schema_migrations');
    expect(after).toHaveLength(files.length);
  }, 120_000);
});
