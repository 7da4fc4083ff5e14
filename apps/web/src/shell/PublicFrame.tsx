import { Anchor, Box, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { BrandMark } from './BrandMark';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * The frame of a page anyone may open without signing in (document verification, a government's
 * published achievements): the brand with the page's subtitle, the language switch, and a footer
 * with a link to sign in.
 */
export function PublicFrame(props: { subtitle: string; footer: string; size?: 'md' | 'lg'; children: ReactNode }) {
  const { t } = useTranslation();
  const size = props.size ?? 'md';
  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size={size} py="sm">
          <Group justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <BrandMark size={34} />
              <Box style={{ minWidth: 0 }}>
                <Text fw={800} size="lg" lh={1.1} c="sidakin.9">
                  {t('app.name')}
                </Text>
                <Text size="xs" c="dimmed" truncate="end">
                  {props.subtitle}
                </Text>
              </Box>
            </Group>
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Container size={size} py="lg" component="main">
        {props.children}
        <Group justify="space-between" mt="xl" gap="xs">
          <Text size="xs" c="dimmed">
            {props.footer}
          </Text>
          <Anchor component={Link} to="/masuk" size="xs">
            {t('verification.signIn')}
          </Anchor>
        </Group>
      </Container>
    </Box>
  );
}
