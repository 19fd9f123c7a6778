/**
 * Data access for the app: one AppDb interface, two implementations. Both constructors are cheap
 * and side-effect free; the embedded one loads PGlite only on first use.
 */
export type {
  AppDb,
  LocalDataControls,
  PersonaFields,
  PersonaWrites,
  DbChange,
  PageOf,
  PageRequest,
  Persona,
  Plan,
  Session,
  SessionStatus,
  SessionType,
  StartSessionInput,
  Usage,
  SessionHistoryItem,
  UsageDay,
  UsageReport,
  UsageTally,
  UserSettings,
} from './types';
export {
  DbError,
  NotAuthenticatedError,
  UsageLimitReachedError,
  SessionAlreadyActiveError,
  DailyLimitReachedError,
  SessionNotFoundError,
  DB_ERROR_CODES,
  isDbErrorCode,
  toDbError,
  type DbErrorCode,
} from './errors';
export { SESSION_TYPES, SESSION_STATUSES } from './schemas';
export type { Invite, InvitePreview, InviteStore, JoinedSession } from './invites';
export type { Database } from './database.types';
export { createSupabaseDb, type SupabaseDbOptions } from './supabase/supabase-db';
export { createEmbeddedDb, type EmbeddedDb, type EmbeddedDbOptions } from './embedded/embedded-db';
export {
  migrate,
  MigrationChangedError,
  EarlierLocalDatabaseError,
  type SchemaSource,
  type MigrationFile,
  type LoadSchema,
} from './embedded/migrate';
