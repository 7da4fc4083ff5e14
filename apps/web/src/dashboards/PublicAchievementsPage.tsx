import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Alert, Box, Card, Group, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { PublicAchievements } from '@sidakin/core';
import { IconWorldOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { formatPercent } from '../collection/model';
import { api, isApiError } from '../lib/api';
import { formatDecimal } from '../plans/model';
import { useFormatters } from '../shell/government';
import { PublicFrame } from '../shell/PublicFrame';
import { ErrorAlert } from '../ui/ErrorAlert';
import { CategoryBadge, formatTarget } from './model';

/** `/publik/:code`: a government's approved achievements, for anyone, when it publishes them. */
export function PublicAchievementsPage() {
  const { t, i18n } = useTranslation();
  const { code = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const year = search.get('year');
  const query = useQuery({
    queryKey: ['public-achievements', code, year],
    queryFn: () =>
      api.get<PublicAchievements>(
        `/public/governments/${encodeURIComponent(code)}/achievements`,
        { year },
        { quiet401: true },
      ),
    retry: false,
    placeholderData: (previous) => previous,
  });
  const d = query.data;
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const phone = useMediaQuery('(max-width: 48em)');
  const { date } = useFormatters();
  return (
    <PublicFrame size="lg" subtitle={t('app.fullName')} footer={t('publicPage.source')}>
      {query.isLoading ? (
        <Skeleton h={320} radius="md" />
      ) : query.error ? (
        isApiError(query.error, 'NOT_FOUND') ? (
          <Alert color="gray" variant="light" icon={<IconWorldOff size={20} />} title={t('publicPage.notFound')}>
            {t('publicPage.notFoundHelp')}
          </Alert>
        ) : (
          <ErrorAlert error={query.error} />
        )
      ) : d ? (
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <div>
              <Title order={1} size="h2">
                {t('publicPage.title', { name: d.government.name })}
              </Title>
              <Text c="dimmed" size="sm" maw={720}>
                {t('publicPage.description')}
              </Text>
            </div>
            <Select
              label={t('publicPage.year')}
              w={130}
              data={(d.years.includes(d.year) ? d.years : [d.year, ...d.years]).map(String)}
              value={String(d.year)}
              allowDeselect={false}
              onChange={(value) => setSearch(value ? { year: value } : {}, { replace: true })}
              comboboxProps={{ withinPortal: true }}
            />
          </Group>
          {d.agencies.length === 0 ? (
            <Alert color="blue" variant="light">
              {t('publicPage.none', { year: d.year })}
            </Alert>
          ) : (
            <>
              <Card withBorder radius="md" padding="md">
                <Title order={2} size="h4">
                  {t('publicPage.agencies')}
                </Title>
                <BarChart
                  mt="md"
                  h={Math.max(160, d.agencies.length * 56)}
                  orientation="vertical"
                  data={d.agencies.map((a) => ({
                    label: a.name.length > 40 ? `${a.name.slice(0, 38)}…` : a.name,
                    capaian: a.achievement === null ? 0 : Number(a.achievement),
                  }))}
                  dataKey="label"
                  yAxisProps={{ width: phone ? 110 : 220 }}
                  series={[{ name: 'capaian', label: t('dashboard.achievement'), color: 'sidakin.6' }]}
                  valueFormatter={(v) => `${v.toLocaleString(locale === 'en' ? 'en-US' : 'id-ID')} %`}
                />
              </Card>
              {d.agencies.map((a) => (
                <Card key={a.name} withBorder radius="md" padding="md">
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <div>
                      <Title order={2} size="h4">
                        {a.name}
                      </Title>
                      <Text size="xs" c="dimmed">
                        {t('publicPage.approvedOn', { date: date(a.approvedOn) })}
                      </Text>
                    </div>
                    <Group gap="xs">
                      <Text fw={700} fz={24} c="sidakin.9">
                        {formatPercent(a.achievement, locale)}
                      </Text>
                      <CategoryBadge bands={d.bands} category={a.category} />
                    </Group>
                  </Group>
                  {phone ? (
                    <Stack gap="sm" mt="sm">
                      {a.objectives.map((o) => (
                        <div key={`o:${o.code}:${o.name}`}>
                          <Group justify="space-between" wrap="nowrap" gap="xs">
                            <Text size="sm" fw={600}>
                              {o.code ? `${o.code} ` : ''}
                              {o.name}
                            </Text>
                            <Text size="sm" fw={700} style={{ whiteSpace: 'nowrap' }}>
                              {formatPercent(o.achievement, locale)}
                            </Text>
                          </Group>
                          {o.indicators.map((i) => (
                            <Box
                              key={`i:${i.code}:${i.name}`}
                              mt={6}
                              p="xs"
                              style={{
                                border: '1px solid var(--mantine-color-gray-3)',
                                borderRadius: 'var(--mantine-radius-sm)',
                              }}
                            >
                              <Text size="sm">{i.name}</Text>
                              <Group justify="space-between" wrap="nowrap" gap="xs" mt={4}>
                                <Text size="xs" c="dimmed">
                                  {t('dashboard.target')} {formatTarget(i.target, 2, locale)} · {t('dashboard.actual')}{' '}
                                  {formatDecimal(i.actual, 2, locale)} {i.unitOfMeasure}
                                </Text>
                                <Group gap={6} wrap="nowrap">
                                  <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                                    {formatPercent(i.achievement, locale)}
                                  </Text>
                                  <CategoryBadge bands={d.bands} category={i.category} />
                                </Group>
                              </Group>
                            </Box>
                          ))}
                        </div>
                      ))}
                    </Stack>
                  ) : (
                    <Table.ScrollContainer minWidth={640} mt="sm">
                      <Table aria-label={a.name} fz="sm">
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th>{t('dashboard.indicator')}</Table.Th>
                            <Table.Th ta="right">{t('dashboard.target')}</Table.Th>
                            <Table.Th ta="right">{t('dashboard.actual')}</Table.Th>
                            <Table.Th ta="right">{t('dashboard.achievement')}</Table.Th>
                            <Table.Th>{t('dashboard.category')}</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {a.objectives.flatMap((o) => [
                            <Table.Tr key={`o:${o.code}:${o.name}`} bg="var(--mantine-color-gray-0)">
                              <Table.Td colSpan={3}>
                                <Text size="sm" fw={600}>
                                  {o.code ? `${o.code} ` : ''}
                                  {o.name}
                                </Text>
                              </Table.Td>
                              <Table.Td ta="right" fw={600}>
                                {formatPercent(o.achievement, locale)}
                              </Table.Td>
                              <Table.Td>
                                <CategoryBadge bands={d.bands} category={o.category} />
                              </Table.Td>
                            </Table.Tr>,
                            ...o.indicators.map((i) => (
                              <Table.Tr key={`i:${o.code}:${i.code}:${i.name}`}>
                                <Table.Td pl="lg">
                                  <Text size="sm">{i.name}</Text>
                                </Table.Td>
                                <Table.Td ta="right">
                                  {formatTarget(i.target, 2, locale)} {i.unitOfMeasure}
                                </Table.Td>
                                <Table.Td ta="right">
                                  {formatDecimal(i.actual, 2, locale)} {i.unitOfMeasure}
                                </Table.Td>
                                <Table.Td ta="right">{formatPercent(i.achievement, locale)}</Table.Td>
                                <Table.Td>
                                  <CategoryBadge bands={d.bands} category={i.category} />
                                </Table.Td>
                              </Table.Tr>
                            )),
                          ])}
                        </Table.Tbody>
                      </Table>
                    </Table.ScrollContainer>
                  )}
                </Card>
              ))}
            </>
          )}
        </Stack>
      ) : null}
    </PublicFrame>
  );
}
