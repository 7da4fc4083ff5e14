import { Button, Center, Loader, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { isAdmin, SessionProvider, useMeQuery, useSession } from '../auth/session';
import { ApiError } from '../lib/api';
import { ErrorAlert } from '../ui/ErrorAlert';
import { AppLayout } from './AppLayout';
import { GovernmentProvider } from './government';

/** Everything behind sign-in. Forces the password change / two-step setup before anything else. */
export function AuthGate() {
  const { t } = useTranslation();
  const me = useMeQuery();
  const location = useLocation();

  if (me.isPending) {
    return (
      <Center h="100vh" aria-busy="true">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (me.error) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      const here = `${location.pathname}${location.search}`;
      return <Navigate to={here === '/' ? '/masuk' : `/masuk?next=${encodeURIComponent(here)}`} replace />;
    }
    return (
      <Center h="100vh" p="md">
        <Stack maw={480}>
          <ErrorAlert error={me.error} />
          <Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  const forced = me.data.user.mustChangePassword || me.data.totpSetupRequired;
  if (forced && location.pathname !== '/akun') return <Navigate to="/akun" replace />;

  return (
    <SessionProvider me={me.data}>
      <GovernmentProvider>
        <AppLayout />
      </GovernmentProvider>
    </SessionProvider>
  );
}

/** Pages only admins see; members are sent home. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const me = useSession();
  if (!isAdmin(me.user.role)) return <Navigate to="/" replace />;
  return <>{children}</>;
}
