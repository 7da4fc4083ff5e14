import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { StaleWrite } from '../lib/editor';

/** Someone else saved the record first: the server's message and a button to load their version. */
export function StaleAlert({ stale, hint }: { stale: StaleWrite; hint?: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="orange"
      variant="light"
      role="alert"
      title={t('stale.title')}
      icon={<IconAlertTriangle size={18} />}
      data-testid="stale-write"
    >
      <Stack gap="xs">
        <Text size="sm">{stale.message}</Text>
        {hint ? (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        ) : null}
        <Group>
          <Button
            size="xs"
            color="orange"
            leftSection={<IconRefresh size={16} />}
            loading={stale.reloading}
            onClick={stale.reload}
          >
            {t('stale.reload')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
