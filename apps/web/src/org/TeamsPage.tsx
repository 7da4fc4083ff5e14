import {
  Alert,
  Autocomplete,
  Badge,
  Button,
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
import { useMediaQuery } from '@mantine/hooks';
import { addTeamMemberBody, createTeamBody, type Team, updateTeamBody } from '@sidakin/core';
import { IconAlertTriangle, IconPlus, IconUserMinus, IconUsersGroup } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanEdit } from '../auth/session';
import { api, govPath } from '../lib/api';
import { useRecordEditor } from '../lib/editor';
import { useForm } from '../lib/form';
import { govKey, useApiMutation, useGovList, useGovToggle, useListParams } from '../lib/query';
import { EmployeeSelect } from '../people/EmployeeSelect';
import { ConfirmModal } from '../ui/ConfirmModal';
import { CrudPage, useRecordModal } from '../ui/CrudPage';
import { ErrorAlert } from '../ui/ErrorAlert';
import { FormModal } from '../ui/FormModal';
import { ListCard } from '../ui/ListCard';
import { EditAction, IconAction, RowActions, ToggleActiveAction } from '../ui/RowActions';
import { StatusBadge } from '../ui/StatusBadge';
import { useTeam } from './queries';
import { AgencySelect, PositionSelect } from './selects';

const standardRoles = ['ketua', 'sekretaris', 'anggota'] as const;

export function TeamsPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const modal = useRecordModal<Team>();
  return (
    <CrudPage
      title={t('teams.title')}
      description={t('teams.description')}
      createLabel={canEdit ? t('teams.create') : null}
      onCreate={modal.create}
    >
      {(governmentId) => (
        <>
          <TeamList governmentId={governmentId} canEdit={canEdit} onEdit={modal.edit} />
          {canEdit ? (
            <TeamFormModal
              governmentId={governmentId}
              team={modal.record}
              opened={modal.opened}
              onClose={modal.close}
            />
          ) : null}
        </>
      )}
    </CrudPage>
  );
}

function TeamList(props: { governmentId: string; canEdit: boolean; onEdit: (team: Team) => void }) {
  const { t } = useTranslation();
  const { governmentId } = props;
  const list = useGovList<Team>(governmentId, 'teams', { filters: ['agencyId'] });
  const toggle = useGovToggle(governmentId, 'teams');
  const [membersOf, setMembersOf] = useState<string | null>(null);
  return (
    <ListCard
      list={list}
      searchLabel={t('teams.searchLabel')}
      minWidth={720}
      filters={
        <AgencySelect
          aria-label={t('teams.agency')}
          placeholder={t('common.allAgencies')}
          clearable
          w={{ base: '100%', sm: 260 }}
          value={list.params.get('agencyId')}
          onChange={(value) => list.params.update({ agencyId: value })}
        />
      }
      columns={[
        {
          header: t('teams.name'),
          cell: (team) => (
            <>
              <Text fw={600} size="sm">
                {team.name}
              </Text>
              {team.description ? (
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {team.description}
                </Text>
              ) : null}
            </>
          ),
        },
        { header: t('teams.agency'), cell: (team) => team.agencyName },
        { header: t('teams.members'), cell: (team) => <MembersSummary team={team} /> },
        { header: t('common.status'), cell: (team) => <StatusBadge active={team.active} /> },
        {
          header: t('common.actions'),
          align: 'right',
          cell: (team) => (
            <RowActions>
              <IconAction label={t('teams.membersNamed', { name: team.name })} onClick={() => setMembersOf(team.id)}>
                <IconUsersGroup size={18} />
              </IconAction>
              {props.canEdit ? (
                <>
                  <EditAction name={team.name} onClick={() => props.onEdit(team)} />
                  <ToggleActiveAction name={team.name} record={team} toggle={toggle} />
                </>
              ) : null}
            </RowActions>
          ),
        },
      ]}
    >
      <MembersDrawer
        governmentId={governmentId}
        teamId={membersOf}
        canEdit={props.canEdit}
        onClose={() => setMembersOf(null)}
      />
    </ListCard>
  );
}

/** The first three members (ketua first as the server orders them), and how many more. */
function MembersSummary({ team }: { team: Team }) {
  const { t } = useTranslation();
  return (
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
  );
}

function roleLabel(role: string, t: TFunction): string {
  return (standardRoles as readonly string[]).includes(role)
    ? t(`teams.roles.${role as (typeof standardRoles)[number]}`)
    : role.replace(/[_-]+/g, ' ');
}

function TeamFormModal(props: { governmentId: string; team: Team | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { team, governmentId } = props;
  const list = useListParams();
  const valuesOf = (tm: Team | null) => ({
    // A new team starts in the agency the list is filtered by.
    agencyId: (tm ? tm.agencyId : list.get('agencyId')) as string | null,
    name: tm?.name ?? '',
    code: tm?.code ?? '',
    description: tm?.description ?? '',
  });
  const form = useForm(valuesOf(team));
  const editor = useRecordEditor({
    form,
    record: team,
    opened: props.opened,
    valuesOf,
    path: govPath(governmentId, '/teams'),
    invalidate: [govKey(governmentId)],
    onSaved: props.onClose,
  });
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={team ? t('teams.editTitle') : t('teams.createTitle')}
      submitting={editor.saving}
      formError={form.formError}
      stale={editor.stale}
      onSubmit={() => {
        const v = form.values;
        const common = { name: v.name, code: v.code, description: v.description };
        const body = editor.record
          ? form.validate(updateTeamBody, { ...common, expectedUpdatedAt: editor.expectedUpdatedAt })
          : form.validate(createTeamBody, { ...common, agencyId: v.agencyId ?? undefined });
        if (body) editor.save(body);
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
