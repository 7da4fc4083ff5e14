import { Group, SegmentedControl, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type ActiveFilter, type ListParams, useDebouncedSearch } from '../lib/query';

/**
 * Search box, extra filters, and the active / inactive / all switch of a list page (left out with
 * `activeFilter={false}` for records that are never switched off, e.g. SOPs, which have versions).
 */
export function ListToolbar(props: {
  list: ListParams;
  searchLabel: string;
  activeFilter?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { list } = props;
  const [search, setSearch] = useDebouncedSearch(list.q, (q) => list.update({ q }));
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
      <TextInput
        type="search"
        aria-label={props.searchLabel}
        placeholder={props.searchLabel}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        style={{ flex: '1 1 240px' }}
        maxLength={200}
      />
      {props.children}
      {props.activeFilter === false ? null : (
        <SegmentedControl
          aria-label={t('common.statusFilter')}
          value={list.active}
          onChange={(value) => list.update({ active: value as ActiveFilter })}
          data={[
            { value: 'true', label: t('common.activeOnly') },
            { value: 'false', label: t('common.inactiveOnly') },
            { value: 'all', label: t('common.all') },
          ]}
        />
      )}
    </Group>
  );
}
