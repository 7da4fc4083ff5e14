import type {
  CaseSummary,
  CollectionCompleteness,
  CollectionForm,
  CollectionPeriod,
  CollectionValueDetail,
  Page,
} from '@sidakin/core';
import { useQuery } from '@tanstack/react-query';
import { api, govPath } from '../lib/api';
import { govKey } from '../lib/query';

/** Every collection query starts with this key; a save, a review or a lock invalidates it. */
export function collectionKey(governmentId: string) {
  return [...govKey(governmentId), 'collection'] as const;
}

export function periodPath(governmentId: string, periodId: string, rest = ''): string {
  return govPath(governmentId, `/collection-periods/${periodId}${rest}`);
}

/** A form is a unit's id, or `agency` for the values of the agency's own agreement. */
export function formPath(governmentId: string, periodId: string, unit: string, rest = ''): string {
  return periodPath(governmentId, periodId, `/forms/${unit}${rest}`);
}

export function valuePath(governmentId: string, valueId: string, rest = ''): string {
  return govPath(governmentId, `/collection-values/${valueId}${rest}`);
}

export function usePeriods(governmentId: string, filters: { agencyId: string | null; year: string | null }) {
  return useQuery({
    queryKey: [...collectionKey(governmentId), 'periods', filters],
    queryFn: () =>
      api.get<{ items: CollectionPeriod[] }>(govPath(governmentId, '/collection-periods'), {
        agencyId: filters.agencyId,
        year: filters.year,
      }),
  });
}

export function useCompleteness(governmentId: string, periodId: string) {
  return useQuery({
    queryKey: [...collectionKey(governmentId), 'completeness', periodId],
    queryFn: () => api.get<CollectionCompleteness>(periodPath(governmentId, periodId, '/completeness')),
  });
}

/** The cache key of a unit's form, current or as it stood at the lock; saving a value updates the current one. */
export function formKey(governmentId: string, periodId: string, unit: string, asOfLock = false) {
  return [...collectionKey(governmentId), 'form', periodId, unit, asOfLock ? 'lock' : 'current'];
}

/** A unit's form; `asOfLock`: as it stood when the period was locked (data before review). */
export function useForm(governmentId: string, periodId: string, unit: string, asOfLock = false) {
  return useQuery({
    queryKey: formKey(governmentId, periodId, unit, asOfLock),
    queryFn: () => api.get<CollectionForm>(formPath(governmentId, periodId, unit, asOfLock ? '?asOf=lock' : '')),
  });
}

export function useValueDetail(governmentId: string, valueId: string | null) {
  return useQuery({
    queryKey: [...collectionKey(governmentId), 'value', valueId],
    queryFn: () => api.get<CollectionValueDetail>(valuePath(governmentId, valueId!)),
    enabled: Boolean(valueId),
  });
}

/** The cases (collection SOP runs) linked to a period. */
export function usePeriodCases(governmentId: string, periodId: string) {
  return useQuery({
    queryKey: [...govKey(governmentId), 'cases', 'linked', periodId],
    queryFn: () =>
      api.get<Page<CaseSummary>>(govPath(governmentId, '/cases'), {
        status: 'all',
        linkKind: 'collection_period',
        linkId: periodId,
        pageSize: 20,
      }),
  });
}
