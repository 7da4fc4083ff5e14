import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { QueryClient, type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, api } from './api';

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

/** PATCH `{ active }` on a record; used by every "deactivate / activate" action. */
export function useToggleActive(
  pathOf: (id: string) => string,
  invalidate: QueryKey[],
  messages: { on: string; off: string },
) {
  const client = useQueryClient();
  return async (id: string, active: boolean) => {
    try {
      await api.patch(pathOf(id), { active });
      await Promise.all(invalidate.map((queryKey) => client.invalidateQueries({ queryKey })));
      notifications.show({ color: 'teal', message: active ? messages.on : messages.off });
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(error) });
      throw error;
    }
  };
}
