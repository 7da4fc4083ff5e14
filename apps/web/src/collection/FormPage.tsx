import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { CollectionForm } from '@sidakin/core';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconArrowLeft,
  IconCheck,
  IconHistory,
  IconLock,
  IconSend,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../lib/api';
import { useForm as useFormState } from '../lib/form';
import { useApiMutation } from '../lib/query';
import { useFormatters } from '../shell/government';
import { DataState } from '../ui/DataState';
import { FormModal } from '../ui/FormModal';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { EntryGrid } from './EntryGrid';
import { FormImport } from './FormImport';
import { rowKey, submissionColors } from './model';
import { useWindowText } from './PeriodsPage';
import { collectionKey, formPath, useForm } from './queries';
import { ValueDrawer } from './ValueDrawer';

export function FormPage() {
  return <NeedGovernment>{(governmentId) => <FormView governmentId={governmentId} />}</NeedGovernment>;
}

function FormView({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const { periodId = '', unit = 'agency' } = useParams();
  // "Data sebelum reviu": the values as they stood at the lock, kept in the URL so it can be shared.
  const [search, setSearch] = useSearchParams();
  const asOfLock = search.get('asOf') === 'lock';
  const current = useForm(governmentId, periodId, unit);
  const before = useForm(governmentId, periodId, unit, asOfLock && current.data?.period.status === 'locked');
  const query = asOfLock && current.data?.period.status === 'locked' ? before : current;
  const { dateTime } = useFormatters();
  // `?nilai=<indicatorId>` opens that value (`&tab=riwayat` on its history): the dashboard's drill-down.
  const [openKey, setOpenKey] = useState<string | null>(() => {
    const indicatorId = search.get('nilai');
    return indicatorId ? `i:${indicatorId}:${unit}` : null;
  });
  const form = query.data;
  const allRows = form ? [...form.rows, ...form.individualRows] : [];
  const openRow = allRows.find((r) => rowKey(r) === openKey) ?? null;
  const status = form?.submission.status;
  const editable = Boolean(!form?.asOf && form?.access.enter && (status === 'draft' || status === 'returned'));
  const locked = current.data?.period.status === 'locked';

  return (
    <>
      <PageHeader
        above={
          <Anchor
            component={Link}
            to={`/pengumpulan/${periodId}`}
            size="sm"
            mb="xs"
            display="inline-flex"
            style={{ gap: 4 }}
          >
            <IconArrowLeft size={16} aria-hidden /> {form ? form.period.label : t('collection.period')}
          </Anchor>
        }
        title={form ? t('collection.formTitle', { unit: form.submission.unitName }) : t('collection.form')}
        description={form ? `${form.period.agencyName} · ${form.period.label}` : null}
        actions={form ? <FormActions governmentId={governmentId} form={form} unit={unit} editable={editable} /> : null}
      />
      <DataState loading={query.isLoading} error={query.error} empty={false}>
        {form ? (
          <Stack gap="md">
            <SubmissionBar form={form} editable={editable} />
            {form.asOf ? (
              <Alert color="grape" variant="light" icon={<IconHistory size={18} />} title={t('history.beforeReview')}>
                {t('history.beforeReviewHelp', { time: dateTime(form.asOf) })}
              </Alert>
            ) : null}
            <Card withBorder radius="md" padding="md">
              <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
                <Title order={2} size="h4">
                  {t('collection.indicators')}
                </Title>
                <Switch
                  label={t('history.beforeReview')}
                  description={locked ? undefined : t('history.beforeReviewNotLocked')}
                  disabled={!locked}
                  checked={asOfLock && locked}
                  onChange={(e) => {
                    const next = new URLSearchParams(search);
                    if (e.currentTarget.checked) next.set('asOf', 'lock');
                    else next.delete('asOf');
                    setSearch(next, { replace: true });
                  }}
                  data-testid="before-review-toggle"
                />
                {editable ? (
                  <Text size="xs" c="dimmed" visibleFrom="md">
                    {t('collection.keyboardHint')}
                  </Text>
                ) : null}
              </Group>
              <EntryGrid
                governmentId={governmentId}
                form={form}
                rows={form.rows}
                editable={editable}
                caption={t('collection.gridCaption', { unit: form.submission.unitName })}
                onOpen={(row) => setOpenKey(rowKey(row))}
              />
            </Card>
            {form.individualRows.length > 0 ? (
              <Card withBorder radius="md" padding="md">
                <Title order={2} size="h4" mb={4}>
                  {t('collection.individual')}
                </Title>
                <Text size="xs" c="dimmed" mb="sm">
                  {t('collection.individualHint')}
                </Text>
                <EntryGrid
                  governmentId={governmentId}
                  form={form}
                  rows={form.individualRows}
                  editable={editable}
                  caption={t('collection.individual')}
                  onOpen={(row) => setOpenKey(rowKey(row))}
                />
              </Card>
            ) : null}
          </Stack>
        ) : null}
      </DataState>
      {form ? (
        <ValueDrawer
          governmentId={governmentId}
          form={form}
          row={openRow}
          initialTab={search.get('tab') === 'riwayat' ? 'history' : undefined}
          canEdit={editable}
          onClose={() => setOpenKey(null)}
        />
      ) : null}
    </>
  );
}

/** Where the form stands: its state, who completed and reviewed it, why it came back, what changed. */
function SubmissionBar({ form, editable }: { form: CollectionForm; editable: boolean }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const windowText = useWindowText();
  const s = form.submission;
  const rows = [...form.rows, ...form.individualRows];
  const errors = form.rows.reduce((n, r) => n + r.errors.length, 0);
  const warnings = rows.reduce((n, r) => n + r.warnings.length, 0);
  return (
    <Stack gap="sm">
      {form.period.status === 'locked' ? (
        <Alert color="dark" variant="light" icon={<IconLock size={18} />}>
          {t('collection.lockedExplain')}
        </Alert>
      ) : !form.access.windowOpen && form.access.enter ? (
        <Alert color="orange" variant="light">
          {t('collection.windowClosedAdmin', { window: windowText(form.period) })}
        </Alert>
      ) : !form.access.windowOpen ? (
        <Alert color="orange" variant="light">
          {t('collection.windowClosed', { window: windowText(form.period) })}
        </Alert>
      ) : null}
      {s.status === 'returned' ? (
        <Alert
          color="orange"
          variant="light"
          icon={<IconArrowBackUp size={18} />}
          title={t('collection.returnedTitle')}
        >
          <Text size="sm">{s.returnReason}</Text>
          <Text size="xs" c="dimmed" mt={4}>
            {s.reviewedByName ?? ''} {s.returnedAt ? `· ${dateTime(s.returnedAt)}` : ''}
          </Text>
        </Alert>
      ) : null}
      <Card withBorder radius="md" padding="sm">
        <Group gap="lg" wrap="wrap">
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('common.status')}:
            </Text>
            <Badge color={submissionColors[s.status]} variant="light" radius="sm" data-testid="form-status">
              {t(`collection.statuses.${s.status}`)}
            </Badge>
          </Group>
          {s.completedAt ? (
            <Text size="sm">
              {t('collection.completedBy', { name: s.completedByName ?? '—', time: dateTime(s.completedAt) })}
            </Text>
          ) : null}
          {s.reviewedAt && s.status === 'approved' ? (
            <Text size="sm">
              {t('collection.approvedBy', { name: s.reviewedByName ?? '—', time: dateTime(s.reviewedAt) })}
            </Text>
          ) : null}
          {s.returnedAt && s.status !== 'returned' ? (
            <Badge color="blue" variant="light" radius="sm">
              {t('collection.changedCount', { count: s.changedSinceReturn })}
            </Badge>
          ) : null}
          <Group gap="md" ml="auto">
            <Text size="sm" c={errors ? 'red.8' : 'dimmed'} fw={errors ? 600 : 400}>
              {t('collection.errorCount', { count: errors })}
            </Text>
            <Text size="sm" c={warnings ? 'orange.9' : 'dimmed'} fw={warnings ? 600 : 400}>
              {t('collection.warningCount', { count: warnings })}
            </Text>
          </Group>
        </Group>
        {editable && errors > 0 ? (
          <Text size="xs" c="dimmed" mt={6}>
            {t('collection.errorsBlock')}
          </Text>
        ) : null}
      </Card>
    </Stack>
  );
}

function FormActions(props: { governmentId: string; form: CollectionForm; unit: string; editable: boolean }) {
  const { t } = useTranslation();
  const { form } = props;
  const [returning, returnModal] = useDisclosure(false);
  const key = [collectionKey(props.governmentId)];
  const path = (act: string) => formPath(props.governmentId, form.period.id, props.unit, `/${act}`);
  const complete = useApiMutation(() => api.post<CollectionForm>(path('complete')), {
    invalidate: key,
    successMessage: t('collection.completedNotice'),
  });
  const approve = useApiMutation(() => api.post<CollectionForm>(path('approve')), {
    invalidate: key,
    successMessage: t('collection.approvedNotice'),
  });
  const status = form.submission.status;
  const reviewable = form.access.review && status === 'completed' && form.period.status === 'open';
  return (
    <>
      {form.period.status === 'open' && form.access.enter ? (
        <FormImport governmentId={props.governmentId} form={form} unit={props.unit} canImport={props.editable} />
      ) : null}
      {props.editable ? (
        <Button
          leftSection={<IconSend size={18} />}
          loading={complete.isPending}
          onClick={() => complete.mutate(undefined)}
        >
          {t('collection.complete')}
        </Button>
      ) : null}
      {reviewable ? (
        <>
          <Button color="orange" variant="light" leftSection={<IconArrowBackUp size={18} />} onClick={returnModal.open}>
            {t('collection.return')}
          </Button>
          <Button
            color="teal"
            leftSection={<IconCheck size={18} />}
            loading={approve.isPending}
            onClick={() => approve.mutate(undefined)}
          >
            {t('collection.approve')}
          </Button>
          <ReturnModal
            governmentId={props.governmentId}
            form={form}
            unit={props.unit}
            opened={returning}
            onClose={returnModal.close}
          />
        </>
      ) : null}
    </>
  );
}

/** Returns the form with a reason, naming the values to enter again, each with its own reason. */
function ReturnModal(props: {
  governmentId: string;
  form: CollectionForm;
  unit: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const state = useFormState({ reason: '' });
  const [picked, setPicked] = useState<Record<string, string>>({});
  const rows = [...props.form.rows, ...props.form.individualRows].filter((r) => r.valueId);
  const send = useApiMutation(
    (body: unknown) =>
      api.post<CollectionForm>(formPath(props.governmentId, props.form.period.id, props.unit, '/return'), body),
    {
      invalidate: [collectionKey(props.governmentId)],
      successMessage: t('collection.returnedNotice'),
      onSuccess: () => {
        setPicked({});
        state.reset({ reason: '' });
        props.onClose();
      },
      onError: state.applyError,
    },
  );
  const missing = Object.entries(picked).find(([, reason]) => !reason.trim());
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={t('collection.returnTitle', { unit: props.form.submission.unitName })}
      submitting={send.isPending}
      formError={state.formError}
      submitLabel={t('collection.return')}
      onSubmit={() => {
        if (!state.values.reason.trim()) {
          state.setErrors({ reason: t('validation.required') });
          return;
        }
        if (missing) {
          state.setFormError(t('collection.valueReasonRequired'));
          return;
        }
        const values = Object.entries(picked).map(([valueId, reason]) => ({ valueId, reason: reason.trim() }));
        send.mutate({ reason: state.values.reason.trim(), ...(values.length ? { values } : {}) });
      }}
    >
      <Textarea label={t('collection.returnReason')} required autosize minRows={2} {...state.text('reason')} />
      <div>
        <Text size="sm" fw={500}>
          {t('collection.returnValues')}
        </Text>
        <Text size="xs" c="dimmed" mb="xs">
          {t('collection.returnValuesHint')}
        </Text>
        <Stack gap="xs">
          {rows.map((r) => {
            const id = r.valueId!;
            const checked = id in picked;
            return (
              <div key={id}>
                <Checkbox
                  label={`${r.code} — ${r.name}`}
                  checked={checked}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setPicked((prev) => {
                      const next = { ...prev };
                      if (on) next[id] = '';
                      else delete next[id];
                      return next;
                    });
                  }}
                />
                {checked ? (
                  <TextInput
                    ml={32}
                    mt={4}
                    size="sm"
                    aria-label={t('collection.valueReasonFor', { name: r.name })}
                    placeholder={t('collection.valueReason')}
                    value={picked[id] ?? ''}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setPicked((prev) => ({ ...prev, [id]: value }));
                    }}
                    leftSection={<IconAlertTriangle size={14} />}
                  />
                ) : null}
              </div>
            );
          })}
        </Stack>
      </div>
    </FormModal>
  );
}
