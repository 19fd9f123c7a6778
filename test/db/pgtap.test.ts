import { run } from '../support/run';
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { applySchema, findPostgresBin, startPostgres, type PostgresServer } from './pg-server.mjs';

// supabase/tests/database/*.test.sql are pgTAP files, the Supabase convention (`supabase test db`
// runs them on a local stack, which needs Docker). Here pg_prove (Debian's postgresql-15-pgtap)
// runs them against the test server built like a Supabase project, connected as postgres.

const root = fileURLToPath(new URL('../..', import.meta.url));
const testsDir = join(root, 'supabase/tests/database');
const bin = findPostgresBin();
const pgProve = ['/usr/bin/pg_prove', '/usr/local/bin/pg_prove'].find((path) => existsSync(path));
// Debian keeps a server's extensions under /usr/share/postgresql/<major>, beside /usr/lib/postgresql/<major>/bin
const pgtap = bin !== null && existsSync(join('/usr/share/postgresql', basename(dirname(bin)), 'extension/pgtap.control'));
if (!bin || !pgProve || !pgtap)
  console.warn('[pgtap] SKIPPED: needs PostgreSQL, pg_prove and pgTAP (apt-get install postgresql-15-pgtap).');
const describeWithPgTap = bin && pgProve && pgtap ? describe : describe.skip;

function prove(server: PostgresServer, files: string[]): Promise<{ code: number | null; output: string }> {
  return run(pgProve!, ['-h', server.host, '-p', String(server.port), '-U', 'postgres', '-d', server.database, ...files]);
}

describeWithPgTap('pgTAP: supabase/tests', () => {
  let server: PostgresServer;

  beforeAll(async () => {
    server = await startPostgres({ bin, maxConnections: 20 });
    // what the Supabase image has and the browser's base leaves out: the extensions schema on
    // postgres's search_path, and pgtap in it, which `supabase test db` creates before it runs
    // pg_prove (supabase/cli internal/db/test: "create extension if not exists pgtap with schema extensions")
    const admin = new pg.Client({ connectionString: server.adminConnectionString });
    await admin.connect();
    await admin.query(`
      create schema if not exists extensions;
      grant usage on schema extensions to postgres, anon, authenticated, service_role;
      create extension if not exists pgtap with schema extensions;
      alter role postgres set search_path to "$user", public, extensions;`);
    await admin.end();
    const owner = new pg.Client({ connectionString: server.connectionString });
    await owner.connect();
    await applySchema(owner);
    await owner.end();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  }, 60_000);

  it('every file passes under pg_prove', async () => {
    const files = readdirSync(testsDir)
      .filter((name) => name.endsWith('.test.sql'))
      .sort()
      .map((name) => join(testsDir, name));
    expect(files.length).toBeGreaterThanOrEqual(3);
    const { code, output } = await prove(server, files);
    expect(output, output).toMatch(/All tests successful/);
    expect(output).toMatch(/Result: PASS/);
    expect(code).toBe(0);
  }, 120_000);
});
