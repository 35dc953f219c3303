import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { translatedFieldError, translatedFieldErrors, translateError, type LabelOf } from '@/lib/error-messages';

/**
 * What a screen shows for a failure, in the current language: `text(error)` for a banner or alert (network errors,
 * server errors and each field error with its label), `field(error, name)` for the message under one field.
 * `fields(error)` every field's message by the field the API names. `labelOf` gives the labels of fields the screen knows (custom fields by `customFields.<key>`).
 */
export function useErrorText(labelOf?: LabelOf) {
  const { t } = useTranslation();
  const text = useCallback((error: unknown) => translateError(error, t, labelOf), [t, labelOf]);
  const field = useCallback((error: unknown, ...names: string[]) => translatedFieldError(error, t, labelOf, ...names), [t, labelOf]);
  const fields = useCallback((error: unknown) => translatedFieldErrors(error, t, labelOf), [t, labelOf]);
  return { text, field, fields };
}
