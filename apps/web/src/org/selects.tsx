import { Group, Select, type SelectProps, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencyOptions, useAgencyPositions, useAgencyUnits } from './queries';
import { buildUnitTree, flattenUnitTree } from './unitTree';

type BaseProps = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (value: string | null) => void;
};

export function AgencySelect(props: BaseProps) {
  const { t } = useTranslation();
  const agencies = useAgencyOptions();
  const data = useMemo(
    () => (agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name })),
    [agencies.data],
  );
  return (
    <Select
      searchable
      nothingFoundMessage={t('common.nothingFound')}
      comboboxProps={{ withinPortal: true }}
      {...props}
      data={data}
      disabled={props.disabled || agencies.isLoading}
    />
  );
}

/** Units of one agency, indented as a tree; `exclude` hides a subtree (a unit cannot be its own parent). */
export function UnitSelect(props: BaseProps & { agencyId: string | null; exclude?: Set<string> }) {
  const { t } = useTranslation();
  const { agencyId, exclude, ...rest } = props;
  const units = useAgencyUnits(agencyId, 'true');
  const nodes = useMemo(() => flattenUnitTree(buildUnitTree(units.data?.items ?? [])), [units.data]);
  const depthOf = useMemo(() => new Map(nodes.map((n) => [n.unit.id, n.depth])), [nodes]);
  const data = nodes
    .filter((node) => !exclude?.has(node.unit.id))
    .map((node) => ({ value: node.unit.id, label: node.unit.name }));
  return (
    <Select
      searchable
      nothingFoundMessage={t('common.nothingFound')}
      comboboxProps={{ withinPortal: true }}
      renderOption={({ option }) => (
        <Group gap={6} pl={(depthOf.get(option.value) ?? 0) * 14} wrap="nowrap">
          <Text size="sm">{option.label}</Text>
        </Group>
      )}
      {...rest}
      data={data}
      disabled={rest.disabled || !agencyId || units.isLoading}
    />
  );
}

export function PositionSelect(props: BaseProps & { agencyId: string | null }) {
  const { t } = useTranslation();
  const { agencyId, ...rest } = props;
  const positions = useAgencyPositions(agencyId);
  const data = (positions.data?.items ?? []).map((p) => ({
    value: p.id,
    label: p.unitName ? `${p.name} — ${p.unitName}` : p.name,
  }));
  return (
    <Select
      searchable
      nothingFoundMessage={t('common.nothingFound')}
      comboboxProps={{ withinPortal: true }}
      {...rest}
      data={data}
      disabled={rest.disabled || !agencyId || positions.isLoading}
    />
  );
}
