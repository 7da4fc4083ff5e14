import { NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { createUnitBody, type Unit, unitKinds, updateUnitBody } from '@sidakin/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { govPath } from '../lib/api';
import { useRecordEditor } from '../lib/editor';
import { useForm } from '../lib/form';
import { govKey } from '../lib/query';
import { FormModal } from '../ui/FormModal';
import { UnitSelect } from './selects';
import { buildUnitTree, subtreeIds } from './unitTree';

/** The usual kind of a child: a Bidang holds Seksi, a Sekretariat or Bagian holds Sub Bagian. */
function childKind(parent: Unit | null): Unit['kind'] {
  if (!parent) return 'bidang';
  if (parent.kind === 'bidang') return 'seksi';
  if (parent.kind === 'sekretariat' || parent.kind === 'bagian') return 'sub_bagian';
  return 'lainnya';
}

function valuesOf(unit: Unit | null, parent: Unit | null) {
  return {
    name: unit?.name ?? '',
    code: unit?.code ?? '',
    kind: (unit?.kind ?? childKind(parent)) as string | null,
    parentId: (unit ? unit.parentId : (parent?.id ?? null)) as string | null,
    sortOrder: (unit?.sortOrder ?? 0) as number | string,
  };
}

/** Create a unit (optionally under `parent`) or edit `unit`; the parent select leaves out the unit's own subtree. */
export function UnitFormModal(props: {
  governmentId: string;
  agencyId: string;
  units: Unit[];
  unit: Unit | null;
  parent: Unit | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { unit, parent, governmentId, agencyId } = props;
  const form = useForm(valuesOf(unit, parent));
  const editor = useRecordEditor({
    form,
    record: unit,
    opened: props.opened,
    valuesOf: (u) => valuesOf(u, parent),
    path: govPath(governmentId, '/units'),
    invalidate: [govKey(governmentId)],
    onSaved: props.onClose,
  });
  const exclude = useMemo(
    () => (unit ? subtreeIds(buildUnitTree(props.units), unit.id) : undefined),
    [unit, props.units],
  );

  const title = unit
    ? t('units.editTitle')
    : parent
      ? t('units.createChildTitle', { parent: parent.name })
      : t('units.createTitle');

  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={title}
      submitting={editor.saving}
      formError={form.formError}
      stale={editor.stale}
      onSubmit={() => {
        const v = form.values;
        const common = {
          name: v.name,
          code: v.code,
          kind: v.kind ?? undefined,
          parentId: v.parentId ?? null,
          sortOrder: v.sortOrder === '' ? undefined : Number(v.sortOrder),
        };
        const body = editor.record
          ? form.validate(updateUnitBody, { ...common, expectedUpdatedAt: editor.expectedUpdatedAt })
          : form.validate(createUnitBody, { ...common, agencyId });
        if (body) editor.save(body);
      }}
    >
      <TextInput
        label={t('units.name')}
        placeholder={t('units.namePlaceholder')}
        required
        data-autofocus
        {...form.text('name')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('units.code')} required autoCapitalize="none" {...form.text('code')} />
        <Select
          label={t('units.kind')}
          required
          allowDeselect={false}
          data={unitKinds.map((kind) => ({ value: kind, label: t(`units.kinds.${kind}`) }))}
          comboboxProps={{ withinPortal: true }}
          {...form.select('kind')}
        />
      </SimpleGrid>
      <UnitSelect
        label={t('units.parent')}
        placeholder={t('units.parentNone')}
        clearable
        agencyId={agencyId}
        exclude={exclude}
        {...form.select('parentId')}
      />
      <NumberInput
        label={t('common.sortOrder')}
        min={0}
        max={100000}
        allowDecimal={false}
        value={form.values.sortOrder}
        onChange={(value) => form.setField('sortOrder', value)}
        error={form.errors.sortOrder}
        w={160}
      />
    </FormModal>
  );
}
