import { type Government, type Page, parseClock } from '@sidakin/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, govPath } from '../lib/api';
import { govKey } from '../lib/query';
import type { SopDocument } from '../sop/model';
import { useSop } from '../sop/queries';
import type { CaseDetail, CaseSummary, InboxItem } from './model';

export function casesKey(governmentId: string) {
  return [...govKey(governmentId), 'cases'] as const;
}

export function caseKey(governmentId: string, caseId: string) {
  return [...casesKey(governmentId), 'one', caseId] as const;
}

export function inboxKey(governmentId: string) {
  return [...govKey(governmentId), 'inbox'] as const;
}

export function casePath(governmentId: string, caseId: string, rest = '') {
  return govPath(governmentId, `/cases/${caseId}${rest}`);
}

/** Where a stored file is downloaded (a plain link: the session cookie goes with it). */
export function fileUrl(governmentId: string, fileId: string) {
  return `/api${govPath(governmentId, `/files/${fileId}`)}`;
}

/** Rows of "Tugas Saya" per page; the server allows up to 100. */
export const inboxPageSize = 50;

/** A case with its tasks and history; refreshed while open, so others' acts show up. */
export function useCase(governmentId: string, caseId: string) {
  return useQuery({
    queryKey: caseKey(governmentId, caseId),
    queryFn: () => api.get<CaseDetail>(casePath(governmentId, caseId)),
    refetchInterval: (query) => (query.state.data?.status === 'open' ? 30_000 : false),
  });
}

export function useCaseList(
  governmentId: string,
  request: { status: string; sopId: string | null; page: number; pageSize: number },
) {
  return useQuery({
    queryKey: [...casesKey(governmentId), 'list', request],
    queryFn: () => api.get<Page<CaseSummary>>(govPath(governmentId, '/cases'), request),
    placeholderData: keepPreviousData,
  });
}

export function useInbox(governmentId: string, page: number) {
  return useQuery({
    queryKey: [...inboxKey(governmentId), 'page', page],
    queryFn: () => api.get<Page<InboxItem>>(govPath(governmentId, '/inbox'), { page, pageSize: inboxPageSize }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** How many open tasks wait for the person (the badge on "Tugas Saya"). */
export function useInboxCount(governmentId: string | undefined) {
  return useQuery({
    queryKey: [...inboxKey(governmentId ?? 'none'), 'count'],
    queryFn: () => api.get<Page<InboxItem>>(govPath(governmentId ?? '', '/inbox'), { page: 1, pageSize: 1 }),
    enabled: Boolean(governmentId),
    select: (page) => page.total,
    refetchInterval: 60_000,
  });
}

/** After an act on a case: show the answer at once, refresh the lists and the inbox. */
export function useCaseUpdated(governmentId: string) {
  const client = useQueryClient();
  return async (detail: CaseDetail) => {
    client.setQueryData(caseKey(governmentId, detail.id), detail);
    await Promise.all([
      client.invalidateQueries({ queryKey: inboxKey(governmentId) }),
      client.invalidateQueries({ queryKey: [...casesKey(governmentId), 'list'] }),
    ]);
  };
}

/** The government's record, for its working day (mutu baku "hari" are working days). */
export function useGovernmentRecord(governmentId: string) {
  return useQuery({
    queryKey: ['government', governmentId],
    queryFn: () => api.get<Government>(`/governments/${governmentId}`),
    staleTime: 5 * 60_000,
  });
}

/** Working minutes in one working day of the government (07:30–16:00 → 510). */
export function useMinutesPerDay(governmentId: string): number {
  const gov = useGovernmentRecord(governmentId);
  if (!gov.data) return 0;
  try {
    return Math.max(0, parseClock(gov.data.workEnd) - parseClock(gov.data.workStart));
  } catch {
    return 0;
  }
}

/** The SOP document of the version a case runs on (running cases stay on the version they started with). */
export function useCaseDocument(governmentId: string, sopId: string, versionId: string) {
  const sop = useSop(governmentId, sopId);
  const version = useQuery({
    queryKey: [...govKey(governmentId), 'sops', sopId, 'version', versionId] as const,
    queryFn: () => api.get<{ document: SopDocument }>(govPath(governmentId, `/sops/${sopId}/versions/${versionId}`)),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return {
    doc: version.data?.document ?? null,
    sop: sop.data ?? null,
    loading: sop.isLoading || version.isLoading,
    error: sop.error ?? version.error,
  };
}
