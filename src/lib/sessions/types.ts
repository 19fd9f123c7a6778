import type { Session, SessionType } from '@/lib/db';
import { sentence } from '@/lib/error-catalogue';
import type { SessionOptions } from './options';

export type { Session, SessionType } from '@/lib/db';
export type { SessionOptions } from './options';

export interface StartedSession {
  session: Session;
  conversationUrl: string;
  meetingToken?: string;
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
  start(input: { sessionType: SessionType; personaId?: string; replicaId?: string; options?: SessionOptions }): Promise<StartedSession>;
  end(sessionId: string, reason?: string): Promise<Session>;
  /** Best effort on tab close: a keepalive request that ends conversation and session. */
  endOnUnload(session: Session): void;
  /** Defaults to 'daily'. */
  readonly callTransport?: CallTransport;
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
