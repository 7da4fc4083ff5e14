import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isAdmin, useSession } from '../auth/session';
import { StartCaseModal } from '../cases/StartCaseModal';
import { api } from '../lib/api';
import { todayIn } from '../lib/format';
import { useFormatters } from '../shell/government';
import { type LaneResolutionResponse, type SopDetail, versionInForce } from './model';
import { sopKey, sopPath } from './queries';

/**
 * "Mulai kasus" on an SOP in force, for those the server lets start one: the administrators and
 * whoever holds a lane of the first step today.
 */
export function StartCaseButton({ governmentId, detail }: { governmentId: string; detail: SopDetail }) {
  const { t } = useTranslation();
  const me = useSession();
  const { timeZone } = useFormatters();
  const [opened, { open, close }] = useDisclosure(false);
  const inForce = versionInForce(detail, todayIn(timeZone));
  const admin = isAdmin(me.user.role);
  const lanes = useQuery({
    queryKey: [...sopKey(governmentId, detail.id), 'lanes', inForce?.id, 'all'],
    queryFn: () =>
      api.get<LaneResolutionResponse>(sopPath(governmentId, detail.id, '/lanes'), { versionId: inForce?.id }),
    enabled: Boolean(inForce) && !admin && me.positions.length > 0,
  });
  if (!inForce) return null;
  const firstLanes = detail.document.steps[0]?.lanes ?? [];
  const mine = new Set(me.positions.map((p) => p.positionId));
  const holdsFirst = (lanes.data?.items ?? [])
    .filter((lane) => firstLanes.includes(lane.laneId))
    .some((lane) => lane.positions.some((p) => mine.has(p.positionId)));
  if (!admin && !holdsFirst) return null;
  return (
    <>
      <Button leftSection={<IconPlayerPlay size={18} />} onClick={open}>
        {t('cases.start.open')}
      </Button>
      <StartCaseModal governmentId={governmentId} opened={opened} onClose={close} sopId={detail.id} />
    </>
  );
}
