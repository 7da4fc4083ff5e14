import { Anchor, Badge, Button, Card, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  type CollectionPeriod,
  type CollectionPeriodCode,
  collectionPeriodCodes,
  createCollectionPeriodBody,
} from '@sidakin/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { isAdmin, useSession } from '../auth/session';
import { api, govPath } from '../lib/api';
import { blankToUndefined, useForm } from '../lib/form';
import { todayIn } from '../lib/format';
import { useApiMutation, useListParams } from '../lib/query';
import { AgencySelect } from '../org/selects';
import { yearChoices } from '../plans/PlansPage';
import { useFormatters } from '../shell/government';
import { DataState } from '../ui/DataState';
import { FormModal } from '../ui/FormModal';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { periodPhase, phaseColors } from './model';
import { collectionKey, usePeriods } from './queries';

export function PeriodPhaseBadge({ period }: { period: CollectionPeriod }) {
  const { t } = useTranslation();
  const { timeZone } = useFormatters();
  const phase = periodPhase(period, todayIn(timeZone));
  return (
    <Badge color={phaseColors[phase]} variant={phase === 'locked' ? 'filled' : 'light'} radius="sm">
      {t(`collection.phases.${phase}`)}
    </Badge>
  );
}

/** "1 Okt 2026 – 15 Des 2026". */
export function useWindowText() {
  const { date } = useFormatters();
  return (p: Pick<CollectionPeriod, 'opensOn' | 'closesOn'>) => `${date(p.opensOn)} – ${date(p.closesOn)}`;
}

export function PeriodsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const admin = isAdmin(me.user.role);
  const [creating, { open, close }] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title={t('collection.title')}
        description={t('collection.description')}
        actions={
          admin ? (
            <Button leftSection={<IconPlus size={18} />} onClick={open}>
              {t('collection.createPeriod')}
            </Button>
          ) : null
        }
      />
      <NeedGovernment>
        {(governmentId) => (
          <>
            <PeriodList governmentId={governmentId} />
            {admin ? <CreatePeriodModal governmentId={governmentId} opened={creating} onClose={close} /> : null}
          </>
        )}
      </NeedGovernment>
    </>
  );
}

function PeriodList({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const params = useListParams();
  const windowText = useWindowText();
  const agencyId = params.get('agencyId');
  const year = params.get('year');
  const query = usePeriods(governmentId, { agencyId, year });
  const items = query.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="md">
      <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
        <Select
          aria-label={t('collection.year')}
          placeholder={t('plans.anyYear')}
          clearable
          w={{ base: '100%', sm: 130 }}
          data={yearChoices()}
          value={year}
          onChange={(value) => params.update({ year: value })}
          comboboxProps={{ withinPortal: true }}
        />
        <AgencySelect
          aria-label={t('collection.agency')}
          placeholder={t('common.allAgencies')}
          clearable
          w={{ base: '100%', sm: 280 }}
          value={agencyId}
          onChange={(value) => params.update({ agencyId: value })}
        />
      </Group>
      <DataState
        loading={query.isLoading}
        error={query.error}
        empty={items.length === 0}
        filtered={params.filtered}
        emptyText={t('collection.emptyPeriods')}
      >
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label={t('collection.periods')} highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('collection.period')}</Table.Th>
                <Table.Th>{t('collection.agency')}</Table.Th>
                <Table.Th>{t('collection.window')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/pengumpulan/${p.id}`} fw={600} size="sm">
                      {p.label}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.agencyName}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {windowText(p)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <PeriodPhaseBadge period={p} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </DataState>
    </Card>
  );
}

function CreatePeriodModal(props: { governmentId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm({
    agencyId: null as string | null,
    year: String(new Date().getFullYear()) as string | null,
    period: 'q1' as string | null,
    label: '',
    opensOn: '',
    closesOn: '',
  });
  const create = useApiMutation(
    (body: unknown) => api.post<CollectionPeriod>(govPath(props.governmentId, '/collection-periods'), body),
    {
      invalidate: [collectionKey(props.governmentId)],
      successMessage: t('common.created'),
      onSuccess: (created) => {
        props.onClose();
        navigate(`/pengumpulan/${created.id}`);
      },
      onError: form.applyError,
    },
  );
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={t('collection.createPeriodTitle')}
      submitting={create.isPending}
      formError={form.formError}
      onSubmit={() => {
        const v = form.values;
        const body = form.validate(createCollectionPeriodBody, {
          agencyId: v.agencyId ?? '',
          year: Number(v.year),
          period: v.period,
          label: blankToUndefined(v.label),
          opensOn: v.opensOn,
          closesOn: v.closesOn,
        });
        if (body) create.mutate(body);
      }}
    >
      <AgencySelect label={t('collection.agency')} required {...form.select('agencyId')} />
      <Group grow align="flex-start">
        <Select
          label={t('collection.year')}
          required
          data={yearChoices()}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.select('year')}
        />
        <Select
          label={t('collection.period')}
          required
          allowDeselect={false}
          data={collectionPeriodCodes.map((code) => ({ value: code, label: periodCodeLabel(t, code) }))}
          comboboxProps={{ withinPortal: true }}
          {...form.select('period')}
        />
      </Group>
      <TextInput label={t('collection.label')} description={t('collection.labelHint')} {...form.text('label')} />
      <Group grow align="flex-start">
        <TextInput type="date" label={t('collection.opensOn')} required {...form.text('opensOn')} />
        <TextInput type="date" label={t('collection.closesOn')} required {...form.text('closesOn')} />
      </Group>
    </FormModal>
  );
}

/** "Triwulan I" / "Januari". */
export function periodCodeLabel(t: (key: 'collection.codes.q1') => string, code: CollectionPeriodCode): string {
  return t(`collection.codes.${code}` as 'collection.codes.q1');
}
