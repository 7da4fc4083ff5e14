import { Anchor, Badge, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { createGovernmentBody, type Government } from '@sidakin/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../auth/session';
import { api } from '../lib/api';
import { useForm } from '../lib/form';
import { zoneLabel } from '../lib/format';
import { useApiMutation, usePagedList, useToggleActive } from '../lib/query';
import { CrudPage } from '../ui/CrudPage';
import { FormModal } from '../ui/FormModal';
import { ListCard } from '../ui/ListCard';
import { IconAction, RowActions, ToggleActiveAction } from '../ui/RowActions';
import { StatusBadge } from '../ui/StatusBadge';
import {
  GovernmentContactFields,
  GovernmentIdentityFields,
  governmentBody,
  governmentValues,
  RequireTotpField,
} from './GovernmentFields';

export function GovernmentsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const isSystemAdmin = me.user.role === 'system_admin';
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);
  // Governments are above any one government, so this list needs none chosen.
  const list = usePagedList<Government>({ queryKey: ['governments'], path: '/governments' });
  const toggle = useToggleActive((id) => `/governments/${id}`, [['governments'], ['government'], ['me']]);

  return (
    <CrudPage
      title={t('governments.title')}
      description={t('governments.description')}
      createLabel={isSystemAdmin ? t('governments.create') : null}
      onCreate={openCreate}
    >
      <ListCard
        list={list}
        searchLabel={t('governments.searchLabel')}
        minWidth={720}
        columns={[
          {
            header: t('governments.columns.name'),
            cell: (g) => (
              <>
                <Anchor component={Link} to={`/organisasi/pemerintah/${g.id}`} fw={600}>
                  {g.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {g.code}
                </Text>
              </>
            ),
          },
          { header: t('governments.columns.kind'), cell: (g) => t(`governments.kinds.${g.kind}`) },
          { header: t('governments.columns.province'), cell: (g) => g.province || '—' },
          {
            header: t('governments.columns.timeZone'),
            cell: (g) => (
              <Badge variant="outline" color="sidakin" radius="sm">
                {zoneLabel(g.timeZone)}
              </Badge>
            ),
          },
          { header: t('common.status'), cell: (g) => <StatusBadge active={g.active} /> },
          {
            header: t('common.actions'),
            align: 'right',
            cell: (g) => (
              <RowActions>
                <IconAction
                  label={t('governments.open', { name: g.name })}
                  onClick={() => navigate(`/organisasi/pemerintah/${g.id}`)}
                >
                  <IconArrowRight size={18} />
                </IconAction>
                {isSystemAdmin ? <ToggleActiveAction name={g.name} record={g} toggle={toggle} /> : null}
              </RowActions>
            ),
          },
        ]}
      />
      {isSystemAdmin ? (
        <CreateGovernmentModal
          opened={creating}
          onClose={closeCreate}
          onCreated={(g) => navigate(`/organisasi/pemerintah/${g.id}`)}
        />
      ) : null}
    </CrudPage>
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
