import { Alert, Badge, Button, Card, Group, Loader, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { CollectionForm, CollectionRow, CollectionValueDetail } from '@sidakin/core';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconCircleCheck,
  IconFileText,
  IconFlag,
  IconMessage,
  IconPaperclip,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, isApiError } from '../lib/api';
import { errorText } from '../lib/query';
import { decimalToSend, editableDecimal, formatDecimal, formatRupiah, formatTarget } from '../plans/model';
import { useFormatters } from '../shell/government';
import { formatPercent, liveAchievement, rowKey } from './model';
import { collectionKey, formKey, periodPath } from './queries';

/** How long typing may pause before the value saves by itself. */
const autosaveMs = 1200;

type Column = 'actual' | 'budget';

/** The stored and the sent value of a refused stale save (409 STALE_WRITE `error.data`). */
interface Conflict {
  stored: {
    version: number;
    actual: string;
    budgetSpent: string | null;
    updatedAt?: string;
    updatedByName?: string | null;
  } | null;
  sent: { actual: string; budgetSpent: string | null };
}

/**
 * The data-entry grid of one unit's form: a row per indicator with its target, the realisasi and
 * budget spent as inputs, the achievement computed as the person types, and the errors and warnings
 * at the cell. Each value saves itself (when the field is left or typing pauses) as a new version
 * based on the version shown; a stale save shows both values and lets the person choose.
 *
 * Keyboard: Tab moves across, Enter / ↓ to the same field of the next indicator, Shift+Enter / ↑
 * back, Esc puts the saved value back.
 */
export function EntryGrid(props: {
  governmentId: string;
  form: CollectionForm;
  rows: CollectionRow[];
  editable: boolean;
  caption: string;
  onOpen: (row: CollectionRow) => void;
}) {
  const { t } = useTranslation();
  const gridId = useId();
  const narrow = useMediaQuery('(max-width: 62em)');
  if (narrow) {
    return (
      <Stack
        component="ol"
        gap="sm"
        p={0}
        m={0}
        aria-label={props.caption}
        data-grid={gridId}
        style={{ listStyle: 'none' }}
      >
        {props.rows.map((row, index) => (
          <EntryRow
            key={rowKey(row)}
            governmentId={props.governmentId}
            form={props.form}
            row={row}
            index={index}
            gridId={gridId}
            editable={props.editable}
            layout="card"
            onOpen={props.onOpen}
          />
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table aria-label={props.caption} className="entry-grid" verticalSpacing="xs" data-grid={gridId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>{t('collection.no')}</Table.Th>
            <Table.Th>{t('collection.indicator')}</Table.Th>
            <Table.Th w={120} ta="right">
              {t('collection.target')}
            </Table.Th>
            <Table.Th w={190}>{t('collection.actual')}</Table.Th>
            <Table.Th w={100} ta="right">
              {t('collection.achievement')}
            </Table.Th>
            <Table.Th w={190}>{t('collection.budgetSpent')}</Table.Th>
            <Table.Th w={150}>{t('collection.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map((row, index) => (
            <EntryRow
              key={rowKey(row)}
              governmentId={props.governmentId}
              form={props.form}
              row={row}
              index={index}
              gridId={gridId}
              editable={props.editable}
              layout="table"
              onOpen={props.onOpen}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Moves the focus to the same field of another row of the grid. */
function focusCell(gridId: string, index: number, column: Column): boolean {
  const el = document.querySelector<HTMLInputElement>(
    `[data-grid="${CSS.escape(gridId)}"] input[data-row="${index}"][data-col="${column}"]`,
  );
  if (!el) return false;
  el.focus();
  el.select();
  return true;
}

/** Puts a saved value's detail into the cached form, so the grid shows it without a reload. */
export function useStoreRow(governmentId: string, form: CollectionForm) {
  const client = useQueryClient();
  return (detail: CollectionValueDetail) => {
    const key = formKey(governmentId, form.period.id, form.submission.unitId ?? 'agency');
    client.setQueryData<CollectionForm>(key, (prev) => {
      if (!prev) return prev;
      const swap = (rows: CollectionRow[]) => rows.map((r) => (rowKey(r) === rowKey(detail.row) ? detail.row : r));
      return { ...prev, rows: swap(prev.rows), individualRows: swap(prev.individualRows) };
    });
    client.setQueryData([...collectionKey(governmentId), 'value', detail.row.valueId], detail);
    // Completeness and the form's counts follow in the background.
    void client.invalidateQueries({ queryKey: [...collectionKey(governmentId), 'completeness'] });
    void client.invalidateQueries({ queryKey: key, refetchType: 'none' });
  };
}

function EntryRow(props: {
  governmentId: string;
  form: CollectionForm;
  row: CollectionRow;
  index: number;
  gridId: string;
  editable: boolean;
  layout: 'table' | 'card';
  onOpen: (row: CollectionRow) => void;
}) {
  const { row } = props;
  const { t } = useTranslation();
  const { locale, dateTime } = useFormatters();
  const store = useStoreRow(props.governmentId, props.form);
  const [actual, setActual] = useState(editableDecimal(row.actual, locale));
  const [budget, setBudget] = useState(editableDecimal(row.budgetSpent, locale));
  const [dirty, setDirty] = useState(false);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const [fieldError, setFieldError] = useState<{ column: Column; message: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const version = useRef(row.version);
  const timer = useRef<number | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);
  const latest = useRef({ actual, budget });
  latest.current = { actual, budget };

  // A newer version from elsewhere (a reload, the drawer, an import) replaces what is shown,
  // unless the person is in the middle of changing it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new stored version resets the fields
  useEffect(() => {
    version.current = row.version;
    if (!dirty) {
      setActual(editableDecimal(row.actual, locale));
      setBudget(editableDecimal(row.budgetSpent, locale));
    }
  }, [row.version, row.actual, row.budgetSpent, locale]);

  useEffect(
    () => () => {
      if (timer.current) window.clearTimeout(timer.current);
    },
    [],
  );

  function schedule() {
    if (timer.current) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save(), autosaveMs);
  }

  async function save(overrideVersion?: number) {
    if (timer.current) {
      window.clearTimeout(timer.current);
      timer.current = null;
    }
    if (inFlight.current) {
      again.current = true;
      return;
    }
    const sent = latest.current;
    setFieldError(null);
    setFailure(null);
    if (!sent.actual.trim()) {
      if (row.version === 0 && !sent.budget.trim()) {
        setDirty(false);
        return;
      }
      setFieldError({ column: 'actual', message: t('collection.actualRequired') });
      return;
    }
    const a = decimalToSend(sent.actual, locale);
    if (!a.ok) {
      setFieldError({ column: 'actual', message: a.message });
      return;
    }
    let budgetSpent: string | null = null;
    if (sent.budget.trim()) {
      const b = decimalToSend(sent.budget.replace(/^Rp\s*/i, ''), locale);
      if (!b.ok) {
        setFieldError({ column: 'budget', message: b.message });
        return;
      }
      budgetSpent = b.value;
    }
    inFlight.current = true;
    setState('saving');
    try {
      const detail = await api.post<CollectionValueDetail>(
        periodPath(props.governmentId, props.form.period.id, '/values'),
        {
          ...(row.indicatorId
            ? { indicatorId: row.indicatorId }
            : { individualIndicatorId: row.individualIndicatorId }),
          unitId: row.unitId,
          actual: a.value,
          budgetSpent,
          baseVersion: overrideVersion ?? version.current,
        },
      );
      version.current = detail.row.version;
      setConflict(null);
      setState('saved');
      const unchangedSince = latest.current.actual === sent.actual && latest.current.budget === sent.budget;
      if (unchangedSince) setDirty(false);
      store(detail);
    } catch (error) {
      setState('failed');
      if (isApiError(error, 'STALE_WRITE')) {
        setConflict((error.data as unknown as Conflict | null) ?? null);
      } else if (error instanceof ApiError && error.status === 400) {
        const fields = error.fieldErrors();
        if (fields.budgetSpent) setFieldError({ column: 'budget', message: fields.budgetSpent });
        else setFieldError({ column: 'actual', message: fields.actual ?? error.message });
      } else {
        setFailure(errorText(error));
      }
    } finally {
      inFlight.current = false;
      if (again.current) {
        again.current = false;
        void save();
      }
    }
  }

  function revert() {
    if (timer.current) window.clearTimeout(timer.current);
    setActual(editableDecimal(row.actual, locale));
    setBudget(editableDecimal(row.budgetSpent, locale));
    setDirty(false);
    setFieldError(null);
    setState('idle');
  }

  function keyDown(event: KeyboardEvent<HTMLInputElement>, column: Column) {
    if (event.key === 'Escape') {
      event.preventDefault();
      revert();
    } else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'ArrowDown') {
      event.preventDefault();
      if (dirty) void save();
      focusCell(props.gridId, props.index + 1, column);
    } else if ((event.key === 'Enter' && event.shiftKey) || event.key === 'ArrowUp') {
      event.preventDefault();
      if (dirty) void save();
      focusCell(props.gridId, props.index - 1, column);
    }
  }

  const live = dirty ? liveAchievement(row, actual, locale) : row.achievement;
  const returnedSince =
    props.form.submission.returnedAt !== null &&
    row.updatedAt !== null &&
    Date.parse(row.updatedAt) > Date.parse(props.form.submission.returnedAt);
  const label = `${row.code} ${row.name}`;
  const errors = row.errors.filter((e) => !(dirty && e.code === 'NOT_ENTERED'));

  const indicatorCell = (
    <>
      <Text size="xs" ff="monospace" c="dimmed">
        {row.code}
      </Text>
      <Text size="sm" fw={500} lh={1.35}>
        {row.name}
      </Text>
      <Group gap={6} mt={2}>
        <Text size="xs" c="dimmed">
          {row.unitOfMeasure}
        </Text>
        {row.evidenceRequired ? (
          <Badge size="xs" variant="outline" color="gray" radius="sm">
            {t('collection.evidenceRequired')}
          </Badge>
        ) : null}
        {returnedSince ? (
          <Badge size="xs" color="blue" variant="light" radius="sm">
            {t('collection.changedSinceReturn')}
          </Badge>
        ) : null}
      </Group>
    </>
  );
  const targetCell = (
    <>
      <Text size="sm" fw={500}>
        {formatTarget(row.target, row.decimals, locale)}
      </Text>
      {row.annualTarget ? (
        <Text size="xs" c="dimmed">
          {t('collection.annual')}: {formatTarget(row.annualTarget, row.decimals, locale)}
        </Text>
      ) : null}
    </>
  );
  const actualCell = (
    <Stack gap={4}>
      {props.editable ? (
        <TextInput
          size="sm"
          inputMode="decimal"
          autoComplete="off"
          label={props.layout === 'card' ? t('collection.actual') : undefined}
          aria-label={`${t('collection.actual')} — ${label}`}
          value={actual}
          error={fieldError?.column === 'actual' ? fieldError.message : undefined}
          onChange={(e) => {
            setActual(e.currentTarget.value);
            setDirty(true);
            setState('idle');
            schedule();
          }}
          onBlur={() => {
            if (dirty) void save();
          }}
          onKeyDown={(e) => keyDown(e, 'actual')}
          styles={{ input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}
          rightSection={<SaveState state={state} dirty={dirty} />}
          data-row={props.index}
          data-col="actual"
        />
      ) : (
        <Text size="sm" ta="right" fw={600}>
          {formatDecimal(row.actual, row.decimals, locale)}
        </Text>
      )}
      <CellIssues row={row} errors={errors} />
    </Stack>
  );
  const achievementCell = (
    <Text size="sm" fw={600} c={live === null ? 'dimmed' : undefined} data-testid="achievement">
      {formatPercent(live, locale)}
    </Text>
  );
  const budgetCell = props.editable ? (
    <TextInput
      size="sm"
      inputMode="decimal"
      autoComplete="off"
      label={props.layout === 'card' ? t('collection.budgetSpent') : undefined}
      leftSection={
        <Text size="xs" c="dimmed">
          Rp
        </Text>
      }
      aria-label={`${t('collection.budgetSpent')} — ${label}`}
      value={budget}
      error={fieldError?.column === 'budget' ? fieldError.message : undefined}
      onChange={(e) => {
        setBudget(e.currentTarget.value);
        setDirty(true);
        setState('idle');
        schedule();
      }}
      onBlur={() => {
        if (dirty) void save();
      }}
      onKeyDown={(e) => keyDown(e, 'budget')}
      styles={{ input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}
      data-row={props.index}
      data-col="budget"
    />
  ) : (
    <Text size="sm" ta="right">
      {formatRupiah(row.budgetSpent, locale)}
    </Text>
  );
  const detailsCell = (
    <>
      <Button
        size="xs"
        variant="light"
        onClick={() => props.onOpen(row)}
        aria-label={`${t('collection.openDetails')} — ${label}`}
        leftSection={<IconFileText size={14} aria-hidden />}
      >
        {t('collection.details')}
      </Button>
      <Group gap={8} mt={4} wrap="nowrap">
        <Counter icon={<IconPaperclip size={13} />} n={row.evidenceCount} label={t('collection.evidence')} />
        <Counter icon={<IconMessage size={13} />} n={row.commentCount} label={t('collection.comments')} />
        <Counter
          icon={<IconFlag size={13} />}
          n={row.openFlags}
          label={t('collection.openFlags')}
          color={row.openFlags ? 'orange.8' : undefined}
        />
      </Group>
    </>
  );
  const notice =
    conflict || failure ? (
      conflict ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" py="xs">
          <Text size="sm" fw={600}>
            {t('collection.conflictTitle')}
          </Text>
          <Text size="sm">
            {conflict.stored
              ? t('collection.conflictStored', {
                  value: formatDecimal(conflict.stored.actual, row.decimals, locale),
                  version: conflict.stored.version,
                  name: conflict.stored.updatedByName ?? '—',
                  time: dateTime(conflict.stored.updatedAt ?? null),
                })
              : null}
          </Text>
          <Text size="sm">
            {t('collection.conflictSent', { value: formatDecimal(conflict.sent.actual, row.decimals, locale) })}
          </Text>
          <Group gap="xs" mt="xs">
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                const stored = conflict.stored;
                if (stored) {
                  version.current = stored.version;
                  setActual(editableDecimal(stored.actual, locale));
                  setBudget(editableDecimal(stored.budgetSpent, locale));
                }
                setDirty(false);
                setConflict(null);
                setState('idle');
              }}
            >
              {t('collection.useStored')}
            </Button>
            <Button
              size="xs"
              onClick={() => {
                const base = conflict.stored?.version ?? 0;
                version.current = base;
                void save(base);
              }}
            >
              {t('collection.keepMine')}
            </Button>
          </Group>
        </Alert>
      ) : (
        <Alert color="red" variant="light" role="alert" py="xs">
          {failure}
        </Alert>
      )
    ) : null;

  if (props.layout === 'card') {
    return (
      <Card withBorder radius="md" padding="sm" data-state={state} component="li">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <div style={{ minWidth: 0 }}>{indicatorCell}</div>
          <div style={{ textAlign: 'right', flex: 'none' }}>
            <Text size="xs" c="dimmed">
              {t('collection.target')}
            </Text>
            {targetCell}
          </div>
        </Group>
        <Stack gap="xs" mt="sm">
          {actualCell}
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('collection.achievement')}
            </Text>
            {achievementCell}
          </Group>
          {budgetCell}
          <Group justify="space-between" align="center">
            {detailsCell}
          </Group>
          {notice}
        </Stack>
      </Card>
    );
  }
  return (
    <>
      <Table.Tr data-state={state} data-returned={row.returnedReason ? 'true' : undefined}>
        <Table.Td>
          <Text size="sm" c="dimmed">
            {props.index + 1}
          </Text>
        </Table.Td>
        <Table.Td>{indicatorCell}</Table.Td>
        <Table.Td ta="right">{targetCell}</Table.Td>
        <Table.Td>{actualCell}</Table.Td>
        <Table.Td ta="right">{achievementCell}</Table.Td>
        <Table.Td>{budgetCell}</Table.Td>
        <Table.Td>{detailsCell}</Table.Td>
      </Table.Tr>
      {notice ? (
        <Table.Tr>
          <Table.Td />
          <Table.Td colSpan={6}>{notice}</Table.Td>
        </Table.Tr>
      ) : null}
    </>
  );
}

function SaveState({ state, dirty }: { state: 'idle' | 'saving' | 'saved' | 'failed'; dirty: boolean }) {
  const { t } = useTranslation();
  if (state === 'saving') return <Loader size={14} aria-label={t('collection.saving')} />;
  if (state === 'saved' && !dirty)
    return (
      <Tooltip label={t('collection.saved')}>
        <IconCircleCheck size={16} color="var(--mantine-color-teal-7)" aria-label={t('collection.saved')} />
      </Tooltip>
    );
  if (state === 'failed') return <IconAlertTriangle size={16} color="var(--mantine-color-red-7)" aria-hidden />;
  return null;
}

/** Errors (red) and warnings (orange) of one value, at its cell; a return's reason first. */
function CellIssues({ row, errors }: { row: CollectionRow; errors: CollectionRow['errors'] }) {
  if (errors.length === 0 && row.warnings.length === 0) return null;
  return (
    <Stack gap={2}>
      {errors.map((e) => (
        <Group key={`e-${e.code}`} gap={4} wrap="nowrap" align="flex-start">
          {e.code === 'RETURNED' ? (
            <IconArrowBackUp
              size={13}
              color="var(--mantine-color-red-8)"
              aria-hidden
              style={{ flex: 'none', marginTop: 2 }}
            />
          ) : null}
          <Text size="xs" c="red.8" lh={1.3} data-issue="error">
            {e.message}
          </Text>
        </Group>
      ))}
      {row.warnings.map((w) => (
        <Text key={`w-${w.code}`} size="xs" c="orange.9" lh={1.3} data-issue="warning">
          ⚠ {w.message}
        </Text>
      ))}
    </Stack>
  );
}

function Counter(props: { icon: ReactNode; n: number; label: string; color?: string | undefined }) {
  return (
    <Tooltip label={props.label}>
      <Group
        gap={2}
        wrap="nowrap"
        c={props.color ?? (props.n ? undefined : 'dimmed')}
        aria-label={`${props.label}: ${props.n}`}
      >
        {props.icon}
        <Text size="xs" span>
          {props.n}
        </Text>
      </Group>
    </Tooltip>
  );
}
