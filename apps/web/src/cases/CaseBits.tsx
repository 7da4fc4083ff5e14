import { Anchor, Badge, Group, Text } from '@mantine/core';
import { IconAlarm, IconAlertTriangle, IconDownload, IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';
import type { CaseStatus, CaseTask, StepState, TaskAttachment } from './model';
import { splitWorkingMinutes } from './model';
import { fileUrl } from './queries';

const statusColor: Record<CaseStatus, string> = { open: 'blue', completed: 'teal', cancelled: 'gray' };

/** Berjalan / Selesai / Dibatalkan. */
export function CaseStatusBadge({ status, size = 'sm' }: { status: CaseStatus; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant={status === 'open' ? 'light' : 'filled'} radius="sm" size={size}>
      {t(`cases.status.${status}`)}
    </Badge>
  );
}

const stateColor: Record<StepState, string> = {
  pending: 'gray',
  open: 'blue',
  done: 'teal',
  returned: 'orange',
  cancelled: 'gray',
};

/** Belum / Terbuka / Selesai / Dikembalikan / Dibatalkan. */
export function StepStateBadge({ state }: { state: StepState }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={stateColor[state]}
      variant={state === 'open' ? 'filled' : 'light'}
      radius="sm"
      size="sm"
      data-state={state}
    >
      {t(`cases.stepState.${state}`)}
    </Badge>
  );
}

/** Terlambat (red) or Segera jatuh tempo (orange) for an open task; nothing otherwise. */
export function DueFlags({ task }: { task: Pick<CaseTask, 'overdue' | 'dueSoon' | 'status'> }) {
  const { t } = useTranslation();
  if (task.status !== 'open') return null;
  if (task.overdue) {
    return (
      <Badge color="red" variant="filled" radius="sm" size="sm" leftSection={<IconAlertTriangle size={12} />}>
        {t('cases.due.overdue')}
      </Badge>
    );
  }
  if (task.dueSoon) {
    return (
      <Badge color="orange" variant="filled" radius="sm" size="sm" leftSection={<IconAlarm size={12} />}>
        {t('cases.due.soon')}
      </Badge>
    );
  }
  return null;
}

/** Working time in words: `2 jam 15 menit`, `1 hari 3 jam` (a day is the government's working day). */
export function useWorkingTime(minutesPerDay: number) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  return (minutes: number) => {
    const { days, hours, minutes: rest } = splitWorkingMinutes(minutes, minutesPerDay);
    const parts: string[] = [];
    if (days > 0) parts.push(t('cases.time.days', { value: formatNumber(days, locale) }));
    if (hours > 0) parts.push(t('cases.time.hours', { value: formatNumber(hours, locale) }));
    if (rest > 0 || parts.length === 0) {
      parts.push(t('cases.time.minutes', { value: formatNumber(rest, locale) }));
    }
    return parts.join(' ');
  };
}

/** `2 jam 15 menit / standar 1 hari`, red when over the standard. */
export function ActualVsStandard(props: { task: CaseTask; minutesPerDay: number }) {
  const { t } = useTranslation();
  const format = useWorkingTime(props.minutesPerDay);
  const { task } = props;
  const over = task.standardMinutes !== null && task.actualMinutes > task.standardMinutes;
  const actual = format(task.actualMinutes);
  const text =
    task.standardMinutes === null
      ? t('cases.time.actualOnly', { actual })
      : t('cases.time.actualVsStandard', { actual, standard: format(task.standardMinutes) });
  return (
    <Text size="xs" c={over ? 'red.8' : 'dimmed'} fw={over ? 600 : undefined} data-testid="actual-vs-standard">
      {task.status === 'open' ? t('cases.time.running', { text }) : text}
      {over ? ` · ${t('cases.time.over')}` : ''}
    </Text>
  );
}

function sizeText(bytes: number, locale: 'id' | 'en'): string {
  if (bytes < 1024) return `${formatNumber(bytes, locale)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 102.4) / 10, locale)} KiB`;
  return `${formatNumber(Math.round(bytes / (1024 * 102.4)) / 10, locale)} MiB`;
}

export function useFileSize() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  return (bytes: number) => sizeText(bytes, locale);
}

/** The files a task produced, each a download link, with the output it fulfils. */
export function AttachmentList(props: { governmentId: string; attachments: TaskAttachment[] | undefined }) {
  const { t } = useTranslation();
  const size = useFileSize();
  const items = props.attachments ?? [];
  if (items.length === 0) return null;
  return (
    <ul className="case-attachments" aria-label={t('cases.attachments.listLabel')}>
      {items.map((a) => (
        <li key={a.fileId}>
          <Group gap={4} wrap="nowrap" align="flex-start">
            <IconPaperclip size={14} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
            <div style={{ minWidth: 0 }}>
              <Anchor
                href={fileUrl(props.governmentId, a.fileId)}
                download={a.name}
                size="xs"
                fw={600}
                className="case-attachment-name"
              >
                {a.name}
                <IconDownload size={12} aria-hidden style={{ marginLeft: 4, verticalAlign: 'middle' }} />
              </Anchor>
              <Text size="xs" c="dimmed">
                {[a.output ? t('cases.attachments.fulfils', { output: a.output }) : null, size(a.size)]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </div>
          </Group>
        </li>
      ))}
    </ul>
  );
}
