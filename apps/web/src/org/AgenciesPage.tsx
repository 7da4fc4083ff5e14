import { Anchor, Badge, Button, Card, Select, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type Agency, agencyKinds, type Page } from '@sidakin/core';
import { IconArrowRight, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useCanEdit } from '../auth/session';
import { api, govPath } from '../lib/api';
import { useListParams, useToggleActive } from '../lib/query';
import { DataState } from '../ui/DataState';
import { ListFooter } from '../ui/ListFooter';
import { ListToolbar } from '../ui/ListToolbar';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { EditAction, IconAction, RowActions, ToggleActiveAction } from '../ui/RowActions';
import { StatusBadge } from '../ui/StatusBadge';
import { AgencyFormModal } from './AgencyForm';
import { govKey } from './queries';

const pageSize = 20;

export function AgenciesPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const [editing, setEditing] = useState<Agency | null>(null);
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title={t('agencies.title')}
        description={t('agencies.description')}
        actions={
          canEdit ? (
            <Button
              leftSection={<IconPlus size={18} />}
              onClick={() => {
                setEditing(null);
                open();
              }}
            >
              {t('agencies.create')}
            </Button>
          ) : null
        }
      />
      <NeedGovernment>
        {(governmentId) => (
          <>
            <AgencyList
              governmentId={governmentId}
              canEdit={canEdit}
              onEdit={(agency) => {
                setEditing(agency);
                open();
              }}
            />
            {canEdit ? (
              <AgencyFormModal governmentId={governmentId} agency={editing} opened={opened} onClose={close} />
            ) : null}
          </>
        )}
      </NeedGovernment>
    </>
  );
}

function AgencyList(props: { governmentId: string; canEdit: boolean; onEdit: (agency: Agency) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useListParams();
  const kind = list.get('kind');
  const { governmentId } = props;
  const query = useQuery({
    queryKey: [...govKey(governmentId), 'agencies', 'list', list.q, list.page, list.active, kind],
    queryFn: () =>
      api.get<Page<Agency>>(govPath(governmentId, '/agencies'), {
        q: list.q,
        page: list.page,
        pageSize,
        active: list.active,
        kind,
      }),
    placeholderData: keepPreviousData,
  });
  const toggle = useToggleActive((id) => govPath(governmentId, `/agencies/${id}`), [govKey(governmentId)], {
    on: t('common.activated'),
    off: t('common.deactivated'),
  });
  const items = query.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="md">
      <ListToolbar list={list} searchLabel={t('agencies.searchLabel')}>
        <Select
          aria-label={t('agencies.kindFilter')}
          placeholder={t('agencies.kindFilter')}
          clearable
          w={{ base: '100%', sm: 220 }}
          value={kind}
          onChange={(value) => list.update({ kind: value })}
          data={agencyKinds.map((k) => ({ value: k, label: t(`agencies.kinds.${k}`) }))}
          comboboxProps={{ withinPortal: true }}
        />
      </ListToolbar>
      <DataState loading={query.isLoading} error={query.error} empty={items.length === 0} filtered={list.filtered}>
        <Table.ScrollContainer minWidth={680}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('agencies.name')}</Table.Th>
                <Table.Th>{t('agencies.kind')}</Table.Th>
                <Table.Th>{t('agencies.code')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th ta="right">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/organisasi/perangkat-daerah/${a.id}`} fw={600}>
                      {a.name}
                    </Anchor>
                    {a.shortName ? (
                      <Text size="xs" c="dimmed">
                        {a.shortName}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="sidakin" radius="sm">
                      {t(`agencies.kinds.${a.kind}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {a.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge active={a.active} />
                  </Table.Td>
                  <Table.Td>
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
                          <ToggleActiveAction name={a.name} active={a.active} onToggle={(next) => toggle(a.id, next)} />
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
    </Card>
  );
}
