import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigation } from 'react-router-dom';

/** Shown in the page area while a page's code is still on its way. */
export function RouteFallback() {
  const { t } = useTranslation();
  return (
    <Center py="xl" aria-busy="true">
      <Loader role="status" aria-label={t('common.loading')} />
    </Center>
  );
}

/**
 * The pages' outlet. Routes have no loaders (data comes through TanStack Query), so the router is
 * only ever "loading" while a page's code downloads: say so instead of leaving the last page up.
 */
export function PageOutlet() {
  const navigation = useNavigation();
  return navigation.state === 'loading' ? <RouteFallback /> : <Outlet />;
}
