import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { MeasurementRun, MeasurementRunSummary } from '@sidakin/core';
import { IconDownload, IconPlayerPlay, IconRefresh, IconSettings, IconShieldCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../auth/session';
import { StartSopModal } from '../cases/StartSopModal';
import { formatPercent } from '../collection/model';
import { api, govPath } from '../lib/api';
import { govKey, useApiMutation, useListParams } from '../lib/query';
import { AgencySelect } from '../org/selects';
import { formatDecimal } from '../plans/model';
import { yearChoices } from '../plans/PlansPage';
import { useFormatters } from '../shell/government';
import { DataState } from '../ui/DataState';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';

/** Every measurement query starts with this key; a run invalidates it. */
function measurementKey(governmentId: string) {
  return [...govKey(governmentId), 'measurement'] as const;
}

export function MeasurementPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('measurement.title')} description={t('measurement.description')} />
      <NeedGovernment>{(governmentId) => <MeasurementView governmentId={governmentId} />}</NeedGovernment>
    </>
  );
}

function MeasurementView({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const canSet =
    me.user.role === 'system_admin' || (me.user.role === 'gov_admin' && me.user.governmentId === governmentId);
  const params = useListParams();
  const agencyId = params.get('agencyId');
  const year = params.get('year') ?? String(new Date().getFullYear() - 1);
  const runId = params.get('run');
  const [starting, startModal] = useDisclosure(false);
  const runs = useQuery({
    queryKey: [...measurementKey(governmentId), 'runs', agencyId, year],
    queryFn: () =>
      api.get<{ items: MeasurementRunSummary[] }>(govPath(governmentId, '/measurement-runs'), { agencyId, year }),
    enabled: Boolean(agencyId),
  });
  const items = runs.data?.items ?? [];
  const shown = runId ?? items.find((r) => r.current)?.id ?? null;
  const measure = useApiMutation(
    () => api.post<MeasurementRun>(govPath(governmentId, '/measurement-runs'), { agencyId, year: Number(year) }),
    {
      invalidate: [measurementKey(governmentId)],
      successMessage: t('measurement.measured'),
      onSuccess: () => params.update({ run: null }),
    },
  );
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <AgencySelect
            label={t('measurement.agency')}
            w={{ base: '100%', sm: 300 }}
            value={agencyId}
            onChange={(value) => params.update({ agencyId: value, run: null })}
          />
          <Select
            label={t('measurement.year')}
            w={{ base: '100%', sm: 130 }}
            data={yearChoices()}
            value={year}
            allowDeselect={false}
            onChange={(value) => params.update({ year: value, run: null })}
            comboboxProps={{ withinPortal: true }}
          />
          <Group gap="xs" ml="auto">
            {canSet ? (
              <Button
                component={Link}
                to={`/organisasi/pemerintah/${governmentId}?bagian=pengukuran`}
                variant="subtle"
                leftSection={<IconSettings size={18} />}
              >
                {t('measurement.settings')}
              </Button>
            ) : null}
            <Button
              variant="light"
              leftSection={<IconPlayerPlay size={18} />}
              disabled={!agencyId}
              onClick={startModal.open}
            >
              {t('measurement.startSop')}
            </Button>
            <Button
              leftSection={<IconRefresh size={18} />}
              disabled={!agencyId}
              loading={measure.isPending}
              onClick={() => measure.mutate(undefined)}
            >
              {t('measurement.measureNow')}
            </Button>
          </Group>
        </Group>
      </Card>
      {!agencyId ? (
        <Alert color="blue" variant="light">
          {t('measurement.chooseAgency')}
        </Alert>
      ) : (
        <DataState
          loading={runs.isLoading}
          error={runs.error}
          empty={items.length === 0}
          emptyText={t('measurement.noRuns')}
        >
          {shown ? <RunView governmentId={governmentId} runId={shown} /> : null}
          <RunHistory items={items} shown={shown} onShow={(id) => params.update({ run: id })} />
        </DataState>
      )}
      {agencyId ? (
        <StartMeasurementModal
          governmentId={governmentId}
          agencyId={agencyId}
          year={Number(year)}
          opened={starting}
          onClose={startModal.close}
        />
      ) : null}
    </Stack>
  );
}

function CategoryBadge({ run, category }: { run: MeasurementRun; category: string | null }) {
  const { i18n } = useTranslation();
  if (!category)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const band = run.method.scale.bands.find((b) => b.key === category);
  return (
    <Badge color={band?.color ?? 'gray'} variant="light" radius="sm">
      {band ? (i18n.language === 'en' ? band.label.en : band.label.id) : category}
    </Badge>
  );
}

function RunView({ governmentId, runId }: { governmentId: string; runId: string }) {
  const { t, i18n } = useTranslation();
  const { locale, dateTime } = useFormatters();
  const [check, setCheck] = useState<{ identical: boolean; inputsIntact: boolean } | null>(null);
  const run = useQuery({
    queryKey: [...measurementKey(governmentId), 'run', runId],
    queryFn: () => api.get<MeasurementRun>(govPath(governmentId, `/measurement-runs/${runId}`)),
  });
  const reproduce = useApiMutation(
    () =>
      api.get<{ identical: boolean; inputsIntact: boolean }>(
        govPath(governmentId, `/measurement-runs/${runId}/reproduce`),
      ),
    { onSuccess: setCheck },
  );
  const r = run.data;
  const own = r ? (r.results.find((a) => a.unitId === null) ?? r.results[0]) : undefined;
  const budget = own?.result.agency.budget;
  const en = i18n.language === 'en';
  const doc = (kind: string, format: 'pdf' | 'xlsx') =>
    `/api${govPath(governmentId, `/measurement-runs/${runId}/documents/${kind}?format=${format}`)}`;
  return (
    <DataState loading={run.isLoading} error={run.error} empty={false}>
      {r ? (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Card withBorder radius="md" padding="md">
              <Text size="sm" c="dimmed">
                {t('measurement.agencyAchievement')}
              </Text>
              <Text fz={30} fw={700} c="sidakin.9" data-testid="agency-achievement">
                {formatPercent(r.agencyAchievement, locale)}
              </Text>
              <CategoryBadge run={r} category={r.agencyCategory} />
              {budget?.absorption != null ? (
                <Text size="xs" c="dimmed" mt={6} data-testid="agency-budget">
                  {t('measurement.budgetLine', {
                    absorption: formatPercent(budget.absorption, locale),
                    efficiency: formatDecimal(budget.efficiency ?? '', 2, locale) || '—',
                  })}
                </Text>
              ) : null}
            </Card>
            <Card withBorder radius="md" padding="md">
              <Text size="sm" c="dimmed">
                {t('measurement.run')}
              </Text>
              <Text fw={700}>
                {t('measurement.runNo', { no: r.runNo })}{' '}
                {r.current ? (
                  <Badge color="teal" variant="light" radius="sm">
                    {t('measurement.current')}
                  </Badge>
                ) : (
                  <Badge color="gray" variant="light" radius="sm">
                    {t('measurement.superseded')}
                  </Badge>
                )}
              </Text>
              <Text size="xs" c="dimmed">
                {dateTime(r.createdAt)} · {r.createdByName} · {t(`measurement.triggers.${r.trigger}`)}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace" mt={4} title={r.inputsSha256}>
                SHA-256 {r.inputsSha256.slice(0, 16)}…
              </Text>
            </Card>
            <Card withBorder radius="md" padding="md">
              <Text size="sm" c="dimmed">
                {t('measurement.method')}
              </Text>
              <Text size="sm">{en ? r.method.scale.name.en : r.method.scale.name.id}</Text>
              <Text size="xs" c="dimmed">
                {t('measurement.methodLine', { engine: r.method.engine, decimals: r.method.decimals })}
              </Text>
              <Group gap="xs" mt="xs">
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconShieldCheck size={14} />}
                  loading={reproduce.isPending}
                  onClick={() => reproduce.mutate(undefined)}
                >
                  {t('measurement.reproduce')}
                </Button>
                <Menu withinPortal position="bottom-end">
                  <Menu.Target>
                    <Button size="xs" variant="default" leftSection={<IconDownload size={14} />}>
                      {t('measurement.documents')}
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {(['kertas-kerja', 'rekapitulasi', 'laporan', 'lkjip'] as const).map((kind) => (
                      <div key={kind}>
                        <Menu.Label>{t(`measurement.docs.${kind}`)}</Menu.Label>
                        <Menu.Item component="a" href={doc(kind, 'pdf')} target="_blank" rel="noopener">
                          PDF
                        </Menu.Item>
                        <Menu.Item component="a" href={doc(kind, 'xlsx')} download>
                          Excel
                        </Menu.Item>
                      </div>
                    ))}
                  </Menu.Dropdown>
                </Menu>
              </Group>
              {check ? (
                <Text size="xs" mt={6} c={check.identical && check.inputsIntact ? 'teal.8' : 'red.8'} role="status">
                  {check.identical && check.inputsIntact ? t('measurement.reproduced') : t('measurement.notReproduced')}
                </Text>
              ) : null}
            </Card>
          </SimpleGrid>
          {r.results.map((a) => (
            <Card key={a.agreementId} withBorder radius="md" padding="md">
              <Group justify="space-between" mb="sm" wrap="wrap">
                <Title order={2} size="h4">
                  {a.unitId
                    ? (r.names.units[a.unitId] ?? '—')
                    : t('measurement.agencyAgreement', { name: r.agencyName })}
                </Title>
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {formatPercent(a.result.agency.value, locale)}
                  </Text>
                  <CategoryBadge run={r} category={a.result.agency.category} />
                </Group>
              </Group>
              <Table.ScrollContainer minWidth={900}>
                <Table
                  aria-label={t('measurement.indicatorsOf', {
                    name: a.unitId ? r.names.units[a.unitId] : r.agencyName,
                  })}
                >
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('measurement.indicator')}</Table.Th>
                      {['I', 'II', 'III', 'IV'].map((q) => (
                        <Table.Th key={q} ta="right" w={84}>
                          {t('measurement.quarter', { q })}
                        </Table.Th>
                      ))}
                      <Table.Th ta="right" w={100}>
                        {t('measurement.yearActual')}
                      </Table.Th>
                      <Table.Th ta="right" w={90}>
                        {t('measurement.achievement')}
                      </Table.Th>
                      <Table.Th w={120}>{t('measurement.category')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {a.result.indicators.map((i) => {
                      const n = r.names.indicators[i.id];
                      return (
                        <Table.Tr key={i.id}>
                          <Table.Td>
                            <Text size="xs" ff="monospace" c="dimmed">
                              {n?.code}
                            </Text>
                            <Text size="sm">{n?.name ?? i.id}</Text>
                          </Table.Td>
                          {i.quarters.map((q, qi) => (
                            <Table.Td key={['q1', 'q2', 'q3', 'q4'][qi]} ta="right">
                              <Text
                                size="sm"
                                c={q.achievement === null ? 'dimmed' : undefined}
                                style={{ whiteSpace: 'nowrap' }}
                              >
                                {formatPercent(q.achievement, locale)}
                              </Text>
                            </Table.Td>
                          ))}
                          <Table.Td ta="right">
                            <Text size="sm">
                              {i.annual.actual === null
                                ? '—'
                                : `${formatDecimal(i.annual.actual, n?.decimals ?? 2, locale)} ${n?.unitOfMeasure ?? ''}`}
                            </Text>
                            {!i.annual.complete ? (
                              <Text size="xs" c="orange.8">
                                {t('measurement.incomplete')}
                              </Text>
                            ) : null}
                          </Table.Td>
                          <Table.Td ta="right">
                            <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                              {formatPercent(i.annual.achievement, locale)}
                            </Text>
                            {i.annual.reason ? (
                              <Text size="xs" c="dimmed">
                                {t(`measurement.reasons.${i.annual.reason}` as 'measurement.reasons.no_actual')}
                              </Text>
                            ) : null}
                          </Table.Td>
                          <Table.Td>
                            <CategoryBadge run={r} category={i.annual.category} />
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Card>
          ))}
        </Stack>
      ) : null}
    </DataState>
  );
}

function RunHistory(props: { items: MeasurementRunSummary[]; shown: string | null; onShow: (id: string) => void }) {
  const { t } = useTranslation();
  const { locale, dateTime } = useFormatters();
  return (
    <Card withBorder radius="md" padding="md" mt="md">
      <Title order={2} size="h4" mb="sm">
        {t('measurement.history')}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label={t('measurement.history')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('measurement.run')}</Table.Th>
              <Table.Th>{t('measurement.when')}</Table.Th>
              <Table.Th>{t('measurement.why')}</Table.Th>
              <Table.Th ta="right">{t('measurement.agencyAchievement')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.items.map((r) => (
              <Table.Tr key={r.id} bg={r.id === props.shown ? 'var(--mantine-color-sidakin-0)' : undefined}>
                <Table.Td>
                  <Anchor component="button" size="sm" fw={600} onClick={() => props.onShow(r.id)}>
                    {t('measurement.runNo', { no: r.runNo })}
                  </Anchor>{' '}
                  {r.current ? (
                    <Badge color="teal" variant="light" radius="sm" size="sm">
                      {t('measurement.current')}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{dateTime(r.createdAt)}</Text>
                  <Text size="xs" c="dimmed">
                    {r.createdByName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`measurement.triggers.${r.trigger}`)}</Text>
                  {r.reason ? (
                    <Text size="xs" c="dimmed">
                      {r.reason}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{formatPercent(r.agencyAchievement, locale)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function StartMeasurementModal(props: {
  governmentId: string;
  agencyId: string;
  year: number;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <StartSopModal
      governmentId={props.governmentId}
      agencyId={props.agencyId}
      kind="measurement"
      opened={props.opened}
      onClose={props.onClose}
      title={t('measurement.startSopTitle', { year: props.year })}
      submitLabel={t('measurement.start')}
      successMessage={t('measurement.started')}
      noSopText={t('measurement.noSop')}
      path={govPath(props.governmentId, '/measurement-cycles')}
      body={(sopId) => ({ sopId, agencyId: props.agencyId, year: props.year })}
      invalidate={[measurementKey(props.governmentId)]}
    />
  );
}
