import { Alert, Button, Code, FileInput, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { parseSopText, validateSopText } from '@sidakin/core';
import { IconAlertTriangle, IconCircleCheck, IconFileUpload, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, type ErrorDetail, govPath, isApiError } from '../lib/api';
import { useApiMutation } from '../lib/query';
import { ErrorAlert } from '../ui/ErrorAlert';
import { documentPath, type SopSummary } from './model';
import { sopsKey } from './queries';
import { SopStatusBadge } from './SopBadges';

const maxBytes = 512 * 1024;
const fileTypes = /\.(ya?ml|json)$/i;

interface ImportResult {
  sop: SopSummary;
  created: boolean;
}

/** The step number printed at `steps[i]` of the source, to say "langkah no. 12" next to a path. */
function stepNoAt(source: string, path: string): number | null {
  const match = /^steps\[(\d+)\]/.exec(path);
  if (!match) return null;
  const parsed = parseSopText(source);
  if (!parsed.ok) return null;
  const steps = (parsed.value as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) return null;
  const no = (steps[Number(match[1])] as { no?: unknown } | undefined)?.no;
  return typeof no === 'number' ? no : null;
}

/**
 * "Unggah SOP": a YAML or JSON document from a file or pasted. It is checked here first with the
 * same rules as the server; every problem is listed with its place in the document.
 */
export function SopUploadModal(props: { governmentId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const [mode, setMode] = useState<'file' | 'paste'>('file');
  const [file, setFile] = useState<File | null>(null);
  const [fileText, setFileText] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const [problems, setProblems] = useState<ErrorDetail[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  const reset = () => {
    setFile(null);
    setFileText('');
    setFileError(null);
    setPasted('');
    setProblems(null);
    setFailure(null);
    setResult(null);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: start clean each time the dialog opens
  useEffect(() => {
    if (props.opened) reset();
  }, [props.opened]);

  const source = mode === 'file' ? fileText : pasted;

  const send = useApiMutation(
    (text: string) => api.post<ImportResult>(govPath(props.governmentId, '/sops/import'), { source: text }),
    {
      invalidate: [sopsKey(props.governmentId)],
      onSuccess: (r) => setResult(r),
      onError: (error) => {
        if (isApiError(error, 'SOP_INVALID') && error.details.length > 0) {
          setProblems(error.details.map((d) => ({ path: documentPath(d.path), message: d.message })));
        } else setFailure(error);
      },
    },
  );

  async function chooseFile(next: File | null) {
    setFile(next);
    setFileText('');
    setFileError(null);
    setProblems(null);
    setFailure(null);
    setResult(null);
    if (!next) return;
    if (!fileTypes.test(next.name)) return setFileError(t('sop.uploadDialog.fileType'));
    if (next.size > maxBytes) return setFileError(t('sop.uploadDialog.fileTooLarge'));
    try {
      setFileText(await next.text());
    } catch {
      setFileError(t('sop.uploadDialog.fileRead'));
    }
  }

  function submit() {
    setProblems(null);
    setFailure(null);
    setResult(null);
    if (!source.trim()) {
      setFailure(new Error(t('sop.uploadDialog.empty')));
      return;
    }
    if (source.length > maxBytes) {
      setFailure(new Error(t('sop.uploadDialog.fileTooLarge')));
      return;
    }
    const local = validateSopText(source);
    if (!local.ok) {
      setProblems(local.errors);
      return;
    }
    send.mutate(source);
  }

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t('sop.upload')}
      size="xl"
      fullScreen={Boolean(phone)}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('sop.uploadDialog.intro')}
          </Text>
          <SegmentedControl
            aria-label={t('sop.uploadDialog.mode')}
            value={mode}
            onChange={(value) => {
              setMode(value === 'paste' ? 'paste' : 'file');
              setProblems(null);
              setFailure(null);
              setResult(null);
            }}
            data={[
              { value: 'file', label: t('sop.uploadDialog.modeFile') },
              { value: 'paste', label: t('sop.uploadDialog.modePaste') },
            ]}
            fullWidth={Boolean(phone)}
            style={{ alignSelf: phone ? 'stretch' : 'flex-start' }}
          />
          {mode === 'file' ? (
            <FileInput
              label={t('sop.uploadDialog.file')}
              placeholder={t('sop.uploadDialog.filePlaceholder')}
              accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
              leftSection={<IconFileUpload size={16} aria-hidden />}
              value={file}
              onChange={(next) => void chooseFile(next)}
              clearable
              error={fileError}
              description={
                file && fileText
                  ? t('sop.uploadDialog.fileLoaded', { name: file.name, size: (file.size / 1024).toFixed(1) })
                  : undefined
              }
            />
          ) : (
            <Textarea
              label={t('sop.uploadDialog.text')}
              value={pasted}
              onChange={(event) => {
                setPasted(event.currentTarget.value);
                setResult(null);
              }}
              autosize
              minRows={8}
              maxRows={18}
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            />
          )}

          {problems ? <ProblemList problems={problems} source={source} /> : null}
          {failure ? <ErrorAlert error={failure} title={t('sop.upload')} /> : null}
          {result ? <ImportOutcome result={result} onAnother={reset} /> : null}

          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onClose}>
              {result ? t('common.close') : t('common.cancel')}
            </Button>
            <Button type="submit" loading={send.isPending} leftSection={<IconFileUpload size={16} />}>
              {t('sop.uploadDialog.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Every problem of the document, each with its place (`steps[5].decision.tidak`) and message. */
function ProblemList({ problems, source }: { problems: ErrorDetail[]; source: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // A long pasted document pushes the list below the fold; bring it into view when it changes.
  useEffect(() => {
    if (problems.length > 0) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [problems]);
  return (
    <Alert
      ref={ref}
      color="red"
      variant="light"
      role="alert"
      icon={<IconAlertTriangle size={18} />}
      title={t('sop.uploadDialog.errorsTitle', { count: problems.length })}
      data-testid="sop-upload-errors"
    >
      <Text size="xs" c="dimmed" mb="xs">
        {t('sop.uploadDialog.errorsHint')}
      </Text>
      <ol className="sop-problems">
        {problems.map((problem, index) => {
          const no = stepNoAt(source, problem.path);
          return (
            // Two problems may share a path; the place in the list tells them apart.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced, never reordered
            <li key={index}>
              <span className="sop-problem-where">
                <Code>{problem.path}</Code>
                {no !== null ? (
                  <Text span size="xs" c="dimmed">
                    {t('sop.uploadDialog.atStep', { no })}
                  </Text>
                ) : null}
              </span>
              <Text size="sm" component="span" className="sop-problem-message">
                {problem.message}
              </Text>
            </li>
          );
        })}
      </ol>
    </Alert>
  );
}

function ImportOutcome({ result, onAnother }: { result: ImportResult; onAnother: () => void }) {
  const { t } = useTranslation();
  const { sop } = result;
  const status = t(`sop.status.${sop.latestVersion.status}`);
  return (
    <Alert
      color={result.created ? 'teal' : 'blue'}
      variant="light"
      role="status"
      icon={result.created ? <IconCircleCheck size={18} /> : <IconInfoCircle size={18} />}
      title={result.created ? t('sop.uploadDialog.createdTitle') : t('sop.uploadDialog.unchangedTitle')}
    >
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <Text size="sm">
            {result.created
              ? t('sop.uploadDialog.created', { title: sop.title, version: sop.latestVersion.version, status })
              : t('sop.uploadDialog.unchanged', { title: sop.title, version: sop.latestVersion.version })}
          </Text>
          <SopStatusBadge status={sop.latestVersion.status} />
        </Group>
        <Group gap="xs">
          <Button component={Link} to={`/sop/${sop.id}`} size="xs">
            {t('sop.uploadDialog.openSop')}
          </Button>
          <Button size="xs" variant="default" onClick={onAnother}>
            {t('sop.uploadDialog.another')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
