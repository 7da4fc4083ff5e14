import { Center, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconDatabaseOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

/** Loading skeleton, error, empty message, or the content. */
export function DataState(props: {
  loading: boolean;
  error: unknown;
  empty: boolean;
  /** A search or filter is in effect, so "nothing matches" rather than "nothing yet". */
  filtered?: boolean;
  emptyText?: string;
  emptyAction?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (props.loading) {
    return (
      <Stack gap="xs" aria-busy="true" aria-label={t('common.loading')} py="sm">
        {[0, 1, 2, 3, 4].map((row) => (
          <Skeleton key={row} height={36} radius="sm" />
        ))}
      </Stack>
    );
  }
  if (props.error) return <ErrorAlert error={props.error} />;
  if (props.empty) {
    return (
      <Center py="xl">
        <Stack align="center" gap="xs" maw={420}>
          <ThemeIcon size={48} radius="xl" variant="light" color="gray">
            <IconDatabaseOff size={26} />
          </ThemeIcon>
          <Text fw={600}>{t('common.emptyTitle')}</Text>
          <Text c="dimmed" size="sm" ta="center">
            {props.filtered ? t('common.emptyFiltered') : (props.emptyText ?? t('common.emptyNone'))}
          </Text>
          {props.emptyAction}
        </Stack>
      </Center>
    );
  }
  return <>{props.children}</>;
}
