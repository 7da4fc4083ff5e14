import { NumberInput, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { createPositionBody, type Position, positionKinds, updatePositionBody } from '@sidakin/core';
import { IconUserCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanEdit } from '../auth/session';
import { govPath } from '../lib/api';
import { useRecordEditor } from '../lib/editor';
import { useForm } from '../lib/form';
import { govKey, useGovList, useGovToggle, useListParams } from '../lib/query';
import { CrudPage, useRecordModal } from '../ui/CrudPage';
import { FormModal } from '../ui/FormModal';
import { ListCard } from '../ui/ListCard';
import { EditAction, IconAction, RowActions, ToggleActiveAction } from '../ui/RowActions';
import { StatusBadge } from '../ui/StatusBadge';
import { AssignmentDrawer } from './AssignmentDrawer';
import { ActingCell, HolderCell } from './PositionCells';
import { AgencySelect, UnitSelect } from './selects';

export function PositionsPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const modal = useRecordModal<Position>();
  return (
    <CrudPage
      title={t('positions.title')}
      description={t('positions.description')}
      createLabel={canEdit ? t('positions.create') : null}
      onCreate={modal.create}
    >
      {(governmentId) => (
        <>
          <PositionList governmentId={governmentId} canEdit={canEdit} onEdit={modal.edit} />
          {canEdit ? (
            <PositionFormModal
              governmentId={governmentId}
              position={modal.record}
              opened={modal.opened}
              onClose={modal.close}
            />
          ) : null}
        </>
      )}
    </CrudPage>
  );
}

function PositionList(props: { governmentId: string; canEdit: boolean; onEdit: (p: Position) => void }) {
  const { t } = useTranslation();
  const { governmentId } = props;
  const list = useGovList<Position>(governmentId, 'positions', { filters: ['agencyId', 'unitId'] });
  const toggle = useGovToggle(governmentId, 'positions');
  const agencyId = list.params.get('agencyId');
  const [officials, setOfficials] = useState<string | null>(null);
  return (
    <ListCard
      list={list}
      searchLabel={t('positions.searchLabel')}
      minWidth={960}
      filters={
        <>
          <AgencySelect
            aria-label={t('positions.agency')}
            placeholder={t('common.allAgencies')}
            clearable
            w={{ base: '100%', sm: 260 }}
            value={agencyId}
            onChange={(value) => list.params.update({ agencyId: value, unitId: null })}
          />
          <UnitSelect
            aria-label={t('positions.unit')}
            placeholder={t('common.allUnits')}
            clearable
            w={{ base: '100%', sm: 240 }}
            agencyId={agencyId}
            value={list.params.get('unitId')}
            onChange={(value) => list.params.update({ unitId: value })}
          />
        </>
      }
      columns={[
        {
          header: t('positions.name'),
          cell: (p) => (
            <>
              <Text fw={600} size="sm">
                {p.name}
              </Text>
              <Text size="xs" c="dimmed">
                {p.agencyName}
              </Text>
            </>
          ),
        },
        { header: t('positions.unit'), cell: (p) => p.unitName ?? '—' },
        { header: t('positions.kind'), cell: (p) => t(`positions.kinds.${p.kind}`) },
        { header: t('positions.holder'), cell: (p) => <HolderCell position={p} /> },
        { header: t('positions.acting'), cell: (p) => <ActingCell position={p} /> },
        { header: t('common.status'), cell: (p) => <StatusBadge active={p.active} /> },
        {
          header: t('common.actions'),
          align: 'right',
          cell: (p) => (
            <RowActions>
              <IconAction label={t('positions.officialsNamed', { name: p.name })} onClick={() => setOfficials(p.id)}>
                <IconUserCheck size={18} />
              </IconAction>
              {props.canEdit ? (
                <>
                  <EditAction name={p.name} onClick={() => props.onEdit(p)} />
                  <ToggleActiveAction name={p.name} record={p} toggle={toggle} />
                </>
              ) : null}
            </RowActions>
          ),
        },
      ]}
    >
      <AssignmentDrawer
        governmentId={governmentId}
        positionId={officials}
        canEdit={props.canEdit}
        onClose={() => setOfficials(null)}
      />
    </ListCard>
  );
}

function valuesOf(p: Position | null) {
  return {
    agencyId: (p?.agencyId ?? null) as string | null,
    unitId: (p?.unitId ?? null) as string | null,
    name: p?.name ?? '',
    code: p?.code ?? '',
    kind: (p?.kind ?? 'staff') as string | null,
    sortOrder: (p?.sortOrder ?? 0) as number | string,
  };
}

function PositionFormModal(props: {
  governmentId: string;
  position: Position | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { position, governmentId } = props;
  const list = useListParams();
  const form = useForm(valuesOf(position));
  const editor = useRecordEditor({
    form,
    record: position,
    opened: props.opened,
    // A new position starts in the agency / unit the list is filtered by.
    valuesOf: (p) =>
      p ? valuesOf(p) : { ...valuesOf(null), agencyId: list.get('agencyId'), unitId: list.get('unitId') },
    path: govPath(governmentId, '/positions'),
    invalidate: [govKey(governmentId)],
    onSaved: props.onClose,
  });

  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={position ? t('positions.editTitle') : t('positions.createTitle')}
      submitting={editor.saving}
      formError={form.formError}
      stale={editor.stale}
      onSubmit={() => {
        const v = form.values;
        const common = {
          unitId: v.unitId ?? null,
          name: v.name,
          code: v.code,
          kind: v.kind ?? undefined,
          sortOrder: v.sortOrder === '' ? undefined : Number(v.sortOrder),
        };
        const body = editor.record
          ? form.validate(updatePositionBody, { ...common, expectedUpdatedAt: editor.expectedUpdatedAt })
          : form.validate(createPositionBody, { ...common, agencyId: v.agencyId ?? undefined });
        if (body) editor.save(body);
      }}
    >
      <AgencySelect
        label={t('positions.agency')}
        required
        disabled={Boolean(position)}
        value={form.values.agencyId}
        onChange={(value) => {
          form.setField('agencyId', value);
          form.setField('unitId', null);
        }}
        error={form.errors.agencyId}
      />
      <UnitSelect
        label={t('positions.unit')}
        placeholder={t('positions.unitNone')}
        clearable
        agencyId={form.values.agencyId}
        {...form.select('unitId')}
      />
      <TextInput
        label={t('positions.name')}
        placeholder={t('positions.namePlaceholder')}
        required
        {...form.text('name')}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('positions.code')} required autoCapitalize="none" {...form.text('code')} />
        <Select
          label={t('positions.kind')}
          required
          allowDeselect={false}
          data={positionKinds.map((kind) => ({ value: kind, label: t(`positions.kinds.${kind}`) }))}
          comboboxProps={{ withinPortal: true }}
          {...form.select('kind')}
        />
        <NumberInput
          label={t('common.sortOrder')}
          min={0}
          max={100000}
          allowDecimal={false}
          value={form.values.sortOrder}
          onChange={(value) => form.setField('sortOrder', value)}
          error={form.errors.sortOrder}
        />
      </SimpleGrid>
    </FormModal>
  );
}
