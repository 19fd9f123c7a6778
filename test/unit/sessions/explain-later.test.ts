import { DbError } from '@/lib/db';
import { explainError } from '@/features/session/messages';

// The start page explains a failure with the catalogue's words loaded only then: the same words
// as `explainError`, and a plain sentence when they cannot be loaded (offline, say).

afterEach(() => {
  vi.doUnmock('@/features/session/messages');
  vi.resetModules();
});

describe('a failure on the start page, explained once its words have loaded', () => {
  it('says what explainError says', async () => {
    const { explainLater } = await import('@/features/session/home/explain-later');
    const failure = new DbError('not_authenticated');
    expect(await explainLater(failure, 'mock')).toEqual(explainError(failure, 'mock'));
    expect(await explainLater(failure, 'mock')).toMatchObject({ code: 'not_authenticated', title: 'You are not signed in.' });
  });

  it('says the words could not be loaded, and to reload, when their module does not load', async () => {
    vi.resetModules();
    vi.doMock('@/features/session/messages', () => {
      throw new Error('Failed to fetch dynamically imported module');
    });
    const { explainLater } = await import('@/features/session/home/explain-later');
    expect(await explainLater(new DbError('not_authenticated'), 'mock')).toEqual({
      code: 'words_not_loaded',
      title: 'Something went wrong, and this page could not load the words that explain it.',
      advice: 'Check your connection and reload the page.',
    });
  });
});
