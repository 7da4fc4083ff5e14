import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Code,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  formatVerificationCode,
  type IndonesianTimeZone,
  normalizeVerificationCode,
  type PublicVerification,
  timeZoneLabels,
  type VerificationCheck,
} from '@sidakin/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleX,
  IconClockHour4,
  IconFileCertificate,
  IconFileUpload,
  IconSearch,
} from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type DragEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, api } from '../lib/api';
import { currentLocale } from '../lib/i18n';
import { PublicFrame } from '../shell/PublicFrame';

/**
 * The public verification page a document's QR code opens (`/verifikasi/<code>`), reachable
 * without signing in: what the code stands for, who signed and when, and a check that a file is
 * exactly the signed one.
 */
export function VerificationPage() {
  const { code = '' } = useParams();
  return (
    <VerificationFrame>
      <VerificationDetails code={code} />
    </VerificationFrame>
  );
}

function VerificationFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <PublicFrame subtitle={t('verification.title')} footer={t('verification.footer')}>
      {children}
    </PublicFrame>
  );
}

/** `/verifikasi`: type the code printed under the QR code. */
export function VerificationLookupPage() {
  return (
    <VerificationFrame>
      <CodeForm />
    </VerificationFrame>
  );
}

function CodeForm({ initial = '' }: { initial?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [value, setValue] = useState(initial);
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={1} size="h3" mb={4}>
        {t('verification.title')}
      </Title>
      <Text c="dimmed" size="sm" mb="md">
        {t('verification.subtitle')}
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const code = normalizeVerificationCode(value);
          if (code) navigate(`/verifikasi/${code}`);
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('verification.codeLabel')}
            placeholder={t('verification.codePlaceholder')}
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            style={{ flex: '1 1 240px' }}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: 1 } }}
          />
          <Button type="submit" leftSection={<IconSearch size={16} />}>
            {t('verification.check')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

const statusColor = { signed: 'teal', awaiting: 'yellow', cancelled: 'red' } as const;
const statusIcon = {
  signed: <IconCircleCheck size={22} />,
  awaiting: <IconClockHour4 size={22} />,
  cancelled: <IconCircleX size={22} />,
};

/** Dates as written in the document's government: signing times in its own zone, labelled WIB/WITA/WIT. */
function useDateFormat(timeZone: IndonesianTimeZone | undefined) {
  const locale = currentLocale() === 'en' ? 'en-GB' : 'id-ID';
  return {
    date: (iso: string) =>
      new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(
        new Date(`${iso}T00:00:00`),
      ),
    dateTime: (iso: string) => {
      const text = new Intl.DateTimeFormat(locale, {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        ...(timeZone ? { timeZone } : { timeZoneName: 'short' }),
      }).format(new Date(iso));
      return timeZone ? `${text} ${timeZoneLabels[timeZone]}` : text;
    },
  };
}

function VerificationDetails({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['public-verification', code, i18n.language],
    queryFn: () =>
      api.get<PublicVerification>(`/public/verify/${encodeURIComponent(code)}`, undefined, { quiet401: true }),
    retry: false,
  });
  const f = useDateFormat(query.data?.timeZone);
  const phone = useMediaQuery('(max-width: 36em)');
  if (query.isLoading) {
    return (
      <Group justify="center" py="xl">
        <Loader aria-label={t('common.loading')} />
      </Group>
    );
  }
  if (query.error) {
    const notFound = query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400);
    return (
      <Stack>
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
          {notFound ? t('verification.notFound') : query.error.message}
        </Alert>
        <CodeForm initial={code} />
      </Stack>
    );
  }
  const v = query.data!;
  const row = (label: string, value: ReactNode) => (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {value}
      </Text>
    </div>
  );
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" mb="md">
          <Box style={{ minWidth: 0, flex: '1 1 300px' }}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {v.kindLabel}
            </Text>
            <Title order={1} size="h3">
              {v.title}
            </Title>
            <Text size="sm" ff="monospace" mt={4}>
              {v.number}
            </Text>
          </Box>
          <Badge
            size="lg"
            color={statusColor[v.status]}
            variant="light"
            leftSection={statusIcon[v.status]}
            data-testid="verification-status"
          >
            {t(`verification.status.${v.status}`)}
          </Badge>
        </Group>
        <Alert color={statusColor[v.status]} variant="light" mb="md">
          {t(`verification.statusHelp.${v.status}`)}
        </Alert>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {row(t('verification.agency'), v.agencyName)}
          {row(t('verification.government'), v.governmentName)}
          {row(t('verification.date'), f.date(v.documentDate))}
          {row(t('verification.codeLabel'), <Code fz="sm">{formatVerificationCode(v.code)}</Code>)}
        </SimpleGrid>
        <Box mt="md">
          {row(
            t('verification.hash'),
            v.sha256 ? (
              <Code block fz="xs" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="signed-hash">
                {v.sha256}
              </Code>
            ) : (
              <Text size="sm" c="dimmed">
                {t('verification.hashPending')}
              </Text>
            ),
          )}
        </Box>
      </Card>

      <Card withBorder radius="md" padding="lg">
        <Title order={2} size="h4" mb="sm">
          {t('verification.signers')}
        </Title>
        {phone ? (
          // On a phone (where a QR code is usually scanned) each signer is one row: name, position, time.
          <Table aria-label={t('verification.signersTable')} verticalSpacing="xs">
            <Table.Tbody>
              {v.signers.map((s) => (
                <Table.Tr key={s.order}>
                  <Table.Td w={32} valign="top">
                    {s.order}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {s.name}
                    </Text>
                    <Text size="sm">{s.position}</Text>
                    <Text size="xs" c="dimmed">
                      {f.dateTime(s.signedAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
              {v.pending.map((s) => (
                <Table.Tr key={s.order}>
                  <Table.Td w={32} valign="top">
                    {s.order}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.position}</Text>
                    <Text size="xs" c="dimmed">
                      {t('verification.pending')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table aria-label={t('verification.signersTable')} verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={48}>{t('verification.order')}</Table.Th>
                  <Table.Th>{t('verification.name')}</Table.Th>
                  <Table.Th>{t('verification.position')}</Table.Th>
                  <Table.Th>{t('verification.signedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {v.signers.map((s) => (
                  <Table.Tr key={s.order}>
                    <Table.Td>{s.order}</Table.Td>
                    <Table.Td fw={600}>{s.name}</Table.Td>
                    <Table.Td>{s.position}</Table.Td>
                    <Table.Td>{f.dateTime(s.signedAt)}</Table.Td>
                  </Table.Tr>
                ))}
                {v.pending.map((s) => (
                  <Table.Tr key={s.order}>
                    <Table.Td>{s.order}</Table.Td>
                    <Table.Td c="dimmed">—</Table.Td>
                    <Table.Td>{s.position}</Table.Td>
                    <Table.Td c="dimmed">{t('verification.pending')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <FileCheck code={v.code} />

      {v.authority ? (
        <Card withBorder radius="md" padding="lg">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon variant="light" color="sidakin" size={36} radius="xl">
              <IconFileCertificate size={20} />
            </ThemeIcon>
            <Box style={{ minWidth: 0 }}>
              <Text size="xs" c="dimmed" fw={600}>
                {t('verification.authority')}
              </Text>
              <Text size="sm">{v.authority.subject}</Text>
              <Text size="xs" c="dimmed" fw={600} mt="xs">
                {t('verification.fingerprint')}
              </Text>
              <Code fz="xs" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
                {v.authority.fingerprintSha256}
              </Code>
              <Text size="xs" c="dimmed" mt="xs">
                {t('verification.caHelp')}
              </Text>
              <Anchor href={`/api/public/verify/${v.code}/authority-certificate`} size="sm">
                {t('verification.downloadCa')}
              </Anchor>
            </Box>
          </Group>
        </Card>
      ) : null}
    </Stack>
  );
}

function FileCheck({ code }: { code: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const check = useMutation({
    mutationFn: (file: File) => api.upload<VerificationCheck>(`/public/verify/${code}`, file),
  });
  const take = (files: FileList | null) => {
    const file = files?.[0];
    if (file) check.mutate(file);
  };
  const result = check.data;
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={2} size="h4" mb={4}>
        {t('verification.fileTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('verification.fileHelp')}
      </Text>
      <Paper
        component="button"
        type="button"
        withBorder
        radius="md"
        p="lg"
        w="100%"
        onClick={() => input.current?.click()}
        onDragOver={(event: DragEvent) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event: DragEvent) => {
          event.preventDefault();
          setDragging(false);
          take(event.dataTransfer.files);
        }}
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          cursor: 'pointer',
          background: dragging ? 'var(--mantine-color-sidakin-0)' : 'white',
        }}
      >
        <Stack align="center" gap={6}>
          <IconFileUpload size={32} color="var(--mantine-color-sidakin-6)" aria-hidden />
          <Text size="sm" fw={600} ta="center">
            {t('verification.drop')}
          </Text>
        </Stack>
      </Paper>
      <input
        ref={input}
        type="file"
        accept="application/pdf,.pdf"
        hidden
        aria-label={t('verification.drop')}
        data-testid="verification-file"
        onChange={(event) => {
          take(event.currentTarget.files);
          event.currentTarget.value = '';
        }}
      />
      {check.isPending ? (
        <Group gap="xs" mt="md">
          <Loader size="sm" />
          <Text size="sm">{t('verification.checking')}</Text>
        </Group>
      ) : null}
      {check.error ? (
        <Alert color="red" variant="light" mt="md" role="alert">
          {check.error.message}
        </Alert>
      ) : null}
      {result ? (
        <Alert
          mt="md"
          role="status"
          variant="light"
          color={result.result === 'match' ? 'teal' : result.result === 'earlier' ? 'yellow' : 'red'}
          icon={result.result === 'match' ? <IconCircleCheck size={20} /> : <IconCircleX size={20} />}
          title={
            result.result === 'match'
              ? t('verification.resultMatch')
              : result.result === 'earlier'
                ? t('verification.resultEarlier', { count: result.signaturesInFile ?? 0 })
                : t('verification.resultMismatch')
          }
        >
          <Text size="xs" fw={600}>
            {t('verification.uploadedHash')}
          </Text>
          <Code fz="xs" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} display="block">
            {result.sha256}
          </Code>
          {result.result !== 'match' && result.expectedSha256 ? (
            <>
              <Text size="xs" fw={600} mt={6}>
                {t('verification.expectedHash')}
              </Text>
              <Code fz="xs" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} display="block">
                {result.expectedSha256}
              </Code>
            </>
          ) : null}
        </Alert>
      ) : null}
    </Card>
  );
}
