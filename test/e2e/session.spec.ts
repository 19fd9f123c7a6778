import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';

/** The simulator keeps its state in localStorage (shared by the tabs of the origin): read it as Tavus would report it. */
async function conversations(page: Page): Promise<Array<{ name: string; status: string }>> {
  return page.evaluate(() => {
    const raw = localStorage.getItem('awaknow.tavus-simulator');
    const state = raw
      ? (JSON.parse(raw) as { tables: { conversations: Record<string, { value: { conversation_name: string; status: string } }> } })
      : null;
    return Object.values(state?.tables.conversations ?? {}).map((c) => ({ name: c.value.conversation_name, status: c.value.status }));
  });
}

const active = async (page: Page) => (await conversations(page)).filter((c) => c.status === 'active');

async function openHome(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('status', { name: 'Tavus status' })).toContainText('verified');
  const start = page.getByRole('button', { name: 'Start session' });
  await expect(start).toBeEnabled({ timeout: 30_000 }); // the embedded database opens on the first visit
  return start;
}

const transcript = (page: Page) => page.getByRole('log', { name: 'Conversation so far' });

test('the whole journey in mock mode: start, talk, answer, end, summary', async ({ page }) => {
  const start = await openHome(page);
  await expect(page.getByText('Minutes left').locator('..')).toContainText('25 of 25');
  await expect(page.getByRole('radio', { name: /Resolve together/ })).toBeDisabled();
  await expectAccessible(page);

  await start.click();
  await expect(page.getByRole('heading', { name: 'Your reflection session' })).toBeVisible();
  await expect(page).toHaveURL(/\/session\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByRole('timer', { name: 'Time left' })).toHaveText(/^(10:00|9:5\d)$/); // the free plan's 600 s cap
  await expect(transcript(page)).toContainText(
    'Replica: Welcome. Let us take a slow breath together. What would you like to reflect on today?',
    { timeout: 15_000 },
  );
  await expect(page.getByRole('figure', { name: 'You' }).locator('video')).toBeVisible(); // the fake camera
  expect(await active(page)).toEqual([{ name: expect.stringMatching(/^awaknow_reflect_alone_[0-9a-f-]{36}$/), status: 'active' }]);
  await expectAccessible(page);

  await page.getByLabel('Your answer').fill('I want to understand why I feel so rushed.');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(transcript(page)).toContainText('You: I want to understand why I feel so rushed.');
  await expect(transcript(page)).toContainText(
    'Replica: Thank you for sharing that. What feels most important about it to you right now?',
    { timeout: 15_000 },
  );

  await page.getByRole('button', { name: 'End session' }).click();
  await expect(page.getByRole('heading', { name: 'Session summary' })).toBeVisible();
  await expect(page.getByText(/This session has ended: you ended it/)).toBeVisible();
  await expect(page.getByText('Duration').locator('..')).toContainText(/\d+ s/);
  await expect(page.getByText('Minutes charged').locator('..')).toContainText(/Minutes charged0(\.\d)? \(\d+ s\)/);
  await expect(page.getByText('Minutes left').locator('..')).toContainText(/Minutes left2[45](\.\d)? \(/);
  const lines = page.getByRole('list', { name: 'Transcript of the session' }).getByRole('listitem');
  await expect(lines).toHaveCount(3);
  await expect(lines.nth(1)).toHaveText('You: I want to understand why I feel so rushed.');
  // What was heard first; then Tavus's transcript, which the simulator calls back a few seconds after the end.
  const heard = page.getByText(/This is what was heard during the call; Tavus's full transcript replaces it/);
  await expect(heard).toBeVisible();
  await expect(heard).toBeHidden({ timeout: 20_000 });
  await expect(lines).toHaveCount(3);
  await expect(lines.nth(1)).toHaveText('You: I want to understand why I feel so rushed.');
  expect(await active(page)).toEqual([]);
  await expectAccessible(page);

  // The free plan has one solo session a day: home says so instead of offering another.
  await page.getByRole('link', { name: 'Back to the start page' }).click();
  await expect(page.getByText(/You have had today's session on the Free plan/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start session' })).toBeDisabled();
});

test('a second tab does not start a second session', async ({ context, page }) => {
  const other = await context.newPage();
  const [startHere, startThere] = [await openHome(page), await openHome(other)];

  // Both tabs press start at once (within milliseconds: a start takes a fraction of a second, less
  // than a click's wait for a stable target): the database lets one through.
  await Promise.all([startHere, startThere].map((start) => start.evaluate((button: HTMLButtonElement) => button.click())));

  // In the call: the End session button (both tabs show the call screen at once, reserving).
  const inCall = async (p: Page) => p.getByRole('button', { name: 'End session' }).isVisible();
  await expect.poll(async () => (await inCall(page)) || (await inCall(other)), { timeout: 20_000 }).toBe(true);
  const [winner, loser] = (await inCall(page)) ? [page, other] : [other, page];
  // One notice, in words: the refusal says where the session runs (no second notice repeating it).
  const refusal = loser.getByRole('alert');
  await expect(refusal).toContainText('A session is already running.');
  await expect(refusal).toContainText('It is running in another tab of this browser, and only one session can run at a time.');
  await expect(loser.getByRole('button', { name: 'Start session' })).toBeDisabled();
  await expect(loser.getByText(/already running/)).toHaveCount(1);
  expect(await active(page)).toHaveLength(1);
  await expectAccessible(loser);

  // The way back leads to the call's tab, and does not join the call a second time.
  await loser.getByRole('link', { name: 'Return to the running session' }).first().click();
  await expect(loser.getByRole('heading', { name: 'Session running in another tab' })).toBeVisible();
  await expect(loser.getByRole('heading', { name: 'Your reflection session' })).toHaveCount(0);
  await expectAccessible(loser);

  // Ending it from there stops the call in the other tab too.
  await loser.getByRole('button', { name: 'End session' }).click();
  await expect(loser.getByRole('heading', { name: 'Session summary' })).toBeVisible();
  await expect(winner.getByRole('heading', { name: 'Session summary' })).toBeVisible({ timeout: 15_000 });
  await expect(winner.getByText('This session was ended elsewhere (another tab, another device, or Tavus).')).toBeVisible();
  expect(await active(page)).toEqual([]);
});

test('a reload mid-call is still the same call, asked first, and the session is charged once at its end', async ({ page }) => {
  await (await openHome(page)).click();
  await expect(transcript(page)).toContainText('What would you like to reflect on today?', { timeout: 15_000 });
  const url = page.url();
  const [call] = await active(page);
  await page.getByLabel('Your answer').fill('Before the reload.'); // the user has interacted: the browser may ask
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(transcript(page)).toContainText('You: Before the reload.');

  const asked: string[] = [];
  page.on('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.accept(); // "Reload": the user goes ahead
  });
  const before = Date.now();
  await page.reload();

  await expect(page).toHaveURL(url);
  expect(asked).toEqual(['beforeunload']);
  await expect(page.getByRole('heading', { name: 'Your reflection session' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Session summary' })).toHaveCount(0);
  expect(await active(page)).toEqual([call]); // the same conversation, still running, and no other
  await expect(transcript(page)).toContainText('Replica:', { timeout: 15_000 }); // the replica talks on
  await expectAccessible(page);

  await page.getByRole('button', { name: 'End session' }).click();
  await expect(page.getByRole('heading', { name: 'Session summary' })).toBeVisible();
  await expect(page.getByText(/This session has ended: you ended it/)).toBeVisible();
  const elapsed = Math.floor((Date.now() - before) / 1000);
  const charged = await page.getByText('Minutes charged').locator('..').locator('dd').innerText();
  const seconds = Number(
    /\((?:(\d+) min ?)?(?:(\d+) s)?\)/
      .exec(charged)!
      .slice(1)
      .reduce((sum, part, i) => sum + Number(part ?? 0) * (i === 0 ? 60 : 1), 0),
  );
  expect(seconds).toBeGreaterThanOrEqual(elapsed); // the time before and after the reload, in one charge
  expect(await active(page)).toEqual([]);

  // One session in the history, and the period's usage is that one charge.
  await page.goto('/history');
  await expect(page.getByRole('table', { name: 'Your sessions' }).getByRole('row')).toHaveCount(2, { timeout: 30_000 });
  await page.goto('/usage');
  await expect(page.getByText(/minutes left · the period ends/)).toContainText(`${charged.split(' ')[0]} of 25 minutes used`, {
    timeout: 30_000,
  });
  await page.goto('/');
  await expect(page.getByText(/You have had today's session/)).toBeVisible({ timeout: 30_000 });
});
