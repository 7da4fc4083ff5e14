import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';

export function ListFooter(props: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  if (props.total === 0) return null;
  const from = (props.page - 1) * props.pageSize + 1;
  const to = Math.min(props.total, props.page * props.pageSize);
  const controlLabels = {
    first: t('common.firstPage'),
    previous: t('common.previousPage'),
    next: t('common.nextPage'),
    last: t('common.lastPage'),
  };
  return (
    <Group justify="space-between" mt="md" gap="sm" wrap="wrap">
      <Text size="sm" c="dimmed">
        {t('common.showing', {
          from: formatNumber(from, locale),
          to: formatNumber(to, locale),
          total: formatNumber(props.total, locale),
        })}
      </Text>
      {pages > 1 ? (
        <nav aria-label={t('common.pagination')}>
          <Pagination
            total={pages}
            value={Math.min(props.page, pages)}
            onChange={props.onPage}
            size="sm"
            siblings={1}
            getItemProps={(page) => ({ 'aria-label': t('common.page', { page }) })}
            getControlProps={(control) => ({ 'aria-label': controlLabels[control] })}
          />
        </nav>
      ) : null}
    </Group>
  );
}
