import type { TavusMode } from '@/config';
import type { Explained } from '../messages';
import { WORDS_NOT_LOADED } from '../start-page-messages';

/**
 * `explainError`, loaded when a failure needs it: the error catalogue is no part of the first page
 * (nothing on the first screen has failed yet).
 */
export async function explainLater(error: unknown, mode: TavusMode): Promise<Explained> {
  try {
    const { explainError } = await import('../messages');
    return explainError(error, mode);
  } catch {
    return { ...WORDS_NOT_LOADED };
  }
}
