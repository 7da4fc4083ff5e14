import { Button, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowRight, IconPlayerPlay } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isAdmin, useSession } from '../auth/session';
import { StartCaseModal } from '../cases/StartCaseModal';
import { api } from '../lib/api';
import { todayIn } from '../lib/format';
import { useFormatters } from '../shell/government';
import { type LaneResolutionResponse, type SopDetail, versionInForce } from './model';
import { sopKey, sopPath } from './queries';

/** Where the cases of an SOP that runs on its own data start (the server refuses them elsewhere). */
const startsAt = {
  collection: '/pengumpulan',
  measurement: '/pengukuran',
  monitoring: '/monitoring-renstra',
  correction: '/perbaikan',
} as const;

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
  if (detail.kind !== 'general') {
    const kind = detail.kind as keyof typeof startsAt;
    return (
      <Tooltip label={t('cases.start.elsewhereHint')} multiline w={260}>
        <Button component={Link} to={startsAt[kind]} variant="light" rightSection={<IconArrowRight size={18} />}>
          {t(`cases.start.elsewhere.${kind}`)}
        </Button>
      </Tooltip>
    );
  }
  return (
    <>
      <Button leftSection={<IconPlayerPlay size={18} />} onClick={open}>
        {t('cases.start.open')}
      </Button>
      <StartCaseModal governmentId={governmentId} opened={opened} onClose={close} sopId={detail.id} />
    </>
  );
}
