import { Text, ThemeIcon } from '@mantine/core';
import {
  IconArrowBackUp,
  IconCircleCheck,
  IconCircleX,
  IconFlag,
  IconPlayerPlay,
  IconUserShare,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../shell/government';
import { AttachmentList } from './CaseBits';
import { type CaseDetail, type CaseEvent, eventData } from './model';

const kindLook: Record<CaseEvent['kind'] | 'closed', { color: string; icon: ReactNode }> = {
  start: { color: 'blue', icon: <IconPlayerPlay size={14} /> },
  complete: { color: 'teal', icon: <IconCircleCheck size={14} /> },
  return: { color: 'orange', icon: <IconArrowBackUp size={14} /> },
  reassign: { color: 'grape', icon: <IconUserShare size={14} /> },
  cancel: { color: 'gray', icon: <IconCircleX size={14} /> },
  closed: { color: 'teal', icon: <IconFlag size={14} /> },
};

/**
 * Riwayat: every act on the case in time order — start, each step completed, each return with its
 * reason, each reassignment and a cancellation with theirs — and the close.
 */
export function CaseHistory(props: {
  governmentId: string;
  detail: CaseDetail;
  positionNames: Map<string, string>;
  unitNames: Map<string, string>;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { detail } = props;
  const events = [...detail.events].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
  const names = (ids: string[], map: Map<string, string>) => ids.map((id) => map.get(id) ?? '—').join(', ');

  function content(event: CaseEvent): { title: string; lines: ReactNode[] } {
    const d = eventData(event.data);
    const task = event.taskId ? detail.tasks.find((x) => x.id === event.taskId) : undefined;
    const unit = task?.unitName ? ` · ${task.unitName}` : '';
    const lines: ReactNode[] = [];
    const labelled = (key: string, label: string, value: string) => (
      <Text key={key} size="sm">
        <Text span fw={600} size="sm">
          {label}:
        </Text>{' '}
        {value}
      </Text>
    );
    switch (event.kind) {
      case 'start': {
        const facts = [
          d.sopVersion !== null ? t('sop.versionShort', { version: d.sopVersion }) : null,
          d.period ? t('cases.history.period', { period: d.period }) : null,
          d.units.length > 0 ? t('cases.history.units', { names: names(d.units, props.unitNames) }) : null,
        ].filter(Boolean);
        if (facts.length > 0) {
          lines.push(
            <Text key="facts" size="sm" c="dimmed">
              {facts.join(' · ')}
            </Text>,
          );
        }
        return { title: t('cases.history.start'), lines };
      }
      case 'complete': {
        const no = d.stepNo ?? task?.stepNo ?? 0;
        if (d.outcome === 'ya') lines.push(labelled('outcome', t('cases.history.decision'), t('cases.outcome.ya')));
        if (d.opened.length > 0) {
          lines.push(
            <Text key="next" size="sm" c="dimmed">
              {t('cases.history.next', { steps: d.opened.join(', ') })}
            </Text>,
          );
        }
        if (event.comment) lines.push(labelled('comment', t('cases.history.comment'), event.comment));
        return { title: `${t('cases.history.complete', { no })}${unit}`, lines };
      }
      case 'return': {
        const no = d.stepNo ?? task?.stepNo ?? 0;
        const reason = d.reason ?? task?.reason ?? event.comment;
        lines.push(labelled('outcome', t('cases.history.decision'), t('cases.outcome.tidak')));
        if (reason) lines.push(labelled('reason', t('cases.history.reason'), reason));
        if (event.comment && event.comment !== reason) {
          lines.push(labelled('comment', t('cases.history.comment'), event.comment));
        }
        const title =
          d.opened.length > 0
            ? t('cases.history.return', { no, to: d.opened.join(', ') })
            : t('cases.history.returnPlain', { no });
        return { title: `${title}${unit}`, lines };
      }
      case 'reassign': {
        const no = d.stepNo ?? task?.stepNo ?? 0;
        lines.push(labelled('from', t('cases.history.from'), names(d.from, props.positionNames)));
        lines.push(labelled('to', t('cases.history.to'), names(d.to, props.positionNames)));
        if (event.comment) lines.push(labelled('reason', t('cases.history.reason'), event.comment));
        return { title: `${t('cases.history.reassign', { no })}${unit}`, lines };
      }
      case 'cancel': {
        if (event.comment) lines.push(labelled('reason', t('cases.history.reason'), event.comment));
        return { title: t('cases.history.cancel'), lines };
      }
    }
  }

  return (
    <ol className="case-history" aria-label={t('cases.history.title')}>
      {events.map((event) => {
        const { title, lines } = content(event);
        const look = kindLook[event.kind];
        const task = event.taskId ? detail.tasks.find((x) => x.id === event.taskId) : undefined;
        const showFiles = (event.kind === 'complete' || event.kind === 'return') && task;
        return (
          <li key={event.id} className="case-history-item" data-kind={event.kind}>
            <ThemeIcon size={26} radius="xl" color={look.color} variant="light" className="case-history-bullet">
              {look.icon}
            </ThemeIcon>
            <div className="case-history-body">
              <Text fw={600} size="sm">
                {title}
              </Text>
              <Text size="xs" c="dimmed">
                {[
                  event.actorName
                    ? event.actorPositionName
                      ? `${event.actorName} — ${event.actorPositionName}`
                      : event.actorName
                    : null,
                  f.dateTime(event.at),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              {lines}
              {showFiles ? <AttachmentList governmentId={props.governmentId} attachments={task.attachments} /> : null}
            </div>
          </li>
        );
      })}
      {detail.status === 'completed' && detail.closedAt ? (
        <li className="case-history-item" data-kind="closed">
          <ThemeIcon
            size={26}
            radius="xl"
            color={kindLook.closed.color}
            variant="filled"
            className="case-history-bullet"
          >
            {kindLook.closed.icon}
          </ThemeIcon>
          <div className="case-history-body">
            <Text fw={600} size="sm">
              {t('cases.history.closed')}
            </Text>
            <Text size="xs" c="dimmed">
              {f.dateTime(detail.closedAt)}
            </Text>
          </div>
        </li>
      ) : null}
    </ol>
  );
}
