import { Anchor, Card, Group, SegmentedControl, Select, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Page } from '@sidakin/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, govPath } from '../lib/api';
import { formatNumber } from '../lib/format';
import { listPageSize, useListParams } from '../lib/query';
import { useFormatters } from '../shell/government';
import type { SopSummary } from '../sop/model';
import { sopsKey } from '../sop/queries';
import { CrudPage } from '../ui/CrudPage';
import { DataState } from '../ui/DataState';
import { ListFooter } from '../ui/ListFooter';
import { CaseStatusBadge } from './CaseBits';
import { type CaseStatusFilter, caseStatusFilters, isCaseStatusFilter } from './model';
import { useCaseList } from './queries';
import { StartCaseModal } from './StartCaseModal';

/** `/kasus`: the government's cases by status and SOP; "Mulai kasus" starts one. */
export function CasesPage() {
  const { t } = useTranslation();
  const [starting, start] = useDisclosure(false);
  return (
    <CrudPage
      title={t('cases.title')}
      description={t('cases.description')}
      createLabel={t('cases.start.open')}
      createIcon={<IconPlayerPlay size={18} />}
      onCreate={start.open}
    >
      {(governmentId) => (
        <>
          <CaseList governmentId={governmentId} />
          <StartCaseModal governmentId={governmentId} opened={starting} onClose={start.close} />
        </>
      )}
    </CrudPage>
  );
}

function CaseList({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const params = useListParams();
  const rawStatus = params.get('status');
  const status: CaseStatusFilter = isCaseStatusFilter(rawStatus) ? rawStatus : 'open';
  const sopId = params.get('sopId');
  const query = useCaseList(governmentId, { status, sopId, page: params.page, pageSize: listPageSize });
  const sops = useQuery({
    queryKey: [...sopsKey(governmentId), 'options'],
    queryFn: () => api.get<Page<SopSummary>>(govPath(governmentId, '/sops'), { pageSize: 100 }),
    staleTime: 60_000,
  });
  const items = query.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="md">
      <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
        <SegmentedControl
          aria-label={t('cases.statusFilter')}
          value={status}
          onChange={(value) => params.update({ status: value === 'open' ? null : value })}
          data={caseStatusFilters.map((value) => ({ value, label: t(`cases.filter.${value}`) }))}
        />
        <Select
          aria-label={t('cases.sopFilter')}
          placeholder={t('cases.allSops')}
          clearable
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          w={{ base: '100%', sm: 360 }}
          value={sopId}
          onChange={(value) => params.update({ sopId: value })}
          data={(sops.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.title} — ${s.agencyName}` }))}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      <DataState
        loading={query.isLoading}
        error={query.error}
        empty={items.length === 0}
        filtered={Boolean(sopId)}
        emptyText={t(`cases.empty.${status}`)}
      >
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.columns.number')}</Table.Th>
                <Table.Th>{t('cases.columns.subject')}</Table.Th>
                <Table.Th>{t('cases.columns.sop')}</Table.Th>
                <Table.Th>{t('cases.columns.status')}</Table.Th>
                <Table.Th>{t('cases.columns.started')}</Table.Th>
                <Table.Th>{t('cases.columns.closed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Text fw={600} size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {t('cases.numberShort', { number: c.number })}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={360}>
                    <Anchor component={Link} to={`/kasus/${c.id}`} fw={600} size="sm">
                      {c.subject}
                    </Anchor>
                    {c.period ? (
                      <Text size="xs" c="dimmed">
                        {c.period}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.sopTitle}</Text>
                    <Text size="xs" c="dimmed">
                      {t('sop.versionShort', { version: c.sopVersion })} · {c.agencyName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <CaseStatusBadge status={c.status} />
                    {c.status === 'open' ? (
                      <Text size="xs" c="dimmed" mt={2}>
                        {t('cases.openTasks', { n: formatNumber(c.openTasks, f.locale) })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{f.dateTime(c.startedAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{f.dateTime(c.closedAt)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </DataState>
      <ListFooter page={params.page} pageSize={listPageSize} total={query.data?.total ?? 0} onPage={params.setPage} />
    </Card>
  );
}
