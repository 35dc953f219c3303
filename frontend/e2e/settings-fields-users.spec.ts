// Settings (admins), in French: a category and a field added here appear at once on a client card; a user created
// with a role can sign in with it. axe finds no serious or critical violation on these screens.
import { expect, expectAccessible, test, uniqueToken } from './fixtures';

test.describe.configure({ mode: 'serial' });

const unique = uniqueToken();
const categoryLabel = `Dossier E2E ${unique}`;
const fieldLabel = `Date de clôture E2E ${unique}`;

test('admin adds a category and a field, and the field appears on a client card', async ({ page, api }) => {
  const client = await api<{ id: string }>('POST', '/api/clients', { reference: `E2E-CF-${unique}`, name: `E2E Champs ${unique}`, type: 'COMPANY' });
  await page.goto('/settings');
  await expect(page.getByRole('tab', { name: 'Champs personnalisés', selected: true })).toBeVisible();
  const categories = page.getByRole('table', { name: 'Catégories' });
  await expect(categories.getByText('PEPPOL', { exact: true })).toBeVisible();

  await page.getByRole('textbox', { name: 'Nouvelle catégorie Libellé (FR)' }).fill(categoryLabel);
  await page.getByRole('textbox', { name: 'Nouvelle catégorie Libellé (NL)' }).fill(`Dossier E2E NL ${unique}`);
  await page.getByRole('button', { name: 'Ajouter la catégorie' }).click();
  await expect(categories.getByText(categoryLabel, { exact: true })).toBeVisible();
  await expect(page.getByRole('switch', { name: `« ${categoryLabel} »\u202f: afficher dans l'écran Voir tous les clients` })).toBeChecked();

  // the new category is the one whose fields are shown
  const fields = page.getByRole('table', { name: `Champs de « ${categoryLabel} »` });
  await expect(fields.getByText('Aucun champ dans cette catégorie.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Nouveau champ Libellé (FR)' }).fill(fieldLabel);
  await page.getByRole('combobox', { name: 'Type du nouveau champ' }).click();
  await page.getByRole('option', { name: 'Date', exact: true }).click();
  await page.getByRole('button', { name: 'Ajouter le champ' }).click();
  await expect(fields.getByText(fieldLabel, { exact: true })).toBeVisible();
  await expect(fields.getByRole('combobox', { name: `Type de « ${fieldLabel} »` })).toHaveValue('Date');
  await expectAccessible(page, 'the settings, categories and fields');

  // the card reads the same definitions: the category and its field are there without a reload
  await page.getByRole('link', { name: 'Clients', exact: true }).click();
  await page.getByRole('textbox', { name: 'Rechercher par nom' }).fill(unique);
  await page.getByRole('link', { name: `E2E Champs ${unique}` }).click();
  await page.waitForURL(new RegExp(`/clients/${client.id}$`));
  const region = page.getByRole('region', { name: categoryLabel, exact: true });
  await expect(region.getByLabel(fieldLabel)).toBeVisible();

  const stored = await api<{ key: string; fields: { key: string; type: string }[] }[]>('GET', '/api/custom-field-categories');
  const created = stored.find((c) => c.key === `dossier_e2e_${unique}`);
  expect(created?.fields.map((f) => [f.key, f.type])).toEqual([[`date_de_cloture_e2e_${unique}`, 'DATE']]);
});

test('admin creates a user with a role, who then signs in with it', async ({ page, playwright, baseURL }) => {
  const email = `marc-${unique}@e2e.example.com`;
  await page.goto('/settings');
  await page.getByRole('tab', { name: 'Utilisateurs' }).click();
  const users = page.getByRole('table', { name: 'Utilisateurs' });
  await expect(users.getByText('Vous', { exact: true })).toBeVisible();
  await page.getByRole('textbox', { name: 'Nom' }).fill(`Marc Dubois ${unique}`);
  await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(email);
  await page.getByLabel('Mot de passe initial').fill('premier-mot-de-passe');
  await page.getByRole('combobox', { name: 'Rôle', exact: true }).click();
  await page.getByRole('option', { name: 'Lecture seule', exact: true }).click();
  await page.getByRole('button', { name: 'Créer l’utilisateur' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Utilisateur « Marc Dubois ${unique} » créé.` })).toBeVisible();
  const row = users.getByRole('row', { name: new RegExp(`Marc Dubois ${unique}`) });
  await expect(row.getByRole('combobox', { name: `Rôle de Marc Dubois ${unique}` })).toHaveValue('Lecture seule');
  await expectAccessible(page, 'the settings, users');

  // as the browser would: naming the app's origin (the CSRF check)
  const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  const login = await request.post('/api/auth/login', { data: { email, password: 'premier-mot-de-passe' } });
  expect(login.status()).toBe(200);
  const me = (await (await request.get('/api/auth/me')).json()) as { role: string; permissions: string[] };
  expect(me.role).toBe('VIEWER');
  expect(me.permissions).toEqual(['read']);
  await request.dispose();

  // the admin gives Marc the Collaborateur role
  await row.getByRole('combobox', { name: `Rôle de Marc Dubois ${unique}` }).click();
  await page.getByRole('option', { name: 'Collaborateur', exact: true }).click();
  await expect(row.getByRole('combobox', { name: `Rôle de Marc Dubois ${unique}` })).toHaveValue('Collaborateur');
});
