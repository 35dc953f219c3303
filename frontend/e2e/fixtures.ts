// The shared fixture of every browser test:
// - `page` FAILS the test on any page error (an uncaught exception) or console error. A console error that only
//   reports an HTTP answer the test provokes on purpose (the 401 of /api/auth/me before signing in, the 422 of a
//   refused edit) is allowed per test with `test.use({ allowedHttpErrors: [...] })`, naming status and URL.
// - every test starts signed in as the admin (a session made through the API) and in French, unless it says
//   otherwise with `test.use({ storageState: signedOut })`.
// - `api` calls the JSON API as the admin, for the data a journey needs and to read back what the UI wrote.
// - `expectAccessible(page)` runs axe on the screen: no serious or critical violation.
// - `screenshot(page, name)` writes docs/screenshots/<name>.png when E2E_SCREENSHOTS names a folder.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';

export { expect };

export const admin = { email: process.env.E2E_EMAIL ?? 'admin@example.com', password: process.env.E2E_PASSWORD ?? '' };
export const maildevUrl = (process.env.E2E_MAILDEV_URL ?? 'http://localhost:1080').replace(/\/$/, '');
const screenshotDir = process.env.E2E_SCREENSHOTS;
export const LANGUAGE_KEY = 'peppol-tracker.language';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
export const signedOut: StorageState = { cookies: [], origins: [] };

/** An HTTP error answer a test provokes on purpose; Chromium reports it as a console error. */
export type AllowedHttpError = { status: number; url: RegExp };

export type Api = {
  <T = unknown>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<T>;
  request: APIRequestContext;
};

/** A valid Belgian enterprise number (mod-97 check digits), random so runs never collide. */
export function randomEnterpriseNumber(): string {
  const first8 = `0${2 + Math.floor(Math.random() * 8)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  return `${first8}${String(97 - (Number(first8) % 97)).padStart(2, '0')}`;
}

/** A short token unique to this run, for names the journeys search for. */
export function uniqueToken(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

async function signedInApi(request: APIRequestContext): Promise<void> {
  const login = await request.post('/api/auth/login', { data: admin });
  if (!login.ok()) throw new Error(`API sign-in failed: ${login.status()} ${await login.text()}`);
}

function makeApi(request: APIRequestContext): Api {
  const call = async <T,>(method: string, url: string, body?: unknown): Promise<T> => {
    const response = await request.fetch(url, { method, ...(body === undefined ? {} : { data: body }) });
    const text = await response.text();
    if (!response.ok()) throw new Error(`${method} ${url} → ${response.status()} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return Object.assign(call, { request }) as Api;
}

/** Accessibility: axe finds no serious or critical violation on what the page shows now. */
export async function expectAccessible(page: Page, what = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.html.slice(0, 160)} — ${n.failureSummary ?? ''}`),
    }));
  expect(bad, `axe violations on ${what}`).toEqual([]);
}

/** Writes `<E2E_SCREENSHOTS>/<name>.png` of the viewport (1280×800), when screenshots are asked for. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  // The app's own transitions and the mouse pointer's hover state make no difference to a still picture.
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), animations: 'disabled' });
}

export const test = base.extend<
  { allowedHttpErrors: AllowedHttpError[]; api: Api },
  { adminState: StorageState; workerApi: Api }
>({
  allowedHttpErrors: [[], { option: true }],

  // One admin session per worker, made through the API; the browser starts in French whatever the profile says.
  adminState: [
    async ({ playwright }, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL!;
      const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
      await signedInApi(request);
      const state = await request.storageState();
      await request.dispose();
      await use({ ...state, origins: [{ origin: baseURL, localStorage: [{ name: LANGUAGE_KEY, value: 'fr' }] }] });
    },
    { scope: 'worker' },
  ],
  storageState: async ({ adminState }, use) => use(adminState),

  workerApi: [
    async ({ playwright }, use, workerInfo) => {
      // origin: a change made with the session cookie names its origin, as the browser does (the CSRF check)
      const baseURL = workerInfo.project.use.baseURL!;
      const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
      await signedInApi(request);
      await use(makeApi(request));
      await request.dispose();
    },
    { scope: 'worker' },
  ],
  api: async ({ workerApi }, use) => use(workerApi),

  page: async ({ page, allowedHttpErrors }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      const status = /status of (\d{3})/.exec(text)?.[1];
      const url = message.location().url ?? '';
      if (status && allowedHttpErrors.some((a) => a.status === Number(status) && a.url.test(url))) return;
      // Playwright's own scripts, refused by the email preview's sandboxed frame (microsoft/playwright#33343): the
      // frame runs no script by design, so the refusal is the harness's, not the app's
      if (url === 'about:srcdoc' && text.startsWith("Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed")) return;
      problems.push(`console error: ${text}${url ? ` (${url})` : ''}`);
    });
    await use(page);
    expect(problems, 'page errors and console errors').toEqual([]);
  },
});
