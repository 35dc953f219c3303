// Issue 12, "what changed last night": the Changes page lists the feed by day (the demo seed's registrations of the
// last month), filters it by kind and by responsible, and each change opens its client.
import fr from '../src/i18n/locales/fr';
import { expect, expectAccessible, test } from './fixtures';

test('the Changes page lists the changes by day, filters them and opens a client', async ({ page }) => {
  await page.goto('/clients');
  await page.getByRole('navigation').getByRole('link', { name: fr.changes.title }).click();
  await expect(page).toHaveURL(/\/peppol\/changes$/);
  await expect(page.getByRole('heading', { name: fr.changes.title, level: 2 })).toBeVisible();
  const rows = page.locator('main tbody tr');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first().getByText(fr.changes.kinds.REGISTERED, { exact: true })).toBeVisible();
  await expectAccessible(page, 'the Changes page');

  // a kind nobody has: nothing
  await page.getByRole('combobox', { name: fr.changes.kind }).click();
  await page.getByRole('option', { name: fr.changes.kinds.DEREGISTERED }).click();
  await expect(page.getByText(fr.changes.none)).toBeVisible();
  await expect(rows).toHaveCount(0);

  // registrations, of the clients I am responsible for (the demo clients are the admin's)
  await page.getByRole('combobox', { name: fr.changes.kind }).click();
  await page.getByRole('option', { name: fr.changes.kinds.REGISTERED }).click();
  await page.getByRole('checkbox', { name: fr.changes.mine }).check();
  await expect(rows.first()).toBeVisible();

  const link = rows.first().getByRole('link');
  const name = (await link.innerText()).trim();
  await link.click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name })).toBeVisible();
});
