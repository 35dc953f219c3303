import { Alert, type AlertProps } from '@mantine/core';
import { useErrorText } from '@/hooks/use-error-text';

/**
 * A failure as a red alert, in the current language (nothing when there is none): the one way a screen shows a
 * request that failed. Other props (title, margins, a close button) go to the Mantine Alert.
 */
export function ErrorAlert({ error, ...props }: { error: unknown } & Omit<AlertProps, 'children' | 'color' | 'role'>) {
  const errorText = useErrorText();
  if (!error) return null;
  return (
    <Alert color="red" role="alert" {...props}>
      {errorText.text(error)}
    </Alert>
  );
}
