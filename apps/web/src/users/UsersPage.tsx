import { Badge, PasswordInput, Select, Text, TextInput } from '@mantine/core';
import { createUserBody, resetPasswordBody, roles, type UserRecord, updateUserBody } from '@sidakin/core';
import { IconKey, IconShieldCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { api, govPath } from '../lib/api';
import { useRecordEditor } from '../lib/editor';
import { useForm } from '../lib/form';
import { formatNip } from '../lib/format';
import { govKey, useApiMutation, useGovList, useGovToggle } from '../lib/query';
import { EmployeeSelect, employeeLabel } from '../people/EmployeeSelect';
import { useFormatters } from '../shell/government';
import { CrudPage, useRecordModal } from '../ui/CrudPage';
import { FormModal } from '../ui/FormModal';
import { ListCard } from '../ui/ListCard';
import { EditAction, IconAction, RowActions, ToggleActiveAction } from '../ui/RowActions';
import { StatusBadge } from '../ui/StatusBadge';

const assignableRoles = ['gov_admin', 'member'] as const;

export function UsersPage() {
  const { t } = useTranslation();
  const modal = useRecordModal<UserRecord>();
  const [resetting, setResetting] = useState<UserRecord | null>(null);
  return (
    <CrudPage
      title={t('users.title')}
      description={t('users.description')}
      createLabel={t('users.create')}
      onCreate={modal.create}
    >
      {(governmentId) => (
        <>
          <UserList governmentId={governmentId} onEdit={modal.edit} onReset={setResetting} />
          <UserFormModal governmentId={governmentId} user={modal.record} opened={modal.opened} onClose={modal.close} />
          <ResetPasswordModal governmentId={governmentId} user={resetting} onClose={() => setResetting(null)} />
        </>
      )}
    </CrudPage>
  );
}

function UserList(props: { governmentId: string; onEdit: (u: UserRecord) => void; onReset: (u: UserRecord) => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const f = useFormatters();
  const list = useGovList<UserRecord>(props.governmentId, 'users', { filters: ['role'] });
  const toggle = useGovToggle(props.governmentId, 'users');
  return (
    <ListCard
      list={list}
      searchLabel={t('users.searchLabel')}
      minWidth={900}
      filters={
        <Select
          aria-label={t('users.roleFilter')}
          placeholder={t('users.allRoles')}
          clearable
          w={{ base: '100%', sm: 230 }}
          value={list.params.get('role')}
          onChange={(value) => list.params.update({ role: value })}
          data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          comboboxProps={{ withinPortal: true }}
        />
      }
      columns={[
        {
          header: t('users.displayName'),
          cell: (u) => (
            <>
              <Text fw={600} size="sm">
                {u.displayName}
                {u.id === me.user.id ? (
                  <Badge ml={6} size="xs" variant="outline">
                    {t('users.you')}
                  </Badge>
                ) : null}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {u.username}
              </Text>
            </>
          ),
        },
        {
          header: t('users.role'),
          cell: (u) => (
            <Badge variant="light" color={u.role === 'member' ? 'gray' : 'sidakin'} radius="sm">
              {t(`roles.${u.role}`)}
            </Badge>
          ),
        },
        {
          header: t('users.employee'),
          cell: (u) =>
            u.employeeName ? (
              <>
                <Text size="sm">{u.employeeName}</Text>
                <Text size="xs" c="dimmed" className="nip">
                  {formatNip(u.employeeNip)}
                </Text>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                {t('users.employeeNone')}
              </Text>
            ),
        },
        {
          header: t('users.totp'),
          cell: (u) =>
            u.totpEnabled ? (
              <Badge color="teal" variant="light" leftSection={<IconShieldCheck size={12} />}>
                {t('users.totpOn')}
              </Badge>
            ) : (
              <Text size="sm" c="dimmed">
                {t('users.totpOff')}
              </Text>
            ),
        },
        {
          header: t('users.lastLogin'),
          cell: (u) => <Text size="sm">{u.lastLoginAt ? f.dateTime(u.lastLoginAt) : t('users.never')}</Text>,
        },
        { header: t('common.status'), cell: (u) => <StatusBadge active={u.active} /> },
        {
          header: t('common.actions'),
          align: 'right',
          // The system administrator is managed from the command line, not here.
          cell: (u) =>
            u.role === 'system_admin' ? null : (
              <RowActions>
                <EditAction name={u.displayName} onClick={() => props.onEdit(u)} />
                <IconAction
                  label={t('users.resetPasswordNamed', { name: u.displayName })}
                  onClick={() => props.onReset(u)}
                >
                  <IconKey size={18} />
                </IconAction>
                {/* Nobody deactivates their own account. */}
                {u.id === me.user.id ? null : <ToggleActiveAction name={u.displayName} record={u} toggle={toggle} />}
              </RowActions>
            ),
        },
      ]}
    />
  );
}

function valuesOf(u: UserRecord | null) {
  return {
    username: u?.username ?? '',
    displayName: u?.displayName ?? '',
    role: (u?.role ?? 'member') as string | null,
    employeeId: (u?.employeeId ?? null) as string | null,
    password: '',
  };
}

function UserFormModal(props: { governmentId: string; user: UserRecord | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { governmentId } = props;
  const form = useForm(valuesOf(props.user));
  const editor = useRecordEditor({
    form,
    record: props.user,
    opened: props.opened,
    valuesOf,
    path: govPath(governmentId, '/users'),
    invalidate: [govKey(governmentId), ['me']],
    onSaved: props.onClose,
  });
  // After loading the latest version, show that version's username and employee.
  const user = editor.record?.id === props.user?.id ? editor.record : props.user;
  const initialEmployee =
    user?.employeeName && user.employeeNip
      ? employeeLabel({ fullName: user.employeeName, nip: user.employeeNip })
      : null;
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={props.user ? t('users.editTitle') : t('users.createTitle')}
      submitting={editor.saving}
      formError={form.formError}
      stale={editor.stale}
      onSubmit={() => {
        const v = form.values;
        const body = editor.record
          ? form.validate(updateUserBody, {
              displayName: v.displayName,
              role: v.role ?? undefined,
              employeeId: v.employeeId ?? null,
              expectedUpdatedAt: editor.expectedUpdatedAt,
            })
          : form.validate(createUserBody, {
              username: v.username,
              displayName: v.displayName,
              role: v.role ?? undefined,
              employeeId: v.employeeId ?? null,
              password: v.password,
            });
        if (body) editor.save(body);
      }}
    >
      {user ? (
        <TextInput label={t('users.username')} value={user.username} readOnly disabled />
      ) : (
        <TextInput
          label={t('users.username')}
          description={t('users.usernameDescription')}
          required
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          {...form.text('username')}
        />
      )}
      <TextInput label={t('users.displayName')} required {...form.text('displayName')} />
      <Select
        label={t('users.role')}
        required
        allowDeselect={false}
        data={assignableRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        comboboxProps={{ withinPortal: true }}
        {...form.select('role')}
      />
      <EmployeeSelect
        key={`${user?.id ?? 'new'}-${user?.updatedAt}-${props.opened}`}
        label={t('users.employee')}
        description={t('users.employeeDescription')}
        initialLabel={initialEmployee}
        {...form.select('employeeId')}
      />
      {user ? null : (
        <PasswordInput
          label={t('users.password')}
          description={t('users.passwordDescription')}
          required
          autoComplete="new-password"
          {...form.text('password')}
        />
      )}
    </FormModal>
  );
}

function ResetPasswordModal(props: { governmentId: string; user: UserRecord | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { user } = props;
  const form = useForm({ newPassword: '' });
  const { reset } = form;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh form for each user
  useEffect(() => reset({ newPassword: '' }), [user?.id]);
  const save = useApiMutation(
    (body: unknown) => api.post(govPath(props.governmentId, `/users/${user?.id}/reset-password`), body),
    {
      invalidate: [govKey(props.governmentId)],
      successMessage: t('users.passwordReset'),
      onSuccess: props.onClose,
      onError: form.applyError,
    },
  );
  return (
    <FormModal
      opened={user !== null}
      onClose={props.onClose}
      title={t('users.resetPasswordTitle', { name: user?.displayName ?? '' })}
      submitting={save.isPending}
      formError={form.formError}
      submitLabel={t('users.resetPassword')}
      size="md"
      onSubmit={() => {
        const body = form.validate(resetPasswordBody, { newPassword: form.values.newPassword });
        if (body) save.mutate(body);
      }}
    >
      <PasswordInput
        label={t('users.newPassword')}
        description={t('users.passwordDescription')}
        required
        autoComplete="new-password"
        data-autofocus
        {...form.text('newPassword')}
      />
    </FormModal>
  );
}
