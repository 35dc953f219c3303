// The spreadsheet import (issue 12): from the list's Actions menu, upload a semicolon CSV as Belgian Excel saves it,
// keep the guessed column mapping, see the preview (one client changed, one created, one bad row named by row and
// column), fix the file and apply.
import { expect, expectAccessible, randomEnterpriseNumber, test, uniqueToken } from './fixtures';

const unique = uniqueToken();
const known = randomEnterpriseNumber();
const fresh = randomEnterpriseNumber();

test.beforeAll(async ({ workerApi: api }) => {
  await api('POST', '/api/clients', { reference: `E2E-I-${unique}`, name: `E2E Import ${unique}`, type: 'COMPANY', enterpriseNumber: known, language: 'fr' });
});

const csv = (rows: string[]) => Buffer.from('\ufeff' + ["Numéro d'entreprise;Référence;Nom;Langue", ...rows].join('\r\n') + '\r\n', 'utf-8');

test('previews an import row by row, refuses a bad row, then applies the fixed file', async ({ page }) => {
  await page.goto('/clients');
  await page.getByRole('button', { name: /Actions/ }).click();
  await page.getByRole('menuitem', { name: 'Importer' }).click();
  await expect(page.getByRole('heading', { name: 'Importer des clients' })).toBeVisible();

  const good = [`${known};;E2E Import renommé ${unique};nl`, `${fresh};E2E-N-${unique};E2E Nouveau ${unique};fr`];
  await page.locator('input[type="file"]').setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: csv([...good, `0123.456.789;;Cassé ${unique};fr`]) });
  await page.getByRole('button', { name: 'Suivant', exact: true }).click();
  await expect(page.getByRole('combobox', { name: "Champ de la colonne Numéro d'entreprise", exact: true })).toHaveValue("Numéro d'entreprise");
  await expect(page.getByRole('combobox', { name: 'Champ de la colonne Nom', exact: true })).toHaveValue('Nom');
  await page.getByRole('button', { name: 'Aperçu', exact: true }).click();

  const errors = page.getByRole('table', { name: 'Erreurs' });
  await expect(errors).toContainText('4');
  await expect(errors).toContainText("Numéro d'entreprise");
  await expect(page.getByText('1 erreur')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Importer', exact: true })).toBeDisabled();
  await expectAccessible(page, 'import preview');

  // the fixed file
  await page.locator('.mantine-Stepper-step').first().click();
  await page.locator('input[type="file"]').setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: csv(good) });
  await page.getByRole('button', { name: 'Suivant', exact: true }).click();
  await page.getByRole('button', { name: 'Aperçu', exact: true }).click();
  const changes = page.getByRole('table', { name: 'Modifications' });
  await expect(changes).toContainText(`E2E Import renommé ${unique}`);
  await expect(changes).toContainText('Création');
  await expect(page.getByText('1 créé', { exact: true })).toBeVisible();
  await expect(page.getByText('1 modifié', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('1 clients créés, 1 modifiés');
});
