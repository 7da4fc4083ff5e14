import { Alert, Anchor, Button, Card, Grid, Group, Skeleton, Stack, Tabs, Title } from '@mantine/core';
import { type Government, updateGovernmentBody } from '@sidakin/core';
import {
  IconArrowLeft,
  IconBuildingEstate,
  IconCalendarTime,
  IconChartBar,
  IconDeviceFloppy,
  IconInfoCircle,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useSession } from '../auth/session';
import { PublicAchievementsCard } from '../dashboards/PublicAchievementsCard';
import { api } from '../lib/api';
import { useRecordEditor } from '../lib/editor';
import { useForm } from '../lib/form';
import { MeasurementSettingsPanel } from '../measurement/MeasurementSettingsPanel';
import { ErrorAlert } from '../ui/ErrorAlert';
import { PageHeader } from '../ui/PageHeader';
import { StaleAlert } from '../ui/StaleAlert';
import { StatusBadge } from '../ui/StatusBadge';
import {
  GovernmentContactFields,
  GovernmentIdentityFields,
  governmentBody,
  governmentValues,
  LetterheadField,
  letterheadLinesOf,
  RequireTotpField,
} from './GovernmentFields';
import { KopPreview, LogoCard } from './KopSurat';
import { WorkingCalendarPanel } from './WorkingCalendar';

export function GovernmentDetailPage() {
  const { t } = useTranslation();
  const { governmentId = '' } = useParams();
  const query = useQuery({
    queryKey: ['government', governmentId],
    queryFn: () => api.get<Government>(`/governments/${governmentId}`),
  });
  const back = (
    <Anchor component={Link} to="/organisasi/pemerintah" size="sm" mb="xs" display="inline-flex">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden />
        {t('governments.backToList')}
      </Group>
    </Anchor>
  );

  if (query.isLoading) {
    return (
      <>
        <PageHeader title={t('governments.detailTitle')} above={back} />
        <Skeleton h={400} radius="md" />
      </>
    );
  }
  if (query.error || !query.data) {
    return (
      <>
        <PageHeader title={t('governments.detailTitle')} above={back} />
        <ErrorAlert error={query.error ?? new Error(t('governments.notFound'))} />
      </>
    );
  }
  return <GovernmentEditor key={query.data.id} government={query.data} back={back} />;
}

function GovernmentEditor({ government, back }: { government: Government; back: ReactNode }) {
  const { t } = useTranslation();
  const me = useSession();
  const canEdit =
    me.user.role === 'system_admin' || (me.user.role === 'gov_admin' && me.user.governmentId === government.id);
  const form = useForm(governmentValues(government));
  const editor = useRecordEditor({
    form,
    record: government,
    opened: true,
    valuesOf: (g) => governmentValues(g ?? undefined),
    path: '/governments',
    invalidate: [['government', government.id], ['governments'], ['me']],
    // Only our own save replaces the form; a logo upload refetches the record but must not
    // throw away fields being edited.
    onSaved: (saved) => form.reset(governmentValues(saved)),
  });
  const [logoVersion, setLogoVersion] = useState(() => government.updatedAt);
  const [pendingLogo, setPendingLogo] = useState<string | null>(null);
  const onPreview = useCallback((src: string | null) => setPendingLogo(src), []);

  function onLogoUploaded(after: Government) {
    setLogoVersion(after.updatedAt);
    // The upload gave the record a new version. Take it as the one being edited only while the
    // fields this form writes are still as loaded, so a change someone else made is still caught.
    const loaded = editor.record ?? government;
    if (JSON.stringify(governmentValues(after)) === JSON.stringify(governmentValues(loaded))) editor.setRecord(after);
  }

  /** The calendar tab saved the record: keep editing the new version while the profile in it is unchanged. */
  function onCalendarSaved(after: Government) {
    const loaded = editor.record ?? government;
    if (JSON.stringify(governmentValues(after)) === JSON.stringify(governmentValues(loaded))) editor.setRecord(after);
  }

  const [params, setParams] = useSearchParams();
  const section = params.get('bagian');
  const tab = section === 'kalender' || section === 'pengukuran' ? section : 'profil';

  const logoSrc = government.hasLogo
    ? `/api/governments/${government.id}/logo?v=${encodeURIComponent(logoVersion)}`
    : null;

  function submit() {
    const body = form.validate(updateGovernmentBody, {
      ...governmentBody(form.values, 'edit'),
      expectedUpdatedAt: editor.expectedUpdatedAt,
    });
    if (body) editor.save(body);
  }

  return (
    <>
      <PageHeader
        above={back}
        title={government.name}
        description={
          <Group gap="xs" component="span">
            <span>{t('governments.detailTitle')}</span>
            <StatusBadge active={government.active} />
          </Group>
        }
        actions={
          canEdit && tab === 'profil' ? (
            <Button
              type="submit"
              form="government-profile"
              leftSection={<IconDeviceFloppy size={18} />}
              loading={editor.saving}
              disabled={Boolean(editor.stale)}
            >
              {t('common.saveChanges')}
            </Button>
          ) : null
        }
      />
      <Tabs
        value={tab}
        onChange={(value) =>
          setParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              if (value === 'kalender' || value === 'pengukuran') next.set('bagian', value);
              else next.delete('bagian');
              return next;
            },
            { replace: true },
          )
        }
      >
        <Tabs.List mb="md" aria-label={t('governments.tabsLabel')}>
          <Tabs.Tab value="profil" leftSection={<IconBuildingEstate size={16} />}>
            {t('governments.tabs.profile')}
          </Tabs.Tab>
          <Tabs.Tab value="kalender" leftSection={<IconCalendarTime size={16} />}>
            {t('governments.tabs.calendar')}
          </Tabs.Tab>
          <Tabs.Tab value="pengukuran" leftSection={<IconChartBar size={16} />}>
            {t('governments.tabs.measurement')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="profil">
          <form
            id="government-profile"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            <Stack gap="md">
              {!canEdit ? (
                <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
                  {t('common.readOnly')}
                </Alert>
              ) : null}
              {editor.stale ? <StaleAlert stale={editor.stale} hint={t('stale.formHint')} /> : null}
              {form.formError ? <ErrorAlert error={new Error(form.formError)} title={t('errors.unexpected')} /> : null}
              <Grid gutter="md">
                <Grid.Col span={{ base: 12, lg: 6 }}>
                  <Stack gap="md">
                    <Card withBorder radius="md" padding="lg">
                      <Title order={2} size="h4" mb="sm">
                        {t('governments.identity')}
                      </Title>
                      <Stack gap="sm">
                        <GovernmentIdentityFields form={form} mode="edit" readOnly={!canEdit} />
                      </Stack>
                    </Card>
                    <Card withBorder radius="md" padding="lg">
                      <Title order={2} size="h4" mb="sm">
                        {t('governments.contact')}
                      </Title>
                      <Stack gap="sm">
                        <GovernmentContactFields form={form} readOnly={!canEdit} />
                      </Stack>
                    </Card>
                    <Card withBorder radius="md" padding="lg">
                      <Title order={2} size="h4" mb="sm">
                        {t('governments.security')}
                      </Title>
                      <RequireTotpField form={form} readOnly={!canEdit} />
                    </Card>
                  </Stack>
                </Grid.Col>
                <Grid.Col span={{ base: 12, lg: 6 }}>
                  <Stack gap="md">
                    <Card withBorder radius="md" padding="lg">
                      <Title order={2} size="h4" mb="sm">
                        {t('governments.letterhead')}
                      </Title>
                      <Stack gap="sm">
                        <LetterheadField form={form} readOnly={!canEdit} />
                        <div>
                          <Title order={3} size="h6" c="dimmed" mb={6}>
                            {t('governments.letterheadPreview')}
                          </Title>
                          <Card withBorder padding={0} radius="sm">
                            <KopPreview
                              lines={letterheadLinesOf(form.values.letterheadLines)}
                              logoSrc={pendingLogo ?? logoSrc}
                              name={form.values.name}
                            />
                          </Card>
                        </div>
                      </Stack>
                    </Card>
                    <LogoCard
                      governmentId={government.id}
                      canEdit={canEdit}
                      currentSrc={logoSrc}
                      onPreview={onPreview}
                      onUploaded={onLogoUploaded}
                    />
                  </Stack>
                </Grid.Col>
              </Grid>
            </Stack>
          </form>
        </Tabs.Panel>
        <Tabs.Panel value="kalender">
          {!canEdit ? (
            <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} mb="md">
              {t('common.readOnly')}
            </Alert>
          ) : null}
          <WorkingCalendarPanel government={editor.record ?? government} canEdit={canEdit} onSaved={onCalendarSaved} />
        </Tabs.Panel>
        <Tabs.Panel value="pengukuran">
          {tab === 'pengukuran' ? (
            <>
              <MeasurementSettingsPanel governmentId={government.id} canEdit={canEdit} />
              <PublicAchievementsCard governmentId={government.id} canEdit={canEdit} />
            </>
          ) : null}
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
