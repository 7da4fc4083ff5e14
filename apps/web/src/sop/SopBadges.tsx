import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isSopKind, type SopVersionStatus } from './model';

const statusColor: Record<SopVersionStatus, string> = {
  draft: 'gray',
  approved: 'blue',
  effective: 'teal',
  retired: 'red',
};

/** Draf / Disahkan / Berlaku / Dicabut. */
export function SopStatusBadge({ status, size = 'sm' }: { status: SopVersionStatus; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant={status === 'effective' ? 'filled' : 'light'} radius="sm" size={size}>
      {t(`sop.status.${status}`)}
    </Badge>
  );
}

/** Pengumpulan / Pengukuran / Perbaikan / Monitoring / Umum (an unknown kind as written). */
export function SopKindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="sidakin" radius="sm">
      {isSopKind(kind) ? t(`sop.kinds.${kind}`) : kind}
    </Badge>
  );
}
