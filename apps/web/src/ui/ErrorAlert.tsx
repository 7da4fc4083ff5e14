import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../lib/query';

/** A failed load or action, with the server's message in the user's language. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      title={title ?? t('errors.loadFailed')}
      icon={<IconAlertTriangle size={18} />}
    >
      {errorText(error)}
    </Alert>
  );
}
