import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './axe';

// "Resolve together" in mock mode across TWO browsers: two browser contexts (each its own storage,
// no BroadcastChannel between them) on a server that holds the local database (VITE_LOCAL_DATA=dev-server).
// Each browser is its own local account there; the simulated call travels through the server's relay.

async function openBrowser(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  return context.newPage();
}

const said = (page: Page) => page.getByRole('log', { name: 'Conversation so far' });
const minutesBar = (page: Page) => page.getByRole('progressbar', { name: /Minutes used/ });

async function answer(page: Page, text: string) {
  await page.getByLabel('Your answer').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

/** Ada's browser: her own account on the server's database, moved to Pro, starts a session together; the invite's link. */
async function adaStarts(ada: Page): Promise<string> {
  await ada.goto('/');
  await expect(ada.getByRole('button', { name: 'Start session' })).toBeEnabled({ timeout: 30_000 });
  await ada.getByText('Local data controls').click();
  await ada.getByLabel('Plan of the local user').selectOption('pro');
  await ada.getByRole('button', { name: 'Use this plan' }).click();
  await expect(ada.getByRole('status').filter({ hasText: 'The local user is now on the Pro plan.' })).toBeVisible();
  await ada.getByRole('radio', { name: /Resolve together/ }).check();
  await ada.getByLabel('Your name').fill('Ada');
  await ada.getByRole('button', { name: 'Start session' }).click();
  await expect(said(ada)).toContainText('Replica: Hello Ada, I am glad you are here.', { timeout: 20_000 });
  const link = await ada.locator('.invite__link').getAttribute('href');
  expect(link).toMatch(/\/join\/[0-9a-f]{64}$/);
  return new URL(link!).pathname;
}

/** Grace's browser, which has never seen this app (its own account, on the Free plan), joins by the link. */
async function graceJoins(grace: Page, link: string, ada: Page) {
  await grace.goto(link);
  await expect(grace.getByText('Ada invited you to Resolve together')).toBeVisible({ timeout: 30_000 });
  await expectAccessible(grace);
  await grace.getByLabel('Your name').fill('Grace');
  await grace.getByRole('button', { name: 'Join session' }).click();
  await expect(grace.getByRole('heading', { name: 'Resolve together with Ada' })).toBeVisible();
  await expect(ada.getByRole('status').filter({ hasText: 'Grace has joined.' })).toBeVisible({ timeout: 15_000 });
}

test('two browsers hold a session together to its end, charged once to the host', async ({ browser, baseURL }) => {
  const ada = await openBrowser(browser, baseURL);
  const grace = await openBrowser(browser, baseURL);

  const link = await adaStarts(ada);
  await graceJoins(grace, link, ada);

  // A third browser with the same link: the invite was for one person, and it is used.
  const third = await openBrowser(browser, baseURL);
  await third.goto(link);
  await expect(third.getByText('Someone has already joined with this invite.')).toBeVisible({ timeout: 30_000 });
  await expect(third.getByRole('button', { name: 'Join session' })).toHaveCount(0);
  await expectAccessible(third);
  await third.context().close();

  // The replica, played in Ada's browser, welcomes both, in both browsers.
  const welcome = 'Replica: Welcome, Grace. Ada and Grace, thank you for being here together.';
  await expect(said(ada)).toContainText(welcome, { timeout: 15_000 });
  await expect(said(grace)).toContainText(welcome, { timeout: 15_000 });
  await expectAccessible(ada);

  // Grace's typed answer reaches Ada's browser under her name, and the replica answers her there.
  await answer(grace, 'We keep missing each other in the evenings.');
  await expect(said(ada)).toContainText('Grace: We keep missing each other in the evenings.', { timeout: 15_000 });
  await expect(said(grace)).toContainText('You: We keep missing each other in the evenings.');
  await expect(said(grace)).toContainText('Replica: Thank you, Grace. Ada, how does that land with you?', { timeout: 15_000 });
  await answer(ada, 'I miss those evenings too.');
  await expect(said(grace)).toContainText('Ada: I miss those evenings too.', { timeout: 15_000 });
  await expectAccessible(grace);

  // Grace ends it; it ends in Ada's browser too.
  await grace.getByRole('button', { name: 'End session for both' }).click();
  await expect(grace.getByRole('heading', { name: 'The session has ended' })).toBeVisible();
  await expect(grace.getByText('Your minutes were not used')).toBeVisible();
  await expect(ada.getByRole('heading', { name: 'Session summary' })).toBeVisible({ timeout: 15_000 });
  await expect(ada.getByText('Your partner ended the session, for both of you.')).toBeVisible();
  const charged = await ada.getByText('Minutes charged').locator('..').textContent();
  const seconds = Number(/\((\d+) s\)/.exec(charged ?? '')?.[1]);
  expect(seconds).toBeGreaterThan(0);

  // Charged once, to Ada, as each browser's own usage page shows; Grace's minutes are untouched.
  await ada.goto('/usage');
  await expect(minutesBar(ada)).toHaveAttribute(
    'aria-valuetext',
    new RegExp(`^${String(Math.round(seconds / 6) / 10)} of 1000 minutes used`),
  );
  await ada.goto('/history');
  await expect(ada.getByRole('row').filter({ hasText: 'Resolve together' })).toHaveCount(1, { timeout: 15_000 });
  await expectAccessible(ada);
  await grace.goto('/usage');
  await expect(minutesBar(grace)).toHaveAttribute('aria-valuetext', /^0 of 25 minutes used/, { timeout: 15_000 });
  await grace.goto('/history');
  const joined = grace.getByRole('region', { name: 'Sessions you joined' });
  await expect(joined.getByRole('row').nth(1)).toContainText('Ada', { timeout: 15_000 });
  await expect(joined.getByRole('row').nth(1)).toContainText('Ended');
  await expectAccessible(grace);
});

test('the partner leaving ends nothing; the host ending ends it for both', async ({ browser, baseURL }) => {
  const ada = await openBrowser(browser, baseURL);
  const grace = await openBrowser(browser, baseURL);
  const link = await adaStarts(ada);
  await graceJoins(grace, link, ada);
  await expectAccessible(grace);

  await grace.getByRole('button', { name: 'Leave the call' }).click();
  await expect(grace.getByRole('heading', { name: 'You left the call' })).toBeVisible();
  await answer(ada, 'Still here.');
  await expect(said(ada)).toContainText('You: Still here.');
  await expect(ada.getByRole('button', { name: 'End session' })).toBeEnabled();

  // Grace comes back by the link, and sees Ada end it for both.
  await grace.goto(link);
  await expect(grace.getByText('You have joined this session already')).toBeVisible({ timeout: 30_000 });
  await grace.getByLabel('Your name').fill('Grace');
  await grace.getByRole('button', { name: 'Join session' }).click();
  await expect(grace.getByRole('heading', { name: 'Resolve together with Ada' })).toBeVisible();
  // back in the room (what was said while away is not replayed, as in a Daily call): heard again
  await answer(grace, 'I am back.');
  await expect(said(ada)).toContainText('Grace: I am back.', { timeout: 15_000 });
  await ada.getByRole('button', { name: 'End session' }).click();
  await expect(ada.getByRole('heading', { name: 'Session summary' })).toBeVisible({ timeout: 15_000 });
  await expect(grace.getByRole('heading', { name: 'The session has ended' })).toBeVisible({ timeout: 15_000 });
  await expect(grace.getByRole('status').filter({ hasText: 'Ada ended the session.' })).toBeVisible();
  await grace.goto('/usage');
  await expect(minutesBar(grace)).toHaveAttribute('aria-valuetext', /^0 of 25 minutes used/, { timeout: 15_000 });
});

test('the invite of a session that ended before anyone joined has expired', async ({ browser, baseURL }) => {
  const ada = await openBrowser(browser, baseURL);
  const link = await adaStarts(ada);
  await ada.getByRole('button', { name: 'End session' }).click();
  await expect(ada.getByRole('heading', { name: 'Session summary' })).toBeVisible({ timeout: 15_000 });

  const grace = await openBrowser(browser, baseURL);
  await grace.goto(link);
  await expect(grace.getByText('This invite has expired.')).toBeVisible({ timeout: 30_000 });
  await expect(grace.getByRole('button', { name: 'Join session' })).toHaveCount(0);
  await expectAccessible(grace);
});
