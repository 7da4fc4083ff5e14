import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import {
  certificateStatuses,
  revokeCertificateBody,
  type SignerCertificate,
  type SigningAuthority,
} from '@sidakin/core';
import { IconCertificateOff, IconDownload, IconShieldCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { certificateStatusBadge } from '../account/SigningCertificateCard';
import { api, govPath } from '../lib/api';
import { useForm } from '../lib/form';
import { formatNip } from '../lib/format';
import { govKey, useApiMutation, useGovList } from '../lib/query';
import { useFormatters } from '../shell/government';
import { CrudPage } from '../ui/CrudPage';
import { DataState } from '../ui/DataState';
import { FormModal } from '../ui/FormModal';
import { ListCard } from '../ui/ListCard';
import { IconAction, RowActions } from '../ui/RowActions';

/** Administrators: the government's certificate authority and the signers' certificates, with revocation. */
export function CertificatesPage() {
  const { t } = useTranslation();
  const [revoking, setRevoking] = useState<SignerCertificate | null>(null);
  return (
    <CrudPage title={t('signing.adminTitle')} description={t('signing.adminDescription')}>
      {(governmentId) => (
        <Stack gap="md">
          <AuthorityCard governmentId={governmentId} />
          <CertificateList governmentId={governmentId} onRevoke={setRevoking} />
          <RevokeModal governmentId={governmentId} certificate={revoking} onClose={() => setRevoking(null)} />
        </Stack>
      )}
    </CrudPage>
  );
}

function AuthorityCard({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const query = useQuery({
    queryKey: [...govKey(governmentId), 'signing-authority'],
    queryFn: () => api.get<{ authority: SigningAuthority | null }>(govPath(governmentId, '/signing-authority')),
  });
  const a = query.data?.authority;
  const download = `/api${govPath(governmentId, '/signing-authority/certificate')}`;
  return (
    <Card withBorder radius="md" padding="lg">
      <Group gap="xs" mb="sm">
        <IconShieldCheck size={20} aria-hidden />
        <Title order={2} size="h4">
          {t('signing.authorityTitle')}
        </Title>
      </Group>
      <DataState loading={query.isLoading} error={query.error} empty={false}>
        {a ? (
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <div>
                <Text size="xs" c="dimmed" fw={600}>
                  {t('signing.subject')}
                </Text>
                <Text size="sm">{a.subject}</Text>
              </div>
              <div>
                <Text size="xs" c="dimmed" fw={600}>
                  {t('signing.validUntil')}
                </Text>
                <Text size="sm">{f.dateTime(a.notAfter)}</Text>
              </div>
              <div>
                <Text size="xs" c="dimmed" fw={600}>
                  {t('signing.serial')}
                </Text>
                <Code fz="xs">{a.serialNumber}</Code>
              </div>
              <div style={{ minWidth: 0 }}>
                <Text size="xs" c="dimmed" fw={600}>
                  {t('signing.fingerprint')}
                </Text>
                <Code fz="xs" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
                  {a.fingerprintSha256}
                </Code>
              </div>
            </SimpleGrid>
            <Group gap="sm">
              <Button
                component="a"
                href={`${download}?format=pem`}
                variant="light"
                leftSection={<IconDownload size={16} />}
              >
                {t('signing.downloadPem')}
              </Button>
              <Button
                component="a"
                href={`${download}?format=der`}
                variant="default"
                leftSection={<IconDownload size={16} />}
              >
                {t('signing.downloadDer')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Alert color="gray" variant="light">
            {t('signing.authorityNone')}
          </Alert>
        )}
      </DataState>
    </Card>
  );
}

function CertificateList(props: { governmentId: string; onRevoke: (c: SignerCertificate) => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const list = useGovList<SignerCertificate>(props.governmentId, 'signing-certificates', {
    filters: ['status'],
    activeFilter: false,
  });
  return (
    <ListCard
      list={list}
      searchLabel={t('signing.searchLabel')}
      activeFilter={false}
      minWidth={860}
      filters={
        <Select
          aria-label={t('signing.statusFilter')}
          placeholder={t('common.all')}
          clearable
          w={{ base: '100%', sm: 200 }}
          value={list.params.get('status')}
          onChange={(value) => list.params.update({ status: value })}
          data={certificateStatuses.map((s) => ({ value: s, label: t(`signing.status.${s}`) }))}
          comboboxProps={{ withinPortal: true }}
        />
      }
      columns={[
        {
          header: t('signing.employee'),
          cell: (c) => (
            <>
              <Text size="sm" fw={600}>
                {c.employeeName}
              </Text>
              <Text size="xs" c="dimmed" className="nip">
                {formatNip(c.nip)}
              </Text>
              {c.agencyName ? (
                <Text size="xs" c="dimmed">
                  {c.agencyName}
                </Text>
              ) : null}
            </>
          ),
        },
        { header: t('signing.serial'), cell: (c) => <Code fz="xs">{c.serialNumber}</Code> },
        {
          header: t('signing.validUntil'),
          cell: (c) => (
            <>
              <Text size="sm">{f.date(c.notAfter.slice(0, 10))}</Text>
              <Text size="xs" c="dimmed">
                {t('signing.validFrom')} {f.date(c.notBefore.slice(0, 10))}
              </Text>
            </>
          ),
        },
        {
          header: t('common.status'),
          cell: (c) => (
            <Stack gap={2}>
              {certificateStatusBadge(c, t(`signing.status.${c.status}`))}
              {c.lockedUntil ? (
                <Badge color="orange" variant="outline" size="xs">
                  {f.dateTime(c.lockedUntil)}
                </Badge>
              ) : null}
              {c.revokedAt ? (
                <Text size="xs" c="dimmed">
                  {t('signing.revokedInfo', {
                    time: f.dateTime(c.revokedAt),
                    name: c.revokedByName ?? '—',
                    reason: c.revocationReason,
                  })}
                </Text>
              ) : null}
            </Stack>
          ),
        },
        {
          header: t('common.actions'),
          align: 'right',
          cell: (c) =>
            c.status === 'active' || c.status === 'expired' ? (
              <RowActions>
                <IconAction
                  label={t('signing.revokeNamed', { name: c.employeeName })}
                  color="red"
                  onClick={() => props.onRevoke(c)}
                >
                  <IconCertificateOff size={18} />
                </IconAction>
              </RowActions>
            ) : null,
        },
      ]}
    />
  );
}

function RevokeModal(props: { governmentId: string; certificate: SignerCertificate | null; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm({ reason: '' });
  const c = props.certificate;
  const close = () => {
    form.reset({ reason: '' });
    props.onClose();
  };
  const revoke = useApiMutation(
    (body: unknown) => api.post(govPath(props.governmentId, `/signing-certificates/${c?.id}/revoke`), body),
    {
      invalidate: [[...govKey(props.governmentId), 'signing-certificates']],
      successMessage: t('signing.revoked'),
      onSuccess: close,
      onError: (error) => form.applyError(error),
    },
  );
  return (
    <FormModal
      opened={Boolean(c)}
      onClose={close}
      title={t('signing.revokeTitle', { name: c?.employeeName ?? '' })}
      submitLabel={t('signing.revoke')}
      submitting={revoke.isPending}
      formError={form.formError}
      size="md"
      onSubmit={() => {
        const body = form.validate(revokeCertificateBody, { reason: form.values.reason });
        if (body) revoke.mutate(body);
      }}
    >
      <Text size="sm">{t('signing.revokeBody')}</Text>
      <Textarea label={t('signing.reason')} required autosize minRows={2} {...form.text('reason')} />
      <Anchor size="xs" c="dimmed" component="span">
        {c?.subject}
      </Anchor>
    </FormModal>
  );
}
