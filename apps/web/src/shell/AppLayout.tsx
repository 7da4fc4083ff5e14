import {
  AppShell,
  Avatar,
  Badge,
  Box,
  Burger,
  Divider,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Select,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { MeResponse } from '@sidakin/core';
import {
  IconArchive,
  IconBriefcase,
  IconBuildingCommunity,
  IconBuildingEstate,
  IconCertificate,
  IconChartBar,
  IconChartPie,
  IconChecklist,
  IconChevronDown,
  IconEditCircle,
  IconFileCertificate,
  IconFileDescription,
  IconHierarchy2,
  IconHome2,
  IconId,
  IconLogout,
  IconNotebook,
  IconShieldCheck,
  IconSignature,
  IconSitemap,
  IconTablePlus,
  IconTargetArrow,
  IconTimeline,
  IconUserCircle,
  IconUserShield,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { isAdmin, meKey, useSession } from '../auth/session';
import { useInboxCount } from '../cases/queries';
import { api, setCsrfToken } from '../lib/api';
import { formatNumber } from '../lib/format';
import { errorText } from '../lib/query';
import { BrandMark } from './BrandMark';
import { useGovernment } from './government';
import { LanguageSwitch } from './LanguageSwitch';

export function AppLayout() {
  const { t } = useTranslation();
  const me = useSession();
  const { government } = useGovernment();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();

  // On a phone the navigation closes once a page is chosen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => close(), [location.pathname]);

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 284, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <AppShell.Header className="sidakin-header">
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="md"
              size="sm"
              aria-label={t('shell.openNavigation')}
              aria-expanded={opened}
            />
            <UnstyledButton component={Link} to="/" className="sidakin-brand" aria-label={t('shell.nav.home')}>
              <BrandMark size={34} />
            </UnstyledButton>
            <Box style={{ minWidth: 0 }}>
              <Text fw={800} size="lg" lh={1.1} c="sidakin.9" style={{ letterSpacing: 0.5 }}>
                {t('app.name')}
              </Text>
              <Text size="xs" c="dimmed" truncate="end" data-testid="header-government">
                {government?.name ?? (me.user.role === 'system_admin' ? t('shell.systemLevel') : t('app.fullName'))}
              </Text>
            </Box>
            {me.user.role === 'system_admin' ? (
              <Box visibleFrom="lg" ml="md" w={300}>
                <GovernmentPicker />
              </Box>
            ) : null}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Box visibleFrom="lg">
              <ActingPosition me={me} />
            </Box>
            <LanguageSwitch />
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('shell.nav.label')}>
        <Stack gap="sm" hiddenFrom="lg" mb="sm">
          {me.user.role === 'system_admin' ? <GovernmentPicker /> : null}
          <ActingPosition me={me} />
        </Stack>
        <AppShell.Section grow component={ScrollArea} type="scroll">
          <Navigation role={me.user.role} />
        </AppShell.Section>
        <AppShell.Section>
          <Divider my="sm" />
          <Group gap="xs" px="xs" wrap="nowrap">
            <IconUserShield size={16} color="var(--mantine-color-dimmed)" aria-hidden />
            <Text size="xs" c="dimmed">
              {t(`roles.${me.user.role}`)}
            </Text>
          </Group>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main className="sidakin-main">
        <Box maw={1400} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

function Navigation({ role }: { role: MeResponse['user']['role'] }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const admin = isAdmin(role);
  const { government } = useGovernment();
  const inbox = useInboxCount(government?.id);
  const isActive = (to: string) =>
    to === '/' ? location.pathname === '/' : location.pathname === to || location.pathname.startsWith(`${to}/`);
  const item = (to: string, label: string, icon: ReactNode, right?: ReactNode) => (
    <NavLink
      key={to}
      component={Link}
      to={to}
      label={label}
      leftSection={icon}
      rightSection={right}
      active={isActive(to)}
      aria-current={isActive(to) ? 'page' : undefined}
      variant="light"
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );
  const inOrganisation = location.pathname.startsWith('/organisasi');
  const inPlanning = ['/rencana', '/perjanjian-kinerja', '/monitoring-renstra'].some((p) =>
    location.pathname.startsWith(p),
  );
  return (
    <nav aria-label={t('shell.nav.label')}>
      <Stack gap={2}>
        {item('/', t('shell.nav.home'), <IconHome2 size={20} stroke={1.6} />)}
        {item('/dasbor', t('dashboard.nav'), <IconChartPie size={20} stroke={1.6} />)}
        {item(
          '/tugas',
          t('shell.nav.inbox'),
          <IconChecklist size={20} stroke={1.6} />,
          inbox.data ? (
            <>
              <Badge size="sm" color="red" variant="filled" radius="xl" aria-hidden data-testid="inbox-count">
                {formatNumber(inbox.data, i18n.language === 'en' ? 'en' : 'id')}
              </Badge>
              <VisuallyHidden>{t('shell.nav.inboxCount', { count: inbox.data })}</VisuallyHidden>
            </>
          ) : undefined,
        )}
        {item('/kasus', t('shell.nav.cases'), <IconBriefcase size={20} stroke={1.6} />)}
        {item('/pengumpulan', t('shell.nav.collection'), <IconTablePlus size={20} stroke={1.6} />)}
        {item('/pengukuran', t('shell.nav.measurement'), <IconChartBar size={20} stroke={1.6} />)}
        {item('/perbaikan', t('shell.nav.corrections'), <IconEditCircle size={20} stroke={1.6} />)}
        {item('/sop', t('shell.nav.sop'), <IconFileDescription size={20} stroke={1.6} />)}
        {item('/dokumen-elektronik', t('signedDocs.nav'), <IconSignature size={20} stroke={1.6} />)}
        {item('/buku-agenda', t('numbering.nav'), <IconNotebook size={20} stroke={1.6} />)}
        {item('/arsip', t('archive.nav'), <IconArchive size={20} stroke={1.6} />)}
        <NavLink
          label={t('shell.nav.planning')}
          leftSection={<IconTargetArrow size={20} stroke={1.6} />}
          defaultOpened
          childrenOffset={18}
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
          fw={inPlanning ? 600 : undefined}
        >
          {item('/rencana', t('shell.nav.plans'), <IconTargetArrow size={18} stroke={1.6} />)}
          {item('/perjanjian-kinerja', t('shell.nav.agreements'), <IconFileCertificate size={18} stroke={1.6} />)}
          {item('/monitoring-renstra', t('shell.nav.monitoring'), <IconTimeline size={18} stroke={1.6} />)}
        </NavLink>
        <NavLink
          label={t('shell.nav.organisation')}
          leftSection={<IconSitemap size={20} stroke={1.6} />}
          defaultOpened
          childrenOffset={18}
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
          fw={inOrganisation ? 600 : undefined}
        >
          {item('/organisasi/pemerintah', t('shell.nav.governments'), <IconBuildingEstate size={18} stroke={1.6} />)}
          {item(
            '/organisasi/perangkat-daerah',
            t('shell.nav.agencies'),
            <IconBuildingCommunity size={18} stroke={1.6} />,
          )}
          {item('/organisasi/jabatan', t('shell.nav.positions'), <IconHierarchy2 size={18} stroke={1.6} />)}
          {item('/organisasi/tim', t('shell.nav.teams'), <IconUsersGroup size={18} stroke={1.6} />)}
        </NavLink>
        {item('/pegawai', t('shell.nav.employees'), <IconId size={20} stroke={1.6} />)}
        {admin ? item('/pengguna', t('shell.nav.users'), <IconUsers size={20} stroke={1.6} />) : null}
        {admin ? item('/audit', t('shell.nav.audit'), <IconShieldCheck size={20} stroke={1.6} />) : null}
        {admin ? item('/sertifikat-elektronik', t('signing.nav'), <IconCertificate size={20} stroke={1.6} />) : null}
      </Stack>
    </nav>
  );
}

/** The system admin chooses which government's data the pages show. */
function GovernmentPicker() {
  const { t } = useTranslation();
  const { government, choices, choicesLoading, setGovernmentId } = useGovernment();
  return (
    <Select
      aria-label={t('shell.governmentInView')}
      placeholder={choices.length === 0 && !choicesLoading ? t('shell.noGovernment') : t('shell.governmentPlaceholder')}
      searchable
      size="sm"
      value={government?.id ?? null}
      onChange={(value) => value && setGovernmentId(value)}
      allowDeselect={false}
      nothingFoundMessage={t('common.nothingFound')}
      data={choices.map((g) => ({
        value: g.id,
        label: g.active ? g.name : `${g.name} (${t('common.inactive')})`,
      }))}
      leftSection={<IconBuildingEstate size={16} aria-hidden />}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

function positionLabel(
  p: MeResponse['positions'][number],
  t: (key: 'positions.badge.plt' | 'positions.badge.plh') => string,
) {
  const acting = p.acting ? `${t(`positions.badge.${p.acting}`)} ` : '';
  return `${acting}${p.positionName} — ${p.agencyName}`;
}

/** The position the user acts in; a select when they hold several (e.g. definitive and Plt). */
function ActingPosition({ me }: { me: MeResponse }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  if (me.positions.length === 0) return null;
  if (me.positions.length === 1) {
    const only = me.positions[0];
    if (!only) return null;
    return (
      <Group gap={6} wrap="nowrap" maw={360} data-testid="acting-position">
        {only.acting ? (
          <Badge color="orange" variant="light" size="sm">
            {t(`positions.badge.${only.acting}`)}
          </Badge>
        ) : null}
        <Text size="sm" truncate="end">
          {only.positionName} — {only.agencyName}
        </Text>
      </Group>
    );
  }
  return (
    <Select
      aria-label={t('shell.actingPosition')}
      size="sm"
      w={{ base: '100%', lg: 340 }}
      value={me.actingPositionId}
      allowDeselect={false}
      disabled={busy}
      data={me.positions.map((p) => ({ value: p.positionId, label: positionLabel(p, t) }))}
      comboboxProps={{ withinPortal: true }}
      onChange={async (value) => {
        if (!value || value === me.actingPositionId) return;
        setBusy(true);
        try {
          const next = await api.post<MeResponse>('/auth/acting-position', { positionId: value });
          client.setQueryData(meKey, next);
          const chosen = next.positions.find((p) => p.positionId === value);
          notifications.show({
            color: 'teal',
            message: t('shell.actingChanged', { name: chosen ? positionLabel(chosen, t) : '' }),
          });
        } catch (error) {
          notifications.show({ color: 'red', message: errorText(error) });
        } finally {
          setBusy(false);
        }
      }}
    />
  );
}

function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => word[0]?.toUpperCase() ?? '')
      .join('') || '?'
  );
}

function UserMenu({ me }: { me: MeResponse }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();

  async function signOut() {
    try {
      await api.post('/auth/logout', {}, { quiet401: true });
    } catch {
      // The session may already be gone; signing out locally is what matters.
    }
    setCsrfToken(null);
    client.clear();
    notifications.show({ color: 'sidakin', message: t('shell.signedOut') });
    navigate('/masuk', { replace: true });
  }

  return (
    <Menu position="bottom-end" width={260} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.userMenu')} className="sidakin-user-button" data-testid="user-menu">
          <Group gap={8} wrap="nowrap">
            <Avatar color="sidakin" radius="xl" size={34}>
              {initials(me.user.displayName)}
            </Avatar>
            <Box visibleFrom="sm" maw={180}>
              <Text size="sm" fw={600} truncate="end" lh={1.2}>
                {me.user.displayName}
              </Text>
              <Text size="xs" c="dimmed" truncate="end" lh={1.2}>
                {t(`roles.${me.user.role}`)}
              </Text>
            </Box>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {me.user.displayName} · {me.user.username}
        </Menu.Label>
        <Menu.Item component={Link} to="/akun" leftSection={<IconUserCircle size={16} />}>
          {t('shell.account')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
