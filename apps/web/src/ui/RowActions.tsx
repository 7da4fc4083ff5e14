import { ActionIcon, Button, Group, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCircleCheck, IconCircleOff, IconPencil } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from './ConfirmModal';

/** An icon button with a tooltip and an accessible name. */
export function IconAction(props: {
  label: string;
  onClick: () => void;
  color?: string;
  children: ReactNode;
  disabled?: boolean;
}) {
  return (
    <Tooltip label={props.label} withArrow openDelay={300}>
      <ActionIcon
        variant="subtle"
        color={props.color ?? 'sidakin'}
        aria-label={props.label}
        onClick={props.onClick}
        disabled={props.disabled}
      >
        {props.children}
      </ActionIcon>
    </Tooltip>
  );
}

export function EditAction({ name, onClick }: { name: string; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <IconAction label={t('common.editNamed', { name })} onClick={onClick}>
      <IconPencil size={18} />
    </IconAction>
  );
}

/** Deactivate / activate with a confirmation; nothing in SIDAKIN is deleted. */
export function ToggleActiveAction(props: {
  name: string;
  active: boolean;
  onToggle: (next: boolean) => Promise<unknown>;
  /** A labelled button (page headers) instead of an icon (table rows). */
  button?: boolean;
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [busy, setBusy] = useState(false);
  const label = props.active
    ? t('common.deactivateNamed', { name: props.name })
    : t('common.activateNamed', { name: props.name });
  return (
    <>
      {props.button ? (
        <Button
          variant="light"
          color={props.active ? 'red' : 'teal'}
          aria-label={label}
          leftSection={props.active ? <IconCircleOff size={16} /> : <IconCircleCheck size={16} />}
          onClick={open}
        >
          {props.active ? t('common.deactivate') : t('common.activate')}
        </Button>
      ) : (
        <IconAction label={label} color={props.active ? 'red' : 'teal'} onClick={open}>
          {props.active ? <IconCircleOff size={18} /> : <IconCircleCheck size={18} />}
        </IconAction>
      )}
      <ConfirmModal
        opened={opened}
        onClose={close}
        title={
          props.active
            ? t('common.confirmDeactivateTitle', { name: props.name })
            : t('common.confirmActivateTitle', { name: props.name })
        }
        body={props.active ? t('common.confirmDeactivateBody') : t('common.confirmActivateBody')}
        confirmLabel={props.active ? t('common.deactivate') : t('common.activate')}
        confirmColor={props.active ? 'red' : 'teal'}
        loading={busy}
        onConfirm={() => {
          setBusy(true);
          props
            .onToggle(!props.active)
            .then(close, () => {})
            .finally(() => setBusy(false));
        }}
      />
    </>
  );
}

export function RowActions({ children }: { children: ReactNode }) {
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end" style={{ flexShrink: 0 }}>
      {children}
    </Group>
  );
}
