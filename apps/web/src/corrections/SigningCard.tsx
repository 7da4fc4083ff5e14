import { Alert, Anchor, Badge, Button, Card, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type CaseTask, formatVerificationCode, type MySigningCertificate, type SignedDocument } from '@sidakin/core';
import {
  IconCertificate,
  IconCircleCheck,
  IconDownload,
  IconExternalLink,
  IconFileCertificate,
  IconSignature,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { casesKey, useCaseDocument } from '../cases/queries';
import { ApiError, api, govPath } from '../lib/api';
import { govKey, useApiMutation } from '../lib/query';
import { useFormatters } from '../shell/government';
import { PassphraseSignModal } from '../signatures/PassphraseSignModal';
import { type Correction, correctionPath, correctionsKey } from './queries';

const documentStatusColor: Record<string, string> = { awaiting: 'yellow', signed: 'teal', cancelled: 'red' };

function signedDocumentKey(governmentId: string, id: string) {
  return [...govKey(governmentId), 'signed-documents', 'one', id] as const;
}

function myCertificateKey(governmentId: string) {
  return [...govKey(governmentId), 'signing-certificates', 'mine'] as const;
}

/**
 * The Dokumen Perbaikan Data Kinerja: at the signing step its holder prepares it (number, signers,
 * QR code), then each signer in turn signs it here with their passphrase; once every signature is
 * on it, the signed PDF and its public verification page.
 */
export function SigningCard(props: {
  governmentId: string;
  correction: Correction;
  /** The open case's SOP and version, to know which of the person's steps signs. */
  sop: { sopId: string; sopVersionId: string } | null;
  /** The person's open tasks that may be the signing step (a sign step, or a review). */
  tasks: CaseTask[];
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { governmentId, correction } = props;
  const doc = correction.document;
  const signedDoc = useQuery({
    queryKey: signedDocumentKey(governmentId, doc?.id ?? ''),
    queryFn: () => api.get<SignedDocument>(govPath(governmentId, `/signed-documents/${doc!.id}`)),
    enabled: Boolean(doc),
  });
  const d = signedDoc.data?.id === doc?.id ? signedDoc.data : undefined;
  const fileHref = doc ? `/api${govPath(governmentId, `/signed-documents/${doc.id}/file`)}` : '';
  const prepareable = !doc || doc.status === 'cancelled';

  return (
    <Card component="section" withBorder radius="md" padding="md" aria-labelledby="correction-document-title">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id="correction-document-title">
          <Group gap={6} component="span" wrap="nowrap">
            <IconSignature size={20} aria-hidden /> {t('corrections.document')}
          </Group>
        </Title>
        {doc ? (
          <Badge color={documentStatusColor[doc.status] ?? 'gray'} variant="light" data-testid="document-status">
            {t(`corrections.documentStatuses.${doc.status}`, { defaultValue: doc.status })}
          </Badge>
        ) : null}
      </Group>

      {props.sop && correction.status === 'open' && prepareable ? (
        <PrepareDocument
          governmentId={governmentId}
          correction={correction}
          sop={props.sop}
          tasks={props.tasks}
          hasCancelled={Boolean(doc)}
        />
      ) : null}

      {!doc ? (
        correction.status === 'open' ? (
          <Text size="sm" c="dimmed">
            {t('corrections.noDocument')}
          </Text>
        ) : null
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            {t('corrections.documentNumber', { number: doc.number })}
            {d ? (
              <>
                {' · '}
                <Text span size="sm" c="dimmed">
                  {f.date(d.documentDate)}
                </Text>
              </>
            ) : null}
          </Text>
          <SignersList correction={correction} document={d} />
          {doc.status === 'awaiting' && d?.myTurn ? (
            <MyTurn governmentId={governmentId} correction={correction} document={d} />
          ) : null}
          {doc.status === 'awaiting' && d && !d.myTurn ? (
            <Text size="sm" c="dimmed">
              {t('corrections.waitingFor', {
                position: d.signers.find((s) => s.status === 'next')?.positionName ?? '',
              })}
            </Text>
          ) : null}
          {doc.status === 'signed' ? (
            <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} data-testid="document-signed">
              <Text size="sm" fw={600}>
                {correction.status === 'open' ? t('corrections.signedAll') : t('corrections.signedApplied')}
              </Text>
              {correction.appliedAt ? (
                <Text size="xs" c="dimmed">
                  {t('corrections.appliedAt', { time: f.dateTime(correction.appliedAt) })}
                </Text>
              ) : null}
            </Alert>
          ) : null}
          {doc.status !== 'cancelled' ? (
            <Group gap="sm" wrap="wrap">
              <Button
                component="a"
                href={fileHref}
                target="_blank"
                variant={doc.status === 'signed' ? 'filled' : 'default'}
                leftSection={<IconDownload size={18} />}
              >
                {doc.status === 'signed' ? t('corrections.downloadSigned') : t('corrections.downloadDocument')}
              </Button>
            </Group>
          ) : null}
          {d && doc.status !== 'cancelled' ? (
            <Stack gap={2}>
              <Text size="xs" c="dimmed" fw={600}>
                {t('corrections.verification')}
              </Text>
              <Group gap="xs" wrap="wrap">
                <Code fz="xs">{formatVerificationCode(d.verificationCode)}</Code>
                <Anchor
                  href={d.verificationUrl}
                  target="_blank"
                  rel="noopener"
                  size="sm"
                  style={{ overflowWrap: 'anywhere' }}
                  data-testid="verification-link"
                >
                  <Group gap={4} wrap="nowrap" component="span">
                    <span style={{ overflowWrap: 'anywhere' }}>{d.verificationUrl}</span>
                    <IconExternalLink size={14} aria-hidden />
                  </Group>
                </Anchor>
              </Group>
              <Text size="xs" c="dimmed">
                {t('corrections.verificationHelp')}
              </Text>
            </Stack>
          ) : null}
        </Stack>
      )}
    </Card>
  );
}

/** The signers in order: who signed when, whose turn it is. */
function SignersList(props: { correction: Correction; document: SignedDocument | undefined }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const phone = useMediaQuery('(max-width: 48em)');
  const signers = props.correction.document?.signers ?? [];
  const state = (order: number, signedAt: string | null) => {
    if (signedAt) return { color: 'teal', text: t('corrections.signedAt', { time: f.dateTime(signedAt) }) };
    const s = props.document?.signers.find((x) => x.order === order);
    if (s?.status === 'next' && props.correction.document?.status === 'awaiting') {
      return { color: 'yellow', text: t('corrections.signsNow') };
    }
    return { color: 'gray', text: t('corrections.notSigned') };
  };
  if (phone) {
    return (
      <Stack gap={6} aria-label={t('corrections.signers')}>
        {signers.map((s) => {
          const st = state(s.order, s.signedAt);
          return (
            <Card key={s.order} withBorder radius="sm" padding="xs">
              <Text size="sm" fw={600}>
                {s.order}. {s.name || '—'}
              </Text>
              <Text size="xs" c="dimmed">
                {s.positionTitle}
              </Text>
              <Badge mt={4} color={st.color} variant="light" size="sm" style={{ textTransform: 'none' }}>
                {st.text}
              </Badge>
            </Card>
          );
        })}
      </Stack>
    );
  }
  return (
    <Table aria-label={t('corrections.signers')} verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={40}>#</Table.Th>
          <Table.Th>{t('corrections.signer')}</Table.Th>
          <Table.Th>{t('corrections.signature')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {signers.map((s) => {
          const st = state(s.order, s.signedAt);
          return (
            <Table.Tr key={s.order}>
              <Table.Td>{s.order}</Table.Td>
              <Table.Td>
                <Text size="sm">{s.name || '—'}</Text>
                <Text size="xs" c="dimmed">
                  {s.positionTitle}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={st.color} variant="light" style={{ textTransform: 'none' }}>
                  {st.text}
                </Badge>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** The holder of the signing step prepares the document for signature. */
function PrepareDocument(props: {
  governmentId: string;
  correction: Correction;
  sop: { sopId: string; sopVersionId: string };
  tasks: CaseTask[];
  hasCancelled: boolean;
}) {
  const { t } = useTranslation();
  const { doc } = useCaseDocument(props.governmentId, props.sop.sopId, props.sop.sopVersionId);
  const [error, setError] = useState<string | null>(null);
  const prepare = useApiMutation(
    () => api.post<Correction>(correctionPath(props.governmentId, props.correction.id, '/document'), {}),
    {
      invalidate: [correctionsKey(props.governmentId), casesKey(props.governmentId)],
      successMessage: t('corrections.prepared'),
      onSuccess: () => setError(null),
      onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
    },
  );
  const task = props.tasks.find((task) => {
    const step = doc?.steps.find((s) => s.no === task.stepNo);
    return task.action === 'sign' || (task.action === 'review' && step?.signature === true);
  });
  if (!task) return null;
  return (
    <Alert color="blue" variant="light" icon={<IconFileCertificate size={18} />} mb="sm">
      <Stack gap="xs">
        <Text size="sm">{t('corrections.prepareHelp', { no: task.stepNo })}</Text>
        {props.hasCancelled ? (
          <Text size="xs" c="dimmed">
            {t('corrections.prepareAgain')}
          </Text>
        ) : null}
        {error ? (
          <Text size="sm" c="red.7" role="alert">
            {error}
          </Text>
        ) : null}
        <Group>
          <Button
            leftSection={<IconFileCertificate size={18} />}
            loading={prepare.isPending}
            onClick={() => prepare.mutate(undefined)}
          >
            {t('corrections.prepare')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** The signer whose turn it is: their certificate, or where to enrol it; the sign button. */
function MyTurn(props: { governmentId: string; correction: Correction; document: SignedDocument }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const mine = useQuery({
    queryKey: myCertificateKey(props.governmentId),
    queryFn: () => api.get<MySigningCertificate>(govPath(props.governmentId, '/signing-certificates/mine')),
  });
  const next = props.document.signers.find((s) => s.status === 'next');
  if (mine.isLoading) return null;
  const usable = mine.data?.mode === 'http' || mine.data?.certificate?.status === 'active';
  if (!usable) {
    return (
      <Alert
        color="orange"
        variant="light"
        icon={<IconCertificate size={18} />}
        title={t('corrections.noCertificateTitle')}
        data-testid="no-certificate"
      >
        <Text size="sm">{t('corrections.noCertificate')}</Text>
        <Anchor component={Link} to="/akun" size="sm" fw={600}>
          {t('corrections.enrolLink')}
        </Anchor>
      </Alert>
    );
  }
  return (
    <Alert color="yellow" variant="light" icon={<IconSignature size={18} />} title={t('corrections.yourTurn')}>
      <Stack gap="xs">
        {next ? <Text size="sm">{t('signedDocs.signAs', { position: next.positionName })}</Text> : null}
        <Group>
          <Button leftSection={<IconSignature size={18} />} onClick={() => setOpen(true)}>
            {t('corrections.sign')}
          </Button>
        </Group>
      </Stack>
      {open ? (
        <PassphraseSignModal
          document={props.document}
          path={correctionPath(props.governmentId, props.correction.id, '/sign')}
          title={t('corrections.signTitle', { number: props.document.number })}
          submitLabel={t('corrections.sign')}
          successMessage={t('corrections.signedOne')}
          help={
            props.document.signers.filter((s) => s.status !== 'signed').length === 1
              ? t('corrections.lastSignatureHelp')
              : t('signedDocs.signHelp')
          }
          invalidate={[
            correctionsKey(props.governmentId),
            casesKey(props.governmentId),
            [...govKey(props.governmentId), 'signed-documents'],
          ]}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </Alert>
  );
}
