import { Group, PasswordInput, Text } from '@mantine/core';
import { type SignedDocument, signDocumentBody } from '@sidakin/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../lib/api';
import { useForm } from '../lib/form';
import { useApiMutation } from '../lib/query';
import { FormModal } from '../ui/FormModal';

/**
 * Signing a document in one's turn: the signer's passphrase unlocks their key on the server. A
 * wrong passphrase says so and changes nothing; the modal stays open to try again. `path` is where
 * the signature goes (a plain signed document, or a correction, whose last signature also applies
 * its items).
 */
export function PassphraseSignModal(props: {
  document: SignedDocument | null;
  path: string;
  title: string;
  submitLabel: string;
  successMessage: string;
  /** What this signature does, under the document's title. */
  help: string;
  invalidate: QueryKey[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm({ passphrase: '' });
  const d = props.document;
  const next = d?.signers.find((s) => s.status === 'next');
  const close = () => {
    form.reset({ passphrase: '' });
    props.onClose();
  };
  const sign = useApiMutation((body: { passphrase: string }) => api.post(props.path, body), {
    invalidate: props.invalidate,
    successMessage: props.successMessage,
    onSuccess: close,
    onError: (error) => {
      form.applyError(error);
      if (error instanceof ApiError && error.code === 'SIGNING_PASSPHRASE_WRONG') {
        form.setFormError(t('signing.wrongPassphrase'));
      }
    },
  });
  return (
    <FormModal
      opened={Boolean(d)}
      onClose={close}
      title={props.title}
      submitLabel={props.submitLabel}
      submitting={sign.isPending}
      formError={form.formError}
      size="md"
      onSubmit={() => {
        const body = form.validate(signDocumentBody, { passphrase: form.values.passphrase });
        if (body) sign.mutate(body);
      }}
    >
      <Text size="sm" fw={600}>
        {d?.title}
      </Text>
      {next ? <Text size="sm">{t('signedDocs.signAs', { position: next.positionName })}</Text> : null}
      <Group gap={6} align="flex-start" wrap="nowrap">
        <IconInfoCircle size={16} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
        <Text size="xs" c="dimmed">
          {props.help}
        </Text>
      </Group>
      <PasswordInput
        label={t('signing.passphrase')}
        autoComplete="current-password"
        required
        data-autofocus
        {...form.text('passphrase')}
      />
    </FormModal>
  );
}
