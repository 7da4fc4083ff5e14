import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconArrowBackUp,
  IconArrowLeft,
  IconCheck,
  IconChecks,
  IconDotsVertical,
  IconFileText,
  IconListCheck,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useSession } from '../auth/session';
import { isMine } from '../cases/model';
import { fileUrl, useCase } from '../cases/queries';
import { api } from '../lib/api';
import { useApiMutation } from '../lib/query';
import { formatDecimal, formatRupiah } from '../plans/model';
import { useFormatters } from '../shell/government';
import { ErrorAlert } from '../ui/ErrorAlert';
import { FormModal } from '../ui/FormModal';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { ItemModal } from './ItemModal';
import { MeetingCard, NewMeetingCard } from './MeetingCard';
import {
  type Correction,
  type CorrectionItem,
  correctionPath,
  correctionStatusColors,
  correctionsKey,
  itemStatusColors,
  useCorrection,
} from './queries';
import { SigningCard } from './SigningCard';

/** `/perbaikan/:correctionId`: a correction of locked data as its SOP runs it. */
export function CorrectionPage() {
  return <NeedGovernment>{(governmentId) => <CorrectionView governmentId={governmentId} />}</NeedGovernment>;
}

function CorrectionView({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const { correctionId = '' } = useParams();
  const query = useCorrection(governmentId, correctionId);
  const back = (
    <Anchor component={Link} to="/perbaikan" size="sm" mb="xs" display="inline-flex">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden />
        {t('corrections.backToList')}
      </Group>
    </Anchor>
  );
  if (query.isLoading) {
    return (
      <>
        <PageHeader title={t('corrections.title')} above={back} />
        <Skeleton h={360} radius="md" />
      </>
    );
  }
  if (query.error || !query.data) {
    return (
      <>
        <PageHeader title={t('corrections.title')} above={back} />
        <ErrorAlert error={query.error ?? new Error(t('corrections.notFound'))} />
      </>
    );
  }
  return <CorrectionContent governmentId={governmentId} correction={query.data} back={back} />;
}

type Dialog =
  | { kind: 'propose' }
  | { kind: 'revise'; item: CorrectionItem }
  | { kind: 'withdraw'; item: CorrectionItem }
  | { kind: 'return'; item: CorrectionItem }
  | null;

function CorrectionContent(props: { governmentId: string; correction: Correction; back: ReactNode }) {
  const { t } = useTranslation();
  const { governmentId, correction } = props;
  const me = useSession();
  const kase = useCase(governmentId, correction.caseId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const myPositions = me.positions.map((p) => p.positionId);
  const openTasks = (kase.data?.tasks ?? []).filter((task) => task.status === 'open');
  const mine = openTasks.filter((task) => isMine(task, myPositions));
  const mineOf = (actions: string[]) => mine.find((task) => actions.includes(task.action));
  const correcting = correction.status === 'open' ? mineOf(['correct-data', 'meeting']) : undefined;
  const reviewing = correction.status === 'open' ? mineOf(['review']) : undefined;
  const meetingTask = mineOf(['meeting']);
  // Items are decided at a review (approve, or return with a reason) and at a rapat that fixes
  // the final data (approve only: a rapat has no route back).
  const deciding = correction.status === 'open' ? (reviewing ?? meetingTask) : undefined;
  const live = correction.items.filter((i) => i.status !== 'withdrawn');
  const undecided = deciding
    ? live.filter(
        (i) =>
          i.status !== 'applied' &&
          !(i.status === 'approved' && i.decidedTaskId === deciding.id) &&
          (i.status !== 'returned' || i.returnedToStep === deciding.stepNo),
      )
    : [];

  const decide = useApiMutation(
    (decisions: { itemId: string; decision: 'approve' | 'return'; reason?: string }[]) =>
      api.post<Correction>(correctionPath(governmentId, correction.id, '/decisions'), { decisions }),
    { invalidate: [correctionsKey(governmentId)], successMessage: t('corrections.decided') },
  );

  return (
    <>
      <PageHeader
        above={props.back}
        title={correction.subject}
        description={
          <Group gap="xs" component="span" wrap="wrap">
            <Badge color={correctionStatusColors[correction.status]} variant="light">
              {t(`corrections.statuses.${correction.status}`)}
            </Badge>
            <span>{correction.sopTitle}</span>
            <span aria-hidden>·</span>
            <Anchor component={Link} to={`/kasus/${correction.caseId}`} size="sm">
              {t('corrections.caseLink', { number: correction.caseNumber })}
            </Anchor>
          </Group>
        }
        actions={
          <Button
            component="a"
            variant="default"
            href={`/api${correctionPath(governmentId, correction.id, '/concept')}`}
            target="_blank"
            leftSection={<IconFileText size={18} />}
          >
            {t('corrections.concept')}
          </Button>
        }
      />
      <Stack gap="md">
        <Card withBorder radius="md" padding="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <div>
              <Text size="xs" c="dimmed">
                {t('corrections.agency')}
              </Text>
              <Text size="sm" fw={600}>
                {correction.agencyName} · {correction.year}
              </Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('corrections.periods')}
              </Text>
              <Text size="sm">{correction.periods.map((p) => p.label).join(', ')}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('corrections.openStep')}
              </Text>
              <Text size="sm">
                {openTasks.length === 0
                  ? '—'
                  : openTasks
                      .map((task) => t('corrections.stepNo', { no: task.stepNo, text: task.stepText }))
                      .join('; ')}
              </Text>
              {mine.length > 0 ? (
                <Anchor component={Link} to={`/kasus/${correction.caseId}?tugas=${mine[0]!.id}`} size="sm" fw={600}>
                  {t('corrections.completeStep')}
                </Anchor>
              ) : null}
            </div>
          </SimpleGrid>
        </Card>

        {correcting ? (
          <Alert color="blue" variant="light" icon={<IconPencil size={18} />}>
            {t('corrections.youCorrect', { no: correcting.stepNo })}
          </Alert>
        ) : null}
        {reviewing ? (
          <Alert color="blue" variant="light" icon={<IconListCheck size={18} />}>
            {t('corrections.youReview', { no: reviewing.stepNo })}
          </Alert>
        ) : null}
        {!reviewing && deciding && live.length > 0 ? (
          <Alert color="blue" variant="light" icon={<IconListCheck size={18} />}>
            {t('corrections.youMeet', { no: deciding.stepNo })}
          </Alert>
        ) : null}

        <Card withBorder radius="md" padding="md">
          <Group justify="space-between" mb="sm" wrap="wrap">
            <Title order={2} size="h4">
              {t('corrections.items', { count: live.length })}
            </Title>
            <Group gap="xs">
              {deciding && undecided.length > 0 ? (
                <Button
                  variant="light"
                  color="teal"
                  leftSection={<IconChecks size={18} />}
                  loading={decide.isPending}
                  onClick={() => decide.mutate(undecided.map((i) => ({ itemId: i.id, decision: 'approve' as const })))}
                >
                  {t('corrections.approveAll')}
                </Button>
              ) : null}
              {correcting ? (
                <Button leftSection={<IconPlus size={18} />} onClick={() => setDialog({ kind: 'propose' })}>
                  {t('corrections.propose')}
                </Button>
              ) : null}
            </Group>
          </Group>
          <ItemsTable
            governmentId={governmentId}
            correction={correction}
            decisionTaskId={deciding?.id ?? null}
            canReturn={Boolean(reviewing)}
            canCorrect={Boolean(correcting)}
            onRevise={(item) => setDialog({ kind: 'revise', item })}
            onWithdraw={(item) => setDialog({ kind: 'withdraw', item })}
            onApprove={(item) => decide.mutate([{ itemId: item.id, decision: 'approve' }])}
            onReturn={(item) => setDialog({ kind: 'return', item })}
          />
        </Card>

        {meetingTask && !correction.meetings.some((m) => m.taskId === meetingTask.id) ? (
          <NewMeetingCard governmentId={governmentId} correction={correction} taskId={meetingTask.id} />
        ) : null}
        {correction.meetings.map((m) => (
          <MeetingCard
            key={`${m.id}:${m.updatedAt}`}
            governmentId={governmentId}
            correction={correction}
            meeting={m}
            editable={Boolean(meetingTask && meetingTask.id === m.taskId)}
          />
        ))}

        <ParafCard correction={correction} />
        <SigningCard
          governmentId={governmentId}
          correction={correction}
          sop={kase.data ? { sopId: kase.data.sopId, sopVersionId: kase.data.sopVersionId } : null}
          tasks={mine.filter((task) => task.action === 'sign' || task.action === 'review')}
        />
      </Stack>

      {dialog?.kind === 'propose' || dialog?.kind === 'revise' ? (
        <ItemModal
          governmentId={governmentId}
          correction={correction}
          item={dialog.kind === 'revise' ? dialog.item : null}
          opened
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'withdraw' || dialog?.kind === 'return' ? (
        <ReasonModal
          governmentId={governmentId}
          correction={correction}
          item={dialog.item}
          mode={dialog.kind}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </>
  );
}

interface ItemsProps {
  governmentId: string;
  correction: Correction;
  /** The open review or rapat task at which the person decides on items. */
  decisionTaskId: string | null;
  /** Only a review returns items; a rapat approves. */
  canReturn: boolean;
  canCorrect: boolean;
  onRevise: (item: CorrectionItem) => void;
  onWithdraw: (item: CorrectionItem) => void;
  onApprove: (item: CorrectionItem) => void;
  onReturn: (item: CorrectionItem) => void;
}

/** The items: a table on wide screens, one card each on a phone. */
function ItemsTable(props: ItemsProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const [shown, setShown] = useState<string | null>(null);
  const items = props.correction.items;
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('corrections.noItems')}
      </Text>
    );
  }
  const toggle = (id: string) => setShown(shown === id ? null : id);
  if (phone) {
    return (
      <Stack gap="sm" aria-label={t('corrections.itemsTable')}>
        {items.map((item) => (
          <Card key={item.id} withBorder radius="sm" padding="sm" opacity={item.status === 'withdrawn' ? 0.6 : 1}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <ItemName item={item} />
              <ItemMenu {...props} item={item} onHistory={() => toggle(item.id)} />
            </Group>
            <Group gap="lg" mt={6}>
              <ItemBefore item={item} />
              <ItemAfter item={item} />
            </Group>
            <ItemReason governmentId={props.governmentId} item={item} />
            <ItemStatus {...props} item={item} />
            {shown === item.id ? <ItemHistory item={item} /> : null}
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table aria-label={t('corrections.itemsTable')} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('corrections.indicator')}</Table.Th>
            <Table.Th ta="right">{t('corrections.before')}</Table.Th>
            <Table.Th ta="right">{t('corrections.after')}</Table.Th>
            <Table.Th>{t('corrections.reasonAndCause')}</Table.Th>
            <Table.Th>{t('corrections.status')}</Table.Th>
            <Table.Th w={60} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => [
            <Table.Tr key={item.id} opacity={item.status === 'withdrawn' ? 0.6 : 1}>
              <Table.Td>
                <ItemName item={item} />
              </Table.Td>
              <Table.Td ta="right">
                <ItemBefore item={item} />
              </Table.Td>
              <Table.Td ta="right">
                <ItemAfter item={item} />
              </Table.Td>
              <Table.Td maw={360}>
                <ItemReason governmentId={props.governmentId} item={item} />
              </Table.Td>
              <Table.Td>
                <ItemStatus {...props} item={item} />
              </Table.Td>
              <Table.Td>
                <ItemMenu {...props} item={item} onHistory={() => toggle(item.id)} />
              </Table.Td>
            </Table.Tr>,
            shown === item.id ? (
              <Table.Tr key={`${item.id}:history`}>
                <Table.Td colSpan={6}>
                  <ItemHistory item={item} />
                </Table.Td>
              </Table.Tr>
            ) : null,
          ])}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ItemName({ item }: { item: CorrectionItem }) {
  return (
    <div>
      <Text size="xs" ff="monospace" c="dimmed">
        {item.indicatorCode}
      </Text>
      <Text size="sm">{item.indicatorName}</Text>
      <Text size="xs" c="dimmed">
        {item.ownerName} · {item.periodLabel}
      </Text>
    </div>
  );
}

function ItemBefore({ item }: { item: CorrectionItem }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <div>
      <Text size="sm">{formatDecimal(item.baseActual, item.decimals, f.locale)}</Text>
      <Text size="xs" c="dimmed">
        {item.baseVersion > 0 ? t('corrections.version', { version: item.baseVersion }) : t('corrections.notEntered')}
      </Text>
    </div>
  );
}

function ItemAfter({ item }: { item: CorrectionItem }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <div>
      <Text size="sm" fw={700}>
        {formatDecimal(item.proposedActual, item.decimals, f.locale)} {item.unitOfMeasure}
      </Text>
      {item.proposedBudgetSpent !== null ? (
        <Text size="xs">{formatRupiah(item.proposedBudgetSpent, f.locale)}</Text>
      ) : null}
      {item.appliedVersion ? (
        <Text size="xs" c="teal.8">
          {t('corrections.version', { version: item.appliedVersion })}
        </Text>
      ) : null}
    </div>
  );
}

function ItemReason({ governmentId, item }: { governmentId: string; item: CorrectionItem }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="sm">{item.reason}</Text>
      <Text size="xs" c="dimmed">
        {t('corrections.rootCauseShort', { cause: item.rootCause })}
        {item.removesCause ? ` — ${t('corrections.removedBy', { action: item.causeAction })}` : ''}
      </Text>
      {item.evidence.length > 0 ? (
        <Group gap={6} mt={2}>
          {item.evidence.map((e) =>
            e.kind === 'file' && e.fileId ? (
              <Anchor key={e.id} size="xs" href={fileUrl(governmentId, e.fileId)} target="_blank">
                {e.fileName}
              </Anchor>
            ) : e.kind === 'link' ? (
              <Anchor key={e.id} size="xs" href={e.url ?? '#'} target="_blank" rel="noopener noreferrer">
                {e.description || e.url}
              </Anchor>
            ) : (
              <Text key={e.id} size="xs" c="dimmed">
                {e.text}
              </Text>
            ),
          )}
        </Group>
      ) : null}
    </div>
  );
}

function ItemStatus(props: ItemsProps & { item: CorrectionItem }) {
  const { t } = useTranslation();
  const { item } = props;
  const decidedHere = props.decisionTaskId !== null && item.decidedTaskId === props.decisionTaskId;
  const canDecide = props.decisionTaskId !== null && item.status !== 'withdrawn' && item.status !== 'applied';
  return (
    <div>
      <Badge color={itemStatusColors[item.status]} variant="light">
        {t(`corrections.itemStatuses.${item.status}`)}
      </Badge>
      {item.status === 'returned' && item.returnReason ? (
        <Text size="xs" c="orange.8" maw={260}>
          {t('corrections.returnedTo', { step: item.returnedToStep, reason: item.returnReason })}
        </Text>
      ) : null}
      {decidedHere && item.status === 'approved' ? (
        <Text size="xs" c="teal.8">
          {t('corrections.approvedHere')}
        </Text>
      ) : null}
      {canDecide && !decidedHere ? (
        <Group gap={4} mt={4}>
          <Button
            size="compact-xs"
            color="teal"
            variant="light"
            leftSection={<IconCheck size={12} />}
            onClick={() => props.onApprove(item)}
            aria-label={`${t('corrections.approve')}: ${item.indicatorName}`}
          >
            {t('corrections.approve')}
          </Button>
          {props.canReturn ? (
            <Button
              size="compact-xs"
              color="orange"
              variant="light"
              leftSection={<IconArrowBackUp size={12} />}
              onClick={() => props.onReturn(item)}
              aria-label={`${t('corrections.return')}: ${item.indicatorName}`}
            >
              {t('corrections.return')}
            </Button>
          ) : null}
        </Group>
      ) : null}
    </div>
  );
}

function ItemMenu(props: ItemsProps & { item: CorrectionItem; onHistory: () => void }) {
  const { t } = useTranslation();
  const { item } = props;
  const canEdit = props.canCorrect && item.status !== 'withdrawn' && item.status !== 'applied';
  return (
    <Menu withinPortal position="bottom-end">
      <Menu.Target>
        <Button variant="subtle" size="compact-sm" aria-label={t('corrections.itemMenu', { name: item.indicatorName })}>
          <IconDotsVertical size={16} />
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={props.onHistory}>{t('corrections.history')}</Menu.Item>
        {canEdit ? (
          <>
            <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => props.onRevise(item)}>
              {t('corrections.revise')}
            </Menu.Item>
            <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => props.onWithdraw(item)}>
              {t('corrections.withdraw')}
            </Menu.Item>
          </>
        ) : null}
      </Menu.Dropdown>
    </Menu>
  );
}

function ItemHistory({ item }: { item: CorrectionItem }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <Stack gap={2} mt={6}>
      {item.events.map((e) => (
        <Text key={e.id} size="xs">
          {f.dateTime(e.at)} · {t(`corrections.events.${e.action}`)}
          {e.stepNo ? ` (${t('corrections.stepShort', { no: e.stepNo })})` : ''} · {e.actorName}
          {e.actorPositionName ? ` — ${e.actorPositionName}` : ''}
          {e.reason ? `: ${e.reason}` : ''}
        </Text>
      ))}
    </Stack>
  );
}

function ReasonModal(props: {
  governmentId: string;
  correction: Correction;
  item: CorrectionItem;
  mode: 'withdraw' | 'return';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = useApiMutation(
    () =>
      props.mode === 'withdraw'
        ? api.post<Correction>(
            correctionPath(props.governmentId, props.correction.id, `/items/${props.item.id}/withdraw`),
            {
              reason,
            },
          )
        : api.post<Correction>(correctionPath(props.governmentId, props.correction.id, '/decisions'), {
            decisions: [{ itemId: props.item.id, decision: 'return', reason }],
          }),
    {
      invalidate: [correctionsKey(props.governmentId)],
      successMessage: props.mode === 'withdraw' ? t('corrections.withdrawn') : t('corrections.returned'),
      onSuccess: props.onClose,
      onError: (e) => setError(e instanceof Error ? e.message : String(e)),
    },
  );
  return (
    <FormModal
      opened
      onClose={props.onClose}
      title={
        props.mode === 'withdraw'
          ? t('corrections.withdrawTitle', { name: props.item.indicatorName })
          : t('corrections.returnTitle', { name: props.item.indicatorName })
      }
      submitting={send.isPending}
      formError={error}
      submitLabel={props.mode === 'withdraw' ? t('corrections.withdraw') : t('corrections.return')}
      onSubmit={() => {
        if (!reason.trim()) {
          setError(t('corrections.reasonRequired'));
          return;
        }
        send.mutate(undefined);
      }}
    >
      <Textarea
        label={props.mode === 'withdraw' ? t('corrections.withdrawReason') : t('corrections.returnReason')}
        required
        autosize
        minRows={3}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
    </FormModal>
  );
}

function ParafCard({ correction }: { correction: Correction }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const acting = useMemo(() => ({ definitive: '', plt: 'Plt. ', plh: 'Plh. ' }), []);
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h4" mb="sm">
        {t('corrections.parafTrail')}
      </Title>
      {correction.parafs.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('corrections.noParaf')}
        </Text>
      ) : (
        <Table aria-label={t('corrections.parafTrail')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('corrections.step')}</Table.Th>
              <Table.Th>{t('corrections.person')}</Table.Th>
              <Table.Th>{t('corrections.when')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {correction.parafs.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.stepNo}</Table.Td>
                <Table.Td>
                  <Text size="sm">{p.name}</Text>
                  <Text size="xs" c="dimmed">
                    {acting[p.acting]}
                    {p.positionTitle}
                  </Text>
                </Table.Td>
                <Table.Td>{f.dateTime(p.at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
