import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Code,
  type ComboboxData,
  type ComboboxItem,
  type ComboboxParsedItem,
  Group,
  isOptionsGroup,
  type OptionsFilter,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import type { AuditEntry, AuditVerifyResult, Page } from '@sidakin/core';
import { IconChevronDown, IconChevronRight, IconFilter, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { api, govPath } from '../lib/api';
import { useApiMutation, useListParams } from '../lib/query';
import { useFormatters, useGovernment } from '../shell/government';
import { DataState } from '../ui/DataState';
import { ListFooter } from '../ui/ListFooter';
import { PageHeader } from '../ui/PageHeader';
import {
  auditActionGroups,
  auditActions,
  auditEntityTypes,
  groupOf,
  isAuditAction,
  isAuditEntityType,
} from './actions';
import { diffValues } from './diff';

const pageSize = 50;
const filterKeys = ['from', 'to', 'action', 'entityType', 'entityId'] as const;
type FilterKey = (typeof filterKeys)[number];

export function AuditPage() {
  const { t } = useTranslation();
  const me = useSession();
  const { government } = useGovernment();
  const isSystemAdmin = me.user.role === 'system_admin';
  const list = useListParams();
  // System admins can also read the entries that belong to no government (sign-ins, governments).
  const scope = isSystemAdmin && (list.get('scope') === 'system' || !government) ? 'system' : 'government';
  const base = scope === 'system' ? '/audit' : govPath(government?.id ?? '', '/audit');
  const filters = Object.fromEntries(filterKeys.map((key) => [key, list.get(key) ?? ''])) as Record<FilterKey, string>;
  const [draft, setDraft] = useState(filters);
  const draftKey = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the address bar
  useEffect(() => setDraft(filters), [draftKey]);
  const [verifyResult, setVerifyResult] = useState<AuditVerifyResult | null>(null);

  const query = useQuery({
    queryKey: ['audit', scope, government?.id, list.page, draftKey],
    queryFn: () =>
      api.get<Page<AuditEntry>>(base, {
        ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
        page: list.page,
        pageSize,
      }),
    enabled: scope === 'system' || Boolean(government),
    placeholderData: keepPreviousData,
  });
  const verify = useApiMutation(() => api.get<AuditVerifyResult>(`${base}/verify`), {
    onSuccess: setVerifyResult,
  });
  const items = query.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        actions={
          <Button
            leftSection={<IconShieldCheck size={18} />}
            loading={verify.isPending}
            onClick={() => {
              setVerifyResult(null);
              verify.mutate(undefined);
            }}
          >
            {t('audit.verify')}
          </Button>
        }
      />
      <Stack gap="md">
        {verifyResult ? (
          <Alert
            role="status"
            color={verifyResult.ok ? 'teal' : 'red'}
            variant="light"
            icon={verifyResult.ok ? <IconShieldCheck size={20} /> : <IconShieldX size={20} />}
            title={verifyResult.ok ? t('audit.verifyTitleOk') : t('audit.verifyTitleBroken')}
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setVerifyResult(null)}
            data-testid="audit-verify-result"
          >
            {verifyResult.ok || !verifyResult.firstBroken
              ? t('audit.verifyOk', { checked: verifyResult.checked })
              : t('audit.verifyBroken', {
                  checked: verifyResult.checked,
                  seq: verifyResult.firstBroken.seq,
                  id: verifyResult.firstBroken.id,
                  reason: verifyResult.firstBroken.reason,
                })}
          </Alert>
        ) : null}
        <Card withBorder radius="md" padding="md">
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              list.update(draft);
            }}
          >
            {isSystemAdmin ? (
              <SegmentedControl
                mb="sm"
                aria-label={t('audit.scope')}
                value={scope}
                onChange={(value) => list.update({ scope: value === 'system' ? 'system' : null })}
                data={[
                  { value: 'government', label: t('audit.scopeGovernment'), disabled: !government },
                  { value: 'system', label: t('audit.scopeSystem') },
                ]}
              />
            ) : null}
            <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
              <TextInput
                type="date"
                label={t('audit.from')}
                value={draft.from}
                onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
              />
              <TextInput
                type="date"
                label={t('audit.to')}
                value={draft.to}
                onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
              />
              <ActionSelect value={draft.action} onChange={(action) => setDraft({ ...draft, action })} />
              <EntityTypeSelect
                value={draft.entityType}
                onChange={(entityType) => setDraft({ ...draft, entityType })}
              />
              <TextInput
                label={t('audit.entityId')}
                value={draft.entityId}
                onChange={(e) => setDraft({ ...draft, entityId: e.currentTarget.value })}
              />
            </SimpleGrid>
            <Group justify="flex-end" mt="sm" gap="sm">
              <Button
                variant="default"
                onClick={() => list.update(Object.fromEntries(filterKeys.map((key) => [key, null])))}
              >
                {t('audit.resetFilter')}
              </Button>
              <Button type="submit" leftSection={<IconFilter size={16} />}>
                {t('audit.filter')}
              </Button>
            </Group>
          </form>
        </Card>
        <Card withBorder radius="md" padding="md">
          <DataState
            loading={query.isLoading}
            error={query.error}
            empty={items.length === 0}
            filtered={filterKeys.some((key) => filters[key])}
          >
            <Table.ScrollContainer minWidth={880}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={40} />
                    <Table.Th>{t('audit.seq')}</Table.Th>
                    <Table.Th>{t('audit.time')}</Table.Th>
                    <Table.Th>{t('audit.actor')}</Table.Th>
                    <Table.Th>{t('audit.actorPosition')}</Table.Th>
                    <Table.Th>{t('audit.action')}</Table.Th>
                    <Table.Th>{t('audit.entity')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((entry) => (
                    <AuditRow key={entry.id} entry={entry} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </DataState>
          <ListFooter page={list.page} pageSize={pageSize} total={query.data?.total ?? 0} onPage={list.setPage} />
        </Card>
      </Stack>
    </>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const labels = useAuditLabels();
  const [open, setOpen] = useState(false);
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-expanded={open}
            aria-label={open ? t('audit.hideDetails', { seq: entry.seq }) : t('audit.showDetails', { seq: entry.seq })}
            onClick={() => setOpen((v) => !v)}
          >
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        </Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace">
            {entry.seq}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {f.dateTime(entry.at)}
          </Text>
        </Table.Td>
        <Table.Td>{entry.actorName ?? t('audit.system')}</Table.Td>
        <Table.Td>{entry.actorPositionName ?? '—'}</Table.Td>
        <Table.Td>
          <Text size="sm" fw={500}>
            {labels.action(entry.action) ?? entry.action}
          </Text>
          {labels.action(entry.action) ? (
            <Text size="xs" c="dimmed" ff="monospace">
              {entry.action}
            </Text>
          ) : null}
        </Table.Td>
        <Table.Td>
          <Text size="sm">{labels.entityType(entry.entityType) ?? entry.entityType}</Text>
          {entry.entityId ? (
            <Text size="xs" c="dimmed" ff="monospace">
              {entry.entityId}
            </Text>
          ) : null}
        </Table.Td>
      </Table.Tr>
      {open ? (
        <Table.Tr>
          <Table.Td colSpan={7} bg="gray.0">
            <AuditDetails entry={entry} />
          </Table.Td>
        </Table.Tr>
      ) : null}
    </Fragment>
  );
}

/** Words for action codes and record types; null for a code this version does not know. */
function useAuditLabels() {
  const { t } = useTranslation();
  return {
    action: (code: string) => (isAuditAction(code) ? t(`audit.actions.${code}`) : null),
    entityType: (code: string) => (isAuditEntityType(code) ? t(`audit.entityTypes.${code}`) : null),
  };
}

/** Search the options by their words or by their code. */
const labelOrCode: OptionsFilter = ({ options, search }) => {
  const needle = search.trim().toLowerCase();
  if (!needle) return options;
  const matches = (item: ComboboxItem) =>
    item.label.toLowerCase().includes(needle) || item.value.toLowerCase().includes(needle);
  return options.flatMap((option): ComboboxParsedItem[] => {
    if (isOptionsGroup(option)) {
      const items = option.items.filter(matches);
      return items.length > 0 ? [{ ...option, items }] : [];
    }
    return matches(option) ? [option] : [];
  });
};

/** The known actions grouped by what they act on; a code from the address bar that is not known stays choosable. */
function ActionSelect(props: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const data: ComboboxData = auditActionGroups
    .map((group) => ({
      group: t(`audit.actionGroups.${group}`),
      items: auditActions
        .filter((action) => groupOf(action) === group)
        .map((action) => ({ value: action, label: t(`audit.actions.${action}`) })),
    }))
    .filter((group) => group.items.length > 0);
  return (
    <Select
      label={t('audit.action')}
      placeholder={t('audit.anyAction')}
      searchable
      clearable
      data={props.value && !isAuditAction(props.value) ? [{ value: props.value, label: props.value }, ...data] : data}
      filter={labelOrCode}
      renderOption={({ option }) => (
        <div>
          <Text size="sm">{option.label}</Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {option.value}
          </Text>
        </div>
      )}
      nothingFoundMessage={t('common.nothingFound')}
      // Wider than the field, so the labels and codes fit on one line each.
      comboboxProps={{ withinPortal: true, width: 340, position: 'bottom-start' }}
      maxDropdownHeight={360}
      value={props.value || null}
      onChange={(value) => props.onChange(value ?? '')}
    />
  );
}

function EntityTypeSelect(props: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const data = auditEntityTypes.map((type) => ({ value: type, label: t(`audit.entityTypes.${type}`) }));
  return (
    <Select
      label={t('audit.entityType')}
      placeholder={t('audit.anyEntityType')}
      clearable
      data={
        props.value && !isAuditEntityType(props.value) ? [{ value: props.value, label: props.value }, ...data] : data
      }
      comboboxProps={{ withinPortal: true }}
      value={props.value || null}
      onChange={(value) => props.onChange(value ?? '')}
    />
  );
}

function display(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function AuditDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const changes = diffValues(entry.before, entry.after);
  return (
    <Stack gap="sm" py="xs">
      {changes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('audit.noChanges')}
        </Text>
      ) : (
        <Table withTableBorder withColumnBorders fz="sm" bg="white">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.field')}</Table.Th>
              <Table.Th>{t('audit.before')}</Table.Th>
              <Table.Th>{t('audit.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((change) => (
              <Table.Tr key={change.path}>
                <Table.Td>
                  <Code>{change.path}</Code>
                </Table.Td>
                <Table.Td c="red.8" className="audit-json">
                  {display(change.before)}
                </Table.Td>
                <Table.Td c="teal.8" className="audit-json">
                  {display(change.after)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
        <div>
          <Text size="xs" c="dimmed" fw={600}>
            {t('audit.hash')}
          </Text>
          <Code block className="audit-json">
            {entry.hash}
          </Code>
        </div>
        <div>
          <Text size="xs" c="dimmed" fw={600}>
            {t('audit.prevHash')}
          </Text>
          <Code block className="audit-json">
            {entry.prevHash}
          </Code>
        </div>
      </SimpleGrid>
      {entry.ip || entry.userAgent ? (
        <Text size="xs" c="dimmed">
          {entry.ip ? `${t('audit.ip')}: ${entry.ip}` : ''}
          {entry.ip && entry.userAgent ? ' · ' : ''}
          {entry.userAgent ? `${t('audit.userAgent')}: ${entry.userAgent}` : ''}
        </Text>
      ) : null}
    </Stack>
  );
}
