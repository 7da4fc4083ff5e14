import {
  Alert,
  Badge,
  Box,
  Button,
  FileInput,
  Group,
  List,
  Modal,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { importPreviewMinutes, type Locale } from '@sidakin/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconClockExclamation,
  IconDownload,
  IconFileSpreadsheet,
  IconInfoCircle,
  IconRefresh,
} from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../lib/api';
import { errorText, useApiMutation } from '../lib/query';
import { useFormatters } from '../shell/government';
import {
  formatImportValue,
  type ImportCount,
  type ImportFieldChange,
  type ImportPreviewView,
  type ImportProblem,
  ImportProblems,
  type ImportResultView,
  type ImportRowChange,
  type ImportTarget,
  sortProblems,
} from './model';

/** Why a preview can no longer be applied: changed underneath (409) or gone (404: expired or used). */
type Blocked = 'stale' | 'expired';

type Stage =
  | { step: 'choose'; refusal: unknown }
  | { step: 'problems'; problems: ImportProblem[]; whileApplying: boolean }
  | { step: 'preview'; preview: ImportPreviewView; blocked: Blocked | null; failure: unknown }
  | { step: 'done'; result: ImportResultView };

// 3 (past the last step) shows every step done.
const stepIndex: Record<Stage['step'], number> = { choose: 0, problems: 1, preview: 1, done: 3 };

/**
 * Excel import in three steps: download the template and choose the filled file; a preview that
 * lists every invalid cell (and then offers nothing to apply) or exactly what would change; apply,
 * then the counts. Works for any `ImportTarget` (see adapters.ts).
 */
export function ImportWizard(props: {
  target: ImportTarget;
  opened: boolean;
  onClose: () => void;
  /** What is imported into, shown under the title (e.g. the plan's name). */
  subject?: string;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'choose', refusal: null });

  // Start clean each time the dialog opens.
  useEffect(() => {
    if (props.opened) {
      setFile(null);
      setStage({ step: 'choose', refusal: null });
    }
  }, [props.opened]);

  const preview = useApiMutation((f: File) => props.target.preview(f), {
    onSuccess: (p) => setStage({ step: 'preview', preview: p, blocked: null, failure: null }),
    onError: (error) =>
      setStage(
        error instanceof ImportProblems
          ? { step: 'problems', problems: sortProblems(error.problems), whileApplying: false }
          : { step: 'choose', refusal: error },
      ),
  });

  const apply = useApiMutation(
    (vars: { preview: ImportPreviewView; file: File }) => props.target.apply(vars.preview, vars.file),
    {
      invalidate: props.target.invalidate,
      onSuccess: (result) => setStage({ step: 'done', result }),
      onError: (error) => {
        if (error instanceof ImportProblems) {
          setStage({ step: 'problems', problems: sortProblems(error.problems), whileApplying: true });
          return;
        }
        setStage((s) => (s.step === 'preview' ? { ...s, ...blockedBy(error) } : s));
      },
    },
  );

  function check() {
    if (file) preview.mutate(file);
  }

  // Expiry is left to the server (404): a wrong clock on this computer must not block an import.
  function applyPreview(p: ImportPreviewView) {
    if (file) apply.mutate({ preview: p, file });
  }

  function chooseAgain() {
    setFile(null);
    setStage({ step: 'choose', refusal: null });
  }

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t('imports.title')}
      size="min(72rem, 100%)"
      fullScreen={Boolean(phone)}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Stack gap="md">
        {props.subject ? (
          <Text size="sm" c="dimmed">
            {props.subject}
          </Text>
        ) : null}
        <Stepper active={stepIndex[stage.step]} size="xs" allowNextStepsSelect={false} aria-hidden>
          <Stepper.Step label={phone ? null : t('imports.steps.upload')} />
          <Stepper.Step label={phone ? null : t('imports.steps.preview')} />
          <Stepper.Step label={phone ? null : t('imports.steps.done')} />
        </Stepper>
        {stage.step === 'choose' ? (
          <ChooseStep
            templateUrl={props.target.templateUrl}
            file={file}
            onFile={(f) => {
              setFile(f);
              setStage({ step: 'choose', refusal: null });
            }}
            refusal={stage.refusal}
            checking={preview.isPending}
            onCheck={check}
            onCancel={props.onClose}
          />
        ) : null}
        {stage.step === 'problems' ? (
          <ProblemsStep problems={stage.problems} whileApplying={stage.whileApplying} onBack={chooseAgain} />
        ) : null}
        {stage.step === 'preview' ? (
          <PreviewStep
            preview={stage.preview}
            blocked={stage.blocked}
            failure={stage.failure}
            applying={apply.isPending}
            previewing={preview.isPending}
            onApply={() => applyPreview(stage.preview)}
            onPreviewAgain={check}
            onBack={chooseAgain}
          />
        ) : null}
        {stage.step === 'done' ? <DoneStep result={stage.result} onClose={props.onClose} /> : null}
      </Stack>
    </Modal>
  );
}

/**
 * A failed apply. A preview overtaken by another change (409 IMPORT_STALE, or STALE_WRITE from a
 * value saved meanwhile) or one that is gone (404 IMPORT_PREVIEW_NOT_FOUND: expired or used) can be
 * made again from the same file; any other refusal (a locked period, a signed agreement) is shown
 * with the server's reason.
 */
function blockedBy(error: unknown): { blocked: Blocked | null; failure: unknown } {
  if (isApiError(error, 'IMPORT_STALE') || isApiError(error, 'STALE_WRITE')) {
    return { blocked: 'stale', failure: null };
  }
  if (isApiError(error, 'IMPORT_PREVIEW_NOT_FOUND')) return { blocked: 'expired', failure: null };
  return { blocked: null, failure: error };
}

function ChooseStep(props: {
  templateUrl: string;
  file: File | null;
  onFile: (file: File | null) => void;
  refusal: unknown;
  checking: boolean;
  onCheck: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        props.onCheck();
      }}
    >
      <Stack gap="md">
        <Text size="sm">{t('imports.intro')}</Text>
        <Box>
          <Button
            component="a"
            href={props.templateUrl}
            download
            variant="light"
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            {t('imports.template')}
          </Button>
          <Text size="xs" c="dimmed" mt={4}>
            {t('imports.templateHint')}
          </Text>
        </Box>
        <FileInput
          label={t('imports.file')}
          placeholder={t('imports.filePlaceholder')}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={props.file}
          onChange={props.onFile}
          clearable
          leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        />
        {props.refusal ? (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={t('imports.refused')}
            icon={<IconAlertTriangle size={18} />}
          >
            <Text size="sm">{errorText(props.refusal)}</Text>
            <Text size="sm" fw={600} mt={4}>
              {t('imports.nothingApplied')}
            </Text>
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={!props.file} loading={props.checking}>
            {t('imports.check')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ProblemsStep(props: { problems: ImportProblem[]; whileApplying: boolean; onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert
        color="red"
        variant="light"
        role="alert"
        title={t('imports.problems.title', { count: props.problems.length })}
        icon={<IconAlertTriangle size={18} />}
      >
        <Text size="sm" fw={600}>
          {t('imports.nothingApplied')}
        </Text>
        <Text size="sm">{props.whileApplying ? t('imports.problems.atApply') : t('imports.problems.body')}</Text>
      </Alert>
      <ProblemTable problems={props.problems} label={t('imports.problems.table')} />
      <Group justify="flex-end">
        <Button onClick={props.onBack}>{t('imports.chooseAgain')}</Button>
      </Group>
    </Stack>
  );
}

function ProblemTable(props: { problems: ImportProblem[]; label: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={480} type="native">
      <Table aria-label={props.label} striped withTableBorder verticalSpacing="xs" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>{t('imports.problems.sheet')}</Table.Th>
            <Table.Th w={60}>{t('imports.problems.row')}</Table.Th>
            <Table.Th w={60}>{t('imports.problems.column')}</Table.Th>
            <Table.Th>{t('imports.problems.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.problems.map((p, i) => (
            // The same cell may carry two problems; the position tells them apart.
            // biome-ignore lint/suspicious/noArrayIndexKey: see the comment above
            <Table.Tr key={`${p.sheet}!${p.column}${p.row}#${i}`} data-cell={`${p.sheet}!${p.column}${p.row}`}>
              <Table.Td>{p.sheet}</Table.Td>
              <Table.Td>{p.row > 0 ? p.row : t('common.none')}</Table.Td>
              <Table.Td>{p.column || t('common.none')}</Table.Td>
              <Table.Td>{p.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PreviewStep(props: {
  preview: ImportPreviewView;
  blocked: Blocked | null;
  failure: unknown;
  applying: boolean;
  previewing: boolean;
  onApply: () => void;
  onPreviewAgain: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const { preview, blocked, failure } = props;
  const empty = preview.changes.length === 0;
  // A refused apply is told just above the buttons, where the person just pressed "Terapkan".
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (blocked || failure) outcome.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [blocked, failure]);
  return (
    <Stack gap="md">
      <Box>
        <Title order={3} size="h5" mb="xs">
          {t('imports.preview.summaryTitle')}
        </Title>
        <SummaryTable summary={preview.summary} />
      </Box>
      <Box>
        <Title order={3} size="h5" mb="xs">
          {t('imports.preview.changesTitle', { count: preview.changes.length })}
        </Title>
        {empty ? (
          <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
            {t('imports.preview.none')}
          </Alert>
        ) : (
          <ChangeTable changes={preview.changes} />
        )}
      </Box>
      {preview.warnings.length > 0 ? (
        <Alert
          color="yellow"
          variant="light"
          title={t('imports.preview.warnings')}
          icon={<IconAlertTriangle size={18} />}
        >
          <List size="sm" spacing={2}>
            {preview.warnings.map((w, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no identity of their own
              <List.Item key={i}>
                <Text span size="sm" fw={600}>
                  {placeOf(w)}
                </Text>{' '}
                {w.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {preview.notes.length > 0 ? (
        <Alert color="blue" variant="light" title={t('imports.preview.notes')} icon={<IconInfoCircle size={18} />}>
          <List size="sm" spacing={2}>
            {preview.notes.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {preview.expiresAt && !blocked ? (
        <Text size="xs" c="dimmed">
          {t('imports.preview.expires', { time: dateTime(preview.expiresAt) })}
        </Text>
      ) : null}
      {blocked ? (
        <Alert
          color="orange"
          variant="light"
          role="alert"
          title={blocked === 'stale' ? t('imports.stale.title') : t('imports.expired.title')}
          icon={<IconClockExclamation size={18} />}
        >
          <Text size="sm">
            {blocked === 'stale'
              ? t('imports.stale.body')
              : t('imports.expired.body', { minutes: importPreviewMinutes })}
          </Text>
          <Text size="sm" fw={600} mt={4}>
            {t('imports.nothingApplied')}
          </Text>
        </Alert>
      ) : null}
      {failure ? (
        <Alert color="red" variant="light" role="alert" title={t('imports.applyFailed')}>
          <Text size="sm">{errorText(failure)}</Text>
          {/* Both applies are all or nothing: a refusal (not a lost connection) changed nothing. */}
          {failure instanceof ApiError && failure.status >= 400 ? (
            <Text size="sm" fw={600} mt={4}>
              {t('imports.nothingApplied')}
            </Text>
          ) : null}
        </Alert>
      ) : null}
      <Group justify="flex-end" gap="sm" ref={outcome}>
        <Button variant="default" onClick={props.onBack}>
          {t('imports.chooseAgain')}
        </Button>
        {blocked ? (
          <Button
            leftSection={<IconRefresh size={16} aria-hidden />}
            loading={props.previewing}
            onClick={props.onPreviewAgain}
          >
            {t('imports.previewAgain')}
          </Button>
        ) : empty ? null : (
          <Button color="teal" loading={props.applying} onClick={props.onApply}>
            {t('imports.preview.apply')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** "Indikator!O5", or the sheet alone for a problem of a whole sheet. */
function placeOf(p: ImportProblem): string {
  const cell = `${p.column}${p.row > 0 ? p.row : ''}`;
  return cell ? `${p.sheet}!${cell}` : p.sheet;
}

function SummaryTable({ summary }: { summary: ImportCount[] }) {
  const { t } = useTranslation();
  const withNotInFile = summary.some((s) => s.notInFile !== null);
  return (
    <Table.ScrollContainer minWidth={withNotInFile ? 440 : 340} type="native">
      <Table aria-label={t('imports.preview.summaryTable')} withTableBorder verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('imports.summary.entity')}</Table.Th>
            <Table.Th ta="right">{t('imports.summary.created')}</Table.Th>
            <Table.Th ta="right">{t('imports.summary.updated')}</Table.Th>
            <Table.Th ta="right">{t('imports.summary.unchanged')}</Table.Th>
            {withNotInFile ? <Table.Th ta="right">{t('imports.summary.notInFile')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {summary.map((s) => (
            <Table.Tr key={s.entity} data-entity={s.entity}>
              <Table.Td>{t(`imports.entities.${s.entity}`)}</Table.Td>
              <Table.Td ta="right" data-count="created" fw={s.created ? 700 : undefined}>
                {s.created}
              </Table.Td>
              <Table.Td ta="right" data-count="updated" fw={s.updated ? 700 : undefined}>
                {s.updated}
              </Table.Td>
              <Table.Td ta="right" data-count="unchanged">
                {s.unchanged}
              </Table.Td>
              {withNotInFile ? (
                <Table.Td ta="right" data-count="notInFile">
                  {s.notInFile ?? t('common.none')}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ChangeTable({ changes }: { changes: ImportRowChange[] }) {
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'id';
  // Two columns, so that on a phone the old → new values start within the first screen width.
  return (
    <Table.ScrollContainer minWidth={540} type="native">
      <Table aria-label={t('imports.preview.table')} withTableBorder withRowBorders verticalSpacing="xs" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="36%">{t('imports.preview.row')}</Table.Th>
            <Table.Th>{t('imports.preview.fields')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((c) => (
            <Table.Tr key={`${c.sheet}!${c.row}`} data-key={c.key || c.name} style={{ verticalAlign: 'top' }}>
              <Table.Td>
                <Group gap={6} wrap="nowrap" align="baseline">
                  <Badge
                    size="sm"
                    radius="sm"
                    variant="light"
                    color={c.action === 'create' ? 'teal' : 'blue'}
                    style={{ flexShrink: 0 }}
                  >
                    {t(`imports.preview.${c.action}`)}
                  </Badge>
                  {c.key ? (
                    <Text size="sm" fw={700} style={{ overflowWrap: 'anywhere' }}>
                      {c.key}
                    </Text>
                  ) : null}
                </Group>
                <Text size="sm" c={c.key ? 'dimmed' : undefined} lineClamp={2} mt={2} title={c.name}>
                  {c.name}
                </Text>
                <Text size="xs" c="dimmed" mt={2}>
                  {t('imports.preview.rowValue', { sheet: c.sheet, row: c.row })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  {c.fields.map((f) => (
                    <FieldLine key={f.field} change={f} created={c.action === 'create'} locale={locale} />
                  ))}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** "Target 2024: 8 → 8,25": the old value struck through, the new one bold; a new row shows its values. */
function FieldLine(props: { change: ImportFieldChange; created: boolean; locale: Locale }) {
  const { change, locale } = props;
  const after = formatImportValue(change.after, change.numeric, locale);
  // A new row, or a value the server gives without its old one, shows the new value alone.
  const showBefore = !props.created && change.before !== undefined;
  return (
    <Text size="sm" data-field={change.field} style={{ overflowWrap: 'anywhere' }}>
      <Text span size="sm" c="dimmed">
        {change.field}:
      </Text>{' '}
      {showBefore ? (
        <>
          {change.before === null ? (
            <Text span size="sm" c="dimmed">
              —
            </Text>
          ) : (
            <Text component="del" size="sm" c="red.8" td="line-through">
              {formatImportValue(change.before, change.numeric, locale)}
            </Text>
          )}
          {' → '}
        </>
      ) : null}
      <Text component="ins" size="sm" fw={700} c="teal.9" td="none">
        {after}
      </Text>
    </Text>
  );
}

function DoneStep({ result, onClose }: { result: ImportResultView; onClose: () => void }) {
  const { t } = useTranslation();
  const created = result.summary.reduce((n, s) => n + s.created, 0);
  const updated = result.summary.reduce((n, s) => n + s.updated, 0);
  return (
    <Stack gap="md">
      <Alert
        color="teal"
        variant="light"
        role="status"
        title={t('imports.done.title')}
        icon={<IconCircleCheck size={18} />}
      >
        <Text size="sm">{t('imports.done.body', { created, updated })}</Text>
        {result.auditRecords !== null ? (
          <Text size="sm">{t('imports.done.audit', { count: result.auditRecords })}</Text>
        ) : null}
      </Alert>
      <SummaryTable summary={result.summary} />
      <Group justify="flex-end">
        <Button onClick={onClose}>{t('imports.done.close')}</Button>
      </Group>
    </Stack>
  );
}

/** "Unduh Excel" for every reader and, for those who may edit, "Impor Excel" with the wizard. */
export function ExcelActions(props: { target: ImportTarget; canImport: boolean; subject?: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        component="a"
        href={props.target.templateUrl}
        download
        variant="default"
        leftSection={<IconDownload size={16} aria-hidden />}
      >
        {t('imports.download')}
      </Button>
      {props.canImport ? (
        <>
          <Button
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
            onClick={() => setOpened(true)}
          >
            {t('imports.open')}
          </Button>
          <ImportWizard
            target={props.target}
            opened={opened}
            onClose={() => setOpened(false)}
            {...(props.subject ? { subject: props.subject } : {})}
          />
        </>
      ) : null}
    </>
  );
}
