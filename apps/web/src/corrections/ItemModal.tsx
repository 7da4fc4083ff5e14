import { Alert, Checkbox, Group, Select, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import type { CollectionForm } from '@sidakin/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, govPath } from '../lib/api';
import { useForm } from '../lib/form';
import { useApiMutation } from '../lib/query';
import { useAgencyUnits } from '../org/queries';
import { decimalToSend, editableDecimal, formatDecimal } from '../plans/model';
import { useFormatters } from '../shell/government';
import { FormModal } from '../ui/FormModal';
import { type Correction, type CorrectionItem, correctionPath, correctionsKey } from './queries';

/**
 * Proposing a corrected value (the person picks a locked value within the correction's scope) or
 * revising a proposal: the new value, the spending if it changes, the reason, the root cause and
 * whether the correction removes it, and evidence given as a text or a link (files are added on
 * the item afterwards).
 */
export function ItemModal(props: {
  governmentId: string;
  correction: Correction;
  /** The item revised; none to propose a new one. */
  item: CorrectionItem | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const { correction, item } = props;
  const form = useForm({
    periodId: correction.periods[0]?.id ?? null,
    owner: correction.unitIds[0] ?? 'agency',
    rowKey: null as string | null,
    actual: item ? editableDecimal(item.proposedActual, locale) : '',
    budgetSpent: item?.proposedBudgetSpent ? editableDecimal(item.proposedBudgetSpent, locale) : '',
    reason: item?.reason ?? '',
    rootCause: item?.rootCause ?? '',
    removesCause: item?.removesCause ?? false,
    causeAction: item?.causeAction ?? '',
    evidenceKind: 'text' as 'text' | 'link',
    evidence: '',
  });
  const units = useAgencyUnits(correction.agencyId, 'all');
  const owners = useMemo(() => {
    const names = new Map((units.data?.items ?? []).map((u) => [u.id, u.name]));
    return correction.unitIds.length
      ? correction.unitIds.map((id) => ({ value: id, label: names.get(id) ?? '…' }))
      : [{ value: 'agency', label: correction.agencyName }];
  }, [units.data, correction.unitIds, correction.agencyName]);
  const formQuery = useQuery({
    queryKey: ['correction-form', props.governmentId, form.values.periodId, form.values.owner],
    queryFn: () =>
      api.get<CollectionForm>(
        govPath(props.governmentId, `/collection-periods/${form.values.periodId}/forms/${form.values.owner}`),
      ),
    enabled: props.opened && !item && Boolean(form.values.periodId),
  });
  const rows = (formQuery.data?.rows ?? []).filter(
    (r) => correction.indicatorIds.length === 0 || (r.indicatorId && correction.indicatorIds.includes(r.indicatorId)),
  );
  const keyOf = (r: (typeof rows)[number]) => r.valueId ?? `${r.indicatorId}:${r.unitId ?? ''}`;
  const chosen = rows.find((r) => keyOf(r) === form.values.rowKey);

  const save = useApiMutation(
    (body: Record<string, unknown>) =>
      item
        ? api.patch<Correction>(correctionPath(props.governmentId, correction.id, `/items/${item.id}`), body)
        : api.post<Correction>(correctionPath(props.governmentId, correction.id, '/items'), body),
    {
      invalidate: [correctionsKey(props.governmentId)],
      successMessage: item ? t('corrections.itemRevised') : t('corrections.itemProposed'),
      onSuccess: props.onClose,
      onError: form.applyError,
    },
  );

  function submit() {
    const actual = decimalToSend(form.values.actual, locale);
    if (!actual.ok) {
      form.setErrors({ actual: actual.message });
      return;
    }
    const budget = form.values.budgetSpent.trim() ? decimalToSend(form.values.budgetSpent, locale) : null;
    if (budget && !budget.ok) {
      form.setErrors({ budgetSpent: budget.message });
      return;
    }
    const fields = {
      actual: actual.value,
      ...(budget ? { budgetSpent: budget.value } : {}),
      reason: form.values.reason,
      rootCause: form.values.rootCause,
      removesCause: form.values.removesCause,
      causeAction: form.values.causeAction,
    };
    if (item) {
      save.mutate({ ...fields, baseRevision: item.revision });
      return;
    }
    if (!chosen) {
      form.setErrors({ rowKey: t('validation.choose') });
      return;
    }
    const evidence = form.values.evidence.trim();
    save.mutate({
      ...(chosen.valueId
        ? { valueId: chosen.valueId }
        : {
            periodId: form.values.periodId,
            ...(chosen.individualIndicatorId
              ? { individualIndicatorId: chosen.individualIndicatorId }
              : { indicatorId: chosen.indicatorId, unitId: chosen.unitId }),
          }),
      ...fields,
      evidence: evidence
        ? [form.values.evidenceKind === 'link' ? { kind: 'link', url: evidence } : { kind: 'text', text: evidence }]
        : [],
    });
  }

  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={item ? t('corrections.reviseTitle', { name: item.indicatorName }) : t('corrections.proposeTitle')}
      submitting={save.isPending}
      formError={form.formError}
      submitLabel={item ? t('corrections.revise') : t('corrections.propose')}
      onSubmit={submit}
      size="xl"
    >
      {item ? (
        <Alert color={item.status === 'returned' ? 'orange' : 'blue'} variant="light">
          <Text size="sm" fw={600}>
            {item.ownerName} · {item.periodLabel}
          </Text>
          <Text size="sm">
            {t('corrections.baseLine', {
              value: formatDecimal(item.baseActual, item.decimals, locale),
              version: item.baseVersion,
            })}
          </Text>
          {item.returnReason ? (
            <Text size="sm" mt={4}>
              {t('corrections.returnedBecause', { reason: item.returnReason })}
            </Text>
          ) : null}
        </Alert>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('corrections.period')}
              data={correction.periods.map((p) => ({ value: p.id, label: p.label }))}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              {...form.select('periodId')}
            />
            <Select
              label={t('corrections.owner')}
              data={owners}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              {...form.select('owner')}
            />
          </SimpleGrid>
          <Select
            label={t('corrections.value')}
            placeholder={formQuery.isLoading ? t('common.loading') : t('corrections.chooseValue')}
            searchable
            required
            data={rows.map((r) => ({
              value: keyOf(r),
              label: `${[r.code, r.name].filter(Boolean).join(' ')} — ${
                r.version > 0
                  ? `${formatDecimal(r.actual, r.decimals, locale)} ${r.unitOfMeasure} (v${r.version})`
                  : t('corrections.notEntered')
              }`,
            }))}
            comboboxProps={{ withinPortal: true }}
            {...form.select('rowKey')}
          />
        </>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('corrections.proposedActual')}
          description={chosen ? chosen.unitOfMeasure : item?.unitOfMeasure}
          required
          inputMode="decimal"
          {...form.text('actual')}
        />
        <TextInput
          label={t('corrections.proposedBudget')}
          description={t('corrections.proposedBudgetHint')}
          inputMode="decimal"
          {...form.text('budgetSpent')}
        />
      </SimpleGrid>
      <Textarea label={t('corrections.reason')} required autosize minRows={2} {...form.text('reason')} />
      <Textarea label={t('corrections.rootCause')} required autosize minRows={2} {...form.text('rootCause')} />
      <Checkbox label={t('corrections.removesCause')} {...form.checkbox('removesCause')} />
      {form.values.removesCause ? (
        <Textarea label={t('corrections.causeAction')} required autosize minRows={2} {...form.text('causeAction')} />
      ) : null}
      {!item ? (
        <Group grow align="flex-start">
          <Select
            label={t('corrections.evidenceKind')}
            data={[
              { value: 'text', label: t('corrections.evidenceText') },
              { value: 'link', label: t('corrections.evidenceLink') },
            ]}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.select('evidenceKind')}
            maw={180}
          />
          <TextInput
            label={t('corrections.evidence')}
            description={t('corrections.evidenceHint')}
            {...form.text('evidence')}
          />
        </Group>
      ) : null}
    </FormModal>
  );
}
