/**
 * The secret in each callback URL. Tavus signs nothing, so the URL carries a token that only the
 * server can make: HMAC-SHA256(TAVUS_WEBHOOK_SECRET, scope), hex. The scope is `session:<id>` for the
 * URL the proxy gives each conversation (a token cannot be replayed for another session), or
 * `shared` for the one URL that direct mode (a development setup) configures for all conversations:
 *   printf shared | openssl dgst -sha256 -hmac "$TAVUS_WEBHOOK_SECRET"
 */

const encoder = new TextEncoder();

async function key(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

export function sessionScope(sessionId: string): string {
  return `session:${sessionId}`;
}

export const SHARED_SCOPE = 'shared';

export async function webhookToken(secret: string, scope: string): Promise<string> {
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', await key(secret), encoder.encode(scope)));
  return Array.from(signature, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Constant time: WebCrypto compares the MAC, not a string comparison that stops at the first difference. */
export async function verifyWebhookToken(secret: string, scope: string, token: string): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(token)) return false;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i += 1) bytes[i] = parseInt(token.slice(i * 2, i * 2 + 2), 16);
  return crypto.subtle.verify('HMAC', await key(secret), bytes, encoder.encode(scope));
}

/** The callback URL of one session: `<base>?session=<id>&token=<hmac>`. */
export async function sessionCallbackUrl(base: string, secret: string, sessionId: string): Promise<string> {
  const url = new URL(base);
  url.searchParams.set('session', sessionId);
  url.searchParams.set('token', await webhookToken(secret, sessionScope(sessionId)));
  return url.toString();
}
