import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  type AgendaEntry,
  allocateNumberBody,
  createNumberingPatternBody,
  formatDocumentNumber,
  type NumberingPattern,
  parseNumberPattern,
  updateNumberingPatternBody,
  voidAgendaEntryBody,
} from '@sidakin/core';
import { IconBan, IconDownload, IconHash, IconPencil, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanEdit } from '../auth/session';
import { api, buildQuery, govPath } from '../lib/api';
import { useForm } from '../lib/form';
import { currentLocale } from '../lib/i18n';
import { govKey, useApiMutation, useGovList } from '../lib/query';
import { AgencySelect } from '../org/selects';
import { useFormatters } from '../shell/government';
import { CrudPage } from '../ui/CrudPage';
import { DataState } from '../ui/DataState';
import { FormModal } from '../ui/FormModal';
import { ListCard } from '../ui/ListCard';
import { IconAction, RowActions } from '../ui/RowActions';

/** The buku agenda (every number given, void ones kept) and, for administrators, the numbering patterns. */
export function AgendaPage() {
  const { t } = useTranslation();
  const admin = useCanEdit();
  const [tab, setTab] = useState<string | null>('book');
  return (
    <CrudPage title={t('numbering.title')} description={t('numbering.description')}>
      {(governmentId) => (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="book">{t('numbering.tabBook')}</Tabs.Tab>
            <Tabs.Tab value="patterns">{t('numbering.tabPatterns')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="book">
            <Book governmentId={governmentId} admin={admin} />
          </Tabs.Panel>
          <Tabs.Panel value="patterns">
            <Patterns governmentId={governmentId} admin={admin} />
          </Tabs.Panel>
        </Tabs>
      )}
    </CrudPage>
  );
}

function usePatterns(governmentId: string) {
  return useQuery({
    queryKey: [...govKey(governmentId), 'numbering-patterns'],
    queryFn: () => api.get<{ items: NumberingPattern[] }>(govPath(governmentId, '/numbering-patterns')),
  });
}

// ── the book ────────────────────────────────────────────────────────────────────────────────
function Book({ governmentId, admin }: { governmentId: string; admin: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const list = useGovList<AgendaEntry>(governmentId, 'agenda', {
    filters: ['year', 'kind', 'status', 'agencyId'],
    activeFilter: false,
  });
  const patterns = usePatterns(governmentId);
  const kinds = useMemo(() => {
    const seen = new Map<string, string>();
    for (const p of patterns.data?.items ?? []) seen.set(p.kind, p.label);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [patterns.data]);
  const [allocating, setAllocating] = useState(false);
  const [voiding, setVoiding] = useState<AgendaEntry | null>(null);
  const filters = {
    q: list.params.q,
    year: list.params.get('year'),
    kind: list.params.get('kind'),
    status: list.params.get('status'),
    agencyId: list.params.get('agencyId'),
  };
  const exportHref = `/api${govPath(governmentId, '/agenda/export')}${buildQuery(filters)}`;
  return (
    <Stack gap="md">
      <Group justify="flex-end" gap="sm">
        <Button component="a" href={exportHref} variant="default" leftSection={<IconDownload size={16} />}>
          {t('numbering.export')}
        </Button>
        <Button leftSection={<IconHash size={16} />} onClick={() => setAllocating(true)}>
          {t('numbering.allocate')}
        </Button>
      </Group>
      <ListCard
        list={list}
        searchLabel={t('numbering.searchLabel')}
        activeFilter={false}
        minWidth={980}
        filters={
          <>
            <NumberInput
              aria-label={t('numbering.year')}
              placeholder={t('numbering.year')}
              w={{ base: '100%', sm: 110 }}
              min={2000}
              max={2100}
              allowDecimal={false}
              value={filters.year ?? ''}
              onChange={(value) => list.params.update({ year: value === '' ? null : String(value) })}
            />
            <Select
              aria-label={t('numbering.kind')}
              placeholder={t('numbering.kind')}
              clearable
              w={{ base: '100%', sm: 240 }}
              value={filters.kind}
              onChange={(value) => list.params.update({ kind: value })}
              data={kinds}
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              aria-label={t('numbering.statusFilter')}
              placeholder={t('numbering.statusFilter')}
              clearable
              w={{ base: '100%', sm: 150 }}
              value={filters.status}
              onChange={(value) => list.params.update({ status: value })}
              data={[
                { value: 'active', label: t('numbering.statusActive') },
                { value: 'void', label: t('numbering.statusVoid') },
              ]}
              comboboxProps={{ withinPortal: true }}
            />
          </>
        }
        columns={[
          { header: t('numbering.date'), cell: (e) => <Text size="sm">{f.date(e.entryDate)}</Text> },
          {
            header: t('numbering.number'),
            cell: (e) => (
              <>
                <Text size="sm" ff="monospace" td={e.status === 'void' ? 'line-through' : undefined}>
                  {e.number}
                </Text>
                <Text size="xs" c="dimmed">
                  {e.kindLabel}
                </Text>
              </>
            ),
          },
          {
            header: t('numbering.subject'),
            cell: (e) => (
              <>
                <Text size="sm">{e.subject}</Text>
                <Text size="xs" c="dimmed">
                  {e.agencyName}
                </Text>
              </>
            ),
          },
          { header: t('numbering.counterpart'), cell: (e) => <Text size="sm">{e.counterpart || '—'}</Text> },
          {
            header: t('numbering.recordedBy'),
            cell: (e) => (
              <>
                <Text size="sm">{e.createdByName}</Text>
                <Text size="xs" c="dimmed">
                  {e.createdByPosition ?? ''}
                </Text>
              </>
            ),
          },
          {
            header: t('common.status'),
            cell: (e) =>
              e.status === 'void' ? (
                <Stack gap={2}>
                  <Badge color="red" variant="light">
                    {t('numbering.statusVoid')}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {t('numbering.voidedInfo', { reason: e.voidReason })}
                  </Text>
                </Stack>
              ) : (
                <Badge color="teal" variant="light">
                  {t('numbering.statusActive')}
                </Badge>
              ),
          },
          admin && {
            header: t('common.actions'),
            align: 'right',
            cell: (e) =>
              e.status === 'active' ? (
                <RowActions>
                  <IconAction
                    color="red"
                    label={t('numbering.voidNamed', { number: e.number })}
                    onClick={() => setVoiding(e)}
                  >
                    <IconBan size={18} />
                  </IconAction>
                </RowActions>
              ) : null,
          },
        ]}
      />
      <AllocateModal
        governmentId={governmentId}
        opened={allocating}
        onClose={() => setAllocating(false)}
        patterns={patterns.data?.items ?? []}
      />
      <VoidModal governmentId={governmentId} entry={voiding} onClose={() => setVoiding(null)} />
    </Stack>
  );
}

function AllocateModal(props: {
  governmentId: string;
  opened: boolean;
  onClose: () => void;
  patterns: NumberingPattern[];
}) {
  const { t } = useTranslation();
  const initial = {
    agencyId: null as string | null,
    kind: null as string | null,
    subject: '',
    counterpart: '',
    note: '',
  };
  const form = useForm(initial);
  const close = () => {
    form.reset(initial);
    props.onClose();
  };
  const kinds = props.patterns
    .filter((p) => p.active && p.agencyId === form.values.agencyId)
    .map((p) => ({ value: p.kind, label: `${p.label} — ${p.nextNumber}` }));
  const allocate = useApiMutation(
    (body: unknown) => api.post<AgendaEntry>(govPath(props.governmentId, '/agenda'), body),
    {
      invalidate: [
        [...govKey(props.governmentId), 'agenda'],
        [...govKey(props.governmentId), 'numbering-patterns'],
      ],
      onSuccess: (entry) => {
        notifications.show({ color: 'teal', message: t('numbering.allocated', { number: entry.number }) });
        close();
      },
      onError: (error) => form.applyError(error),
    },
  );
  return (
    <FormModal
      opened={props.opened}
      onClose={close}
      title={t('numbering.allocateTitle')}
      submitLabel={t('numbering.allocate')}
      submitting={allocate.isPending}
      formError={form.formError}
      onSubmit={() => {
        const v = form.values;
        const body = form.validate(allocateNumberBody, {
          agencyId: v.agencyId ?? '',
          kind: v.kind ?? '',
          subject: v.subject,
          counterpart: v.counterpart,
          note: v.note,
        });
        if (body) allocate.mutate(body);
      }}
    >
      <AgencySelect label={t('numbering.agency')} required {...form.select('agencyId')} />
      <Select
        label={t('numbering.kind')}
        required
        data={kinds}
        disabled={!form.values.agencyId}
        comboboxProps={{ withinPortal: true }}
        {...form.select('kind')}
      />
      <Textarea label={t('numbering.subject')} required autosize minRows={2} {...form.text('subject')} />
      <TextInput label={t('numbering.counterpart')} {...form.text('counterpart')} />
      <TextInput label={t('numbering.note')} {...form.text('note')} />
    </FormModal>
  );
}

function VoidModal(props: { governmentId: string; entry: AgendaEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm({ reason: '' });
  const e = props.entry;
  const close = () => {
    form.reset({ reason: '' });
    props.onClose();
  };
  const voidIt = useApiMutation(
    (body: unknown) => api.post(govPath(props.governmentId, `/agenda/${e?.id}/void`), body),
    {
      invalidate: [[...govKey(props.governmentId), 'agenda']],
      successMessage: t('numbering.voided'),
      onSuccess: close,
      onError: (error) => form.applyError(error),
    },
  );
  return (
    <FormModal
      opened={Boolean(e)}
      onClose={close}
      title={t('numbering.voidTitle', { number: e?.number ?? '' })}
      submitLabel={t('numbering.void')}
      submitting={voidIt.isPending}
      formError={form.formError}
      size="md"
      onSubmit={() => {
        const body = form.validate(voidAgendaEntryBody, { reason: form.values.reason });
        if (body) voidIt.mutate(body);
      }}
    >
      <Text size="sm">{t('numbering.voidBody')}</Text>
      <Textarea label={t('numbering.voidReason')} required autosize minRows={2} {...form.text('reason')} />
    </FormModal>
  );
}

// ── patterns ────────────────────────────────────────────────────────────────────────────────
function Patterns({ governmentId, admin }: { governmentId: string; admin: boolean }) {
  const { t } = useTranslation();
  const query = usePatterns(governmentId);
  const [editing, setEditing] = useState<NumberingPattern | 'new' | null>(null);
  const items = query.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="md">
      {admin ? (
        <Group justify="flex-end" mb="md">
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('numbering.createPattern')}
          </Button>
        </Group>
      ) : null}
      <DataState
        loading={query.isLoading}
        error={query.error}
        empty={items.length === 0}
        emptyText={t('numbering.noPatterns')}
      >
        <Table.ScrollContainer minWidth={860}>
          <Table aria-label={t('numbering.tabPatterns')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('numbering.agency')}</Table.Th>
                <Table.Th>{t('numbering.kind')}</Table.Th>
                <Table.Th>{t('numbering.pattern')}</Table.Th>
                <Table.Th>{t('numbering.next')}</Table.Th>
                <Table.Th>{t('numbering.usedThisYear')}</Table.Th>
                {admin ? <Table.Th ta="right">{t('common.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id} c={p.active ? undefined : 'dimmed'}>
                  <Table.Td>
                    <Text size="sm">{p.agencyName}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.label}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {p.kind}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Code fz="sm">{p.pattern}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace" fw={600}>
                      {p.nextNumber}
                    </Text>
                  </Table.Td>
                  <Table.Td>{p.usedThisYear}</Table.Td>
                  {admin ? (
                    <Table.Td>
                      <RowActions>
                        <IconAction label={t('numbering.editPattern', { name: p.label })} onClick={() => setEditing(p)}>
                          <IconPencil size={18} />
                        </IconAction>
                      </RowActions>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </DataState>
      <PatternModal governmentId={governmentId} pattern={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}

function PatternModal(props: { governmentId: string; pattern: NumberingPattern | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const editing = props.pattern && props.pattern !== 'new' ? props.pattern : null;
  const blank = { agencyId: null as string | null, kind: '', label: '', pattern: '' };
  const form = useForm(blank);
  const key = editing?.id ?? (props.pattern === 'new' ? 'new' : null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form is filled when another pattern is opened
  useEffect(() => {
    form.reset(
      editing
        ? { agencyId: editing.agencyId, kind: editing.kind, label: editing.label, pattern: editing.pattern }
        : blank,
    );
  }, [key]);
  const close = () => props.onClose();
  const save = useApiMutation(
    (body: unknown) =>
      editing
        ? api.patch(govPath(props.governmentId, `/numbering-patterns/${editing.id}`), body)
        : api.post(govPath(props.governmentId, '/numbering-patterns'), body),
    {
      invalidate: [[...govKey(props.governmentId), 'numbering-patterns']],
      successMessage: t('numbering.patternSaved'),
      onSuccess: close,
      onError: (error) => form.applyError(error),
    },
  );
  const check = parseNumberPattern(form.values.pattern);
  const today = new Date().toISOString().slice(0, 10);
  const preview = check.ok
    ? formatDocumentNumber(form.values.pattern, (editing?.usedThisYear ?? 0) + 1, today)
    : form.values.pattern
      ? check.message[currentLocale()]
      : '';
  return (
    <FormModal
      opened={Boolean(props.pattern)}
      onClose={close}
      title={editing ? t('numbering.editPattern', { name: editing.label }) : t('numbering.createPattern')}
      submitting={save.isPending}
      formError={form.formError}
      stale={null}
      onSubmit={() => {
        const v = form.values;
        const body = editing
          ? form.validate(updateNumberingPatternBody, {
              label: v.label,
              pattern: v.pattern,
              expectedUpdatedAt: editing.updatedAt,
            })
          : form.validate(createNumberingPatternBody, {
              agencyId: v.agencyId ?? '',
              kind: v.kind,
              label: v.label,
              pattern: v.pattern,
            });
        if (body) save.mutate(body);
      }}
    >
      <AgencySelect label={t('numbering.agency')} required disabled={Boolean(editing)} {...form.select('agencyId')} />
      <TextInput
        label={t('numbering.kindCode')}
        description={t('numbering.kindCodeHelp')}
        required
        disabled={Boolean(editing)}
        {...form.text('kind')}
      />
      <TextInput label={t('numbering.label')} required {...form.text('label')} />
      <TextInput
        label={t('numbering.pattern')}
        description={t('numbering.patternHelp')}
        required
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        {...form.text('pattern')}
      />
      {preview ? (
        <Alert color={check.ok ? 'teal' : 'yellow'} variant="light" title={t('numbering.preview')}>
          <Text size="sm" ff={check.ok ? 'monospace' : undefined} data-testid="pattern-preview">
            {preview}
          </Text>
        </Alert>
      ) : null}
    </FormModal>
  );
}
