import { Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { type Agency, agencyKinds, createAgencyBody, updateAgencyBody } from '@sidakin/core';
import { useTranslation } from 'react-i18next';
import { govPath } from '../lib/api';
import { useRecordEditor } from '../lib/editor';
import { useForm } from '../lib/form';
import { govKey } from '../lib/query';
import { FormModal } from '../ui/FormModal';

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
  const editor = useRecordEditor({
    form,
    record: agency,
    opened: props.opened,
    valuesOf,
    path: govPath(governmentId, '/agencies'),
    invalidate: [govKey(governmentId)],
    onSaved: (saved) => {
      props.onClose();
      props.onSaved?.(saved);
    },
  });

  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={agency ? t('agencies.editTitle') : t('agencies.createTitle')}
      submitting={editor.saving}
      formError={form.formError}
      stale={editor.stale}
      onSubmit={() => {
        const v = form.values;
        const fields = {
          code: v.code,
          name: v.name,
          shortName: v.shortName,
          kind: v.kind ?? undefined,
          address: v.address,
        };
        const body = editor.record
          ? form.validate(updateAgencyBody, { ...fields, expectedUpdatedAt: editor.expectedUpdatedAt })
          : form.validate(createAgencyBody, fields);
        if (body) editor.save(body);
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
