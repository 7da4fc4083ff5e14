import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  MultiSelect,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type CollectionCompleteness, type CollectionPeriod, updateCollectionPeriodBody } from '@sidakin/core';
import {
  IconArrowLeft,
  IconCalendarEvent,
  IconDownload,
  IconLock,
  IconPencil,
  IconPlayerPlay,
  IconTable,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isAdmin, useSession } from '../auth/session';
import { StartSopModal } from '../cases/StartSopModal';
import { StartCorrectionModal } from '../corrections/StartCorrectionModal';
import { api } from '../lib/api';
import { useForm } from '../lib/form';
import { useApiMutation } from '../lib/query';
import { useFormatters } from '../shell/government';
import { ConfirmModal } from '../ui/ConfirmModal';
import { DataState } from '../ui/DataState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { FormModal } from '../ui/FormModal';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { formHref, submissionColors } from './model';
import { PeriodPhaseBadge, useWindowText } from './PeriodsPage';
import { collectionKey, periodPath, useCompleteness, usePeriodCases } from './queries';

export function PeriodPage() {
  return <NeedGovernment>{(governmentId) => <PeriodView governmentId={governmentId} />}</NeedGovernment>;
}

/** Share of required values entered, in whole percent. */
function percentOf(entered: number, required: number): number {
  return required === 0 ? 100 : Math.floor((entered / required) * 100);
}

function PeriodView({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const { periodId = '' } = useParams();
  const me = useSession();
  const admin = isAdmin(me.user.role);
  const windowText = useWindowText();
  const completeness = useCompleteness(governmentId, periodId);
  const [locking, lockModal] = useDisclosure(false);
  const [editing, editModal] = useDisclosure(false);
  const [starting, startModal] = useDisclosure(false);
  const [correcting, correctModal] = useDisclosure(false);
  const data = completeness.data;
  const period = data?.period;
  const lock = useApiMutation(() => api.post<CollectionPeriod>(periodPath(governmentId, periodId, '/lock')), {
    invalidate: [collectionKey(governmentId)],
    successMessage: t('collection.lockedNotice'),
    onSuccess: lockModal.close,
  });
  const reportUrl = (format: 'pdf' | 'xlsx') => `/api${periodPath(governmentId, periodId, `/report?format=${format}`)}`;
  const changesUrl = (format: 'pdf' | 'xlsx') =>
    `/api${periodPath(governmentId, periodId, `/locked-changes?format=${format}`)}`;

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to="/pengumpulan" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
            <IconArrowLeft size={16} aria-hidden /> {t('collection.backToPeriods')}
          </Anchor>
        }
        title={period ? period.label : t('collection.period')}
        description={
          period ? (
            <Group gap="xs" component="span" wrap="wrap">
              <span>{period.agencyName}</span>
              <span aria-hidden>·</span>
              <span>
                {t('collection.window')}: {windowText(period)}
              </span>
              <PeriodPhaseBadge period={period} />
            </Group>
          ) : null
        }
        actions={
          period ? (
            <>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" leftSection={<IconDownload size={18} />}>
                    {t('collection.report')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item component="a" href={reportUrl('pdf')} target="_blank" rel="noopener">
                    {t('collection.reportPdf')}
                  </Menu.Item>
                  <Menu.Item component="a" href={reportUrl('xlsx')} download>
                    {t('collection.reportXlsx')}
                  </Menu.Item>
                  {period.status === 'locked' ? (
                    <>
                      <Menu.Divider />
                      <Menu.Label>{t('history.changesReport')}</Menu.Label>
                      <Menu.Item component="a" href={changesUrl('pdf')} target="_blank" rel="noopener">
                        {t('history.changesReportPdf')}
                      </Menu.Item>
                      <Menu.Item component="a" href={changesUrl('xlsx')} download>
                        {t('history.changesReportXlsx')}
                      </Menu.Item>
                    </>
                  ) : null}
                </Menu.Dropdown>
              </Menu>
              {period.status === 'open' ? (
                <Button variant="light" leftSection={<IconPlayerPlay size={18} />} onClick={startModal.open}>
                  {t('collection.startSop')}
                </Button>
              ) : (
                <Button variant="light" leftSection={<IconPencil size={18} />} onClick={correctModal.open}>
                  {t('corrections.startButton')}
                </Button>
              )}
              {admin && period.status === 'open' ? (
                <>
                  <Button variant="default" leftSection={<IconCalendarEvent size={18} />} onClick={editModal.open}>
                    {t('collection.editWindow')}
                  </Button>
                  <Button color="dark" leftSection={<IconLock size={18} />} onClick={lockModal.open}>
                    {t('collection.lock')}
                  </Button>
                </>
              ) : null}
            </>
          ) : null
        }
      />
      {completeness.error ? <ErrorAlert error={completeness.error} /> : null}
      {period?.status === 'locked' ? (
        <Alert color="dark" variant="light" icon={<IconLock size={18} />} mb="md">
          {t('collection.lockedExplain')}
        </Alert>
      ) : null}
      <DataState loading={completeness.isLoading} error={null} empty={false}>
        {data ? <CompletenessView data={data} /> : null}
      </DataState>
      <LinkedCases governmentId={governmentId} periodId={periodId} />
      {period ? (
        <>
          <ConfirmModal
            opened={locking}
            onClose={lockModal.close}
            title={t('collection.lockTitle', { label: period.label })}
            body={t('collection.lockBody')}
            confirmLabel={t('collection.lock')}
            confirmColor="dark"
            loading={lock.isPending}
            onConfirm={() => lock.mutate(undefined)}
          />
          <WindowModal governmentId={governmentId} period={period} opened={editing} onClose={editModal.close} />
          <StartCollectionModal
            governmentId={governmentId}
            period={period}
            units={(data?.units ?? []).flatMap((u) => (u.unitId ? [{ value: u.unitId, label: u.unitName }] : []))}
            opened={starting}
            onClose={startModal.close}
          />
          <StartCorrectionModal
            governmentId={governmentId}
            period={period}
            units={(data?.units ?? []).flatMap((u) => (u.unitId ? [{ value: u.unitId, label: u.unitName }] : []))}
            opened={correcting}
            onClose={correctModal.close}
          />
        </>
      ) : null}
    </>
  );
}

function CompletenessView({ data }: { data: CollectionCompleteness }) {
  const { t } = useTranslation();
  const percent = percentOf(data.entered, data.required);
  const approved = data.units.filter((u) => u.status === 'approved').length;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder radius="md" padding="md">
          <Text size="sm" c="dimmed">
            {t('collection.entered')}
          </Text>
          <Text fz={28} fw={700} c="sidakin.9">
            {percent} %
          </Text>
          <Progress value={percent} mt={6} aria-label={t('collection.entered')} />
          <Text size="xs" c="dimmed" mt={6}>
            {t('collection.enteredOf', { entered: data.entered, required: data.required })}
          </Text>
        </Card>
        <Card withBorder radius="md" padding="md">
          <Text size="sm" c="dimmed">
            {t('collection.unitsApproved')}
          </Text>
          <Text fz={28} fw={700} c="sidakin.9">
            {approved} / {data.units.length}
          </Text>
        </Card>
        <Card withBorder radius="md" padding="md">
          <Text size="sm" c="dimmed">
            {t('collection.problems')}
          </Text>
          <Group gap="lg" mt={4}>
            <div>
              <Text fz={28} fw={700} c="red.8">
                {data.units.reduce((n, u) => n + u.errors, 0)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('collection.errors')}
              </Text>
            </div>
            <div>
              <Text fz={28} fw={700} c="orange.8">
                {data.units.reduce((n, u) => n + u.warnings, 0)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('collection.warnings')}
              </Text>
            </div>
          </Group>
        </Card>
      </SimpleGrid>
      <Card withBorder radius="md" padding="md">
        <Title order={2} size="h4" mb="sm">
          {t('collection.perUnit')}
        </Title>
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label={t('collection.perUnit')} highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('collection.unit')}</Table.Th>
                <Table.Th w={200}>{t('collection.entered')}</Table.Th>
                <Table.Th ta="right">{t('collection.errors')}</Table.Th>
                <Table.Th ta="right">{t('collection.warnings')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.units.map((u) => {
                const p = percentOf(u.entered, u.required);
                const action =
                  u.canEnter && (u.status === 'draft' || u.status === 'returned') && data.period.status === 'open'
                    ? 'enter'
                    : u.canReview && u.status === 'completed' && data.period.status === 'open'
                      ? 'review'
                      : 'view';
                return (
                  <Table.Tr key={u.unitId ?? 'agency'}>
                    <Table.Td>
                      <Anchor component={Link} to={formHref(data.period.id, u.unitId)} size="sm" fw={600}>
                        {u.unitName}
                      </Anchor>
                      {u.unitId === null ? (
                        <Text size="xs" c="dimmed">
                          {t('collection.agencyForm')}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Progress value={p} w={90} aria-hidden color={p === 100 ? 'teal' : 'sidakin'} />
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {u.entered}/{u.required}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" c={u.errors ? 'red.8' : 'dimmed'} fw={u.errors ? 600 : 400}>
                        {u.errors}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" c={u.warnings ? 'orange.8' : 'dimmed'} fw={u.warnings ? 600 : 400}>
                        {u.warnings}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={submissionColors[u.status]} variant="light" radius="sm">
                        {t(`collection.statuses.${u.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button
                        component={Link}
                        to={formHref(data.period.id, u.unitId)}
                        size="xs"
                        variant={action === 'view' ? 'subtle' : 'light'}
                        leftSection={<IconTable size={14} aria-hidden />}
                        aria-label={`${t(`collection.formActions.${action}`)} — ${u.unitName}`}
                      >
                        {t(`collection.formActions.${action}`)}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Card withBorder radius="md" padding="md">
        <Title order={2} size="h4" mb="sm">
          {t('collection.perIndicator')}
        </Title>
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label={t('collection.perIndicator')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>{t('collection.code')}</Table.Th>
                <Table.Th>{t('collection.indicator')}</Table.Th>
                <Table.Th w={180}>{t('collection.entered')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.indicators.map((i) => (
                <Table.Tr key={i.indicatorId}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {i.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{i.name}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Progress value={percentOf(i.entered, i.required)} w={80} aria-hidden />
                      <Text size="sm">
                        {i.entered}/{i.required}
                      </Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    </Stack>
  );
}

function LinkedCases({ governmentId, periodId }: { governmentId: string; periodId: string }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const cases = usePeriodCases(governmentId, periodId);
  const items = cases.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="md" mt="md">
      <Title order={2} size="h4" mb="sm">
        {t('collection.cases')}
      </Title>
      <DataState
        loading={cases.isLoading}
        error={cases.error}
        empty={items.length === 0}
        emptyText={t('collection.noCases')}
      >
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label={t('collection.cases')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.columns.number')}</Table.Th>
                <Table.Th>{t('cases.columns.sop')}</Table.Th>
                <Table.Th>{t('cases.columns.started')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/kasus/${c.id}`} size="sm" fw={600}>
                      {t('cases.numberShort', { number: c.number })}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.sopTitle}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{dateTime(c.startedAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" radius="sm" color={c.status === 'open' ? 'blue' : 'gray'}>
                      {t(`cases.status.${c.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </DataState>
    </Card>
  );
}

function WindowModal(props: { governmentId: string; period: CollectionPeriod; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm({ label: props.period.label, opensOn: props.period.opensOn, closesOn: props.period.closesOn });
  const save = useApiMutation(
    (body: unknown) => api.patch<CollectionPeriod>(periodPath(props.governmentId, props.period.id), body),
    {
      invalidate: [collectionKey(props.governmentId)],
      successMessage: t('common.saved'),
      onSuccess: props.onClose,
      onError: form.applyError,
    },
  );
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={t('collection.editWindow')}
      submitting={save.isPending}
      formError={form.formError}
      stale={
        form.stale
          ? {
              message: form.stale,
              reloading: false,
              reload: () => {
                void client.invalidateQueries({ queryKey: collectionKey(props.governmentId) });
                props.onClose();
              },
            }
          : null
      }
      onSubmit={() => {
        const body = form.validate(updateCollectionPeriodBody, {
          ...form.values,
          expectedUpdatedAt: props.period.updatedAt,
        });
        if (body) save.mutate(body);
      }}
    >
      <TextInput label={t('collection.label')} required {...form.text('label')} />
      <Group grow align="flex-start">
        <TextInput type="date" label={t('collection.opensOn')} required {...form.text('opensOn')} />
        <TextInput type="date" label={t('collection.closesOn')} required {...form.text('closesOn')} />
      </Group>
    </FormModal>
  );
}

/** Starts the agency's collection SOP for the period; the units in scope default to those that answer. */
function StartCollectionModal(props: {
  governmentId: string;
  period: CollectionPeriod;
  /** The units that answer for indicators in the period: the default scope. */
  units: { value: string; label: string }[];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [unitIds, setUnitIds] = useState<string[]>([]);
  return (
    <StartSopModal
      governmentId={props.governmentId}
      agencyId={props.period.agencyId}
      kind="collection"
      opened={props.opened}
      onClose={props.onClose}
      title={t('collection.startSopTitle', { label: props.period.label })}
      submitLabel={t('collection.start')}
      successMessage={t('collection.started')}
      noSopText={t('collection.noCollectionSop')}
      path={periodPath(props.governmentId, props.period.id, '/cases')}
      body={(sopId) => ({ sopId, ...(unitIds.length ? { unitIds } : {}) })}
      invalidate={[collectionKey(props.governmentId)]}
      intro={<Text size="sm">{t('collection.startSopHint')}</Text>}
    >
      <MultiSelect
        label={t('collection.scope')}
        description={t('collection.scopeHint')}
        placeholder={unitIds.length ? undefined : t('collection.allUnits')}
        data={props.units}
        value={unitIds}
        onChange={setUnitIds}
        clearable
        comboboxProps={{ withinPortal: true }}
      />
    </StartSopModal>
  );
}
