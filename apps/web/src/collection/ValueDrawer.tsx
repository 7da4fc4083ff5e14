import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Drawer,
  FileButton,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  type CollectionForm,
  type CollectionRow,
  type CollectionValueDetail,
  type FileInfo,
  maxUploadBytes,
} from '@sidakin/core';
import { IconExternalLink, IconFileText, IconLink, IconPaperclip, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { uploadAccept } from '../cases/AttachmentUploader';
import { fileUrl } from '../cases/queries';
import { api, govPath } from '../lib/api';
import { useApiMutation } from '../lib/query';
import { formatDecimal, formatRupiah } from '../plans/model';
import { useFormatters } from '../shell/government';
import { DataState } from '../ui/DataState';
import { useStoreRow } from './EntryGrid';
import { formatPercent } from './model';
import { periodPath, useValueDetail, valuePath } from './queries';

type Evidence = CollectionValueDetail['evidence'][number];

/**
 * One value in full: its notes (faktor pendukung, penghambat, tindak lanjut), its evidence (bukti
 * dukung — replaced items stay, with the reason), comments, follow-up flags and every version.
 */
export function ValueDrawer(props: {
  governmentId: string;
  form: CollectionForm;
  row: CollectionRow | null;
  canEdit: boolean;
  /** The tab to open on (default the notes). */
  initialTab?: 'history' | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const row = props.row;
  const detail = useValueDetail(props.governmentId, row?.valueId ?? null);
  return (
    <Drawer
      opened={row !== null}
      onClose={props.onClose}
      position="right"
      size={phone ? '100%' : 640}
      title={
        row ? (
          <div>
            <Text size="xs" ff="monospace" c="dimmed">
              {row.code}
            </Text>
            <Text fw={700} lh={1.3}>
              {row.name}
            </Text>
          </div>
        ) : null
      }
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {row && !row.valueId ? (
        <Alert color="blue" variant="light">
          {t('collection.enterFirst')}
        </Alert>
      ) : null}
      {row?.valueId ? (
        <DataState loading={detail.isLoading} error={detail.error} empty={false}>
          {detail.data ? (
            <DetailTabs
              governmentId={props.governmentId}
              form={props.form}
              detail={detail.data}
              canEdit={props.canEdit}
              initialTab={props.initialTab}
            />
          ) : null}
        </DataState>
      ) : null}
    </Drawer>
  );
}

function DetailTabs(props: {
  governmentId: string;
  form: CollectionForm;
  detail: CollectionValueDetail;
  canEdit: boolean;
  initialTab?: 'history' | undefined;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const { detail } = props;
  const row = detail.row;
  const locked = props.form.period.status === 'locked';
  const canDiscuss = !locked && (props.form.access.enter || props.form.access.review);
  const current = detail.evidence.filter((e) => !e.replacedById);
  return (
    <Stack gap="md">
      <Group gap="lg">
        <Fact
          label={t('collection.actual')}
          value={`${formatDecimal(row.actual, row.decimals, locale)} ${row.unitOfMeasure}`}
        />
        <Fact label={t('collection.achievement')} value={formatPercent(row.achievement, locale)} />
        <Fact label={t('collection.budgetSpent')} value={formatRupiah(row.budgetSpent, locale)} />
        <Fact label={t('collection.version')} value={String(row.version)} />
      </Group>
      <Tabs defaultValue={props.initialTab ?? 'notes'} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="notes">{t('collection.notes')}</Tabs.Tab>
          <Tabs.Tab value="evidence">
            {t('collection.evidence')} ({current.length})
          </Tabs.Tab>
          <Tabs.Tab value="comments">
            {t('collection.comments')} ({detail.comments.length})
          </Tabs.Tab>
          <Tabs.Tab value="flags">
            {t('collection.flags')} ({detail.flags.filter((f) => !f.resolvedAt).length})
          </Tabs.Tab>
          <Tabs.Tab value="history">{t('collection.history')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="notes" pt="md">
          <NotesForm {...props} />
        </Tabs.Panel>
        <Tabs.Panel value="evidence" pt="md">
          <EvidencePanel {...props} />
        </Tabs.Panel>
        <Tabs.Panel value="comments" pt="md">
          <CommentsPanel {...props} canDiscuss={canDiscuss} />
        </Tabs.Panel>
        <Tabs.Panel value="flags" pt="md">
          <FlagsPanel {...props} canDiscuss={canDiscuss} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <HistoryPanel detail={detail} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600}>
        {value}
      </Text>
    </div>
  );
}

/** A change to the value answers with its detail; the grid and the drawer take it. */
function useValueMutation<TVars>(
  props: { governmentId: string; form: CollectionForm },
  fn: (vars: TVars) => Promise<CollectionValueDetail>,
  successMessage: string,
  onDone?: () => void,
) {
  const store = useStoreRow(props.governmentId, props.form);
  return useApiMutation(fn, {
    successMessage,
    onSuccess: (detail) => {
      store(detail);
      onDone?.();
    },
  });
}

function NotesForm(props: {
  governmentId: string;
  form: CollectionForm;
  detail: CollectionValueDetail;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const row = props.detail.row;
  const [values, setValues] = useState({
    supportingFactors: row.supportingFactors,
    inhibitingFactors: row.inhibitingFactors,
    followUp: row.followUp,
  });
  const save = useValueMutation(
    props,
    () =>
      api.post<CollectionValueDetail>(periodPath(props.governmentId, props.form.period.id, '/values'), {
        ...(row.indicatorId ? { indicatorId: row.indicatorId } : { individualIndicatorId: row.individualIndicatorId }),
        unitId: row.unitId,
        actual: row.actual,
        ...values,
        baseVersion: row.version,
      }),
    t('common.saved'),
  );
  const changed =
    values.supportingFactors !== row.supportingFactors ||
    values.inhibitingFactors !== row.inhibitingFactors ||
    values.followUp !== row.followUp;
  const field = (key: keyof typeof values, label: string) => (
    <Textarea
      label={label}
      autosize
      minRows={2}
      maxRows={8}
      readOnly={!props.canEdit}
      value={values[key]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setValues((prev) => ({ ...prev, [key]: value }));
      }}
    />
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(undefined);
      }}
    >
      <Stack gap="sm">
        {field('supportingFactors', t('collection.supportingFactors'))}
        {field('inhibitingFactors', t('collection.inhibitingFactors'))}
        {field('followUp', t('collection.followUp'))}
        {props.canEdit ? (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!changed}>
              {t('collection.saveNotes')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}

function EvidenceView({ governmentId, item }: { governmentId: string; item: Evidence }) {
  if (item.kind === 'file' && item.fileId) {
    return (
      <Anchor href={fileUrl(governmentId, item.fileId)} size="sm" target="_blank" rel="noopener">
        <IconPaperclip size={14} aria-hidden /> {item.fileName}
      </Anchor>
    );
  }
  if (item.kind === 'link' && item.url) {
    return (
      <Anchor href={item.url} size="sm" target="_blank" rel="noopener noreferrer" style={{ wordBreak: 'break-all' }}>
        <IconExternalLink size={14} aria-hidden /> {item.url}
      </Anchor>
    );
  }
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
      <IconFileText size={14} aria-hidden /> {item.text}
    </Text>
  );
}

function EvidencePanel(props: {
  governmentId: string;
  form: CollectionForm;
  detail: CollectionValueDetail;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const [replacing, setReplacing] = useState<Evidence | null>(null);
  const items = props.detail.evidence;
  return (
    <Stack gap="sm">
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('collection.noEvidence')}
        </Text>
      ) : null}
      {items.map((item) => (
        <Card key={item.id} withBorder radius="sm" padding="sm" opacity={item.replacedById ? 0.7 : 1}>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <EvidenceView governmentId={props.governmentId} item={item} />
              {item.description ? (
                <Text size="xs" c="dimmed">
                  {item.description}
                </Text>
              ) : null}
              <Text size="xs" c="dimmed">
                {item.createdByName} · {dateTime(item.createdAt)}
              </Text>
              {item.replacedById ? (
                <Text size="xs" c="orange.9">
                  {t('collection.replacedBecause', { time: dateTime(item.replacedAt), reason: item.replaceReason })}
                </Text>
              ) : null}
            </Stack>
            {item.replacedById ? (
              <Badge color="gray" variant="light" radius="sm">
                {t('collection.replaced')}
              </Badge>
            ) : props.canEdit ? (
              <Button size="xs" variant="subtle" onClick={() => setReplacing(item)}>
                {t('collection.replace')}
              </Button>
            ) : null}
          </Group>
        </Card>
      ))}
      {props.canEdit ? (
        replacing ? (
          <Card withBorder radius="sm" padding="sm" bg="gray.0">
            <Text size="sm" fw={600} mb="xs">
              {t('collection.replaceTitle')}
            </Text>
            <EvidenceForm {...props} replacing={replacing} onDone={() => setReplacing(null)} />
          </Card>
        ) : (
          <Card withBorder radius="sm" padding="sm" bg="gray.0">
            <Text size="sm" fw={600} mb="xs">
              {t('collection.addEvidence')}
            </Text>
            <EvidenceForm {...props} replacing={null} onDone={() => {}} />
          </Card>
        )
      ) : null}
    </Stack>
  );
}

/** Adds evidence (a file, a link or a text), or replaces one with a reason. */
function EvidenceForm(props: {
  governmentId: string;
  form: CollectionForm;
  detail: CollectionValueDetail;
  replacing: Evidence | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'file' | 'link' | 'text'>('file');
  const [file, setFile] = useState<FileInfo | null>(null);
  const [uploading, setUploading] = useState(false);
  const [url, setUrl] = useState('');
  const [text, setText] = useState('');
  const [description, setDescription] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const valueId = props.detail.row.valueId!;
  const submit = useValueMutation(
    props,
    (evidence: unknown) =>
      props.replacing
        ? api.post<CollectionValueDetail>(
            valuePath(props.governmentId, valueId, `/evidence/${props.replacing.id}/replace`),
            { evidence, reason },
          )
        : api.post<CollectionValueDetail>(valuePath(props.governmentId, valueId, '/evidence'), evidence),
    props.replacing ? t('collection.evidenceReplaced') : t('collection.evidenceAdded'),
    () => {
      setFile(null);
      setUrl('');
      setText('');
      setDescription('');
      setReason('');
      props.onDone();
    },
  );

  async function upload(chosen: File | null) {
    if (!chosen) return;
    setError(null);
    if (chosen.size > maxUploadBytes) {
      setError(t('cases.attachments.tooLarge'));
      return;
    }
    setUploading(true);
    try {
      setFile(await api.upload<FileInfo>(govPath(props.governmentId, '/files'), chosen));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  }

  function send() {
    setError(null);
    const desc = description.trim() ? { description: description.trim() } : {};
    if (props.replacing && !reason.trim()) {
      setError(t('collection.replaceReasonRequired'));
      return;
    }
    if (kind === 'file') {
      if (!file) return setError(t('collection.chooseFile'));
      submit.mutate({ kind, fileId: file.id, ...desc });
    } else if (kind === 'link') {
      if (!/^https?:\/\/\S+$/i.test(url.trim())) return setError(t('collection.linkInvalid'));
      submit.mutate({ kind, url: url.trim(), ...desc });
    } else {
      if (!text.trim()) return setError(t('validation.required'));
      submit.mutate({ kind, text: text.trim(), ...desc });
    }
  }

  return (
    <Stack gap="xs">
      <SegmentedControl
        size="xs"
        value={kind}
        onChange={(v) => setKind(v as typeof kind)}
        data={[
          { value: 'file', label: t('collection.evidenceKinds.file') },
          { value: 'link', label: t('collection.evidenceKinds.link') },
          { value: 'text', label: t('collection.evidenceKinds.text') },
        ]}
        aria-label={t('collection.evidenceKind')}
      />
      {kind === 'file' ? (
        <Group gap="xs">
          <FileButton onChange={(f) => void upload(f)} accept={uploadAccept}>
            {(p) => (
              <Button {...p} size="xs" variant="default" loading={uploading} leftSection={<IconUpload size={14} />}>
                {t('collection.chooseFile')}
              </Button>
            )}
          </FileButton>
          {file ? (
            <Text size="sm">
              <IconPaperclip size={14} aria-hidden /> {file.name}
            </Text>
          ) : null}
        </Group>
      ) : kind === 'link' ? (
        <TextInput
          size="sm"
          label={t('collection.evidenceKinds.link')}
          placeholder="https://"
          leftSection={<IconLink size={14} />}
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
        />
      ) : (
        <Textarea
          size="sm"
          label={t('collection.evidenceKinds.text')}
          autosize
          minRows={2}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
      )}
      <TextInput
        size="sm"
        label={t('collection.evidenceDescription')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
      />
      {props.replacing ? (
        <TextInput
          size="sm"
          label={t('collection.replaceReason')}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      ) : null}
      {error || submit.error ? (
        <Text size="sm" c="red.8" role="alert">
          {error ?? (submit.error instanceof Error ? submit.error.message : '')}
        </Text>
      ) : null}
      <Group justify="flex-end" gap="xs">
        {props.replacing ? (
          <Button size="xs" variant="default" onClick={props.onDone}>
            {t('common.cancel')}
          </Button>
        ) : null}
        <Button size="xs" onClick={send} loading={submit.isPending}>
          {props.replacing ? t('collection.replace') : t('collection.addEvidence')}
        </Button>
      </Group>
    </Stack>
  );
}

function CommentsPanel(props: {
  governmentId: string;
  form: CollectionForm;
  detail: CollectionValueDetail;
  canDiscuss: boolean;
}) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const [body, setBody] = useState('');
  const add = useValueMutation(
    props,
    () =>
      api.post<CollectionValueDetail>(valuePath(props.governmentId, props.detail.row.valueId!, '/comments'), { body }),
    t('collection.commentAdded'),
    () => setBody(''),
  );
  return (
    <Stack gap="sm">
      {props.detail.comments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('collection.noComments')}
        </Text>
      ) : null}
      {props.detail.comments.map((c) => (
        <Card key={c.id} withBorder radius="sm" padding="sm">
          <Text size="xs" c="dimmed">
            {c.authorName} · {dateTime(c.createdAt)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {c.body}
          </Text>
        </Card>
      ))}
      {props.canDiscuss ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim()) add.mutate(undefined);
          }}
        >
          <Stack gap="xs">
            <Textarea
              label={t('collection.newComment')}
              autosize
              minRows={2}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button type="submit" size="xs" loading={add.isPending} disabled={!body.trim()}>
                {t('collection.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Stack>
  );
}

function FlagsPanel(props: {
  governmentId: string;
  form: CollectionForm;
  detail: CollectionValueDetail;
  canDiscuss: boolean;
}) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const [note, setNote] = useState('');
  const [resolving, setResolving] = useState<string | null>(null);
  const [resolution, setResolution] = useState('');
  const valueId = props.detail.row.valueId!;
  const raise = useValueMutation(
    props,
    () => api.post<CollectionValueDetail>(valuePath(props.governmentId, valueId, '/flags'), { note }),
    t('collection.flagRaised'),
    () => setNote(''),
  );
  const resolve = useValueMutation(
    props,
    (flagId: string) =>
      api.post<CollectionValueDetail>(valuePath(props.governmentId, valueId, `/flags/${flagId}/resolve`), {
        resolution,
      }),
    t('collection.flagResolved'),
    () => {
      setResolving(null);
      setResolution('');
    },
  );
  return (
    <Stack gap="sm">
      {props.detail.flags.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('collection.noFlags')}
        </Text>
      ) : null}
      {props.detail.flags.map((f) => (
        <Card key={f.id} withBorder radius="sm" padding="sm">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div style={{ minWidth: 0 }}>
              <Text size="xs" c="dimmed">
                {f.raisedByName} · {dateTime(f.raisedAt)}
              </Text>
              <Text size="sm">{f.note}</Text>
              {f.resolvedAt ? (
                <Text size="xs" c="teal.8" mt={4}>
                  {t('collection.resolvedBy', { name: f.resolvedByName, time: dateTime(f.resolvedAt) })}: {f.resolution}
                </Text>
              ) : null}
            </div>
            {f.resolvedAt ? (
              <Badge color="teal" variant="light" radius="sm">
                {t('collection.flagDone')}
              </Badge>
            ) : props.canDiscuss ? (
              <Button size="xs" variant="subtle" onClick={() => setResolving(f.id)}>
                {t('collection.resolve')}
              </Button>
            ) : (
              <Badge color="orange" variant="light" radius="sm">
                {t('collection.flagOpen')}
              </Badge>
            )}
          </Group>
          {resolving === f.id ? (
            <Stack gap="xs" mt="xs">
              <TextInput
                size="sm"
                label={t('collection.resolution')}
                required
                value={resolution}
                onChange={(e) => setResolution(e.currentTarget.value)}
              />
              <Group justify="flex-end" gap="xs">
                <Button size="xs" variant="default" onClick={() => setResolving(null)}>
                  {t('common.cancel')}
                </Button>
                <Button
                  size="xs"
                  loading={resolve.isPending}
                  disabled={!resolution.trim()}
                  onClick={() => resolve.mutate(f.id)}
                >
                  {t('collection.resolve')}
                </Button>
              </Group>
            </Stack>
          ) : null}
        </Card>
      ))}
      {props.canDiscuss ? (
        <Stack gap="xs">
          <Textarea
            label={t('collection.newFlag')}
            description={t('collection.newFlagHint')}
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button
              size="xs"
              variant="light"
              color="orange"
              loading={raise.isPending}
              disabled={!note.trim()}
              onClick={() => raise.mutate(undefined)}
            >
              {t('collection.raiseFlag')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Stack>
  );
}

function HistoryPanel({ detail }: { detail: CollectionValueDetail }) {
  const { t } = useTranslation();
  const { locale, dateTime } = useFormatters();
  const versions = [...detail.versions].sort((a, b) => b.version - a.version);
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table aria-label={t('collection.history')} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('collection.version')}</Table.Th>
            <Table.Th ta="right">{t('collection.actual')}</Table.Th>
            <Table.Th>{t('collection.byWhom')}</Table.Th>
            <Table.Th>{t('collection.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.version}>
              <Table.Td>{v.version}</Table.Td>
              <Table.Td ta="right">{formatDecimal(v.actual, detail.row.decimals, locale)}</Table.Td>
              <Table.Td>
                <Text size="sm">{v.createdByName}</Text>
                <Text size="xs" c="dimmed">
                  {dateTime(v.createdAt)} · {t(`collection.sources.${v.source}` as 'collection.sources.form')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{v.reason || '—'}</Text>
                {v.caseId || v.afterLock ? (
                  <Group gap={6} mt={2}>
                    {v.caseId ? (
                      <Anchor component={Link} to={`/kasus/${v.caseId}`} size="xs">
                        {t('history.caseLink', { number: v.caseNumber ?? '' })}
                      </Anchor>
                    ) : null}
                    {v.afterLock ? (
                      <Badge size="xs" variant="light" color="grape" radius="sm">
                        {t('history.afterLock')}
                      </Badge>
                    ) : null}
                  </Group>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
