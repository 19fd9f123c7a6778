/** The bodies Tavus answers with, word for word where the API reference shows them. */
export const TAVUS_BODIES = {
  invalidAccessToken: { message: 'Invalid access token' },
  concurrency: { message: 'User has reached maximum concurrent conversations' },
  outOfCredits: { message: 'You are out of conversational credits. Please add credits to continue.' },
  invalidPatch: { message: 'Invalid JSON patch format' },
  tooManyRequests: { message: 'Too many requests. Please try again later.' },
  serverError: { message: 'Internal server error' },
  unavailable: { message: 'Service temporarily unavailable' },
  invalidId: (field: string) => ({ error: `Invalid ${field}` }),
} as const;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** 200 with no body (conversation end, replica rename), 204 (deletes), 304 (PATCH changed nothing). */
export function empty(status: 200 | 204 | 304): Response {
  return new Response(null, { status });
}

export const badRequest = (error: string) => json(400, { error });
