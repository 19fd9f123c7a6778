import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';

/** The simulator's record of a conversation, from its state in localStorage, as Tavus would hold it. */
async function conversation(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => {
    const state = JSON.parse(localStorage.getItem('awaknow.tavus-simulator') ?? '{}') as {
      tables?: { conversations?: Record<string, { value: Record<string, unknown> }> };
    };
    return Object.values(state.tables?.conversations ?? {})[0]?.value ?? {};
  });
}

const transcript = (page: Page) => page.getByRole('log', { name: 'Conversation so far' });

test('the topic, the language and the private room of a session, through a reload', async ({ page }) => {
  await page.goto('/');
  const start = page.getByRole('button', { name: 'Start session' });
  await expect(start).toBeEnabled({ timeout: 30_000 });
  const topic = page.getByRole('textbox', { name: 'What would you like to reflect on? (optional)' });
  await topic.fill('line one\tand a tab');
  await expect(page.getByRole('alert')).toContainText('control character');
  await expect(start).toBeDisabled();
  await topic.fill('feeling stuck at work');
  await page.getByText(/^More options:/).click(); // the language's list loads when opened
  await page.getByRole('combobox', { name: 'Language' }).selectOption('german');
  await expect(page.getByText('Memory is on.')).toBeVisible();
  await expectAccessible(page);

  await start.click();
  await expect(page.getByRole('heading', { name: 'Your reflection session' })).toBeVisible();
  await expect(transcript(page)).toContainText('Replica: Welcome. You would like to reflect on "feeling stuck at work".', {
    timeout: 15_000,
  });
  const created = await conversation(page);
  expect(created).toMatchObject({ require_auth: true, custom_greeting: expect.stringContaining('feeling stuck at work') });
  expect((created.properties as { language: string }).language).toBe('german');
  expect(created.memory_stores).toEqual([expect.stringMatching(/_p7e13c73f41f_g1$/)]);
  const sessionId = page.url().split('/').pop()!;
  expect(await page.evaluate((id) => localStorage.getItem(`awaknow.meeting-token.${id}`), sessionId)).toBe(created.meeting_token);

  // a reload joins the same private room with the kept token
  page.on('dialog', (dialog) => void dialog.accept());
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your reflection session' })).toBeVisible({ timeout: 30_000 });
  await expect(transcript(page)).toContainText('Replica:', { timeout: 15_000 });

  // storage that lost the token: the database's copy lets the host in again, and is kept again (a
  // browser with the URL alone is refused: test/component/session/private-room.test.tsx)
  await page.evaluate((id) => localStorage.removeItem(`awaknow.meeting-token.${id}`), sessionId);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your reflection session' })).toBeVisible({ timeout: 30_000 });
  await expect(transcript(page)).toContainText('Replica:', { timeout: 15_000 });
  await expect(page.getByText("The call's private room did not let this browser in")).toHaveCount(0);
  expect(await page.evaluate((id) => localStorage.getItem(`awaknow.meeting-token.${id}`), sessionId)).toBe(created.meeting_token);
  await page.getByRole('button', { name: 'End session' }).click();
  await expect(page.getByRole('heading', { name: 'Session summary' })).toBeVisible();

  // the language is kept for the next visit
  await page.goto('/');
  await expect(page.getByText(/^More options:/)).toHaveText('More options: German, not recorded', { timeout: 30_000 });
  await page.getByText(/^More options:/).click();
  await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('german');
});
