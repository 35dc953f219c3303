import { describe, expect, it } from 'vitest';
import fr from './locales/fr';
import errorCodesFr from './locales/error-codes/fr';
import lookupErrorsFr from './locales/lookup-errors/fr';

/** Every text of a locale object, with its key path. */
function texts(value: unknown, path: string[] = []): [string, string][] {
  if (typeof value === 'string') return [[path.join('.'), value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => texts(v, [...path, k]));
  return [];
}

describe('French typography', () => {
  // French puts a (narrow) no-break space before ":", ";", "?" and "!" when they end a phrase; "10:30", "https://"
  // and "{{a}}:{{b}}" are not such punctuation (nothing or no space follows them).
  it('puts a no-break space before : ; ? and !', () => {
    const wrong = [...texts(fr), ...texts(errorCodesFr), ...texts(lookupErrorsFr)].filter(([, text]) =>
      [...text.matchAll(/[:;?!](?=\s|$|[»")])/g)].some((m) => !/[\u202f\u00a0?!]/.test(text[m.index - 1] ?? '')),
    );
    expect(wrong).toEqual([]);
  });
});
