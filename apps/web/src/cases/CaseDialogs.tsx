import { MultiSelect, Text, Textarea } from '@mantine/core';
import { cancelCaseBody, reassignTaskBody } from '@sidakin/core';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../lib/api';
import { useForm } from '../lib/form';
import { useApiMutation } from '../lib/query';
import { useAgencyPositions } from '../org/queries';
import { FormModal } from '../ui/FormModal';
import type { CaseDetail, CaseTask } from './model';
import { casePath, useCaseUpdated } from './queries';

/** A refusal (403) or a conflict (409) in words the person can act on; field errors stay at their fields. */
function useActionError(form: {
  applyError: (error: unknown) => void;
  setFormError: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  return (error: unknown, refresh: () => void) => {
    if (error instanceof ApiError && error.status === 403) {
      form.setFormError(`${error.message}. ${t('cases.errors.forbiddenHint')}`);
      return;
    }
    if (error instanceof ApiError && error.status === 409) {
      form.setFormError(`${error.message}. ${t('cases.errors.conflictHint')}`);
      refresh();
      return;
    }
    form.applyError(error);
  };
}

/** Alihkan: hand an open task to other positions of the SOP's agency, with a reason (administrators). */
export function ReassignTaskModal(props: {
  governmentId: string;
  detail: CaseDetail;
  task: CaseTask;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { task, detail } = props;
  const positions = useAgencyPositions(detail.agencyId);
  const form = useForm<{ positionIds: string[]; reason: string }>({ positionIds: [], reason: '' });
  const updated = useCaseUpdated(props.governmentId);
  const onError = useActionError(form);
  const reload = () => void api.get<CaseDetail>(casePath(props.governmentId, detail.id)).then(updated, () => {});
  const reassign = useApiMutation(
    (body: unknown) =>
      api.post<CaseDetail>(casePath(props.governmentId, detail.id, `/tasks/${task.id}/reassign`), body),
    {
      successMessage: t('cases.reassign.done', { no: task.stepNo }),
      onSuccess: (next) => {
        void updated(next);
        props.onClose();
      },
      onError: (error) => onError(error, reload),
    },
  );
  const data = (positions.data?.items ?? []).map((p) => ({
    value: p.id,
    label: p.unitName ? `${p.name} — ${p.unitName}` : p.name,
  }));
  return (
    <FormModal
      opened
      onClose={props.onClose}
      title={t('cases.reassign.title', { no: task.stepNo })}
      submitLabel={t('cases.reassign.submit')}
      submitting={reassign.isPending}
      formError={form.formError}
      onSubmit={() => {
        const body = form.validate(reassignTaskBody, form.values);
        if (body) reassign.mutate(body);
      }}
    >
      <div>
        <Text size="sm" fw={600}>
          {t('cases.task.step', { no: task.stepNo })}
          {task.unitName ? ` · ${task.unitName}` : ''}
        </Text>
        <Text size="sm" c="dimmed">
          {t('cases.reassign.current', { names: task.assignees.map((a) => a.positionName).join(', ') || '—' })}
        </Text>
      </div>
      <MultiSelect
        label={t('cases.reassign.positions')}
        description={t('cases.reassign.positionsHint', { agency: detail.agencyName })}
        required
        className="sidakin-required"
        searchable
        nothingFoundMessage={t('common.nothingFound')}
        data={data}
        disabled={positions.isLoading}
        value={form.values.positionIds}
        onChange={(value) => form.setField('positionIds', value)}
        error={form.errors.positionIds}
        comboboxProps={{ withinPortal: true }}
      />
      <Textarea
        label={t('cases.reassign.reason')}
        required
        autosize
        minRows={3}
        maxLength={4000}
        {...form.text('reason')}
      />
    </FormModal>
  );
}

/** Batalkan kasus: every open task closes; the reason stays in the history. */
export function CancelCaseModal(props: { governmentId: string; detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { detail } = props;
  const form = useForm<{ reason: string }>({ reason: '' });
  const updated = useCaseUpdated(props.governmentId);
  const onError = useActionError(form);
  const reload = () => void api.get<CaseDetail>(casePath(props.governmentId, detail.id)).then(updated, () => {});
  const cancel = useApiMutation(
    (body: unknown) => api.post<CaseDetail>(casePath(props.governmentId, detail.id, '/cancel'), body),
    {
      successMessage: t('cases.cancel.done', { number: detail.number }),
      onSuccess: (next) => {
        void updated(next);
        props.onClose();
      },
      onError: (error) => onError(error, reload),
    },
  );
  return (
    <FormModal
      opened
      onClose={props.onClose}
      title={t('cases.cancel.title', { number: detail.number })}
      submitLabel={t('cases.cancel.submit')}
      submitting={cancel.isPending}
      formError={form.formError}
      size="md"
      onSubmit={() => {
        const body = form.validate(cancelCaseBody, form.values);
        if (body) cancel.mutate(body);
      }}
    >
      <Text size="sm">{t('cases.cancel.body')}</Text>
      <Textarea
        label={t('cases.cancel.reason')}
        required
        autosize
        minRows={3}
        maxLength={4000}
        {...form.text('reason')}
      />
    </FormModal>
  );
}
