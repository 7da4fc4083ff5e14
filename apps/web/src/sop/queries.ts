import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, govPath } from '../lib/api';
import { govKey, useApiMutation } from '../lib/query';
import type { LaneResolutionResponse, SopDetail, SopDiff } from './model';

/** Every SOP query of a government starts with this key (the list uses it too). */
export function sopsKey(governmentId: string) {
  return [...govKey(governmentId), 'sops'] as const;
}

export function sopKey(governmentId: string, sopId: string) {
  return [...sopsKey(governmentId), 'one', sopId] as const;
}

export function sopPath(governmentId: string, sopId: string, rest = '') {
  return govPath(governmentId, `/sops/${sopId}${rest}`);
}

export function useSop(governmentId: string, sopId: string) {
  return useQuery({
    queryKey: sopKey(governmentId, sopId),
    queryFn: () => api.get<SopDetail>(sopPath(governmentId, sopId)),
  });
}

/** Who holds each lane today, for one version and (for unit-scoped lanes) one unit. */
export function useSopLanes(governmentId: string, sopId: string, versionId: string, unitId: string | null) {
  return useQuery({
    queryKey: [...sopKey(governmentId, sopId), 'lanes', versionId, unitId ?? 'all'],
    queryFn: () => api.get<LaneResolutionResponse>(sopPath(governmentId, sopId, '/lanes'), { versionId, unitId }),
    placeholderData: keepPreviousData,
  });
}

export function useSopDiff(governmentId: string, sopId: string, pair: { from: number; to: number } | null) {
  return useQuery({
    queryKey: [...sopKey(governmentId, sopId), 'diff', pair?.from, pair?.to],
    queryFn: () => api.get<SopDiff>(sopPath(governmentId, sopId, '/diff'), { from: pair?.from, to: pair?.to }),
    enabled: pair !== null,
  });
}

/**
 * A state change of one version (approve, make effective, retire). The server answers with the
 * SOP as it is now; the page shows that at once and the lists refresh.
 */
export function useVersionAction<TBody>(
  governmentId: string,
  sopId: string,
  action: 'approve' | 'make-effective' | 'retire',
  options: { successMessage: string; onSuccess?: () => void; onError: (error: unknown) => void },
) {
  const client = useQueryClient();
  return useApiMutation(
    (vars: { versionId: string; body?: TBody }) =>
      api.post<SopDetail>(sopPath(governmentId, sopId, `/versions/${vars.versionId}/${action}`), vars.body ?? {}),
    {
      invalidate: [sopsKey(governmentId)],
      successMessage: options.successMessage,
      onSuccess: (detail) => {
        client.setQueryData(sopKey(governmentId, sopId), detail);
        options.onSuccess?.();
      },
      onError: options.onError,
    },
  );
}
