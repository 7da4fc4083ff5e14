import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Skeleton,
  Switch,
  Table,
  Tabs,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Agency, Unit } from '@sidakin/core';
import {
  IconArrowLeft,
  IconChevronDown,
  IconChevronRight,
  IconExternalLink,
  IconHierarchy2,
  IconPlus,
  IconSitemap,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCanEdit } from '../auth/session';
import { api, govPath } from '../lib/api';
import { govKey, useGovToggle } from '../lib/query';
import { DataState } from '../ui/DataState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { EditAction, IconAction, RowActions, ToggleActiveAction } from '../ui/RowActions';
import { StatusBadge } from '../ui/StatusBadge';
import { AgencyFormModal } from './AgencyForm';
import { ActingCell, HolderCell } from './PositionCells';
import { useAgencyPositions, useAgencyUnits } from './queries';
import { UnitFormModal } from './UnitForm';
import { buildUnitTree, type UnitNode } from './unitTree';

export function AgencyDetailPage() {
  return <NeedGovernment>{(governmentId) => <AgencyDetail governmentId={governmentId} />}</NeedGovernment>;
}

function AgencyDetail({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const { agencyId = '' } = useParams();
  const canEdit = useCanEdit();
  const [editing, { open, close }] = useDisclosure(false);
  const query = useQuery({
    queryKey: [...govKey(governmentId), 'agencies', 'one', agencyId],
    queryFn: () => api.get<Agency>(govPath(governmentId, `/agencies/${agencyId}`)),
  });
  const toggle = useGovToggle(governmentId, 'agencies');
  const back = (
    <Anchor component={Link} to="/organisasi/perangkat-daerah" size="sm" mb="xs" display="inline-flex">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden />
        {t('agencies.backToList')}
      </Group>
    </Anchor>
  );
  if (query.isLoading) {
    return (
      <>
        <PageHeader title={t('agencies.title')} above={back} />
        <Skeleton h={320} radius="md" />
      </>
    );
  }
  if (query.error || !query.data) {
    return (
      <>
        <PageHeader title={t('agencies.title')} above={back} />
        <ErrorAlert error={query.error ?? new Error(t('agencies.notFound'))} />
      </>
    );
  }
  const agency = query.data;
  return (
    <>
      <PageHeader
        above={back}
        title={agency.name}
        description={
          <Group gap="xs" component="span">
            <Badge variant="light" color="sidakin" radius="sm">
              {t(`agencies.kinds.${agency.kind}`)}
            </Badge>
            <StatusBadge active={agency.active} />
            {agency.address ? <span>{agency.address}</span> : null}
          </Group>
        }
        actions={
          canEdit ? (
            <>
              <Button variant="default" onClick={open}>
                {t('common.edit')}
              </Button>
              <ToggleActiveAction button name={agency.name} record={agency} toggle={toggle} />
            </>
          ) : null
        }
      />
      <Tabs defaultValue="units" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="units" leftSection={<IconSitemap size={16} />}>
            {t('agencies.unitsTab')}
          </Tabs.Tab>
          <Tabs.Tab value="positions" leftSection={<IconHierarchy2 size={16} />}>
            {t('agencies.positionsTab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="units">
          <UnitTreeCard governmentId={governmentId} agencyId={agency.id} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="positions">
          <AgencyPositions agencyId={agency.id} />
        </Tabs.Panel>
      </Tabs>
      {canEdit ? (
        <AgencyFormModal governmentId={governmentId} agency={agency} opened={editing} onClose={close} />
      ) : null}
    </>
  );
}

function UnitTreeCard(props: { governmentId: string; agencyId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const [showInactive, setShowInactive] = useState(false);
  const units = useAgencyUnits(props.agencyId, showInactive ? 'all' : 'true');
  const items = units.data?.items ?? [];
  const tree = useMemo(() => buildUnitTree(items), [items]);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [form, setForm] = useState<{ unit: Unit | null; parent: Unit | null } | null>(null);
  const toggle = useGovToggle(props.governmentId, 'units');

  const flip = (id: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const renderNodes = (nodes: UnitNode[]) => (
    <ul className="unit-list" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {nodes.map((node) => {
        const { unit } = node;
        const hasChildren = node.children.length > 0;
        const open = !collapsed.has(unit.id);
        return (
          <li key={unit.id}>
            <Group
              className="unit-row"
              justify="space-between"
              wrap="nowrap"
              py={6}
              pr="xs"
              pl={`calc(${node.depth} * 1.6rem + 4px)`}
              data-testid={`unit-${unit.code}`}
            >
              <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                {hasChildren ? (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    aria-expanded={open}
                    aria-label={
                      open ? t('units.collapse', { name: unit.name }) : t('units.expand', { name: unit.name })
                    }
                    onClick={() => flip(unit.id)}
                  >
                    {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                  </ActionIcon>
                ) : (
                  <Box w={22} />
                )}
                <Text
                  fw={node.depth === 0 ? 600 : 500}
                  c={unit.active ? undefined : 'dimmed'}
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {unit.name}
                </Text>
                <Badge
                  size="xs"
                  variant="light"
                  color={node.depth === 0 ? 'sidakin' : 'gray'}
                  radius="sm"
                  visibleFrom="sm"
                  style={{ flexShrink: 0 }}
                >
                  {t(`units.kinds.${unit.kind}`)}
                </Badge>
                {!unit.active ? <StatusBadge active={false} /> : null}
              </Group>
              {props.canEdit ? (
                <RowActions>
                  {unit.active ? (
                    <IconAction
                      label={t('units.addChildNamed', { name: unit.name })}
                      onClick={() => setForm({ unit: null, parent: unit })}
                    >
                      <IconPlus size={18} />
                    </IconAction>
                  ) : null}
                  <EditAction name={unit.name} onClick={() => setForm({ unit, parent: null })} />
                  <ToggleActiveAction name={unit.name} record={unit} toggle={toggle} />
                </RowActions>
              ) : null}
            </Group>
            {hasChildren && open ? renderNodes(node.children) : null}
          </li>
        );
      })}
    </ul>
  );

  const withChildren = items.filter((u) => items.some((c) => c.parentId === u.id)).map((u) => u.id);
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
        <Text fw={700} size="lg" component="h2" m={0}>
          {t('units.tree')}
        </Text>
        <Group gap="sm" wrap="wrap">
          <Switch
            label={t('units.showInactive')}
            checked={showInactive}
            onChange={(event) => setShowInactive(event.currentTarget.checked)}
          />
          <Button variant="subtle" size="xs" onClick={() => setCollapsed(new Set())}>
            {t('units.expandAll')}
          </Button>
          <Button variant="subtle" size="xs" onClick={() => setCollapsed(new Set(withChildren))}>
            {t('units.collapseAll')}
          </Button>
          {props.canEdit ? (
            <Button
              size="xs"
              leftSection={<IconPlus size={16} />}
              onClick={() => setForm({ unit: null, parent: null })}
            >
              {t('units.addRoot')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <DataState loading={units.isLoading} error={units.error} empty={items.length === 0} emptyText={t('units.empty')}>
        <nav aria-label={t('units.tree')}>{renderNodes(tree)}</nav>
      </DataState>
      {props.canEdit ? (
        <UnitFormModal
          governmentId={props.governmentId}
          agencyId={props.agencyId}
          units={items}
          unit={form?.unit ?? null}
          parent={form?.parent ?? null}
          opened={form !== null}
          onClose={() => setForm(null)}
        />
      ) : null}
    </Card>
  );
}

function AgencyPositions({ agencyId }: { agencyId: string }) {
  const { t } = useTranslation();
  const positions = useAgencyPositions(agencyId);
  const items = positions.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Text fw={700} size="lg" component="h2" m={0}>
          {t('positions.agencyPositions')}
        </Text>
        <Button
          component={Link}
          to={`/organisasi/jabatan?agencyId=${agencyId}`}
          variant="light"
          size="xs"
          rightSection={<IconExternalLink size={14} />}
        >
          {t('positions.openInPositions')}
        </Button>
      </Group>
      <DataState
        loading={positions.isLoading}
        error={positions.error}
        empty={items.length === 0}
        emptyText={t('positions.empty')}
      >
        <Table.ScrollContainer minWidth={760}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('positions.name')}</Table.Th>
                <Table.Th>{t('positions.unit')}</Table.Th>
                <Table.Th>{t('positions.kind')}</Table.Th>
                <Table.Th>{t('positions.holder')}</Table.Th>
                <Table.Th>{t('positions.acting')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td fw={600}>{p.name}</Table.Td>
                  <Table.Td>{p.unitName ?? '—'}</Table.Td>
                  <Table.Td>{t(`positions.kinds.${p.kind}`)}</Table.Td>
                  <Table.Td>
                    <HolderCell position={p} />
                  </Table.Td>
                  <Table.Td>
                    <ActingCell position={p} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </DataState>
    </Card>
  );
}
