import { Anchor, Badge, Select, Text } from '@mantine/core';
import { type Agency, agencyKinds } from '@sidakin/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useCanEdit } from '../auth/session';
import { useGovList, useGovToggle } from '../lib/query';
import { CrudPage, useRecordModal } from '../ui/CrudPage';
import { ListCard } from '../ui/ListCard';
import { EditAction, IconAction, RowActions, ToggleActiveAction } from '../ui/RowActions';
import { StatusBadge } from '../ui/StatusBadge';
import { AgencyFormModal } from './AgencyForm';

export function AgenciesPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const modal = useRecordModal<Agency>();
  return (
    <CrudPage
      title={t('agencies.title')}
      description={t('agencies.description')}
      createLabel={canEdit ? t('agencies.create') : null}
      onCreate={modal.create}
    >
      {(governmentId) => (
        <>
          <AgencyList governmentId={governmentId} canEdit={canEdit} onEdit={modal.edit} />
          {canEdit ? (
            <AgencyFormModal
              governmentId={governmentId}
              agency={modal.record}
              opened={modal.opened}
              onClose={modal.close}
            />
          ) : null}
        </>
      )}
    </CrudPage>
  );
}

function AgencyList(props: { governmentId: string; canEdit: boolean; onEdit: (agency: Agency) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useGovList<Agency>(props.governmentId, 'agencies', { filters: ['kind'] });
  const toggle = useGovToggle(props.governmentId, 'agencies');
  const kind = list.params.get('kind');
  return (
    <ListCard
      list={list}
      searchLabel={t('agencies.searchLabel')}
      minWidth={680}
      filters={
        <Select
          aria-label={t('agencies.kindFilter')}
          placeholder={t('agencies.kindFilter')}
          clearable
          w={{ base: '100%', sm: 220 }}
          value={kind}
          onChange={(value) => list.params.update({ kind: value })}
          data={agencyKinds.map((k) => ({ value: k, label: t(`agencies.kinds.${k}`) }))}
          comboboxProps={{ withinPortal: true }}
        />
      }
      columns={[
        {
          header: t('agencies.name'),
          cell: (a) => (
            <>
              <Anchor component={Link} to={`/organisasi/perangkat-daerah/${a.id}`} fw={600}>
                {a.name}
              </Anchor>
              {a.shortName ? (
                <Text size="xs" c="dimmed">
                  {a.shortName}
                </Text>
              ) : null}
            </>
          ),
        },
        {
          header: t('agencies.kind'),
          cell: (a) => (
            <Badge variant="light" color="sidakin" radius="sm">
              {t(`agencies.kinds.${a.kind}`)}
            </Badge>
          ),
        },
        {
          header: t('agencies.code'),
          cell: (a) => (
            <Text size="sm" ff="monospace">
              {a.code}
            </Text>
          ),
        },
        { header: t('common.status'), cell: (a) => <StatusBadge active={a.active} /> },
        {
          header: t('common.actions'),
          align: 'right',
          cell: (a) => (
            <RowActions>
              <IconAction
                label={t('agencies.open', { name: a.name })}
                onClick={() => navigate(`/organisasi/perangkat-daerah/${a.id}`)}
              >
                <IconArrowRight size={18} />
              </IconAction>
              {props.canEdit ? (
                <>
                  <EditAction name={a.name} onClick={() => props.onEdit(a)} />
                  <ToggleActiveAction name={a.name} record={a} toggle={toggle} />
                </>
              ) : null}
            </RowActions>
          ),
        },
      ]}
    />
  );
}
