import { Alert, Button, Group, MultiSelect, Radio, Stack, Text, Textarea } from '@mantine/core';
import { completeTaskBody } from '@sidakin/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../lib/api';
import { useForm } from '../lib/form';
import { useApiMutation } from '../lib/query';
import type { SopDocument } from '../sop/model';
import { FormModal } from '../ui/FormModal';
import { AttachmentUploader, type PendingAttachment } from './AttachmentUploader';
import { type CaseDetail, type CaseTask, returnTarget } from './model';
import { casePath, useCaseUpdated } from './queries';

interface Values extends Record<string, unknown> {
  outcome: string | null;
  comment: string;
  reason: string;
  unitIds: string[];
  attachments: PendingAttachment[];
}

/**
 * Selesaikan: a comment, the decision at a review ("Ya" goes on, "Tidak" goes back with a reason,
 * optionally only for some units), and files as the step's outputs. When someone else acted on
 * the task first, the dialog says so and the case is reloaded.
 */
export function CompleteTaskModal(props: {
  governmentId: string;
  detail: CaseDetail;
  doc: SopDocument;
  task: CaseTask;
  unitNames: Map<string, string>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { task, doc, detail } = props;
  const step = doc.steps.find((s) => s.no === task.stepNo);
  const decides = task.allowedOutcomes.includes('ya') || task.allowedOutcomes.includes('tidak');
  const back = returnTarget(doc, task.stepNo);
  const form = useForm<Values>({
    outcome: decides ? null : 'done',
    comment: '',
    reason: '',
    unitIds: [],
    attachments: [],
  });
  const [conflict, setConflict] = useState<string | null>(null);
  const updated = useCaseUpdated(props.governmentId);

  const complete = useApiMutation(
    (body: unknown) =>
      api.post<CaseDetail>(casePath(props.governmentId, detail.id, `/tasks/${task.id}/complete`), body),
    {
      successMessage:
        form.values.outcome === 'tidak'
          ? t('cases.complete.returned', { no: task.stepNo })
          : t('cases.complete.done', { no: task.stepNo }),
      onSuccess: (next) => {
        void updated(next);
        props.onClose();
      },
      onError: (error) => {
        if (error instanceof ApiError && error.status === 409) {
          // Someone else completed the task (or the case closed) meanwhile: show where it stands now.
          setConflict(error.message);
          void api.get<CaseDetail>(casePath(props.governmentId, detail.id)).then(updated, () => {});
          return;
        }
        form.applyError(error);
      },
    },
  );

  const uploading = form.values.attachments.some((a) => a.status === 'uploading');
  const redoUnits = form.values.outcome === 'tidak' && back?.perUnit === true && detail.unitIds.length > 1;

  function submit() {
    if (uploading) {
      form.setErrors({ attachments: t('cases.attachments.wait') });
      return;
    }
    const stored = form.values.attachments.filter((a) => a.status === 'stored' && a.file);
    const body = form.validate(completeTaskBody, {
      outcome: form.values.outcome ?? undefined,
      comment: form.values.comment,
      ...(form.values.outcome === 'tidak' ? { reason: form.values.reason } : {}),
      ...(redoUnits && form.values.unitIds.length > 0 ? { unitIds: form.values.unitIds } : {}),
      ...(stored.length > 0
        ? { attachments: stored.map((a) => ({ fileId: a.file!.id, ...(a.output ? { output: a.output } : {}) })) }
        : {}),
    });
    if (!body) return;
    // Sent as typed: a default the contract adds (an empty list) is left to the server.
    const { attachments, ...rest } = body;
    complete.mutate(attachments.length > 0 ? body : rest);
  }

  const title = t('cases.complete.title', { no: task.stepNo });
  return (
    <FormModal
      opened
      onClose={props.onClose}
      title={title}
      submitLabel={decides ? t('cases.complete.submitDecision') : t('cases.complete.submit')}
      submitting={complete.isPending}
      formError={conflict ? null : form.formError}
      submitDisabled={conflict !== null}
      onSubmit={() => {
        if (!conflict) submit();
      }}
    >
      {conflict ? (
        <Alert
          color="orange"
          variant="light"
          role="alert"
          title={t('cases.complete.conflictTitle')}
          icon={<IconAlertTriangle size={18} />}
        >
          <Stack gap="xs">
            <Text size="sm">{conflict}</Text>
            <Text size="xs" c="dimmed">
              {t('cases.complete.conflictHint')}
            </Text>
            <Group>
              <Button size="xs" color="orange" leftSection={<IconRefresh size={16} />} onClick={props.onClose}>
                {t('cases.complete.conflictClose')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}
      <div>
        <Text size="sm" fw={600}>
          {t('cases.task.step', { no: task.stepNo })}
          {task.unitName ? ` · ${task.unitName}` : ''}
        </Text>
        <Text size="sm" c="dimmed">
          {task.stepText}
        </Text>
      </div>
      {decides ? (
        <Radio.Group
          label={step?.decision?.question ?? t('cases.complete.decision')}
          required
          className="sidakin-required"
          value={form.values.outcome}
          onChange={(value) => form.setField('outcome', value)}
          error={form.errors.outcome}
        >
          <Stack gap="xs" mt={6}>
            {task.allowedOutcomes.includes('ya') ? (
              <Radio
                value="ya"
                label={t('cases.outcome.ya')}
                description={
                  step?.decision ? t('cases.complete.yaHint', { no: step.decision.ya }) : t('cases.complete.yaPlain')
                }
              />
            ) : null}
            {task.allowedOutcomes.includes('tidak') ? (
              <Radio
                value="tidak"
                label={t('cases.outcome.tidak')}
                description={
                  step?.decision
                    ? t('cases.complete.tidakHint', { no: step.decision.tidak })
                    : t('cases.complete.tidakPlain')
                }
              />
            ) : null}
          </Stack>
        </Radio.Group>
      ) : null}
      {form.values.outcome === 'tidak' ? (
        <Textarea
          label={t('cases.complete.reason')}
          description={t('cases.complete.reasonHint')}
          required
          autosize
          minRows={3}
          maxLength={4000}
          {...form.text('reason')}
        />
      ) : null}
      {redoUnits ? (
        <MultiSelect
          label={t('cases.complete.redoUnits')}
          description={t('cases.complete.redoUnitsHint', { no: back?.no })}
          placeholder={t('cases.complete.redoUnitsAll')}
          data={detail.unitIds.map((id) => ({ value: id, label: props.unitNames.get(id) ?? id }))}
          value={form.values.unitIds}
          onChange={(value) => form.setField('unitIds', value)}
          error={form.errors.unitIds}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
      ) : null}
      <Textarea
        label={t('cases.complete.comment')}
        description={t('cases.complete.commentHint')}
        autosize
        minRows={2}
        maxLength={4000}
        {...form.text('comment')}
      />
      <AttachmentUploader
        governmentId={props.governmentId}
        outputs={step?.outputs ?? []}
        value={form.values.attachments}
        onChange={(update) => form.updateField('attachments', update)}
        error={form.errors.attachments}
      />
    </FormModal>
  );
}
