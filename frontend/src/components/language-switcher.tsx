import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, currentLanguage, LANGUAGES, type Language } from '@/i18n';

/** `onChosen` lets the app save the choice elsewhere too (the signed-in user's profile). */
export function LanguageSwitcher({ size = 'xs', onChosen }: { size?: 'xs' | 'sm'; onChosen?: (lang: Language) => void }) {
  // useTranslation re-renders the switcher when the language changes.
  const { t } = useTranslation();
  const value = currentLanguage();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('language.label')}
      value={value}
      onChange={(v) => {
        chooseLanguage(v as Language);
        onChosen?.(v as Language);
      }}
      data={LANGUAGES.map((l) => ({ value: l, label: l.toUpperCase() }))}
    />
  );
}
