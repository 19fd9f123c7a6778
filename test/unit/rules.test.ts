import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTavusClient } from '@/lib/tavus';
import { END_REASON_PATTERN, MIN_SECONDS_TO_START, TAVUS_ID_PATTERN } from '@/lib/rules';
import { MULTILINGUAL, TAVUS_LANGUAGES } from '@/lib/tavus/languages';
import { migrationsDir } from '../db/harness';

/** The migrations as one text: the database states each rule in SQL, and must state the same. */
const sql = readdirSync(migrationsDir)
  .sort()
  .map((file) => readFileSync(join(migrationsDir, file), 'utf8'))
  .join('\n');

/** A JavaScript pattern as the SQL literal it is in the migrations (POSIX regex, same syntax here). */
const literal = (pattern: RegExp) => `'${pattern.source}'`;

describe('the rules the browser, the functions and the database share', () => {
  it('refuses a start under the same number of seconds left in TypeScript and SQL', () => {
    const limits = [...sql.matchAll(/if v_left < (\d+) then/g)].map((match) => Number(match[1]));
    expect(limits.length).toBeGreaterThanOrEqual(2); // start_session and server_start_session
    expect(new Set(limits)).toEqual(new Set([MIN_SECONDS_TO_START]));
  });

  it('checks an end reason with the same pattern in TypeScript and SQL', () => {
    const checks = [...sql.matchAll(/p_reason !~ ('[^']+')/g)].map((match) => match[1]);
    expect(checks.length).toBeGreaterThanOrEqual(2); // end_session and server_end_session
    expect(new Set(checks)).toEqual(new Set([literal(END_REASON_PATTERN)]));
    expect(['user_ended', 'tab_closed', 'a'.repeat(64)].every((reason) => END_REASON_PATTERN.test(reason))).toBe(true);
    expect(['', 'User_ended', '1st', 'a'.repeat(65), 'tab closed'].some((reason) => END_REASON_PATTERN.test(reason))).toBe(false);
  });

  it('knows the same languages in TypeScript and SQL (the table and the function that sets one)', () => {
    const lists = [...sql.matchAll(/language (?:not )?in \(([^)]+)\)/g)].map((match) =>
      [...match[1]!.matchAll(/'([a-z]+)'/g)].map((word) => word[1]),
    );
    expect(lists).toHaveLength(2);
    for (const list of lists) expect(list).toEqual([...TAVUS_LANGUAGES, MULTILINGUAL]);
  });

  it('checks a Tavus id with the same pattern in TypeScript and SQL, length cap included', () => {
    expect(sql).toContain(`p_value ~ ${literal(TAVUS_ID_PATTERN)}`);
    expect(TAVUS_ID_PATTERN.test('p7e13c73f41f')).toBe(true);
    expect(TAVUS_ID_PATTERN.test('d8-5c71baca86fc')).toBe(true);
    expect(TAVUS_ID_PATTERN.test('x'.repeat(128))).toBe(true);
    expect(['', 'x'.repeat(129), 'p7e1/../x', 'p7e 13'].some((id) => TAVUS_ID_PATTERN.test(id))).toBe(false);
  });

  it('is the id rule of the Tavus client too: an id past 128 characters is refused before any request', async () => {
    const sent: string[] = [];
    const client = createTavusClient({
      baseUrl: 'https://tavusapi.com',
      apiKey: 'test-key-123',
      fetch: async (input) => {
        sent.push(String(input));
        return new Response('{}', { status: 404 });
      },
    });
    await expect(client.personas.get(`p${'a'.repeat(128)}`)).rejects.toThrow(/at most 128/);
    expect(sent).toEqual([]);
  });
});
