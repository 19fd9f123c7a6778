import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';

test('opens in mock mode, verifies the default persona and navigates every section', async ({ page }) => {
  await page.goto('/');
  const status = page.getByRole('status', { name: 'Tavus status' });
  await expect(status).toContainText('Mock');
  await expect(status).toContainText('p7e13c73f41f');
  await expect(status).toContainText('verified');
  await expectAccessible(page);

  for (const [link, heading] of [
    ['History', 'History'],
    ['Usage', 'Usage'],
    ['Studio', 'Studio'],
  ] as const) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
    await expectAccessible(page);
  }
});

test('mock mode offers the simulator controls, and they pass axe', async ({ page }) => {
  await page.goto('/');
  await page.getByText('Simulator controls').click();
  await expect(page.getByLabel('Answer with')).toBeVisible();
  await expectAccessible(page);
});

test('an unknown address says so', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});
