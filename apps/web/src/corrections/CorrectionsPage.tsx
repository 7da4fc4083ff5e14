import { Anchor, Badge, Card, Group, Select, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useListParams } from '../lib/query';
import { AgencySelect } from '../org/selects';
import { yearChoices } from '../plans/PlansPage';
import { useFormatters } from '../shell/government';
import { DataState } from '../ui/DataState';
import { ListFooter } from '../ui/ListFooter';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { correctionStatusColors, useCorrectionList } from './queries';

const statuses = ['all', 'open', 'applied', 'closed', 'cancelled'] as const;

/** `/perbaikan`: the corrections of locked data, newest first. */
export function CorrectionsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('corrections.title')} description={t('corrections.description')} />
      <NeedGovernment>{(governmentId) => <CorrectionList governmentId={governmentId} />}</NeedGovernment>
    </>
  );
}

function CorrectionList({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const params = useListParams();
  const status = params.get('status') ?? 'all';
  const page = Number(params.get('page') ?? '1') || 1;
  const list = useCorrectionList(governmentId, {
    agencyId: params.get('agencyId'),
    year: params.get('year'),
    status,
    page,
    pageSize: 20,
  });
  const items = list.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="md">
      <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
        <AgencySelect
          label={t('corrections.agency')}
          w={{ base: '100%', sm: 280 }}
          value={params.get('agencyId')}
          onChange={(value) => params.update({ agencyId: value, page: null })}
        />
        <Select
          label={t('corrections.year')}
          w={{ base: '100%', sm: 120 }}
          data={yearChoices()}
          value={params.get('year')}
          onChange={(value) => params.update({ year: value, page: null })}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('corrections.status')}
          w={{ base: '100%', sm: 180 }}
          data={statuses.map((s) => ({ value: s, label: t(`corrections.statuses.${s}`) }))}
          value={status}
          allowDeselect={false}
          onChange={(value) => params.update({ status: value === 'all' ? null : value, page: null })}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      <DataState
        loading={list.isLoading}
        error={list.error}
        empty={items.length === 0}
        emptyText={t('corrections.empty')}
      >
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label={t('corrections.title')} highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('corrections.subject')}</Table.Th>
                <Table.Th>{t('corrections.agency')}</Table.Th>
                <Table.Th ta="right">{t('corrections.itemCount')}</Table.Th>
                <Table.Th>{t('corrections.status')}</Table.Th>
                <Table.Th>{t('corrections.startedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/perbaikan/${c.id}`} fw={600} size="sm">
                      {c.subject}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t('corrections.caseLink', { number: c.caseNumber })} · {c.sopTitle}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {c.agencyName} · {c.year}
                  </Table.Td>
                  <Table.Td ta="right">{c.itemCount}</Table.Td>
                  <Table.Td>
                    <Badge color={correctionStatusColors[c.status]} variant="light">
                      {t(`corrections.statuses.${c.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{f.dateTime(c.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {list.data ? <ListFooter page={page} pageSize={20} total={list.data.total} onPage={params.setPage} /> : null}
      </DataState>
    </Card>
  );
}
