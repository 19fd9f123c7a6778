import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';

async function openHome(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('status', { name: 'Tavus status' })).toContainText('verified');
  const start = page.getByRole('button', { name: 'Start session' });
  await expect(start).toBeEnabled({ timeout: 30_000 }); // the embedded database opens on the first visit
  return start;
}

const minutes = (seconds: number) => String(Math.round((seconds / 60) * 10) / 10);

// The free plan allows one solo session a day, and a failed start does not count against it: the
// two sessions are a start that Tavus refuses, then a call that is held and ended.
test('after two sessions in mock mode, /history lists both and /usage shows their sum', async ({ page }) => {
  const start = await openHome(page);
  await page.evaluate(() => {
    const awaknow = (window as unknown as { awaknow: { simulator: { faults: { set(fault: object): void } } } }).awaknow;
    awaknow.simulator.faults.set({ status: 402, times: 1, match: 'POST /v2/conversations' });
  });
  await start.click();
  await expect(page.getByRole('alert')).toContainText('out of conversational credits');

  await expect(start).toBeEnabled();
  await start.click();
  await expect(page).toHaveURL(/\/session\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('timer', { name: 'Time left' })).toBeVisible();
  await page.waitForTimeout(2_500); // a few seconds of call, charged from server time
  await page.getByRole('button', { name: 'End session' }).click();
  await expect(page.getByRole('heading', { name: 'Session summary' })).toBeVisible();
  const endedId = page.url().split('/').pop()!;

  // /history: both, newest first, each linked to its page
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  const table = page.getByRole('table', { name: 'Your sessions, newest first' });
  const rows = table.locator('tbody > tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Ended');
  await expect(rows.nth(0)).toContainText('You ended it');
  await expect(rows.nth(1)).toContainText('Failed to start');
  await expect(rows.nth(1)).toContainText('0 min');
  await expect(rows.nth(0).getByRole('link')).toHaveAttribute('href', `/session/${endedId}`);
  await expect(page.getByText('Sessions 1–2 of 2.')).toBeVisible();
  await expectAccessible(page);

  // the ended session's record says exactly what it was charged
  await rows
    .nth(0)
    .getByRole('button', { name: /^Details of the session started/ })
    .click();
  const charged = page.locator('dt', { hasText: 'Minutes charged' }).locator('+ dd');
  await expect(charged).toHaveText(/\((\d+ min )?\d+ s\)$|\(\d+ min\)$/);
  const [, m = '0', s = '0'] = /\((?:(\d+) min)? ?(?:(\d+) s)?\)$/.exec((await charged.textContent()) ?? '')!;
  const seconds = Number(m) * 60 + Number(s);
  expect(seconds).toBeGreaterThanOrEqual(2);
  await expectAccessible(page);

  // /usage: the sum of both (the failed start cost nothing), per day and per persona
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Usage' }).click();
  const meter = page.getByRole('progressbar', { name: /^Minutes used/ });
  await expect(meter).toHaveAttribute('aria-valuetext', new RegExp(`^${minutes(seconds).replace('.', '\\.')} of 25 minutes used`));
  await expect(page.locator('p', { hasText: /^Success rate/ })).toHaveText(
    'Success rate 50%: 1 ended, 1 failed to start (failed starts are never charged).',
  );
  const perDay = page.getByRole('table', { name: 'Minutes per day (UTC), days with sessions' }).locator('tbody > tr');
  await expect(perDay).toHaveCount(1);
  await expect(perDay.locator('td')).toHaveText(['1', minutes(seconds)]);
  const byPersona = page.getByRole('table', { name: 'By persona' }).locator('tbody > tr');
  // named as the header names the configured persona; its id is the tooltip
  await expect(byPersona.locator('th, td')).toHaveText(['Reflective Listener', minutes(seconds), '1', '1', '50%']);
  await expect(byPersona.locator('th span')).toHaveAttribute('title', 'Tavus persona p7e13c73f41f');
  await expect(page.getByRole('region', { name: 'Plans' }).getByRole('listitem')).toHaveCount(3);
  await expectAccessible(page);
});

test('an empty history and usage say so, and pass axe', async ({ page }) => {
  await page.goto('/history');
  await expect(page.getByText(/You have no sessions yet/)).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page);
  await page.goto('/usage');
  await expect(page.getByRole('progressbar', { name: /^Minutes used/ })).toHaveAttribute('aria-valuenow', '0', { timeout: 30_000 });
  await expectAccessible(page);
});

test('the start page loads nothing of /history or /usage until they are visited', async ({ page }) => {
  const loaded: string[] = [];
  page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
  await openHome(page);
  expect(loaded.filter((path) => /history-page|usage-page/.test(path))).toEqual([]);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Usage' }).click();
  await expect(page.getByRole('progressbar', { name: /^Minutes used/ })).toBeVisible();
  expect(loaded.some((path) => /usage-page/.test(path))).toBe(true);
  expect(loaded.filter((path) => /history-page/.test(path))).toEqual([]);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await expect(page.getByText(/You have no sessions yet/)).toBeVisible();
  expect(loaded.some((path) => /history-page/.test(path))).toBe(true);
});
