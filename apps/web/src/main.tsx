import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { meKey } from './auth/session';
import { configureApi } from './lib/api';
import { currentLocale, i18n } from './lib/i18n';
import { queryClient } from './lib/query';
import { router } from './routes';
import { theme } from './theme';

configureApi({
  getLocale: currentLocale,
  networkErrorMessage: () => i18n.t('errors.network'),
  onUnauthorized: () => {
    // The session ended (expired, signed out elsewhere): back to sign-in, then to this page.
    const { pathname, search } = window.location;
    if (pathname === '/masuk') return;
    queryClient.clear();
    const here = `${pathname}${search}`;
    void router.navigate(`/masuk?expired=1${here === '/' ? '' : `&next=${encodeURIComponent(here)}`}`, {
      replace: true,
    });
  },
  onAccountSetupRequired: () => {
    // The server wants the administrator-given password changed (or two-step verification set up)
    // before anything else: learn that from /api/auth/me, then show the account page.
    void queryClient.invalidateQueries({ queryKey: meKey }).finally(() => {
      if (window.location.pathname !== '/akun') void router.navigate('/akun', { replace: true });
    });
  },
});

// Pages' code is fetched on first use. After a release the old files are gone, so a tab opened
// before it cannot load a page it has not shown yet: load the new release where the person was
// going. Not twice within a minute, so a server that really lacks a file does not loop.
window.addEventListener('vite:preloadError', (event) => {
  const key = 'sidakin.reloadedForRelease';
  if (Date.now() - Number(sessionStorage.getItem(key) ?? 0) < 60_000) return;
  sessionStorage.setItem(key, String(Date.now()));
  event.preventDefault();
  window.location.assign(router.createHref(router.state.navigation.location ?? router.state.location));
});

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);
