/**
 * Vite inlines every VITE_ variable into the bundle. A Tavus key there lets any visitor spend the
 * account's credits, so a production build with a key stops unless the operator says it is intended.
 */
export class BrowserKeyError extends Error {
  constructor() {
    super(
      'VITE_TAVUS_API_KEY is set for a production build: Vite would put the key in the public bundle.\n' +
        'Use proxy mode instead (VITE_TAVUS_MODE=proxy, with TAVUS_API_KEY as a secret of the tavus edge function),\n' +
        'or set VITE_TAVUS_ALLOW_BROWSER_KEY=true if the exposure is intended (for a private deployment).',
    );
    this.name = 'BrowserKeyError';
  }
}

export function assertNoBrowserKey(env: Record<string, string | undefined>): void {
  const key = env.VITE_TAVUS_API_KEY?.trim();
  if (key && env.VITE_TAVUS_ALLOW_BROWSER_KEY?.trim() !== 'true') throw new BrowserKeyError();
}
