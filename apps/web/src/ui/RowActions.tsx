import { ActionIcon, Button, Group, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCircleCheck, IconCircleOff, IconPencil } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api';
import type { ActiveToggle, Toggleable } from '../lib/query';
import { ConfirmModal } from './ConfirmModal';
import { StaleAlert } from './StaleAlert';

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

/**
 * Deactivate / activate with a confirmation; nothing in SIDAKIN is deleted. When someone else
 * changed the record meanwhile, the dialog says so and offers to load the latest version.
 */
export function ToggleActiveAction(props: {
  name: string;
  record: Toggleable;
  toggle: ActiveToggle;
  /** A labelled button (page headers) instead of an icon (table rows). */
  button?: boolean;
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);
  const { active } = props.record;
  const label = active
    ? t('common.deactivateNamed', { name: props.name })
    : t('common.activateNamed', { name: props.name });
  const dismiss = () => {
    setStale(null);
    close();
  };
  return (
    <>
      {props.button ? (
        <Button
          variant="light"
          color={active ? 'red' : 'teal'}
          aria-label={label}
          leftSection={active ? <IconCircleOff size={16} /> : <IconCircleCheck size={16} />}
          onClick={open}
        >
          {active ? t('common.deactivate') : t('common.activate')}
        </Button>
      ) : (
        <IconAction label={label} color={active ? 'red' : 'teal'} onClick={open}>
          {active ? <IconCircleOff size={18} /> : <IconCircleCheck size={18} />}
        </IconAction>
      )}
      <ConfirmModal
        opened={opened}
        onClose={dismiss}
        title={
          active
            ? t('common.confirmDeactivateTitle', { name: props.name })
            : t('common.confirmActivateTitle', { name: props.name })
        }
        body={active ? t('common.confirmDeactivateBody') : t('common.confirmActivateBody')}
        confirmLabel={active ? t('common.deactivate') : t('common.activate')}
        confirmColor={active ? 'red' : 'teal'}
        loading={busy}
        confirmDisabled={stale !== null}
        alert={
          stale ? (
            <StaleAlert
              stale={{
                message: stale,
                reloading,
                reload: () => {
                  setReloading(true);
                  props.toggle
                    .reload()
                    .then(() => setStale(null))
                    .finally(() => setReloading(false));
                },
              }}
            />
          ) : null
        }
        onConfirm={() => {
          setBusy(true);
          props.toggle
            .set(props.record, !active)
            .then(dismiss, (error: unknown) => {
              if (isApiError(error, 'STALE_WRITE')) setStale(error.message);
            })
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
