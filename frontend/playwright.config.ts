import { defineConfig } from '@playwright/test';

// Browser tests against the real backend and database (scripts/test-e2e.sh starts them and sets E2E_BASE_URL),
// in Debian's Chromium. One worker: the machine has two cores and the journeys share one backend.
// Waits are generous (not sleeps): under load a screen that needs several API round trips can take seconds.
const baseURL = (process.env.E2E_BASE_URL ?? 'http://localhost:8080').replace(/\/$/, '');

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  outputDir: 'test-results',
  // `list` for people; the JSON report is what scripts/test.sh counts for its closing line.
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON_REPORT ?? 'test-results/e2e-results.json' }]],
  use: {
    baseURL,
    locale: 'fr-BE',
    timezoneId: 'Europe/Brussels',
    viewport: { width: 1280, height: 800 },
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
