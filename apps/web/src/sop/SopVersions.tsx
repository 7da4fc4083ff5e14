import { Alert, Button, Card, Group, List, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArchive,
  IconCircleCheck,
  IconGitCompare,
  IconPlayerPlay,
  IconSignature,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanEdit } from '../auth/session';
import { ApiError, fieldOfPath, isApiError } from '../lib/api';
import { todayIn } from '../lib/format';
import { errorText } from '../lib/query';
import { ActingBadge } from '../org/PositionCells';
import { useFormatters } from '../shell/government';
import { ConfirmModal } from '../ui/ConfirmModal';
import { DataState } from '../ui/DataState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { FormModal } from '../ui/FormModal';
import type { OrderedLane, SopDetail, SopVersion } from './model';
import { useSopDiff, useVersionAction } from './queries';
import { SopStatusBadge } from './SopBadges';
import { SopDiffTable } from './SopDiff';

type Pending = { kind: 'approve' | 'effective' | 'retire'; version: SopVersion } | null;

/** The versions of an SOP with what may be done to each, and the comparison of two versions. */
export function SopVersions(props: { governmentId: string; detail: SopDetail; lanes: OrderedLane[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const canManage = useCanEdit();
  const { detail } = props;
  const [pending, setPending] = useState<Pending>(null);
  const versions = [...detail.versions].sort((a, b) => b.version - a.version);
  const close = () => setPending(null);

  return (
    <Stack gap="lg">
      <Card withBorder radius="md" padding="md">
        <Title order={2} size="h4" mb={4}>
          {t('sop.versions.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('sop.versions.intro')}
        </Text>
        <ul className="sop-versions" data-testid="sop-versions" aria-label={t('sop.versions.title')}>
          {versions.map((v) => {
            const labelId = `sop-version-${v.version}`;
            return (
              <li
                key={v.id}
                className="sop-version"
                aria-labelledby={labelId}
                data-version={v.version}
                data-status={v.status}
              >
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="xs">
                  <div>
                    <Group gap="xs" wrap="nowrap">
                      <Title order={3} size="h5" id={labelId}>
                        {t('sop.versions.version', { version: v.version })}
                      </Title>
                      <SopStatusBadge status={v.status} />
                    </Group>
                    <Text size="xs" c="dimmed" mt={2}>
                      {t('sop.versions.created')}: {f.dateTime(v.createdAt)}
                    </Text>
                  </div>
                  <div>
                    <Text size="xs" c="dimmed" fw={600}>
                      {t('sop.versions.approvedBy')}
                    </Text>
                    {v.approvedByName ? (
                      <>
                        <Group gap={6} wrap="nowrap">
                          {v.approvedActing ? <ActingBadge assignment={{ kind: v.approvedActing }} /> : null}
                          <Text size="sm" fw={500}>
                            {v.approvedByName}
                          </Text>
                        </Group>
                        <Text size="xs" c="dimmed" data-testid="approver-position">
                          {v.approvedByPositionName}
                        </Text>
                      </>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('sop.versions.notApproved')}
                      </Text>
                    )}
                  </div>
                  <div>
                    <Text size="xs" c="dimmed" fw={600}>
                      {t('sop.versions.dates')}
                    </Text>
                    {v.approvedOn ? (
                      <Text size="sm">{t('sop.versions.approvedOn', { date: f.date(v.approvedOn) })}</Text>
                    ) : null}
                    {v.effectiveFrom ? (
                      <Text size="sm">{t('sop.versions.effectiveFrom', { date: f.date(v.effectiveFrom) })}</Text>
                    ) : null}
                    {v.retiredOn ? (
                      <Text size="sm">{t('sop.versions.retiredOn', { date: f.date(v.retiredOn) })}</Text>
                    ) : null}
                    {!v.approvedOn && !v.effectiveFrom && !v.retiredOn ? (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    ) : null}
                  </div>
                  <Group gap="xs" justify="flex-end" align="center" className="sop-version-actions">
                    {v.status === 'draft' ? (
                      <Button
                        size="sm"
                        leftSection={<IconSignature size={16} />}
                        aria-describedby={labelId}
                        onClick={() => setPending({ kind: 'approve', version: v })}
                      >
                        {t('sop.versions.approve')}
                      </Button>
                    ) : null}
                    {v.status === 'approved' && canManage ? (
                      <Button
                        size="sm"
                        color="teal"
                        leftSection={<IconPlayerPlay size={16} />}
                        aria-describedby={labelId}
                        onClick={() => setPending({ kind: 'effective', version: v })}
                      >
                        {t('sop.versions.makeEffective')}
                      </Button>
                    ) : null}
                    {v.status === 'effective' && canManage ? (
                      <Button
                        size="sm"
                        color="red"
                        variant="light"
                        leftSection={<IconArchive size={16} />}
                        aria-describedby={labelId}
                        onClick={() => setPending({ kind: 'retire', version: v })}
                      >
                        {t('sop.versions.retire')}
                      </Button>
                    ) : null}
                  </Group>
                </SimpleGrid>
              </li>
            );
          })}
        </ul>
      </Card>

      <CompareCard governmentId={props.governmentId} detail={detail} lanes={props.lanes} />

      {pending?.kind === 'approve' ? (
        <ApproveModal governmentId={props.governmentId} detail={detail} version={pending.version} onClose={close} />
      ) : null}
      {pending?.kind === 'effective' ? (
        <EffectiveModal governmentId={props.governmentId} detail={detail} version={pending.version} onClose={close} />
      ) : null}
      {pending?.kind === 'retire' ? (
        <RetireModal governmentId={props.governmentId} detail={detail} version={pending.version} onClose={close} />
      ) : null}
    </Stack>
  );
}

interface ActionModalProps {
  governmentId: string;
  detail: SopDetail;
  version: SopVersion;
  onClose: () => void;
}

/** Sahkan: offered to everyone; the server decides who is the head of the agency (or their Plt/Plh). */
function ApproveModal(props: ActionModalProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const approve = useVersionAction(props.governmentId, props.detail.id, 'approve', {
    successMessage: t('sop.versions.approved', { version: props.version.version }),
    onSuccess: props.onClose,
    onError: setError,
  });
  return (
    <ConfirmModal
      opened
      onClose={props.onClose}
      title={t('sop.versions.approveTitle', { version: props.version.version })}
      body={t('sop.versions.approveBody', { agency: props.detail.agencyName })}
      confirmLabel={t('sop.versions.approve')}
      confirmColor="sidakin"
      loading={approve.isPending}
      alert={error ? <ErrorAlert error={error} title={t('sop.versions.actionFailed')} /> : null}
      onConfirm={() => {
        setError(null);
        approve.mutate({ versionId: props.version.id });
      }}
    />
  );
}

/** Berlakukan: from a date not before the approval; every lane must have a holder. */
function EffectiveModal(props: ActionModalProps) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { version } = props;
  const [date, setDate] = useState(() => {
    const today = todayIn(f.timeZone);
    return version.approvedOn && version.approvedOn > today ? version.approvedOn : today;
  });
  const [dateError, setDateError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const effective = useVersionAction<{ effectiveFrom: string }>(props.governmentId, props.detail.id, 'make-effective', {
    successMessage: t('sop.versions.madeEffective', { version: version.version, date: f.date(date) }),
    onSuccess: props.onClose,
    onError: (e) => {
      if (e instanceof ApiError) {
        const atDate = e.details.find((d) => fieldOfPath(d.path) === 'effectiveFrom');
        if (atDate) {
          setDateError(atDate.message);
          return;
        }
      }
      setError(e);
    },
  });
  const unresolved = isApiError(error, 'SOP_LANES_UNRESOLVED') ? error.details : [];
  return (
    <FormModal
      opened
      onClose={props.onClose}
      title={t('sop.versions.effectiveTitle', { version: version.version })}
      submitLabel={t('sop.versions.makeEffective')}
      submitting={effective.isPending}
      formError={null}
      size="md"
      onSubmit={() => {
        setError(null);
        setDateError(null);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
          setDateError(t('validation.date'));
          return;
        }
        effective.mutate({ versionId: version.id, body: { effectiveFrom: date } });
      }}
    >
      {error ? (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} />}>
          <Text size="sm">{errorText(error)}</Text>
          {unresolved.length > 0 ? (
            <>
              <Text size="sm" fw={600} mt="xs">
                {t('sop.versions.unresolved')}
              </Text>
              <List size="sm" mt={4}>
                {unresolved.map((d) => (
                  <List.Item key={d.path}>{d.message}</List.Item>
                ))}
              </List>
            </>
          ) : null}
        </Alert>
      ) : null}
      <Text size="sm">{t('sop.versions.effectiveBody')}</Text>
      <TextInput
        type="date"
        required
        label={t('sop.versions.effectiveFromLabel')}
        description={
          version.approvedOn ? t('sop.versions.effectiveFromHint', { date: f.date(version.approvedOn) }) : undefined
        }
        value={date}
        min={version.approvedOn ?? undefined}
        onChange={(event) => {
          setDate(event.currentTarget.value);
          setDateError(null);
        }}
        error={dateError}
        w={{ base: '100%', sm: 240 }}
      />
    </FormModal>
  );
}

function RetireModal(props: ActionModalProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const retire = useVersionAction(props.governmentId, props.detail.id, 'retire', {
    successMessage: t('sop.versions.retired', { version: props.version.version }),
    onSuccess: props.onClose,
    onError: setError,
  });
  return (
    <ConfirmModal
      opened
      onClose={props.onClose}
      title={t('sop.versions.retireTitle', { version: props.version.version })}
      body={t('sop.versions.retireBody')}
      confirmLabel={t('sop.versions.retire')}
      loading={retire.isPending}
      alert={error ? <ErrorAlert error={error} title={t('sop.versions.actionFailed')} /> : null}
      onConfirm={() => {
        setError(null);
        retire.mutate({ versionId: props.version.id });
      }}
    />
  );
}

/** Bandingkan: two versions chosen, their differences listed readably. */
function CompareCard(props: { governmentId: string; detail: SopDetail; lanes: OrderedLane[] }) {
  const { t } = useTranslation();
  const numbers = props.detail.versions.map((v) => v.version).sort((a, b) => a - b);
  const newest = numbers[numbers.length - 1] ?? 1;
  const [from, setFrom] = useState<string | null>(String(numbers[numbers.length - 2] ?? newest));
  const [to, setTo] = useState<string | null>(String(newest));
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  const diff = useSopDiff(props.governmentId, props.detail.id, pair);
  const options = [...numbers].reverse().map((n) => {
    const v = props.detail.versions.find((x) => x.version === n);
    return {
      value: String(n),
      label: `${t('sop.versions.version', { version: n })} · ${v ? t(`sop.status.${v.status}`) : ''}`,
    };
  });
  const same = from !== null && from === to;
  return (
    <Card withBorder radius="md" padding="md">
      <Group gap="xs" mb="sm">
        <IconGitCompare size={20} aria-hidden />
        <Title order={2} size="h4">
          {t('sop.versions.compareTitle')}
        </Title>
      </Group>
      {numbers.length < 2 ? (
        <Text size="sm" c="dimmed">
          {t('sop.versions.compareOne')}
        </Text>
      ) : (
        <Stack gap="md">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (from && to && !same) setPair({ from: Number(from), to: Number(to) });
            }}
          >
            <Group align="flex-end" gap="sm" wrap="wrap">
              <Select
                label={t('sop.versions.compareFrom')}
                data={options}
                value={from}
                onChange={setFrom}
                allowDeselect={false}
                w={{ base: '100%', sm: 220 }}
                comboboxProps={{ withinPortal: true }}
              />
              <Select
                label={t('sop.versions.compareTo')}
                data={options}
                value={to}
                onChange={setTo}
                allowDeselect={false}
                w={{ base: '100%', sm: 220 }}
                comboboxProps={{ withinPortal: true }}
                error={same ? t('sop.versions.compareSame') : undefined}
              />
              <Button type="submit" leftSection={<IconGitCompare size={16} />} disabled={same}>
                {t('sop.versions.compare')}
              </Button>
            </Group>
          </form>
          {pair ? (
            <DataState loading={diff.isLoading} error={diff.error} empty={false}>
              {diff.data ? (
                diff.data.changes.length === 0 ? (
                  <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />}>
                    {t('sop.versions.noChanges')}
                  </Alert>
                ) : (
                  <SopDiffTable diff={diff.data} lanes={props.lanes} />
                )
              ) : null}
            </DataState>
          ) : null}
        </Stack>
      )}
    </Card>
  );
}
