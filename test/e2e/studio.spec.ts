import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';

test.describe.configure({ timeout: 120_000 });

const personasTable = (page: Page) => page.getByRole('table', { name: 'Personas' });

/** The simulator keeps Tavus's state in localStorage: read a persona as Tavus holds it. */
async function tavusPersona(page: Page, id: string) {
  return page.evaluate((personaId) => {
    const raw = localStorage.getItem('awaknow.tavus-simulator');
    const state = raw ? (JSON.parse(raw) as { tables: { personas: Record<string, { value: Record<string, unknown> }> } }) : null;
    return state?.tables.personas[personaId]?.value ?? null;
  }, id);
}

test('persona lifecycle: refused when empty, created with a layer, kept across a reload, edited, deleted', async ({ page }) => {
  await page.goto('/studio/personas');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Studio');
  // the embedded database opens on the first visit; the list holds only the settings' persona, named as the header's check found it
  const fromSettings = personasTable(page).getByRole('row', { name: /From settings/ });
  await expect(fromSettings).toContainText('Reflective Listener', { timeout: 30_000 });
  await expect(personasTable(page).getByRole('row')).toHaveCount(2);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'New persona' }).click();
  await page.getByRole('button', { name: 'Create persona' }).click();
  await expect(page.getByRole('alert')).toContainText('2 fields need attention. Nothing was saved.');
  const name = page.getByRole('textbox', { name: 'Name' });
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toBeFocused();
  await expectAccessible(page);

  await name.fill('Evening listener');
  await page.getByRole('textbox', { name: 'System prompt' }).fill('You listen closely and reflect back what you hear.');
  await page.locator('summary', { hasText: 'LLM' }).click();
  await page.getByRole('combobox', { name: 'LLM model' }).fill('tavus-gpt-4o-mini');
  await page.getByRole('button', { name: 'Create persona' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Saved “Evening listener” and created it in Tavus as p' })).toBeVisible();
  const row = personasTable(page).getByRole('row', { name: /Evening listener/ });
  await expect(row).toContainText('Linked');
  const tavusId = (await row.locator('code').first().textContent())!;
  expect(await tavusPersona(page, tavusId)).toMatchObject({
    persona_name: 'Evening listener',
    layers: { llm: { model: 'tavus-gpt-4o-mini' } },
  });

  await page.reload();
  await expect(personasTable(page).getByRole('row', { name: /Evening listener/ })).toContainText(tavusId, { timeout: 30_000 });

  await page.getByRole('link', { name: 'Edit Evening listener' }).click();
  await expect(page.getByRole('combobox', { name: 'LLM model' })).toHaveValue('tavus-gpt-4o-mini');
  await page.getByRole('textbox', { name: 'Context' }).fill('Evenings, after work.');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “Evening listener”; Tavus was sent one change.' })).toBeVisible();
  expect(await tavusPersona(page, tavusId)).toMatchObject({ context: 'Evenings, after work.' });

  await page.getByRole('link', { name: '← All personas' }).click();
  await page.getByRole('button', { name: 'Delete Evening listener' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Delete “Evening listener” here and in Tavus');
  await expectAccessible(page);
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted “Evening listener” here and in Tavus.' })).toBeVisible();
  expect(await tavusPersona(page, tavusId)).toBeNull();
  await page.reload();
  await expect(personasTable(page).getByRole('row', { name: /From settings/ })).toBeVisible({ timeout: 30_000 });
  await expect(personasTable(page).getByRole('row')).toHaveCount(2);
});

test('every studio page passes axe', async ({ page }) => {
  await page.goto('/studio/personas/new?template=listener');
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Reflective listener');
  await expectAccessible(page);

  for (const [section, ready] of [
    ['Objectives', 'New objectives set'],
    ['Guardrails', 'New guardrails set'],
  ] as const) {
    await page.getByRole('navigation', { name: 'Studio' }).getByRole('link', { name: section }).click();
    await page.getByRole('button', { name: ready }).click();
    await expect(page.getByRole('form', { name: section })).toBeVisible();
    await expectAccessible(page);
  }

  await page.getByRole('navigation', { name: 'Studio' }).getByRole('link', { name: 'Replicas' }).click();
  await expect(page.getByRole('table', { name: 'Replicas' })).toContainText('Anna');
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Studio' }).getByRole('link', { name: 'Documents' }).click();
  await expect(page.getByText('No documents yet.')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Studio' }).getByRole('link', { name: 'Conversations' }).click();
  await expect(page.getByText('No conversations.')).toBeVisible();
  await expectAccessible(page);
});

test('individual guardrails: made on the Guardrails page with a tag, attached to a new persona by id and by tag', async ({ page }) => {
  await page.goto('/studio/guardrails');
  await page.getByRole('button', { name: 'New guardrail', exact: true }).click();
  const form = page.getByRole('form', { name: 'Guardrail', exact: true });
  await form.getByRole('textbox', { name: 'Guardrail name' }).fill('no_advice');
  await form.getByRole('textbox', { name: 'Guardrail prompt' }).fill('Give no medical advice.');
  await form.getByRole('textbox', { name: 'Tags' }).fill('care');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Create guardrail' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Created guardrail no_advice/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Guardrails', exact: true })).toContainText('Tags: care.');

  await page.goto('/studio/personas/new?template=listener');
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Reflective listener', { timeout: 30_000 });
  await page
    .getByRole('group', { name: 'Guardrails' })
    .getByRole('checkbox', { name: /^no_advice \(g/ })
    .check();
  await page.getByRole('textbox', { name: 'Guardrail tags' }).fill('care');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Create persona' }).click();
  await expect(page.getByText(/Saved “Reflective listener” and created it in Tavus as p/)).toBeVisible();
  const tavusId = (await page.getByText(/created it in Tavus as p/).textContent())!.match(/as (p[0-9a-f]+)/)![1]!;
  expect(await tavusPersona(page, tavusId)).toMatchObject({ guardrail_ids: [expect.stringMatching(/^g/)], guardrail_tags: ['care'] });
});
