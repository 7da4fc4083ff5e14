import type { Correction, CorrectionItem, correctionSummary, Page } from '@sidakin/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, govPath } from '../lib/api';
import { govKey } from '../lib/query';

export type CorrectionSummary = z.infer<typeof correctionSummary>;
export type { Correction, CorrectionItem };

export function correctionsKey(governmentId: string) {
  return [...govKey(governmentId), 'corrections'] as const;
}

export function correctionPath(governmentId: string, id: string, rest = '') {
  return govPath(governmentId, `/corrections/${id}${rest}`);
}

/** A correction with its items, meetings, paraf and document; refreshed while open. */
export function useCorrection(governmentId: string, id: string) {
  return useQuery({
    queryKey: [...correctionsKey(governmentId), 'one', id],
    queryFn: () => api.get<Correction>(correctionPath(governmentId, id)),
    refetchInterval: (query) => (query.state.data?.status === 'open' ? 30_000 : false),
  });
}

export function useCorrectionList(
  governmentId: string,
  request: { agencyId: string | null; year: string | null; status: string; page: number; pageSize: number },
) {
  return useQuery({
    queryKey: [...correctionsKey(governmentId), 'list', request],
    queryFn: () => api.get<Page<CorrectionSummary>>(govPath(governmentId, '/corrections'), request),
    placeholderData: keepPreviousData,
  });
}

export const itemStatusColors: Record<CorrectionItem['status'], string> = {
  proposed: 'blue',
  approved: 'teal',
  returned: 'orange',
  withdrawn: 'gray',
  applied: 'green',
};

export const correctionStatusColors: Record<Correction['status'], string> = {
  open: 'blue',
  applied: 'teal',
  closed: 'gray',
  cancelled: 'red',
};
