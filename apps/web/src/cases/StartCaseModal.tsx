import { Autocomplete, Group, MultiSelect, Select, Text, TextInput } from '@mantine/core';
import { type Page, startCaseBody, unitScopedBinding } from '@sidakin/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError, api, govPath } from '../lib/api';
import { useForm } from '../lib/form';
import { todayIn } from '../lib/format';
import { useApiMutation } from '../lib/query';
import { useAgencyUnits } from '../org/queries';
import { buildUnitTree, flattenUnitTree } from '../org/unitTree';
import { useFormatters } from '../shell/government';
import { type SopDetail, type SopSummary, versionInForce } from '../sop/model';
import { sopKey, sopPath, sopsKey } from '../sop/queries';
import { FormModal } from '../ui/FormModal';
import type { CaseDetail } from './model';
import { useCaseUpdated } from './queries';

interface Values extends Record<string, unknown> {
  sopId: string | null;
  subject: string;
  period: string;
  unitIds: string[];
}

/**
 * The SOPs a case can start on: those whose latest version is in effect, and those with a newer
 * draft over a version still in effect (found from their versions). Only general SOPs: the others
 * run on their own data and start from it (a collection period, a measurement, a correction).
 */
function useStartableSops(governmentId: string, enabled: boolean) {
  const { timeZone } = useFormatters();
  const list = useQuery({
    queryKey: [...sopsKey(governmentId), 'startable'],
    queryFn: () => api.get<Page<SopSummary>>(govPath(governmentId, '/sops'), { pageSize: 100, kind: 'general' }),
    enabled,
  });
  const items = list.data?.items ?? [];
  const older = items.filter((s) => s.latestVersion.status !== 'effective' && s.latestVersion.version > 1);
  const details = useQueries({
    queries: older.map((s) => ({
      queryKey: sopKey(governmentId, s.id),
      queryFn: () => api.get<SopDetail>(sopPath(governmentId, s.id)),
      enabled,
    })),
  });
  const today = todayIn(timeZone);
  const startable = items.filter((s) => {
    if (s.latestVersion.status === 'effective') return true;
    const detail = details.find((d) => d.data?.id === s.id)?.data;
    return detail ? versionInForce(detail, today) !== undefined : false;
  });
  return { items: startable, loading: list.isLoading, error: list.error };
}

/** Period suggestions for this year, as written on Indonesian reports. */
function periodSuggestions(today: string): string[] {
  const year = today.slice(0, 4);
  return [
    ...['I', 'II', 'III', 'IV'].map((q) => `Triwulan ${q} ${year}`),
    `Semester I ${year}`,
    `Semester II ${year}`,
    `Tahun ${year}`,
  ];
}

/**
 * Mulai kasus: an SOP in effect, what the case is about, its period and the units in scope. The
 * new case opens at once.
 */
export function StartCaseModal(props: {
  governmentId: string;
  opened: boolean;
  onClose: () => void;
  /** Start from this SOP (the SOP page). */
  sopId?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { timeZone } = useFormatters();
  const sops = useStartableSops(props.governmentId, props.opened);
  const form = useForm<Values>({ sopId: props.sopId ?? null, subject: '', period: '', unitIds: [] });
  const { reset } = form;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh form each time the dialog opens
  useEffect(() => {
    if (props.opened) reset({ sopId: props.sopId ?? null, subject: '', period: '', unitIds: [] });
  }, [props.opened]);

  const sopId = form.values.sopId;
  const chosen = useQuery({
    queryKey: sopKey(props.governmentId, sopId ?? ''),
    queryFn: () => api.get<SopDetail>(sopPath(props.governmentId, sopId ?? '')),
    enabled: props.opened && Boolean(sopId),
  });
  const detail = props.opened && sopId ? chosen.data : undefined;
  const agencyId = detail?.agencyId ?? sops.items.find((s) => s.id === sopId)?.agencyId ?? null;
  const units = useAgencyUnits(agencyId, 'true');
  const unitOptions = useMemo(() => flattenUnitTree(buildUnitTree(units.data?.items ?? [])), [units.data]);
  const depthOf = useMemo(() => new Map(unitOptions.map((n) => [n.unit.id, n.depth])), [unitOptions]);
  const perUnit = detail?.document.steps.some((s) => s.perUnit) ?? false;
  const unitScoped =
    detail !== undefined && Object.values(detail.document.lanes).some((lane) => unitScopedBinding(lane.binding));

  const updated = useCaseUpdated(props.governmentId);
  const start = useApiMutation((body: unknown) => api.post<CaseDetail>(govPath(props.governmentId, '/cases'), body), {
    successMessage: t('cases.start.done'),
    onSuccess: (created) => {
      void updated(created);
      props.onClose();
      navigate(`/kasus/${created.id}`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'SOP_NOT_EFFECTIVE') {
        form.setErrors({ sopId: error.message });
        return;
      }
      if (error instanceof ApiError && error.code === 'NOT_ASSIGNEE') {
        form.setFormError(t('cases.start.notFirstLane'));
        return;
      }
      form.applyError(error);
    },
  });

  const sopData = sops.items.map((s) => ({ value: s.id, label: `${s.title} — ${s.agencyName}` }));
  // The SOP the dialog was opened from stays listed even before the list arrives.
  if (props.sopId && detail && !sopData.some((o) => o.value === props.sopId)) {
    sopData.unshift({ value: detail.id, label: `${detail.title} — ${detail.agencyName}` });
  }

  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={t('cases.start.title')}
      submitLabel={t('cases.start.submit')}
      submitting={start.isPending}
      formError={form.formError}
      onSubmit={() => {
        const body = form.validate(startCaseBody, {
          sopId: form.values.sopId ?? '',
          subject: form.values.subject,
          period: form.values.period,
          unitIds: form.values.unitIds,
        });
        if (body) start.mutate(body);
      }}
    >
      <Select
        label={t('cases.start.sop')}
        description={t('cases.start.sopHint')}
        placeholder={sops.loading ? t('common.loading') : t('cases.start.sopPlaceholder')}
        required
        searchable
        nothingFoundMessage={t('cases.start.noSop')}
        data={sopData}
        comboboxProps={{ withinPortal: true }}
        {...form.select('sopId')}
        onChange={(value) => {
          form.setField('sopId', value);
          form.setField('unitIds', []);
        }}
      />
      <TextInput
        label={t('cases.start.subject')}
        placeholder={t('cases.start.subjectPlaceholder')}
        required
        maxLength={300}
        {...form.text('subject')}
      />
      <Autocomplete
        label={t('cases.start.period')}
        placeholder={t('cases.start.periodPlaceholder')}
        data={periodSuggestions(todayIn(timeZone))}
        maxLength={50}
        comboboxProps={{ withinPortal: true }}
        value={form.values.period}
        onChange={(value) => form.setField('period', value)}
        error={form.errors.period}
      />
      <MultiSelect
        label={t('cases.start.units')}
        description={
          !agencyId
            ? t('cases.start.unitsChooseSop')
            : perUnit
              ? t('cases.start.unitsPerUnit')
              : unitScoped
                ? t('cases.start.unitsScoped')
                : t('cases.start.unitsOptional')
        }
        required={perUnit || unitScoped}
        className={perUnit || unitScoped ? 'sidakin-required' : undefined}
        searchable
        nothingFoundMessage={t('common.nothingFound')}
        disabled={!agencyId || units.isLoading}
        data={unitOptions.map((n) => ({ value: n.unit.id, label: n.unit.name }))}
        renderOption={({ option }) => (
          <Group gap={6} pl={(depthOf.get(option.value) ?? 0) * 14} wrap="nowrap">
            <Text size="sm">{option.label}</Text>
          </Group>
        )}
        value={form.values.unitIds}
        onChange={(value) => form.setField('unitIds', value)}
        error={form.errors.unitIds}
        comboboxProps={{ withinPortal: true }}
        inputWrapperOrder={['label', 'description', 'input', 'error']}
      />
    </FormModal>
  );
}
