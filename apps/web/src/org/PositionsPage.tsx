import { Button, Card, NumberInput, Select, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { createPositionBody, type Page, type Position, positionKinds, updatePositionBody } from '@sidakin/core';
import { IconPlus, IconUserCheck } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanEdit } from '../auth/session';
import { api, govPath } from '../lib/api';
import { useForm } from '../lib/form';
import { useApiMutation, useListParams, useToggleActive } from '../lib/query';
import { DataState } from '../ui/DataState';
import { FormModal } from '../ui/FormModal';
import { ListFooter } from '../ui/ListFooter';
import { ListToolbar } from '../ui/ListToolbar';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { EditAction, IconAction, RowActions, ToggleActiveAction } from '../ui/RowActions';
import { StatusBadge } from '../ui/StatusBadge';
import { AssignmentDrawer } from './AssignmentDrawer';
import { ActingCell, HolderCell } from './PositionCells';
import { govKey } from './queries';
import { AgencySelect, UnitSelect } from './selects';

const pageSize = 20;

export function PositionsPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const [editing, setEditing] = useState<Position | null>(null);
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title={t('positions.title')}
        description={t('positions.description')}
        actions={
          canEdit ? (
            <Button
              leftSection={<IconPlus size={18} />}
              onClick={() => {
                setEditing(null);
                open();
              }}
            >
              {t('positions.create')}
            </Button>
          ) : null
        }
      />
      <NeedGovernment>
        {(governmentId) => (
          <PositionList
            governmentId={governmentId}
            canEdit={canEdit}
            onEdit={(p) => {
              setEditing(p);
              open();
            }}
            form={
              canEdit ? (
                <PositionFormModal governmentId={governmentId} position={editing} opened={opened} onClose={close} />
              ) : null
            }
          />
        )}
      </NeedGovernment>
    </>
  );
}

function PositionList(props: {
  governmentId: string;
  canEdit: boolean;
  onEdit: (p: Position) => void;
  form: ReactNode;
}) {
  const { t } = useTranslation();
  const { governmentId } = props;
  const list = useListParams();
  const agencyId = list.get('agencyId');
  const unitId = list.get('unitId');
  const [officials, setOfficials] = useState<string | null>(null);
  const query = useQuery({
    queryKey: [...govKey(governmentId), 'positions', 'list', list.q, list.page, list.active, agencyId, unitId],
    queryFn: () =>
      api.get<Page<Position>>(govPath(governmentId, '/positions'), {
        q: list.q,
        page: list.page,
        pageSize,
        active: list.active,
        agencyId,
        unitId,
      }),
    placeholderData: keepPreviousData,
  });
  const toggle = useToggleActive((id) => govPath(governmentId, `/positions/${id}`), [govKey(governmentId)], {
    on: t('common.activated'),
    off: t('common.deactivated'),
  });
  const items = query.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="md">
      <ListToolbar list={list} searchLabel={t('positions.searchLabel')}>
        <AgencySelect
          aria-label={t('positions.agency')}
          placeholder={t('common.allAgencies')}
          clearable
          w={{ base: '100%', sm: 260 }}
          value={agencyId}
          onChange={(value) => list.update({ agencyId: value, unitId: null })}
        />
        <UnitSelect
          aria-label={t('positions.unit')}
          placeholder={t('common.allUnits')}
          clearable
          w={{ base: '100%', sm: 240 }}
          agencyId={agencyId}
          value={unitId}
          onChange={(value) => list.update({ unitId: value })}
        />
      </ListToolbar>
      <DataState loading={query.isLoading} error={query.error} empty={items.length === 0} filtered={list.filtered}>
        <Table.ScrollContainer minWidth={960}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('positions.name')}</Table.Th>
                <Table.Th>{t('positions.unit')}</Table.Th>
                <Table.Th>{t('positions.kind')}</Table.Th>
                <Table.Th>{t('positions.holder')}</Table.Th>
                <Table.Th>{t('positions.acting')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th ta="right">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {p.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {p.agencyName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{p.unitName ?? '—'}</Table.Td>
                  <Table.Td>{t(`positions.kinds.${p.kind}`)}</Table.Td>
                  <Table.Td>
                    <HolderCell position={p} />
                  </Table.Td>
                  <Table.Td>
                    <ActingCell position={p} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge active={p.active} />
                  </Table.Td>
                  <Table.Td>
                    <RowActions>
                      <IconAction
                        label={t('positions.officialsNamed', { name: p.name })}
                        onClick={() => setOfficials(p.id)}
                      >
                        <IconUserCheck size={18} />
                      </IconAction>
                      {props.canEdit ? (
                        <>
                          <EditAction name={p.name} onClick={() => props.onEdit(p)} />
                          <ToggleActiveAction name={p.name} active={p.active} onToggle={(next) => toggle(p.id, next)} />
                        </>
                      ) : null}
                    </RowActions>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </DataState>
      <ListFooter page={list.page} pageSize={pageSize} total={query.data?.total ?? 0} onPage={list.setPage} />
      {props.form}
      <AssignmentDrawer
        governmentId={governmentId}
        positionId={officials}
        canEdit={props.canEdit}
        onClose={() => setOfficials(null)}
      />
    </Card>
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
  const { reset } = form;
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form only when the modal opens
  useEffect(() => {
    if (!props.opened) return;
    const initial = valuesOf(position);
    // A new position starts in the agency / unit the list is filtered by.
    if (!position) {
      initial.agencyId = list.get('agencyId');
      initial.unitId = list.get('unitId');
    }
    reset(initial);
  }, [props.opened]);

  const save = useApiMutation(
    (body: unknown) =>
      position
        ? api.patch<Position>(govPath(governmentId, `/positions/${position.id}`), body)
        : api.post<Position>(govPath(governmentId, '/positions'), body),
    {
      invalidate: [govKey(governmentId)],
      successMessage: position ? t('common.saved') : t('common.created'),
      onSuccess: props.onClose,
      onError: form.applyError,
    },
  );

  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={position ? t('positions.editTitle') : t('positions.createTitle')}
      submitting={save.isPending}
      formError={form.formError}
      onSubmit={() => {
        const v = form.values;
        const common = {
          unitId: v.unitId ?? null,
          name: v.name,
          code: v.code,
          kind: v.kind ?? undefined,
          sortOrder: v.sortOrder === '' ? undefined : Number(v.sortOrder),
        };
        const body = position
          ? form.validate(updatePositionBody, common)
          : form.validate(createPositionBody, { ...common, agencyId: v.agencyId ?? undefined });
        if (body) save.mutate(body);
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
