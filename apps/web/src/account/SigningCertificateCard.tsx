import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Divider,
  Group,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import {
  changeSigningPassphraseBody,
  enrolSigningBody,
  type MySigningCertificate,
  renewSigningBody,
  type SignerCertificate,
} from '@sidakin/core';
import { IconCertificate, IconLock, IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { api, govPath } from '../lib/api';
import { useForm } from '../lib/form';
import { govKey, useApiMutation } from '../lib/query';
import { useFormatters } from '../shell/government';
import { DataState } from '../ui/DataState';

const statusColor = { active: 'teal', revoked: 'red', superseded: 'gray', expired: 'orange' } as const;

export function certificateStatusBadge(c: SignerCertificate, label: string) {
  return (
    <Badge color={statusColor[c.status]} variant="light">
      {label}
    </Badge>
  );
}

/** The account's electronic signature: enrol with a passphrase, change it, renew the certificate. */
export function SigningCertificateCard() {
  const { t } = useTranslation();
  const me = useSession();
  const governmentId = me.government?.id;
  const key = [...govKey(governmentId), 'signing-certificates', 'mine'];
  const query = useQuery({
    queryKey: key,
    queryFn: () => api.get<MySigningCertificate>(govPath(governmentId!, '/signing-certificates/mine')),
    enabled: Boolean(governmentId) && !me.user.mustChangePassword && !me.totpSetupRequired,
  });
  if (!governmentId) return null;
  const data = query.data;
  return (
    <Card withBorder radius="md" padding="lg" data-testid="signing-card">
      <Group gap="xs" mb="xs" wrap="nowrap">
        <IconCertificate size={20} aria-hidden />
        <Title order={2} size="h4">
          {t('signing.cardTitle')}
        </Title>
        {data?.certificate ? (
          <Badge color="teal" variant="light" ml="auto">
            {t(`signing.status.${data.certificate.status}`)}
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('signing.cardDescription')}
      </Text>
      <DataState loading={query.isLoading} error={query.error} empty={false}>
        {data ? <CertificateBody governmentId={governmentId} data={data} queryKey={key} /> : null}
      </DataState>
    </Card>
  );
}

function CertificateBody(props: { governmentId: string; data: MySigningCertificate; queryKey: unknown[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { data } = props;
  if (data.mode === 'http') {
    return (
      <Alert color="sidakin" variant="light">
        {t('signing.httpMode')}
      </Alert>
    );
  }
  const c = data.certificate;
  return (
    <Stack gap="md">
      {c ? (
        <>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Field label={t('signing.serial')} value={<Code fz="xs">{c.serialNumber}</Code>} />
            <Field label={t('signing.validUntil')} value={f.dateTime(c.notAfter)} />
            <Field label={t('signing.subject')} value={c.subject} />
            <Field label={t('signing.issuer')} value={c.issuer} />
          </SimpleGrid>
          {c.lockedUntil ? (
            <Alert color="orange" variant="light" icon={<IconLock size={16} />} role="alert">
              {t('signing.lockedUntil', { time: f.dateTime(c.lockedUntil) })}
            </Alert>
          ) : null}
          <Divider />
          <ChangePassphraseForm governmentId={props.governmentId} queryKey={props.queryKey} />
          <Divider />
          <RenewForm governmentId={props.governmentId} queryKey={props.queryKey} />
        </>
      ) : data.canEnrol ? (
        <EnrolForm governmentId={props.governmentId} queryKey={props.queryKey} />
      ) : (
        <Alert color="gray" variant="light">
          {t('signing.none')}{' '}
          {data.cannotEnrolReason ? t('signing.cannotEnrol', { reason: data.cannotEnrolReason }) : ''}
        </Alert>
      )}
      {data.history.length > 0 ? (
        <div>
          <Text size="xs" c="dimmed" fw={600} mb={4}>
            {t('signing.history')}
          </Text>
          <Stack gap={4}>
            {data.history.map((h) => (
              <Group key={h.id} gap="xs" wrap="wrap">
                {certificateStatusBadge(h, t(`signing.status.${h.status}`))}
                <Code fz="xs">{h.serialNumber}</Code>
                <Text size="xs" c="dimmed">
                  {f.dateTime(h.createdAt)}
                  {h.revocationReason ? ` — ${h.revocationReason}` : ''}
                </Text>
              </Group>
            ))}
          </Stack>
        </div>
      ) : null}
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </div>
  );
}

function EnrolForm(props: { governmentId: string; queryKey: unknown[] }) {
  const { t } = useTranslation();
  const initial = { passphrase: '', confirm: '' };
  const form = useForm(initial);
  const enrol = useApiMutation(
    (body: unknown) => api.post(govPath(props.governmentId, '/signing-certificates/mine'), body),
    {
      invalidate: [props.queryKey],
      successMessage: t('signing.enrolled'),
      onSuccess: () => form.reset(initial),
      onError: (error) => form.applyError(error),
    },
  );
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const body = form.validate(enrolSigningBody, { passphrase: form.values.passphrase });
        if (!body) return;
        if (form.values.confirm !== form.values.passphrase) {
          form.setErrors({ confirm: t('signing.mismatch') });
          return;
        }
        enrol.mutate(body);
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h6">
          {t('signing.enrolTitle')}
        </Title>
        {form.formError ? (
          <Alert color="red" variant="light" role="alert">
            {form.formError}
          </Alert>
        ) : null}
        <PasswordInput
          label={t('signing.passphrase')}
          description={t('signing.passphraseDescription')}
          autoComplete="new-password"
          required
          {...form.text('passphrase')}
        />
        <PasswordInput
          label={t('signing.confirmPassphrase')}
          autoComplete="new-password"
          required
          {...form.text('confirm')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={enrol.isPending} leftSection={<IconCertificate size={16} />}>
            {t('signing.enrol')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ChangePassphraseForm(props: { governmentId: string; queryKey: unknown[] }) {
  const { t } = useTranslation();
  const initial = { currentPassphrase: '', newPassphrase: '', confirm: '' };
  const form = useForm(initial);
  const change = useApiMutation(
    (body: unknown) => api.post(govPath(props.governmentId, '/signing-certificates/mine/passphrase'), body),
    {
      invalidate: [props.queryKey],
      successMessage: t('signing.changed'),
      onSuccess: () => form.reset(initial),
      onError: (error) => form.applyError(error),
    },
  );
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const v = form.values;
        const body = form.validate(changeSigningPassphraseBody, {
          currentPassphrase: v.currentPassphrase,
          newPassphrase: v.newPassphrase,
        });
        if (!body) return;
        if (v.confirm !== v.newPassphrase) {
          form.setErrors({ confirm: t('signing.mismatch') });
          return;
        }
        change.mutate(body);
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h6">
          {t('signing.changeTitle')}
        </Title>
        {form.formError ? (
          <Alert color="red" variant="light" role="alert">
            {form.formError}
          </Alert>
        ) : null}
        <PasswordInput
          label={t('signing.currentPassphrase')}
          autoComplete="current-password"
          required
          {...form.text('currentPassphrase')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <PasswordInput
            label={t('signing.newPassphrase')}
            autoComplete="new-password"
            required
            {...form.text('newPassphrase')}
          />
          <PasswordInput
            label={t('signing.confirmNewPassphrase')}
            autoComplete="new-password"
            required
            {...form.text('confirm')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={change.isPending}>
            {t('signing.change')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RenewForm(props: { governmentId: string; queryKey: unknown[] }) {
  const { t } = useTranslation();
  const form = useForm({ passphrase: '' });
  const renew = useApiMutation(
    (body: unknown) => api.post(govPath(props.governmentId, '/signing-certificates/mine/renew'), body),
    {
      invalidate: [props.queryKey],
      successMessage: t('signing.renewed'),
      onSuccess: () => form.reset({ passphrase: '' }),
      onError: (error) => form.applyError(error),
    },
  );
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const body = form.validate(renewSigningBody, { passphrase: form.values.passphrase });
        if (body) renew.mutate(body);
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h6">
          {t('signing.renewTitle')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('signing.renewHelp')}
        </Text>
        {form.formError ? (
          <Alert color="red" variant="light" role="alert">
            {form.formError}
          </Alert>
        ) : null}
        <Group align="flex-end" wrap="wrap">
          <PasswordInput
            label={t('signing.passphrase')}
            autoComplete="current-password"
            style={{ flex: '1 1 220px' }}
            {...form.text('passphrase')}
          />
          <Button type="submit" variant="light" loading={renew.isPending} leftSection={<IconRefresh size={16} />}>
            {t('signing.renew')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
