// A throwaway PostgreSQL server from the system's binaries, built as a Supabase project is: the
// server's superuser is supabase_admin, Supabase's base (src/lib/db/supabase-base) is applied at
// start, and the migrations run as postgres, which owns the database without being a superuser.
// What the race tests, the grant checks and the database benchmark run against (PGlite has one
// connection and only a superuser, so it cannot show either).
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SIGN_UP } from './sign-up.mjs';

export { SIGN_UP };

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl (or $PG_BIN), else null. */
export function findPostgresBin() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => join(base, version, 'bin')));
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ?? null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function postgresIds() {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error('Running as root needs the postgres OS user (initdb refuses to run as root).');
  }
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

/**
 * Starts a server on a free loopback port in a new temporary directory, as the postgres OS user
 * when running as root. Trust authentication on 127.0.0.1 only; fsync off (the data is thrown away).
 */
export async function startPostgres({ bin = findPostgresBin(), maxConnections = 200 } = {}) {
  if (!bin) throw new Error('No PostgreSQL binaries: install postgresql or set PG_BIN.');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'awaknow-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  const run = (tool, args) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    const result = spawnSync(command, argv, { encoding: 'utf8' });
    if (result.status !== 0) {
      const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
      throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.stdout}\n${log}`);
    }
  };

  run('initdb', ['-D', data, '-U', 'supabase_admin', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    `-c max_connections=${maxConnections}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');
  try {
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  let stopped = false;
  const server = {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    database: 'postgres',
    /** The project's owner, as `supabase db push` and the dashboard connect. */
    connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /** The server's superuser, which Supabase keeps for itself. */
    adminConnectionString: `postgres://supabase_admin@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  try {
    await applyBase(server.adminConnectionString);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function applyBase(connectionString) {
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  try {
    for (const file of baseFiles()) {
      try {
        await admin.query(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new Error(`${file}: ${error.message}`, { cause: error });
      }
    }
  } finally {
    await admin.end();
  }
}

export const baseDir = join(root, 'src/lib/db/supabase-base');
export const migrationsDir = join(root, 'supabase/migrations');

const sqlFiles = (dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => join(dir, name));

/** Supabase's base, vendored: the roles and auth schema a project has before its first migration. */
export function baseFiles() {
  return sqlFiles(baseDir);
}

export function migrationFiles() {
  return sqlFiles(migrationsDir);
}

/** The whole schema in the order every database here is built: the base, then every migration. */
export function schemaFiles() {
  return [...baseFiles(), ...migrationFiles()];
}

/**
 * Applies the migrations through a connected node-postgres client, as the client's user (postgres
 * for a server from startPostgres, which already has the base).
 */
export async function applySchema(client) {
  for (const file of migrationFiles()) {
    try {
      await client.query(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`${file}: ${error.message}`, { cause: error });
    }
  }
}

/** Signs a user up through a connected client (as postgres, which may write auth.users); returns the id. */
export async function createUser(client, { email, anonymous = false } = {}) {
  const id = crypto.randomUUID();
  await client.query(SIGN_UP, [id, anonymous ? null : (email ?? `user-${id}@example.test`), anonymous]);
  return id;
}

/**
 * One request the way the Supabase API makes it: a transaction that takes the role and the JWT
 * claims, runs the statement and commits (or rolls back and rethrows). The client's user must be
 * a member of the role (postgres and authenticator are).
 */
export async function asRole(client, claims, sql, params = []) {
  await client.query('begin');
  try {
    await client.query(
      `set local role ${claims.role === 'service_role' ? 'service_role' : claims.role === 'anon' ? 'anon' : 'authenticated'}`,
    );
    await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
    const result = await client.query(sql, params);
    await client.query('commit');
    return result.rows;
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

export const asUser = (client, uid, sql, params) => asRole(client, { sub: uid, role: 'authenticated' }, sql, params);
export const asService = (client, sql, params) => asRole(client, { role: 'service_role' }, sql, params);
