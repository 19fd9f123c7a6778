import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';

test('the free wiring check says in words that key, persona and a test conversation work, and starts no session', async ({ page }) => {
  await page.goto('/studio/conversations');
  await page.getByRole('button', { name: 'Run the free wiring check' }).click();
  const result = page.getByRole('list', { name: 'Wiring check result' }).getByRole('listitem');
  await expect(result).toHaveCount(4, { timeout: 30_000 });
  await expect(result.nth(0)).toHaveText('API key: ok. Key accepted: Tavus answered a request made with it.');
  await expect(result.nth(1)).toContainText('Persona: ok. Persona found:');
  await expect(result.nth(2)).toContainText('Test conversation: ok. Conversation created in test mode');
  await expect(result.nth(3)).toContainText('Callbacks:');
  await expect(page.getByRole('table', { name: 'Conversations' })).toContainText(/awaknow_wiring_check_.*ended/s);
  await expectAccessible(page);

  const modes = await page.evaluate(() => {
    const state = JSON.parse(localStorage.getItem('awaknow.tavus-simulator') ?? '{}') as {
      tables?: { conversations?: Record<string, { value: { test_mode?: boolean; status: string } }> };
    };
    return Object.values(state.tables?.conversations ?? {}).map((c) => [c.value.test_mode, c.value.status]);
  });
  expect(modes).toEqual([[true, 'ended']]);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Start session' })).toBeEnabled({ timeout: 30_000 }); // today's session is unused
});

test('memory is shown on the start page, kept when turned off, and turned on again onto a new store', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('Memory is on.')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Turn memory off' }).click();
  await expect(page.getByText('Memory is off.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('Memory is off.')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Turn memory on' }).click();
  await expect(page.getByText('Memory is on.')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(page.getByRole('button', { name: 'End session' })).toBeVisible({ timeout: 30_000 }); // the call, past its reservation
  const stores = await page.evaluate(() => {
    const state = JSON.parse(localStorage.getItem('awaknow.tavus-simulator') ?? '{}') as {
      tables?: { conversations?: Record<string, { value: { memory_stores?: string[] } }> };
    };
    return Object.values(state.tables?.conversations ?? {}).map((c) => c.value.memory_stores);
  });
  expect(stores).toEqual([[expect.stringMatching(/^[0-9a-f-]{36}_p7e13c73f41f_g2$/)]]);
  await page.getByRole('button', { name: 'End session' }).click();
  await expect(page.getByRole('heading', { name: 'Session summary' })).toBeVisible();
});

test("recording: only with the user's yes, and the session's record shows the recording once Tavus says it is ready", async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText(/^More options:/)).toHaveText('More options: English, not recorded', { timeout: 30_000 });
  await page.getByText(/^More options:/).click(); // the choice loads when opened
  const record = page.getByRole('checkbox', { name: 'Record this session' });
  await expect(record).not.toBeChecked({ timeout: 30_000 });
  await expect(page.getByText('This session will not be recorded unless you tick the box.')).toBeVisible();
  await record.check();
  await expect(page.getByText(/^This session will be recorded/)).toBeVisible();
  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(page.getByRole('button', { name: 'End session' })).toBeVisible({ timeout: 30_000 }); // the call, past its reservation
  const properties = await page.evaluate(() => {
    const state = JSON.parse(localStorage.getItem('awaknow.tavus-simulator') ?? '{}') as {
      tables?: { conversations?: Record<string, { value: { properties?: Record<string, unknown> } }> };
    };
    return Object.values(state.tables?.conversations ?? {})[0]?.value.properties;
  });
  expect(properties).toMatchObject({ enable_recording: true, recording_s3_bucket_name: 'awaknow-e2e-recordings' });
  await page.getByRole('button', { name: 'End session' }).click();
  await expect(page.getByRole('heading', { name: 'Session summary' })).toBeVisible();

  // the simulator calls back after the call (3 s in mock mode); the record shows where it is stored
  await page.waitForTimeout(4_000);
  await page.goto('/history');
  await page.getByRole('button', { name: /^Details of the session started/ }).click();
  await expect(page.getByRole('heading', { name: 'Recording' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/^s3:\/\/awaknow-e2e-recordings\/c\w+\/recording\.mp4$/)).toBeVisible();
});
