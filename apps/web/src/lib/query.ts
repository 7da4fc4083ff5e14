import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { Page } from '@sidakin/core';
import {
  keepPreviousData,
  QueryClient,
  type QueryKey,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, api, govPath, isApiError, type Query } from './api';
import { i18n } from './i18n';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (4xx) will not fix themselves; only retry network and server trouble.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

/** Every query scoped to a government starts with this key; mutations invalidate it. */
export function govKey(governmentId: string | undefined) {
  return ['gov', governmentId ?? 'none'] as const;
}

export type ActiveFilter = 'true' | 'false' | 'all';

/** List state kept in the address bar, so a reload or a shared link shows the same page. */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const rawActive = params.get('active');
  const active: ActiveFilter = rawActive === 'false' || rawActive === 'all' ? rawActive : 'true';

  /** Sets (or, with null/'', removes) parameters; any change other than the page goes back to page 1. */
  function update(patch: Record<string, string | number | null | undefined>) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch)) {
          if (value === null || value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        if (!('page' in patch)) next.delete('page');
        if (next.get('active') === 'true') next.delete('active');
        return next;
      },
      { replace: true },
    );
  }

  return {
    q,
    page,
    active,
    /** Some search or filter narrows the list. */
    filtered: [...params.keys()].some((key) => key !== 'page'),
    get: (key: string) => params.get(key),
    update,
    setPage: (value: number) => update({ page: value === 1 ? null : value }),
  };
}

export type ListParams = ReturnType<typeof useListParams>;

/** Rows per page of the list pages. */
export const listPageSize = 20;

/**
 * One page of a list as the address bar describes it: search, page, the active filter, and the
 * named extra `filters` (also address-bar parameters), fetched from `path`. The previous page stays
 * on screen while the next one loads.
 */
export function usePagedList<T>(options: {
  /** Prefix of the query key; invalidating it refreshes the list. */
  queryKey: QueryKey;
  path: string;
  filters?: readonly string[];
  /** Turns the typed search into what the server searches for. */
  search?: (q: string) => string;
  pageSize?: number;
  /** Records without an active flag (e.g. SOPs) send no active filter. */
  activeFilter?: boolean;
}) {
  const params = useListParams();
  const pageSize = options.pageSize ?? listPageSize;
  const request: Query = {
    q: options.search ? options.search(params.q) : params.q,
    page: params.page,
    pageSize,
    ...(options.activeFilter === false ? {} : { active: params.active }),
  };
  for (const key of options.filters ?? []) request[key] = params.get(key);
  const query = useQuery({
    queryKey: [...options.queryKey, 'list', request],
    queryFn: () => api.get<Page<T>>(options.path, request),
    placeholderData: keepPreviousData,
  });
  return { params, query, pageSize, items: query.data?.items ?? [], total: query.data?.total ?? 0 };
}

export type PagedList<T> = ReturnType<typeof usePagedList<T>>;

/** The list of one kind of a government's records, e.g. `useGovList<Agency>(id, 'agencies', { filters: ['kind'] })`. */
export function useGovList<T>(
  governmentId: string,
  resource: string,
  options: { filters?: readonly string[]; search?: (q: string) => string; activeFilter?: boolean } = {},
) {
  return usePagedList<T>({
    queryKey: [...govKey(governmentId), resource],
    path: govPath(governmentId, `/${resource}`),
    ...options,
  });
}

/** A search box value that follows the URL but only writes to it after typing pauses. */
export function useDebouncedSearch(urlValue: string, onCommit: (value: string) => void) {
  const [value, setValue] = useState(urlValue);
  const [debounced] = useDebouncedValue(value, 300);
  // onCommit and urlValue change with every render; only a pause in typing should commit.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see the comment above
  useEffect(() => {
    if (debounced.trim() !== urlValue.trim()) onCommit(debounced.trim());
  }, [debounced]);
  useEffect(() => {
    setValue((current) => (current.trim() === urlValue.trim() ? current : urlValue));
  }, [urlValue]);
  return [value, setValue] as const;
}

interface MutationOptions<TResult> {
  /** Query keys to refetch afterwards. */
  invalidate?: QueryKey[];
  /** Notification shown on success. */
  successMessage?: string;
  onSuccess?: (result: TResult) => void;
  onError?: (error: unknown) => void;
}

/** A mutation that refreshes the given queries and tells the person it worked. */
export function useApiMutation<TVars, TResult>(
  fn: (vars: TVars) => Promise<TResult>,
  options: MutationOptions<TResult> = {},
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (result) => {
      await Promise.all((options.invalidate ?? []).map((queryKey) => client.invalidateQueries({ queryKey })));
      if (options.successMessage) {
        notifications.show({ color: 'teal', message: options.successMessage });
      }
      options.onSuccess?.(result);
    },
    onError: (error) => {
      if (options.onError) options.onError(error);
      else notifications.show({ color: 'red', message: errorText(error) });
    },
  });
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A record that can be switched on and off, with the version the person saw. */
export interface Toggleable {
  id: string;
  active: boolean;
  updatedAt: string;
}

export interface ActiveToggle {
  /** PATCHes `{ active, expectedUpdatedAt }`; rejects (a STALE_WRITE without a notification, for the dialog to show). */
  set: (record: Toggleable, active: boolean) => Promise<void>;
  /** Refetches the records, after a stale write. */
  reload: () => Promise<void>;
}

/** Deactivate / activate for the records at `pathOf(id)`; used by every such action. */
export function useToggleActive(pathOf: (id: string) => string, invalidate: QueryKey[]): ActiveToggle {
  const client = useQueryClient();
  const refresh = async () => {
    await Promise.all(invalidate.map((queryKey) => client.invalidateQueries({ queryKey })));
  };
  return {
    set: async (record, active) => {
      try {
        await api.patch(pathOf(record.id), { active, expectedUpdatedAt: record.updatedAt });
      } catch (error) {
        if (!isApiError(error, 'STALE_WRITE')) notifications.show({ color: 'red', message: errorText(error) });
        throw error;
      }
      await refresh();
      notifications.show({
        color: 'teal',
        message: active ? i18n.t('common.activated') : i18n.t('common.deactivated'),
      });
    },
    reload: refresh,
  };
}

/** `useToggleActive` for a government's records, e.g. `useGovToggle(governmentId, 'units')`. */
export function useGovToggle(governmentId: string, resource: string): ActiveToggle {
  return useToggleActive((id) => govPath(governmentId, `/${resource}/${id}`), [govKey(governmentId)]);
}
