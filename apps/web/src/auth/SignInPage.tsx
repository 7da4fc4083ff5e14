import {
  Alert,
  Anchor,
  Box,
  Button,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { loginBody, type MeResponse } from '@sidakin/core';
import {
  IconAlertTriangle,
  IconHierarchy2,
  IconInfoCircle,
  IconLock,
  IconRoute,
  IconShieldCheck,
  IconUser,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../lib/api';
import { useForm } from '../lib/form';
import { BrandMark } from '../shell/BrandMark';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { meKey, useMeQuery } from './session';

/** Only paths inside the app; never an absolute URL from the query string. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function Highlight({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <ThemeIcon variant="white" color="sidakin" radius="xl" size={30}>
        {icon}
      </ThemeIcon>
      <Text c="white" fw={500}>
        {children}
      </Text>
    </Group>
  );
}

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const me = useMeQuery();
  const form = useForm({ username: '', password: '', otp: '' });
  const [needOtp, setNeedOtp] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [alert, setAlert] = useState<{ message: string; info?: boolean } | null>(null);
  const [retryUntil, setRetryUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const otpRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!retryUntil) return;
    const timer = window.setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= retryUntil) setRetryUntil(null);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [retryUntil]);

  useEffect(() => {
    if (needOtp) otpRef.current?.focus();
  }, [needOtp]);

  if (me.data) return <Navigate to={next} replace />;

  const waitSeconds = retryUntil ? Math.max(0, Math.ceil((retryUntil - now) / 1000)) : 0;
  const waitText =
    waitSeconds >= 120
      ? t('auth.minutes', { count: Math.ceil(waitSeconds / 60) })
      : t('auth.seconds', { count: waitSeconds });

  async function submit() {
    const body = form.validate(loginBody, {
      username: form.values.username,
      password: form.values.password,
      otp: needOtp ? form.values.otp : undefined,
    });
    if (!body) return;
    setSubmitting(true);
    setAlert(null);
    try {
      const result = await api.post<MeResponse>('/auth/login', body, { quiet401: true });
      client.clear();
      client.setQueryData(meKey, result);
      navigate(next, { replace: true });
    } catch (error) {
      if (error instanceof ApiError) {
        if (error.code === 'TOTP_REQUIRED') {
          setNeedOtp(true);
          setAlert({ message: error.message, info: true });
        } else if (error.code === 'TOTP_INVALID') {
          form.setField('otp', '');
          form.setErrors({ otp: error.message });
          setAlert({ message: error.message });
        } else if (error.status === 429) {
          setAlert({ message: error.message });
          if (error.retryAfter) {
            setRetryUntil(Date.now() + error.retryAfter * 1000);
            setNow(Date.now());
          }
        } else if (error.status === 400 && error.details.length > 0) {
          form.applyError(error);
        } else {
          setAlert({ message: error.message });
        }
      } else {
        setAlert({ message: t('errors.unexpected') });
      }
    } finally {
      setSubmitting(false);
    }
  }

  function startOver() {
    setNeedOtp(false);
    setAlert(null);
    form.reset({ username: form.values.username, password: '', otp: '' });
  }

  return (
    <Box className="sidakin-signin">
      <Box className="sidakin-signin-hero">
        <Stack gap="xl" maw={460}>
          <Group gap="md" wrap="nowrap">
            <BrandMark size={56} inverted />
            <div>
              <Text c="white" fw={800} fz={30} lh={1} style={{ letterSpacing: 1 }}>
                {t('app.name')}
              </Text>
              <Text c="sidakin.0" fw={500}>
                {t('app.fullName')}
              </Text>
            </div>
          </Group>
          <Text c="white" fz={{ base: 'sm', sm: 'lg' }} lh={1.5}>
            {t('app.tagline')}
          </Text>
          <Stack gap="sm" visibleFrom="sm">
            <Highlight icon={<IconRoute size={18} />}>{t('auth.highlightSop')}</Highlight>
            <Highlight icon={<IconHierarchy2 size={18} />}>{t('auth.highlightActing')}</Highlight>
            <Highlight icon={<IconShieldCheck size={18} />}>{t('auth.highlightAudit')}</Highlight>
          </Stack>
        </Stack>
      </Box>

      <Box className="sidakin-signin-panel">
        <Group justify="flex-end" w="100%" maw={420} mb="md">
          <LanguageSwitch size="sm" />
        </Group>
        <Paper component="main" withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={420}>
          <form
            noValidate
            aria-labelledby="signin-title"
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <Stack gap="md">
              <div>
                <Title order={1} size="h2" id="signin-title" c="sidakin.9">
                  {t('auth.title')}
                </Title>
                <Text c="dimmed" size="sm" mt={4}>
                  {t('auth.subtitle')}
                </Text>
              </div>

              {params.get('expired') === '1' && !alert ? (
                <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />}>
                  {t('auth.sessionExpired')}
                </Alert>
              ) : null}

              {alert ? (
                <Alert
                  role="alert"
                  color={alert.info ? 'sidakin' : 'red'}
                  variant="light"
                  icon={alert.info ? <IconShieldCheck size={18} /> : <IconAlertTriangle size={18} />}
                  data-testid="signin-alert"
                >
                  {alert.message}
                  {waitSeconds > 0 ? (
                    <Text size="sm" fw={600} mt={4} data-testid="signin-retry">
                      {t('auth.retryIn', { time: waitText })}
                    </Text>
                  ) : null}
                </Alert>
              ) : null}

              <TextInput
                label={t('auth.username')}
                placeholder={t('auth.usernamePlaceholder')}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                leftSection={<IconUser size={16} aria-hidden />}
                readOnly={needOtp}
                required
                {...form.text('username')}
              />
              <PasswordInput
                label={t('auth.password')}
                autoComplete="current-password"
                leftSection={<IconLock size={16} aria-hidden />}
                readOnly={needOtp}
                required
                {...form.text('password')}
              />
              {needOtp ? (
                <TextInput
                  ref={otpRef}
                  label={t('auth.otp')}
                  description={t('auth.otpDescription')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  required
                  styles={{ input: { letterSpacing: 6, fontSize: 20, fontWeight: 600 } }}
                  {...form.text('otp')}
                />
              ) : null}

              <Button type="submit" size="md" fullWidth loading={submitting} disabled={waitSeconds > 0}>
                {t('auth.submit')}
              </Button>
              {needOtp ? (
                <Anchor component="button" type="button" size="sm" onClick={startOver} ta="center">
                  {t('auth.useOtherAccount')}
                </Anchor>
              ) : null}
              <Text size="xs" c="dimmed" ta="center">
                {t('auth.help')}
              </Text>
            </Stack>
          </form>
        </Paper>
        <Text size="xs" c="dimmed" mt="lg" ta="center" maw={420}>
          {t('app.footer')}
        </Text>
      </Box>
    </Box>
  );
}
