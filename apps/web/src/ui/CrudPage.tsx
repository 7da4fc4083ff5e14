import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { NeedGovernment } from './NeedGovernment';
import { PageHeader } from './PageHeader';

/** Which record a list page's form modal shows: `record` null means a new one. */
export function useRecordModal<T>() {
  const [record, setRecord] = useState<T | null>(null);
  const [opened, { open, close }] = useDisclosure(false);
  return {
    record,
    opened,
    close,
    create: () => {
      setRecord(null);
      open();
    },
    edit: (next: T) => {
      setRecord(next);
      open();
    },
  };
}

/**
 * The frame of a list page: the header with its create button, then the content. Give the content
 * as a function to receive the government in view; the page then asks to choose one first.
 */
export function CrudPage(props: {
  title: string;
  description: string;
  /** Label of the create button; leave out when the person may not create. */
  createLabel?: string | null;
  /** The create button's icon; a plus unless given (e.g. an upload icon for "Unggah SOP"). */
  createIcon?: ReactNode;
  onCreate?: () => void;
  children: ReactNode | ((governmentId: string) => ReactNode);
}) {
  const { children } = props;
  return (
    <>
      <PageHeader
        title={props.title}
        description={props.description}
        actions={
          props.createLabel ? (
            <Button leftSection={props.createIcon ?? <IconPlus size={18} />} onClick={props.onCreate}>
              {props.createLabel}
            </Button>
          ) : null
        }
      />
      {typeof children === 'function' ? <NeedGovernment>{children}</NeedGovernment> : children}
    </>
  );
}
