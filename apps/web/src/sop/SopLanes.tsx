import { Alert, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActingBadge } from '../org/PositionCells';
import { UnitSelect } from '../org/selects';
import { DataState } from '../ui/DataState';
import { useSopLabels } from './labels';
import type { LaneResolution, OrderedLane, SopDetail } from './model';
import { useSopLanes } from './queries';

/**
 * Pelaksana: who holds each lane of the latest version today, acting officials marked. Lanes that
 * depend on the unit a case is about resolve for the chosen unit; lanes without a holder stand out.
 */
export function SopLanes(props: { governmentId: string; detail: SopDetail; lanes: OrderedLane[] }) {
  const { t } = useTranslation();
  const { detail } = props;
  const [unitId, setUnitId] = useState<string | null>(null);
  const query = useSopLanes(props.governmentId, detail.id, detail.latestVersion.id, unitId);
  const items = query.data?.items ?? [];
  // The printed order of the columns, not the order the server happens to keep.
  const order = new Map(props.lanes.map((lane, index) => [lane.id, index]));
  const sorted = [...items].sort((a, b) => (order.get(a.laneId) ?? 99) - (order.get(b.laneId) ?? 99));
  const unresolved = items.filter((lane) => !lane.resolved).length;
  const anyUnitScoped = items.some((lane) => lane.unitScoped);

  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md">
        <Text size="sm" mb="sm">
          {t('sop.lanesTab.intro', { agency: detail.agencyName })}
        </Text>
        <UnitSelect
          agencyId={detail.agencyId}
          label={t('sop.lanesTab.unit')}
          placeholder={t('sop.lanesTab.unitPlaceholder')}
          clearable
          value={unitId}
          onChange={setUnitId}
          maw={420}
          description={anyUnitScoped ? t('sop.lanesTab.unitHint') : undefined}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
        />
        {query.data ? (
          <Alert
            mt="md"
            color={query.data.allResolved ? 'teal' : 'red'}
            variant="light"
            icon={query.data.allResolved ? <IconCircleCheck size={18} /> : <IconAlertTriangle size={18} />}
            role="status"
            data-testid="sop-lanes-summary"
          >
            {query.data.allResolved
              ? t('sop.lanesTab.allResolved')
              : t('sop.lanesTab.someUnresolved', { count: unresolved })}
          </Alert>
        ) : null}
      </Card>
      <DataState loading={query.isLoading} error={query.error} empty={items.length === 0}>
        <SimpleGrid
          cols={{ base: 1, lg: 2 }}
          spacing="md"
          component="ul"
          aria-label={t('sop.lanesTab.listLabel')}
          className="sop-lane-list"
          style={{ opacity: query.isFetching ? 0.6 : 1 }}
        >
          {sorted.map((lane) => (
            <LaneCard key={lane.laneId} lane={lane} />
          ))}
        </SimpleGrid>
      </DataState>
    </Stack>
  );
}

function LaneCard({ lane }: { lane: LaneResolution }) {
  const { t } = useTranslation();
  const labels = useSopLabels();
  const titleId = `sop-lane-${lane.laneId}`;
  return (
    <Card
      component="li"
      withBorder
      radius="md"
      padding="md"
      className={lane.resolved ? 'sop-lane-card' : 'sop-lane-card sop-lane-unresolved'}
      aria-labelledby={titleId}
      data-lane={lane.laneId}
      data-resolved={lane.resolved}
    >
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap" mb="xs">
        <div style={{ minWidth: 0 }}>
          <Title order={3} size="h5" id={titleId}>
            {lane.title}
          </Title>
          <Text size="xs" c="dimmed">
            {labels.binding(lane.binding)}
          </Text>
        </div>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
          {lane.unitScoped ? (
            <Badge size="sm" variant="outline" color="gray" radius="sm">
              {t('sop.lanesTab.unitScoped')}
            </Badge>
          ) : null}
          <Badge size="sm" variant="light" color={lane.resolved ? 'teal' : 'red'} radius="sm">
            {lane.resolved ? t('sop.lanesTab.resolved') : t('sop.lanesTab.unresolved')}
          </Badge>
        </Group>
      </Group>
      {lane.positions.length === 0 ? (
        <Text size="sm" c="red.8" fs="italic">
          {t('sop.lanesTab.noPosition')}
        </Text>
      ) : (
        <ul className="sop-lane-positions" aria-label={t('sop.lanesTab.positions')}>
          {lane.positions.map((position) => (
            <li key={position.positionId} className="sop-lane-position">
              <Text size="sm" fw={500}>
                {position.positionName}
              </Text>
              {position.unitName && position.unitName !== position.positionName ? (
                <Text size="xs" c="dimmed">
                  {position.unitName}
                </Text>
              ) : null}
              {position.holders.length === 0 ? (
                <Text size="sm" c="red.8" fs="italic">
                  {t('sop.lanesTab.vacant')}
                </Text>
              ) : (
                <Stack gap={2} mt={2}>
                  {position.holders.map((holder) => (
                    <Group key={holder.employeeId} gap={6} wrap="nowrap">
                      {holder.acting ? <ActingBadge assignment={{ kind: holder.acting }} /> : null}
                      <Text size="sm">{holder.name}</Text>
                    </Group>
                  ))}
                </Stack>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
