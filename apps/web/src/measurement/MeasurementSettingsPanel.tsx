import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  ColorSwatch,
  Grid,
  Group,
  NumberInput,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { bandColors, type CategoryScale, type MeasurementSettings } from '@sidakin/core';
import { IconDeviceFloppy, IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, govPath, isApiError } from '../lib/api';
import { useApiMutation } from '../lib/query';
import { DataState } from '../ui/DataState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { StaleAlert } from '../ui/StaleAlert';

/**
 * How a government measures: its category scale (from a preset, or its own bands), decimals, an
 * optional cap, the efficiency formula and the level of the agency's achievement. A change applies
 * to the runs made after it; every run keeps the method it was made with.
 */

interface Band {
  key: string;
  labelId: string;
  labelEn: string;
  /** As typed, in the person's notation ("85,5"); '' for the last band. */
  from: string;
  exclusive: boolean;
  color: string;
}
interface Draft {
  scaleKey: string;
  nameId: string;
  nameEn: string;
  source: string;
  bands: Band[];
  decimals: number;
  capOn: boolean;
  cap: string;
  efficiencyFormula: 'difference' | 'ratio';
  agencyFrom: 'objective' | 'goal';
}

const edgeText = (v: string | null, locale: string) => (v === null ? '' : locale === 'en' ? v : v.replace('.', ','));

function draftOf(s: MeasurementSettings, locale: string): Draft {
  return {
    ...scaleDraft(s.scale, locale),
    decimals: s.decimals,
    capOn: s.cap !== null,
    cap: s.cap === null ? '120' : edgeText(s.cap, locale),
    efficiencyFormula: s.efficiencyFormula,
    agencyFrom: s.agencyFrom,
  };
}

function scaleDraft(
  scale: CategoryScale,
  locale: string,
): Pick<Draft, 'scaleKey' | 'nameId' | 'nameEn' | 'source' | 'bands'> {
  return {
    scaleKey: scale.key,
    nameId: scale.name.id,
    nameEn: scale.name.en,
    source: scale.source,
    bands: scale.bands.map((b) => ({
      key: b.key,
      labelId: b.label.id,
      labelEn: b.label.en,
      from: edgeText(b.from, locale),
      exclusive: Boolean(b.exclusive),
      color: b.color,
    })),
  };
}

/** A band key from its words: "Sangat baik" → "sangat-baik". */
const keyOf = (label: string, i: number) =>
  label
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || `kategori-${i + 1}`;

function bodyOf(d: Draft, expectedUpdatedAt: string | null) {
  const used = new Set<string>();
  return {
    scale: {
      key: d.scaleKey,
      name: { id: d.nameId, en: d.nameEn },
      source: d.source,
      bands: d.bands.map((b, i) => {
        // Keys stay unique, and the server names a clash at the band.
        let key = b.key || keyOf(b.labelId, i);
        if (used.has(key)) key = `${key}-${i + 1}`;
        used.add(key);
        const last = i === d.bands.length - 1;
        return {
          key,
          label: { id: b.labelId, en: b.labelEn || b.labelId },
          from: last ? null : b.from.trim(),
          ...(b.exclusive && !last ? { exclusive: true } : {}),
          color: b.color,
        };
      }),
    },
    decimals: d.decimals,
    cap: d.capOn ? d.cap.trim() : null,
    efficiencyFormula: d.efficiencyFormula,
    agencyFrom: d.agencyFrom,
    ...(expectedUpdatedAt ? { expectedUpdatedAt } : {}),
  };
}

export function MeasurementSettingsPanel({ governmentId, canEdit }: { governmentId: string; canEdit: boolean }) {
  const query = useQuery({
    queryKey: ['government', governmentId, 'measurement-settings'],
    queryFn: () => api.get<MeasurementSettings>(govPath(governmentId, '/measurement-settings')),
  });
  return (
    <DataState loading={query.isLoading} error={query.error} empty={false}>
      {query.data ? (
        <SettingsForm
          key={query.data.updatedAt ?? 'default'}
          governmentId={governmentId}
          settings={query.data}
          canEdit={canEdit}
          reload={() => void query.refetch()}
        />
      ) : null}
    </DataState>
  );
}

function SettingsForm(props: {
  governmentId: string;
  settings: MeasurementSettings;
  canEdit: boolean;
  reload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const { settings, canEdit } = props;
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings, locale));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [stale, setStale] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setBand = (i: number, patch: Partial<Band>) =>
    setDraft((d) => ({ ...d, bands: d.bands.map((b, j) => (j === i ? { ...b, ...patch } : b)) }));
  const custom = !settings.presets.some((p) => p.key === draft.scaleKey);

  const save = useApiMutation(
    () =>
      api.put<MeasurementSettings>(
        govPath(props.governmentId, '/measurement-settings'),
        bodyOf(draft, settings.updatedAt),
      ),
    {
      invalidate: [['government', props.governmentId, 'measurement-settings']],
      successMessage: t('measurementSettings.saved'),
      onError: (error) => {
        setErrors({});
        setFormError(null);
        if (isApiError(error, 'STALE_WRITE')) {
          setStale(error.message);
          return;
        }
        if (error instanceof ApiError && error.details.length > 0) {
          const next: Record<string, string> = {};
          for (const d of error.details) {
            const field = d.path.replace(/^body\./, '');
            if (!(field in next)) next[field] = d.message;
          }
          setErrors(next);
          if (!Object.keys(next).some(shownAtField)) setFormError(error);
          return;
        }
        setFormError(error);
      },
    },
  );

  function choosePreset(key: string | null) {
    if (key === null) return;
    const preset = settings.presets.find((p) => p.key === key);
    if (preset) set(scaleDraft(preset, locale));
    else set({ scaleKey: 'skala-sendiri', nameId: 'Skala pemerintah daerah', nameEn: 'Government scale', source: '' });
    setErrors({});
  }

  const presetData = [
    ...settings.presets.map((p) => ({ value: p.key, label: locale === 'en' ? p.name.en : p.name.id })),
    { value: custom ? draft.scaleKey : 'skala-sendiri', label: t('measurementSettings.ownScale') },
  ];

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setErrors({});
        setFormError(null);
        save.mutate(undefined);
      }}
    >
      <Stack gap="md">
        {!canEdit ? (
          <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
            {t('common.readOnly')}
          </Alert>
        ) : null}
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
          {t('measurementSettings.appliesHint')}
        </Alert>
        {stale ? (
          <StaleAlert stale={{ message: stale, reload: props.reload, reloading: false }} hint={t('stale.formHint')} />
        ) : null}
        {formError ? <ErrorAlert error={formError} /> : null}
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, xl: 8 }}>
            <Card withBorder radius="md" padding="lg">
              <Title order={2} size="h4" mb="xs">
                {t('measurementSettings.scale')}
              </Title>
              <Stack gap="sm">
                <Select
                  label={t('measurementSettings.startFrom')}
                  data={presetData}
                  value={custom ? draft.scaleKey : draft.scaleKey}
                  onChange={choosePreset}
                  allowDeselect={false}
                  disabled={!canEdit}
                  comboboxProps={{ withinPortal: true }}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <TextInput
                    label={t('measurementSettings.scaleName')}
                    value={draft.nameId}
                    onChange={(e) =>
                      set({ nameId: e.currentTarget.value, scaleKey: custom ? draft.scaleKey : 'skala-sendiri' })
                    }
                    error={errors['scale.name.id']}
                    readOnly={!canEdit}
                  />
                  <TextInput
                    label={t('measurementSettings.source')}
                    description={t('measurementSettings.sourceHint')}
                    value={draft.source}
                    onChange={(e) => set({ source: e.currentTarget.value })}
                    error={errors['scale.source']}
                    readOnly={!canEdit}
                  />
                </SimpleGrid>
                <Table.ScrollContainer minWidth={820}>
                  <Table aria-label={t('measurementSettings.bands')} verticalSpacing={6}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('measurementSettings.label')}</Table.Th>
                        <Table.Th>{t('measurementSettings.labelEn')}</Table.Th>
                        <Table.Th w={210}>{t('measurementSettings.from')}</Table.Th>
                        <Table.Th w={170}>{t('measurementSettings.color')}</Table.Th>
                        <Table.Th w={40} />
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {draft.bands.map((b, i) => {
                        const last = i === draft.bands.length - 1;
                        const edit = (patch: Partial<Band>) => {
                          setBand(i, patch);
                          if (!custom && ('from' in patch || 'exclusive' in patch)) set({ scaleKey: 'skala-sendiri' });
                        };
                        return (
                          // biome-ignore lint/suspicious/noArrayIndexKey: bands are edited in place and have no id until saved
                          <Table.Tr key={i}>
                            <Table.Td>
                              <TextInput
                                aria-label={`${t('measurementSettings.label')} ${i + 1}`}
                                value={b.labelId}
                                onChange={(e) => edit({ labelId: e.currentTarget.value })}
                                error={errors[`scale.bands.${i}.label.id`] ?? errors[`scale.bands.${i}.key`]}
                                readOnly={!canEdit}
                                leftSection={
                                  <Badge size="xs" circle color={b.color} variant="filled">
                                    {i + 1}
                                  </Badge>
                                }
                              />
                            </Table.Td>
                            <Table.Td>
                              <TextInput
                                aria-label={`${t('measurementSettings.labelEn')} ${i + 1}`}
                                value={b.labelEn}
                                onChange={(e) => edit({ labelEn: e.currentTarget.value })}
                                error={errors[`scale.bands.${i}.label.en`]}
                                readOnly={!canEdit}
                              />
                            </Table.Td>
                            <Table.Td>
                              {last ? (
                                <Text size="sm" c="dimmed">
                                  {t('measurementSettings.rest')}
                                </Text>
                              ) : (
                                <Group gap={6} wrap="nowrap">
                                  <SegmentedControl
                                    aria-label={`${t('measurementSettings.edgeKind')} ${i + 1}`}
                                    size="xs"
                                    data={[
                                      { value: 'ge', label: '≥' },
                                      { value: 'gt', label: '>' },
                                    ]}
                                    value={b.exclusive ? 'gt' : 'ge'}
                                    onChange={(v) => edit({ exclusive: v === 'gt' })}
                                    disabled={!canEdit}
                                    style={{ flexShrink: 0 }}
                                  />
                                  <TextInput
                                    aria-label={`${t('measurementSettings.from')} ${i + 1}`}
                                    value={b.from}
                                    onChange={(e) => edit({ from: e.currentTarget.value })}
                                    error={errors[`scale.bands.${i}.from`]}
                                    rightSection={<Text size="xs">%</Text>}
                                    readOnly={!canEdit}
                                    inputMode="decimal"
                                    style={{ flex: 1, minWidth: 80 }}
                                  />
                                </Group>
                              )}
                              {last && errors[`scale.bands.${i}.from`] ? (
                                <Text size="xs" c="red.7">
                                  {errors[`scale.bands.${i}.from`]}
                                </Text>
                              ) : null}
                            </Table.Td>
                            <Table.Td>
                              <Select
                                aria-label={`${t('measurementSettings.color')} ${i + 1}`}
                                data={bandColors.map((c) => ({
                                  value: c,
                                  label: t(`measurementSettings.colors.${c}`),
                                }))}
                                value={b.color}
                                onChange={(v) => v && edit({ color: v })}
                                allowDeselect={false}
                                disabled={!canEdit}
                                leftSection={<ColorSwatch size={14} color={`var(--mantine-color-${b.color}-6)`} />}
                                comboboxProps={{ withinPortal: true }}
                              />
                            </Table.Td>
                            <Table.Td>
                              {canEdit && draft.bands.length > 2 ? (
                                <ActionIcon
                                  variant="subtle"
                                  color="red"
                                  aria-label={t('measurementSettings.removeBand', { n: i + 1 })}
                                  onClick={() =>
                                    setDraft((d) => ({
                                      ...d,
                                      scaleKey: custom ? d.scaleKey : 'skala-sendiri',
                                      bands: d.bands.filter((_, j) => j !== i),
                                    }))
                                  }
                                >
                                  <IconTrash size={16} />
                                </ActionIcon>
                              ) : null}
                            </Table.Td>
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                {errors['scale.bands'] ? (
                  <Text size="sm" c="red.7">
                    {errors['scale.bands']}
                  </Text>
                ) : null}
                {canEdit && draft.bands.length < 8 ? (
                  <Button
                    variant="light"
                    size="xs"
                    w="fit-content"
                    leftSection={<IconPlus size={14} />}
                    onClick={() =>
                      setDraft((d) => ({
                        ...d,
                        scaleKey: custom ? d.scaleKey : 'skala-sendiri',
                        // A new band goes above the last, which keeps taking everything below.
                        bands: [
                          ...d.bands.slice(0, -1),
                          { key: '', labelId: '', labelEn: '', from: '', exclusive: false, color: 'gray' },
                          ...d.bands.slice(-1),
                        ],
                      }))
                    }
                  >
                    {t('measurementSettings.addBand')}
                  </Button>
                ) : null}
                <Text size="xs" c="dimmed">
                  {t('measurementSettings.bandsHint')}
                </Text>
              </Stack>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, xl: 4 }}>
            <Card withBorder radius="md" padding="lg">
              <Title order={2} size="h4" mb="xs">
                {t('measurementSettings.computation')}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2, xl: 1 }} spacing="md">
                <NumberInput
                  label={t('measurementSettings.decimals')}
                  min={0}
                  max={4}
                  value={draft.decimals}
                  onChange={(v) => set({ decimals: typeof v === 'number' ? v : Number(v) || 0 })}
                  error={errors.decimals}
                  readOnly={!canEdit}
                  allowDecimal={false}
                />
                <div>
                  <Checkbox
                    label={t('measurementSettings.capOn')}
                    checked={draft.capOn}
                    onChange={(e) => set({ capOn: e.currentTarget.checked })}
                    disabled={!canEdit}
                  />
                  {draft.capOn ? (
                    <TextInput
                      mt={6}
                      label={t('measurementSettings.cap')}
                      value={draft.cap}
                      onChange={(e) => set({ cap: e.currentTarget.value })}
                      error={errors.cap}
                      rightSection={<Text size="xs">%</Text>}
                      readOnly={!canEdit}
                      inputMode="decimal"
                    />
                  ) : null}
                </div>
                <Radio.Group
                  label={t('measurementSettings.efficiency')}
                  value={draft.efficiencyFormula}
                  onChange={(v) => set({ efficiencyFormula: v as Draft['efficiencyFormula'] })}
                >
                  <Stack gap={6} mt={6}>
                    <Radio
                      value="difference"
                      label={t('measurementSettings.efficiencyDifference')}
                      disabled={!canEdit}
                    />
                    <Radio value="ratio" label={t('measurementSettings.efficiencyRatio')} disabled={!canEdit} />
                  </Stack>
                </Radio.Group>
                <Radio.Group
                  label={t('measurementSettings.agencyFrom')}
                  value={draft.agencyFrom}
                  onChange={(v) => set({ agencyFrom: v as Draft['agencyFrom'] })}
                >
                  <Stack gap={6} mt={6}>
                    <Radio value="objective" label={t('measurementSettings.fromObjective')} disabled={!canEdit} />
                    <Radio value="goal" label={t('measurementSettings.fromGoal')} disabled={!canEdit} />
                  </Stack>
                </Radio.Group>
              </SimpleGrid>
            </Card>
            {canEdit ? (
              <Group justify="flex-end" mt="md">
                <Button
                  type="submit"
                  leftSection={<IconDeviceFloppy size={18} />}
                  loading={save.isPending}
                  disabled={Boolean(stale)}
                >
                  {t('common.saveChanges')}
                </Button>
              </Group>
            ) : null}
          </Grid.Col>
        </Grid>
      </Stack>
    </form>
  );
}

/** The fields this form shows errors at; anything else goes to the form's alert. */
function shownAtField(field: string): boolean {
  return (
    field === 'decimals' ||
    field === 'cap' ||
    field === 'scale.bands' ||
    field === 'scale.source' ||
    field.startsWith('scale.name') ||
    /^scale\.bands\.\d+\.(from|key|label\.(id|en))$/.test(field)
  );
}
