import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, currentLanguage, LANGUAGES, type Language } from '@/i18n';

export function LanguageSwitcher({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  // useTranslation re-renders the switcher when the language changes.
  const { t } = useTranslation();
  const value = currentLanguage();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('language.label')}
      value={value}
      onChange={(v) => chooseLanguage(v as Language)}
      data={LANGUAGES.map((l) => ({ value: l, label: l.toUpperCase() }))}
    />
  );
}
