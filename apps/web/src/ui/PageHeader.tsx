import { Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function PageHeader(props: { title: string; description?: ReactNode; actions?: ReactNode; above?: ReactNode }) {
  return (
    <div style={{ marginBottom: 'var(--mantine-spacing-lg)' }}>
      {props.above}
      <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
        <div style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Title order={1} fz={{ base: 'h3', sm: 'h2' }} c="sidakin.9">
            {props.title}
          </Title>
          {props.description ? (
            <Text c="dimmed" size="sm" mt={4}>
              {props.description}
            </Text>
          ) : null}
        </div>
        {props.actions ? <Group gap="xs">{props.actions}</Group> : null}
      </Group>
    </div>
  );
}
