import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';

// "Resolve together" in mock mode with local data: two people at one browser, each in a tab (the
// embedded database is the browser's; the tab opened on the invite's link is its second, guest user),
// hold one session together to its end, charged once, to the host.

const transcript = (page: Page) => page.getByRole('log', { name: 'Conversation so far' });

async function hostOnPro(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Start session' })).toBeEnabled({ timeout: 30_000 });
  await page.getByText('Local data controls').click();
  await page.getByLabel('Plan of the local user').selectOption('pro');
  await page.getByRole('button', { name: 'Use this plan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The local user is now on the Pro plan.' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Resolve together/ })).toBeEnabled();
}

test('two people hold a session together to its end, charged once to the host', async ({ context, page: host }) => {
  await hostOnPro(host);
  await host.getByRole('radio', { name: /Resolve together/ }).check();
  await host.getByLabel('Your name').fill('Ada');
  await host.getByRole('button', { name: 'Start session' }).click();
  await expect(host.getByRole('heading', { name: 'Invite your partner' })).toBeVisible({ timeout: 20_000 });
  await expect(transcript(host)).toContainText('Replica: Hello Ada, I am glad you are here.', { timeout: 15_000 });
  const code = (await host.locator('.invite__code').textContent())!.trim();
  expect(code).toMatch(/^[A-HJKMNP-TV-Z2-9]{6}$/);
  const link = (await host.locator('.invite__link').getAttribute('href'))!;
  expect(link).toMatch(/\/join\/[0-9a-f]{64}$/);
  await expectAccessible(host);

  // The partner: a wrong code first, then the link.
  let partner = await context.newPage();
  await partner.goto('/join');
  await partner.getByLabel('Invite code').fill('ZZZZZZ');
  await partner.getByRole('button', { name: 'Look up' }).click();
  await expect(partner.getByRole('alert')).toContainText('There is no invite with this link or code.');
  // the link opens in a tab of its own, as a link someone sent does; the first one closes, its
  // calls to the database perhaps still waiting (the other tabs' database answers all the same)
  const typed = partner;
  partner = await context.newPage();
  await typed.close();
  await partner.goto(new URL(link).pathname);
  await expect(partner.getByText('Ada invited you to Resolve together')).toBeVisible({ timeout: 30_000 });
  await expectAccessible(partner);
  await partner.getByLabel('Your name').fill('Grace');
  await partner.getByRole('button', { name: 'Join session' }).click();
  await expect(partner.getByRole('heading', { name: 'Resolve together with Ada' })).toBeVisible();
  // The room is private: the partner's tab is let in with the meeting token the redeemed invite brought.
  expect(await host.evaluate(() => localStorage.getItem('awaknow.tavus-simulator'))).toContain('"require_auth":true');
  await expect(partner.getByText('simulated call (mock mode)')).toBeVisible();

  // The host sees the partner arrive; the replica greets both, in both tabs.
  await expect(host.getByRole('status').filter({ hasText: 'Grace has joined.' })).toBeVisible({ timeout: 15_000 });
  const welcome = 'Replica: Welcome, Grace. Ada and Grace, thank you for being here together.';
  await expect(transcript(host)).toContainText(welcome, { timeout: 15_000 });
  await expect(transcript(partner)).toContainText(welcome, { timeout: 15_000 });

  // Each one's answers appear under their name in the other's transcript.
  await partner.getByLabel('Your answer').fill('I feel we never plan together.');
  await partner.getByRole('button', { name: 'Send' }).click();
  await expect(transcript(host)).toContainText('Grace: I feel we never plan together.', { timeout: 15_000 });
  await expect(transcript(partner)).toContainText('You: I feel we never plan together.');
  await expect(transcript(partner)).toContainText('Replica: Thank you, Grace. Ada, how does that land with you?', { timeout: 15_000 });
  await host.getByLabel('Your answer').fill('I would like that too.');
  await host.getByRole('button', { name: 'Send' }).click();
  await expect(transcript(partner)).toContainText('Ada: I would like that too.', { timeout: 15_000 });
  await expect(transcript(host)).toContainText('Replica: Ada, what would you like Grace to understand about that?', { timeout: 15_000 });
  await expectAccessible(partner);

  // The partner ends it: it ends for both.
  await partner.getByRole('button', { name: 'End session for both' }).click();
  await expect(partner.getByRole('heading', { name: 'The session has ended' })).toBeVisible();
  await expect(partner.getByText('Your minutes were not used')).toBeVisible();
  await expect(host.getByRole('heading', { name: 'Session summary' })).toBeVisible({ timeout: 15_000 });
  await expect(host.getByText('Your partner ended the session, for both of you.')).toBeVisible();
  const charged = await host.getByText('Minutes charged').locator('..').textContent();
  const seconds = Number(/\((\d+) s\)/.exec(charged ?? '')?.[1]);
  expect(seconds).toBeGreaterThan(0);

  // Charged once, to the host: the host's usage holds this session's seconds; the partner's is untouched.
  const used = (page: Page) => page.getByRole('progressbar', { name: /Minutes used/ });
  await host.goto('/usage');
  await expect(used(host)).toHaveAttribute('aria-valuetext', new RegExp(`^${String(Math.round(seconds / 6) / 10)} of 1000 minutes used`));
  await partner.goto('/usage');
  await expect(used(partner)).toHaveAttribute('aria-valuetext', /^0 of 25 minutes used/, { timeout: 30_000 });
  await expectAccessible(partner);
  // The partner's history shows the session they joined, with whom, and no minutes of theirs.
  await partner.goto('/history');
  const joined = partner.getByRole('region', { name: 'Sessions you joined' });
  await expect(joined.getByRole('row')).toHaveCount(2, { timeout: 30_000 });
  await expect(joined.getByRole('row').nth(1)).toContainText('Ada');
  await expect(joined.getByRole('row').nth(1)).toContainText('Ended');
  await expectAccessible(partner);
});
