import type { Invite, JoinedSession, Session, SessionType } from '@/lib/db';
import { sentence } from '@/lib/error-catalogue';
import type { SessionOptions } from './options';

export type { Session, SessionType } from '@/lib/db';
export type { SessionOptions } from './options';

export interface StartedSession {
  session: Session;
  conversationUrl: string;
  meetingToken?: string;
  /** A session together: the invite for the partner, when it could be made (the call screen can make another). */
  invite?: Invite;
}

/** "Resolve together": what writes a session together, done where the session is written (browser or server). */
export interface TogetherGateway {
  /** A new invite to the host's running session; no name: the one the host gave last. */
  createInvite(sessionId: string, hostName?: string): Promise<Invite>;
  /** Joins as the partner, with the link's token or the code. */
  redeem(key: string, partnerName: string): Promise<JoinedSession>;
  /**
   * The partner ends the session, and its call, for both. `unconfirmed`: Tavus did not confirm the
   * call stopped (it stops at its own timeouts); the session has ended all the same.
   */
  end(sessionId: string, reason?: string): Promise<{ session: JoinedSession; unconfirmed?: unknown }>;
}

/** What the persona check shown in the header reports. */
export interface PersonaCheck {
  personaId: string;
  personaName?: string;
  replicaId?: string;
}

/**
 * How the browser joins the conversation: the Daily room of the conversation URL, or the
 * simulated call that plays the simulator's part in mock mode. Chosen by the composition root.
 */
export type CallTransport = 'daily' | 'simulated';

/**
 * The start and end of a reflection session, whatever the mode: the browser runs the sequence itself
 * (mock and direct) or asks the server to (proxy). Failures reject with the typed errors of the data
 * layer (DbError) or of the Tavus client (TavusError), after cleaning up: a failed start charges
 * nothing and leaves no conversation running.
 */
export interface SessionGateway {
  /**
   * The persona and replica chosen in the studio override the settings where the browser runs the
   * sequence; the proxy always uses the server's (the browser cannot choose what it is billed for).
   */
  start(input: {
    sessionType: SessionType;
    personaId?: string;
    replicaId?: string;
    hostName?: string;
    options?: SessionOptions;
  }): Promise<StartedSession>;
  end(sessionId: string, reason?: string): Promise<Session>;
  /** Defaults to 'daily'. */
  readonly callTransport?: CallTransport;
  /** Sessions together; absent where they are not offered. */
  readonly together?: TogetherGateway;
  /** Checks that the configured persona exists; absent when the Tavus client can do it itself. */
  verifyPersona?(): Promise<PersonaCheck>;
}

/**
 * Ending at Tavus could not be confirmed although the session itself ended: the call stops on
 * Tavus's side at the latest when its participant_left_timeout runs out after the user left.
 */
export class ConversationEndUnconfirmedError extends Error {
  readonly session: Session;
  constructor(session: Session, cause: unknown) {
    super(sentence('conversation_end_unconfirmed'), { cause });
    this.name = 'ConversationEndUnconfirmedError';
    this.session = session;
  }
}
