import {
  ActionIcon,
  Anchor,
  Badge,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ArchiveEntry } from '@sidakin/core';
import { IconArchive, IconDownload, IconFileZip, IconShieldCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, govPath } from '../lib/api';
import { govKey, useGovList } from '../lib/query';
import { AgencySelect } from '../org/selects';
import { useFormatters } from '../shell/government';
import { CrudPage } from '../ui/CrudPage';
import { DataState } from '../ui/DataState';
import { ListFooter } from '../ui/ListFooter';
import { ListToolbar } from '../ui/ListToolbar';

/**
 * The archive (arsip): every fully signed document and the record of every closed case, found by
 * agency, kind, year, period, number and text, each with its retention class; a document downloads
 * as its signed file, a case as its whole dossier (zip).
 */
export function ArchivePage() {
  const { t } = useTranslation();
  return (
    <CrudPage title={t('archive.title')} description={t('archive.description')}>
      {(governmentId) => <ArchiveList governmentId={governmentId} />}
    </CrudPage>
  );
}

const documentUrl = (governmentId: string, id: string) =>
  `/api${govPath(governmentId, `/signed-documents/${id}/file`)}`;
const dossierUrl = (governmentId: string, caseId: string) => `/api${govPath(governmentId, `/cases/${caseId}/dossier`)}`;

function ArchiveList({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const list = useGovList<ArchiveEntry>(governmentId, 'archive', {
    filters: ['agencyId', 'kind', 'source', 'year', 'period', 'number'],
    activeFilter: false,
  });
  const kinds = useQuery({
    queryKey: [...govKey(governmentId), 'archive', 'kinds'],
    queryFn: () =>
      api.get<{ items: { kind: string; kindLabel: string; count: number }[] }>(govPath(governmentId, '/archive/kinds')),
  });
  const p = list.params;
  return (
    <Card withBorder radius="md" padding="md">
      <ListToolbar list={p} searchLabel={t('archive.searchLabel')} activeFilter={false}>
        <AgencySelect
          aria-label={t('archive.agency')}
          placeholder={t('archive.agency')}
          clearable
          w={{ base: '100%', sm: 240 }}
          value={p.get('agencyId')}
          onChange={(value) => p.update({ agencyId: value })}
        />
        <Select
          aria-label={t('archive.kind')}
          placeholder={t('archive.kind')}
          clearable
          w={{ base: '100%', sm: 260 }}
          value={p.get('kind')}
          onChange={(value) => p.update({ kind: value })}
          data={(kinds.data?.items ?? []).map((k) => ({ value: k.kind, label: `${k.kindLabel} (${k.count})` }))}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          aria-label={t('archive.source')}
          placeholder={t('archive.source')}
          clearable
          w={{ base: '100%', sm: 200 }}
          value={p.get('source')}
          onChange={(value) => p.update({ source: value })}
          data={[
            { value: 'document', label: t('archive.sources.document') },
            { value: 'case', label: t('archive.sources.case') },
          ]}
          comboboxProps={{ withinPortal: true }}
        />
        <NumberInput
          aria-label={t('archive.year')}
          placeholder={t('archive.year')}
          w={{ base: '100%', sm: 100 }}
          min={2000}
          max={2100}
          allowDecimal={false}
          value={p.get('year') ?? ''}
          onChange={(value) => p.update({ year: value === '' ? null : String(value) })}
        />
        <FilterText
          label={t('archive.period')}
          value={p.get('period')}
          onCommit={(v) => p.update({ period: v })}
          w={120}
        />
        <FilterText
          label={t('archive.number')}
          value={p.get('number')}
          onCommit={(v) => p.update({ number: v })}
          w={170}
        />
      </ListToolbar>
      <DataState
        loading={list.query.isLoading}
        error={list.query.error}
        empty={list.items.length === 0}
        filtered={p.filtered}
      >
        {phone ? (
          <Stack gap="sm" mt="sm">
            {list.items.map((e) => (
              <EntryCard key={e.id} governmentId={governmentId} entry={e} />
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={960}>
            <Table verticalSpacing="sm" aria-label={t('archive.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('archive.titleColumn')}</Table.Th>
                  <Table.Th>{t('archive.number')}</Table.Th>
                  <Table.Th>{t('archive.period')}</Table.Th>
                  <Table.Th>{t('archive.retention')}</Table.Th>
                  <Table.Th>{t('archive.archivedAt')}</Table.Th>
                  <Table.Th ta="right">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((e) => (
                  <EntryRow key={e.id} governmentId={governmentId} entry={e} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </DataState>
      <ListFooter page={p.page} pageSize={list.pageSize} total={list.total} onPage={p.setPage} />
    </Card>
  );
}

/** A text filter that writes to the URL when the field is left or Enter is pressed. */
function FilterText(props: { label: string; value: string | null; onCommit: (v: string | null) => void; w: number }) {
  return (
    <TextInput
      key={props.value ?? ''}
      aria-label={props.label}
      placeholder={props.label}
      w={{ base: '100%', sm: props.w }}
      defaultValue={props.value ?? ''}
      onBlur={(e) => props.onCommit(e.currentTarget.value.trim() || null)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') props.onCommit(e.currentTarget.value.trim() || null);
      }}
    />
  );
}

function Retention({ entry }: { entry: ArchiveEntry }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <Stack gap={2}>
      <Badge
        variant="light"
        radius="sm"
        color={entry.retentionClass === 'permanen' ? 'grape' : entry.retentionClass === '10-tahun' ? 'blue' : 'gray'}
        w="fit-content"
      >
        {entry.retentionLabel}
      </Badge>
      <Text size="xs" c="dimmed">
        {entry.retainUntil ? t('archive.retainUntil', { date: f.date(entry.retainUntil) }) : t('archive.permanent')}
      </Text>
    </Stack>
  );
}

function Title({ entry }: { entry: ArchiveEntry }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap" align="flex-start">
        <IconArchive size={16} aria-hidden style={{ flex: 'none', marginTop: 3 }} />
        <Text size="sm" fw={500}>
          {entry.title}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {entry.kindLabel} · {entry.agencyName}
        {entry.caseId ? (
          <>
            {' · '}
            <Anchor component={Link} to={`/kasus/${entry.caseId}`} size="xs">
              {t('archive.openCase', { number: entry.caseNumber ?? '' })}
            </Anchor>
          </>
        ) : null}
      </Text>
    </Stack>
  );
}

function Actions({ governmentId, entry }: { governmentId: string; entry: ArchiveEntry }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      {entry.signedDocumentId ? (
        <Tooltip label={t('archive.download')} withArrow>
          <ActionIcon
            component="a"
            href={documentUrl(governmentId, entry.signedDocumentId)}
            variant="subtle"
            size="lg"
            aria-label={t('archive.downloadNamed', { title: entry.title })}
          >
            <IconDownload size={18} />
          </ActionIcon>
        </Tooltip>
      ) : null}
      {entry.verificationCode ? (
        <Tooltip label={t('archive.verify')} withArrow>
          <ActionIcon
            component={Link}
            to={`/verifikasi/${entry.verificationCode}`}
            variant="subtle"
            size="lg"
            aria-label={`${t('archive.verify')} ${entry.number}`}
          >
            <IconShieldCheck size={18} />
          </ActionIcon>
        </Tooltip>
      ) : null}
      {entry.caseId ? (
        <Tooltip label={t('archive.dossier')} withArrow>
          <ActionIcon
            component="a"
            href={dossierUrl(governmentId, entry.caseId)}
            variant="subtle"
            size="lg"
            aria-label={t('archive.dossierNamed', { number: entry.caseNumber ?? '' })}
          >
            <IconFileZip size={18} />
          </ActionIcon>
        </Tooltip>
      ) : null}
    </Group>
  );
}

function EntryRow({ governmentId, entry }: { governmentId: string; entry: ArchiveEntry }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <Table.Tr>
      <Table.Td maw={380}>
        <Title entry={entry} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {entry.number || '—'}
        </Text>
        {entry.documentDate ? (
          <Text size="xs" c="dimmed">
            {f.date(entry.documentDate)}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{[entry.year, entry.period].filter(Boolean).join(' · ') || '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Retention entry={entry} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{f.dateTime(entry.archivedAt)}</Text>
        <Text size="xs" c="dimmed">
          {t('archive.archivedBy', { name: entry.archivedByName || '—' })}
        </Text>
      </Table.Td>
      <Table.Td>
        <Actions governmentId={governmentId} entry={entry} />
      </Table.Td>
    </Table.Tr>
  );
}

function EntryCard({ governmentId, entry }: { governmentId: string; entry: ArchiveEntry }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <Card withBorder radius="md" padding="sm">
      <Stack gap={6}>
        <Title entry={entry} />
        <Group gap="xs" wrap="wrap">
          <Text size="sm" ff="monospace">
            {entry.number || '—'}
          </Text>
          <Text size="xs" c="dimmed">
            {[entry.year, entry.period].filter(Boolean).join(' · ')}
          </Text>
        </Group>
        <Group justify="space-between" align="flex-end" wrap="nowrap">
          <Stack gap={4}>
            <Retention entry={entry} />
            <Text size="xs" c="dimmed">
              {f.dateTime(entry.archivedAt)} · {t('archive.archivedBy', { name: entry.archivedByName || '—' })}
            </Text>
          </Stack>
          <Actions governmentId={governmentId} entry={entry} />
        </Group>
      </Stack>
    </Card>
  );
}
