import { Anchor, Card, Group, Switch, Text, Title } from '@mantine/core';
import type { PublicAchievementsSetting } from '@sidakin/core';
import { IconExternalLink, IconWorld } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, govPath } from '../lib/api';
import { govKey, useApiMutation } from '../lib/query';

/** The government setting that opens its approved achievements to the public (off by default). */
export function PublicAchievementsCard({ governmentId, canEdit }: { governmentId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const key = [...govKey(governmentId), 'public-achievements'] as const;
  const setting = useQuery({
    queryKey: key,
    queryFn: () => api.get<PublicAchievementsSetting>(govPath(governmentId, '/public-achievements')),
  });
  const save = useApiMutation(
    (enabled: boolean) =>
      api.put<PublicAchievementsSetting>(govPath(governmentId, '/public-achievements'), { enabled }),
    { invalidate: [key] },
  );
  const s = setting.data;
  const path = s ? `/publik/${s.code}` : '';
  return (
    <Card withBorder radius="md" padding="lg" mt="md" data-testid="public-achievements">
      <Group gap="xs" mb={4}>
        <IconWorld size={20} aria-hidden />
        <Title order={2} size="h4">
          {t('publicPage.setting')}
        </Title>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('publicPage.settingHelp')}
      </Text>
      <Switch
        label={t('publicPage.toggle')}
        checked={s?.enabled ?? false}
        disabled={!s || !canEdit || save.isPending}
        onChange={(e) => save.mutate(e.currentTarget.checked)}
      />
      {s ? (
        <Text size="sm" mt="sm">
          {s.enabled ? (
            <Anchor href={path} target="_blank" rel="noopener" display="inline-flex" style={{ gap: 4 }}>
              {t('publicPage.open')} <IconExternalLink size={14} aria-hidden />
            </Anchor>
          ) : null}{' '}
          <Text span ff="monospace" size="xs" c="dimmed">
            {window.location.origin}
            {path}
          </Text>
        </Text>
      ) : null}
      {save.isSuccess ? (
        <Text size="sm" c="teal.8" mt="xs" role="status">
          {save.data.enabled ? t('publicPage.turnedOn') : t('publicPage.turnedOff')}
        </Text>
      ) : null}
    </Card>
  );
}
