import {
  Alert,
  Autocomplete,
  Badge,
  Button,
  Card,
  Divider,
  Drawer,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { addTeamMemberBody, createTeamBody, type Page, type Team, updateTeamBody } from '@sidakin/core';
import { IconAlertTriangle, IconPlus, IconUserMinus, IconUsersGroup } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanEdit } from '../auth/session';
import { api, govPath } from '../lib/api';
import { useForm } from '../lib/form';
import { useApiMutation, useListParams, useToggleActive } from '../lib/query';
import { EmployeeSelect } from '../people/EmployeeSelect';
import { ConfirmModal } from '../ui/ConfirmModal';
import { DataState } from '../ui/DataState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { FormModal } from '../ui/FormModal';
import { ListFooter } from '../ui/ListFooter';
import { ListToolbar } from '../ui/ListToolbar';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { EditAction, IconAction, RowActions, ToggleActiveAction } from '../ui/RowActions';
import { StatusBadge } from '../ui/StatusBadge';
import { govKey, useTeam } from './queries';
import { AgencySelect, PositionSelect } from './selects';

const pageSize = 20;
const standardRoles = ['ketua', 'sekretaris', 'anggota'] as const;

export function TeamsPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const [editing, setEditing] = useState<Team | null>(null);
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title={t('teams.title')}
        description={t('teams.description')}
        actions={
          canEdit ? (
            <Button
              leftSection={<IconPlus size={18} />}
              onClick={() => {
                setEditing(null);
                open();
              }}
            >
              {t('teams.create')}
            </Button>
          ) : null
        }
      />
      <NeedGovernment>
        {(governmentId) => (
          <>
            <TeamList
              governmentId={governmentId}
              canEdit={canEdit}
              onEdit={(team) => {
                setEditing(team);
                open();
              }}
            />
            {canEdit ? (
              <TeamFormModal governmentId={governmentId} team={editing} opened={opened} onClose={close} />
            ) : null}
          </>
        )}
      </NeedGovernment>
    </>
  );
}

function TeamList(props: { governmentId: string; canEdit: boolean; onEdit: (team: Team) => void }) {
  const { t } = useTranslation();
  const { governmentId } = props;
  const list = useListParams();
  const agencyId = list.get('agencyId');
  const [membersOf, setMembersOf] = useState<string | null>(null);
  const query = useQuery({
    queryKey: [...govKey(governmentId), 'teams', 'list', list.q, list.page, list.active, agencyId],
    queryFn: () =>
      api.get<Page<Team>>(govPath(governmentId, '/teams'), {
        q: list.q,
        page: list.page,
        pageSize,
        active: list.active,
        agencyId,
      }),
    placeholderData: keepPreviousData,
  });
  const toggle = useToggleActive((id) => govPath(governmentId, `/teams/${id}`), [govKey(governmentId)], {
    on: t('common.activated'),
    off: t('common.deactivated'),
  });
  const items = query.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="md">
      <ListToolbar list={list} searchLabel={t('teams.searchLabel')}>
        <AgencySelect
          aria-label={t('teams.agency')}
          placeholder={t('common.allAgencies')}
          clearable
          w={{ base: '100%', sm: 260 }}
          value={agencyId}
          onChange={(value) => list.update({ agencyId: value })}
        />
      </ListToolbar>
      <DataState loading={query.isLoading} error={query.error} empty={items.length === 0} filtered={list.filtered}>
        <Table.ScrollContainer minWidth={720}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('teams.name')}</Table.Th>
                <Table.Th>{t('teams.agency')}</Table.Th>
                <Table.Th>{t('teams.members')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th ta="right">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((team) => (
                <Table.Tr key={team.id}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {team.name}
                    </Text>
                    {team.description ? (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {team.description}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{team.agencyName}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {team.members.slice(0, 3).map((m) => (
                        <Text key={m.id} size="sm" lineClamp={1}>
                          <Text span fw={600} size="sm" c={m.role === 'ketua' ? 'sidakin.8' : undefined}>
                            {roleLabel(m.role, t)}:
                          </Text>{' '}
                          {m.positionName ?? m.employeeName ?? '—'}
                        </Text>
                      ))}
                      {team.members.length > 3 ? (
                        <Text size="xs" c="dimmed">
                          {t('teams.moreMembers', { count: team.members.length - 3 })}
                        </Text>
                      ) : null}
                      {team.members.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          {t('teams.noMembers')}
                        </Text>
                      ) : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge active={team.active} />
                  </Table.Td>
                  <Table.Td>
                    <RowActions>
                      <IconAction
                        label={t('teams.membersNamed', { name: team.name })}
                        onClick={() => setMembersOf(team.id)}
                      >
                        <IconUsersGroup size={18} />
                      </IconAction>
                      {props.canEdit ? (
                        <>
                          <EditAction name={team.name} onClick={() => props.onEdit(team)} />
                          <ToggleActiveAction
                            name={team.name}
                            active={team.active}
                            onToggle={(next) => toggle(team.id, next)}
                          />
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
      <MembersDrawer
        governmentId={governmentId}
        teamId={membersOf}
        canEdit={props.canEdit}
        onClose={() => setMembersOf(null)}
      />
    </Card>
  );
}

type T = ReturnType<typeof useTranslation>['t'];
function roleLabel(role: string, t: T): string {
  return (standardRoles as readonly string[]).includes(role)
    ? t(`teams.roles.${role as (typeof standardRoles)[number]}`)
    : role.replace(/[_-]+/g, ' ');
}

function TeamFormModal(props: { governmentId: string; team: Team | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { team, governmentId } = props;
  const list = useListParams();
  const valuesOf = () => ({
    agencyId: (team?.agencyId ?? list.get('agencyId')) as string | null,
    name: team?.name ?? '',
    code: team?.code ?? '',
    description: team?.description ?? '',
  });
  const form = useForm(valuesOf());
  const { reset } = form;
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form only when the modal opens
  useEffect(() => {
    if (props.opened) reset(valuesOf());
  }, [props.opened]);
  const save = useApiMutation(
    (body: unknown) =>
      team
        ? api.patch<Team>(govPath(governmentId, `/teams/${team.id}`), body)
        : api.post<Team>(govPath(governmentId, '/teams'), body),
    {
      invalidate: [govKey(governmentId)],
      successMessage: team ? t('common.saved') : t('common.created'),
      onSuccess: props.onClose,
      onError: form.applyError,
    },
  );
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={team ? t('teams.editTitle') : t('teams.createTitle')}
      submitting={save.isPending}
      formError={form.formError}
      onSubmit={() => {
        const v = form.values;
        const common = { name: v.name, code: v.code, description: v.description };
        const body = team
          ? form.validate(updateTeamBody, common)
          : form.validate(createTeamBody, { ...common, agencyId: v.agencyId ?? undefined });
        if (body) save.mutate(body);
      }}
    >
      <AgencySelect
        label={t('teams.agency')}
        required
        disabled={Boolean(team)}
        value={form.values.agencyId}
        onChange={(value) => form.setField('agencyId', value)}
        error={form.errors.agencyId}
      />
      <TextInput label={t('teams.name')} placeholder={t('teams.namePlaceholder')} required {...form.text('name')} />
      <TextInput label={t('teams.code')} required autoCapitalize="none" {...form.text('code')} />
      <Textarea label={t('common.description')} autosize minRows={2} {...form.text('description')} />
    </FormModal>
  );
}

function MembersDrawer(props: { governmentId: string; teamId: string | null; canEdit: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const team = useTeam(props.teamId);
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const remove = useApiMutation(
    (memberId: string) => api.delete(govPath(props.governmentId, `/teams/${props.teamId}/members/${memberId}`)),
    {
      invalidate: [govKey(props.governmentId)],
      successMessage: t('teams.memberRemoved'),
      onSuccess: () => setRemoving(null),
    },
  );
  const data = team.data;
  return (
    <Drawer
      opened={Boolean(props.teamId)}
      onClose={props.onClose}
      position="right"
      size={phone ? '100%' : 'lg'}
      title={data ? t('teams.membersNamed', { name: data.name }) : t('teams.members')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      {team.isLoading ? <Skeleton h={200} /> : null}
      {team.error ? <ErrorAlert error={team.error} /> : null}
      {data ? (
        <Stack gap="lg">
          <Text size="sm" c="dimmed">
            {data.agencyName}
          </Text>
          {data.members.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('teams.noMembers')}
            </Text>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('teams.role')}</Table.Th>
                  <Table.Th>{t('teams.bindTo')}</Table.Th>
                  {props.canEdit ? <Table.Th ta="right">{t('common.actions')}</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.members.map((m) => {
                  const who = m.positionName ?? m.employeeName ?? '—';
                  return (
                    <Table.Tr key={m.id}>
                      <Table.Td>
                        <Badge variant="light" color={m.role === 'ketua' ? 'sidakin' : 'gray'} radius="sm">
                          {roleLabel(m.role, t)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {who}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {m.positionId ? t('teams.bindPosition') : t('teams.bindEmployee')}
                        </Text>
                      </Table.Td>
                      {props.canEdit ? (
                        <Table.Td>
                          <RowActions>
                            <IconAction
                              label={t('teams.removeMember', { name: who })}
                              color="red"
                              onClick={() => setRemoving({ id: m.id, name: who })}
                            >
                              <IconUserMinus size={18} />
                            </IconAction>
                          </RowActions>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
          {props.canEdit && data.active ? (
            <>
              <Divider />
              <AddMemberForm governmentId={props.governmentId} team={data} />
            </>
          ) : null}
        </Stack>
      ) : null}
      <ConfirmModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('teams.confirmRemoveTitle', { name: removing?.name ?? '' })}
        body={t('teams.confirmRemoveBody')}
        confirmLabel={t('teams.remove')}
        loading={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing.id)}
      />
    </Drawer>
  );
}

function AddMemberForm({ governmentId, team }: { governmentId: string; team: Team }) {
  const { t } = useTranslation();
  const initial = () => ({
    role: 'anggota',
    bind: 'position',
    positionId: null as string | null,
    employeeId: null as string | null,
  });
  const form = useForm(initial());
  const [formKey, setFormKey] = useState(0);
  const add = useApiMutation((body: unknown) => api.post(govPath(governmentId, `/teams/${team.id}/members`), body), {
    invalidate: [govKey(governmentId)],
    successMessage: t('teams.memberAdded'),
    onSuccess: () => {
      form.reset(initial());
      setFormKey((k) => k + 1);
    },
    onError: form.applyError,
  });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const v = form.values;
        const body = form.validate(addTeamMemberBody, {
          role: v.role.trim().toLowerCase(),
          ...(v.bind === 'position'
            ? { positionId: v.positionId ?? undefined }
            : { employeeId: v.employeeId ?? undefined }),
        });
        if (body) add.mutate(body);
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('teams.addMember')}
        </Title>
        {form.formError ? (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={16} />}>
            {form.formError}
          </Alert>
        ) : null}
        <Autocomplete
          label={t('teams.role')}
          description={t('teams.roleDescription')}
          required
          data={[...standardRoles]}
          value={form.values.role}
          onChange={(value) => form.setField('role', value)}
          error={form.errors.role}
          comboboxProps={{ withinPortal: true }}
        />
        <SegmentedControl
          aria-label={t('teams.bindTo')}
          value={form.values.bind}
          onChange={(value) => form.setField('bind', value)}
          data={[
            { value: 'position', label: t('teams.bindPosition') },
            { value: 'employee', label: t('teams.bindEmployee') },
          ]}
        />
        {form.values.bind === 'position' ? (
          <PositionSelect
            key={`p${formKey}`}
            label={t('teams.position')}
            description={t('teams.bindPositionHint')}
            required
            agencyId={team.agencyId}
            value={form.values.positionId}
            onChange={(value) => form.setField('positionId', value)}
            error={form.errors.positionId}
          />
        ) : (
          <EmployeeSelect
            key={`e${formKey}`}
            label={t('teams.employee')}
            required
            value={form.values.employeeId}
            onChange={(value) => form.setField('employeeId', value)}
            error={form.errors.employeeId ?? form.errors.positionId}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconPlus size={16} />} loading={add.isPending}>
            {t('teams.addMember')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
