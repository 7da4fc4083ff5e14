import { Alert, Anchor, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import {
  IconArrowLeft,
  IconBell,
  IconCircleCheck,
  IconCircleX,
  IconFileZip,
  IconInfoCircle,
  IconTable,
  IconUserShare,
} from '@tabler/icons-react';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { isAdmin, useSession } from '../auth/session';
import { govPath } from '../lib/api';
import { i18n } from '../lib/i18n';
import { useAgencyPositions, useAgencyUnits } from '../org/queries';
import { useFormatters } from '../shell/government';
import { orderedLanes, type SopDocument } from '../sop/model';
import { SopTable } from '../sop/SopTable';
import { ErrorAlert } from '../ui/ErrorAlert';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { ActualVsStandard, CaseStatusBadge, DueFlags } from './CaseBits';
import { CancelCaseModal, ReassignTaskModal } from './CaseDialogs';
import { CaseHistory } from './CaseHistory';
import { CompleteTaskModal } from './CompleteTaskModal';
import { byUrgency, type CaseDetail, type CaseTask, isMine, stepProgress } from './model';
import { useCase, useCaseDocument, useMinutesPerDay } from './queries';
import { StepProgressCell } from './StepProgressCell';

/** `/kasus/:caseId` (optionally `?tugas=<task>`): one case, its procedure live, its tasks and history. */
export function CasePage() {
  return <NeedGovernment>{(governmentId) => <CaseView governmentId={governmentId} />}</NeedGovernment>;
}

type Dialog = { kind: 'complete' | 'reassign'; task: CaseTask } | { kind: 'cancel' } | null;

function CaseView({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const query = useCase(governmentId, caseId);
  const back = (
    <Anchor component={Link} to="/kasus" size="sm" mb="xs" display="inline-flex">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden />
        {t('cases.backToList')}
      </Group>
    </Anchor>
  );
  if (query.isLoading) {
    return (
      <>
        <PageHeader title={t('cases.caseTitle')} above={back} />
        <Skeleton h={360} radius="md" />
      </>
    );
  }
  if (query.error || !query.data) {
    return (
      <>
        <PageHeader title={t('cases.caseTitle')} above={back} />
        <ErrorAlert error={query.error ?? new Error(t('cases.notFound'))} />
      </>
    );
  }
  return <CaseContent governmentId={governmentId} detail={query.data} back={back} />;
}

function CaseContent({ governmentId, detail, back }: { governmentId: string; detail: CaseDetail; back: ReactNode }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const me = useSession();
  const admin = isAdmin(me.user.role);
  const [params] = useSearchParams();
  const focusId = params.get('tugas');
  const [dialog, setDialog] = useState<Dialog>(null);
  const sopDoc = useCaseDocument(governmentId, detail.sopId, detail.sopVersionId);
  const minutesPerDay = useMinutesPerDay(governmentId);
  const units = useAgencyUnits(detail.agencyId, 'all');
  const positions = useAgencyPositions(detail.agencyId);

  const unitNames = useMemo(() => new Map((units.data?.items ?? []).map((u) => [u.id, u.name])), [units.data]);
  const positionNames = useMemo(() => {
    const map = new Map((positions.data?.items ?? []).map((p) => [p.id, p.name]));
    for (const task of detail.tasks) for (const a of task.assignees) map.set(a.positionId, a.positionName);
    return map;
  }, [positions.data, detail.tasks]);

  const myPositionIds = me.positions.map((p) => p.positionId);
  const open = detail.tasks.filter((task) => task.status === 'open').sort(byUrgency);
  const mine = open.filter((task) => isMine(task, myPositionIds));
  const focused = focusId ? detail.tasks.find((task) => task.id === focusId) : undefined;
  // The server lets the administrators and whoever started the case cancel it.
  const mayCancel = detail.status === 'open' && (admin || detail.startedByUserId === me.user.id);

  // Coming from "Tugas Saya": bring the task into view once.
  const scrolled = useRef(false);
  useEffect(() => {
    if (scrolled.current || !focusId) return;
    const element = document.getElementById(`tugas-${focusId}`);
    if (element) {
      scrolled.current = true;
      element.scrollIntoView({ block: 'center' });
    }
  });

  return (
    <>
      <PageHeader
        above={back}
        title={detail.subject}
        description={
          <Group gap="xs" component="span" wrap="wrap">
            <span>{t('cases.numberLong', { number: detail.number })}</span>
            <CaseStatusBadge status={detail.status} />
            <span>{detail.sopTitle}</span>
          </Group>
        }
        actions={
          <>
            {/* The whole dossier (documents, history, audit excerpt) as one zip. */}
            <Button
              component="a"
              href={`/api${govPath(governmentId, `/cases/${detail.id}/dossier`)}`}
              variant="default"
              leftSection={<IconFileZip size={18} />}
            >
              {t('archive.dossier')}
            </Button>
            {mayCancel ? (
              <Button
                variant="light"
                color="red"
                leftSection={<IconCircleX size={18} />}
                onClick={() => setDialog({ kind: 'cancel' })}
              >
                {t('cases.cancel.open')}
              </Button>
            ) : null}
          </>
        }
      />
      <Stack gap="md">
        {mine.length > 0 ? (
          <Alert color="blue" variant="light" icon={<IconBell size={18} />} role="status">
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Text size="sm">{t('cases.yourTasks', { count: mine.length })}</Text>
              <Anchor href="#tugas-terbuka" size="sm" fw={600}>
                {t('cases.toTasks')}
              </Anchor>
            </Group>
          </Alert>
        ) : null}
        {focused && focused.status !== 'open' ? (
          <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
            {t('cases.focusedClosed', { no: focused.stepNo })}
          </Alert>
        ) : null}
        {detail.status === 'cancelled' ? (
          <Alert color="gray" variant="light" icon={<IconCircleX size={18} />} title={t('cases.cancelledTitle')}>
            {detail.cancelReason ? t('cases.history.reasonLine', { reason: detail.cancelReason }) : null}
          </Alert>
        ) : null}
        {detail.status === 'completed' ? (
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} role="status">
            {t('cases.completedBody', { time: f.dateTime(detail.closedAt) })}
          </Alert>
        ) : null}

        <CaseFacts detail={detail} unitNames={unitNames} />

        <Card withBorder radius="md" padding="md">
          <Title order={2} size="h4" mb={4}>
            {t('cases.procedure')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('cases.procedureHint')}
          </Text>
          {sopDoc.loading ? <Skeleton h={320} radius="sm" /> : null}
          {sopDoc.error ? <ErrorAlert error={sopDoc.error} /> : null}
          {sopDoc.doc ? (
            <ProcedureTable
              governmentId={governmentId}
              doc={sopDoc.doc}
              detail={detail}
              minutesPerDay={minutesPerDay}
            />
          ) : null}
        </Card>

        <Card withBorder radius="md" padding="md" id="tugas-terbuka">
          <Title order={2} size="h4" mb="sm">
            {t('cases.openTasksTitle')}
          </Title>
          {open.length === 0 ? (
            <Text size="sm" c="dimmed">
              {detail.status === 'open' ? t('cases.noOpenTasks') : t('cases.closedNoTasks')}
            </Text>
          ) : (
            <ul className="case-tasks" aria-label={t('cases.openTasksTitle')}>
              {open.map((task) => (
                <OpenTask
                  key={task.id}
                  task={task}
                  focused={task.id === focusId}
                  mine={isMine(task, myPositionIds)}
                  canReassign={admin}
                  minutesPerDay={minutesPerDay}
                  ready={sopDoc.doc !== null}
                  workLink={workLinkOf(detail, task)}
                  onComplete={() => setDialog({ kind: 'complete', task })}
                  onReassign={() => setDialog({ kind: 'reassign', task })}
                />
              ))}
            </ul>
          )}
        </Card>

        <Card withBorder radius="md" padding="md">
          <Title order={2} size="h4" mb="sm">
            {t('cases.history.title')}
          </Title>
          <CaseHistory
            governmentId={governmentId}
            detail={detail}
            positionNames={positionNames}
            unitNames={unitNames}
          />
        </Card>
      </Stack>

      {dialog?.kind === 'complete' && sopDoc.doc ? (
        <CompleteTaskModal
          governmentId={governmentId}
          detail={detail}
          doc={sopDoc.doc}
          task={dialog.task}
          unitNames={unitNames}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'reassign' ? (
        <ReassignTaskModal
          governmentId={governmentId}
          detail={detail}
          task={dialog.task}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'cancel' ? (
        <CancelCaseModal governmentId={governmentId} detail={detail} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="case-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function CaseFacts({ detail, unitNames }: { detail: CaseDetail; unitNames: Map<string, string> }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const starter = detail.events.find((e) => e.kind === 'start');
  return (
    <Card withBorder radius="md" padding="md">
      <SimpleGrid component="dl" cols={{ base: 2, lg: 3 }} spacing="md" verticalSpacing="sm" className="case-facts">
        <Fact label={t('cases.facts.sop')}>
          <Anchor component={Link} to={`/sop/${detail.sopId}`} fw={600} size="sm">
            {detail.sopTitle}
          </Anchor>
          <Text size="xs" c="dimmed">
            {t('sop.versionShort', { version: detail.sopVersion })}
          </Text>
        </Fact>
        <Fact label={t('cases.facts.agency')}>
          <Text size="sm">{detail.agencyName}</Text>
        </Fact>
        <Fact label={t('cases.facts.period')}>
          {detail.link?.kind === 'collection_period' ? (
            <Anchor component={Link} to={`/pengumpulan/${detail.link.id}`} size="sm">
              {detail.period || t('cases.work.period')}
            </Anchor>
          ) : (
            <Text size="sm">{detail.period || '—'}</Text>
          )}
        </Fact>
        <Fact label={t('cases.facts.units')}>
          <Text size="sm">
            {detail.unitIds.length === 0 ? '—' : detail.unitIds.map((id) => unitNames.get(id) ?? '…').join(', ')}
          </Text>
        </Fact>
        <Fact label={t('cases.facts.started')}>
          <Text size="sm">{f.dateTime(detail.startedAt)}</Text>
          {starter?.actorName ? (
            <Text size="xs" c="dimmed">
              {starter.actorPositionName ? `${starter.actorName} — ${starter.actorPositionName}` : starter.actorName}
            </Text>
          ) : null}
        </Fact>
        <Fact label={detail.status === 'cancelled' ? t('cases.facts.cancelled') : t('cases.facts.closed')}>
          <Text size="sm">{f.dateTime(detail.closedAt)}</Text>
        </Fact>
      </SimpleGrid>
    </Card>
  );
}

function ProcedureTable(props: { governmentId: string; doc: SopDocument; detail: CaseDetail; minutesPerDay: number }) {
  const { t } = useTranslation();
  const { doc, detail } = props;
  const lanes = useMemo(() => orderedLanes(doc), [doc]);
  const progress = useMemo(() => stepProgress(doc, detail.tasks), [doc, detail.tasks]);
  return (
    <SopTable
      doc={doc}
      lanes={lanes}
      state={{
        header: t('cases.progress.header'),
        current: (step) => progress.get(step.no)?.current ?? false,
        cell: (step) => {
          const p = progress.get(step.no);
          return p ? (
            <StepProgressCell governmentId={props.governmentId} progress={p} minutesPerDay={props.minutesPerDay} />
          ) : null;
        },
      }}
    />
  );
}

/**
 * A task of a collection SOP is worked on in the period's screens: the entry step on the unit's
 * form, the checks and reviews on the form or the period's completeness.
 */
function workLinkOf(detail: CaseDetail, task: CaseTask): { to: string; label: string } | null {
  if (detail.link?.kind === 'correction')
    return { to: `/perbaikan/${detail.link.id}`, label: i18n.t('cases.work.correction') };
  if (detail.link?.kind !== 'collection_period') return null;
  const period = `/pengumpulan/${detail.link.id}`;
  if (task.unitId) {
    const label = task.action === 'enter-data' ? i18n.t('cases.work.enter') : i18n.t('cases.work.form');
    return { to: `${period}/formulir/${task.unitId}`, label };
  }
  return { to: period, label: i18n.t('cases.work.period') };
}

function OpenTask(props: {
  task: CaseTask;
  focused: boolean;
  mine: boolean;
  canReassign: boolean;
  minutesPerDay: number;
  ready: boolean;
  /** Where the task's work is done, when it is done on another screen (e.g. a collection form). */
  workLink: { to: string; label: string } | null;
  onComplete: () => void;
  onReassign: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { task } = props;
  const titleId = `tugas-${task.id}-title`;
  const name = task.unitName
    ? t('cases.task.stepUnit', { no: task.stepNo, unit: task.unitName })
    : t('cases.task.step', { no: task.stepNo });
  return (
    <li
      id={`tugas-${task.id}`}
      className="case-task"
      data-focused={props.focused || undefined}
      data-overdue={task.overdue || undefined}
      data-due-soon={(!task.overdue && task.dueSoon) || undefined}
      data-mine={props.mine || undefined}
      aria-labelledby={titleId}
    >
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={4} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Title order={3} size="h5" id={titleId}>
              {name}
            </Title>
            <DueFlags task={task} />
            {task.round > 1 ? (
              <Text size="xs" c="orange.8" fw={600}>
                {t('cases.progress.round', { round: task.round })}
              </Text>
            ) : null}
          </Group>
          <Text size="sm">{task.stepText}</Text>
          <Text size="xs" c="dimmed">
            {t('inbox.lanes', { names: task.laneTitles.join(', ') })} ·{' '}
            {t('inbox.assignees', { names: task.assignees.map((a) => a.positionName).join(', ') || '—' })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('inbox.openedAt', { time: f.dateTime(task.openedAt) })}
            {' · '}
            <Text span size="xs" c={task.overdue ? 'red.8' : task.dueSoon ? 'orange.8' : undefined} fw={600}>
              {task.dueAt ? t('inbox.dueAt', { time: f.dateTime(task.dueAt) }) : t('inbox.noDue')}
            </Text>
          </Text>
          <ActualVsStandard task={task} minutesPerDay={props.minutesPerDay} />
        </Stack>
        <Group gap="xs" className="case-task-actions">
          {props.workLink ? (
            <Button
              component={Link}
              to={props.workLink.to}
              variant="light"
              leftSection={<IconTable size={18} />}
              aria-label={`${props.workLink.label} — ${name}`}
            >
              {props.workLink.label}
            </Button>
          ) : null}
          {props.mine ? (
            <Button
              leftSection={<IconCircleCheck size={18} />}
              onClick={props.onComplete}
              disabled={!props.ready}
              aria-label={t('cases.task.completeNamed', { name })}
            >
              {t('cases.task.complete')}
            </Button>
          ) : null}
          {props.canReassign ? (
            <Button
              variant="default"
              leftSection={<IconUserShare size={18} />}
              onClick={props.onReassign}
              aria-label={t('cases.task.reassignNamed', { name })}
            >
              {t('cases.task.reassign')}
            </Button>
          ) : null}
          {!props.mine && !props.canReassign ? (
            <Text size="xs" c="dimmed" maw={260}>
              {t('cases.task.notYours')}
            </Text>
          ) : null}
        </Group>
      </Group>
    </li>
  );
}
