import { Anchor, Badge, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { createPlanBody, type Plan, planStatuses, updatePlanBody } from '@sidakin/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCanEdit } from '../auth/session';
import { govPath } from '../lib/api';
import { useRecordEditor } from '../lib/editor';
import { blankToUndefined, useForm } from '../lib/form';
import { useGovList, useGovToggle } from '../lib/query';
import { AgencySelect } from '../org/selects';
import { CrudPage, useRecordModal } from '../ui/CrudPage';
import { FormModal } from '../ui/FormModal';
import { ListCard } from '../ui/ListCard';
import { EditAction, RowActions, ToggleActiveAction } from '../ui/RowActions';
import { StatusBadge } from '../ui/StatusBadge';
import { plansKey } from './queries';

/** Years people pick from: the plans of today run about five years either side. */
export function yearChoices(around = new Date().getFullYear()): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  for (let year = around + 5; year >= around - 8; year -= 1) out.push({ value: String(year), label: String(year) });
  return out;
}

const statusColor = { draft: 'gray', established: 'teal', ended: 'dark' } as const;

export function PlanStatusBadge({ status }: { status: Plan['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="light" radius="sm">
      {t(`plans.statuses.${status}`)}
    </Badge>
  );
}

export function PlansPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const modal = useRecordModal<Plan>();
  return (
    <CrudPage
      title={t('plans.title')}
      description={t('plans.description')}
      createLabel={canEdit ? t('plans.create') : null}
      onCreate={modal.create}
    >
      {(governmentId) => (
        <>
          <PlanList governmentId={governmentId} canEdit={canEdit} onEdit={modal.edit} />
          {canEdit ? (
            <PlanFormModal
              governmentId={governmentId}
              plan={modal.record}
              opened={modal.opened}
              onClose={modal.close}
            />
          ) : null}
        </>
      )}
    </CrudPage>
  );
}

function PlanList(props: { governmentId: string; canEdit: boolean; onEdit: (plan: Plan) => void }) {
  const { t } = useTranslation();
  const list = useGovList<Plan>(props.governmentId, 'plans', { filters: ['agencyId', 'year'] });
  const toggle = useGovToggle(props.governmentId, 'plans');
  return (
    <ListCard
      list={list}
      searchLabel={t('plans.searchLabel')}
      minWidth={760}
      filters={
        <>
          <AgencySelect
            aria-label={t('plans.agency')}
            placeholder={t('common.allAgencies')}
            clearable
            w={{ base: '100%', sm: 240 }}
            value={list.params.get('agencyId')}
            onChange={(value) => list.params.update({ agencyId: value })}
          />
          <Select
            aria-label={t('plans.yearFilter')}
            placeholder={t('plans.anyYear')}
            clearable
            w={{ base: '100%', sm: 150 }}
            data={yearChoices()}
            value={list.params.get('year')}
            onChange={(value) => list.params.update({ year: value })}
            comboboxProps={{ withinPortal: true }}
          />
        </>
      }
      columns={[
        {
          header: t('plans.name'),
          cell: (plan) => (
            <>
              <Anchor component={Link} to={`/rencana/${plan.id}`} fw={600} size="sm">
                {plan.name}
              </Anchor>
              {plan.decreeNumber ? (
                <Text size="xs" c="dimmed">
                  {plan.decreeNumber}
                </Text>
              ) : null}
            </>
          ),
        },
        { header: t('plans.agency'), cell: (plan) => <Text size="sm">{plan.agencyName}</Text> },
        {
          header: t('plans.period'),
          cell: (plan) => (
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {plan.startYear}–{plan.endYear}
            </Text>
          ),
        },
        {
          header: t('common.status'),
          cell: (plan) => (
            <>
              <PlanStatusBadge status={plan.status} />
              {plan.active ? null : <StatusBadge active={false} />}
            </>
          ),
        },
        props.canEdit && {
          header: t('common.actions'),
          align: 'right',
          cell: (plan) => (
            <RowActions>
              <EditAction name={plan.name} onClick={() => props.onEdit(plan)} />
              <ToggleActiveAction name={plan.name} record={plan} toggle={toggle} />
            </RowActions>
          ),
        },
      ]}
    />
  );
}

function valuesOf(plan: Plan | null) {
  const year = new Date().getFullYear();
  return {
    agencyId: (plan?.agencyId ?? null) as string | null,
    name: plan?.name ?? '',
    startYear: String(plan?.startYear ?? year),
    endYear: String(plan?.endYear ?? year + 4),
    status: (plan?.status ?? 'draft') as string | null,
    decreeNumber: plan?.decreeNumber ?? '',
    description: plan?.description ?? '',
  };
}

export function PlanFormModal(props: {
  governmentId: string;
  plan: Plan | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm(valuesOf(props.plan));
  const editor = useRecordEditor({
    form,
    record: props.plan,
    opened: props.opened,
    valuesOf,
    path: govPath(props.governmentId, '/plans'),
    invalidate: [plansKey(props.governmentId)],
    onSaved: props.onClose,
  });
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={props.plan ? t('plans.editTitle') : t('plans.createTitle')}
      submitting={editor.saving}
      formError={form.formError}
      stale={editor.stale}
      onSubmit={() => {
        const v = form.values;
        const data = {
          name: v.name,
          startYear: Number(v.startYear),
          endYear: Number(v.endYear),
          status: v.status ?? undefined,
          decreeNumber: blankToUndefined(v.decreeNumber) ?? '',
          description: v.description,
        };
        const body = editor.record
          ? form.validate(updatePlanBody, { ...data, expectedUpdatedAt: editor.expectedUpdatedAt })
          : form.validate(createPlanBody, { ...data, agencyId: v.agencyId ?? '' });
        if (body) editor.save(body);
      }}
    >
      {props.plan ? null : (
        <AgencySelect
          label={t('plans.agency')}
          required
          value={form.values.agencyId}
          onChange={(value) => form.setField('agencyId', value)}
          error={form.errors.agencyId}
        />
      )}
      <TextInput label={t('plans.name')} required data-autofocus {...form.text('name')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('plans.startYear')} required inputMode="numeric" {...form.text('startYear')} />
        <TextInput label={t('plans.endYear')} required inputMode="numeric" {...form.text('endYear')} />
        <Select
          label={t('common.status')}
          data={planStatuses.map((s) => ({ value: s, label: t(`plans.statuses.${s}`) }))}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.select('status')}
        />
      </SimpleGrid>
      <TextInput label={t('plans.decreeNumber')} {...form.text('decreeNumber')} />
      <TextInput label={t('common.description')} {...form.text('description')} />
    </FormModal>
  );
}
