// In Dutch, no English: the list, a card, the settings and a refused edit show Dutch words only. "English" is every
// text of the English locale that the Dutch one does not share (long enough not to be a name or an abbreviation).
import en from '../src/i18n/locales/en';
import nl from '../src/i18n/locales/nl';
import enCodes from '../src/i18n/locales/error-codes/en';
import type { Page } from '@playwright/test';
import { expect, LANGUAGE_KEY, randomEnterpriseNumber, test, uniqueToken } from './fixtures';

const unique = uniqueToken();

function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(texts);
  return [];
}
const dutch = new Set(texts(nl));
const english = [...texts(en), ...texts(enCodes)]
  .map((s) => s.split('{{')[0].trim())
  .filter((s) => s.length >= 12 && !dutch.has(s));

let userName = '';

async function expectNoEnglish(page: Page, where: string) {
  // the screen and the navigation; the signed-in user's name (header, history) is data, not a UI string
  const shown = `${await page.locator('main').innerText()}\n${await page.locator('nav').innerText()}`.replaceAll(userName, '');
  expect(english.filter((s) => shown.includes(s)), `English on ${where}`).toEqual([]);
  expect(shown, where).not.toMatch(/Failed to fetch|Validation failed|Not a valid|must be/);
}

test.use({
  // the edit below is refused on purpose
  allowedHttpErrors: [{ status: 422, url: /\/api\/clients\// }],
});

test.beforeEach(async ({ page, baseURL }) => {
  await page.addInitScript(([key, origin]) => {
    if (location.origin === origin) localStorage.setItem(key, 'nl');
  }, [LANGUAGE_KEY, baseURL!] as const);
});

test('in Dutch the list, a card, the settings and a validation error have no English', async ({ page, api }) => {
  userName = (await api<{ name: string }>('GET', '/api/auth/me')).name;
  const client = await api<{ id: string }>('POST', '/api/clients', {
    reference: `E2E-NL2-${unique}`,
    name: `E2E Bakkerij Peeters ${unique}`,
    type: 'COMPANY',
    enterpriseNumber: randomEnterpriseNumber(),
    language: 'nl',
  });
  await page.goto('/clients');
  await expect(page.getByRole('heading', { name: 'Alle klanten bekijken' })).toBeVisible();
  await expect(page.getByRole('row').nth(2)).toBeVisible();
  await expectNoEnglish(page, 'the list');

  await page.goto(`/clients/${client.id}`);
  await expect(page.getByRole('heading', { name: `E2E Bakkerij Peeters ${unique}` })).toBeVisible();
  await expectNoEnglish(page, 'the card');
  const number = page.getByRole('textbox', { name: nl.client.fields.enterpriseNumber });
  await number.fill('0123.456.788');
  await page.getByRole('button', { name: 'Opslaan' }).first().click();
  await expect(page.getByRole('alert')).toContainText(`${nl.client.fields.enterpriseNumber}: Ongeldig ondernemingsnummer (KBO)`);
  await expectNoEnglish(page, 'the card with a refused edit');

  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Instellingen' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Vrije velden' })).toBeVisible();
  await expectNoEnglish(page, 'the settings');
  await page.getByRole('tab', { name: 'API-tokens' }).click();
  await expect(page.getByRole('table', { name: 'API-tokens' })).toBeVisible();
  await expectNoEnglish(page, 'the API tokens');
});
