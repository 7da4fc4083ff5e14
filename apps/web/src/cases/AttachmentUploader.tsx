import { ActionIcon, Button, FileButton, Group, Input, Loader, Select, Stack, Text, Tooltip } from '@mantine/core';
import { maxUploadBytes } from '@sidakin/core';
import { IconAlertTriangle, IconCircleCheck, IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api, govPath } from '../lib/api';
import { errorText } from '../lib/query';
import { useFileSize } from './CaseBits';
import type { FileInfo } from './model';

/** One file chosen for a task: uploading, stored (with its id) or refused. */
export interface PendingAttachment {
  key: string;
  name: string;
  size: number;
  status: 'uploading' | 'stored' | 'failed';
  file: FileInfo | null;
  error: string | null;
  /** The step's printed output the file fulfils; null for a supporting file. */
  output: string | null;
}

/** What the file picker offers; the server checks the real type from the content. */
export const uploadAccept = [
  '.pdf',
  '.png',
  '.jpg',
  '.jpeg',
  '.webp',
  '.xlsx',
  '.docx',
  '.pptx',
  '.odt',
  '.ods',
  '.txt',
  '.csv',
].join(',');

let counter = 0;

/**
 * Files as a step's outputs: each is uploaded as soon as it is chosen (multipart, one part named
 * `file`), then named as one of the step's printed outputs. Refusals (too large, wrong type) stay
 * on the row with the server's message.
 */
export function AttachmentUploader(props: {
  governmentId: string;
  outputs: string[];
  value: PendingAttachment[];
  onChange: (update: (prev: PendingAttachment[]) => PendingAttachment[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const size = useFileSize();
  const labelId = useId();
  const { onChange } = props;

  function patch(key: string, next: Partial<PendingAttachment>) {
    onChange((prev) => prev.map((a) => (a.key === key ? { ...a, ...next } : a)));
  }

  function add(files: File[]) {
    for (const file of files) {
      counter += 1;
      const key = `f${counter}`;
      const row: PendingAttachment = {
        key,
        name: file.name,
        size: file.size,
        status: 'uploading',
        file: null,
        error: null,
        output: props.outputs.length === 1 ? (props.outputs[0] ?? null) : null,
      };
      if (file.size > maxUploadBytes) {
        onChange((prev) => [...prev, { ...row, status: 'failed', error: t('cases.attachments.tooLarge') }]);
        continue;
      }
      onChange((prev) => [...prev, row]);
      api
        .upload<FileInfo>(govPath(props.governmentId, '/files'), file)
        .then((stored) => patch(key, { status: 'stored', file: stored }))
        .catch((error: unknown) => patch(key, { status: 'failed', error: errorText(error) }));
    }
  }

  return (
    <Input.Wrapper
      label={t('cases.attachments.label')}
      description={t('cases.attachments.description')}
      error={props.error}
      labelProps={{ id: labelId }}
    >
      <Stack gap="xs" mt={6}>
        {props.value.length > 0 ? (
          <ul className="case-upload-list" aria-labelledby={labelId}>
            {props.value.map((a) => (
              <li key={a.key} className="case-upload-row" data-status={a.status}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  {a.status === 'uploading' ? (
                    <Loader size={16} aria-label={t('cases.attachments.uploading')} />
                  ) : a.status === 'stored' ? (
                    <IconCircleCheck size={18} color="var(--mantine-color-teal-7)" aria-hidden />
                  ) : (
                    <IconAlertTriangle size={18} color="var(--mantine-color-red-7)" aria-hidden />
                  )}
                  <div style={{ minWidth: 0, flex: 1 }}>
                    <Text size="sm" fw={500} className="case-attachment-name">
                      {a.name}
                    </Text>
                    <Text size="xs" c={a.status === 'failed' ? 'red.8' : 'dimmed'} role={a.error ? 'alert' : undefined}>
                      {a.status === 'failed'
                        ? a.error
                        : a.status === 'uploading'
                          ? t('cases.attachments.uploading')
                          : `${t('cases.attachments.stored')} · ${size(a.size)}`}
                    </Text>
                    {a.status === 'stored' && props.outputs.length > 0 ? (
                      <Select
                        mt={4}
                        size="xs"
                        aria-label={t('cases.attachments.outputFor', { name: a.name })}
                        placeholder={t('cases.attachments.outputPlaceholder')}
                        data={props.outputs}
                        value={a.output}
                        onChange={(value) => patch(a.key, { output: value })}
                        clearable
                        comboboxProps={{ withinPortal: true }}
                        maw={360}
                      />
                    ) : null}
                  </div>
                  <Tooltip label={t('cases.attachments.remove', { name: a.name })} withArrow openDelay={300}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('cases.attachments.remove', { name: a.name })}
                      onClick={() => onChange((prev) => prev.filter((x) => x.key !== a.key))}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </li>
            ))}
          </ul>
        ) : null}
        <Group>
          <FileButton onChange={add} accept={uploadAccept} multiple>
            {(buttonProps) => (
              <Button variant="light" size="sm" leftSection={<IconPaperclip size={16} />} {...buttonProps}>
                {t('cases.attachments.add')}
              </Button>
            )}
          </FileButton>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
