import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Card,
  Group,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { Dashboard, DashboardIndicator } from '@sidakin/core';
import { IconAlertTriangle, IconChartBar, IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatPercent } from '../collection/model';
import { api, govPath } from '../lib/api';
import { govKey, useListParams } from '../lib/query';
import { formatDecimal } from '../plans/model';
import { yearChoices } from '../plans/PlansPage';
import { useFormatters } from '../shell/government';
import { DataState } from '../ui/DataState';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { CategoryBadge, formatDays, formatTarget, historyLink, latestDrill, quarterDrill, quarterNames } from './model';

export function DashboardPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('dashboard.title')} description={t('dashboard.description')} />
      <NeedGovernment>{(governmentId) => <DashboardView governmentId={governmentId} />}</NeedGovernment>
    </>
  );
}

function DashboardView({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const params = useListParams();
  const agencyId = params.get('agencyId');
  const year = params.get('year') ?? String(new Date().getFullYear());
  const query = useQuery({
    queryKey: [...govKey(governmentId), 'dashboard', year, agencyId],
    queryFn: () => api.get<Dashboard>(govPath(governmentId, '/dashboard'), { year, agencyId }),
    placeholderData: (previous) => previous,
  });
  const d = query.data;
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t('dashboard.agency')}
            w={{ base: '100%', sm: 320 }}
            data={[
              { value: '', label: t('dashboard.allAgencies') },
              ...(d?.agencies ?? []).map((a) => ({ value: a.id, label: a.name })),
            ]}
            value={agencyId ?? ''}
            allowDeselect={false}
            onChange={(value) => params.update({ agencyId: value || null })}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('dashboard.year')}
            w={{ base: '100%', sm: 130 }}
            data={yearChoices()}
            value={year}
            allowDeselect={false}
            onChange={(value) => params.update({ year: value })}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
      </Card>
      <DataState loading={query.isLoading} error={query.error} empty={false}>
        {d ? (
          d.agencies.length === 0 ? (
            <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
              {t('dashboard.noAgencies')}
            </Alert>
          ) : (
            <DashboardCards d={d} />
          )
        ) : null}
      </DataState>
    </Stack>
  );
}

function CardTitle({ children, help }: { children: ReactNode; help?: string }) {
  return (
    <div>
      <Title order={2} size="h4">
        {children}
      </Title>
      {help ? (
        <Text size="xs" c="dimmed">
          {help}
        </Text>
      ) : null}
    </div>
  );
}

function ApprovedBadge({ approved }: { approved: boolean }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={approved ? t('dashboard.approvedHelp') : t('dashboard.notApprovedHelp')} withArrow>
      <Badge color={approved ? 'teal' : 'yellow'} variant="light" radius="sm">
        {approved ? t('dashboard.approved') : t('dashboard.notApproved')}
      </Badge>
    </Tooltip>
  );
}

const measurementLink = (d: Dashboard, agencyId: string, runId: string) =>
  `/pengukuran?agencyId=${agencyId}&year=${d.year}&run=${runId}`;

/** A figure of an agency's run (an objective, a unit): its achievement, linked to the run, and its category. */
function RunFigure(props: { d: Dashboard; agencyId: string; achievement: string | null; category: string | null }) {
  const { locale } = useFormatters();
  const runId = props.d.runs.find((r) => r.agencyId === props.agencyId)?.runId ?? '';
  return (
    <Group gap={6} wrap="nowrap">
      <Anchor
        component={Link}
        to={measurementLink(props.d, props.agencyId, runId)}
        size="sm"
        fw={600}
        style={{ whiteSpace: 'nowrap' }}
      >
        {formatPercent(props.achievement, locale)}
      </Anchor>
      <CategoryBadge bands={props.d.bands} category={props.category} />
    </Group>
  );
}

function DashboardCards({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const measured = d.runs.length > 0;
  return (
    <Stack gap="md" data-testid="dashboard">
      {measured ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {d.runs.map((r) => (
              <RunCard key={r.runId} d={d} run={r} />
            ))}
          </SimpleGrid>
          {d.unmeasured.length > 0 ? (
            <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
              {t('dashboard.unmeasured', { names: d.unmeasured.map((a) => a.name).join(', ') })}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <ObjectivesCard d={d} />
            <PeriodsCard d={d} />
          </SimpleGrid>
          <IndicatorsCard d={d} />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <RankCard d={d} title={t('dashboard.weakest')} items={d.weakest} testId="weakest" />
            <RankCard d={d} title={t('dashboard.strongest')} items={d.strongest} testId="strongest" />
          </SimpleGrid>
          <UnitsCard d={d} />
        </>
      ) : (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconChartBar size={18} />}
          title={t('dashboard.noMeasurement', { year: d.year })}
          data-testid="no-measurement"
        >
          <Text size="sm">{t('dashboard.noMeasurementHelp')}</Text>
          <Anchor component={Link} to={`/pengukuran?year=${d.year}`} size="sm">
            {t('dashboard.openMeasurement')}
          </Anchor>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <CompletenessCard d={d} />
        <TimelinessCard d={d} />
      </SimpleGrid>
      <OverdueCard d={d} />
    </Stack>
  );
}

function RunCard({ d, run }: { d: Dashboard; run: Dashboard['runs'][number] }) {
  const { t } = useTranslation();
  const { locale, dateTime } = useFormatters();
  return (
    <Card withBorder radius="md" padding="md">
      <Text size="sm" c="dimmed" lineClamp={2}>
        {t('dashboard.agencyAchievement', { name: run.agencyName })}
      </Text>
      <Anchor
        component={Link}
        to={measurementLink(d, run.agencyId, run.runId)}
        fz={30}
        fw={700}
        c="sidakin.9"
        data-testid="agency-achievement"
      >
        {formatPercent(run.achievement, locale)}
      </Anchor>
      <Group gap="xs" mt={4}>
        <CategoryBadge bands={d.bands} category={run.category} />
        <ApprovedBadge approved={run.approved} />
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {t('dashboard.runLine', { no: run.runNo, time: dateTime(run.createdAt) })}
      </Text>
    </Card>
  );
}

/** A short label for a chart axis: the code, or the first words of the name. */
function shortLabel(code: string, name: string): string {
  if (code) return code;
  return name.length > 24 ? `${name.slice(0, 22)}…` : name;
}

function ObjectivesCard({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const data = d.objectives
    .filter((o) => o.achievement !== null)
    .map((o) => ({ label: shortLabel(o.code, o.name), capaian: Number(o.achievement) }));
  return (
    <Card withBorder radius="md" padding="md">
      <CardTitle>{t('dashboard.byObjective')}</CardTitle>
      {data.length > 0 ? (
        <BarChart
          mt="md"
          h={220}
          data={data}
          dataKey="label"
          series={[{ name: 'capaian', label: t('dashboard.achievement'), color: 'sidakin.6' }]}
          valueFormatter={(v) => `${v.toLocaleString(locale === 'en' ? 'en-US' : 'id-ID')} %`}
          tickLine="y"
          referenceLines={[{ y: 100, color: 'gray.5', label: '100 %' }]}
        />
      ) : null}
      <Stack gap={4} mt="sm">
        {d.objectives.map((o) => (
          <Group key={`${o.agencyId}:${o.nodeId}`} justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm" style={{ minWidth: 0 }} lineClamp={2}>
              {o.code ? (
                <Text span ff="monospace" c="dimmed" size="xs">
                  {o.code}{' '}
                </Text>
              ) : null}
              {o.name}
            </Text>
            <RunFigure d={d} agencyId={o.agencyId} achievement={o.achievement} category={o.category} />
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

function PeriodsCard({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const data = d.periods.map((p, at) => ({
    label: t('dashboard.quarter', { q: quarterNames[at] }),
    capaian: p.achievement === null ? null : Number(p.achievement),
  }));
  return (
    <Card withBorder radius="md" padding="md">
      <CardTitle help={t('dashboard.byPeriodHelp')}>{t('dashboard.byPeriod')}</CardTitle>
      <LineChart
        mt="md"
        h={220}
        data={data}
        dataKey="label"
        series={[{ name: 'capaian', label: t('dashboard.achievement'), color: 'sidakin.6' }]}
        valueFormatter={(v) => `${v.toLocaleString(locale === 'en' ? 'en-US' : 'id-ID')} %`}
        connectNulls={false}
        curveType="linear"
      />
      <SimpleGrid cols={4} mt="sm" spacing="xs">
        {d.periods.map((p, at) => (
          <div key={p.period}>
            <Text size="xs" c="dimmed">
              {t('dashboard.quarter', { q: quarterNames[at] })}
            </Text>
            <Text size="sm" fw={600}>
              {formatPercent(p.achievement, locale)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Card>
  );
}

/** A figure that opens the value's history and evidence. */
function HistoryLink({ i, q, children }: { i: DashboardIndicator; q?: number; children: ReactNode }) {
  const { t } = useTranslation();
  const drill = q === undefined ? latestDrill(i) : quarterDrill(i, q);
  if (!drill) return <>{children}</>;
  return (
    <Anchor
      component={Link}
      to={historyLink(drill, i.indicatorId)}
      size="sm"
      aria-label={t('dashboard.historyOf', { name: i.name, period: drill.label })}
      title={t('dashboard.historyOf', { name: i.name, period: drill.label })}
    >
      {children}
    </Anchor>
  );
}

/** On a phone each indicator is a small card (the table would hide its achievement off-screen). */
function IndicatorList({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  return (
    <Stack gap="xs" mt="sm" aria-label={t('dashboard.indicatorsCaption', { year: d.year })}>
      {d.indicators.map((i) => (
        <Box
          key={`${i.runId}:${i.unitId}:${i.indicatorId}`}
          p="xs"
          style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-sm)' }}
        >
          <Text size="xs" ff="monospace" c="dimmed">
            {i.code}
          </Text>
          <Text size="sm" fw={500}>
            {i.name}
          </Text>
          <Text size="xs" c="dimmed">
            {i.unitId ? i.unitName : t('dashboard.agencyOwn', { name: i.agencyName })}
          </Text>
          <Group justify="space-between" mt={6} gap="xs" wrap="nowrap">
            <Text size="xs">
              {t('dashboard.target')} {formatTarget(i.target, i.decimals, locale)} · {t('dashboard.actual')}{' '}
              <HistoryLink i={i}>{formatDecimal(i.actual, i.decimals, locale)}</HistoryLink> {i.unitOfMeasure}
            </Text>
            <Group gap={6} wrap="nowrap">
              <HistoryLink i={i}>
                <Text span fw={700} size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatPercent(i.achievement, locale)}
                </Text>
              </HistoryLink>
              <CategoryBadge bands={d.bands} category={i.category} />
            </Group>
          </Group>
          <SimpleGrid cols={4} spacing={4} mt={4}>
            {i.quarters.map((q, at) => (
              <Text key={quarterNames[at]} size="xs" c="dimmed">
                {t('dashboard.quarter', { q: quarterNames[at] })}{' '}
                <HistoryLink i={i} q={at}>
                  <Text span size="xs" style={{ whiteSpace: 'nowrap' }}>
                    {formatPercent(q, locale)}
                  </Text>
                </HistoryLink>
              </Text>
            ))}
          </SimpleGrid>
        </Box>
      ))}
    </Stack>
  );
}

function IndicatorsCard({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const phone = useMediaQuery('(max-width: 48em)');
  const many = new Set(d.indicators.map((i) => i.agencyId)).size > 1;
  if (phone)
    return (
      <Card withBorder radius="md" padding="md">
        <CardTitle>{t('dashboard.indicators')}</CardTitle>
        <IndicatorList d={d} />
      </Card>
    );
  return (
    <Card withBorder radius="md" padding="md">
      <CardTitle>{t('dashboard.indicators')}</CardTitle>
      <Table.ScrollContainer minWidth={1000} mt="sm">
        <Table aria-label={t('dashboard.indicatorsCaption', { year: d.year })} striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboard.indicator')}</Table.Th>
              <Table.Th>{t('dashboard.unit')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.target')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.actual')}</Table.Th>
              {quarterNames.map((q) => (
                <Table.Th key={q} ta="right" w={80}>
                  {t('dashboard.quarter', { q })}
                </Table.Th>
              ))}
              <Table.Th ta="right">{t('dashboard.achievement')}</Table.Th>
              <Table.Th>{t('dashboard.category')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.indicators.map((i) => (
              <Table.Tr key={`${i.runId}:${i.unitId}:${i.indicatorId}`}>
                <Table.Td>
                  <Text size="xs" ff="monospace" c="dimmed">
                    {i.code}
                  </Text>
                  <Text size="sm">{i.name}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{i.unitId ? i.unitName : t('dashboard.agencyOwn', { name: i.agencyName })}</Text>
                  {many && i.unitId ? (
                    <Text size="xs" c="dimmed">
                      {i.agencyName}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatTarget(i.target, i.decimals, locale)} {i.unitOfMeasure}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <HistoryLink i={i}>{formatDecimal(i.actual, i.decimals, locale)}</HistoryLink>
                </Table.Td>
                {i.quarters.map((q, at) => (
                  <Table.Td key={quarterNames[at]} ta="right">
                    <HistoryLink i={i} q={at}>
                      <Text span size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {formatPercent(q, locale)}
                      </Text>
                    </HistoryLink>
                  </Table.Td>
                ))}
                <Table.Td ta="right">
                  <HistoryLink i={i}>
                    <Text span fw={600} size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatPercent(i.achievement, locale)}
                    </Text>
                  </HistoryLink>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <CategoryBadge bands={d.bands} category={i.category} />
                    {!i.approved ? (
                      <Tooltip label={t('dashboard.notApprovedHelp')} withArrow>
                        <IconAlertTriangle
                          size={14}
                          color="var(--mantine-color-yellow-7)"
                          aria-label={t('dashboard.notApproved')}
                        />
                      </Tooltip>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function RankCard({
  d,
  title,
  items,
  testId,
}: {
  d: Dashboard;
  title: string;
  items: DashboardIndicator[];
  testId: string;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  return (
    <Card withBorder radius="md" padding="md" data-testid={testId}>
      <CardTitle>{title}</CardTitle>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('dashboard.noneMeasured')}
        </Text>
      ) : (
        <Stack gap="xs" mt="sm">
          {items.map((i) => (
            <Group key={`${i.runId}:${i.unitId}:${i.indicatorId}`} justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" lineClamp={2}>
                  {i.name}
                </Text>
                <Text size="xs" c="dimmed" truncate="end">
                  {i.unitName}
                </Text>
              </div>
              <Group gap={6} wrap="nowrap">
                <HistoryLink i={i}>
                  <Text span fw={600} size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatPercent(i.achievement, locale)}
                  </Text>
                </HistoryLink>
                <CategoryBadge bands={d.bands} category={i.category} />
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function UnitsCard({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md">
      <CardTitle>{t('dashboard.byUnit')}</CardTitle>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="sm" spacing="sm">
        {d.units.map((u) => (
          <Group
            key={`${u.agencyId}:${u.unitId}`}
            justify="space-between"
            wrap="nowrap"
            gap="xs"
            p="xs"
            style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-sm)' }}
          >
            <Text size="sm" lineClamp={2} style={{ minWidth: 0 }}>
              {u.unitId ? u.unitName : t('dashboard.agencyOwn', { name: u.agencyName })}
            </Text>
            <RunFigure d={d} agencyId={u.agencyId} achievement={u.achievement} category={u.category} />
          </Group>
        ))}
      </SimpleGrid>
    </Card>
  );
}

function CompletenessCard({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const many = new Set(d.completeness.map((c) => c.agencyId)).size > 1;
  return (
    <Card withBorder radius="md" padding="md" data-testid="completeness">
      <CardTitle help={t('dashboard.completenessHelp')}>{t('dashboard.completeness')}</CardTitle>
      {d.completeness.length === 0 ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('dashboard.noPeriods')}
        </Text>
      ) : (
        <Stack gap="md" mt="sm">
          {d.completeness.map((p) => (
            <div key={p.periodId}>
              <Group justify="space-between" gap="xs" mb={4}>
                <Anchor component={Link} to={`/pengumpulan/${p.periodId}`} size="sm" fw={600}>
                  {many ? `${p.agencyName} · ${p.label}` : p.label}
                </Anchor>
                <Group gap={6}>
                  <Text size="xs" c="dimmed">
                    {t('dashboard.entered', { entered: p.entered, required: p.required })}
                  </Text>
                  <Badge size="xs" variant="light" color={p.status === 'locked' ? 'dark' : 'blue'}>
                    {p.status === 'locked' ? t('dashboard.locked') : t('dashboard.open')}
                  </Badge>
                </Group>
              </Group>
              <Stack gap={4}>
                {p.units.map((u) => {
                  const pct = u.required === 0 ? 100 : Math.round((u.entered / u.required) * 100);
                  return (
                    <Group key={`${p.periodId}:${u.unitId}`} gap="xs" wrap="nowrap">
                      <Anchor
                        component={Link}
                        to={`/pengumpulan/${p.periodId}/formulir/${u.unitId ?? 'agency'}`}
                        size="xs"
                        w={{ base: 120, sm: 180 }}
                        truncate="end"
                        title={u.unitName}
                      >
                        {u.unitName}
                      </Anchor>
                      <Progress
                        value={pct}
                        color={pct === 100 ? 'teal' : pct >= 50 ? 'yellow' : 'red'}
                        style={{ flex: 1 }}
                        aria-label={`${u.unitName}: ${u.entered}/${u.required}`}
                      />
                      <Text size="xs" w={48} ta="right">
                        {u.entered}/{u.required}
                      </Text>
                    </Group>
                  );
                })}
              </Stack>
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function TimelinessCard({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const tl = d.timeliness;
  const onTimePct = tl.done === 0 ? 0 : Math.round((tl.onTime / tl.done) * 100);
  return (
    <Card withBorder radius="md" padding="md" data-testid="timeliness">
      <CardTitle help={t('dashboard.timelinessHelp', { year: d.year })}>{t('dashboard.timeliness')}</CardTitle>
      {tl.done === 0 ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('dashboard.noTasks')}
        </Text>
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }} mt="sm" spacing="xs">
            <Figure label={t('dashboard.done')} value={String(tl.done)} />
            <Figure label={t('dashboard.onTime')} value={`${tl.onTime} (${onTimePct} %)`} color="teal.8" />
            <Figure label={t('dashboard.late')} value={String(tl.late)} color={tl.late > 0 ? 'red.8' : undefined} />
            <Figure
              label={t('dashboard.avgVersus')}
              value={`${formatDays(tl.avgActualDays, t, locale)} / ${formatDays(tl.avgStandardDays, t, locale)}`}
            />
          </SimpleGrid>
          <Progress.Root size="lg" mt="sm" aria-label={t('dashboard.onTime')}>
            <Progress.Section value={onTimePct} color="teal" />
            <Progress.Section value={100 - onTimePct} color="red" />
          </Progress.Root>
          <Table.ScrollContainer minWidth={480} mt="sm">
            <Table fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dashboard.sop')}</Table.Th>
                  <Table.Th ta="right">{t('dashboard.onTime')}</Table.Th>
                  <Table.Th ta="right">{t('dashboard.late')}</Table.Th>
                  <Table.Th ta="right">{t('dashboard.avgActual')}</Table.Th>
                  <Table.Th ta="right">{t('dashboard.avgStandard')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tl.bySop.map((s) => (
                  <Table.Tr key={`${s.sopId}:${s.agencyName}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/sop/${s.sopId}`} size="sm">
                        {s.sopTitle}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {s.agencyName}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{s.onTime}</Table.Td>
                    <Table.Td ta="right" c={s.late > 0 ? 'red.8' : undefined}>
                      {s.late}
                    </Table.Td>
                    <Table.Td ta="right">{formatDays(s.avgActualDays, t, locale)}</Table.Td>
                    <Table.Td ta="right">{formatDays(s.avgStandardDays, t, locale)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Card>
  );
}

function Figure({ label, value, color }: { label: string; value: string; color?: string | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} c={color}>
        {value}
      </Text>
    </div>
  );
}

function OverdueCard({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const { locale, dateTime } = useFormatters();
  const items = d.timeliness.overdue;
  return (
    <Card withBorder radius="md" padding="md" data-testid="overdue">
      <CardTitle>{t('dashboard.overdue')}</CardTitle>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('dashboard.overdueNone')}
        </Text>
      ) : (
        <Stack gap="xs" mt="sm" aria-label={t('dashboard.overdueCaption')}>
          {items.map((o) => (
            <Group
              key={o.taskId}
              justify="space-between"
              wrap="wrap"
              gap="xs"
              p="xs"
              style={{ border: '1px solid var(--mantine-color-red-2)', borderRadius: 'var(--mantine-radius-sm)' }}
            >
              <div style={{ minWidth: 0, flex: 1 }}>
                <Anchor component={Link} to={`/kasus/${o.caseId}`} size="sm" fw={600}>
                  {t('dashboard.caseStep', { number: o.caseNumber, step: o.stepNo })}
                </Anchor>
                <Text size="sm" lineClamp={2}>
                  {o.stepText}
                </Text>
                <Text size="xs" c="dimmed">
                  {o.caseSubject} · {o.agencyName}
                </Text>
              </div>
              <div>
                <Badge color="red" variant="light">
                  {t('dashboard.overdueBy', { time: formatDays(o.overdueDays, t, locale) })}
                </Badge>
                <Text size="xs" c="dimmed" ta="right">
                  {t('dashboard.due')}: {dateTime(o.dueAt)}
                </Text>
              </div>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
