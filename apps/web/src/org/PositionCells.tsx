import { Badge, Group, Stack, Text } from '@mantine/core';
import type { Assignment, Position } from '@sidakin/core';
import { useTranslation } from 'react-i18next';
import { formatNip } from '../lib/format';
import { useFormatters } from '../shell/government';

export function HolderCell({ position }: { position: Position }) {
  const { t } = useTranslation();
  if (!position.holder) {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {t('positions.vacant')}
      </Text>
    );
  }
  return (
    <div>
      <Text size="sm" fw={500}>
        {position.holder.employeeName}
      </Text>
      <Text size="xs" c="dimmed" className="nip">
        {formatNip(position.holder.employeeNip)}
      </Text>
    </div>
  );
}

/** Plt / Plh of an acting assignment (anything with its `kind`, e.g. an SOP lane holder's). */
export function ActingBadge({ assignment }: { assignment: Pick<Assignment, 'kind'> }) {
  const { t } = useTranslation();
  return (
    <Badge color={assignment.kind === 'plt' ? 'orange' : 'grape'} variant="light" radius="sm" size="sm">
      {t(`positions.badge.${assignment.kind}`)}
    </Badge>
  );
}

export function ActingCell({ position }: { position: Position }) {
  const { t } = useTranslation();
  const f = useFormatters();
  if (position.acting.length === 0)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Stack gap={4}>
      {position.acting.map((a) => (
        <Group key={a.id} gap={6} wrap="nowrap" align="flex-start">
          <ActingBadge assignment={a} />
          <div>
            <Text size="sm">{a.employeeName}</Text>
            {a.endsOn ? (
              <Text size="xs" c="dimmed">
                {t('positions.until', { date: f.date(a.endsOn) })}
              </Text>
            ) : null}
          </div>
        </Group>
      ))}
    </Stack>
  );
}
