// The interface in Dutch: the switcher changes the screens and the field labels at once.
import { expect, expectAccessible, test, uniqueToken } from './fixtures';

const unique = uniqueToken();

test.afterEach(async ({ api }) => {
  // The switcher also saves the language on the admin's profile: put French back for the other journeys.
  await api('PATCH', '/api/auth/me', { language: 'fr' });
});

test('switches the interface and the field labels to Dutch', async ({ page, api }) => {
  const client = await api<{ id: string }>('POST', '/api/clients', { reference: `E2E-NL-${unique}`, name: `E2E Bakkerij ${unique}`, type: 'COMPANY', language: 'nl' });
  await page.goto(`/clients/${client.id}`);
  const peppol = page.getByRole('region', { name: 'PEPPOL', exact: true });
  await expect(peppol.getByRole('textbox', { name: 'Commentaire(s)' })).toBeVisible();
  await page.getByText('NL', { exact: true }).click();
  await expect(peppol.getByRole('textbox', { name: 'Opmerking(en)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Opslaan' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: /Alle klanten bekijken/ })).toBeVisible();
  await expectAccessible(page, 'the client card in Dutch');
});
