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
  Text,
  Tooltip,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { PlanIndicator, PlanNode, PlanNodeKind, PlanTree } from '@sidakin/core';
import {
  IconArrowLeft,
  IconChartBar,
  IconChevronDown,
  IconChevronRight,
  IconFileCertificate,
  IconPlus,
  IconTarget,
} from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCanEdit } from '../auth/session';
import { planImport } from '../imports/adapters';
import { ExcelActions } from '../imports/ImportWizard';
import { useToggleActive } from '../lib/query';
import { DataState } from '../ui/DataState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { EditAction, IconAction, RowActions, ToggleActiveAction } from '../ui/RowActions';
import { StatusBadge } from '../ui/StatusBadge';
import { buildPlanTree, childKindOf, formatDecimal, formatTarget, type PlanTreeNode } from './model';
import { IndicatorFormModal, NodeFormModal, TargetsFormModal } from './PlanForms';
import { PlanFormModal, PlanStatusBadge } from './PlansPage';
import { planPath, plansKey, useLocale, usePlanTree } from './queries';

const kindColor: Record<PlanNodeKind, string> = {
  goal: 'sidakin',
  objective: 'indigo',
  program: 'teal',
  activity: 'grape',
  sub_activity: 'gray',
};

export function PlanPage() {
  return <NeedGovernment>{(governmentId) => <PlanDetail governmentId={governmentId} />}</NeedGovernment>;
}

type Dialog =
  | { kind: 'node'; node: PlanNode | null; parent: PlanNode | null }
  | { kind: 'indicator'; indicator: PlanIndicator | null; node: PlanNode }
  | { kind: 'targets'; indicator: PlanIndicator }
  | { kind: 'plan' };

function PlanDetail({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const { planId = '' } = useParams();
  const canEdit = useCanEdit();
  const [showInactive, setShowInactive] = useState(false);
  const query = usePlanTree(governmentId, planId, showInactive);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const back = (
    <Anchor component={Link} to="/rencana" size="sm" mb="xs" display="inline-flex">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden />
        {t('plans.backToList')}
      </Group>
    </Anchor>
  );
  if (query.isLoading) {
    return (
      <>
        <PageHeader title={t('plans.title')} above={back} />
        <Skeleton h={320} radius="md" />
      </>
    );
  }
  if (query.error || !query.data) {
    return (
      <>
        <PageHeader title={t('plans.title')} above={back} />
        <ErrorAlert error={query.error ?? new Error(t('plans.notFound'))} />
      </>
    );
  }
  const plan = query.data;
  return (
    <>
      <PageHeader
        above={back}
        title={plan.name}
        description={
          <Group gap="xs" component="span" wrap="wrap">
            <Badge variant="light" color="sidakin" radius="sm">
              {plan.agencyName}
            </Badge>
            <Badge variant="outline" color="gray" radius="sm">
              {t('plans.periodValue', { start: plan.startYear, end: plan.endYear })}
            </Badge>
            <PlanStatusBadge status={plan.status} />
            {plan.active ? null : <StatusBadge active={false} />}
            {plan.decreeNumber ? <span>{plan.decreeNumber}</span> : null}
          </Group>
        }
        actions={
          <>
            <Button
              component={Link}
              to={`/perjanjian-kinerja?planId=${plan.id}`}
              variant="light"
              leftSection={<IconFileCertificate size={16} />}
            >
              {t('plans.openAgreements')}
            </Button>
            <ExcelActions target={planImport(governmentId, plan.id)} canImport={canEdit} subject={plan.name} />
            {canEdit ? (
              <Button variant="default" onClick={() => setDialog({ kind: 'plan' })}>
                {t('common.edit')}
              </Button>
            ) : null}
          </>
        }
      />
      <PlanTreeCard
        governmentId={governmentId}
        plan={plan}
        canEdit={canEdit}
        showInactive={showInactive}
        onShowInactive={setShowInactive}
        onDialog={setDialog}
      />
      {canEdit ? (
        <>
          <PlanFormModal
            governmentId={governmentId}
            plan={plan}
            opened={dialog?.kind === 'plan'}
            onClose={() => setDialog(null)}
          />
          <NodeFormModal
            governmentId={governmentId}
            plan={plan}
            node={dialog?.kind === 'node' ? dialog.node : null}
            parent={dialog?.kind === 'node' ? dialog.parent : null}
            opened={dialog?.kind === 'node'}
            onClose={() => setDialog(null)}
          />
          <IndicatorFormModal
            governmentId={governmentId}
            plan={plan}
            indicator={dialog?.kind === 'indicator' ? dialog.indicator : null}
            node={dialog?.kind === 'indicator' ? dialog.node : null}
            opened={dialog?.kind === 'indicator'}
            onClose={() => setDialog(null)}
          />
          <TargetsFormModal
            governmentId={governmentId}
            plan={plan}
            indicator={dialog?.kind === 'targets' ? dialog.indicator : null}
            opened={dialog?.kind === 'targets'}
            onClose={() => setDialog(null)}
          />
        </>
      ) : null}
    </>
  );
}

function PlanTreeCard(props: {
  governmentId: string;
  plan: PlanTree;
  canEdit: boolean;
  showInactive: boolean;
  onShowInactive: (value: boolean) => void;
  onDialog: (dialog: Dialog) => void;
}) {
  const { t } = useTranslation();
  const { plan } = props;
  const phone = useMediaQuery('(max-width: 48em)', undefined, { getInitialValueInEffect: false });
  const tree = useMemo(() => buildPlanTree(plan.nodes), [plan.nodes]);
  // On a phone the tree opens at the goals; the objectives and what lies below open on a tap.
  const [toggled, setToggled] = useState<Set<string>>(() => new Set());
  const [allOpen, setAllOpen] = useState<boolean | null>(null);
  const defaultOpen = (node: PlanNode) => (allOpen ?? !phone) || node.kind === 'goal';
  const isOpen = (node: PlanNode) => (toggled.has(node.id) ? !defaultOpen(node) : defaultOpen(node));
  const flip = (id: string) =>
    setToggled((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const nodeToggle = useToggleActive(
    (id) => planPath(props.governmentId, plan.id, `/nodes/${id}`),
    [plansKey(props.governmentId)],
  );
  const indicatorToggle = useToggleActive(
    (id) => planPath(props.governmentId, plan.id, `/indicators/${id}`),
    [plansKey(props.governmentId)],
  );

  const renderNodes = (nodes: PlanTreeNode[]) => (
    <ul className="plan-tree">
      {nodes.map(({ node, children }) => {
        const open = isOpen(node);
        const expandable = children.length > 0 || node.indicators.length > 0;
        const label = `${node.code} ${node.name}`;
        const childKind = childKindOf[node.kind];
        return (
          <li key={node.id} data-kind={node.kind} aria-label={`${t(`plans.kinds.${node.kind}`)} ${label}`}>
            <Group className="plan-node-row" justify="space-between" wrap="nowrap" gap="xs" py={6} pr={4}>
              <Group gap={6} wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: 1 }}>
                {expandable ? (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    mt={2}
                    aria-expanded={open}
                    aria-label={open ? t('plans.collapse', { name: label }) : t('plans.expand', { name: label })}
                    onClick={() => flip(node.id)}
                  >
                    {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                  </ActionIcon>
                ) : (
                  <Box w={22} style={{ flexShrink: 0 }} />
                )}
                <Box style={{ minWidth: 0 }}>
                  <Group gap={6} wrap="wrap">
                    <Badge size="xs" radius="sm" variant="light" color={kindColor[node.kind]}>
                      {t(`plans.kinds.${node.kind}`)}
                    </Badge>
                    <Text size="sm" ff="monospace" c="dimmed">
                      {node.code}
                    </Text>
                    {node.active ? null : <StatusBadge active={false} />}
                  </Group>
                  <Text
                    fw={node.kind === 'goal' || node.kind === 'objective' ? 600 : 500}
                    size="sm"
                    c={node.active ? undefined : 'dimmed'}
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {node.name}
                  </Text>
                  {node.unitName ? (
                    <Text size="xs" c="dimmed">
                      {t('plans.responsible', { name: node.unitName })}
                    </Text>
                  ) : null}
                </Box>
              </Group>
              {props.canEdit ? (
                <RowActions>
                  {childKind && node.active ? (
                    <IconAction
                      label={t('plans.addChildNamed', { kind: t(`plans.kinds.${childKind}`), name: label })}
                      onClick={() => props.onDialog({ kind: 'node', node: null, parent: node })}
                    >
                      <IconPlus size={18} />
                    </IconAction>
                  ) : null}
                  {node.active ? (
                    <IconAction
                      label={t('plans.addIndicatorNamed', { name: label })}
                      onClick={() => props.onDialog({ kind: 'indicator', indicator: null, node })}
                    >
                      <IconChartBar size={18} />
                    </IconAction>
                  ) : null}
                  <EditAction name={label} onClick={() => props.onDialog({ kind: 'node', node, parent: null })} />
                  <ToggleActiveAction name={label} record={node} toggle={nodeToggle} />
                </RowActions>
              ) : null}
            </Group>
            {open && node.indicators.length > 0 ? (
              <Box className="plan-indicators">
                <IndicatorTable
                  node={node}
                  years={plan.years}
                  canEdit={props.canEdit}
                  onTargets={(indicator) => props.onDialog({ kind: 'targets', indicator })}
                  onEdit={(indicator) => props.onDialog({ kind: 'indicator', indicator, node })}
                  toggle={indicatorToggle}
                />
              </Box>
            ) : null}
            {open && children.length > 0 ? renderNodes(children) : null}
          </li>
        );
      })}
    </ul>
  );

  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
        <Text fw={700} size="lg" component="h2" m={0}>
          {t('plans.tree')}
        </Text>
        <Group gap="sm" wrap="wrap">
          <Switch
            label={t('plans.showInactive')}
            checked={props.showInactive}
            onChange={(event) => props.onShowInactive(event.currentTarget.checked)}
          />
          <Button
            variant="subtle"
            size="xs"
            onClick={() => {
              setAllOpen(true);
              setToggled(new Set());
            }}
          >
            {t('plans.expandAll')}
          </Button>
          <Button
            variant="subtle"
            size="xs"
            onClick={() => {
              setAllOpen(false);
              setToggled(new Set());
            }}
          >
            {t('plans.collapseAll')}
          </Button>
          {props.canEdit ? (
            <Button
              size="xs"
              leftSection={<IconPlus size={16} />}
              onClick={() => props.onDialog({ kind: 'node', node: null, parent: null })}
            >
              {t('plans.addGoal')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <DataState loading={false} error={null} empty={plan.nodes.length === 0} emptyText={t('plans.emptyTree')}>
        <nav aria-label={t('plans.tree')}>{renderNodes(tree)}</nav>
      </DataState>
    </Card>
  );
}

/** "0 – 100", "≥ 0" or "≤ 100", each bound exact (not rounded to the indicator's decimals). */
function validRangeText(indicator: PlanIndicator, locale: ReturnType<typeof useLocale>): string {
  const show = (v: string) => formatDecimal(v, v.split('.')[1]?.length ?? 0, locale);
  const { validMin: min, validMax: max } = indicator;
  if (min !== null && max !== null) return `${show(min)} – ${show(max)}`;
  return min !== null ? `≥ ${show(min)}` : max !== null ? `≤ ${show(max)}` : '';
}

function IndicatorTable(props: {
  node: PlanNode;
  years: number[];
  canEdit: boolean;
  onTargets: (indicator: PlanIndicator) => void;
  onEdit: (indicator: PlanIndicator) => void;
  toggle: ReturnType<typeof useToggleActive>;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { node, years } = props;
  return (
    <Table.ScrollContainer minWidth={420 + years.length * 72 + (props.canEdit ? 110 : 0)}>
      <Table
        withTableBorder
        withColumnBorders
        striped
        fz="sm"
        verticalSpacing={6}
        horizontalSpacing="xs"
        aria-label={t('plans.indicatorsOf', { name: `${node.code} ${node.name}` })}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('plans.indicator')}</Table.Th>
            <Table.Th>{t('plans.unitOfMeasure')}</Table.Th>
            <Table.Th>{t('plans.direction')}</Table.Th>
            <Table.Th ta="right">{t('plans.baseline')}</Table.Th>
            {years.map((year) => (
              <Table.Th key={year} ta="right">
                {year}
              </Table.Th>
            ))}
            {props.canEdit ? <Table.Th ta="right">{t('common.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {node.indicators.map((indicator) => {
            const byYear = new Map(indicator.targets.map((target) => [target.year, target]));
            const label = indicator.code ? `${indicator.code} ${indicator.name}` : indicator.name;
            return (
              <Table.Tr key={indicator.id} data-indicator={indicator.code || indicator.id}>
                <Table.Td miw={170}>
                  <Group gap={6} wrap="wrap">
                    {indicator.code ? (
                      <Text size="xs" ff="monospace" c="dimmed">
                        {indicator.code}
                      </Text>
                    ) : null}
                    {indicator.isKey ? (
                      <Tooltip label={t('plans.keyLong')} withArrow>
                        <Badge size="xs" color="orange" variant="filled" radius="sm">
                          {t('plans.key')}
                        </Badge>
                      </Tooltip>
                    ) : null}
                    {indicator.active ? null : <StatusBadge active={false} />}
                  </Group>
                  <Text size="sm" fw={500}>
                    {indicator.name}
                  </Text>
                  {indicator.unitName ? (
                    <Text size="xs" c="dimmed">
                      {indicator.unitName}
                    </Text>
                  ) : null}
                  {indicator.validMin !== null || indicator.validMax !== null || indicator.evidenceRequired ? (
                    <Text size="xs" c="dimmed" data-validity>
                      {[
                        indicator.validMin !== null || indicator.validMax !== null
                          ? t('plans.validRange', { range: validRangeText(indicator, locale) })
                          : null,
                        indicator.evidenceRequired ? t('plans.evidenceRequired') : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{indicator.unitOfMeasure}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Tooltip label={t(`plans.directions.${indicator.direction}`)} withArrow>
                    <span>{t(`plans.directionsShort.${indicator.direction}`)}</span>
                  </Tooltip>
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatDecimal(indicator.baseline.value, indicator.decimals, locale)}
                  {indicator.baseline.year ? (
                    <Text size="xs" c="dimmed">
                      ({indicator.baseline.year})
                    </Text>
                  ) : null}
                </Table.Td>
                {years.map((year) => (
                  <Table.Td key={year} ta="right" style={{ whiteSpace: 'nowrap' }} data-year={year}>
                    {formatTarget(byYear.get(year), indicator.decimals, locale)}
                  </Table.Td>
                ))}
                {props.canEdit ? (
                  <Table.Td>
                    <RowActions>
                      <IconAction
                        label={t('plans.editTargetsNamed', { name: label })}
                        onClick={() => props.onTargets(indicator)}
                      >
                        <IconTarget size={18} />
                      </IconAction>
                      <EditAction name={label} onClick={() => props.onEdit(indicator)} />
                      <ToggleActiveAction name={label} record={indicator} toggle={props.toggle} />
                    </RowActions>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
