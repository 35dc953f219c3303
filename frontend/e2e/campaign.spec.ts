// A campaign: the info email sent from the list with a follow-up rule (the send-emails dialog), then its page from
// the sends: the funnel (informed, ready…), the steps, the recipients opening their card, and the CSV record.
import { expect, expectAccessible, screenshot, test, uniqueToken } from './fixtures';

const unique = uniqueToken();
const name = `E2E Campagne ${unique}`;

type Send = { id: string; status: string; campaignId?: string | null; followUp?: { afterDays: number; maxTimes: number } | null };

test('starts a campaign with a follow-up rule and follows its funnel to the clients', async ({ page, api }) => {
  const clients: { id: string }[] = [];
  for (const i of [1, 2]) {
    clients.push(
      await api<{ id: string }>('POST', '/api/clients', {
        reference: `E2E-C${i}-${unique}`,
        name: `${name} ${i}`,
        type: 'COMPANY',
        language: 'fr',
        email: `e2e-campaign-${unique}-${i}@example.test`,
      }),
    );
  }

  await page.goto('/clients');
  await page.getByRole('textbox', { name: 'Rechercher par nom' }).fill(name);
  await page.waitForURL((u) => new URL(u).searchParams.get('q') === name);
  await expect(page.getByRole('link', { name: `${name} 2` })).toBeVisible();
  await page.getByRole('button', { name: 'Sélectionner les 2 clients correspondant au filtre' }).click();
  await page.getByRole('button', { name: /Actions/ }).click();
  await page.getByRole('menuitem', { name: 'Envoyer des courriels' }).click();
  const dialog = page.getByRole('dialog', { name: 'Envoyer des courriels' });
  await expect(dialog.getByText('2 destinataires')).toBeVisible();
  await dialog.getByRole('checkbox', { name: /Relancer automatiquement/ }).check();
  await dialog.getByLabel('Relancer après (jours)').fill('10');
  await dialog.getByLabel('Nombre maximal de relances').fill('3');
  const queued = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/email-sends' && r.status() === 202,
  );
  await dialog.getByRole('button', { name: 'Envoyer' }).click();
  const send = (await (await queued).json()) as Send;
  expect(send.campaignId).toBe(send.id);
  expect(send.followUp).toMatchObject({ afterDays: 10, maxTimes: 3 });
  await expect(dialog.getByText('Terminé', { exact: true })).toBeVisible();
  await dialog.getByRole('button', { name: 'Fermer' }).last().click();

  // the first client answers: marked PEPPOL ready, it leaves the campaign
  await api('PATCH', `/api/clients/${clients[0].id}`, { customFields: { peppol_ready: true } });

  await page.goto('/email-sends');
  await page.getByRole('row').filter({ hasText: 'Information Peppol' }).first().getByRole('link', { name: 'Campagne' }).click();
  await page.waitForURL(new RegExp(`/email-sends/${send.id}/campaign$`));
  await expect(page.getByRole('heading', { name: 'Campagne\u202f: Information Peppol' })).toBeVisible();
  await expect(page.getByText('En cours', { exact: true })).toBeVisible();
  await expect(page.getByText('Relance après 10 jours, au plus 3 fois')).toBeVisible();
  await expect(page.getByText(/Prochaine relance\u202f:/)).toBeVisible();
  const funnel = page.getByRole('region', { name: 'Entonnoir par jour' });
  await expect(funnel.getByRole('img', { name: 'Entonnoir par jour' })).toBeVisible();
  await expect(funnel.locator('.recharts-line')).toHaveCount(4);
  await expect(page.getByRole('group', { name: 'Informés' })).toContainText('2');
  await expect(page.getByRole('group', { name: '« PEPPOL ready »' })).toContainText('1');
  await expect(page.getByRole('group', { name: 'Toujours en attente' })).toContainText('1');
  await expect(page.getByRole('region', { name: 'Étapes' }).getByRole('cell', { name: 'Premier envoi' })).toBeVisible();

  const recipients = page.getByRole('region', { name: 'Destinataires' });
  await expect(recipients.getByRole('link', { name: `${name} 1` })).toBeVisible();
  await recipients.locator('label', { hasText: 'En attente' }).click();
  await expect(recipients.getByRole('radio', { name: 'En attente' })).toBeChecked();
  await expect(recipients.getByRole('link', { name: `${name} 1` })).toHaveCount(0);
  await expect(recipients.getByRole('link', { name: `${name} 2` })).toBeVisible();
  await expectAccessible(page, 'the campaign page');
  await screenshot(page, 'campaign');

  // the record of who was informed when
  const href = await page.getByRole('link', { name: 'Exporter le registre (CSV)' }).getAttribute('href');
  const csv = await (await api.request.get(href!)).text();
  expect(csv.startsWith('\uFEFFÉtape;Envoyé le;Statut;')).toBe(true);
  expect(csv).toContain(`;SENT;E2E-C1-${unique};${name} 1;`);
  expect(csv).toContain(`;SENT;E2E-C2-${unique};${name} 2;`);

  await recipients.getByRole('link', { name: `${name} 2` }).click();
  await page.waitForURL(new RegExp(`/clients/${clients[1].id}$`));
});
