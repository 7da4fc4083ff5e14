import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../shell/government';
import { ActualVsStandard, AttachmentList, DueFlags, StepStateBadge } from './CaseBits';
import type { StepProgress, StepTrack } from './model';

/** One step's state in the procedure table of a case: per unit for per-unit steps. */
export function StepProgressCell(props: { governmentId: string; progress: StepProgress; minutesPerDay: number }) {
  const { tracks } = props.progress;
  return (
    <Stack gap={8} className="case-step-progress">
      {tracks.map((track) => (
        <Track
          key={track.unitId ?? 'case'}
          governmentId={props.governmentId}
          track={track}
          minutesPerDay={props.minutesPerDay}
        />
      ))}
    </Stack>
  );
}

function Track({
  governmentId,
  track,
  minutesPerDay,
}: {
  governmentId: string;
  track: StepTrack;
  minutesPerDay: number;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const task = track.latest;
  const doneRounds = track.rounds.filter((r) => r.status === 'done').length;
  return (
    <div className="case-step-track" data-state={track.state} data-unit={track.unitName ?? undefined}>
      {track.unitName ? (
        <Text size="xs" fw={600} c="dark.5" mb={2}>
          {track.unitName}
        </Text>
      ) : null}
      <Group gap={4} wrap="wrap">
        <StepStateBadge state={track.state} />
        {task && task.round > 1 ? (
          <Text size="xs" c="dimmed">
            {t('cases.progress.round', { round: task.round })}
          </Text>
        ) : null}
        {task ? <DueFlags task={task} /> : null}
      </Group>
      {task?.status === 'open' ? (
        <>
          <Text size="xs" mt={2}>
            {t('cases.progress.waitingFor', { names: task.assignees.map((a) => a.positionName).join(', ') || '—' })}
          </Text>
          {task.dueAt ? (
            <Text size="xs" c={task.overdue ? 'red.8' : task.dueSoon ? 'orange.8' : 'dimmed'}>
              {t('cases.progress.dueAt', { time: f.dateTime(task.dueAt) })}
            </Text>
          ) : null}
          <ActualVsStandard task={task} minutesPerDay={minutesPerDay} />
        </>
      ) : null}
      {task && task.status === 'done' ? (
        <>
          <Text size="xs" mt={2}>
            <Text span fw={600} size="xs">
              {task.completedByName ?? '—'}
            </Text>
            {task.completedByPositionName ? ` — ${task.completedByPositionName}` : ''}
          </Text>
          <Text size="xs" c="dimmed">
            {task.outcome === 'ya' || task.outcome === 'tidak'
              ? `${t(`cases.outcome.${task.outcome}`)} · ${f.dateTime(task.completedAt)}`
              : f.dateTime(task.completedAt)}
          </Text>
          <ActualVsStandard task={task} minutesPerDay={minutesPerDay} />
          {task.outcome === 'tidak' && task.reason ? (
            <Text size="xs" c="orange.9">
              {t('cases.progress.reason', { reason: task.reason })}
            </Text>
          ) : null}
          {doneRounds > 1 ? (
            <Text size="xs" c="dimmed">
              {t('cases.progress.rounds', { count: doneRounds })}
            </Text>
          ) : null}
          <AttachmentList governmentId={governmentId} attachments={task.attachments} />
        </>
      ) : null}
    </div>
  );
}
