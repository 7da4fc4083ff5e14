import { Alert, Anchor, Badge, Button, Card, Group, Menu, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { MonitoringCycle, Page, Plan } from '@sidakin/core';
import { IconDownload, IconPlayerPlay } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileUrl } from '../cases/queries';
import { StartSopModal } from '../cases/StartSopModal';
import { formatPercent } from '../collection/model';
import { api, govPath } from '../lib/api';
import { govKey, useListParams } from '../lib/query';
import { formatDecimal, formatTarget } from '../plans/model';
import { yearChoices } from '../plans/PlansPage';
import { useFormatters } from '../shell/government';
import { DataState } from '../ui/DataState';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';

// Renstra monitoring: the cycles of a plan (one per year, run by the monitoring SOP), the analysis
// of each against the Renstra's targets, and the report.

function monitoringKey(governmentId: string) {
  return [...govKey(governmentId), 'monitoring'] as const;
}

/** A figure with the decimals it has ("78,2", "1.180"). */
const places = (v: string | null | undefined) => (v ? (v.split('.')[1]?.length ?? 0) : 0);
const decimalsOf = (t: { value: string | null; low: string | null; high: string | null } | null) =>
  t ? Math.max(places(t.value), places(t.low), places(t.high)) : 0;

const statusColor = { on_track: 'teal', behind: 'orange', unmeasured: 'gray' } as const;

export function MonitoringPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('monitoring.title')} description={t('monitoring.description')} />
      <NeedGovernment>{(governmentId) => <MonitoringView governmentId={governmentId} />}</NeedGovernment>
    </>
  );
}

function MonitoringView({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const params = useListParams();
  const planId = params.get('planId');
  const cycleId = params.get('cycle');
  const [starting, startModal] = useDisclosure(false);
  const plans = useQuery({
    queryKey: [...govKey(governmentId), 'plans', 'options'],
    queryFn: () => api.get<Page<Plan>>(govPath(governmentId, '/plans'), { pageSize: 100 }),
  });
  const cycles = useQuery({
    queryKey: [...monitoringKey(governmentId), 'cycles', planId],
    queryFn: () => api.get<{ items: MonitoringCycle[] }>(govPath(governmentId, '/monitoring-cycles'), { planId }),
  });
  const items = cycles.data?.items ?? [];
  const shown = items.find((c) => c.id === cycleId) ?? items[0] ?? null;
  const plan = (plans.data?.items ?? []).find((p) => p.id === planId) ?? null;
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t('monitoring.plan')}
            placeholder={t('monitoring.allPlans')}
            clearable
            w={{ base: '100%', sm: 420 }}
            data={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} — ${p.agencyName}` }))}
            value={planId}
            onChange={(value) => params.update({ planId: value, cycle: null })}
            comboboxProps={{ withinPortal: true }}
          />
          <Button
            ml="auto"
            variant="light"
            leftSection={<IconPlayerPlay size={18} />}
            disabled={!plan}
            onClick={startModal.open}
          >
            {t('monitoring.start')}
          </Button>
        </Group>
      </Card>
      <DataState
        loading={cycles.isLoading}
        error={cycles.error}
        empty={items.length === 0}
        emptyText={t('monitoring.empty')}
      >
        <Card withBorder radius="md" padding="md">
          <Title order={2} size="h4" mb="sm">
            {t('monitoring.cycles')}
          </Title>
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label={t('monitoring.cycles')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('monitoring.year')}</Table.Th>
                  <Table.Th>{t('monitoring.plan')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                  <Table.Th>{t('monitoring.analysedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((c) => (
                  <Table.Tr key={c.id} bg={c.id === shown?.id ? 'var(--mantine-color-sidakin-0)' : undefined}>
                    <Table.Td>
                      <Anchor component="button" fw={600} size="sm" onClick={() => params.update({ cycle: c.id })}>
                        {c.year}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.planName}</Text>
                      <Text size="xs" c="dimmed">
                        {c.agencyName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={c.status === 'closed' ? 'teal' : 'blue'} variant="light" radius="sm">
                        {t(`monitoring.statuses.${c.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.analysedAt ? dateTime(c.analysedAt) : '—'}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
        {shown ? <CycleView governmentId={governmentId} cycle={shown} /> : null}
      </DataState>
      {plan ? (
        <StartMonitoringModal governmentId={governmentId} plan={plan} opened={starting} onClose={startModal.close} />
      ) : null}
    </Stack>
  );
}

function CycleView({ governmentId, cycle }: { governmentId: string; cycle: MonitoringCycle }) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const report = (format: 'pdf' | 'xlsx') =>
    `/api${govPath(governmentId, `/monitoring-cycles/${cycle.id}/report?format=${format}`)}`;
  const lines = cycle.analysis ?? [];
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          {t('monitoring.analysis', { year: cycle.year })}
        </Title>
        <Group gap="xs">
          {cycle.formatFileId ? (
            <Button component="a" size="xs" variant="subtle" href={fileUrl(governmentId, cycle.formatFileId)}>
              {t('monitoring.format')}
            </Button>
          ) : null}
          <Menu withinPortal position="bottom-end">
            <Menu.Target>
              <Button size="xs" variant="default" leftSection={<IconDownload size={14} />}>
                {cycle.status === 'closed' ? t('monitoring.finalReport') : t('monitoring.conceptReport')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item component="a" href={report('pdf')} target="_blank" rel="noopener">
                PDF
              </Menu.Item>
              <Menu.Item component="a" href={report('xlsx')} download>
                Excel
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      {cycle.correction ? (
        <Alert color="blue" variant="light" mb="sm" title={t('monitoring.correction')}>
          {cycle.correction}
        </Alert>
      ) : null}
      {lines.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('monitoring.notAnalysed')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table aria-label={t('monitoring.analysis', { year: cycle.year })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('monitoring.indicator')}</Table.Th>
                <Table.Th ta="right">{t('monitoring.baseline')}</Table.Th>
                <Table.Th ta="right">{t('monitoring.yearTarget', { year: cycle.year })}</Table.Th>
                <Table.Th ta="right">{t('monitoring.yearActual', { year: cycle.year })}</Table.Th>
                <Table.Th ta="right">{t('monitoring.achievement')}</Table.Th>
                <Table.Th ta="right">{t('monitoring.endTarget')}</Table.Th>
                <Table.Th ta="right">{t('monitoring.progress')}</Table.Th>
                <Table.Th>{t('monitoring.judgement')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((l) => (
                <Table.Tr key={l.indicatorId}>
                  <Table.Td>
                    <Text size="xs" ff="monospace" c="dimmed">
                      {l.code}
                    </Text>
                    <Text size="sm">{l.name}</Text>
                  </Table.Td>
                  <Table.Td ta="right">{formatDecimal(l.baseline, places(l.baseline), locale)}</Table.Td>
                  <Table.Td ta="right">{formatTarget(l.yearTarget, decimalsOf(l.yearTarget), locale)}</Table.Td>
                  <Table.Td ta="right">{formatDecimal(l.yearActual, places(l.yearActual), locale)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatPercent(l.achievement, locale)}
                  </Table.Td>
                  <Table.Td ta="right">{formatTarget(l.endTarget, decimalsOf(l.endTarget), locale)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatPercent(l.fromBaseline, locale)}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[l.status]} variant="light" radius="sm">
                      {t(`monitoring.judgements.${l.status}`)}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {t('monitoring.timePassed', { pct: formatPercent(l.expected, locale) })}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

function StartMonitoringModal(props: { governmentId: string; plan: Plan; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  return (
    <StartSopModal
      governmentId={props.governmentId}
      agencyId={props.plan.agencyId}
      kind="monitoring"
      opened={props.opened}
      onClose={props.onClose}
      title={t('monitoring.startTitle', { plan: props.plan.name })}
      submitLabel={t('monitoring.startShort')}
      successMessage={t('monitoring.started')}
      noSopText={t('monitoring.noSop')}
      path={govPath(props.governmentId, '/monitoring-cycles')}
      body={(sopId) => ({ sopId, planId: props.plan.id, year: Number(year) })}
      invalidate={[monitoringKey(props.governmentId)]}
    >
      <Select
        label={t('monitoring.year')}
        required
        allowDeselect={false}
        data={yearChoices().filter(
          (y) => Number(y.value) >= props.plan.startYear && Number(y.value) <= props.plan.endYear,
        )}
        value={year}
        onChange={(v) => setYear(v ?? year)}
        comboboxProps={{ withinPortal: true }}
      />
    </StartSopModal>
  );
}
