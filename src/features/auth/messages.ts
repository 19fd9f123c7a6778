import type { AuthFailure } from './auth-client';

const BY_CODE: Record<string, string> = {
  over_email_send_rate_limit: 'Too many sign-in emails were sent. Wait a minute, then try again.',
  over_request_rate_limit: 'Too many attempts. Wait a minute, then try again.',
  otp_expired: 'That code has expired or is not right. Check the latest email, or send a new code.',
  anonymous_provider_disabled: 'Guest access is turned off for this app. Sign in with your email instead.',
  email_address_invalid: 'That email address was not accepted. Check it and try again.',
  email_provider_disabled: 'Email sign-in is turned off for this app. Continue as a guest instead.',
  otp_disabled: 'Email codes are turned off for this app. Continue as a guest instead.',
  signup_disabled: 'New accounts are not accepted right now. Sign in with an email that already has an account.',
  user_banned: 'This account is suspended. Contact support.',
};

/** A sentence for the person at the keyboard: what went wrong and what to do next. */
export function authMessage(error: AuthFailure, action: string): string {
  if (error.code && BY_CODE[error.code]) return BY_CODE[error.code]!;
  if (error.name === 'AuthRetryableFetchError' || error.status === 0) {
    return 'Could not reach the sign-in service. Check your connection and try again.';
  }
  if (error.status === 429) return BY_CODE.over_request_rate_limit!;
  return `${action} failed: ${error.message || 'unknown error'}. Try again.`;
}

/** Supabase sends a failed magic link back with the reason in the URL fragment. */
export function linkErrorFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const code = params.get('error_code');
  const description = params.get('error_description');
  if (!code && !description) return null;
  if (code === 'otp_expired') return 'That sign-in link has expired or was already used. Send a new email below.';
  return `The sign-in link did not work${description ? ` (${description})` : ''}. Send a new email below.`;
}
