// The SPA runs under a Content-Security-Policy without inline script. Every journey's page fails on any console
// error (fixtures.ts), which is how Chromium reports a CSP violation; this checks the policy and the page itself.
import { expect, test } from './fixtures';

test('serves the SPA under a Content-Security-Policy without inline script', async ({ api }) => {
  const response = await api.request.get('/clients/deep-link');
  expect(response.ok()).toBe(true);
  const policy = response.headers()['content-security-policy'] ?? '';
  const directives = policy.split(';').map((d) => d.trim());
  expect(directives).toContain("script-src 'self'");
  expect(directives).toContain("frame-ancestors 'none'");
  const html = await response.text();
  expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g)).toBeNull();
});
