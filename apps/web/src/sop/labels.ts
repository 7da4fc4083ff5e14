import type { LaneBinding } from '@sidakin/core';
import { useTranslation } from 'react-i18next';

/** Names for the parts of an SOP document (as in the form) and for lane bindings, in the UI language. */
export function useSopLabels() {
  const { t } = useTranslation();
  // One literal key per field keeps the types of `t` simple enough to check.
  const fields: Record<string, string> = {
    id: t('sop.fields.id'),
    title: t('sop.identity.title'),
    kind: t('sop.columns.kind'),
    agency: t('sop.columns.agency'),
    identity: t('sop.identity.label'),
    number: t('sop.identity.number'),
    createdOn: t('sop.identity.createdOn'),
    revisedOn: t('sop.identity.revisedOn'),
    effectiveOn: t('sop.identity.effectiveOn'),
    revision: t('sop.identity.revision'),
    approvedBy: t('sop.identity.approvedBy'),
    preparedBy: t('sop.identity.preparedBy'),
    reviewedBy: t('sop.identity.reviewedBy'),
    purpose: t('sop.sections.purpose'),
    scope: t('sop.sections.scope'),
    definition: t('sop.sections.definition'),
    responsibilities: t('sop.sections.responsibilities'),
    legalBasis: t('sop.sections.legalBasis'),
    qualifications: t('sop.sections.qualifications'),
    relatedSops: t('sop.sections.relatedSops'),
    equipment: t('sop.sections.equipment'),
    warning: t('sop.sections.warning'),
    recordKeeping: t('sop.sections.recordKeeping'),
    qualityRecords: t('sop.sections.qualityRecords'),
    activityWorksheet: t('sop.sections.worksheet'),
    notes: t('sop.tabs.notes'),
    no: t('sop.fields.no'),
    text: t('sop.table.activity'),
    lanes: t('sop.table.lanes'),
    action: t('sop.fields.action'),
    requirements: t('sop.table.requirements'),
    duration: t('sop.table.duration'),
    outputs: t('sop.table.outputs'),
    remarks: t('sop.table.remarks'),
    decision: t('sop.table.shapes.decision'),
    next: t('sop.fields.next'),
    end: t('sop.fields.end'),
    perUnit: t('sop.table.perUnit'),
    paraf: t('sop.table.paraf'),
    signature: t('sop.table.signature'),
    attendees: t('sop.fields.attendees'),
    binding: t('sop.fields.binding'),
  };
  return {
    /** `legalBasis` → "Dasar Hukum"; an unknown key is shown as it is. */
    field: (key: string) => fields[key] ?? key,
    /** `head-of-unit` → "Kepala unit kerja yang bersangkutan"; `{ position: x }` → "Jabatan berkode x". */
    binding: (binding: LaneBinding | unknown): string => {
      if (typeof binding === 'string') {
        switch (binding) {
          case 'head-of-agency':
            return t('sop.binding.head-of-agency');
          case 'secretary':
            return t('sop.binding.secretary');
          case 'head-of-unit':
            return t('sop.binding.head-of-unit');
          case 'head-of-subunit':
            return t('sop.binding.head-of-subunit');
          case 'staff-of-unit':
            return t('sop.binding.staff-of-unit');
          default:
            return binding;
        }
      }
      if (binding && typeof binding === 'object') {
        const b = binding as { position?: string; team?: string; role?: string };
        if (b.position) return t('sop.binding.position', { code: b.position });
        if (b.team) return t('sop.binding.team', { team: b.team, role: b.role ?? '' });
      }
      return JSON.stringify(binding);
    },
  };
}
