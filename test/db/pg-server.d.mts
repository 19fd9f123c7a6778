import type { Client } from 'pg';

export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  database: string;
  /** postgres: the project's owner, not a superuser. */
  connectionString: string;
  /** supabase_admin: the server's superuser. */
  adminConnectionString: string;
  stop(): Promise<void>;
}

export function findPostgresBin(): string | null;
export function startPostgres(options?: { bin?: string | null; maxConnections?: number }): Promise<PostgresServer>;
export const baseDir: string;
export const migrationsDir: string;
export function baseFiles(): string[];
export function migrationFiles(): string[];
export function schemaFiles(): string[];
export function applySchema(client: Client): Promise<void>;
export function asRole<T = Record<string, unknown>>(
  client: Client,
  claims: { sub?: string; role: string },
  sql: string,
  params?: unknown[],
): Promise<T[]>;
export function asUser<T = Record<string, unknown>>(client: Client, uid: string, sql: string, params?: unknown[]): Promise<T[]>;
export function asService<T = Record<string, unknown>>(client: Client, sql: string, params?: unknown[]): Promise<T[]>;
export const SIGN_UP: string;
export function createUser(client: Client, options?: { email?: string; anonymous?: boolean }): Promise<string>;
