import { Button, Card, FileInput, Group, Image, Stack, Text, Title } from '@mantine/core';
import { type Government, limits } from '@sidakin/core';
import { IconPhoto, IconUpload } from '@tabler/icons-react';
import { type ComponentPropsWithoutRef, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { useApiMutation } from '../lib/query';

/** The kop surat as it will be printed: logo on the left, centred lines, a double rule. */
export function KopPreview(props: { lines: string[]; logoSrc: string | null; name: string }) {
  const { t } = useTranslation();
  const lines = props.lines.filter((line, index) => line !== '' || index < props.lines.length - 1);
  return (
    <figure className="kop" aria-label={t('governments.letterheadPreview')}>
      <div className="kop-body">
        {props.logoSrc ? (
          <img className="kop-logo" src={props.logoSrc} alt={t('governments.logoAlt', { name: props.name })} />
        ) : (
          <div className="kop-logo-empty">{t('governments.logoNone')}</div>
        )}
        <div className="kop-lines">
          {lines.length === 0 ? (
            <Text c="dimmed" size="sm" ff="var(--mantine-font-family)">
              {t('governments.letterheadEmpty')}
            </Text>
          ) : (
            lines.map((line, index) => (
              <div
                // The lines have no identity beyond their place in the kop.
                // biome-ignore lint/suspicious/noArrayIndexKey: position is the identity
                key={index}
                className={index === 0 ? 'kop-line-0' : index === 1 ? 'kop-line-1' : 'kop-line-rest'}
              >
                {line || '\u00a0'}
              </div>
            ))
          )}
        </div>
        <div className="kop-spacer" />
      </div>
    </figure>
  );
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const result = String(reader.result ?? '');
      resolve(result.slice(result.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Logo upload: PNG/JPEG up to 512 KiB, checked here and again on the server. */
export function LogoCard(props: {
  governmentId: string;
  canEdit: boolean;
  currentSrc: string | null;
  onPreview: (src: string | null) => void;
  onUploaded: (government: Government) => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const { onPreview } = props;

  useEffect(() => {
    if (!file) {
      setPreviewUrl(null);
      onPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreviewUrl(url);
    onPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file, onPreview]);

  const upload = useApiMutation(
    async (chosen: File) =>
      api.put<Government>(`/governments/${props.governmentId}/logo`, {
        mimeType: chosen.type,
        dataBase64: await readBase64(chosen),
      }),
    {
      invalidate: [['government', props.governmentId], ['governments']],
      successMessage: t('governments.logoUploaded'),
      onSuccess: (government) => {
        setFile(null);
        props.onUploaded(government);
      },
      onError: (e) => setError(e instanceof Error ? e.message : String(e)),
    },
  );

  function choose(next: File | null) {
    setError(null);
    if (!next) {
      setFile(null);
      return;
    }
    if (next.type !== 'image/png' && next.type !== 'image/jpeg') {
      setError(t('validation.logoType'));
      setFile(null);
      return;
    }
    if (next.size > limits.logoBytes) {
      setError(t('validation.logoSize'));
      setFile(null);
      return;
    }
    setFile(next);
  }

  const shown = previewUrl ?? props.currentSrc;
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={2} size="h4" mb="sm">
        {t('governments.logo')}
      </Title>
      <Group align="flex-start" gap="lg" wrap="wrap">
        {shown ? (
          <Image src={shown} alt={t('governments.logoAlt', { name: '' }).trim()} w={96} h={96} fit="contain" />
        ) : (
          <Stack w={96} h={96} align="center" justify="center" className="kop-logo-empty">
            <IconPhoto size={28} aria-hidden />
          </Stack>
        )}
        {props.canEdit ? (
          <Stack gap="xs" style={{ flex: '1 1 240px' }}>
            <FileInput
              label={t('governments.logoFile')}
              placeholder={t('governments.logoChoose')}
              accept="image/png,image/jpeg"
              fileInputProps={{ 'data-testid': 'logo-file' } as ComponentPropsWithoutRef<'input'>}
              value={file}
              onChange={choose}
              error={error}
              clearable
              leftSection={<IconPhoto size={16} aria-hidden />}
            />
            <Group>
              <Button
                leftSection={<IconUpload size={16} />}
                disabled={!file}
                loading={upload.isPending}
                onClick={() => file && upload.mutate(file)}
              >
                {t('governments.logoUpload')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Group>
    </Card>
  );
}
