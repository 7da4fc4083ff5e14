import { Badge, Button, Card, PasswordInput, Select, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { createUserBody, type Page, resetPasswordBody, roles, type UserRecord, updateUserBody } from '@sidakin/core';
import { IconKey, IconPlus, IconShieldCheck } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { api, govPath } from '../lib/api';
import { useForm } from '../lib/form';
import { formatNip } from '../lib/format';
import { useApiMutation, useListParams, useToggleActive } from '../lib/query';
import { govKey } from '../org/queries';
import { EmployeeSelect, employeeLabel } from '../people/EmployeeSelect';
import { useFormatters } from '../shell/government';
import { DataState } from '../ui/DataState';
import { FormModal } from '../ui/FormModal';
import { ListFooter } from '../ui/ListFooter';
import { ListToolbar } from '../ui/ListToolbar';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { EditAction, IconAction, RowActions, ToggleActiveAction } from '../ui/RowActions';
import { StatusBadge } from '../ui/StatusBadge';

const pageSize = 20;
const assignableRoles = ['gov_admin', 'member'] as const;

export function UsersPage() {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<UserRecord | null>(null);
  const [resetting, setResetting] = useState<UserRecord | null>(null);
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          <Button
            leftSection={<IconPlus size={18} />}
            onClick={() => {
              setEditing(null);
              open();
            }}
          >
            {t('users.create')}
          </Button>
        }
      />
      <NeedGovernment>
        {(governmentId) => (
          <>
            <UserList
              governmentId={governmentId}
              onEdit={(u) => {
                setEditing(u);
                open();
              }}
              onReset={setResetting}
            />
            <UserFormModal governmentId={governmentId} user={editing} opened={opened} onClose={close} />
            <ResetPasswordModal governmentId={governmentId} user={resetting} onClose={() => setResetting(null)} />
          </>
        )}
      </NeedGovernment>
    </>
  );
}

function UserList(props: { governmentId: string; onEdit: (u: UserRecord) => void; onReset: (u: UserRecord) => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const f = useFormatters();
  const { governmentId } = props;
  const list = useListParams();
  const role = list.get('role');
  const query = useQuery({
    queryKey: [...govKey(governmentId), 'users', 'list', list.q, list.page, list.active, role],
    queryFn: () =>
      api.get<Page<UserRecord>>(govPath(governmentId, '/users'), {
        q: list.q,
        page: list.page,
        pageSize,
        active: list.active,
        role,
      }),
    placeholderData: keepPreviousData,
  });
  const toggle = useToggleActive((id) => govPath(governmentId, `/users/${id}`), [govKey(governmentId)], {
    on: t('common.activated'),
    off: t('common.deactivated'),
  });
  const items = query.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="md">
      <ListToolbar list={list} searchLabel={t('users.searchLabel')}>
        <Select
          aria-label={t('users.roleFilter')}
          placeholder={t('users.allRoles')}
          clearable
          w={{ base: '100%', sm: 230 }}
          value={role}
          onChange={(value) => list.update({ role: value })}
          data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          comboboxProps={{ withinPortal: true }}
        />
      </ListToolbar>
      <DataState loading={query.isLoading} error={query.error} empty={items.length === 0} filtered={list.filtered}>
        <Table.ScrollContainer minWidth={900}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.displayName')}</Table.Th>
                <Table.Th>{t('users.role')}</Table.Th>
                <Table.Th>{t('users.employee')}</Table.Th>
                <Table.Th>{t('users.totp')}</Table.Th>
                <Table.Th>{t('users.lastLogin')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th ta="right">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((u) => {
                const self = u.id === me.user.id;
                return (
                  <Table.Tr key={u.id}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {u.displayName}
                        {self ? (
                          <Badge ml={6} size="xs" variant="outline">
                            {t('users.you')}
                          </Badge>
                        ) : null}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {u.username}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={u.role === 'member' ? 'gray' : 'sidakin'} radius="sm">
                        {t(`roles.${u.role}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {u.employeeName ? (
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
                      )}
                    </Table.Td>
                    <Table.Td>
                      {u.totpEnabled ? (
                        <Badge color="teal" variant="light" leftSection={<IconShieldCheck size={12} />}>
                          {t('users.totpOn')}
                        </Badge>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('users.totpOff')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{u.lastLoginAt ? f.dateTime(u.lastLoginAt) : t('users.never')}</Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge active={u.active} />
                    </Table.Td>
                    <Table.Td>
                      {u.role === 'system_admin' ? null : (
                        <RowActions>
                          <EditAction name={u.displayName} onClick={() => props.onEdit(u)} />
                          <IconAction
                            label={t('users.resetPasswordNamed', { name: u.displayName })}
                            onClick={() => props.onReset(u)}
                          >
                            <IconKey size={18} />
                          </IconAction>
                          {self ? null : (
                            <ToggleActiveAction
                              name={u.displayName}
                              active={u.active}
                              onToggle={(next) => toggle(u.id, next)}
                            />
                          )}
                        </RowActions>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </DataState>
      <ListFooter page={list.page} pageSize={pageSize} total={query.data?.total ?? 0} onPage={list.setPage} />
    </Card>
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
  const { user, governmentId } = props;
  const form = useForm(valuesOf(user));
  const { reset } = form;
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form only when the modal opens
  useEffect(() => {
    if (props.opened) reset(valuesOf(user));
  }, [props.opened]);
  const save = useApiMutation(
    (body: unknown) =>
      user
        ? api.patch<UserRecord>(govPath(governmentId, `/users/${user.id}`), body)
        : api.post<UserRecord>(govPath(governmentId, '/users'), body),
    {
      invalidate: [govKey(governmentId), ['me']],
      successMessage: user ? t('common.saved') : t('common.created'),
      onSuccess: props.onClose,
      onError: form.applyError,
    },
  );
  const initialEmployee =
    user?.employeeName && user.employeeNip
      ? employeeLabel({ fullName: user.employeeName, nip: user.employeeNip })
      : null;
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={user ? t('users.editTitle') : t('users.createTitle')}
      submitting={save.isPending}
      formError={form.formError}
      onSubmit={() => {
        const v = form.values;
        const body = user
          ? form.validate(updateUserBody, {
              displayName: v.displayName,
              role: v.role ?? undefined,
              employeeId: v.employeeId ?? null,
            })
          : form.validate(createUserBody, {
              username: v.username,
              displayName: v.displayName,
              role: v.role ?? undefined,
              employeeId: v.employeeId ?? null,
              password: v.password,
            });
        if (body) save.mutate(body);
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
        key={`${user?.id ?? 'new'}-${props.opened}`}
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
