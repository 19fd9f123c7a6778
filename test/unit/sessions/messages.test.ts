import { DbError, DB_ERROR_CODES, toDbError } from '@/lib/db';
import {
  AuthenticationError,
  ConcurrencyLimitError,
  ConnectionError,
  InvalidRequestError,
  OutOfCreditsError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnexpectedResponseError,
} from '@/lib/tavus';
import { describeEndReason, explainError } from '@/features/session/messages';
import { describeSessionFailure } from '@/lib/sessions/words';

describe('what a failed start tells the user', () => {
  it.each([
    [
      new AuthenticationError({ status: 401, path: 'POST /v2/conversations' }),
      'Tavus did not accept the API key.',
      /Check VITE_TAVUS_API_KEY/,
    ],
    [
      new OutOfCreditsError({ status: 402, path: 'POST /v2/conversations' }),
      'The Tavus account is out of conversational credits.',
      /Add credits in the Tavus dashboard/,
    ],
    [
      new ConcurrencyLimitError({ status: 400, path: 'POST /v2/conversations' }),
      'The Tavus account already runs as many conversations as it may.',
      /Wait for another conversation to end/,
    ],
    [
      new InvalidRequestError({ status: 400, path: 'POST /v2/conversations', serverMessage: 'Invalid persona_id' }),
      /^Tavus did not accept the request/,
      /VITE_TAVUS_PERSONA_ID/,
    ],
    [
      new RateLimitError({ status: 429, path: 'POST /v2/conversations', retryAfterMs: 12_000 }),
      'Tavus is receiving too many requests.',
      /Wait 12 seconds/,
    ],
    [new ServerError({ status: 503, path: 'POST /v2/conversations' }), /^Tavus had a server error/, /Try again in a minute/],
    [
      new ConnectionError({ path: 'POST /v2/conversations', reason: 'Failed to fetch' }),
      'Tavus could not be reached.',
      /Check your connection/,
    ],
    [new TimeoutError({ path: 'POST /v2/conversations', timeoutMs: 15_000 }), 'Tavus did not answer in time.', /has been ended/],
    [
      new UnexpectedResponseError({ path: 'POST /v2/conversations', summary: 'conversation_url: missing' }),
      /^Tavus answered in a way this app does not understand/,
      /API may have changed/,
    ],
  ])('%s', (error, title, advice) => {
    const explained = explainError(error, 'direct');
    if (typeof title === 'string') expect(explained.title).toBe(title);
    else expect(explained.title).toMatch(title);
    expect(explained.advice).toMatch(advice);
    expect(explained.advice).toMatch(/Nothing was charged to your minutes\./);
  });

  it('points proxy mode at the server secret, not a browser variable', () => {
    expect(explainError(new AuthenticationError({ status: 401, path: 'x' }), 'proxy').advice).toMatch(
      /TAVUS_API_KEY secret of the tavus function/,
    );
    expect(explainError(new ConnectionError({ path: 'x', reason: 'down' }), 'proxy').title).toBe('The server could not be reached.');
  });

  it.each(DB_ERROR_CODES.filter((code) => code !== 'db_error'))('gives a title and the advice of database code %s', (code) => {
    const error = toDbError({ message: code });
    const explained = explainError(error, 'mock');
    expect(explained.code).toBe(code);
    expect(explained.title.length).toBeGreaterThan(10);
    // the title once, then the advice: together the DbError's own sentence
    expect(`${explained.title} ${explained.advice}`).toBe(error.message);
    expect(explained.advice).not.toContain(explained.title);
  });

  it('keeps the detail of an unknown database failure', () => {
    const explained = explainError(new DbError('db_error', 'The database could not complete the request. (disk full)'), 'mock');
    expect(explained.title).toBe('The database could not complete the request.');
    expect(explained.advice).toContain('disk full');
  });

  it('names the ways a session ends', () => {
    expect(describeEndReason('call_engine_unavailable')).toBe('the video call could not be loaded');
    expect(describeEndReason('tab_closed')).toBe('its tab was closed or reloaded');
    // Tavus's shutdown reasons, with or without " reached", in the same words as in history
    expect(describeEndReason('participant_left_timeout reached')).toBe('you left the call and Tavus closed it');
    expect(describeEndReason('participant_left_timeout')).toBe('you left the call and Tavus closed it');
    expect(describeEndReason('max_call_duration reached')).toBe('the conversation reached its maximum call duration');
    expect(describeEndReason('some_new_reason reached')).toBe('some new reason reached');
    expect(describeEndReason(null)).toBe('it ended');
  });

  it('words a failed start by its step and code, keeping the recorded text as detail', () => {
    const recorded = 'attach_failed: db_error: The database could not complete the request. (connection reset)';
    expect(describeSessionFailure(recorded)).toEqual({
      words: 'The call could not be recorded with the session. The database could not complete the request.',
      detail: recorded,
    });
    expect(describeSessionFailure('conversation_create_failed: something_new: ?')).toEqual({
      words: 'Tavus could not start the call.',
      detail: 'conversation_create_failed: something_new: ?',
    });
    expect(describeSessionFailure('Tavus answered 402')).toEqual({ words: 'Tavus answered 402', detail: null });
    expect(describeSessionFailure(null).words).toBe('No error was recorded.');
  });

  it('says how long to wait in the right number', () => {
    expect(explainError(new RateLimitError({ status: 429, path: 'x', retryAfterMs: 1_000 }), 'direct').advice).toMatch(
      /^Wait 1 second, then try again\./,
    );
  });

  it('shows a server failure once, not inside itself', async () => {
    const { errorFromProxy } = await import('@/lib/sessions/proxy');
    for (const [code, message] of [
      ['db_unavailable', 'The database cannot be reached right now. Try again in a moment.'],
      ['db_error', 'The database could not complete the request. Try again; if it keeps failing, reload the page.'],
    ] as const) {
      const explained = explainError(errorFromProxy(503, { error: { code, message } }, 'POST /tavus/sessions'), 'proxy');
      const text = `${explained.title} ${explained.advice}`;
      expect(text.split(explained.title)).toHaveLength(2);
      expect(text).not.toMatch(/\.\./);
    }
  });
});
