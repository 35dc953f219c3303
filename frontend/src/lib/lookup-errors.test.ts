import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import i18n from '@/i18n';
import fr from '@/i18n/locales/lookup-errors/fr';
import nl from '@/i18n/locales/lookup-errors/nl';
import en from '@/i18n/locales/lookup-errors/en';
import { translateLookupError, type LookupErrorCode } from './lookup-errors';

/** Each code of openapi.yaml's PeppolLookupErrorCode with the params its English text names (`{name}`). */
function documentedCodes(): Map<string, string[]> {
  const yaml = readFileSync(path.resolve(import.meta.dirname, '../../../openapi.yaml'), 'utf8');
  const section = yaml.slice(yaml.indexOf('    PeppolLookupErrorCode:'));
  const codes = new Map<string, string[]>();
  for (const m of section.matchAll(/^\s+- `([a-z._0-9]+)`(?: \(transient\))?: (.*)$/gm)) {
    if (codes.has(m[1])) break; // the next schema's list
    codes.set(m[1], [...m[2].matchAll(/\{([a-zA-Z]+)\}/g)].map((p) => p[1]).sort());
  }
  return codes;
}

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([a-zA-Z]+)/g)].map((m) => m[1]))].sort();

describe('Peppol look-up errors in the user’s language', () => {
  it('has a text for every documented code in fr, nl and en, each naming exactly the code’s params', () => {
    const codes = documentedCodes();
    expect(codes.size).toBeGreaterThan(30);
    for (const [name, texts] of Object.entries({ fr, nl, en })) {
      expect(Object.keys(texts).sort(), name).toEqual([...codes.keys()].sort());
      for (const [code, params] of codes) expect(placeholders(texts[code as LookupErrorCode]), `${name} ${code}`).toEqual(params);
    }
  });

  it('says a code with its params, dates in the user’s format, and falls back to the English message only for an unknown code', () => {
    const expired = { error: 'the endpoint certificate expired on 2026-03-01T10:00:00Z', errorCode: 'lookup.certificate_expired' as const, errorParams: { notAfter: '2026-03-01T10:00:00Z' } };
    expect(translateLookupError(expired, i18n.getFixedT('fr'), 'fr')).toMatch(/^Le certificat du point d’accès a expiré le 1 mars 2026/);
    expect(translateLookupError(expired, i18n.getFixedT('nl'), 'nl')).toMatch(/^Het certificaat van het toegangspunt is verlopen op 1 mrt 2026/);
    const timeout = { errorCode: 'lookup.smp_timeout' as const, errorParams: { request: 'ServiceGroup', host: 'smp.example.be', seconds: 10 } };
    expect(translateLookupError(timeout, i18n.getFixedT('fr'), 'fr')).toBe('Le SMP smp.example.be n’a pas répondu dans les 10 s (ServiceGroup).');
    expect(translateLookupError(timeout, i18n.getFixedT('en'), 'en')).toBe('SMP smp.example.be did not answer within 10 s (ServiceGroup).');
    const unknown = { error: 'Something new in English', errorCode: 'lookup.from_the_future' as LookupErrorCode, errorParams: {} };
    expect(translateLookupError(unknown, i18n.getFixedT('fr'), 'fr')).toBe('Something new in English');
    expect(translateLookupError({ error: 'Recorded before codes', errorCode: null }, i18n.getFixedT('fr'), 'fr')).toBe('Recorded before codes');
    expect(translateLookupError({ error: null }, i18n.getFixedT('fr'), 'fr')).toBeUndefined();
  });
});
