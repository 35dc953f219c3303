// The client list's own journeys (issue 10): the filter builder saved as a control view and reopened, the column
// chooser, the density at 1280×800, "select all matching" and a bulk edit, a dashboard bar opening the list filtered
// to its count, the refresh runs page. Serial: the steps share the clients made in beforeAll.
import { addFilter } from './list-helpers';
import { expect, expectAccessible, randomEnterpriseNumber, screenshot, test, uniqueToken } from './fixtures';

test.describe.configure({ mode: 'serial' });

const unique = uniqueToken();
const clientName = `E2E Liste ${unique}`;
const lotName = `E2E Lot ${unique}`;
const viewName = `E2E affichage ${unique}`;
const LOT = 30;
const FILTER = 'enterpriseNumber=empty=false;vatLiable==true;peppol.status!=REGISTERED';

test.beforeAll(async ({ workerApi: api }) => {
  await api('POST', '/api/clients', {
    reference: `E2E-V-${unique}`,
    name: clientName,
    type: 'COMPANY',
    enterpriseNumber: randomEnterpriseNumber(),
    vatLiable: true,
    language: 'fr',
  });
  for (let i = 0; i < LOT; i++) {
    await api('POST', '/api/clients', { reference: `E2E-L${i}-${unique}`, name: `${lotName} ${String(i).padStart(2, '0')}`, type: 'COMPANY', language: 'fr' });
  }
});

test('builds the filter "enterprise number not empty, VAT liable, not registered", saves it as a view and reopens it', async ({ page, api }) => {
  await page.goto('/clients');
  await expect(page.getByRole('heading', { name: 'Voir tous les clients' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Rechercher par nom' }).fill(unique);
  await page.waitForURL((u) => new URL(u).searchParams.get('q') === unique);
  await addFilter(page, "Numéro d'entreprise", { op: "n'est pas vide" });
  await addFilter(page, 'Assujetti à la TVA', { radio: 'Oui' });
  await addFilter(page, 'Statut PEPPOL', { op: "n'est pas", option: 'Enregistré' });
  await page.waitForURL((u) => new URL(u).searchParams.get('filter') === FILTER);
  await expect(page.getByRole('link', { name: clientName })).toBeVisible();
  // the lot has no enterprise number: none of it matches
  await expect(page.getByRole('link', { name: new RegExp(lotName) })).toHaveCount(0);
  await expectAccessible(page, 'the filtered client list');

  await page.getByRole('button', { name: 'Enregistrer comme affichage' }).click();
  const dialog = page.getByRole('dialog', { name: 'Enregistrer comme affichage' });
  await dialog.getByRole('textbox', { name: /Nom de l'affichage/ }).fill(viewName);
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL(/[?&]view=/);
  const saved = (await api<{ id: string; name: string; filter: string }[]>('GET', '/api/views')).find((v) => v.name === viewName);
  expect(saved?.filter).toContain(FILTER);

  // another screen, the plain list, then the view again: its filter comes back as chips
  await page.getByRole('link', { name: 'Tableau de bord' }).click();
  await expect(page.getByRole('heading', { name: 'Tableau de bord Peppol' })).toBeVisible();
  await page.getByRole('link', { name: 'Clients', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Voir tous les clients' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Affichages de contrôle' }).click();
  await page.getByRole('option', { name: viewName, exact: true }).click();
  await page.waitForURL(new RegExp(`[?&]view=${saved!.id}`));
  const chips = page.getByRole('list', { name: 'Filtres actifs' }).getByRole('listitem');
  for (const chip of ["Numéro d'entreprise : renseigné", 'Assujetti à la TVA : Oui', 'Statut PEPPOL : pas Enregistré']) {
    await expect(chips.filter({ hasText: chip })).toBeVisible();
  }
  await expect(page.getByRole('link', { name: clientName })).toBeVisible();
});

test('chooses the columns of the list, kept in the URL', async ({ page }) => {
  await page.goto(`/clients?q=${unique}`);
  await expect(page.getByRole('link', { name: clientName })).toBeVisible();
  await page.getByRole('button', { name: 'Colonnes', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Colonnes affichées' });
  await expectAccessible(page, 'the column chooser');
  await dialog.getByRole('textbox', { name: 'Chercher une colonne' }).fill('Assujetti');
  await dialog.getByRole('checkbox', { name: 'Assujetti TVA', exact: true }).check();
  await dialog.getByRole('button', { name: 'Appliquer' }).click();
  await page.waitForURL((u) => (new URL(u).searchParams.get('columns') ?? '').split(',').includes('vatLiable'));
  await expect(page.getByRole('columnheader', { name: /Assujetti TVA/ })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(clientName) }).getByRole('cell', { name: 'Oui', exact: true }).first()).toBeVisible();
});

test('shows 20+ clients on a 1280×800 screen', async ({ page }) => {
  await page.goto(`/clients?q=${encodeURIComponent(lotName)}&size=25`);
  await expect(page.getByRole('link', { name: `${lotName} 24` })).toBeAttached();
  await expect(page.getByText(`${LOT} clients`, { exact: true })).toBeVisible();
  const visible = await page.evaluate(() =>
    [...document.querySelectorAll('tbody tr')].filter((r) => {
      const box = r.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    }).length,
  );
  expect(visible, 'rows wholly on screen at 1280×800').toBeGreaterThanOrEqual(20);
});

test('selects all matching clients and sets their receiving software in bulk; the list shows it', async ({ page, api }) => {
  const categories = await api<{ fields: { key: string; options: { key: string; active: boolean; labels: Record<string, string> }[] }[] }[]>(
    'GET',
    '/api/custom-field-categories',
  );
  const option = categories.flatMap((c) => c.fields).find((f) => f.key === 'peppol_software_receive')!.options.find((o) => o.active)!;
  await page.goto(`/clients?q=${encodeURIComponent(lotName)}&size=25`);
  await expect(page.getByText(`${LOT} clients`, { exact: true })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Sélectionner la page' }).check();
  await page.getByRole('button', { name: `Sélectionner les ${LOT} clients correspondant au filtre` }).click();
  await expect(page.getByText(`Les ${LOT} clients correspondant au filtre sont sélectionnés`)).toBeVisible();
  await page.getByRole('button', { name: /Actions/ }).click();
  await page.getByRole('menuitem', { name: 'Editer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Modification en masse' });
  // the field list opens above the dialog (it used to be clipped to two options), searchable
  await dialog.getByRole('combobox', { name: 'Champs à modifier' }).click();
  await expect(page.getByRole('option')).not.toHaveCount(0);
  expect(await page.getByRole('option').count()).toBeGreaterThan(2);
  await dialog.getByRole('combobox', { name: 'Champs à modifier' }).fill('réception');
  await page.getByRole('option', { name: 'Logiciel pour la réception PEPPOL', exact: true }).click();
  await dialog.getByText(`${LOT} clients sélectionnés`).click();
  await dialog.getByRole('combobox', { name: 'Logiciel pour la réception PEPPOL' }).click();
  await page.getByRole('option', { name: option.labels.fr, exact: true }).click();
  await dialog.getByRole('button', { name: 'Aperçu' }).click();
  await expect(dialog.getByText(`${LOT} clients sélectionnés, ${LOT} seront modifiés.`)).toBeVisible();
  await expect(dialog.getByText('Logiciel pour la réception PEPPOL : 0 client a déjà cette valeur, 0 valeur existante sera écrasée.')).toBeVisible();
  await expectAccessible(page, 'the bulk-edit preview');
  await dialog.getByRole('button', { name: 'Appliquer' }).click();
  await expect(page.getByText(`${LOT} clients modifiés.`)).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(`${lotName} 00`) }).getByRole('cell', { name: option.labels.fr, exact: true })).toBeVisible();
  const filter = `name=like="${lotName}*";cf.peppol_software_receive==${option.key}`;
  const matching = await api<{ total: number }>('GET', `/api/clients?size=1&filter=${encodeURIComponent(filter)}`);
  expect(matching.total).toBe(LOT);
});

test('clicks a dashboard bar and lands on the list filtered to that count', async ({ page }) => {
  await page.goto('/dashboard');
  const readiness = page.getByRole('region', { name: '« PEPPOL ready » ?' });
  // the chart's first bar is the legend's first entry ("Oui", "Non" or "Non renseigné", and its count)
  const first = readiness.getByRole('listitem').first();
  await expect(first).toBeVisible();
  const [label, count] = (await first.getAttribute('aria-label'))!.split(/\s*: /);
  const filters: Record<string, string> = { Oui: 'cf.peppol_ready==true', Non: 'cf.peppol_ready==false', 'Non renseigné': 'cf.peppol_ready=empty=true' };
  await expectAccessible(page, 'the dashboard with its charts');
  await readiness.locator('.recharts-bar-rectangle').first().click();
  await page.waitForURL((u) => new URL(u).pathname === '/clients' && new URL(u).searchParams.get('filter') === `status==ACTIVE;${filters[label]}`);
  const n = count.replace(/\D/g, '');
  await expect(page.getByText(new RegExp(`^${n} clients?$`))).toBeVisible();
  await expect(page.getByRole('list', { name: 'Filtres actifs' }).getByRole('listitem').filter({ hasText: 'Statut : Actif' })).toBeVisible();
});

test('shows the Peppol refresh runs page with a run of two clients, finished and described in French', async ({ page, api }) => {
  const filter = `name=="${clientName}",name=="${lotName} 00"`;
  const two = await api<{ items: { id: string }[] }>('GET', `/api/clients?size=2&filter=${encodeURIComponent(filter)}`);
  expect(two.items.length).toBe(2);
  const run = await api<{ id: string }>('POST', '/api/peppol/refresh-runs', { selection: { ids: two.items.map((c) => c.id) } });
  // on a network without the SML the run stops at its zone check; on the real one it looks both clients up
  await expect
    .poll(async () => (await api<{ status: string }>('GET', `/api/peppol/refresh-runs/${run.id}`)).status, { timeout: 60_000 })
    .toMatch(/^(DONE|FAILED)$/);
  await page.goto('/clients');
  await page.getByRole('link', { name: 'Actualisations Peppol' }).click();
  await expect(page.getByRole('heading', { name: 'Actualisations du statut Peppol' })).toBeVisible();
  const latest = page.getByRole('region', { name: /^À la demande · / }).first();
  await expect(latest.getByText(/Terminée le /)).toBeVisible();
  await expect(latest.getByText(/^(Terminé|Échoué)$/)).toBeVisible();
  await expect(latest.getByText('Enregistrés', { exact: true })).toBeVisible();
  await expectAccessible(page, 'the refresh runs page');
  await screenshot(page, 'refresh-runs');
});

test('says on the card why a client\'s latest Peppol check failed, in French with its params', async ({ page, api }) => {
  // the demo portfolio's failed checks are coded as real ones: an SMP that did not answer in 10 s, or a SERVFAIL
  const filter = 'peppol.status==LOOKUP_FAILED;reference=like=CL-*';
  const failed = await api<{ items: { id: string }[] }>('GET', `/api/clients?size=1&filter=${encodeURIComponent(filter)}`);
  expect(failed.items.length).toBe(1);
  const registration = await api<{ lastCheck: { errorCode: string } }>('GET', `/api/clients/${failed.items[0].id}/peppol`);
  expect(['lookup.smp_timeout', 'lookup.dns_servfail']).toContain(registration.lastCheck.errorCode);
  await page.goto(`/clients/${failed.items[0].id}`);
  const panel = page.getByRole('region', { name: 'Enregistrement Peppol' });
  const why = panel.getByText(/^La dernière vérification a échoué/);
  await expect(why).toHaveText(/\u202f: (Le SMP smp\.example-peppol\.be n’a pas répondu dans les 10 s \(ServiceGroup\)|Le DNS a répondu SERVFAIL pour \S+)\.$/);
  await expect(why).toHaveAttribute('data-code', registration.lastCheck.errorCode);
});

test('shows a client\'s whole Peppol status on the card, the longest one too', async ({ page, api }) => {
  // "Pré-enregistré sur Hermes uniquement" was cut off with an ellipsis in the card's side panel
  const filter = 'peppol.status==HERMES_ONLY;reference=like=CL-*';
  const hermes = await api<{ items: { id: string }[] }>('GET', `/api/clients?size=1&filter=${encodeURIComponent(filter)}`);
  expect(hermes.items.length).toBe(1);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/clients/${hermes.items[0].id}`);
  const badge = page.getByRole('region', { name: 'Enregistrement Peppol' }).getByText('Pré-enregistré sur Hermes uniquement', { exact: true });
  await expect(badge).toBeVisible();
  const fits = await badge.evaluate((label) => {
    const badgeBox = label.closest('[class*="Badge-root"]')!.getBoundingClientRect();
    const panelBox = label.closest('section')!.getBoundingClientRect();
    return { text: label.scrollWidth <= label.clientWidth, inPanel: badgeBox.right <= panelBox.right && badgeBox.left >= panelBox.left };
  });
  expect(fits).toEqual({ text: true, inPanel: true });
  await screenshot(page, 'card-peppol-status');
});

test('shows the whole filter chip "Statut PEPPOL : Pré-enregistré sur Hermes uniquement" in the list', async ({ page }) => {
  // the chip was cut off at "Pré-enregistré sur Herm…" at 1280 px
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/clients?filter=${encodeURIComponent('peppol.status==HERMES_ONLY')}`);
  const chip = page.getByRole('list', { name: 'Filtres actifs' }).getByRole('listitem');
  await expect(chip).toHaveCount(1);
  const label = chip.getByText('Statut PEPPOL\u202f: Pré-enregistré sur Hermes uniquement', { exact: true });
  await expect(label).toBeVisible();
  expect(await label.evaluate((l) => l.scrollWidth <= l.clientWidth)).toBe(true);
  await screenshot(page, 'list-filter-chip-hermes');
});

test('keeps a Peppol identifier whole on the card', async ({ page, api }) => {
  // "iso6523-actorid-upis::0208:0123456749" broke between its digits beside its label in the side panel at 1280 px
  const filter = 'peppol.status==REGISTERED;reference=like=CL-*';
  const registered = await api<{ items: { id: string }[] }>('GET', `/api/clients?size=1&filter=${encodeURIComponent(filter)}`);
  expect(registered.items.length).toBe(1);
  const registration = await api<{ participantId: string }>('GET', `/api/clients/${registered.items[0].id}/peppol`);
  expect(registration.participantId).toMatch(/^iso6523-actorid-upis::\d{4}:\d+$/);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/clients/${registered.items[0].id}`);
  const id = page.getByRole('region', { name: 'Enregistrement Peppol' }).getByText(registration.participantId, { exact: true });
  await expect(id).toBeVisible();
  // the scheme may go on a line of its own; the identifier after it ("0208:0266906980") stays on one line
  const value = registration.participantId.split('::')[1];
  const lines = await id.evaluate((el, part) => {
    const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      const at = node.textContent!.indexOf(part);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + part.length);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    }
    return 0;
  }, value);
  expect(lines).toBe(1);
  await screenshot(page, 'card-peppol-identifier');
});
