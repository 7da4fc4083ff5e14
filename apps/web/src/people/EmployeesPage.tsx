import { Anchor, SimpleGrid, Text, TextInput } from '@mantine/core';
import { createEmployeeBody, type Employee, updateEmployeeBody } from '@sidakin/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCanEdit } from '../auth/session';
import { govPath } from '../lib/api';
import { useRecordEditor } from '../lib/editor';
import { useForm } from '../lib/form';
import { formatNip } from '../lib/format';
import { govKey, useGovList, useGovToggle, useListParams } from '../lib/query';
import { AgencySelect } from '../org/selects';
import { CrudPage, useRecordModal } from '../ui/CrudPage';
import { FormModal } from '../ui/FormModal';
import { ListCard } from '../ui/ListCard';
import { EditAction, RowActions, ToggleActiveAction } from '../ui/RowActions';
import { StatusBadge } from '../ui/StatusBadge';

export function EmployeesPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const modal = useRecordModal<Employee>();
  return (
    <CrudPage
      title={t('employees.title')}
      description={t('employees.description')}
      createLabel={canEdit ? t('employees.create') : null}
      onCreate={modal.create}
    >
      {(governmentId) => (
        <>
          <EmployeeList governmentId={governmentId} canEdit={canEdit} onEdit={modal.edit} />
          {canEdit ? (
            <EmployeeFormModal
              governmentId={governmentId}
              employee={modal.record}
              opened={modal.opened}
              onClose={modal.close}
            />
          ) : null}
        </>
      )}
    </CrudPage>
  );
}

/** NIPs are often typed with the printed spaces; the server searches the digits. */
function nipAwareSearch(q: string): string {
  return /^[\d\s]+$/.test(q) ? q.replace(/\s+/g, '') : q;
}

function EmployeeList(props: { governmentId: string; canEdit: boolean; onEdit: (e: Employee) => void }) {
  const { t } = useTranslation();
  const { governmentId } = props;
  const list = useGovList<Employee>(governmentId, 'employees', { filters: ['agencyId'], search: nipAwareSearch });
  const toggle = useGovToggle(governmentId, 'employees');
  return (
    <ListCard
      list={list}
      searchLabel={t('employees.searchLabel')}
      minWidth={820}
      filters={
        <AgencySelect
          aria-label={t('employees.agency')}
          placeholder={t('common.allAgencies')}
          clearable
          w={{ base: '100%', sm: 260 }}
          value={list.params.get('agencyId')}
          onChange={(value) => list.params.update({ agencyId: value })}
        />
      }
      columns={[
        {
          header: t('employees.fullName'),
          cell: (e) => (
            <>
              <Anchor component={Link} to={`/pegawai/${e.id}`} fw={600} size="sm">
                {e.fullName || e.name}
              </Anchor>
              {e.email ? (
                <Text size="xs" c="dimmed">
                  {e.email}
                </Text>
              ) : null}
            </>
          ),
        },
        {
          header: t('employees.nip'),
          cell: (e) => (
            <Text size="sm" ff="monospace" className="nip">
              {formatNip(e.nip)}
            </Text>
          ),
        },
        {
          header: t('employees.rankGrade'),
          cell: (e) => <Text size="sm">{[e.rank, e.grade].filter(Boolean).join(', ') || '—'}</Text>,
        },
        {
          header: t('employees.agency'),
          cell: (e) => <Text size="sm">{e.agencyName ?? t('employees.agencyNone')}</Text>,
        },
        { header: t('common.status'), cell: (e) => <StatusBadge active={e.active} /> },
        props.canEdit && {
          header: t('common.actions'),
          align: 'right',
          cell: (e) => (
            <RowActions>
              <EditAction name={e.fullName || e.name} onClick={() => props.onEdit(e)} />
              <ToggleActiveAction name={e.fullName || e.name} record={e} toggle={toggle} />
            </RowActions>
          ),
        },
      ]}
    />
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
  const editor = useRecordEditor({
    form,
    record: employee,
    opened: props.opened,
    // A new employee starts in the agency the list is filtered by.
    valuesOf: (e) => valuesOf(e, list.get('agencyId')),
    path: govPath(governmentId, '/employees'),
    invalidate: [govKey(governmentId)],
    onSaved: props.onClose,
  });

  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={employee ? t('employees.editTitle') : t('employees.createTitle')}
      submitting={editor.saving}
      formError={form.formError}
      stale={editor.stale}
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
        const body = editor.record
          ? form.validate(updateEmployeeBody, { ...data, expectedUpdatedAt: editor.expectedUpdatedAt })
          : form.validate(createEmployeeBody, data);
        if (body) editor.save(body);
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
