import { Button, Card, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { createEmployeeBody, type Employee, type Page, updateEmployeeBody } from '@sidakin/core';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanEdit } from '../auth/session';
import { api, govPath } from '../lib/api';
import { useForm } from '../lib/form';
import { formatNip } from '../lib/format';
import { useApiMutation, useListParams, useToggleActive } from '../lib/query';
import { govKey } from '../org/queries';
import { AgencySelect } from '../org/selects';
import { DataState } from '../ui/DataState';
import { FormModal } from '../ui/FormModal';
import { ListFooter } from '../ui/ListFooter';
import { ListToolbar } from '../ui/ListToolbar';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { EditAction, RowActions, ToggleActiveAction } from '../ui/RowActions';
import { StatusBadge } from '../ui/StatusBadge';

const pageSize = 20;

export function EmployeesPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const [editing, setEditing] = useState<Employee | null>(null);
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title={t('employees.title')}
        description={t('employees.description')}
        actions={
          canEdit ? (
            <Button
              leftSection={<IconPlus size={18} />}
              onClick={() => {
                setEditing(null);
                open();
              }}
            >
              {t('employees.create')}
            </Button>
          ) : null
        }
      />
      <NeedGovernment>
        {(governmentId) => (
          <>
            <EmployeeList
              governmentId={governmentId}
              canEdit={canEdit}
              onEdit={(e) => {
                setEditing(e);
                open();
              }}
            />
            {canEdit ? (
              <EmployeeFormModal governmentId={governmentId} employee={editing} opened={opened} onClose={close} />
            ) : null}
          </>
        )}
      </NeedGovernment>
    </>
  );
}

function EmployeeList(props: { governmentId: string; canEdit: boolean; onEdit: (e: Employee) => void }) {
  const { t } = useTranslation();
  const { governmentId } = props;
  const list = useListParams();
  const agencyId = list.get('agencyId');
  const query = useQuery({
    queryKey: [...govKey(governmentId), 'employees', 'list', list.q, list.page, list.active, agencyId],
    queryFn: () =>
      api.get<Page<Employee>>(govPath(governmentId, '/employees'), {
        // NIPs are often typed with the printed spaces; the server searches the digits.
        q: /^[\d\s]+$/.test(list.q) ? list.q.replace(/\s+/g, '') : list.q,
        page: list.page,
        pageSize,
        active: list.active,
        agencyId,
      }),
    placeholderData: keepPreviousData,
  });
  const toggle = useToggleActive((id) => govPath(governmentId, `/employees/${id}`), [govKey(governmentId)], {
    on: t('common.activated'),
    off: t('common.deactivated'),
  });
  const items = query.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="md">
      <ListToolbar list={list} searchLabel={t('employees.searchLabel')}>
        <AgencySelect
          aria-label={t('employees.agency')}
          placeholder={t('common.allAgencies')}
          clearable
          w={{ base: '100%', sm: 260 }}
          value={agencyId}
          onChange={(value) => list.update({ agencyId: value })}
        />
      </ListToolbar>
      <DataState loading={query.isLoading} error={query.error} empty={items.length === 0} filtered={list.filtered}>
        <Table.ScrollContainer minWidth={820}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('employees.fullName')}</Table.Th>
                <Table.Th>{t('employees.nip')}</Table.Th>
                <Table.Th>{t('employees.rankGrade')}</Table.Th>
                <Table.Th>{t('employees.agency')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                {props.canEdit ? <Table.Th ta="right">{t('common.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {e.fullName || e.name}
                    </Text>
                    {e.email ? (
                      <Text size="xs" c="dimmed">
                        {e.email}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace" className="nip">
                      {formatNip(e.nip)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{[e.rank, e.grade].filter(Boolean).join(', ') || '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.agencyName ?? t('employees.agencyNone')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge active={e.active} />
                  </Table.Td>
                  {props.canEdit ? (
                    <Table.Td>
                      <RowActions>
                        <EditAction name={e.fullName || e.name} onClick={() => props.onEdit(e)} />
                        <ToggleActiveAction
                          name={e.fullName || e.name}
                          active={e.active}
                          onToggle={(next) => toggle(e.id, next)}
                        />
                      </RowActions>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </DataState>
      <ListFooter page={list.page} pageSize={pageSize} total={query.data?.total ?? 0} onPage={list.setPage} />
    </Card>
  );
}

function valuesOf(e: Employee | null, agencyId: string | null) {
  return {
    nip: e ? formatNip(e.nip) : '',
    name: e?.name ?? '',
    frontTitle: e?.frontTitle ?? '',
    backTitle: e?.backTitle ?? '',
    rank: e?.rank ?? '',
    grade: e?.grade ?? '',
    agencyId: (e ? e.agencyId : agencyId) as string | null,
    email: e?.email ?? '',
    phone: e?.phone ?? '',
  };
}

function EmployeeFormModal(props: {
  governmentId: string;
  employee: Employee | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { employee, governmentId } = props;
  const list = useListParams();
  const form = useForm(valuesOf(employee, null));
  const { reset } = form;
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form only when the modal opens
  useEffect(() => {
    if (props.opened) reset(valuesOf(employee, list.get('agencyId')));
  }, [props.opened]);

  const save = useApiMutation(
    (body: unknown) =>
      employee
        ? api.patch<Employee>(govPath(governmentId, `/employees/${employee.id}`), body)
        : api.post<Employee>(govPath(governmentId, '/employees'), body),
    {
      invalidate: [govKey(governmentId)],
      successMessage: employee ? t('common.saved') : t('common.created'),
      onSuccess: props.onClose,
      onError: form.applyError,
    },
  );

  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={employee ? t('employees.editTitle') : t('employees.createTitle')}
      submitting={save.isPending}
      formError={form.formError}
      onSubmit={() => {
        const v = form.values;
        const data = {
          // The NIP is sent as digits; the server checks its date, sex and sequence parts.
          nip: v.nip.replace(/\s+/g, ''),
          name: v.name,
          frontTitle: v.frontTitle,
          backTitle: v.backTitle,
          rank: v.rank,
          grade: v.grade,
          agencyId: v.agencyId ?? null,
          email: v.email.trim(),
          phone: v.phone,
        };
        const body = employee ? form.validate(updateEmployeeBody, data) : form.validate(createEmployeeBody, data);
        if (body) save.mutate(body);
      }}
    >
      <TextInput
        label={t('employees.nip')}
        description={t('employees.nipDescription')}
        required
        inputMode="numeric"
        autoComplete="off"
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        data-autofocus
        {...form.text('nip')}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('employees.frontTitle')} {...form.text('frontTitle')} />
        <TextInput label={t('employees.name')} required {...form.text('name')} />
        <TextInput label={t('employees.backTitle')} {...form.text('backTitle')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('employees.rank')} {...form.text('rank')} />
        <TextInput label={t('employees.grade')} {...form.text('grade')} />
      </SimpleGrid>
      <AgencySelect
        label={t('employees.agency')}
        placeholder={t('employees.agencyNone')}
        clearable
        value={form.values.agencyId}
        onChange={(value) => form.setField('agencyId', value)}
        error={form.errors.agencyId}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('employees.email')} type="email" {...form.text('email')} />
        <TextInput label={t('employees.phone')} type="tel" {...form.text('phone')} />
      </SimpleGrid>
    </FormModal>
  );
}
