// The info email: sent to every client matching a search from the list (selected as "all N matching", no row ticked)
// to the end of the progress, then re-sent from the card, both read back from the real local SMTP server's mailbox
// (maildev, started by scripts/test-e2e.sh).
import { expect, expectAccessible, maildevUrl, screenshot, test, uniqueToken, type Api } from './fixtures';

test.describe.configure({ mode: 'serial' });

const unique = uniqueToken();
const mailName = `E2E Courrier ${unique}`;
const mailAddress = (i: number) => `e2e-${unique}-${i}@example.test`;
const mailClients: { id: string }[] = [];

type Mail = { subject: string; to?: { address: string }[] };
type SendProgress = { status: string; sent: number; skipped: number };
type ClientEmails = { total: number; items: { sendId: string; status: string }[] };

/** Messages the local SMTP server (maildev) received for this address. */
async function mailTo(api: Api, address: string): Promise<Mail[]> {
  const response = await api.request.get(`${maildevUrl}/email`);
  expect(response.ok()).toBe(true);
  const all = (await response.json()) as Mail[];
  return all.filter((m) => (m.to ?? []).some((t) => t.address === address));
}

test.beforeAll(async ({ workerApi: api }) => {
  // three clients match the search (the third has no address, so it is skipped); one outside it has an address
  for (const i of [1, 2, 3]) {
    mailClients.push(
      await api<{ id: string }>('POST', '/api/clients', {
        reference: `E2E-M${i}-${unique}`,
        name: `${mailName} ${i}`,
        type: 'COMPANY',
        language: 'fr',
        ...(i < 3 ? { email: mailAddress(i) } : {}),
      }),
    );
  }
  await api('POST', '/api/clients', {
    reference: `E2E-M9-${unique}`,
    name: `E2E Hors filtre ${unique}`,
    type: 'COMPANY',
    language: 'fr',
    email: mailAddress(9),
  });
});

test('sends the info email to all clients matching a filter from the list and sees the progress reach done', async ({ page, api }) => {
  await page.goto('/clients');
  await expect(page.getByRole('heading', { name: 'Voir tous les clients' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Rechercher par nom' }).fill(mailName);
  // the selection starts over when the search reaches the URL: select after that
  await page.waitForURL((u) => new URL(u).searchParams.get('q') === mailName);
  await expect(page.getByRole('link', { name: `${mailName} 3` })).toBeVisible();
  // all three fit on the page, yet "all matching the filter" is offered because a filter is active; no row is ticked
  await page.getByRole('button', { name: 'Sélectionner les 3 clients correspondant au filtre' }).click();
  await expect(page.getByText('Les 3 clients correspondant au filtre sont sélectionnés')).toBeVisible();
  for (const i of [1, 2, 3]) await expect(page.getByRole('checkbox', { name: `Sélectionner ${mailName} ${i}` })).not.toBeChecked();
  await page.getByRole('button', { name: /Actions/ }).click();
  await page.getByRole('menuitem', { name: 'Envoyer des courriels' }).click();
  const dialog = page.getByRole('dialog', { name: 'Envoyer des courriels' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Modèle' }).click();
  await page.getByRole('option', { name: 'Information Peppol', exact: true }).click();
  await expect(dialog.getByText(`Facturation électronique via Peppol : ${mailName}`, { exact: false }).first()).toBeVisible();
  await expect(dialog.getByText('2 destinataires')).toBeVisible();
  await expect(dialog.getByText('1 client ignoré')).toBeVisible();
  const queued = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/email-sends' && r.status() === 202,
  );
  await dialog.getByRole('button', { name: 'Envoyer' }).click();
  const response = await queued;
  const sent = JSON.parse(response.request().postData() ?? '{}') as { selection?: { ids?: string[]; filter?: string } };
  expect(sent.selection?.ids).toBeUndefined();
  expect(sent.selection?.filter).toContain(mailName);
  const sendId = ((await response.json()) as { id: string }).id;
  await expect(dialog.getByText('Terminé', { exact: true })).toBeVisible();
  await expect(dialog.getByText('3 / 3 traités')).toBeVisible();
  await expect(dialog.getByRole('cell', { name: 'Envoyé', exact: true }).first()).toBeVisible();
  await expect(dialog.getByRole('cell', { name: 'Ignoré', exact: true })).toBeVisible();
  const progress = await api<SendProgress>('GET', `/api/email-sends/${sendId}`);
  expect(progress).toMatchObject({ status: 'DONE', sent: 2, skipped: 1 });
  await expect
    .poll(async () => [(await mailTo(api, mailAddress(1))).length, (await mailTo(api, mailAddress(2))).length], { timeout: 60_000 })
    .toEqual([1, 1]);
  const [received] = await mailTo(api, mailAddress(1));
  expect(received.subject).toContain(`${mailName} 1`);
  expect(await mailTo(api, mailAddress(9))).toHaveLength(0);
  await expectAccessible(page, 'the send dialog');
  await screenshot(page, 'send-emails');
  // the footer's button (the title bar has its own « Fermer » cross)
  await dialog.getByRole('button', { name: 'Fermer' }).last().click();
});

test('re-sends the info email from the client card beside PEPPOL ready and sees its status', async ({ page, api }) => {
  const client = mailClients[0];
  await page.goto(`/clients/${client.id}`);
  await expect(page.getByRole('region', { name: 'PEPPOL', exact: true })).toBeVisible();
  const last = page.getByTestId('last-info-email');
  await expect(last).toHaveText(/Dernier envoi\s: .*\(Envoyé\)/);
  const queued = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/clients/${client.id}/peppol-info-email`));
  // the card follows the new send to its end (listening before the click: it may be over at the first poll)
  const followed = page.waitForResponse(
    async (r) =>
      /^\/api\/email-sends\/[0-9a-f-]{36}$/.test(new URL(r.url()).pathname) &&
      ((await r.json().catch(() => ({}))) as { status?: string }).status === 'DONE',
  );
  await page.getByRole('button', { name: "(Re)envoyer l'e-mail d'information" }).click();
  const response = await queued;
  expect(response.status()).toBe(202);
  const resendId = ((await response.json()) as { id: string }).id;
  const done = await followed;
  expect(done.url()).toMatch(new RegExp(`/api/email-sends/${resendId}$`));
  await expect.poll(async () => (await mailTo(api, mailAddress(1))).length, { timeout: 60_000 }).toBe(2);
  const emails = await api<ClientEmails>('GET', `/api/clients/${client.id}/emails`);
  expect(emails.total).toBe(2);
  expect(emails.items[0]).toMatchObject({ sendId: resendId, status: 'SENT' });
  await expect(last).toHaveText(/Dernier envoi\s: .*\(Envoyé\)/);
  // both emails are entries of the client's history
  await page.reload();
  const history = page.getByRole('region', { name: 'Historique' });
  await expect(history.getByText(`— ${mailAddress(1)} (Envoyé)`)).toHaveCount(2);
});
