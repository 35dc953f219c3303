// Settings (admins): a dropdown option added here is at once a choice on a client card; an API token's secret is
// shown once, and works as a bearer token.
import { expect, expectAccessible, screenshot, test, uniqueToken } from './fixtures';

test.describe.configure({ mode: 'serial' });

const unique = uniqueToken();
const optionLabel = `Logiciel E2E ${unique}`;

test('admin adds a dropdown option, and it appears on a client card', async ({ page, api }) => {
  const client = await api<{ id: string }>('POST', '/api/clients', { reference: `E2E-S-${unique}`, name: `E2E Réglages ${unique}`, type: 'COMPANY' });
  await page.goto('/clients');
  await page.getByRole('link', { name: 'Paramètres', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Paramètres' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Champs personnalisés' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Liste déroulante' }).click();
  await page.getByRole('option', { name: 'Logiciel pour la réception PEPPOL', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Choix de la liste' })).toBeVisible();
  await screenshot(page, 'settings');
  await page.getByRole('textbox', { name: 'Nouveau choix Libellé (FR)' }).fill(optionLabel);
  await page.getByRole('textbox', { name: 'Nouveau choix Libellé (NL)' }).fill(`Software E2E ${unique}`);
  await page.getByRole('button', { name: 'Ajouter le choix' }).click();
  await expect(page.getByRole('table', { name: 'Choix de la liste' }).getByText(optionLabel, { exact: true })).toBeVisible();
  await expectAccessible(page, 'the settings, custom fields');

  // the card reads the same definitions: no reload needed to choose the new option
  await page.getByRole('link', { name: 'Clients', exact: true }).click();
  await page.getByRole('textbox', { name: 'Rechercher par nom' }).fill(unique);
  await page.getByRole('link', { name: `E2E Réglages ${unique}` }).click();
  await page.waitForURL(new RegExp(`/clients/${client.id}$`));
  const peppol = page.getByRole('region', { name: 'PEPPOL', exact: true });
  await peppol.getByRole('combobox', { name: 'Logiciel pour la réception PEPPOL' }).click();
  await page.getByRole('option', { name: optionLabel, exact: true }).click();
  await page.getByRole('button', { name: 'Enregistrer' }).first().click();
  await expect(page.getByText('Modifications enregistrées.')).toBeVisible();
  const stored = await api<{ customFields: Record<string, unknown> }>('GET', `/api/clients/${client.id}`);
  expect(String(stored.customFields.peppol_software_receive)).toMatch(/^logiciel_e2e_/);
});

test('admin creates an API token: its secret is shown once and works', async ({ page, playwright, baseURL }) => {
  await page.goto('/settings');
  await page.getByRole('tab', { name: "Jetons d'API" }).click();
  await page.getByRole('textbox', { name: 'Nom' }).fill(`Export E2E ${unique}`);
  await page.getByRole('button', { name: 'Créer le jeton' }).click();
  const shown = page.getByRole('status').filter({ hasText: `Jeton « Export E2E ${unique} » créé` });
  await expect(shown).toBeVisible();
  await expect(shown.getByRole('button', { name: 'Copier' })).toBeVisible();
  const secret = (await shown.getByLabel('Secret du jeton').textContent())?.trim() ?? '';
  expect(secret.length).toBeGreaterThan(20);
  const row = page.getByRole('table', { name: "Jetons d'API" }).getByRole('row', { name: new RegExp(`Export E2E ${unique}`) });
  await expect(row.getByText('Jamais utilisé')).toBeVisible();
  await expectAccessible(page, 'the settings, API tokens');

  const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${secret}` } });
  expect((await request.get('/api/clients?size=1')).status()).toBe(200);
  await request.dispose();

  // once: after a reload the list shows the token, never its secret
  await page.reload();
  await page.getByRole('tab', { name: "Jetons d'API" }).click();
  await expect(row).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(row.getByText('Jamais utilisé')).toHaveCount(0);
  await row.getByRole('button', { name: 'Révoquer' }).click();
  await expect(row.getByText(/^Révoqué le/)).toBeVisible();
});
