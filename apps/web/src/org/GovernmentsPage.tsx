import { Anchor, Badge, Button, Card, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { createGovernmentBody, type Government, type Page } from '@sidakin/core';
import { IconArrowRight, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../auth/session';
import { api } from '../lib/api';
import { useForm } from '../lib/form';
import { zoneLabel } from '../lib/format';
import { useApiMutation, useListParams, useToggleActive } from '../lib/query';
import { DataState } from '../ui/DataState';
import { FormModal } from '../ui/FormModal';
import { ListFooter } from '../ui/ListFooter';
import { ListToolbar } from '../ui/ListToolbar';
import { PageHeader } from '../ui/PageHeader';
import { IconAction, RowActions, ToggleActiveAction } from '../ui/RowActions';
import { StatusBadge } from '../ui/StatusBadge';
import {
  GovernmentContactFields,
  GovernmentIdentityFields,
  governmentBody,
  governmentValues,
  RequireTotpField,
} from './GovernmentFields';

const pageSize = 20;

export function GovernmentsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const isSystemAdmin = me.user.role === 'system_admin';
  const list = useListParams();
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);

  const query = useQuery({
    queryKey: ['governments', 'list', list.q, list.page, list.active],
    queryFn: () =>
      api.get<Page<Government>>('/governments', { q: list.q, page: list.page, pageSize, active: list.active }),
    placeholderData: keepPreviousData,
  });
  const toggle = useToggleActive((id) => `/governments/${id}`, [['governments'], ['me']], {
    on: t('common.activated'),
    off: t('common.deactivated'),
  });
  const items = query.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('governments.title')}
        description={t('governments.description')}
        actions={
          isSystemAdmin ? (
            <Button leftSection={<IconPlus size={18} />} onClick={openCreate}>
              {t('governments.create')}
            </Button>
          ) : null
        }
      />
      <Card withBorder radius="md" padding="md">
        <ListToolbar list={list} searchLabel={t('governments.searchLabel')} />
        <DataState loading={query.isLoading} error={query.error} empty={items.length === 0} filtered={list.filtered}>
          <Table.ScrollContainer minWidth={720}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('governments.columns.name')}</Table.Th>
                  <Table.Th>{t('governments.columns.kind')}</Table.Th>
                  <Table.Th>{t('governments.columns.province')}</Table.Th>
                  <Table.Th>{t('governments.columns.timeZone')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                  <Table.Th ta="right">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/organisasi/pemerintah/${g.id}`} fw={600}>
                        {g.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {g.code}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`governments.kinds.${g.kind}`)}</Table.Td>
                    <Table.Td>{g.province || '—'}</Table.Td>
                    <Table.Td>
                      <Badge variant="outline" color="sidakin" radius="sm">
                        {zoneLabel(g.timeZone)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge active={g.active} />
                    </Table.Td>
                    <Table.Td>
                      <RowActions>
                        <IconAction
                          label={t('governments.open', { name: g.name })}
                          onClick={() => navigate(`/organisasi/pemerintah/${g.id}`)}
                        >
                          <IconArrowRight size={18} />
                        </IconAction>
                        {isSystemAdmin ? (
                          <ToggleActiveAction name={g.name} active={g.active} onToggle={(next) => toggle(g.id, next)} />
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
      </Card>
      {isSystemAdmin ? (
        <CreateGovernmentModal
          opened={creating}
          onClose={closeCreate}
          onCreated={(g) => navigate(`/organisasi/pemerintah/${g.id}`)}
        />
      ) : null}
    </>
  );
}

function CreateGovernmentModal(props: { opened: boolean; onClose: () => void; onCreated: (g: Government) => void }) {
  const { t } = useTranslation();
  const form = useForm(governmentValues());
  const create = useApiMutation((body: unknown) => api.post<Government>('/governments', body), {
    invalidate: [['governments']],
    successMessage: t('common.created'),
    onSuccess: (g) => {
      props.onClose();
      form.reset(governmentValues());
      props.onCreated(g);
    },
    onError: form.applyError,
  });
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={t('governments.createTitle')}
      submitting={create.isPending}
      formError={form.formError}
      onSubmit={() => {
        const body = form.validate(createGovernmentBody, governmentBody(form.values, 'create'));
        if (body) create.mutate(body);
      }}
    >
      <GovernmentIdentityFields form={form} mode="create" />
      <GovernmentContactFields form={form} />
      <RequireTotpField form={form} />
    </FormModal>
  );
}
