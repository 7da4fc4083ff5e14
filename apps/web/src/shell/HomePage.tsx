import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { Page } from '@sidakin/core';
import {
  IconBuildingCommunity,
  IconBuildingEstate,
  IconChecklist,
  IconClockHour4,
  IconHierarchy2,
  IconId,
  IconInfoCircle,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../auth/session';
import { useInboxCount } from '../cases/queries';
import { api, govPath } from '../lib/api';
import { formatNumber, zoneLabel } from '../lib/format';
import { govKey } from '../lib/query';
import { PageHeader } from '../ui/PageHeader';
import { useGovernment } from './government';

function useCount(governmentId: string | undefined, resource: 'agencies' | 'employees' | 'positions') {
  return useQuery({
    queryKey: [...govKey(governmentId), resource, 'count'],
    queryFn: () => api.get<Page<unknown>>(govPath(governmentId ?? '', `/${resource}`), { pageSize: 1, active: 'true' }),
    enabled: Boolean(governmentId),
    select: (page) => page.total,
  });
}

function StatCard(props: { label: string; value: number | undefined; loading: boolean; to: string; icon: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg" component={Link} to={props.to} className="sidakin-stat">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text size="sm" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.4 }}>
            {props.label}
          </Text>
          {props.loading ? (
            <Skeleton h={36} w={80} mt={6} />
          ) : (
            <Text fz={34} fw={800} c="sidakin.9" lh={1.2} data-testid={`count-${props.to}`}>
              {props.value === undefined ? '—' : formatNumber(props.value, i18n.language === 'en' ? 'en' : 'id')}
            </Text>
          )}
        </div>
        <ThemeIcon size={44} radius="md" variant="light" color="sidakin">
          {props.icon}
        </ThemeIcon>
      </Group>
      <Text size="xs" c="sidakin.7" mt="sm" fw={600}>
        {t('home.open')} →
      </Text>
    </Card>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useSession();
  const { government } = useGovernment();
  const agencies = useCount(government?.id, 'agencies');
  const employees = useCount(government?.id, 'employees');
  const positions = useCount(government?.id, 'positions');
  const inbox = useInboxCount(government?.id);

  return (
    <>
      <PageHeader title={t('home.title')} description={t('home.welcome', { name: me.user.displayName })} />
      <Stack gap="lg">
        {inbox.data ? (
          <Alert color="blue" variant="light" icon={<IconChecklist size={18} />} title={t('home.tasksTitle')}>
            {t('home.tasksBody', { count: inbox.data })}{' '}
            <Anchor component={Link} to="/tugas" fw={600} size="sm">
              {t('home.tasksOpen')}
            </Anchor>
          </Alert>
        ) : null}
        {government ? (
          <Card withBorder radius="md" padding="lg" className="sidakin-gov-card">
            <Group gap="md" wrap="nowrap" align="flex-start">
              <ThemeIcon size={48} radius="md" color="pemda" variant="filled">
                <IconBuildingEstate size={26} />
              </ThemeIcon>
              <div style={{ minWidth: 0 }}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {t('home.government')}
                </Text>
                <Title order={2} size="h3" c="sidakin.9">
                  {government.name}
                </Title>
                <Group gap={6} mt={4}>
                  <IconClockHour4 size={16} aria-hidden />
                  <Text size="sm" c="dimmed">
                    {t('home.timeZone')}: {zoneLabel(government.timeZone)} ({government.timeZone})
                  </Text>
                </Group>
              </div>
            </Group>
          </Card>
        ) : (
          <Alert
            color="sidakin"
            variant="light"
            title={t('home.noGovernmentTitle')}
            icon={<IconInfoCircle size={18} />}
          >
            {t('home.noGovernmentBody')}{' '}
            <Anchor component={Link} to="/organisasi/pemerintah">
              {t('shell.nav.governments')}
            </Anchor>
          </Alert>
        )}

        {government ? (
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
            <StatCard
              label={t('home.agencies')}
              value={agencies.data}
              loading={agencies.isLoading}
              to="/organisasi/perangkat-daerah"
              icon={<IconBuildingCommunity size={24} />}
            />
            <StatCard
              label={t('home.employees')}
              value={employees.data}
              loading={employees.isLoading}
              to="/pegawai"
              icon={<IconId size={24} />}
            />
            <StatCard
              label={t('home.positions')}
              value={positions.data}
              loading={positions.isLoading}
              to="/organisasi/jabatan"
              icon={<IconHierarchy2 size={24} />}
            />
          </SimpleGrid>
        ) : null}

        <Card withBorder radius="md" padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t('home.myPositions')}
          </Title>
          {me.positions.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('home.noPositions')}
            </Text>
          ) : (
            <Stack gap="xs">
              {me.positions.map((p) => (
                <Group key={p.positionId} gap="xs" wrap="wrap">
                  {p.acting ? (
                    <Badge color="orange" variant="light">
                      {t(`positions.badge.${p.acting}`)}
                    </Badge>
                  ) : (
                    <Badge color="sidakin" variant="light">
                      {t('positions.badge.definitive')}
                    </Badge>
                  )}
                  <Text fw={600}>{p.positionName}</Text>
                  <Text c="dimmed" size="sm">
                    {[p.unitName, p.agencyName].filter(Boolean).join(' · ')}
                  </Text>
                  {p.positionId === me.actingPositionId && me.positions.length > 1 ? (
                    <Badge color="teal" variant="dot">
                      {t('home.acting')}
                    </Badge>
                  ) : null}
                </Group>
              ))}
            </Stack>
          )}
        </Card>

        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
          {t('home.comingSoon')}
        </Alert>
      </Stack>
    </>
  );
}
