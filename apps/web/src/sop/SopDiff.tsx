import { Badge, Group, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSopLabels } from './labels';
import type { OrderedLane, SopChange, SopDiff } from './model';

type Labels = ReturnType<typeof useSopLabels>;

const kindColor = { added: 'teal', removed: 'red', changed: 'yellow' } as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `steps[no=5].duration` → ["Langkah 5", "duration"]; `lanes.kasi.title` → ["Pelaksana Kepala Seksi", "title"]. */
function splitPath(path: string): { kind: 'step' | 'lane' | 'doc'; id: string; field: string | null } {
  const step = /^steps\[no=(\d+)\](?:\.(.+))?$/.exec(path);
  if (step) return { kind: 'step', id: step[1]!, field: step[2] ?? null };
  const lane = /^lanes\.([^.]+)(?:\.(.+))?$/.exec(path);
  if (lane) return { kind: 'lane', id: lane[1]!, field: lane[2] ?? null };
  return { kind: 'doc', id: '', field: path };
}

/**
 * A value of the document as people read it: lists as lists (items only on one side marked),
 * steps as "5. text", lanes by title, decisions as "Ya → 7 / Tidak → 5".
 */
function Value(props: {
  value: unknown;
  other: unknown;
  side: 'before' | 'after';
  field: string | null;
  labels: Labels;
  laneTitle: (id: string) => string;
}): ReactNode {
  const { t } = useTranslation();
  const { value, other, side, field, labels, laneTitle } = props;
  const mark = side === 'before' ? 'sop-diff-removed' : 'sop-diff-added';
  if (value === undefined || value === null) return <Text c="dimmed">—</Text>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'string' || typeof value === 'number') {
    if (field === 'binding') return <>{labels.binding(value)}</>;
    return <>{String(value)}</>;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <Text c="dimmed">—</Text>;
    const others = Array.isArray(other) ? other.map((item) => JSON.stringify(item)) : [];
    // Both sides lists: only what differs is shown; the rest is counted.
    const shown = Array.isArray(other) ? value.filter((item) => !others.includes(JSON.stringify(item))) : value;
    const same = value.length - shown.length;
    return (
      <ul className="sop-cell-list">
        {shown.map((item) => {
          const key = JSON.stringify(item);
          const text =
            field === 'lanes' && typeof item === 'string' ? laneTitle(item) : typeof item === 'string' ? item : key;
          return (
            <li key={key} className={others.includes(key) ? undefined : mark}>
              {text}
            </li>
          );
        })}
        {same > 0 ? <li className="sop-diff-same">{t('sop.versions.unchangedItems', { count: same })}</li> : null}
      </ul>
    );
  }
  if (isRecord(value)) {
    if (field === 'binding') return <>{labels.binding(value)}</>;
    if (field === 'decision' && 'ya' in value && 'tidak' in value) {
      return <>{t('sop.table.decision', { ya: value.ya, tidak: value.tidak })}</>;
    }
    if ('no' in value && 'text' in value) {
      const lanes = Array.isArray(value.lanes) ? value.lanes.map((id) => laneTitle(String(id))).join(', ') : '';
      return (
        <>
          <Text span fw={600}>
            {String(value.no)}.
          </Text>{' '}
          {String(value.text)}
          {lanes ? (
            <Text size="xs" c="dimmed">
              {labels.field('lanes')}: {lanes}
            </Text>
          ) : null}
        </>
      );
    }
    if ('title' in value && 'binding' in value) {
      return (
        <>
          {String(value.title)}
          <Text size="xs" c="dimmed">
            {labels.binding(value.binding)}
          </Text>
        </>
      );
    }
    const otherRecord = isRecord(other) ? other : {};
    return (
      <dl className="sop-diff-record">
        {Object.entries(value).map(([key, inner]) => {
          const changed = JSON.stringify(inner) !== JSON.stringify(otherRecord[key]);
          return (
            <div key={key} className={changed ? mark : undefined}>
              <dt>{labels.field(key)}</dt>
              <dd>
                {inner === null || inner === undefined
                  ? '—'
                  : typeof inner === 'object'
                    ? isRecord(inner) && Object.keys(inner).length <= 2
                      ? Object.values(inner).join(', ')
                      : JSON.stringify(inner)
                    : String(inner)}
              </dd>
            </div>
          );
        })}
      </dl>
    );
  }
  return <>{JSON.stringify(value)}</>;
}

/** The changes between two versions, one row per changed part, before and after side by side. */
export function SopDiffTable({ diff, lanes }: { diff: SopDiff; lanes: OrderedLane[] }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 48em)');
  const labels = useSopLabels();
  const laneTitle = (id: string) => lanes.find((lane) => lane.id === id)?.title ?? id;
  const where = (change: SopChange) => {
    const p = splitPath(change.path);
    if (p.kind === 'step') {
      return {
        place: t('sop.versions.step', { no: p.id }),
        part: p.field ? labels.field(p.field) : null,
        field: p.field,
      };
    }
    if (p.kind === 'lane') {
      return {
        place: t('sop.versions.lane', { name: laneTitle(p.id) }),
        part: p.field === 'title' ? t('sop.fields.laneTitle') : p.field ? labels.field(p.field) : null,
        field: p.field,
      };
    }
    return { place: labels.field(p.field ?? ''), part: null, field: p.field };
  };
  const valueProps = (field: string | null) => ({ field, labels, laneTitle });
  if (narrow) {
    // On a phone: one entry per change, before above after, nothing to scroll sideways.
    return (
      <div data-testid="sop-diff">
        <Text className="sop-table-caption" mb="xs">
          {t('sop.versions.changes', { count: diff.changes.length, from: diff.from, to: diff.to })}
        </Text>
        <ul className="sop-diff-list">
          {diff.changes.map((change) => {
            const w = where(change);
            const v = valueProps(w.field);
            return (
              <li key={change.path} className="sop-diff-entry">
                <Group justify="space-between" gap="xs" wrap="nowrap" mb={4}>
                  <div>
                    <Text size="sm" fw={600}>
                      {w.place}
                    </Text>
                    {w.part ? (
                      <Text size="xs" c="dimmed">
                        {w.part}
                      </Text>
                    ) : null}
                  </div>
                  <Badge color={kindColor[change.kind]} variant="light" radius="sm" size="sm">
                    {t(`sop.versions.kinds.${change.kind}`)}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed" fw={600}>
                  {t('sop.versions.before', { version: diff.from })}
                </Text>
                <div className="sop-diff-side">
                  <Value value={change.before} other={change.after} side="before" {...v} />
                </div>
                <Text size="xs" c="dimmed" fw={600} mt={4}>
                  {t('sop.versions.after', { version: diff.to })}
                </Text>
                <div className="sop-diff-side">
                  <Value value={change.after} other={change.before} side="after" {...v} />
                </div>
              </li>
            );
          })}
        </ul>
      </div>
    );
  }
  return (
    <Table.ScrollContainer minWidth={680} type="native">
      <Table
        withTableBorder
        withColumnBorders
        fz="sm"
        verticalSpacing="xs"
        captionSide="top"
        className="sop-diff"
        data-testid="sop-diff"
      >
        <Table.Caption className="sop-table-caption">
          {t('sop.versions.changes', { count: diff.changes.length, from: diff.from, to: diff.to })}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w="22%">
              {t('sop.versions.field')}
            </Table.Th>
            <Table.Th scope="col" w={110}>
              {t('sop.versions.change')}
            </Table.Th>
            <Table.Th scope="col">{t('sop.versions.before', { version: diff.from })}</Table.Th>
            <Table.Th scope="col">{t('sop.versions.after', { version: diff.to })}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {diff.changes.map((change) => {
            const w = where(change);
            return (
              <Table.Tr key={change.path}>
                <Table.Th scope="row" fw={600}>
                  {w.place}
                  {w.part ? (
                    <Text size="xs" c="dimmed" fw={500}>
                      {w.part}
                    </Text>
                  ) : null}
                </Table.Th>
                <Table.Td>
                  <Badge color={kindColor[change.kind]} variant="light" radius="sm" size="sm">
                    {t(`sop.versions.kinds.${change.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td className="sop-diff-before">
                  <Value
                    value={change.before}
                    other={change.after}
                    side="before"
                    field={w.field}
                    labels={labels}
                    laneTitle={laneTitle}
                  />
                </Table.Td>
                <Table.Td className="sop-diff-after">
                  <Value
                    value={change.after}
                    other={change.before}
                    side="after"
                    field={w.field}
                    labels={labels}
                    laneTitle={laneTitle}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
