// The morning digest: each user turns it on for themselves, under their name in the header.
import { expect, expectAccessible, test } from './fixtures';

test.afterEach(async ({ api }) => {
  // the journeys share the admin: leave the digest off as it starts
  await api('PATCH', '/api/auth/me', { peppolDigest: false });
});

test('turns the morning digest on from the preferences under the user’s name, saved on their profile', async ({ page, api }) => {
  const me = await api<{ name: string; peppolDigest: boolean }>('GET', '/api/auth/me');
  expect(me.peppolDigest).toBe(false);
  await page.goto('/clients');
  await page.getByRole('button', { name: new RegExp(me.name) }).click();
  const preferences = page.getByRole('dialog', { name: new RegExp(me.name) });
  const digest = preferences.getByRole('switch', { name: /Résumé Peppol du matin par e-mail/ });
  await expect(digest).not.toBeChecked();
  // Mantine lays the (transparent) input over its label: the click lands on the input, as a user's does
  await digest.click();
  await expect(digest).toBeChecked();
  await expect.poll(async () => (await api<{ peppolDigest: boolean }>('GET', '/api/auth/me')).peppolDigest).toBe(true);
  await expectAccessible(page, 'the preferences with the digest switch');
  // the admins' users screen says who receives it
  await page.goto('/settings');
  await page.getByRole('tab', { name: 'Utilisateurs' }).click();
  const row = page.getByRole('table', { name: 'Utilisateurs' }).getByRole('row', { name: new RegExp(me.name) });
  await expect(row.getByText('Résumé du matin')).toBeVisible();
});
