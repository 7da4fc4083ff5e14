import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { Employee, Page } from '@sidakin/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, govPath } from '../lib/api';
import { formatNip } from '../lib/format';
import { govKey } from '../lib/query';
import { useGovernmentId } from '../org/queries';

export function employeeLabel(e: { fullName?: string; name?: string; nip: string }): string {
  return `${e.fullName ?? e.name ?? ''} — ${formatNip(e.nip)}`;
}

/**
 * Searches employees on the server by name or NIP. `initialLabel` names the current value
 * when it is not on the first page of results (for example when editing).
 */
export function EmployeeSelect(
  props: Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
    value: string | null;
    onChange: (value: string | null) => void;
    initialLabel?: string | null;
    agencyId?: string | null;
  },
) {
  const { t } = useTranslation();
  const { initialLabel, agencyId, ...rest } = props;
  const gid = useGovernmentId();
  const [search, setSearch] = useState('');
  const [chosenLabel, setChosenLabel] = useState<string | null>(initialLabel ?? null);
  // While the box shows the chosen label, list everyone instead of searching for that label.
  const effective = search === chosenLabel ? '' : search;
  const [debounced] = useDebouncedValue(effective, 250);
  const result = useQuery({
    queryKey: [...govKey(gid), 'employees', 'options', debounced, agencyId ?? null],
    queryFn: () =>
      api.get<Page<Employee>>(govPath(gid ?? '', '/employees'), {
        q: debounced || undefined,
        agencyId: agencyId ?? undefined,
        pageSize: 20,
        active: 'true',
      }),
    enabled: Boolean(gid),
    placeholderData: (previous) => previous,
  });
  const data = useMemo(() => {
    const options = (result.data?.items ?? []).map((e) => ({ value: e.id, label: employeeLabel(e) }));
    if (props.value && chosenLabel && !options.some((o) => o.value === props.value)) {
      options.unshift({ value: props.value, label: chosenLabel });
    }
    return options;
  }, [result.data, props.value, chosenLabel]);
  return (
    <Select
      searchable
      clearable
      placeholder={t('common.typeToSearch')}
      nothingFoundMessage={result.isFetching ? t('common.loading') : t('common.nothingFound')}
      comboboxProps={{ withinPortal: true }}
      filter={({ options }) => options}
      {...rest}
      data={data}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(value, option) => {
        setChosenLabel(option?.label ?? null);
        props.onChange(value);
      }}
    />
  );
}
