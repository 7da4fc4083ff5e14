import { Checkbox, Group, Select, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import {
  createIndicatorBody,
  createNodeBody,
  indicatorDirections,
  indicatorTypes,
  type PlanIndicator,
  type PlanNode,
  type PlanTree,
  quarterAggregations,
  updateIndicatorBody,
  updateNodeBody,
} from '@sidakin/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../lib/api';
import { useRecordEditor } from '../lib/editor';
import { useForm } from '../lib/form';
import { i18n } from '../lib/i18n';
import { useApiMutation } from '../lib/query';
import { UnitSelect } from '../org/selects';
import { FormModal } from '../ui/FormModal';
import { childKindOf, decimalToSend, editableDecimal } from './model';
import { planPath, plansKey, useLocale } from './queries';

/**
 * Field errors a server answer names by path (`body.targets.2.value`), placed at the form's own
 * fields by `fieldOf`; returns false when the error had none to place.
 */
export function placeServerErrors(
  error: unknown,
  fieldOf: (path: string) => string | null,
  setErrors: (errors: Record<string, string>) => void,
): boolean {
  if (!(error instanceof ApiError) || error.details.length === 0) return false;
  const placed: Record<string, string> = {};
  for (const detail of error.details) {
    const field = fieldOf(detail.path.replace(/^body\./, ''));
    if (field && !(field in placed)) placed[field] = detail.message;
  }
  if (Object.keys(placed).length === 0) return false;
  setErrors(placed);
  return true;
}

// ── nodes ──────────────────────────────────────────────────────────────────────────────────

function nodeValues(node: PlanNode | null) {
  return { code: node?.code ?? '', name: node?.name ?? '', unitId: (node?.unitId ?? null) as string | null };
}

export function NodeFormModal(props: {
  governmentId: string;
  plan: PlanTree;
  node: PlanNode | null;
  parent: PlanNode | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { plan, node, parent } = props;
  const form = useForm(nodeValues(node));
  const [version, setVersion] = useState<PlanNode | null>(node);
  const [reloading, setReloading] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form only when it opens
  useEffect(() => {
    if (props.opened) {
      setVersion(node);
      form.reset(nodeValues(node));
    }
  }, [props.opened]);
  const kind = node?.kind ?? (parent ? childKindOf[parent.kind] : 'goal') ?? 'goal';
  const nodesPath = planPath(props.governmentId, plan.id, '/nodes');
  const save = useApiMutation(
    (body: unknown) =>
      version ? api.patch<PlanNode>(`${nodesPath}/${version.id}`, body) : api.post<PlanNode>(nodesPath, body),
    {
      invalidate: [plansKey(props.governmentId)],
      successMessage: version ? i18n.t('common.saved') : i18n.t('common.created'),
      onSuccess: props.onClose,
      onError: form.applyError,
    },
  );
  async function reload() {
    setReloading(true);
    try {
      await client.invalidateQueries({ queryKey: plansKey(props.governmentId) });
      const tree = await api.get<PlanTree>(planPath(props.governmentId, plan.id), { active: 'all' });
      const latest = tree.nodes.find((n) => n.id === version?.id) ?? null;
      setVersion(latest);
      form.reset(nodeValues(latest));
    } finally {
      setReloading(false);
    }
  }
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={
        node
          ? t('plans.nodeEditTitle', { kind: t(`plans.kinds.${kind}`) })
          : t('plans.nodeCreateTitle', { kind: t(`plans.kinds.${kind}`) })
      }
      submitting={save.isPending}
      formError={form.formError}
      stale={form.stale ? { message: form.stale, reload: () => void reload(), reloading } : null}
      onSubmit={() => {
        const v = form.values;
        const body = version
          ? form.validate(updateNodeBody, {
              code: v.code,
              name: v.name,
              unitId: v.unitId,
              expectedUpdatedAt: version.updatedAt,
            })
          : form.validate(createNodeBody, {
              parentId: parent?.id ?? null,
              kind,
              code: v.code,
              name: v.name,
              unitId: v.unitId,
            });
        if (body) save.mutate(body);
      }}
    >
      {parent ? (
        <Text size="sm" c="dimmed">
          {t('plans.under', { kind: t(`plans.kinds.${parent.kind}`), name: `${parent.code} ${parent.name}` })}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('common.code')} required data-autofocus {...form.text('code')} />
        <Textarea
          label={t('common.name')}
          required
          autosize
          minRows={1}
          style={{ gridColumn: 'span 2' }}
          {...form.text('name')}
        />
      </SimpleGrid>
      <UnitSelect
        agencyId={plan.agencyId}
        label={t('plans.responsibleUnit')}
        placeholder={t('plans.noUnit')}
        clearable
        {...form.select('unitId')}
      />
    </FormModal>
  );
}

// ── indicators ─────────────────────────────────────────────────────────────────────────────

function indicatorValues(indicator: PlanIndicator | null, locale: 'id' | 'en') {
  return {
    code: indicator?.code ?? '',
    name: indicator?.name ?? '',
    unitOfMeasure: indicator?.unitOfMeasure ?? '',
    direction: (indicator?.direction ?? 'higher_better') as string | null,
    type: (indicator?.type ?? 'outcome') as string | null,
    aggregation: (indicator?.aggregation ?? 'last') as string | null,
    decimals: String(indicator?.decimals ?? 2),
    isKey: indicator?.isKey ?? false,
    unitId: (indicator?.unitId ?? null) as string | null,
    baselineValue: editableDecimal(indicator?.baseline.value, locale),
    baselineYear: indicator?.baseline.year ? String(indicator.baseline.year) : '',
    definition: indicator?.definition ?? '',
    formula: indicator?.formula ?? '',
    dataSource: indicator?.dataSource ?? '',
    validMin: editableDecimal(indicator?.validMin, locale),
    validMax: editableDecimal(indicator?.validMax, locale),
    evidenceRequired: indicator?.evidenceRequired ?? false,
  };
}

export function IndicatorFormModal(props: {
  governmentId: string;
  plan: PlanTree;
  indicator: PlanIndicator | null;
  node: PlanNode | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useForm(indicatorValues(props.indicator, locale));
  const editor = useRecordEditor({
    form,
    record: props.indicator,
    opened: props.opened,
    valuesOf: (record: PlanIndicator | null) => indicatorValues(record, locale),
    path: planPath(props.governmentId, props.plan.id, '/indicators'),
    invalidate: [plansKey(props.governmentId)],
    onSaved: props.onClose,
  });
  const options = <T extends string>(values: readonly T[], prefix: 'directions' | 'types' | 'aggregations') =>
    values.map((value) => ({ value, label: t(`plans.${prefix}.${value}` as 'plans.directions.range') }));
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={props.indicator ? t('plans.indicatorEditTitle') : t('plans.indicatorCreateTitle')}
      submitting={editor.saving}
      formError={form.formError}
      stale={editor.stale}
      onSubmit={() => {
        const v = form.values;
        // Number fields as the server reads them; an empty field sends null (no value, an open bound).
        const numbers: Record<'baselineValue' | 'validMin' | 'validMax', string | null> = {
          baselineValue: null,
          validMin: null,
          validMax: null,
        };
        const unreadable: Record<string, string> = {};
        for (const field of ['baselineValue', 'validMin', 'validMax'] as const) {
          if (!v[field].trim()) continue;
          const sent = decimalToSend(v[field], locale);
          if (sent.ok) numbers[field] = sent.value;
          else unreadable[field] = sent.message;
        }
        if (Object.keys(unreadable).length > 0) {
          form.setErrors(unreadable);
          return;
        }
        const { baselineValue, validMin, validMax } = numbers;
        const data = {
          code: v.code,
          name: v.name,
          unitOfMeasure: v.unitOfMeasure,
          direction: v.direction,
          type: v.type,
          aggregation: v.aggregation,
          decimals: Number(v.decimals),
          isKey: v.isKey,
          unitId: v.unitId,
          baselineValue,
          baselineYear: v.baselineYear.trim() ? Number(v.baselineYear) : null,
          definition: v.definition,
          formula: v.formula,
          dataSource: v.dataSource,
          validMin,
          validMax,
          evidenceRequired: v.evidenceRequired,
        };
        const body = editor.record
          ? form.validate(updateIndicatorBody, { ...data, expectedUpdatedAt: editor.expectedUpdatedAt })
          : form.validate(createIndicatorBody, { ...data, nodeId: props.node?.id ?? '' });
        if (body) editor.save(body);
      }}
    >
      {props.node ? (
        <Text size="sm" c="dimmed">
          {t('plans.under', {
            kind: t(`plans.kinds.${props.node.kind}`),
            name: `${props.node.code} ${props.node.name}`,
          })}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('common.code')} {...form.text('code')} />
        <Textarea
          label={t('plans.indicatorName')}
          required
          autosize
          minRows={1}
          data-autofocus
          style={{ gridColumn: 'span 2' }}
          {...form.text('name')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('plans.unitOfMeasure')} required {...form.text('unitOfMeasure')} />
        <Select
          label={t('plans.direction')}
          data={options(indicatorDirections, 'directions')}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.select('direction')}
        />
        <Select
          label={t('plans.type')}
          data={options(indicatorTypes, 'types')}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.select('type')}
        />
        <Select
          label={t('plans.aggregation')}
          data={options(quarterAggregations, 'aggregations')}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.select('aggregation')}
        />
        <TextInput label={t('plans.decimals')} inputMode="numeric" {...form.text('decimals')} />
        <Checkbox label={t('plans.keyLong')} mt={{ sm: 30 }} {...form.checkbox('isKey')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('plans.baselineValue')}
          description={t('plans.numberHint')}
          inputMode="decimal"
          {...form.text('baselineValue')}
        />
        <TextInput label={t('plans.baselineYear')} inputMode="numeric" {...form.text('baselineYear')} />
      </SimpleGrid>
      <UnitSelect
        agencyId={props.plan.agencyId}
        label={t('plans.responsibleUnit')}
        placeholder={t('plans.noUnit')}
        clearable
        {...form.select('unitId')}
      />
      <Textarea label={t('plans.definition')} autosize minRows={2} {...form.text('definition')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('plans.formula')} {...form.text('formula')} />
        <TextInput label={t('plans.dataSource')} {...form.text('dataSource')} />
      </SimpleGrid>
      <Text size="sm" fw={500} mt="xs">
        {t('plans.validity')}
      </Text>
      <Text size="xs" c="dimmed" mt={-8}>
        {t('plans.validityHint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('plans.validMin')} inputMode="decimal" {...form.text('validMin')} />
        <TextInput label={t('plans.validMax')} inputMode="decimal" {...form.text('validMax')} />
        <Checkbox label={t('plans.evidenceRequiredLong')} mt={{ sm: 30 }} {...form.checkbox('evidenceRequired')} />
      </SimpleGrid>
    </FormModal>
  );
}

// ── yearly targets ─────────────────────────────────────────────────────────────────────────

type TargetValues = Record<string, string>;

function targetValues(indicator: PlanIndicator | null, years: number[], locale: 'id' | 'en'): TargetValues {
  const out: TargetValues = {};
  const byYear = new Map((indicator?.targets ?? []).map((target) => [target.year, target]));
  for (const year of years) {
    const target = byYear.get(year);
    out[`v${year}`] = editableDecimal(target?.value, locale);
    out[`l${year}`] = editableDecimal(target?.low, locale);
    out[`h${year}`] = editableDecimal(target?.high, locale);
  }
  out.end = editableDecimal(indicator?.endTarget?.value, locale);
  out.endLow = editableDecimal(indicator?.endTarget?.low, locale);
  out.endHigh = editableDecimal(indicator?.endTarget?.high, locale);
  return out;
}

export function TargetsFormModal(props: {
  governmentId: string;
  plan: PlanTree;
  indicator: PlanIndicator | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const { plan } = props;
  const years = plan.years;
  const form = useForm<TargetValues>(targetValues(props.indicator, years, locale));
  const [version, setVersion] = useState<PlanIndicator | null>(props.indicator);
  const [reloading, setReloading] = useState(false);
  // The years of the rows sent, so that `targets.2.value` in an answer finds its field.
  const sentYears = useRef<number[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form only when it opens
  useEffect(() => {
    if (props.opened) {
      setVersion(props.indicator);
      form.reset(targetValues(props.indicator, years, locale));
    }
  }, [props.opened]);
  const range = version?.direction === 'range';
  const path = planPath(props.governmentId, plan.id, `/indicators/${version?.id ?? ''}`);
  const save = useApiMutation((body: unknown) => api.put<PlanIndicator>(`${path}/targets`, body), {
    invalidate: [plansKey(props.governmentId)],
    successMessage: i18n.t('common.saved'),
    onSuccess: props.onClose,
    onError: (error) => {
      const placed = placeServerErrors(
        error,
        (p) => {
          const m = /^targets\.(\d+)\.(value|low|high)/.exec(p);
          if (m) {
            const year = sentYears.current[Number(m[1])];
            return year ? `${m[2] === 'value' ? 'v' : m[2] === 'low' ? 'l' : 'h'}${year}` : null;
          }
          const e = /^endTarget\.(value|low|high)/.exec(p);
          if (e) return e[1] === 'value' ? 'end' : e[1] === 'low' ? 'endLow' : 'endHigh';
          return null;
        },
        form.setErrors,
      );
      if (!placed) form.applyError(error);
    },
  });
  async function reload() {
    if (!version) return;
    setReloading(true);
    try {
      const latest = await api.get<PlanIndicator>(path);
      await client.invalidateQueries({ queryKey: plansKey(props.governmentId) });
      setVersion(latest);
      form.reset(targetValues(latest, years, locale));
    } catch (error) {
      form.applyError(error);
    } finally {
      setReloading(false);
    }
  }

  function submit() {
    if (!version) return;
    const errors: Record<string, string> = {};
    const read = (key: string): string | undefined => {
      const text = form.values[key] ?? '';
      if (!text.trim()) return undefined;
      const sent = decimalToSend(text, locale);
      if (!sent.ok) {
        errors[key] = sent.message;
        return undefined;
      }
      return sent.value;
    };
    const targets: { year: number; value?: string; low?: string; high?: string }[] = [];
    for (const year of years) {
      if (range) {
        const low = read(`l${year}`);
        const high = read(`h${year}`);
        if (low !== undefined || high !== undefined) targets.push({ year, low, high });
      } else {
        const value = read(`v${year}`);
        if (value !== undefined) targets.push({ year, value });
      }
    }
    let endTarget: { value?: string; low?: string; high?: string } | null = null;
    if (range) {
      const low = read('endLow');
      const high = read('endHigh');
      if (low !== undefined || high !== undefined) endTarget = { low, high };
    } else {
      const value = read('end');
      if (value !== undefined) endTarget = { value };
    }
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    form.setErrors({});
    form.setFormError(null);
    sentYears.current = targets.map((target) => target.year);
    save.mutate({ targets, endTarget, expectedUpdatedAt: version.updatedAt });
  }

  const label = version ? (version.code ? `${version.code} ${version.name}` : version.name) : '';
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={t('plans.targetsTitle')}
      submitting={save.isPending}
      formError={form.formError}
      stale={form.stale ? { message: form.stale, reload: () => void reload(), reloading } : null}
      onSubmit={submit}
    >
      <div>
        <Text fw={600} size="sm">
          {label}
        </Text>
        <Text size="xs" c="dimmed">
          {t('plans.targetsHint', { unit: version?.unitOfMeasure ?? '', decimals: version?.decimals ?? 0 })}
        </Text>
      </div>
      <SimpleGrid cols={{ base: range ? 1 : 2, sm: range ? 2 : 3 }}>
        {years.map((year) =>
          range ? (
            <Group key={year} gap="xs" grow wrap="nowrap" align="flex-start">
              <TextInput label={t('plans.targetYearLow', { year })} inputMode="decimal" {...form.text(`l${year}`)} />
              <TextInput label={t('plans.targetYearHigh', { year })} inputMode="decimal" {...form.text(`h${year}`)} />
            </Group>
          ) : (
            <TextInput
              key={year}
              label={t('plans.targetYear', { year })}
              inputMode="decimal"
              {...form.text(`v${year}`)}
            />
          ),
        )}
      </SimpleGrid>
      {range ? (
        <Group gap="xs" grow wrap="nowrap" align="flex-start">
          <TextInput label={t('plans.endTargetLow')} inputMode="decimal" {...form.text('endLow')} />
          <TextInput label={t('plans.endTargetHigh')} inputMode="decimal" {...form.text('endHigh')} />
        </Group>
      ) : (
        <TextInput label={t('plans.endTarget')} inputMode="decimal" {...form.text('end')} />
      )}
    </FormModal>
  );
}
