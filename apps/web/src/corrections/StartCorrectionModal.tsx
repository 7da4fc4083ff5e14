import { MultiSelect, Text, TextInput } from '@mantine/core';
import type { CollectionPeriod } from '@sidakin/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StartSopModal } from '../cases/StartSopModal';
import { govPath } from '../lib/api';
import { correctionsKey } from './queries';

/**
 * Starting a correction of a locked period's data: the agency's correction SOP, the units whose
 * data is corrected (their heads act in the SOP's unit lanes), a subject. The person must hold the
 * SOP's first step (the head of the agency in every seed).
 */
export function StartCorrectionModal(props: {
  governmentId: string;
  period: CollectionPeriod;
  units: { value: string; label: string }[];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [subject, setSubject] = useState('');
  return (
    <StartSopModal
      governmentId={props.governmentId}
      agencyId={props.period.agencyId}
      kind="correction"
      opened={props.opened}
      onClose={props.onClose}
      title={t('corrections.startTitle', { label: props.period.label })}
      submitLabel={t('corrections.start')}
      successMessage={t('corrections.started')}
      noSopText={t('corrections.noSop')}
      path={govPath(props.governmentId, '/corrections')}
      body={(sopId) => ({
        sopId,
        periodIds: [props.period.id],
        unitIds,
        ...(subject.trim() ? { subject: subject.trim() } : {}),
      })}
      invalidate={[correctionsKey(props.governmentId)]}
      to={(started) => `/perbaikan/${started.id}`}
      intro={
        <Text size="sm" c="dimmed">
          {t('corrections.startIntro')}
        </Text>
      }
    >
      <MultiSelect
        label={t('corrections.units')}
        description={t('corrections.unitsHint')}
        data={props.units}
        value={unitIds}
        onChange={setUnitIds}
        comboboxProps={{ withinPortal: true }}
      />
      <TextInput
        label={t('corrections.subject')}
        placeholder={t('corrections.subjectPlaceholder')}
        value={subject}
        onChange={(e) => setSubject(e.currentTarget.value)}
      />
    </StartSopModal>
  );
}
