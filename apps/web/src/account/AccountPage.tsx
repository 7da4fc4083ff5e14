import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Grid,
  Group,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { changePasswordBody, totpDisableBody, totpEnableBody } from '@sidakin/core';
import { IconAlertTriangle, IconCheck, IconCopy, IconKey, IconShieldCheck, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meKey, useSession } from '../auth/session';
import { ApiError, api } from '../lib/api';
import { useForm } from '../lib/form';
import { useApiMutation } from '../lib/query';
import { PageHeader } from '../ui/PageHeader';
import { QrCode } from './QrCode';
import { SigningCertificateCard } from './SigningCertificateCard';

export function AccountPage() {
  const { t } = useTranslation();
  const me = useSession();
  return (
    <>
      <PageHeader title={t('account.title')} />
      <Stack gap="md">
        {me.user.mustChangePassword ? (
          <Alert color="yellow" variant="light" role="alert" icon={<IconKey size={18} />}>
            {t('shell.forcedPassword')}
          </Alert>
        ) : null}
        {me.totpSetupRequired ? (
          <Alert color="yellow" variant="light" role="alert" icon={<IconShieldLock size={18} />}>
            {t('shell.forcedTotp')}
          </Alert>
        ) : null}
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="md">
              <ProfileCard />
              <PasswordCard />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="md">
              <TotpCard />
              <SigningCertificateCard />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}

function ProfileCard() {
  const { t } = useTranslation();
  const me = useSession();
  const row = (label: string, value: string) => (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={2} size="h4" mb="sm">
        {t('account.profile')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        {row(t('account.displayName'), me.user.displayName)}
        {row(t('account.username'), me.user.username)}
        {row(t('account.role'), t(`roles.${me.user.role}`))}
        {row(t('account.government'), me.government?.name ?? '—')}
      </SimpleGrid>
    </Card>
  );
}

function PasswordCard() {
  const { t } = useTranslation();
  const me = useSession();
  const initial = { currentPassword: '', newPassword: '', confirmPassword: '' };
  const form = useForm(initial);
  const change = useApiMutation((body: unknown) => api.post('/auth/password', body), {
    invalidate: [meKey],
    successMessage: t('account.passwordChanged'),
    onSuccess: () => form.reset(initial),
    onError: (error) => {
      // The server may not name the field for a wrong current password; it belongs there.
      if (error instanceof ApiError && error.code === 'WRONG_PASSWORD' && error.details.length === 0) {
        form.setErrors({ currentPassword: error.message });
      } else form.applyError(error);
    },
  });
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      style={me.user.mustChangePassword ? { borderColor: 'var(--mantine-color-yellow-6)' } : undefined}
    >
      <Title order={2} size="h4" mb="sm">
        {t('account.changePassword')}
      </Title>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const v = form.values;
          const body = form.validate(changePasswordBody, {
            currentPassword: v.currentPassword,
            newPassword: v.newPassword,
          });
          if (!body) return;
          if (v.newPassword !== v.confirmPassword) {
            form.setErrors({ confirmPassword: t('validation.passwordMismatch') });
            return;
          }
          change.mutate(body);
        }}
      >
        <Stack gap="sm">
          {form.formError ? (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={16} />}>
              {form.formError}
            </Alert>
          ) : null}
          <PasswordInput
            label={t('account.currentPassword')}
            autoComplete="current-password"
            required
            {...form.text('currentPassword')}
          />
          <PasswordInput
            label={t('account.newPassword')}
            description={t('account.newPasswordDescription')}
            autoComplete="new-password"
            required
            {...form.text('newPassword')}
          />
          <PasswordInput
            label={t('account.confirmPassword')}
            autoComplete="new-password"
            required
            {...form.text('confirmPassword')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function CopyValue({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Button
          size="xs"
          variant="light"
          color={copied ? 'teal' : 'sidakin'}
          leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
          onClick={copy}
          aria-label={`${t('common.copy')}: ${label}`}
        >
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      )}
    </CopyButton>
  );
}

function TotpCard() {
  const { t } = useTranslation();
  const me = useSession();
  const [setup, setSetup] = useState<{ secret: string; otpauthUrl: string } | null>(null);
  const enableForm = useForm({ code: '' });
  const disableForm = useForm({ password: '' });
  const mandatory = Boolean(me.government?.requireAdminTotp) && me.user.role !== 'member';

  const start = useApiMutation(() => api.post<{ secret: string; otpauthUrl: string }>('/auth/totp/setup'), {
    onSuccess: (result) => {
      setSetup(result);
      enableForm.reset({ code: '' });
    },
  });
  const enable = useApiMutation((body: unknown) => api.post('/auth/totp/enable', body), {
    invalidate: [meKey],
    successMessage: t('account.totpEnabledNow'),
    onSuccess: () => setSetup(null),
    onError: (error) => {
      if (error instanceof ApiError && error.details.length === 0 && error.status < 500) {
        enableForm.setErrors({ code: error.message });
      } else enableForm.applyError(error);
    },
  });
  const disable = useApiMutation((body: unknown) => api.post('/auth/totp/disable', body), {
    invalidate: [meKey],
    successMessage: t('account.totpDisabledNow'),
    onSuccess: () => disableForm.reset({ password: '' }),
    onError: (error) => {
      if (error instanceof ApiError && error.details.length === 0 && error.code === 'WRONG_PASSWORD') {
        disableForm.setErrors({ password: error.message });
      } else disableForm.applyError(error);
    },
  });

  const secretGroups = setup?.secret.replace(/(.{4})/g, '$1 ').trim();

  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      style={me.totpSetupRequired ? { borderColor: 'var(--mantine-color-yellow-6)' } : undefined}
    >
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={2} size="h4">
          {t('account.totpTitle')}
        </Title>
        {me.user.totpEnabled ? (
          <Badge color="teal" variant="light" leftSection={<IconShieldCheck size={12} />}>
            {t('common.active')}
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('account.totpDescription')}
      </Text>

      {me.user.totpEnabled ? (
        <Stack gap="sm">
          <Alert color="teal" variant="light" icon={<IconShieldCheck size={18} />}>
            {t('account.totpEnabled')} {mandatory ? t('account.totpMandatory') : ''}
          </Alert>
          {mandatory ? null : (
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                const body = disableForm.validate(totpDisableBody, { password: disableForm.values.password });
                if (body) disable.mutate(body);
              }}
            >
              <Stack gap="sm">
                <Title order={3} size="h6">
                  {t('account.totpDisableTitle')}
                </Title>
                {disableForm.formError ? (
                  <Alert color="red" variant="light" role="alert">
                    {disableForm.formError}
                  </Alert>
                ) : null}
                <Group align="flex-end" wrap="wrap">
                  <PasswordInput
                    label={t('account.totpDisablePassword')}
                    autoComplete="current-password"
                    style={{ flex: '1 1 220px' }}
                    {...disableForm.text('password')}
                  />
                  <Button type="submit" color="red" variant="light" loading={disable.isPending}>
                    {t('account.totpDisable')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      ) : setup ? (
        <Stack gap="md">
          <Text size="sm" fw={600}>
            {t('account.totpStep1')}
          </Text>
          <Group align="flex-start" gap="lg" wrap="wrap">
            <QrCode value={setup.otpauthUrl} label={t('account.totpQr')} size={196} />
            <Stack gap="sm" style={{ flex: '1 1 260px', minWidth: 0 }}>
              <div>
                <Group justify="space-between" mb={4}>
                  <Text size="xs" c="dimmed" fw={600}>
                    {t('account.totpSecret')}
                  </Text>
                  <CopyValue value={setup.secret} label={t('account.totpSecret')} />
                </Group>
                <Code
                  block
                  fz="md"
                  fw={700}
                  className="audit-json"
                  style={{ letterSpacing: 1 }}
                  data-testid="totp-secret"
                >
                  {secretGroups}
                </Code>
              </div>
              <div>
                <Group justify="space-between" mb={4}>
                  <Text size="xs" c="dimmed" fw={600}>
                    {t('account.totpUrl')}
                  </Text>
                  <CopyValue value={setup.otpauthUrl} label={t('account.totpUrl')} />
                </Group>
                <Code block className="audit-json" data-testid="totp-url">
                  {setup.otpauthUrl}
                </Code>
              </div>
            </Stack>
          </Group>
          <Text size="sm" fw={600}>
            {t('account.totpStep2')}
          </Text>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              const body = enableForm.validate(totpEnableBody, { code: enableForm.values.code });
              if (body) enable.mutate(body);
            }}
          >
            <Stack gap="sm">
              {enableForm.formError ? (
                <Alert color="red" variant="light" role="alert">
                  {enableForm.formError}
                </Alert>
              ) : null}
              <Group align="flex-end" wrap="wrap">
                <TextInput
                  label={t('account.totpCode')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  w={180}
                  styles={{ input: { letterSpacing: 4, fontWeight: 600 } }}
                  {...enableForm.text('code')}
                />
                <Button type="submit" loading={enable.isPending} leftSection={<IconShieldCheck size={16} />}>
                  {t('account.totpEnable')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      ) : (
        <Stack gap="sm" align="flex-start">
          <Alert color={me.totpSetupRequired ? 'yellow' : 'gray'} variant="light" w="100%">
            {t('account.totpDisabled')} {mandatory ? t('account.totpMandatory') : ''}
          </Alert>
          <Button
            leftSection={<IconShieldLock size={16} />}
            loading={start.isPending}
            onClick={() => start.mutate(undefined)}
          >
            {t('account.totpStart')}
          </Button>
        </Stack>
      )}
    </Card>
  );
}
