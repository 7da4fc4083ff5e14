import { Anchor, Badge, Button, Card, Group, SegmentedControl, Select, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type Agreement, createAgreementBody, type Page, type Plan } from '@sidakin/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useCanEdit } from '../auth/session';
import { api, govPath } from '../lib/api';
import { useForm } from '../lib/form';
import { listPageSize, useApiMutation, useListParams } from '../lib/query';
import { AgencySelect, UnitSelect } from '../org/selects';
import { useFormatters } from '../shell/government';
import { DataState } from '../ui/DataState';
import { FormModal } from '../ui/FormModal';
import { ListFooter } from '../ui/ListFooter';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { yearChoices } from './PlansPage';
import { agreementsKey } from './queries';

export function AgreementStatusBadge({ agreement }: { agreement: Pick<Agreement, 'status'> }) {
  const { t } = useTranslation();
  return (
    <Badge color={agreement.status === 'signed' ? 'teal' : 'gray'} variant="light" radius="sm">
      {t(`agreements.statuses.${agreement.status}`)}
    </Badge>
  );
}

export function VersionBadge({ agreement }: { agreement: Pick<Agreement, 'versionKind' | 'versionNo'> }) {
  const { t } = useTranslation();
  return (
    <Badge color={agreement.versionKind === 'murni' ? 'sidakin' : 'orange'} variant="outline" radius="sm">
      {agreement.versionKind === 'murni'
        ? t('agreements.murni')
        : t('agreements.perubahanNo', { no: agreement.versionNo - 1 })}
    </Badge>
  );
}

/** "Dinas Perdagangan" or "Bidang Metrologi Legal — Dinas Perdagangan". */
export function agreementParty(agreement: Pick<Agreement, 'agencyName' | 'unitName'>): string {
  return agreement.unitName ? `${agreement.unitName} — ${agreement.agencyName}` : agreement.agencyName;
}

export function AgreementsPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const [creating, { open, close }] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title={t('agreements.title')}
        description={t('agreements.description')}
        actions={
          canEdit ? (
            <Button leftSection={<IconPlus size={18} />} onClick={open}>
              {t('agreements.create')}
            </Button>
          ) : null
        }
      />
      <NeedGovernment>
        {(governmentId) => (
          <>
            <AgreementList governmentId={governmentId} />
            {canEdit ? <CreateAgreementModal governmentId={governmentId} opened={creating} onClose={close} /> : null}
          </>
        )}
      </NeedGovernment>
    </>
  );
}

const filterKeys = ['agencyId', 'unitId', 'year', 'planId', 'level', 'current'] as const;

function AgreementList({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const { date } = useFormatters();
  const params = useListParams();
  const request: Record<string, string | number | null> = { page: params.page, pageSize: listPageSize };
  for (const key of filterKeys) request[key] = params.get(key);
  const query = useQuery({
    queryKey: [...agreementsKey(governmentId), 'list', request],
    queryFn: () => api.get<Page<Agreement>>(govPath(governmentId, '/performance-agreements'), request),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];
  const agencyId = params.get('agencyId');
  return (
    <Card withBorder radius="md" padding="md">
      <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
        <Select
          aria-label={t('agreements.year')}
          placeholder={t('plans.anyYear')}
          clearable
          w={{ base: '100%', sm: 130 }}
          data={yearChoices()}
          value={params.get('year')}
          onChange={(value) => params.update({ year: value })}
          comboboxProps={{ withinPortal: true }}
        />
        <AgencySelect
          aria-label={t('agreements.agency')}
          placeholder={t('common.allAgencies')}
          clearable
          w={{ base: '100%', sm: 240 }}
          value={agencyId}
          onChange={(value) => params.update({ agencyId: value, unitId: null })}
        />
        <UnitSelect
          aria-label={t('agreements.unit')}
          placeholder={agencyId ? t('agreements.allUnits') : t('agreements.chooseAgencyFirst')}
          clearable
          agencyId={agencyId}
          w={{ base: '100%', sm: 260 }}
          value={params.get('unitId')}
          onChange={(value) => params.update({ unitId: value })}
        />
        {params.get('planId') ? (
          <Button
            variant="light"
            size="sm"
            rightSection={<IconX size={14} aria-hidden />}
            aria-label={t('agreements.clearPlanFilter')}
            onClick={() => params.update({ planId: null })}
          >
            {t('agreements.planFilter')}
          </Button>
        ) : null}
        <SegmentedControl
          aria-label={t('agreements.level')}
          value={params.get('level') ?? 'all'}
          onChange={(value) => params.update({ level: value === 'all' ? null : value })}
          data={[
            { value: 'all', label: t('common.all') },
            { value: 'agency', label: t('agreements.levels.agency') },
            { value: 'unit', label: t('agreements.levels.unit') },
          ]}
        />
        <SegmentedControl
          aria-label={t('agreements.versionsFilter')}
          value={params.get('current') ?? 'true'}
          onChange={(value) => params.update({ current: value === 'true' ? null : value })}
          data={[
            { value: 'true', label: t('agreements.currentOnly') },
            { value: 'all', label: t('agreements.allVersions') },
          ]}
        />
      </Group>
      <DataState
        loading={query.isLoading}
        error={query.error}
        empty={items.length === 0}
        filtered={params.filtered}
        emptyText={t('agreements.empty')}
      >
        <Table.ScrollContainer minWidth={760}>
          <Table aria-label={t('agreements.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('agreements.party')}</Table.Th>
                <Table.Th>{t('agreements.year')}</Table.Th>
                <Table.Th>{t('agreements.version')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/perjanjian-kinerja/${a.id}`} fw={600} size="sm">
                      {a.unitName ?? a.agencyName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {a.unitName ? a.agencyName : t('agreements.levels.agency')}
                    </Text>
                  </Table.Td>
                  <Table.Td>{a.year}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <VersionBadge agreement={a} />
                      {a.current ? null : (
                        <Badge color="gray" variant="light" radius="sm">
                          {t('agreements.superseded')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <AgreementStatusBadge agreement={a} />
                      {a.signedOn ? (
                        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                          {date(a.signedOn)}
                        </Text>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </DataState>
      <ListFooter page={params.page} pageSize={listPageSize} total={query.data?.total ?? 0} onPage={params.setPage} />
    </Card>
  );
}

function CreateAgreementModal(props: { governmentId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm({
    agencyId: null as string | null,
    planId: null as string | null,
    unitId: null as string | null,
    year: String(new Date().getFullYear()) as string | null,
  });
  const plans = useQuery({
    queryKey: [...agreementsKey(props.governmentId), 'plan-options', form.values.agencyId],
    queryFn: () =>
      api.get<Page<Plan>>(govPath(props.governmentId, '/plans'), { agencyId: form.values.agencyId, pageSize: 100 }),
    enabled: Boolean(form.values.agencyId),
  });
  const create = useApiMutation(
    (body: unknown) => api.post<Agreement>(govPath(props.governmentId, '/performance-agreements'), body),
    {
      invalidate: [agreementsKey(props.governmentId)],
      successMessage: t('common.created'),
      onSuccess: (created) => {
        props.onClose();
        navigate(`/perjanjian-kinerja/${created.id}`);
      },
      onError: form.applyError,
    },
  );
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={t('agreements.createTitle')}
      submitting={create.isPending}
      formError={form.formError}
      onSubmit={() => {
        const v = form.values;
        const body = form.validate(createAgreementBody, {
          planId: v.planId ?? '',
          unitId: v.unitId,
          year: Number(v.year),
        });
        if (body) create.mutate(body);
      }}
    >
      <AgencySelect
        label={t('agreements.agency')}
        required
        value={form.values.agencyId}
        onChange={(value) => {
          form.setField('agencyId', value);
          form.setField('planId', null);
          form.setField('unitId', null);
        }}
      />
      <Select
        label={t('agreements.plan')}
        required
        data={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
        disabled={!form.values.agencyId}
        comboboxProps={{ withinPortal: true }}
        {...form.select('planId')}
      />
      <Select
        label={t('agreements.year')}
        required
        data={yearChoices()}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        {...form.select('year')}
      />
      <UnitSelect
        label={t('agreements.unit')}
        description={t('agreements.unitHint')}
        placeholder={t('agreements.agencyItself')}
        clearable
        agencyId={form.values.agencyId}
        {...form.select('unitId')}
      />
    </FormModal>
  );
}
