import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { IconCalendarDue, IconClockPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useListParams } from '../lib/query';
import { useFormatters } from '../shell/government';
import { DataState } from '../ui/DataState';
import { ListFooter } from '../ui/ListFooter';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { DueFlags } from './CaseBits';
import { byUrgency, type InboxItem } from './model';
import { inboxPageSize, useInbox } from './queries';

/** `/tugas`: the open tasks of the positions the person holds today, overdue first. */
export function InboxPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('inbox.title')} description={t('inbox.description')} />
      <NeedGovernment>{(governmentId) => <Inbox governmentId={governmentId} />}</NeedGovernment>
    </>
  );
}

function Inbox({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const params = useListParams();
  const query = useInbox(governmentId, params.page);
  const items = [...(query.data?.items ?? [])].sort(byUrgency);
  const overdue = items.filter((i) => i.overdue).length;
  return (
    <Card withBorder radius="md" padding="md">
      {items.length > 0 ? (
        <Group gap="xs" mb="sm">
          <Text size="sm" c="dimmed">
            {t('inbox.summary', { count: query.data?.total ?? items.length })}
          </Text>
          {overdue > 0 ? (
            <Badge color="red" variant="light" radius="sm">
              {t('inbox.overdueCount', { count: overdue })}
            </Badge>
          ) : null}
        </Group>
      ) : null}
      <DataState loading={query.isLoading} error={query.error} empty={items.length === 0} emptyText={t('inbox.empty')}>
        <ul className="inbox-list" aria-label={t('inbox.listLabel')}>
          {items.map((item) => (
            <InboxRow key={item.id} item={item} />
          ))}
        </ul>
      </DataState>
      <ListFooter page={params.page} pageSize={inboxPageSize} total={query.data?.total ?? 0} onPage={params.setPage} />
    </Card>
  );
}

function InboxRow({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const titleId = `inbox-${item.id}`;
  return (
    <li
      className="inbox-item"
      data-overdue={item.overdue || undefined}
      data-due-soon={(!item.overdue && item.dueSoon) || undefined}
      aria-labelledby={titleId}
    >
      <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
        <Stack gap={4} style={{ flex: '1 1 360px', minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t('cases.numberLong', { number: item.caseNumber })}
            </Text>
            <DueFlags task={item} />
            {item.round > 1 ? (
              <Badge color="orange" variant="light" radius="sm" size="sm">
                {t('inbox.redo', { round: item.round })}
              </Badge>
            ) : null}
          </Group>
          <Anchor
            id={titleId}
            component={Link}
            to={`/kasus/${item.caseId}?tugas=${item.id}`}
            fw={700}
            className="inbox-link"
          >
            {item.caseSubject}
          </Anchor>
          <Text size="sm">
            <Text span fw={600} size="sm">
              {t('cases.task.step', { no: item.stepNo })}
            </Text>{' '}
            · {item.sopTitle}
          </Text>
          <Text size="sm" c="dimmed" lineClamp={2}>
            {item.stepText}
          </Text>
          <Text size="xs" c="dimmed">
            {[
              item.unitName ? t('inbox.unit', { name: item.unitName }) : null,
              t('inbox.lanes', { names: item.laneTitles.join(', ') }),
              t('inbox.assignees', { names: item.assignees.map((a) => a.positionName).join(', ') || '—' }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Stack>
        <Stack gap={4} className="inbox-times">
          <Group gap={6} wrap="nowrap">
            <IconClockPlay size={16} aria-hidden color="var(--mantine-color-dimmed)" />
            <Text size="xs" c="dimmed">
              {t('inbox.openedAt', { time: f.dateTime(item.openedAt) })}
            </Text>
          </Group>
          <Group gap={6} wrap="nowrap">
            <IconCalendarDue
              size={16}
              aria-hidden
              color={
                item.overdue
                  ? 'var(--mantine-color-red-7)'
                  : item.dueSoon
                    ? 'var(--mantine-color-orange-7)'
                    : 'var(--mantine-color-dimmed)'
              }
            />
            <Text
              size="xs"
              fw={item.overdue || item.dueSoon ? 700 : 500}
              c={item.overdue ? 'red.8' : item.dueSoon ? 'orange.8' : undefined}
            >
              {item.dueAt ? t('inbox.dueAt', { time: f.dateTime(item.dueAt) }) : t('inbox.noDue')}
            </Text>
          </Group>
        </Stack>
      </Group>
    </li>
  );
}
