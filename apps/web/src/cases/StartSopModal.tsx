import { Alert, Select } from '@mantine/core';
import type { Page, SopSummary } from '@sidakin/core';
import { type QueryKey, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, govPath } from '../lib/api';
import { useForm } from '../lib/form';
import { govKey, useApiMutation } from '../lib/query';
import { FormModal } from '../ui/FormModal';
import type { CaseDetail } from './model';
import { casesKey } from './queries';

/**
 * Starts an SOP of one kind (collection, measurement, monitoring, correction) for its subject: the person picks
 * the agency's SOP of that kind, the caller adds its own fields (`children`) and builds the request
 * from the chosen SOP (`body`); on success the new case opens.
 */
export function StartSopModal(props: {
  governmentId: string;
  agencyId: string;
  kind: 'collection' | 'measurement' | 'monitoring' | 'correction';
  opened: boolean;
  onClose: () => void;
  title: string;
  submitLabel: string;
  successMessage: string;
  /** Shown when the agency has no SOP of this kind. */
  noSopText: string;
  /** Where the case is started (POST). */
  path: string;
  body: (sopId: string) => Record<string, unknown>;
  /** Queries the new case changes besides the case lists. */
  invalidate: QueryKey[];
  intro?: ReactNode;
  children?: ReactNode;
  /** Where to go once started (default: the new case). */
  to?: (result: { id: string }) => string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm({ sopId: null as string | null });
  const sops = useQuery({
    queryKey: [...govKey(props.governmentId), 'sops', `${props.kind}-of`, props.agencyId],
    queryFn: () =>
      api.get<Page<SopSummary>>(govPath(props.governmentId, '/sops'), {
        agencyId: props.agencyId,
        kind: props.kind,
        pageSize: 50,
      }),
    enabled: props.opened,
  });
  const start = useApiMutation((body: unknown) => api.post<CaseDetail>(props.path, body), {
    invalidate: [casesKey(props.governmentId), ...props.invalidate],
    successMessage: props.successMessage,
    onSuccess: (started) => {
      props.onClose();
      navigate(props.to ? props.to(started) : `/kasus/${started.id}`);
    },
    onError: form.applyError,
  });
  const items = sops.data?.items ?? [];
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={props.title}
      submitting={start.isPending}
      formError={form.formError}
      submitLabel={props.submitLabel}
      onSubmit={() => {
        if (!form.values.sopId) {
          form.setErrors({ sopId: t('validation.choose') });
          return;
        }
        start.mutate(props.body(form.values.sopId));
      }}
    >
      {props.intro}
      {sops.isSuccess && items.length === 0 ? (
        <Alert color="orange" variant="light">
          {props.noSopText}
        </Alert>
      ) : null}
      <Select
        label="SOP"
        required
        data={items.map((s) => ({ value: s.id, label: s.title }))}
        comboboxProps={{ withinPortal: true }}
        {...form.select('sopId')}
      />
      {props.children}
    </FormModal>
  );
}
