import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from './api';
import type { FormApi } from './form';
import { i18n } from './i18n';
import { useApiMutation } from './query';

/** A record the server versions: its `updatedAt` goes back as `expectedUpdatedAt` on update. */
export interface Versioned {
  id: string;
  updatedAt: string;
}

/** What a form shows after a refused stale write: the server's message and the way out. */
export interface StaleWrite {
  message: string;
  reload: () => void;
  reloading: boolean;
}

/**
 * Create-or-edit state of one form. Fills the form from the record each time it opens, saves with
 * POST `path` or PATCH `path/id`, and remembers which version the person is editing. When someone
 * else saved that record in between, the server refuses the write; `stale.reload` then fetches the
 * latest version, refreshes the lists and fills the form again.
 */
export function useRecordEditor<R extends Versioned, V extends Record<string, unknown>>(options: {
  form: FormApi<V>;
  /** The record to edit, or null to create one. */
  record: R | null;
  /** The form is filled from `record` each time this turns true. */
  opened: boolean;
  valuesOf: (record: R | null) => V;
  /** The collection: POST here creates, `${path}/${id}` is read and updated. */
  path: string;
  /** Queries to refresh after a save or a reload. */
  invalidate: QueryKey[];
  onSaved?: (saved: R) => void;
}) {
  const { form, valuesOf, path, invalidate } = options;
  const client = useQueryClient();
  const [record, setRecord] = useState(options.record);
  const [reloading, setReloading] = useState(false);

  function load(next: R | null) {
    setRecord(next);
    form.reset(valuesOf(next));
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form only when it opens
  useEffect(() => {
    if (options.opened) load(options.record);
  }, [options.opened]);

  const save = useApiMutation(
    (body: unknown) => (record ? api.patch<R>(`${path}/${record.id}`, body) : api.post<R>(path, body)),
    {
      invalidate,
      successMessage: record ? i18n.t('common.saved') : i18n.t('common.created'),
      onSuccess: (saved) => {
        setRecord(saved);
        options.onSaved?.(saved);
      },
      onError: form.applyError,
    },
  );

  async function reload() {
    if (!record) return;
    setReloading(true);
    try {
      const latest = await api.get<R>(`${path}/${record.id}`);
      await Promise.all(invalidate.map((queryKey) => client.invalidateQueries({ queryKey })));
      load(latest);
    } catch (error) {
      form.applyError(error);
    } finally {
      setReloading(false);
    }
  }

  const stale: StaleWrite | null = form.stale ? { message: form.stale, reload: () => void reload(), reloading } : null;
  return {
    /** The version being edited (null when creating). */
    record,
    /** Send with every update, so a change someone else made meanwhile is not overwritten unseen. */
    expectedUpdatedAt: record?.updatedAt,
    /** Takes `next` as the version being edited, keeping what the person typed. */
    setRecord,
    save: (body: unknown) => save.mutate(body),
    saving: save.isPending,
    stale,
  };
}
