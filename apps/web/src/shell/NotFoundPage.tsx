import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Center py={80}>
      <Stack align="center" gap="sm">
        <Title order={1} c="sidakin.9">
          404
        </Title>
        <Text fw={600}>{t('errors.notFoundTitle')}</Text>
        <Text c="dimmed">{t('errors.notFoundBody')}</Text>
        <Button component={Link} to="/">
          {t('errors.toHome')}
        </Button>
      </Stack>
    </Center>
  );
}
