import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function StatusBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return active ? (
    <Badge color="teal" variant="light" radius="sm">
      {t('common.active')}
    </Badge>
  ) : (
    <Badge color="gray" variant="light" radius="sm">
      {t('common.inactive')}
    </Badge>
  );
}
