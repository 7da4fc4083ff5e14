import type { Agency, Page, Position, Team, Unit } from '@sidakin/core';
import { useQuery } from '@tanstack/react-query';
import { api, govPath } from '../lib/api';
import { govKey } from '../lib/query';
import { useGovernment } from '../shell/government';

export function useGovernmentId(): string | undefined {
  return useGovernment().government?.id;
}

/** Active agencies, for selects and filters (a government has far fewer than 100). */
export function useAgencyOptions() {
  const gid = useGovernmentId();
  return useQuery({
    queryKey: [...govKey(gid), 'agencies', 'options'],
    queryFn: () => api.get<Page<Agency>>(govPath(gid ?? '', '/agencies'), { pageSize: 100, active: 'true' }),
    enabled: Boolean(gid),
    staleTime: 60_000,
  });
}

/** All units of an agency (the tree is small; the API allows 1000 a page). */
export function useAgencyUnits(agencyId: string | null | undefined, active: 'true' | 'all' = 'all') {
  const gid = useGovernmentId();
  return useQuery({
    queryKey: [...govKey(gid), 'units', 'agency', agencyId, active],
    queryFn: () => api.get<Page<Unit>>(govPath(gid ?? '', '/units'), { agencyId, pageSize: 1000, active }),
    enabled: Boolean(gid && agencyId),
  });
}

export function useAgencyPositions(agencyId: string | null | undefined) {
  const gid = useGovernmentId();
  return useQuery({
    queryKey: [...govKey(gid), 'positions', 'agency', agencyId],
    queryFn: () =>
      api.get<Page<Position>>(govPath(gid ?? '', '/positions'), { agencyId, pageSize: 100, active: 'true' }),
    enabled: Boolean(gid && agencyId),
  });
}

export function useTeam(teamId: string | null) {
  const gid = useGovernmentId();
  return useQuery({
    queryKey: [...govKey(gid), 'teams', 'one', teamId],
    queryFn: () => api.get<Team>(govPath(gid ?? '', `/teams/${teamId}`)),
    enabled: Boolean(gid && teamId),
  });
}
