import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tavusErrors from '@/lib/tavus/errors';
import {
  DATABASE_ERRORS,
  ERROR_CATALOGUE,
  forMode,
  NOTHING_CHARGED,
  SERVER_ERRORS,
  TAVUS_ERRORS,
  UNKNOWN_ERROR,
  waitAdvice,
  type CatalogueMode,
} from '@/lib/error-catalogue';
import { migrationsDir } from '../db/harness';

const functionsDir = join(__dirname, '../../supabase/functions');

/** Every stable code a migration raises, read from the migration files: a new code fails this test until it is catalogued. */
const raised = new Set(
  readdirSync(migrationsDir).flatMap((file) =>
    [...readFileSync(join(migrationsDir, file), 'utf8').matchAll(/raise exception '([a-z_]+)'/g)].map((match) => match[1]!),
  ),
);

/** Every code the edge functions answer with, read from their sources. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [readFileSync(join(dir, entry.name), 'utf8')] : [],
  );
}
const answered = new Set(
  sources(functionsDir).flatMap((text) => [...text.matchAll(/new ApiError\(\s*\d{3},\s*'([a-z_]+)'/g)].map((match) => match[1]!)),
);

/** The code of every TavusError class the client can throw, by making one of each. */
const init = { path: 'POST /v2/conversations', status: 400 };
const tavusCodes = new Set(
  Object.values(tavusErrors).flatMap((value) => {
    if (typeof value !== 'function' || !(value.prototype instanceof tavusErrors.TavusError)) return [];
    const Made = value as unknown as new (init: object) => tavusErrors.TavusError;
    return [new Made({ ...init, timeoutMs: 1, summary: 'x' }).code];
  }),
);

const modes: CatalogueMode[] = ['mock', 'direct', 'proxy'];

describe('the error catalogue', () => {
  it('has every code the migrations raise, and no database code that none raises (db_error aside)', () => {
    expect(raised.size).toBeGreaterThan(10);
    expect([...raised].filter((code) => !Object.hasOwn(DATABASE_ERRORS, code))).toEqual([]);
    expect(Object.keys(DATABASE_ERRORS).filter((code) => code !== 'db_error' && !raised.has(code))).toEqual([]);
  });

  it('has the code of every Tavus error class, and no Tavus code without a class', () => {
    expect(tavusCodes.size).toBe(12);
    expect([...tavusCodes].sort()).toEqual(Object.keys(TAVUS_ERRORS).sort());
  });

  it('has every code the edge functions answer with', () => {
    expect(answered.size).toBeGreaterThan(10);
    expect([...answered].filter((code) => !Object.hasOwn(ERROR_CATALOGUE, code))).toEqual([]);
    expect(
      Object.keys(SERVER_ERRORS).filter(
        (code) => !answered.has(code) && code !== 'tavus_not_configured' && code !== 'conversation_end_unconfirmed',
      ),
    ).toEqual([]);
  });

  it('gives each code one meaning: no code in two sources', () => {
    const all = [...Object.keys(DATABASE_ERRORS), ...Object.keys(TAVUS_ERRORS), ...Object.keys(SERVER_ERRORS)];
    expect(all.length).toBe(new Set(all).size);
  });

  it('words every message as sentences a person can read, without the raw code', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      for (const mode of modes) {
        const texts = [
          forMode(entry.title, mode),
          forMode(entry.advice, mode),
          ...('studio' in entry ? [forMode(entry.studio, mode)] : []),
        ];
        for (const text of texts) {
          expect(text, code).toMatch(/^[A-Z].*[.]$/);
          expect(text, code).not.toContain(code);
          expect(text, code).not.toMatch(/\b1 seconds\b|\.\.|\(\)/);
        }
        expect(forMode(entry.advice, mode), code).not.toBe(forMode(entry.title, mode));
      }
    }
  });

  it('counts a wait in seconds the way people do', () => {
    expect(waitAdvice(1_000)).toBe('Wait 1 second, then try again.');
    expect(waitAdvice(400)).toBe('Wait 1 second, then try again.');
    expect(waitAdvice(12_000)).toBe('Wait 12 seconds, then try again.');
    expect(waitAdvice(undefined)).toBe('Wait a minute, then try again.');
  });

  it('renders the whole list for review (error-catalogue.txt next to this test)', async () => {
    const lines = Object.entries(ERROR_CATALOGUE).map(([code, entry]) => {
      const variants = (text: string | Readonly<Record<CatalogueMode, string>>) =>
        typeof text === 'string' ? text : modes.map((mode) => `[${mode}] ${text[mode]}`).join(' ');
      const studio = 'studio' in entry ? `\n    studio: ${variants(entry.studio)}` : '';
      return `${code} (${entry.status})\n    ${variants(entry.title)}\n    ${variants(entry.advice)}${studio}`;
    });
    const text = [
      ...lines,
      `(no code) ${UNKNOWN_ERROR.title} ${UNKNOWN_ERROR.advice}`,
      `(a failed start, Tavus) + ${NOTHING_CHARGED}`,
      '',
    ].join('\n');
    await expect(text).toMatchFileSnapshot('./error-catalogue.txt');
  });
});
