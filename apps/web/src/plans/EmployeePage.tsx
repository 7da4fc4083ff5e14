import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import {
  type Agreement,
  type AgreementDetail,
  createIndividualIndicatorBody,
  type Employee,
  type IndividualIndicator,
  type Page,
  quarters,
} from '@sidakin/core';
import { IconAlertTriangle, IconArrowLeft, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCanEdit } from '../auth/session';
import { api, govPath } from '../lib/api';
import { useForm } from '../lib/form';
import { formatNip } from '../lib/format';
import { govKey, useApiMutation } from '../lib/query';
import { UnitSelect } from '../org/selects';
import { DataState } from '../ui/DataState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { FormModal } from '../ui/FormModal';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { StatusBadge } from '../ui/StatusBadge';
import { decimalToSend, formatTarget, quarterLabels } from './model';
import { placeServerErrors } from './PlanForms';
import { yearChoices } from './PlansPage';
import { useEmployeeIndicators, useLocale } from './queries';

/** An employee and their individual indicators (IKI) per year. */
export function EmployeePage() {
  return <NeedGovernment>{(governmentId) => <EmployeeView governmentId={governmentId} />}</NeedGovernment>;
}

function EmployeeView({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const { employeeId = '' } = useParams();
  const canEdit = useCanEdit();
  const [year, setYear] = useState<string | null>(String(new Date().getFullYear()));
  const [adding, setAdding] = useState(false);
  const employee = useQuery({
    queryKey: [...govKey(governmentId), 'employees', 'one', employeeId],
    queryFn: () => api.get<Employee>(govPath(governmentId, `/employees/${employeeId}`)),
  });
  const back = (
    <Anchor component={Link} to="/pegawai" size="sm" mb="xs" display="inline-flex">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden />
        {t('iki.backToEmployees')}
      </Group>
    </Anchor>
  );
  if (employee.isLoading) {
    return (
      <>
        <PageHeader title={t('employees.title')} above={back} />
        <Skeleton h={240} radius="md" />
      </>
    );
  }
  if (employee.error || !employee.data) {
    return (
      <>
        <PageHeader title={t('employees.title')} above={back} />
        <ErrorAlert error={employee.error ?? new Error(t('iki.employeeNotFound'))} />
      </>
    );
  }
  const e = employee.data;
  return (
    <>
      <PageHeader
        above={back}
        title={e.fullName || e.name}
        description={
          <Group gap="xs" component="span" wrap="wrap">
            <Text span size="sm" className="nip">
              {t('employees.nip')} {formatNip(e.nip)}
            </Text>
            {e.agencyName ? (
              <Badge variant="light" color="sidakin" radius="sm">
                {e.agencyName}
              </Badge>
            ) : null}
            {[e.rank, e.grade].filter(Boolean).length > 0 ? (
              <span>{[e.rank, e.grade].filter(Boolean).join(', ')}</span>
            ) : null}
            <StatusBadge active={e.active} />
          </Group>
        }
      />
      <IndicatorsCard
        governmentId={governmentId}
        employee={e}
        year={year}
        onYear={setYear}
        canEdit={canEdit}
        onAdd={() => setAdding(true)}
      />
      {canEdit ? (
        <AddIndividualModal
          governmentId={governmentId}
          employee={e}
          year={year}
          opened={adding}
          onClose={() => setAdding(false)}
        />
      ) : null}
    </>
  );
}

function IndicatorsCard(props: {
  governmentId: string;
  employee: Employee;
  year: string | null;
  onYear: (year: string | null) => void;
  canEdit: boolean;
  onAdd: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useEmployeeIndicators(props.governmentId, props.employee.id, props.year ? Number(props.year) : null);
  const items = list.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
        <Text fw={700} size="lg" component="h2" m={0}>
          {t('iki.title')}
        </Text>
        <Group gap="sm">
          <Select
            aria-label={t('iki.year')}
            placeholder={t('plans.anyYear')}
            clearable
            w={130}
            data={yearChoices()}
            value={props.year}
            onChange={props.onYear}
            comboboxProps={{ withinPortal: true }}
          />
          {props.canEdit ? (
            <Button size="sm" leftSection={<IconPlus size={16} />} onClick={props.onAdd} disabled={!props.year}>
              {t('iki.add')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <DataState loading={list.isLoading} error={list.error} empty={items.length === 0} emptyText={t('iki.empty')}>
        <Table.ScrollContainer minWidth={860}>
          <Table withTableBorder withColumnBorders fz="sm" verticalSpacing={6} aria-label={t('iki.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('iki.year')}</Table.Th>
                <Table.Th>{t('iki.indicator')}</Table.Th>
                <Table.Th>{t('plans.unitOfMeasure')}</Table.Th>
                <Table.Th ta="right">{t('agreements.annualTarget')}</Table.Th>
                {quarters.map((q) => (
                  <Table.Th key={q} ta="right">
                    {quarterLabels[q]}
                  </Table.Th>
                ))}
                <Table.Th>{t('agreements.notes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((iki: IndividualIndicator) => (
                <Table.Tr key={iki.id}>
                  <Table.Td>{iki.year}</Table.Td>
                  <Table.Td miw={240}>
                    <Text size="sm" fw={500} c={iki.active ? undefined : 'dimmed'}>
                      {iki.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('iki.cascadedFrom', {
                        name: iki.parentIndicatorName,
                        unit: iki.unitName ?? t('agreements.levels.agency'),
                      })}
                    </Text>
                    {iki.active ? null : <StatusBadge active={false} />}
                  </Table.Td>
                  <Table.Td>{iki.unitOfMeasure}</Table.Td>
                  <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {formatTarget(iki.annual, iki.decimals, locale)}
                  </Table.Td>
                  {quarters.map((q) => (
                    <Table.Td key={q} ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatTarget(iki.quarters[q], iki.decimals, locale)}
                    </Table.Td>
                  ))}
                  <Table.Td miw={160}>
                    {iki.warnings.map((w) => (
                      <Group key={`${w.code}-${w.path}`} gap={4} wrap="nowrap" align="flex-start">
                        <IconAlertTriangle
                          size={14}
                          color="var(--mantine-color-orange-7)"
                          aria-hidden
                          style={{ flexShrink: 0 }}
                        />
                        <Text size="xs" c="orange.9">
                          {w.message}
                        </Text>
                      </Group>
                    ))}
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

/** The indicators of the agreement in force for the unit (or the agency) and year: what an IKI cascades from. */
function useParentIndicators(
  governmentId: string,
  agencyId: string | null,
  unitId: string | null,
  year: string | null,
) {
  return useQuery({
    queryKey: [...govKey(governmentId), 'performance-agreements', 'parents', agencyId, unitId, year],
    enabled: Boolean(agencyId && year),
    queryFn: async () => {
      const page = await api.get<Page<Agreement>>(govPath(governmentId, '/performance-agreements'), {
        agencyId,
        unitId: unitId ?? undefined,
        level: unitId ? 'unit' : 'agency',
        year,
        pageSize: 5,
      });
      const current = page.items.find((a) => (unitId ? a.unitId === unitId : a.unitId === null));
      if (!current) return [];
      const detail = await api.get<AgreementDetail>(govPath(governmentId, `/performance-agreements/${current.id}`));
      return detail.indicators;
    },
  });
}

function AddIndividualModal(props: {
  governmentId: string;
  employee: Employee;
  year: string | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const initial = {
    unitId: null as string | null,
    parentIndicatorId: null as string | null,
    name: '',
    unitOfMeasure: '',
    annual: '',
    q1: '',
    q2: '',
    q3: '',
    q4: '',
  };
  const form = useForm(initial);
  const parents = useParentIndicators(props.governmentId, props.employee.agencyId, form.values.unitId, props.year);
  const save = useApiMutation(
    (body: unknown) => api.post<unknown>(govPath(props.governmentId, '/individual-indicators'), body),
    {
      invalidate: [[...govKey(props.governmentId), 'individual-indicators']],
      successMessage: t('common.created'),
      onSuccess: () => {
        form.reset(initial);
        props.onClose();
      },
      onError: (error) => {
        const placed = placeServerErrors(
          error,
          (path) => {
            const m = /^quarters\.(q[1-4])/.exec(path);
            if (m) return m[1] ?? null;
            const field = path.split('.')[0] ?? '';
            return field in initial ? field : null;
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
      title={t('iki.addTitle', { year: props.year ?? '' })}
      submitting={save.isPending}
      formError={form.formError}
      onSubmit={() => {
        const v = form.values;
        const errors: Record<string, string> = {};
        const read = (key: 'annual' | 'q1' | 'q2' | 'q3' | 'q4') => {
          if (!v[key].trim()) return null;
          const sent = decimalToSend(v[key], locale);
          if (!sent.ok) {
            errors[key] = sent.message;
            return null;
          }
          return { value: sent.value };
        };
        const annual = read('annual');
        const qs = Object.fromEntries(quarters.map((q) => [q, read(q)]));
        if (Object.keys(errors).length > 0) {
          form.setErrors(errors);
          return;
        }
        const body = form.validate(createIndividualIndicatorBody, {
          employeeId: props.employee.id,
          unitId: v.unitId,
          year: Number(props.year),
          parentIndicatorId: v.parentIndicatorId ?? '',
          name: v.name.trim() || undefined,
          unitOfMeasure: v.unitOfMeasure.trim() || undefined,
          annual,
          quarters: qs,
        });
        if (body) save.mutate(body);
      }}
    >
      <UnitSelect
        agencyId={props.employee.agencyId}
        label={t('iki.unit')}
        description={t('iki.unitHint')}
        placeholder={t('agreements.agencyItself')}
        clearable
        value={form.values.unitId}
        onChange={(value) => {
          form.setField('unitId', value);
          form.setField('parentIndicatorId', null);
        }}
        error={form.errors.unitId}
      />
      <Select
        label={t('iki.parent')}
        required
        placeholder={parents.data && parents.data.length === 0 ? t('iki.noParents') : undefined}
        data={(parents.data ?? []).map((p) => ({
          value: p.indicatorId,
          label: p.code ? `${p.code} ${p.name}` : p.name,
        }))}
        comboboxProps={{ withinPortal: true }}
        searchable
        {...form.select('parentIndicatorId')}
      />
      <TextInput label={t('iki.name')} description={t('iki.nameHint')} {...form.text('name')} />
      <TextInput label={t('plans.unitOfMeasure')} description={t('iki.nameHint')} {...form.text('unitOfMeasure')} />
      <Stack gap={4}>
        <TextInput label={t('agreements.annualTarget')} inputMode="decimal" {...form.text('annual')} />
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
      </Stack>
    </FormModal>
  );
}
