import { Alert, type AlertProps } from '@mantine/core';
import { useErrorText } from '@/hooks/use-error-text';
import type { LabelOf } from '@/lib/error-messages';

/**
 * A failure as a red alert, in the current language (nothing when there is none): the one way a screen shows a
 * request that failed. `labelOf` names the screen's fields (as useErrorText); other props (title, margins, a close
 * button) go to the Mantine Alert.
 */
export function ErrorAlert({ error, labelOf, ...props }: { error: unknown; labelOf?: LabelOf } & Omit<AlertProps, 'children' | 'color' | 'role'>) {
  const errorText = useErrorText(labelOf);
  if (!error) return null;
  return (
    <Alert color="red" role="alert" {...props}>
      {errorText.text(error)}
    </Alert>
  );
}
