import { Group, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  type Agreement,
  type AgreementDetail,
  type AgreementIndicator,
  assignmentKinds,
  quarters,
  type Signatory,
  type Warning,
} from '@sidakin/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../lib/api';
import { useForm } from '../lib/form';
import { todayIn } from '../lib/format';
import { i18n } from '../lib/i18n';
import { useApiMutation } from '../lib/query';
import { PositionSelect } from '../org/selects';
import { EmployeeSelect } from '../people/EmployeeSelect';
import { useGovernment } from '../shell/government';
import { FormModal } from '../ui/FormModal';
import { decimalToSend, editableDecimal, quarterLabels } from './model';
import { placeServerErrors } from './PlanForms';
import { agreementPath, agreementsKey, useLocale, usePlanTree } from './queries';

/** Fetches the latest agreement after a refused stale write and hands it to the form. */
function useReload(governmentId: string, agreementId: string, onLoaded: (latest: AgreementDetail) => void) {
  const client = useQueryClient();
  const [reloading, setReloading] = useState(false);
  return {
    reloading,
    reload: async () => {
      setReloading(true);
      try {
        await client.invalidateQueries({ queryKey: agreementsKey(governmentId) });
        onLoaded(await api.get<AgreementDetail>(agreementPath(governmentId, agreementId)));
      } finally {
        setReloading(false);
      }
    },
  };
}

/** Reads the number fields named in `keys`; messages land at the fields that cannot be read. */
function readDecimals(
  values: Record<string, string>,
  keys: string[],
  locale: 'id' | 'en',
): { values: Record<string, string | undefined>; errors: Record<string, string> } {
  const out: Record<string, string | undefined> = {};
  const errors: Record<string, string> = {};
  for (const key of keys) {
    const text = values[key] ?? '';
    if (!text.trim()) continue;
    const sent = decimalToSend(text, locale);
    if (sent.ok) out[key] = sent.value;
    else errors[key] = sent.message;
  }
  return { values: out, errors };
}

// ── targets of one row ─────────────────────────────────────────────────────────────────────

function rowValues(row: AgreementIndicator | null, locale: 'id' | 'en'): Record<string, string> {
  const out: Record<string, string> = {
    annual: editableDecimal(row?.annual?.value, locale),
    annualLow: editableDecimal(row?.annual?.low, locale),
    annualHigh: editableDecimal(row?.annual?.high, locale),
  };
  for (const q of quarters) {
    out[q] = editableDecimal(row?.quarters[q]?.value, locale);
    out[`${q}Low`] = editableDecimal(row?.quarters[q]?.low, locale);
    out[`${q}High`] = editableDecimal(row?.quarters[q]?.high, locale);
  }
  return out;
}

export function RowTargetsModal(props: {
  governmentId: string;
  agreement: AgreementDetail;
  row: AgreementIndicator | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useForm<Record<string, string>>(rowValues(props.row, locale));
  const [row, setRow] = useState(props.row);
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form only when it opens
  useEffect(() => {
    if (props.opened) {
      setRow(props.row);
      form.reset(rowValues(props.row, locale));
    }
  }, [props.opened]);
  const { reload, reloading } = useReload(props.governmentId, props.agreement.id, (latest) => {
    const next = latest.indicators.find((r) => r.id === row?.id) ?? null;
    setRow(next);
    form.reset(rowValues(next, locale));
  });
  const range = row?.direction === 'range';
  const save = useApiMutation(
    (body: unknown) =>
      api.patch<{ item: AgreementIndicator; warnings: Warning[] }>(
        agreementPath(props.governmentId, props.agreement.id, `/indicators/${row?.id ?? ''}`),
        body,
      ),
    {
      invalidate: [agreementsKey(props.governmentId)],
      onSuccess: (result) => {
        notifications.show({
          color: result.warnings.length > 0 ? 'orange' : 'teal',
          message:
            result.warnings.length > 0
              ? `${t('common.saved')}: ${result.warnings.map((w) => w.message).join('; ')}`
              : t('common.saved'),
        });
        props.onClose();
      },
      onError: (error) => {
        const placed = placeServerErrors(
          error,
          (path) => {
            const m = /^(annual|quarters\.(q[1-4]))(?:\.(value|low|high))?/.exec(path);
            if (!m) return null;
            const base = m[2] ?? 'annual';
            return m[3] === 'low' ? `${base}Low` : m[3] === 'high' ? `${base}High` : base;
          },
          form.setErrors,
        );
        if (!placed) form.applyError(error);
      },
    },
  );
  const keys = range
    ? ['annualLow', 'annualHigh', ...quarters.flatMap((q) => [`${q}Low`, `${q}High`])]
    : ['annual', ...quarters];
  const targetOf = (read: Record<string, string | undefined>, base: string) => {
    if (range) {
      const low = read[`${base}Low`];
      const high = read[`${base}High`];
      return low === undefined && high === undefined ? null : { low, high };
    }
    const value = read[base];
    return value === undefined ? null : { value };
  };
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={t('agreements.rowTitle')}
      submitting={save.isPending}
      formError={form.formError}
      stale={form.stale ? { message: form.stale, reload: () => void reload(), reloading } : null}
      onSubmit={() => {
        if (!row) return;
        const read = readDecimals(form.values, keys, locale);
        if (Object.keys(read.errors).length > 0) {
          form.setErrors(read.errors);
          return;
        }
        save.mutate({
          annual: targetOf(read.values, 'annual'),
          quarters: Object.fromEntries(quarters.map((q) => [q, targetOf(read.values, q)])),
          expectedUpdatedAt: row.updatedAt,
        });
      }}
    >
      <div>
        <Text fw={600} size="sm">
          {row ? (row.code ? `${row.code} ${row.name}` : row.name) : ''}
        </Text>
        <Text size="xs" c="dimmed">
          {t('agreements.rowHint', {
            unit: row?.unitOfMeasure ?? '',
            aggregation: row ? t(`plans.aggregations.${row.aggregation}`) : '',
          })}
        </Text>
      </div>
      {range ? (
        <Stack gap="xs">
          {(['annual', ...quarters] as const).map((base) => (
            <Group key={base} grow gap="xs" wrap="nowrap" align="flex-start">
              <TextInput
                label={`${base === 'annual' ? t('agreements.annualTarget') : quarterLabels[base]} — ${t('plans.low')}`}
                inputMode="decimal"
                {...form.text(`${base}Low`)}
              />
              <TextInput
                label={`${base === 'annual' ? t('agreements.annualTarget') : quarterLabels[base]} — ${t('plans.high')}`}
                inputMode="decimal"
                {...form.text(`${base}High`)}
              />
            </Group>
          ))}
        </Stack>
      ) : (
        <>
          <TextInput label={t('agreements.annualTarget')} inputMode="decimal" data-autofocus {...form.text('annual')} />
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {quarters.map((q) => (
              <TextInput
                key={q}
                label={t('agreements.quarterTarget', { q: quarterLabels[q] })}
                inputMode="decimal"
                {...form.text(q)}
              />
            ))}
          </SimpleGrid>
        </>
      )}
    </FormModal>
  );
}

// ── pagu ───────────────────────────────────────────────────────────────────────────────────

export function BudgetsModal(props: {
  governmentId: string;
  agreement: AgreementDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const tree = usePlanTree(props.governmentId, props.agreement.planId, false);
  const nodes = (tree.data?.nodes ?? []).filter((n) => n.kind !== 'goal' && n.kind !== 'objective');
  const valuesOf = (a: AgreementDetail) =>
    Object.fromEntries(a.budgets.map((b) => [b.nodeId, editableDecimal(b.amount, locale)])) as Record<string, string>;
  const form = useForm<Record<string, string>>(valuesOf(props.agreement));
  const [version, setVersion] = useState(props.agreement.updatedAt);
  const sent = useRef<string[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form only when it opens
  useEffect(() => {
    if (props.opened) {
      setVersion(props.agreement.updatedAt);
      form.reset(valuesOf(props.agreement));
    }
  }, [props.opened]);
  const { reload, reloading } = useReload(props.governmentId, props.agreement.id, (latest) => {
    setVersion(latest.updatedAt);
    form.reset(valuesOf(latest));
  });
  const save = useApiMutation(
    (body: unknown) =>
      api.put<AgreementDetail>(agreementPath(props.governmentId, props.agreement.id, '/budgets'), body),
    {
      invalidate: [agreementsKey(props.governmentId)],
      successMessage: i18n.t('common.saved'),
      onSuccess: props.onClose,
      onError: (error) => {
        const placed = placeServerErrors(
          error,
          (path) => {
            const m = /^items\.(\d+)/.exec(path);
            return m ? (sent.current[Number(m[1])] ?? null) : null;
          },
          form.setErrors,
        );
        if (!placed) form.applyError(error);
      },
    },
  );
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={t('agreements.budgetsTitle')}
      submitting={save.isPending}
      formError={form.formError}
      stale={form.stale ? { message: form.stale, reload: () => void reload(), reloading } : null}
      onSubmit={() => {
        const ids = nodes.map((n) => n.id);
        const read = readDecimals(form.values, ids, locale);
        if (Object.keys(read.errors).length > 0) {
          form.setErrors(read.errors);
          return;
        }
        const items = ids
          .filter((id) => read.values[id] !== undefined)
          .map((id) => ({ nodeId: id, amount: read.values[id] }));
        sent.current = items.map((item) => item.nodeId);
        save.mutate({ items, expectedUpdatedAt: version });
      }}
    >
      <Text size="xs" c="dimmed">
        {t('agreements.budgetsHint')}
      </Text>
      {nodes.map((n) => (
        <TextInput
          key={n.id}
          label={`${n.code} ${n.name}`}
          description={t(`plans.kinds.${n.kind}`)}
          inputMode="decimal"
          leftSection={<Text size="xs">Rp</Text>}
          pl={n.kind === 'program' ? 0 : n.kind === 'activity' ? 'md' : 'xl'}
          {...form.text(n.id)}
        />
      ))}
    </FormModal>
  );
}

// ── signatories ────────────────────────────────────────────────────────────────────────────

type PartyValues = Record<string, string | null>;

function partyValues(prefix: 'first' | 'second', s: Signatory | null): PartyValues {
  return {
    [`${prefix}Mode`]: s && !s.positionId ? 'outside' : 'position',
    [`${prefix}PositionId`]: s?.positionId ?? null,
    [`${prefix}EmployeeId`]: s?.employeeId ?? null,
    [`${prefix}EmployeeLabel`]: s?.employeeId ? s.name : null,
    [`${prefix}Title`]: s?.title ?? '',
    [`${prefix}Name`]: s?.name ?? '',
    [`${prefix}Nip`]: s?.nip ?? '',
    [`${prefix}Acting`]: s?.acting ?? 'definitive',
  };
}

export function SignatoriesModal(props: {
  governmentId: string;
  agreement: AgreementDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const valuesOf = (a: AgreementDetail) => ({
    ...partyValues('first', a.signatories.first),
    ...partyValues('second', a.signatories.second),
  });
  const form = useForm<PartyValues>(valuesOf(props.agreement));
  const [version, setVersion] = useState(props.agreement.updatedAt);
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form only when it opens
  useEffect(() => {
    if (props.opened) {
      setVersion(props.agreement.updatedAt);
      form.reset(valuesOf(props.agreement));
    }
  }, [props.opened]);
  const { reload, reloading } = useReload(props.governmentId, props.agreement.id, (latest) => {
    setVersion(latest.updatedAt);
    form.reset(valuesOf(latest));
  });
  const save = useApiMutation(
    (body: unknown) =>
      api.put<AgreementDetail>(agreementPath(props.governmentId, props.agreement.id, '/signatories'), body),
    {
      invalidate: [agreementsKey(props.governmentId)],
      successMessage: i18n.t('common.saved'),
      onSuccess: props.onClose,
      onError: (error) => {
        const placed = placeServerErrors(
          error,
          (path) => {
            const m = /^(first|second)(?:\.(\w+))?/.exec(path);
            if (!m) return null;
            const field = m[2] ?? (form.values[`${m[1]}Mode`] === 'outside' ? 'name' : 'positionId');
            return `${m[1]}${field.charAt(0).toUpperCase()}${field.slice(1)}`;
          },
          form.setErrors,
        );
        if (!placed) form.applyError(error);
      },
    },
  );
  const party = (prefix: 'first' | 'second') => {
    const v = form.values;
    if (v[`${prefix}Mode`] === 'outside') {
      return {
        title: v[`${prefix}Title`] ?? '',
        name: v[`${prefix}Name`] ?? '',
        nip: (v[`${prefix}Nip`] ?? '').replace(/\s+/g, ''),
        acting: v[`${prefix}Acting`] ?? 'definitive',
      };
    }
    return { positionId: v[`${prefix}PositionId`] ?? undefined, employeeId: v[`${prefix}EmployeeId`] ?? undefined };
  };
  const section = (prefix: 'first' | 'second') => {
    const heading = prefix === 'first' ? t('agreements.firstParty') : t('agreements.secondParty');
    const outside = form.values[`${prefix}Mode`] === 'outside';
    return (
      <Stack gap="xs" role="group" aria-label={heading}>
        <Text fw={700} size="sm">
          {heading}
        </Text>
        <SegmentedControl
          aria-label={t('agreements.signatoryKind', { party: heading })}
          value={form.values[`${prefix}Mode`] ?? 'position'}
          onChange={(value) => form.setField(`${prefix}Mode`, value)}
          data={[
            { value: 'position', label: t('agreements.inSystem') },
            { value: 'outside', label: t('agreements.outsideSystem') },
          ]}
        />
        {outside ? (
          <>
            <TextInput label={t('agreements.signatoryTitle')} required {...form.text(`${prefix}Title`)} />
            <TextInput label={t('agreements.signatoryName')} required {...form.text(`${prefix}Name`)} />
            <SimpleGrid cols={2}>
              <TextInput label={t('agreements.nip')} inputMode="numeric" {...form.text(`${prefix}Nip`)} />
              <Select
                label={t('agreements.acting')}
                data={assignmentKinds.map((k) => ({ value: k, label: t(`agreements.actingKinds.${k}`) }))}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                {...form.select(`${prefix}Acting`)}
              />
            </SimpleGrid>
          </>
        ) : (
          <>
            <PositionSelect
              agencyId={props.agreement.agencyId}
              label={t('agreements.position')}
              required
              {...form.select(`${prefix}PositionId`)}
            />
            <EmployeeSelect
              label={t('agreements.employee')}
              description={t('agreements.employeeHint')}
              required
              initialLabel={form.values[`${prefix}EmployeeLabel`]}
              value={form.values[`${prefix}EmployeeId`] ?? null}
              onChange={(value) => form.setField(`${prefix}EmployeeId`, value)}
              error={form.errors[`${prefix}EmployeeId`]}
            />
          </>
        )}
      </Stack>
    );
  };
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={t('agreements.signatoriesTitle')}
      submitting={save.isPending}
      formError={form.formError}
      stale={form.stale ? { message: form.stale, reload: () => void reload(), reloading } : null}
      onSubmit={() => save.mutate({ first: party('first'), second: party('second'), expectedUpdatedAt: version })}
    >
      {section('first')}
      {section('second')}
    </FormModal>
  );
}

// ── sign, revise, cascade ──────────────────────────────────────────────────────────────────

/** A one-field dialog that posts to the agreement; 409 offers the latest version. */
function AgreementActionModal(props: {
  governmentId: string;
  agreement: AgreementDetail;
  opened: boolean;
  onClose: () => void;
  title: string;
  submitLabel: string;
  initial: Record<string, string>;
  send: (values: Record<string, string>, expectedUpdatedAt: string) => Promise<Agreement | AgreementDetail>;
  onDone?: (result: Agreement | AgreementDetail) => void;
  children: (form: ReturnType<typeof useForm<Record<string, string>>>) => React.ReactNode;
}) {
  const form = useForm<Record<string, string>>(props.initial);
  const [version, setVersion] = useState(props.agreement.updatedAt);
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form only when it opens
  useEffect(() => {
    if (props.opened) {
      setVersion(props.agreement.updatedAt);
      form.reset(props.initial);
    }
  }, [props.opened]);
  const { reload, reloading } = useReload(props.governmentId, props.agreement.id, (latest) => {
    setVersion(latest.updatedAt);
    form.reset(props.initial);
  });
  const run = useApiMutation((values: Record<string, string>) => props.send(values, version), {
    invalidate: [agreementsKey(props.governmentId)],
    successMessage: i18n.t('common.saved'),
    onSuccess: (result) => {
      props.onClose();
      props.onDone?.(result);
    },
    onError: form.applyError,
  });
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={props.title}
      submitLabel={props.submitLabel}
      submitting={run.isPending}
      formError={form.formError}
      stale={form.stale ? { message: form.stale, reload: () => void reload(), reloading } : null}
      onSubmit={() => run.mutate(form.values)}
    >
      {props.children(form)}
    </FormModal>
  );
}

export function SignModal(props: {
  governmentId: string;
  agreement: AgreementDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { government } = useGovernment();
  return (
    <AgreementActionModal
      {...props}
      title={t('agreements.signTitle')}
      submitLabel={t('agreements.sign')}
      initial={{ signedOn: todayIn(government?.timeZone) }}
      send={(values, expectedUpdatedAt) =>
        api.post<AgreementDetail>(agreementPath(props.governmentId, props.agreement.id, '/sign'), {
          signedOn: values.signedOn,
          expectedUpdatedAt,
        })
      }
    >
      {(form) => (
        <>
          <Text size="sm">{t('agreements.signBody')}</Text>
          <TextInput label={t('agreements.signedOn')} type="date" required {...form.text('signedOn')} />
        </>
      )}
    </AgreementActionModal>
  );
}

export function ReviseModal(props: {
  governmentId: string;
  agreement: AgreementDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <AgreementActionModal
      {...props}
      title={t('agreements.reviseTitle')}
      submitLabel={t('agreements.revise')}
      initial={{ reason: '' }}
      send={(values, expectedUpdatedAt) =>
        api.post<AgreementDetail>(agreementPath(props.governmentId, props.agreement.id, '/revisions'), {
          reason: values.reason,
          expectedUpdatedAt,
        })
      }
      onDone={(created) => navigate(`/perjanjian-kinerja/${created.id}`)}
    >
      {(form) => (
        <>
          <Text size="sm">{t('agreements.reviseBody')}</Text>
          <Textarea
            label={t('agreements.reason')}
            required
            autosize
            minRows={3}
            data-autofocus
            {...form.text('reason')}
          />
        </>
      )}
    </AgreementActionModal>
  );
}

export function CascadeModal(props: {
  governmentId: string;
  agreement: AgreementDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const cascade = useApiMutation(
    () =>
      api.post<{ created: Agreement[]; skipped: { unitId: string; unitName: string; reason: string }[] }>(
        agreementPath(props.governmentId, props.agreement.id, '/cascade'),
        {},
      ),
    {
      invalidate: [agreementsKey(props.governmentId)],
      onSuccess: (result) => {
        notifications.show({
          color: 'teal',
          message: [
            t('agreements.cascadeDone', { count: result.created.length }),
            ...result.skipped.map((s) => `${s.unitName}: ${s.reason}`),
          ].join(' — '),
        });
        void client.invalidateQueries({ queryKey: agreementsKey(props.governmentId) });
        props.onClose();
      },
      onError: (e) => setError(e instanceof Error ? e.message : String(e)),
    },
  );
  return (
    <FormModal
      opened={props.opened}
      onClose={() => {
        setError(null);
        props.onClose();
      }}
      title={t('agreements.cascadeTitle')}
      submitLabel={t('agreements.cascade')}
      submitting={cascade.isPending}
      formError={error}
      onSubmit={() => cascade.mutate(undefined)}
    >
      <Text size="sm">{t('agreements.cascadeBody')}</Text>
    </FormModal>
  );
}
