// Browser test of the SPA against the real backend and database, in Debian's headless Chromium.
// Usage: E2E_BASE_URL=http://localhost:8080 E2E_EMAIL=admin@... E2E_PASSWORD=... node e2e/run.mjs
// Optional: E2E_SCREENSHOTS=<dir> saves a screenshot of the client list and the client card there.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const baseUrl = (process.env.E2E_BASE_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const email = process.env.E2E_EMAIL ?? 'admin@example.com';
const password = process.env.E2E_PASSWORD ?? '';
const screenshots = process.env.E2E_SCREENSHOTS;
const maildevUrl = (process.env.E2E_MAILDEV_URL ?? 'http://localhost:1080').replace(/\/$/, '');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TIMEOUT = 20_000;

/** A valid Belgian enterprise number (mod-97 check digits), random so runs never collide. */
function randomEnterpriseNumber() {
  const first8 = `0${2 + Math.floor(Math.random() * 8)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  return `${first8}${String(97 - (Number(first8) % 97)).padStart(2, '0')}`;
}

/** Signs in through the API and returns a fetch that sends the session cookie. */
async function apiSession() {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`API sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async (method, url, body) => {
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} → ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const clientName = `E2E Boulangerie ${unique}`;
const comment = `Appelé le client, logiciel choisi (${unique})`;
const state = {};

test('creates a client through the API', async () => {
  const call = await apiSession();
  state.api = call;
  state.client = await call('POST', '/api/clients', {
    reference: `E2E-${unique}`,
    name: clientName,
    type: 'COMPANY',
    enterpriseNumber: randomEnterpriseNumber(),
    vatLiable: true,
    language: 'fr',
  });
  if (!state.client?.id) throw new Error('POST /api/clients returned no id');
  // A category of our own with a document field, so the upload does not depend on seeded definitions.
  const category = await call('POST', '/api/custom-field-categories', {
    key: `e2e_${unique}`,
    labels: { fr: `Documents E2E ${unique}`, nl: `Documenten E2E ${unique}`, en: `E2E documents ${unique}` },
    position: 900,
    showInClientList: false,
  });
  await call('POST', '/api/custom-fields', {
    categoryId: category.id,
    key: `e2e_doc_${unique}`,
    labels: { fr: 'Mandat E2E', nl: 'Mandaat E2E', en: 'E2E mandate' },
    type: 'DOCUMENT',
    required: false,
    position: 0,
  });
});

test('signs in as the admin', async ({ page }) => {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/sign-in/);
  await page.getByRole('button', { name: 'Se connecter' }).waitFor();
  if (screenshots) await page.screenshot({ path: path.join(screenshots, 'sign-in.png') });
  await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Voir tous les clients' }).waitFor();
});

test('finds the client in the list with the PEPPOL columns', async ({ page }) => {
  await page.getByRole('textbox', { name: 'Rechercher par nom' }).fill(unique);
  const link = page.getByRole('link', { name: clientName });
  await link.waitFor();
  await page.getByRole('columnheader', { name: /« PEPPOL ready » \?/ }).waitFor();
  await page.getByRole('columnheader', { name: /Enregistré sur PEPPOL/ }).waitFor();
  if (screenshots) {
    await page.getByRole('textbox', { name: 'Rechercher par nom' }).fill('');
    await link.waitFor();
    await page.screenshot({ path: path.join(screenshots, 'client-list.png'), fullPage: true });
    await page.getByRole('textbox', { name: 'Rechercher par nom' }).fill(unique);
    await page.getByRole('row').nth(2).waitFor({ state: 'detached' }).catch(() => {});
  }
});

test('opens the client card', async ({ page }) => {
  await page.getByRole('link', { name: clientName }).click();
  await page.waitForURL(new RegExp(`/clients/${state.client.id}$`));
  await page.getByRole('heading', { name: clientName }).waitFor();
  await page.getByRole('region', { name: 'PEPPOL', exact: true }).waitFor();
});

test('sets PEPPOL ready to yes and a comment, and saves', async ({ page }) => {
  const peppol = page.getByRole('region', { name: 'PEPPOL', exact: true });
  await peppol.getByRole('radio', { name: 'Oui' }).check();
  await peppol.getByRole('textbox', { name: 'Commentaire(s)' }).fill(comment);
  await page.getByRole('button', { name: 'Enregistrer' }).first().click();
  await page.getByText('Modifications enregistrées.').waitFor();
});

test('reloads and sees both values kept', async ({ page }) => {
  await page.reload();
  // A deep link: the backend answers /clients/<id> with index.html and the browser router shows the card again.
  if (!new URL(page.url()).pathname.endsWith(`/clients/${state.client.id}`)) throw new Error(`reload landed on ${page.url()}`);
  await page.getByRole('heading', { name: clientName }).waitFor();
  const peppol = page.getByRole('region', { name: 'PEPPOL', exact: true });
  await peppol.waitFor();
  const yes = peppol.getByRole('radio', { name: 'Oui' });
  await yes.waitFor({ state: 'attached' });
  if (!(await yes.isChecked())) throw new Error('"PEPPOL ready" is not yes after reload');
  const kept = await peppol.getByRole('textbox', { name: 'Commentaire(s)' }).inputValue();
  if (kept !== comment) throw new Error(`comment after reload is ${JSON.stringify(kept)}`);
  const stored = await state.api('GET', `/api/clients/${state.client.id}`);
  if (stored.customFields?.peppol_ready !== true || stored.customFields?.peppol_comments !== comment) {
    throw new Error(`the API shows ${JSON.stringify(stored.customFields)}`);
  }
  const history = page.getByRole('region', { name: 'Historique' });
  await history.getByText('Commentaire(s)', { exact: true }).waitFor();
  await history.getByText('« PEPPOL ready » ?', { exact: true }).waitFor();
  if (screenshots) await page.screenshot({ path: path.join(screenshots, 'client-card.png'), fullPage: true });
});

test('uploads a document and offers it for download', async ({ page }) => {
  const section = page.getByRole('region', { name: `Documents E2E ${unique}` });
  await section.waitFor();
  const content = `%PDF-1.4 e2e ${unique}`;
  await section.locator('input[type=file]').setInputFiles({ name: `mandat-${unique}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(content) });
  const link = section.getByRole('link', { name: `mandat-${unique}.pdf` });
  await link.waitFor();
  const href = await link.getAttribute('href');
  const response = await page.request.get(new URL(href, baseUrl).toString());
  if (!response.ok()) throw new Error(`download ${href} → ${response.status()}`);
  if ((await response.text()) !== content) throw new Error('the downloaded document differs from the uploaded one');
});

/** Adds one condition with the filter builder: a field, an operator (unless the first fits), then its value. */
async function addFilter(page, field, { op, radio, option } = {}) {
  await page.getByRole('button', { name: /Ajouter un filtre/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Ajouter un filtre' });
  await dialog.waitFor();
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
  await dialog.waitFor({ state: 'detached' });
}

test('filters the list with the filter builder, the filter kept as chips', async ({ page }) => {
  await page.getByRole('link', { name: /Voir tous les clients/ }).click();
  await page.getByRole('textbox', { name: 'Rechercher par nom' }).fill(unique);
  await page.getByRole('link', { name: clientName }).waitFor();
  await addFilter(page, '« PEPPOL ready » ?', { radio: 'Non' });
  await page.getByText('Aucun client ne correspond.').waitFor();
  await page.getByRole('button', { name: 'Retirer le filtre « « PEPPOL ready » ? : Non »' }).click();
  await addFilter(page, '« PEPPOL ready » ?', { radio: 'Oui' });
  await page.getByRole('list', { name: 'Filtres actifs' }).getByRole('listitem').filter({ hasText: '« PEPPOL ready » ? : Oui' }).waitFor();
  await page.getByRole('link', { name: clientName }).click();
  await page.getByRole('region', { name: 'PEPPOL', exact: true }).waitFor();
});

test('shows the Peppol dashboard with the new client counted', async ({ page }) => {
  await page.getByRole('link', { name: 'Tableau de bord' }).click();
  await page.getByRole('heading', { name: 'Tableau de bord Peppol' }).waitFor();
  const readiness = page.getByRole('region', { name: '« PEPPOL ready » ?' });
  await readiness.getByRole('listitem', { name: /^Oui: [1-9]/ }).waitFor();
  if (screenshots) await page.screenshot({ path: path.join(screenshots, 'dashboard.png'), fullPage: true });
  await page.goBack();
  await page.getByRole('region', { name: 'PEPPOL', exact: true }).waitFor();
});

test('chooses the "Suivi PEPPOL" control view', async ({ page }) => {
  await page.getByRole('link', { name: /Voir tous les clients/ }).click();
  await page.getByRole('heading', { name: 'Voir tous les clients' }).waitFor();
  await page.getByRole('combobox', { name: 'Affichages de contrôle' }).click();
  await page.getByRole('option', { name: 'Suivi PEPPOL', exact: true }).click();
  await page.waitForURL(/[?&]view=/);
  await page.getByRole('columnheader', { name: "Dernier e-mail d'information" }).waitFor();
  await page.getByRole('textbox', { name: 'Rechercher par nom' }).fill(unique);
  await page.waitForURL(new RegExp(`[?&]q=${unique}`));
  await page.getByRole('link', { name: clientName }).waitFor();
  const exportHref = await page.getByRole('link', { name: 'Exporter CSV' }).getAttribute('href');
  if (!exportHref.includes(encodeURIComponent(unique))) throw new Error(`the export link lacks the search: ${exportHref}`);
  const csv = await page.request.get(new URL(exportHref, baseUrl).toString());
  if (!csv.ok() || !(await csv.text()).includes(clientName)) throw new Error(`the CSV export (${csv.status()}) lacks the client`);
});

test('bulk-edits "PEPPOL ready" to no with a preview, and the list shows it', async ({ page }) => {
  const row = page.getByRole('row', { name: new RegExp(clientName) });
  await row.getByRole('cell', { name: 'Oui', exact: true }).waitFor();
  await page.getByRole('checkbox', { name: `Sélectionner ${clientName}` }).check();
  await page.getByText('1 client sélectionné').waitFor();
  if (screenshots) await page.screenshot({ path: path.join(screenshots, 'client-list-view.png'), fullPage: true });
  await page.getByRole('button', { name: /Actions/ }).click();
  await page.getByRole('menuitem', { name: 'Editer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Modification en masse' });
  await dialog.waitFor();
  await dialog.getByRole('combobox', { name: 'Champs à modifier' }).click();
  await page.getByRole('option', { name: '« PEPPOL ready » ?', exact: true }).click();
  await dialog.getByText('1 client sélectionné').click();
  await dialog.getByRole('radio', { name: 'Non', exact: true }).check();
  await dialog.getByRole('button', { name: 'Aperçu' }).click();
  await dialog.getByText('1 client(s) sélectionné(s), 1 seront modifié(s).').waitFor();
  if (screenshots) await page.screenshot({ path: path.join(screenshots, 'bulk-edit.png') });
  await dialog.getByRole('button', { name: 'Appliquer' }).click();
  await page.getByText('1 client modifié.').waitFor();
  await dialog.waitFor({ state: 'detached' });
  await row.getByRole('cell', { name: 'Non', exact: true }).waitFor();
  const stored = await state.api('GET', `/api/clients/${state.client.id}`);
  if (stored.customFields?.peppol_ready !== false) throw new Error(`the API shows ${JSON.stringify(stored.customFields)}`);
  await page.getByRole('link', { name: clientName }).click();
  await page.getByRole('region', { name: 'PEPPOL', exact: true }).waitFor();
});

const lotName = `E2E Lot ${unique}`;
const viewName = `E2E affichage ${unique}`;

test('builds the filter "enterprise number not empty, VAT liable, not registered", saves it as a view and reopens it', async ({ page }) => {
  await page.getByRole('link', { name: /Voir tous les clients/ }).click();
  await page.getByRole('heading', { name: 'Voir tous les clients' }).waitFor();
  await page.getByRole('textbox', { name: 'Rechercher par nom' }).fill(unique);
  await page.waitForURL((u) => new URL(u).searchParams.get('q') === unique);
  await addFilter(page, "Numéro d'entreprise", { op: "n'est pas vide" });
  await addFilter(page, 'Assujetti à la TVA', { radio: 'Oui' });
  await addFilter(page, 'Statut PEPPOL', { op: "n'est pas", option: 'Enregistré' });
  await page.waitForURL((u) => new URL(u).searchParams.get('filter') === 'enterpriseNumber=empty=false;vatLiable==true;peppol.status!=REGISTERED');
  await page.getByRole('link', { name: clientName }).waitFor();
  await page.getByRole('button', { name: 'Enregistrer comme affichage' }).click();
  const dialog = page.getByRole('dialog', { name: 'Enregistrer comme affichage' });
  await dialog.getByRole('textbox', { name: /Nom de l'affichage/ }).fill(viewName);
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL(/[?&]view=/);
  const saved = (await state.api('GET', '/api/views')).find((v) => v.name === viewName);
  if (!saved || !saved.filter.includes('enterpriseNumber=empty=false;vatLiable==true;peppol.status!=REGISTERED')) {
    throw new Error(`the saved view is ${JSON.stringify(saved)}`);
  }
  // back to the plain list, then the view again: its filter comes back as chips
  await page.getByRole('link', { name: 'Tableau de bord' }).click();
  await page.getByRole('heading', { name: 'Tableau de bord Peppol' }).waitFor();
  await page.getByRole('link', { name: 'Clients', exact: true }).click();
  await page.getByRole('heading', { name: 'Voir tous les clients' }).waitFor();
  await page.getByRole('combobox', { name: 'Affichages de contrôle' }).click();
  await page.getByRole('option', { name: viewName, exact: true }).click();
  await page.waitForURL(new RegExp(`[?&]view=${saved.id}`));
  const chips = page.getByRole('list', { name: 'Filtres actifs' });
  for (const chip of ["Numéro d'entreprise : renseigné", 'Assujetti à la TVA : Oui', 'Statut PEPPOL : pas Enregistré']) {
    await chips.getByRole('listitem').filter({ hasText: chip }).waitFor();
  }
  await page.getByRole('link', { name: clientName }).waitFor();
});

test('chooses the columns of the list, kept in the URL', async ({ page }) => {
  await page.getByRole('button', { name: 'Colonnes', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Colonnes affichées' });
  await dialog.getByRole('textbox', { name: 'Chercher une colonne' }).fill('Assujetti');
  await dialog.getByRole('checkbox', { name: 'Assujetti TVA', exact: true }).check();
  await dialog.getByRole('button', { name: 'Appliquer' }).click();
  await page.waitForURL((u) => (new URL(u).searchParams.get('columns') ?? '').split(',').includes('vatLiable'));
  await page.getByRole('columnheader', { name: /Assujetti TVA/ }).waitFor();
  await page.getByRole('row', { name: new RegExp(clientName) }).getByRole('cell', { name: 'Oui', exact: true }).first().waitFor();
});

test('shows 20+ clients on a 1280×800 screen', async ({ page }) => {
  state.lot = [];
  for (let i = 0; i < 30; i++) {
    state.lot.push(await state.api('POST', '/api/clients', { reference: `E2E-L${i}-${unique}`, name: `${lotName} ${String(i).padStart(2, '0')}`, type: 'COMPANY', language: 'fr' }));
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${baseUrl}/clients?q=${encodeURIComponent(lotName)}&size=25`);
  await page.getByRole('link', { name: `${lotName} 24` }).waitFor();
  await page.getByText('30 clients', { exact: true }).waitFor();
  const visible = await page.evaluate(() =>
    [...document.querySelectorAll('tbody tr')].filter((r) => {
      const box = r.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    }).length,
  );
  if (visible < 20) throw new Error(`only ${visible} rows fit on 1280×800`);
  if (screenshots) await page.screenshot({ path: path.join(screenshots, 'client-list-1280.png') });
});

test('selects all matching clients and sets their receiving software in bulk; the list shows it', async ({ page }) => {
  const categories = await state.api('GET', '/api/custom-field-categories');
  const field = categories.flatMap((c) => c.fields).find((f) => f.key === 'peppol_software_receive');
  const option = field.options.find((o) => o.active);
  await page.getByRole('checkbox', { name: 'Sélectionner la page' }).check();
  await page.getByRole('button', { name: 'Sélectionner les 30 clients correspondant au filtre' }).click();
  await page.getByText('Les 30 clients correspondant au filtre sont sélectionnés').waitFor();
  await page.getByRole('button', { name: /Actions/ }).click();
  await page.getByRole('menuitem', { name: 'Editer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Modification en masse' });
  await dialog.getByRole('combobox', { name: 'Champs à modifier' }).fill('réception');
  await page.getByRole('option', { name: 'Logiciel pour la réception PEPPOL', exact: true }).click();
  await dialog.getByText('30 clients sélectionnés').click();
  await dialog.getByRole('combobox', { name: 'Logiciel pour la réception PEPPOL' }).click();
  await page.getByRole('option', { name: option.labels.fr, exact: true }).click();
  await dialog.getByRole('button', { name: 'Aperçu' }).click();
  await dialog.getByText('30 client(s) sélectionné(s), 30 seront modifié(s).').waitFor();
  await dialog.getByText(/Logiciel pour la réception PEPPOL : 0 client\(s\) ont déjà cette valeur, 0 valeur\(s\) existante\(s\) seront écrasées\./).waitFor();
  await dialog.getByRole('button', { name: 'Appliquer' }).click();
  await page.getByText('30 clients modifiés.').waitFor();
  await page.getByRole('row', { name: new RegExp(`${lotName} 00`) }).getByRole('cell', { name: option.labels.fr, exact: true }).waitFor();
  const matching = await state.api('GET', `/api/clients?size=1&filter=${encodeURIComponent(`name=like="${lotName}*";cf.peppol_software_receive==${option.key}`)}`);
  if (matching.total !== 30) throw new Error(`${matching.total} lot clients have the software`);
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('clicks a dashboard bar and lands on the list filtered to that count', async ({ page }) => {
  await page.getByRole('link', { name: 'Tableau de bord' }).click();
  const readiness = page.getByRole('region', { name: '« PEPPOL ready » ?' });
  // the chart's first bar is the legend's first entry ("Oui", "Non" or "Non renseigné" and its count)
  const first = readiness.getByRole('listitem').first();
  await first.waitFor();
  const [label, count] = (await first.getAttribute('aria-label')).split(': ');
  const filters = { Oui: 'cf.peppol_ready==true', Non: 'cf.peppol_ready==false', 'Non renseigné': 'cf.peppol_ready=empty=true' };
  await readiness.locator('.recharts-bar-rectangle').first().click();
  await page.waitForURL((u) => new URL(u).pathname === '/clients' && new URL(u).searchParams.get('filter') === `status==ACTIVE;${filters[label]}`);
  await page.getByText(new RegExp(`^${count.replace(/\D/g, '')} clients?$`)).waitFor();
  await page.getByRole('list', { name: 'Filtres actifs' }).getByRole('listitem').filter({ hasText: 'Statut : Actif' }).waitFor();
});

test('shows the Peppol refresh runs page', async ({ page }) => {
  await page.getByRole('link', { name: 'Actualisations Peppol' }).click();
  await page.getByRole('heading', { name: 'Actualisations du statut Peppol' }).waitFor();
});

/** Messages the local SMTP server (maildev) received for this address. */
async function mailTo(address) {
  const all = await (await fetch(`${maildevUrl}/email`)).json();
  return all.filter((m) => (m.to ?? []).some((t) => t.address === address));
}

async function until(what, check) {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const mailName = `E2E Courrier ${unique}`;
const mailAddress = (i) => `e2e-${unique}-${i}@example.test`;

test('sends the info email to a filtered selection from the list and sees the progress reach done', async ({ page }) => {
  state.mailClients = [];
  for (const i of [1, 2]) {
    state.mailClients.push(await state.api('POST', '/api/clients', {
      reference: `E2E-M${i}-${unique}`, name: `${mailName} ${i}`, type: 'COMPANY', language: 'fr', email: mailAddress(i),
    }));
  }
  await page.getByRole('link', { name: /Voir tous les clients/ }).click();
  await page.getByRole('heading', { name: 'Voir tous les clients' }).waitFor();
  await page.getByRole('textbox', { name: 'Rechercher par nom' }).fill(mailName);
  // the selection starts over when the search reaches the URL: select after that
  await page.waitForURL((u) => new URL(u).searchParams.get('q') === mailName);
  await page.getByRole('link', { name: `${mailName} 2` }).waitFor();
  for (const i of [1, 2]) await page.getByRole('checkbox', { name: `Sélectionner ${mailName} ${i}` }).check();
  await page.getByRole('button', { name: /Actions/ }).click();
  await page.getByRole('menuitem', { name: 'Envoyer des courriels' }).click();
  const dialog = page.getByRole('dialog', { name: 'Envoyer des courriels' });
  await dialog.waitFor();
  await dialog.getByText(`Facturation électronique via Peppol : ${mailName}`, { exact: false }).waitFor();
  await dialog.getByText('2 destinataire(s)').waitFor();
  await dialog.getByRole('button', { name: 'Envoyer' }).click();
  await dialog.getByText('Terminé', { exact: true }).waitFor();
  await dialog.getByText('2 / 2 traités').waitFor();
  await dialog.getByRole('cell', { name: 'Envoyé', exact: true }).first().waitFor();
  await until('both messages in the mailbox', async () => (await mailTo(mailAddress(1))).length === 1 && (await mailTo(mailAddress(2))).length === 1);
  const [received] = await mailTo(mailAddress(1));
  if (!received.subject.includes(`${mailName} 1`)) throw new Error(`subject ${received.subject}`);
  if (screenshots) await page.screenshot({ path: path.join(screenshots, 'send-emails.png') });
  await dialog.getByRole('button', { name: 'Fermer' }).click();
});

test('re-sends the info email from the client card beside PEPPOL ready', async ({ page }) => {
  await page.getByRole('link', { name: `${mailName} 1` }).click();
  await page.getByRole('region', { name: 'PEPPOL', exact: true }).waitFor();
  await page.getByText(/Dernier envoi : .*\(Envoyé\)/).waitFor();
  await page.getByRole('button', { name: "(Re)envoyer l'e-mail d'information" }).click();
  await until('the second message', async () => (await mailTo(mailAddress(1))).length === 2);
  const emails = await state.api('GET', `/api/clients/${state.mailClients[0].id}/emails`);
  if (emails.total !== 2) throw new Error(`the client has ${emails.total} emails`);
  await page.getByText(/Dernier envoi : .*\(Envoyé\)/).waitFor();
});

test('switches the interface and the field labels to Dutch', async ({ page }) => {
  await page.getByText('NL', { exact: true }).click();
  const peppol = page.getByRole('region', { name: 'PEPPOL', exact: true });
  await peppol.getByRole('textbox', { name: 'Opmerking(en)' }).waitFor();
  await page.getByRole('button', { name: 'Opslaan' }).first().waitFor();
  await page.getByRole('link', { name: /Alle klanten bekijken/ }).waitFor();
  if (screenshots) await page.screenshot({ path: path.join(screenshots, 'client-card-nl.png'), fullPage: true });
});

async function main() {
  if (screenshots) mkdirSync(screenshots, { recursive: true });
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'fr-BE',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  context.setDefaultTimeout(TIMEOUT);
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  let passed = 0;
  let failed = 0;
  let broken = false;
  for (const t of tests) {
    if (broken) {
      failed++;
      console.log(`SKIP ${t.name} (an earlier step failed)`);
      continue;
    }
    const started = Date.now();
    try {
      await t.fn({ page });
      passed++;
      console.log(`PASS ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      broken = true;
      console.log(`FAIL ${t.name}\n     ${String(e?.message ?? e).split('\n').join('\n     ')}`);
      if (screenshots) await page.screenshot({ path: path.join(screenshots, 'failure.png'), fullPage: true }).catch(() => {});
    }
  }
  if (consoleErrors.length) console.log(`Page errors:\n  ${consoleErrors.join('\n  ')}`);
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  console.log(`0 passed, ${tests.length} failed`);
  process.exit(1);
});
