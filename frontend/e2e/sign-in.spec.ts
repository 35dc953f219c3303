import { admin, expect, expectAccessible, screenshot, signedOut, test } from './fixtures';

test.use({
  storageState: signedOut,
  // Before signing in the app asks who is signed in: the 401 is the answer it expects.
  allowedHttpErrors: [{ status: 401, url: /\/api\/auth\/me$/ }],
});

test('signs in as the admin through the sign-in form', async ({ page }) => {
  await page.goto('/');
  await page.waitForURL(/\/sign-in/);
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
  await expectAccessible(page, 'the sign-in page');
  await screenshot(page, 'sign-in');
  await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(admin.email);
  await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { name: 'Voir tous les clients' })).toBeVisible();
});
