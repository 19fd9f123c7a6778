import { describe, expect, it } from 'vitest';
import { assertNoBrowserKey, BrowserKeyError } from '@/config/build-guard';

describe('build guard', () => {
  it('lets a build without a key through', () => {
    expect(() => assertNoBrowserKey({})).not.toThrow();
    expect(() => assertNoBrowserKey({ VITE_TAVUS_API_KEY: ' ' })).not.toThrow();
  });
  it('stops a build that would ship the key, pointing at proxy mode', () => {
    expect(() => assertNoBrowserKey({ VITE_TAVUS_API_KEY: 'tk_live' })).toThrow(BrowserKeyError);
    expect(() => assertNoBrowserKey({ VITE_TAVUS_API_KEY: 'tk_live', VITE_TAVUS_ALLOW_BROWSER_KEY: 'yes' })).toThrow(
      /VITE_TAVUS_MODE=proxy/,
    );
  });
  it('lets the operator opt in explicitly', () => {
    expect(() => assertNoBrowserKey({ VITE_TAVUS_API_KEY: 'tk_live', VITE_TAVUS_ALLOW_BROWSER_KEY: 'true' })).not.toThrow();
  });
});
