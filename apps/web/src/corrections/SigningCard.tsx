import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { CaseTask } from '@sidakin/core';
import { IconSignature } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fileUrl } from '../cases/queries';
import { useFormatters } from '../shell/government';
import type { Correction } from './queries';

/** The Dokumen Perbaikan Data Kinerja: its number, signers and their signatures, the file. */
export function SigningCard(props: { governmentId: string; correction: Correction; signing: CaseTask | undefined }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const doc = props.correction.document;
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          <Group gap={6} component="span">
            <IconSignature size={20} aria-hidden /> {t('corrections.document')}
          </Group>
        </Title>
        {doc?.fileId ? (
          <Anchor href={fileUrl(props.governmentId, doc.fileId)} target="_blank" size="sm" fw={600}>
            {t('corrections.downloadDocument')}
          </Anchor>
        ) : null}
      </Group>
      {!doc ? (
        <Text size="sm" c="dimmed">
          {t('corrections.noDocument')}
        </Text>
      ) : (
        <Stack gap="xs">
          <Text size="sm">
            {t('corrections.documentNumber', { number: doc.number })} <Badge variant="light">{doc.status}</Badge>
          </Text>
          <Table aria-label={t('corrections.signers')}>
            <Table.Tbody>
              {doc.signers.map((s) => (
                <Table.Tr key={s.order}>
                  <Table.Td>{s.order}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.name}</Text>
                    <Text size="xs" c="dimmed">
                      {s.positionTitle}
                    </Text>
                  </Table.Td>
                  <Table.Td>{s.signedAt ? f.dateTime(s.signedAt) : t('corrections.notSigned')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Card>
  );
}
