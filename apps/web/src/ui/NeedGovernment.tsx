import { Alert } from '@mantine/core';
import { IconBuildingEstate } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useGovernment } from '../shell/government';

/** Pages scoped to a government need one chosen (only a system admin can be without). */
export function NeedGovernment({ children }: { children: (governmentId: string) => ReactNode }) {
  const { t } = useTranslation();
  const { government, choicesLoading } = useGovernment();
  if (!government) {
    if (choicesLoading) return null;
    return (
      <Alert color="sidakin" variant="light" icon={<IconBuildingEstate size={18} />}>
        {t('common.chooseGovernment')}
      </Alert>
    );
  }
  return <>{children(government.id)}</>;
}
