import type { Persona, Plan, Session } from './schemas';
import type { SessionHistoryItem, UsageReport } from './reports';
import type { InviteStore } from './invites';
import type { SettingsAccess } from './settings';

export type { Persona, Plan, Session } from './schemas';
export type { SessionHistoryItem, UsageDay, UsageReport, UsageTally } from './reports';
export type { SettingsAccess, UserSettings } from './settings';
export type SessionType = Session['session_type'];
export type SessionStatus = Session['status'];

/** The editable fields of a persona, as the Tavus API names them. */
export interface PersonaFields {
  persona_name: string;
  system_prompt?: string | null;
  context?: string | null;
  pipeline_mode?: string;
  default_replica_id?: string | null;
  layers?: Record<string, unknown>;
  objectives_id?: string | null;
  guardrails_id?: string | null;
  document_ids?: string[];
  /** Individual guardrails, by id and by tag (the set in guardrails_id is the older model). */
  guardrail_ids?: string[];
  guardrail_tags?: string[];
}

export interface PersonaWrites {
  /** Creates (`id` null) or replaces a persona; the row is `pending` until Tavus has it. */
  savePersona(id: string | null, fields: PersonaFields): Promise<Persona>;
  /** Links the row to its Tavus persona; one Tavus persona links to one row per owner. */
  markPersonaSynced(id: string, tavusPersonaId: string): Promise<Persona>;
  /** Keeps the row, `failed`, with the error to show next to a retry. */
  markPersonaFailed(id: string, error: string): Promise<Persona>;
  /** Imports a Tavus persona; importing the same one again returns the existing row. */
  linkPersona(tavusPersonaId: string, fields: PersonaFields): Promise<Persona>;
  /** Deletes the row; sessions keep the Tavus persona id as text, so history stays readable. */
  deletePersona(id: string): Promise<Persona>;
}

export interface StartSessionInput {
  sessionType: SessionType;
  /** The Tavus persona id, e.g. p7e13c73f41f. */
  personaId: string;
  /** The Tavus replica id, or null to use the persona's default replica. */
  replicaId?: string | null;
}

export interface PageRequest {
  /** 1-based. */
  page: number;
  /** 1 to 100. */
  pageSize: number;
}

export interface PageOf<T> {
  rows: T[];
  /** All rows across pages. */
  total: number;
}

export interface Usage {
  plan: Plan;
  subscription: {
    status: string;
    periodStart: string;
    periodEnd: string;
    minutesLimit: number;
  };
  secondsUsed: number;
  secondsLimit: number;
  /** Never negative; start_session refuses under 30 seconds left. */
  secondsLeft: number;
  periodEnd: string;
  soloSessionsToday: number;
  /** Null when the plan has no daily limit. */
  soloSessionsLeftToday: number | null;
}

/** Something about the user's sessions changed (this tab, another tab or, when polled, another device). */
export interface DbChange {
  kind: 'sessions';
  sessionId?: string;
}

/**
 * What the app needs from its database. Every method acts as the current user (row-level
 * security and the migrations' functions decide what is allowed) and rejects with a DbError.
 */
/**
 * Local data mode only, for a developer trying the app: what no user may do to their own account
 * (their plan, their history). The embedded database is this browser's alone; Supabase has none.
 */
export interface LocalDataControls {
  /** Moves the local user to the plan (its monthly minutes); DbError `invalid_argument` (nothing changed) for an unknown id. */
  setPlan(planId: string): Promise<void>;
  /** Forgets every session, charge and persona row, and the minutes used: a first day on the plan. */
  reset(): Promise<void>;
}

export interface AppDb extends PersonaWrites, SettingsAccess {
  readonly kind: 'supabase' | 'embedded';
  /** Present on the embedded database only. */
  readonly local?: LocalDataControls;
  /** Invites of sessions together (both drivers). */
  readonly invites?: InviteStore;
  /** The signed-in (or local) user's id; NotAuthenticatedError when nobody is signed in. */
  userId(): Promise<string>;

  /** Reserves a session: refuses when minutes, the daily limit or an open session say no. */
  startSession(input: StartSessionInput): Promise<Session>;
  /** Records the Tavus conversation (and a private room's meeting_token, kept with the session); charging counts from now. */
  attachConversation(sessionId: string, conversationId: string, conversationUrl: string, meetingToken?: string): Promise<Session>;
  /** Ends and charges once (server time); ending again returns the same row. */
  endSession(sessionId: string, reason?: string): Promise<Session>;
  /** Marks a session whose conversation could not be created: nothing is charged. */
  failSession(sessionId: string, error: string): Promise<Session>;

  /** The user's starting or active session, if any. */
  currentSession(): Promise<Session | null>;
  /** Null when it does not exist, is someone else's, or the id is not a session id. */
  getSession(id: string): Promise<Session | null>;
  /** Newest first. */
  listSessions(request: PageRequest): Promise<PageOf<Session>>;

  usage(): Promise<Usage>;
  /** The start page's state (the open session and the usage) in one read, where the driver can. */
  home?(): Promise<{ current: Session | null; usage: Usage }>;
  plans(): Promise<Plan[]>;
  /** Newest first, without transcripts: what /history lists. Computed figures come from the database. */
  listSessionHistory(request: PageRequest): Promise<PageOf<SessionHistoryItem>>;
  /** The current period's minutes per day, per persona and per session type, summed by the database. */
  usageReport(): Promise<UsageReport>;

  /** The user's own persona rows; written through the PersonaWrites functions (save, link, delete). */
  listPersonas(): Promise<Persona[]>;
  getPersona(id: string): Promise<Persona | null>;

  /** Calls `onChange` after session changes; returns the unsubscribe function. */
  subscribe(onChange: (change: DbChange) => void): () => void;
  /** Stops listening and polling; the embedded database is closed if this object opened it. */
  close(): Promise<void>;
}
