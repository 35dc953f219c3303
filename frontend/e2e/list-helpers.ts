import { expect, type Page } from '@playwright/test';

/** Adds one condition with the list's filter builder: a field, an operator (unless the first fits), then its value. */
export async function addFilter(page: Page, field: string, { op, radio, option }: { op?: string; radio?: string; option?: string } = {}) {
  await page.getByRole('button', { name: /Ajouter un filtre/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Ajouter un filtre' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Champ' }).click();
  await page.getByRole('option', { name: field, exact: true }).click();
  if (op) {
    await dialog.getByRole('combobox', { name: 'Condition' }).click();
    await page.getByRole('option', { name: op, exact: true }).click();
  }
  if (radio) await dialog.getByRole('radio', { name: radio, exact: true }).check();
  if (option) {
    await dialog.getByRole('combobox', { name: 'Valeur' }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }
  await dialog.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(dialog).toBeHidden();
}
