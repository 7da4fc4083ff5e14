import type { CollectionForm } from '@sidakin/core';
import { useMemo } from 'react';
import { collectionImport } from '../imports/adapters';
import { ExcelActions } from '../imports/ImportWizard';
import { collectionKey } from './queries';

/** The form's Excel round trip: the template with the stored values, and the import wizard. */
export function FormImport(props: { governmentId: string; form: CollectionForm; unit: string; canImport: boolean }) {
  const { governmentId, form, unit } = props;
  const target = useMemo(
    () => ({ ...collectionImport(governmentId, form.period.id, unit), invalidate: [collectionKey(governmentId)] }),
    [governmentId, form.period.id, unit],
  );
  return (
    <ExcelActions
      target={target}
      canImport={props.canImport}
      subject={`${form.period.label} — ${form.submission.unitName}`}
    />
  );
}
