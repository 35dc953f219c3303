// One client's day: found in the list, edited on its card, a document uploaded, filtered, counted on the
// dashboard, seen in the "Suivi PEPPOL" control view and its CSV export, bulk-edited. The steps build on each
// other (serial), each on a fresh page signed in as the admin.
import { addFilter } from './list-helpers';
import { expect, expectAccessible, randomEnterpriseNumber, screenshot, test, uniqueToken } from './fixtures';

test.describe.configure({ mode: 'serial' });

const unique = uniqueToken();
const clientName = `E2E Boulangerie ${unique}`;
const comment = `Appelé le client, logiciel choisi (${unique})`;
let clientId = '';

test.beforeAll(async ({ workerApi: api }) => {
  const client = await api<{ id: string }>('POST', '/api/clients', {
    reference: `E2E-${unique}`,
    name: clientName,
    type: 'COMPANY',
    enterpriseNumber: randomEnterpriseNumber(),
    vatLiable: true,
    language: 'fr',
  });
  expect(client.id).toBeTruthy();
  clientId = String(client.id);
  // A category of our own with a document field, so the upload does not depend on seeded definitions.
  const category = await api<{ id: string }>('POST', '/api/custom-field-categories', {
    key: `e2e_${unique}`,
    labels: { fr: `Documents E2E ${unique}`, nl: `Documenten E2E ${unique}`, en: `E2E documents ${unique}` },
    position: 900,
    showInClientList: false,
  });
  await api('POST', '/api/custom-fields', {
    categoryId: category.id,
    key: `e2e_doc_${unique}`,
    labels: { fr: 'Mandat E2E', nl: 'Mandaat E2E', en: 'E2E mandate' },
    type: 'DOCUMENT',
    required: false,
    position: 0,
  });
});

const peppolRegion = (page: import('@playwright/test').Page) => page.getByRole('region', { name: 'PEPPOL', exact: true });

test('finds the client in the list with the PEPPOL columns', async ({ page }) => {
  await page.goto('/clients');
  await expect(page.getByRole('heading', { name: 'Voir tous les clients' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /« PEPPOL ready » \?/ })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /Enregistré sur PEPPOL/ })).toBeVisible();
  await expect(page.getByRole('row').nth(2)).toBeVisible();
  await expectAccessible(page, 'the client list');
  await screenshot(page, 'client-list');
  await page.getByRole('textbox', { name: 'Rechercher par nom' }).fill(unique);
  await expect(page.getByRole('link', { name: clientName })).toBeVisible();
});

test('opens the client card, sets PEPPOL ready to yes and a comment, and saves', async ({ page }) => {
  await page.goto('/clients');
  await page.getByRole('textbox', { name: 'Rechercher par nom' }).fill(unique);
  await page.getByRole('link', { name: clientName }).click();
  await page.waitForURL(new RegExp(`/clients/${clientId}$`));
  await expect(page.getByRole('heading', { name: clientName })).toBeVisible();
  const peppol = peppolRegion(page);
  await expect(peppol).toBeVisible();
  await expectAccessible(page, 'the client card');
  await peppol.getByRole('radio', { name: 'Oui' }).check();
  await peppol.getByRole('textbox', { name: 'Commentaire(s)' }).fill(comment);
  await page.getByRole('button', { name: 'Enregistrer' }).first().click();
  await expect(page.getByText('Modifications enregistrées.')).toBeVisible();
});

test('keeps the card header in view while scrolling, and the save bar never covers a field', async ({ page }) => {
  await page.goto(`/clients/${clientId}`);
  await expect(peppolRegion(page)).toBeVisible();
  await page.getByRole('textbox', { name: 'Forme juridique' }).fill('SRL');
  const bar = page.getByRole('region', { name: 'Modifications non enregistrées' });
  await expect(bar).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const header = page.getByRole('region', { name: 'En-tête de la fiche' });
  await expect(header.getByRole('heading', { name: clientName })).toBeInViewport();
  await expect(header.getByRole('button', { name: 'Enregistrer' })).toBeInViewport();
  // scrolled to the end, no input of the card lies under the save bar (the page reserves the bar's height)
  const covered = await page.evaluate(() => {
    const barBox = document.querySelector('[aria-label="Modifications non enregistrées"]')!.getBoundingClientRect();
    return [...document.querySelectorAll('main input, main textarea, main button')]
      .filter((el) => !el.closest('[aria-label="Modifications non enregistrées"]'))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height > 0 && r.bottom > barBox.top && r.top < barBox.bottom)
      .map(({ el }) => el.outerHTML.slice(0, 120));
  });
  expect(covered).toEqual([]);
  await bar.getByRole('button', { name: 'Annuler' }).click();
  await expect(bar).toHaveCount(0);
});

test('reloads the card and sees both values kept, in the API and the history', async ({ page, api }) => {
  await page.goto(`/clients/${clientId}`);
  await page.reload();
  // A deep link: the backend answers /clients/<id> with index.html and the browser router shows the card again.
  expect(new URL(page.url()).pathname).toBe(`/clients/${clientId}`);
  await expect(page.getByRole('heading', { name: clientName })).toBeVisible();
  const peppol = peppolRegion(page);
  await expect(peppol.getByRole('radio', { name: 'Oui' })).toBeChecked();
  await expect(peppol.getByRole('textbox', { name: 'Commentaire(s)' })).toHaveValue(comment);
  const stored = await api<{ customFields: Record<string, unknown> }>('GET', `/api/clients/${clientId}`);
  expect(stored.customFields).toMatchObject({ peppol_ready: true, peppol_comments: comment });
  const history = page.getByRole('region', { name: 'Historique' });
  await expect(history.getByText('Commentaire(s)', { exact: true })).toBeVisible();
  await expect(history.getByText('« PEPPOL ready » ?', { exact: true })).toBeVisible();
  await screenshot(page, 'client-card');
});

test('uploads a document and offers it for download', async ({ page }) => {
  await page.goto(`/clients/${clientId}`);
  const section = page.getByRole('region', { name: `Documents E2E ${unique}` });
  await expect(section).toBeVisible();
  const content = `%PDF-1.4 e2e ${unique}`;
  await section.locator('input[type=file]').setInputFiles({ name: `mandat-${unique}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(content) });
  const link = section.getByRole('link', { name: `mandat-${unique}.pdf` });
  await expect(link).toBeVisible();
  const href = await link.getAttribute('href');
  expect(href).toBeTruthy();
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe(content);
});

test('filters the list with the filter builder, the filter kept as chips', async ({ page }) => {
  await page.goto(`/clients/${clientId}`);
  await page.getByRole('link', { name: /Voir tous les clients/ }).click();
  await page.getByRole('textbox', { name: 'Rechercher par nom' }).fill(unique);
  await expect(page.getByRole('link', { name: clientName })).toBeVisible();
  await addFilter(page, '« PEPPOL ready » ?', { radio: 'Non' });
  await expect(page.getByText('Aucun client ne correspond.')).toBeVisible();
  await page.getByRole('button', { name: 'Retirer le filtre « « PEPPOL ready » ? : Non »' }).click();
  await addFilter(page, '« PEPPOL ready » ?', { radio: 'Oui' });
  await expect(page.getByRole('list', { name: 'Filtres actifs' }).getByRole('listitem')).toHaveText(['« PEPPOL ready » ? : Oui']);
  await page.getByRole('link', { name: clientName }).click();
  await expect(peppolRegion(page)).toBeVisible();
});

test('shows the Peppol dashboard with the new client counted', async ({ page }) => {
  await page.goto(`/clients/${clientId}`);
  await expect(peppolRegion(page)).toBeVisible();
  await page.getByRole('link', { name: 'Tableau de bord' }).click();
  await expect(page.getByRole('heading', { name: 'Tableau de bord Peppol' })).toBeVisible();
  const readiness = page.getByRole('region', { name: '« PEPPOL ready » ?' });
  await expect(readiness.getByRole('listitem', { name: /^Oui\s: [1-9]/ })).toBeVisible();
  await expectAccessible(page, 'the dashboard');
  await screenshot(page, 'dashboard');
  await page.goBack();
  await expect(peppolRegion(page)).toBeVisible();
});

test('chooses the "Suivi PEPPOL" control view and exports it as CSV', async ({ page }) => {
  await page.goto('/clients');
  await expect(page.getByRole('heading', { name: 'Voir tous les clients' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Affichages de contrôle' }).click();
  await page.getByRole('option', { name: 'Suivi PEPPOL', exact: true }).click();
  await page.waitForURL(/[?&]view=/);
  await expect(page.getByRole('columnheader', { name: "Dernier e-mail d'information" })).toBeVisible();
  await page.getByRole('textbox', { name: 'Rechercher par nom' }).fill(unique);
  await page.waitForURL(new RegExp(`[?&]q=${unique}`));
  await expect(page.getByRole('link', { name: clientName })).toBeVisible();
  const exportHref = await page.getByRole('link', { name: 'Exporter CSV' }).getAttribute('href');
  expect(exportHref).toContain(encodeURIComponent(unique));
  const csv = await page.request.get(exportHref!);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(clientName);
});

test('bulk-edits "PEPPOL ready" to no with a preview, and the list shows it', async ({ page, api }) => {
  await page.goto(`/clients?q=${unique}`);
  const row = page.getByRole('row', { name: new RegExp(clientName) });
  await expect(row.getByRole('cell', { name: 'Oui', exact: true })).toBeVisible();
  await page.getByRole('checkbox', { name: `Sélectionner ${clientName}` }).check();
  await expect(page.getByText('1 client sélectionné')).toBeVisible();
  await page.getByRole('button', { name: /Actions/ }).click();
  await page.getByRole('menuitem', { name: 'Editer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Modification en masse' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Champs à modifier' }).click();
  await page.getByRole('option', { name: '« PEPPOL ready » ?', exact: true }).click();
  await dialog.getByText('1 client sélectionné').click();
  await dialog.getByRole('radio', { name: 'Non', exact: true }).check();
  await dialog.getByRole('button', { name: 'Aperçu' }).click();
  await expect(dialog.getByText('1 client sélectionné, 1 sera modifié.')).toBeVisible();
  await expectAccessible(page, 'the bulk-edit dialog');
  await screenshot(page, 'bulk-edit');
  await dialog.getByRole('button', { name: 'Appliquer' }).click();
  await expect(page.getByText('1 client modifié.')).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(row.getByRole('cell', { name: 'Non', exact: true })).toBeVisible();
  const stored = await api<{ customFields: Record<string, unknown> }>('GET', `/api/clients/${clientId}`);
  expect(stored.customFields.peppol_ready).toBe(false);
  await page.getByRole('link', { name: clientName }).click();
  await expect(peppolRegion(page)).toBeVisible();
});
