import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import fr from './locales/fr';
import nl from './locales/nl';
import en from './locales/en';
import errorCodesFr from './locales/error-codes/fr';
import errorCodesNl from './locales/error-codes/nl';
import errorCodesEn from './locales/error-codes/en';
import lookupErrorsFr from './locales/lookup-errors/fr';
import lookupErrorsNl from './locales/lookup-errors/nl';
import lookupErrorsEn from './locales/lookup-errors/en';

export const LANGUAGES = ['fr', 'nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'peppol-tracker.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language the user picked in this browser, if any (it wins over the profile's language). */
export function storedLanguage(): Language | undefined {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function chooseLanguage(lang: Language) {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  void i18n.changeLanguage(lang);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'fr';
}

void i18n.use(initReactI18next).init({
  // errorCodes: one text per API error code, keys with dots (`option.inactive`), read without key separator;
  // lookupErrors likewise, one per Peppol look-up error code (`lookup.smp_timeout`)
  resources: {
    fr: { translation: fr, errorCodes: errorCodesFr, lookupErrors: lookupErrorsFr },
    nl: { translation: nl, errorCodes: errorCodesNl, lookupErrors: lookupErrorsNl },
    en: { translation: en, errorCodes: errorCodesEn, lookupErrors: lookupErrorsEn },
  },
  lng: storedLanguage() ?? 'fr',
  fallbackLng: 'fr',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});

function applyToDocument(lng: string) {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lng;
  document.title = i18n.t('app.title');
}
i18n.on('languageChanged', applyToDocument);
applyToDocument(i18n.language);

export default i18n;
