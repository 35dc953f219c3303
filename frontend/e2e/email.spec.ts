// The info email: sent to a searched selection from the list to the end of the progress, then re-sent from the
// card, both read back from the real local SMTP server's mailbox (maildev, started by scripts/test-e2e.sh).
import { expect, expectAccessible, maildevUrl, test, uniqueToken, type Api } from './fixtures';

test.describe.configure({ mode: 'serial' });

const unique = uniqueToken();
const mailName = `E2E Courrier ${unique}`;
const mailAddress = (i: number) => `e2e-${unique}-${i}@example.test`;
const mailClients: { id: string }[] = [];

type Mail = { subject: string; to?: { address: string }[] };

/** Messages the local SMTP server (maildev) received for this address. */
async function mailTo(api: Api, address: string): Promise<Mail[]> {
  const response = await api.request.get(`${maildevUrl}/email`);
  expect(response.ok()).toBe(true);
  const all = (await response.json()) as Mail[];
  return all.filter((m) => (m.to ?? []).some((t) => t.address === address));
}

test.beforeAll(async ({ workerApi: api }) => {
  for (const i of [1, 2]) {
    mailClients.push(
      await api<{ id: string }>('POST', '/api/clients', {
        reference: `E2E-M${i}-${unique}`,
        name: `${mailName} ${i}`,
        type: 'COMPANY',
        language: 'fr',
        email: mailAddress(i),
      }),
    );
  }
});

test('sends the info email to a searched selection from the list and sees the progress reach done', async ({ page, api }) => {
  await page.goto('/clients');
  await expect(page.getByRole('heading', { name: 'Voir tous les clients' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Rechercher par nom' }).fill(mailName);
  // the selection starts over when the search reaches the URL: select after that
  await page.waitForURL((u) => new URL(u).searchParams.get('q') === mailName);
  await expect(page.getByRole('link', { name: `${mailName} 2` })).toBeVisible();
  for (const i of [1, 2]) await page.getByRole('checkbox', { name: `Sélectionner ${mailName} ${i}` }).check();
  await page.getByRole('button', { name: /Actions/ }).click();
  await page.getByRole('menuitem', { name: 'Envoyer des courriels' }).click();
  const dialog = page.getByRole('dialog', { name: 'Envoyer des courriels' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(`Facturation électronique via Peppol : ${mailName}`, { exact: false }).first()).toBeVisible();
  await expect(dialog.getByText('2 destinataire(s)')).toBeVisible();
  await dialog.getByRole('button', { name: 'Envoyer' }).click();
  await expect(dialog.getByText('Terminé', { exact: true })).toBeVisible();
  await expect(dialog.getByText('2 / 2 traités')).toBeVisible();
  await expect(dialog.getByRole('cell', { name: 'Envoyé', exact: true }).first()).toBeVisible();
  await expect.poll(async () => [(await mailTo(api, mailAddress(1))).length, (await mailTo(api, mailAddress(2))).length], { timeout: 60_000 }).toEqual([1, 1]);
  const [received] = await mailTo(api, mailAddress(1));
  expect(received.subject).toContain(`${mailName} 1`);
  await expectAccessible(page, 'the send dialog');
  // the footer's button (the title bar has its own « Fermer » cross)
  await dialog.getByRole('button', { name: 'Fermer' }).last().click();
});

test('re-sends the info email from the client card beside PEPPOL ready', async ({ page, api }) => {
  await page.goto(`/clients/${mailClients[0].id}`);
  await expect(page.getByRole('region', { name: 'PEPPOL', exact: true })).toBeVisible();
  await expect(page.getByText(/Dernier envoi : .*\(Envoyé\)/)).toBeVisible();
  await page.getByRole('button', { name: "(Re)envoyer l'e-mail d'information" }).click();
  await expect.poll(async () => (await mailTo(api, mailAddress(1))).length, { timeout: 60_000 }).toBe(2);
  const emails = await api<{ total: number }>('GET', `/api/clients/${mailClients[0].id}/emails`);
  expect(emails.total).toBe(2);
  await expect(page.getByText(/Dernier envoi : .*\(Envoyé\)/)).toBeVisible();
});
