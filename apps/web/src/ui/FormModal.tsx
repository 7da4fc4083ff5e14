import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaleWrite } from '../lib/editor';
import { StaleAlert } from './StaleAlert';

/**
 * A modal holding one form: the general error on top, the fields, then Cancel / Save. After a
 * refused stale write, saving waits until the latest version is loaded.
 */
export function FormModal(props: {
  opened: boolean;
  onClose: () => void;
  title: string;
  onSubmit: () => void;
  submitting: boolean;
  formError: string | null;
  stale?: StaleWrite | null;
  submitLabel?: string;
  /** Saving is not possible now (e.g. the record changed under the form). */
  submitDisabled?: boolean;
  size?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.title}
      size={props.size ?? 'lg'}
      fullScreen={Boolean(phone)}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit();
        }}
      >
        <Stack gap="md">
          {props.stale ? <StaleAlert stale={props.stale} hint={t('stale.formHint')} /> : null}
          {props.formError ? (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} />}>
              {props.formError}
            </Alert>
          ) : null}
          {props.children}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={props.submitting} disabled={Boolean(props.stale) || props.submitDisabled}>
              {props.submitLabel ?? t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
