import { Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { type Agency, agencyKinds, createAgencyBody, updateAgencyBody } from '@sidakin/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, govPath } from '../lib/api';
import { useForm } from '../lib/form';
import { useApiMutation } from '../lib/query';
import { FormModal } from '../ui/FormModal';
import { govKey } from './queries';

function valuesOf(a: Agency | null) {
  return {
    code: a?.code ?? '',
    name: a?.name ?? '',
    shortName: a?.shortName ?? '',
    kind: (a?.kind ?? 'dinas') as string | null,
    address: a?.address ?? '',
  };
}

/** Create (agency = null) or edit an agency. */
export function AgencyFormModal(props: {
  governmentId: string;
  agency: Agency | null;
  opened: boolean;
  onClose: () => void;
  onSaved?: (agency: Agency) => void;
}) {
  const { t } = useTranslation();
  const { agency, governmentId } = props;
  const form = useForm(valuesOf(agency));
  const { reset } = form;
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form only when the modal opens
  useEffect(() => {
    if (props.opened) reset(valuesOf(agency));
  }, [props.opened]);

  const save = useApiMutation(
    (body: unknown) =>
      agency
        ? api.patch<Agency>(govPath(governmentId, `/agencies/${agency.id}`), body)
        : api.post<Agency>(govPath(governmentId, '/agencies'), body),
    {
      invalidate: [govKey(governmentId)],
      successMessage: agency ? t('common.saved') : t('common.created'),
      onSuccess: (saved) => {
        props.onClose();
        props.onSaved?.(saved);
      },
      onError: form.applyError,
    },
  );

  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={agency ? t('agencies.editTitle') : t('agencies.createTitle')}
      submitting={save.isPending}
      formError={form.formError}
      onSubmit={() => {
        const v = form.values;
        const body = agency
          ? form.validate(updateAgencyBody, {
              code: v.code,
              name: v.name,
              shortName: v.shortName,
              kind: v.kind ?? undefined,
              address: v.address,
            })
          : form.validate(createAgencyBody, {
              code: v.code,
              name: v.name,
              shortName: v.shortName,
              kind: v.kind ?? undefined,
              address: v.address,
            });
        if (body) save.mutate(body);
      }}
    >
      <TextInput
        label={t('agencies.name')}
        placeholder={t('agencies.namePlaceholder')}
        required
        data-autofocus
        {...form.text('name')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('agencies.shortName')} {...form.text('shortName')} />
        <TextInput label={t('agencies.code')} required autoCapitalize="none" {...form.text('code')} />
      </SimpleGrid>
      <Select
        label={t('agencies.kind')}
        required
        allowDeselect={false}
        data={agencyKinds.map((kind) => ({ value: kind, label: t(`agencies.kinds.${kind}`) }))}
        comboboxProps={{ withinPortal: true }}
        {...form.select('kind')}
      />
      <Textarea label={t('agencies.address')} autosize minRows={2} {...form.text('address')} />
    </FormModal>
  );
}
