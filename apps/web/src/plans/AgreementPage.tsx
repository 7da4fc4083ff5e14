import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type AgreementDetail, type AgreementIndicator, quarters, type Signatory } from '@sidakin/core';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconCash,
  IconGitBranch,
  IconHistory,
  IconPencil,
  IconSignature,
  IconUsers,
} from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCanEdit } from '../auth/session';
import { agreementImport } from '../imports/adapters';
import { ExcelActions } from '../imports/ImportWizard';
import { formatNip } from '../lib/format';
import { useFormatters } from '../shell/government';
import { ErrorAlert } from '../ui/ErrorAlert';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { IconAction } from '../ui/RowActions';
import {
  BudgetsModal,
  CascadeModal,
  ReviseModal,
  RowTargetsModal,
  SignatoriesModal,
  SignModal,
} from './AgreementForms';
import { AgreementStatusBadge, agreementParty, VersionBadge } from './AgreementsPage';
import { formatRupiah, formatTarget, quarterLabels } from './model';
import { useAgreement, useAgreementVersions, useLocale } from './queries';

export function AgreementPage() {
  return <NeedGovernment>{(governmentId) => <AgreementView governmentId={governmentId} />}</NeedGovernment>;
}

type Dialog =
  | { kind: 'row'; row: AgreementIndicator }
  | { kind: 'budgets' }
  | { kind: 'signatories' }
  | { kind: 'sign' }
  | { kind: 'revise' }
  | { kind: 'cascade' };

function AgreementView({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const { agreementId = '' } = useParams();
  const canEdit = useCanEdit();
  const { date } = useFormatters();
  const query = useAgreement(governmentId, agreementId);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const back = (
    <Anchor component={Link} to="/perjanjian-kinerja" size="sm" mb="xs" display="inline-flex">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden />
        {t('agreements.backToList')}
      </Group>
    </Anchor>
  );
  if (query.isLoading) {
    return (
      <>
        <PageHeader title={t('agreements.title')} above={back} />
        <Skeleton h={320} radius="md" />
      </>
    );
  }
  if (query.error || !query.data) {
    return (
      <>
        <PageHeader title={t('agreements.title')} above={back} />
        <ErrorAlert error={query.error ?? new Error(t('agreements.notFound'))} />
      </>
    );
  }
  const agreement = query.data;
  const draft = agreement.status === 'draft';
  const editable = canEdit && draft;
  const close = () => setDialog(null);
  return (
    <>
      <PageHeader
        above={back}
        title={t('agreements.pageTitle', { year: agreement.year })}
        description={
          <Group gap="xs" component="span" wrap="wrap">
            <Text span fw={600} c="dark">
              {agreementParty(agreement)}
            </Text>
            <VersionBadge agreement={agreement} />
            <AgreementStatusBadge agreement={agreement} />
            {agreement.signedOn ? (
              <span>{t('agreements.signedOnValue', { date: date(agreement.signedOn) })}</span>
            ) : null}
            {agreement.current ? null : (
              <Badge color="gray" variant="light" radius="sm">
                {t('agreements.superseded')}
              </Badge>
            )}
          </Group>
        }
        actions={[
          <ExcelActions
            key="excel"
            target={agreementImport(governmentId, agreement.id)}
            canImport={editable && agreement.current}
            subject={`${t('agreements.pageTitle', { year: agreement.year })} — ${agreementParty(agreement)}`}
          />,
          canEdit ? (
            <Fragment key="edit">
              {draft ? (
                <>
                  <Button
                    variant="default"
                    leftSection={<IconUsers size={16} />}
                    onClick={() => setDialog({ kind: 'signatories' })}
                  >
                    {t('agreements.editSignatories')}
                  </Button>
                  <Button
                    variant="default"
                    leftSection={<IconCash size={16} />}
                    onClick={() => setDialog({ kind: 'budgets' })}
                  >
                    {t('agreements.editBudgets')}
                  </Button>
                  <Button leftSection={<IconSignature size={16} />} onClick={() => setDialog({ kind: 'sign' })}>
                    {t('agreements.sign')}
                  </Button>
                </>
              ) : null}
              {!draft && agreement.current ? (
                <Button
                  variant="light"
                  color="orange"
                  leftSection={<IconPencil size={16} />}
                  onClick={() => setDialog({ kind: 'revise' })}
                >
                  {t('agreements.revise')}
                </Button>
              ) : null}
              {agreement.current ? (
                <Button
                  variant="light"
                  leftSection={<IconGitBranch size={16} />}
                  onClick={() => setDialog({ kind: 'cascade' })}
                >
                  {t('agreements.cascade')}
                </Button>
              ) : null}
            </Fragment>
          ) : null,
        ]}
      />
      <Stack gap="lg">
        {agreement.versionKind === 'perubahan' ? (
          <Alert color="orange" variant="light" title={t('agreements.reason')} icon={<IconPencil size={18} />}>
            {agreement.reason}
          </Alert>
        ) : null}
        <Card withBorder radius="md" padding="md" className="pk-form">
          <Box ta="center" mb="md">
            <Title order={2} fz={{ base: 'md', sm: 'lg' }} tt="uppercase">
              {t('agreements.formTitle', { year: agreement.year })}
            </Title>
            <Text fw={600} size="sm" tt="uppercase">
              {agreementParty(agreement)}
            </Text>
          </Box>
          <IndicatorsTable
            agreement={agreement}
            editable={editable}
            onEdit={(row) => setDialog({ kind: 'row', row })}
          />
          <BudgetsTable agreement={agreement} />
          <Signatures agreement={agreement} />
        </Card>
        <Versions governmentId={governmentId} agreement={agreement} />
      </Stack>
      {canEdit ? (
        <>
          <RowTargetsModal
            governmentId={governmentId}
            agreement={agreement}
            row={dialog?.kind === 'row' ? dialog.row : null}
            opened={dialog?.kind === 'row'}
            onClose={close}
          />
          <BudgetsModal
            governmentId={governmentId}
            agreement={agreement}
            opened={dialog?.kind === 'budgets'}
            onClose={close}
          />
          <SignatoriesModal
            governmentId={governmentId}
            agreement={agreement}
            opened={dialog?.kind === 'signatories'}
            onClose={close}
          />
          <SignModal
            governmentId={governmentId}
            agreement={agreement}
            opened={dialog?.kind === 'sign'}
            onClose={close}
          />
          <ReviseModal
            governmentId={governmentId}
            agreement={agreement}
            opened={dialog?.kind === 'revise'}
            onClose={close}
          />
          <CascadeModal
            governmentId={governmentId}
            agreement={agreement}
            opened={dialog?.kind === 'cascade'}
            onClose={close}
          />
        </>
      ) : null}
    </>
  );
}

function IndicatorsTable(props: {
  agreement: AgreementDetail;
  editable: boolean;
  onEdit: (row: AgreementIndicator) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { agreement } = props;
  return (
    <Box mb="lg">
      <Text fw={700} component="h3" m={0} mb="xs">
        {t('agreements.indicators')}
      </Text>
      {agreement.indicators.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('agreements.noIndicators')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={920}>
          <Table
            withTableBorder
            withColumnBorders
            fz="sm"
            verticalSpacing={6}
            horizontalSpacing="xs"
            aria-label={t('agreements.indicatorsTable', { year: agreement.year })}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>{t('agreements.no')}</Table.Th>
                <Table.Th>{t('agreements.objectiveOrProgram')}</Table.Th>
                <Table.Th>{t('plans.indicator')}</Table.Th>
                <Table.Th>{t('plans.unitOfMeasure')}</Table.Th>
                <Table.Th ta="right">{t('agreements.annualTarget')}</Table.Th>
                {quarters.map((q) => (
                  <Table.Th key={q} ta="right">
                    {quarterLabels[q]}
                  </Table.Th>
                ))}
                <Table.Th>{t('agreements.notes')}</Table.Th>
                {props.editable ? <Table.Th ta="right">{t('common.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agreement.indicators.map((row, index) => {
                const label = row.code ? `${row.code} ${row.name}` : row.name;
                const warned = (path: string) => row.warnings.some((w) => w.path === path);
                return (
                  <Table.Tr key={row.id} data-indicator={row.code || row.id}>
                    <Table.Td>{index + 1}</Table.Td>
                    <Table.Td miw={180}>
                      <Text size="xs" c="dimmed">
                        {t(`plans.kinds.${row.nodeKind}`)} {row.nodeCode}
                      </Text>
                      <Text size="sm">{row.nodeName}</Text>
                    </Table.Td>
                    <Table.Td miw={200}>
                      <Group gap={6}>
                        {row.code ? (
                          <Text size="xs" ff="monospace" c="dimmed">
                            {row.code}
                          </Text>
                        ) : null}
                        {row.isKey ? (
                          <Badge size="xs" color="orange" variant="filled" radius="sm">
                            {t('plans.key')}
                          </Badge>
                        ) : null}
                      </Group>
                      <Text size="sm" fw={500}>
                        {row.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>{row.unitOfMeasure}</Table.Td>
                    <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }} data-quarter="year">
                      {formatTarget(row.annual, row.decimals, locale)}
                    </Table.Td>
                    {quarters.map((q) => (
                      <Table.Td
                        key={q}
                        ta="right"
                        style={{ whiteSpace: 'nowrap' }}
                        data-quarter={q}
                        bg={warned(`quarters.${q}`) ? 'var(--mantine-color-orange-light)' : undefined}
                      >
                        {formatTarget(row.quarters[q], row.decimals, locale)}
                      </Table.Td>
                    ))}
                    <Table.Td miw={180}>
                      {row.warnings.length > 0 ? (
                        <Stack gap={4} data-testid="row-warnings">
                          {row.warnings.map((w) => (
                            <Group key={`${w.code}-${w.path}`} gap={4} wrap="nowrap" align="flex-start">
                              <IconAlertTriangle
                                size={14}
                                color="var(--mantine-color-orange-7)"
                                aria-hidden
                                style={{ flexShrink: 0, marginTop: 2 }}
                              />
                              <Text size="xs" c="orange.9">
                                {w.message}
                              </Text>
                            </Group>
                          ))}
                        </Stack>
                      ) : (
                        <Text size="xs" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                    {props.editable ? (
                      <Table.Td>
                        <Group justify="flex-end">
                          <IconAction
                            label={t('agreements.editTargetsNamed', { name: label })}
                            onClick={() => props.onEdit(row)}
                          >
                            <IconPencil size={18} />
                          </IconAction>
                        </Group>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Box>
  );
}

function BudgetsTable({ agreement }: { agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Box mb="xl">
      <Text fw={700} component="h3" m={0} mb="xs">
        {t('agreements.budgets')}
      </Text>
      {agreement.budgets.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('agreements.noBudgets')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={340}>
          <Table withTableBorder withColumnBorders fz="sm" verticalSpacing={6} aria-label={t('agreements.budgets')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>{t('agreements.no')}</Table.Th>
                <Table.Th>{t('agreements.programActivity')}</Table.Th>
                <Table.Th ta="right">{t('agreements.budgetAmount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agreement.budgets.map((b, index) => (
                <Table.Tr key={b.nodeId}>
                  <Table.Td>{index + 1}</Table.Td>
                  <Table.Td pl={b.nodeKind === 'program' ? undefined : b.nodeKind === 'activity' ? 'lg' : 'xl'}>
                    <Text size="xs" c="dimmed">
                      {t(`plans.kinds.${b.nodeKind}`)} {b.nodeCode}
                    </Text>
                    <Text size="sm">{b.nodeName}</Text>
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatRupiah(b.amount, locale)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th />
                <Table.Th>{t('agreements.budgetTotal')}</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="budget-total">
                  {formatRupiah(agreement.budgetTotal, locale)}
                </Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </Box>
  );
}

/** The official form puts the second party (the superior) on the left and the first party on the right. */
function Signatures({ agreement }: { agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const { date } = useFormatters();
  return (
    <Box>
      {agreement.signedOn ? (
        <Text size="sm" ta="right" mb="sm">
          {t('agreements.placeDate', { date: date(agreement.signedOn) })}
        </Text>
      ) : null}
      <SimpleGrid cols={2} spacing={{ base: 'sm', sm: 'xl' }}>
        <SignatoryBlock party="second" signatory={agreement.signatories.second} />
        <SignatoryBlock party="first" signatory={agreement.signatories.first} />
      </SimpleGrid>
    </Box>
  );
}

function SignatoryBlock({ party, signatory }: { party: 'first' | 'second'; signatory: Signatory | null }) {
  const { t } = useTranslation();
  const heading = party === 'first' ? t('agreements.firstParty') : t('agreements.secondParty');
  return (
    <Box ta="center" role="group" aria-label={heading} data-party={party}>
      <Text fw={700} size="sm" tt="uppercase">
        {heading},
      </Text>
      {signatory ? (
        <>
          <Text size="sm" mih={40}>
            {signatory.acting !== 'definitive' ? `${t(`positions.badge.${signatory.acting}`)}. ` : ''}
            {signatory.title}
          </Text>
          <Box h={56} />
          <Text size="sm" fw={700} td="underline" style={{ overflowWrap: 'anywhere' }}>
            {signatory.name}
          </Text>
          {signatory.nip ? (
            <Text size="xs" className="nip">
              {t('agreements.nip')} {formatNip(signatory.nip)}
            </Text>
          ) : null}
        </>
      ) : (
        <Text size="sm" c="dimmed" mt="md">
          {t('agreements.noSignatory')}
        </Text>
      )}
    </Box>
  );
}

function Versions({ governmentId, agreement }: { governmentId: string; agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const { date } = useFormatters();
  const versions = useAgreementVersions(governmentId, agreement.id);
  const items = versions.data?.items ?? [];
  return (
    <Card withBorder radius="md" padding="md">
      <Group gap="xs" mb="sm">
        <IconHistory size={18} aria-hidden />
        <Text fw={700} component="h2" m={0} size="lg">
          {t('agreements.versions')}
        </Text>
      </Group>
      {versions.error ? <ErrorAlert error={versions.error} /> : null}
      <List listStyleType="none" spacing="sm" aria-label={t('agreements.versions')} p={0} m={0}>
        {items.map((v) => (
          <List.Item
            key={v.id}
            aria-label={t('agreements.versionNo', { no: v.versionNo })}
            aria-current={v.id === agreement.id ? 'true' : undefined}
          >
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600}>
                {t('agreements.versionNo', { no: v.versionNo })}
              </Text>
              <VersionBadge agreement={v} />
              <AgreementStatusBadge agreement={v} />
              {v.signedOn ? (
                <Text size="xs" c="dimmed">
                  {t('agreements.signedOnValue', { date: date(v.signedOn) })}
                </Text>
              ) : null}
              {v.current ? (
                <Badge size="sm" color="teal" variant="filled" radius="sm">
                  {t('agreements.inForce')}
                </Badge>
              ) : null}
              {v.id === agreement.id ? (
                <Text size="xs" c="dimmed">
                  ({t('agreements.viewing')})
                </Text>
              ) : (
                <Anchor component={Link} to={`/perjanjian-kinerja/${v.id}`} size="sm">
                  {t('agreements.openVersion', { no: v.versionNo })}
                </Anchor>
              )}
            </Group>
            {v.reason ? (
              <Text size="sm" c="dimmed" mt={2}>
                {t('agreements.reasonValue', { reason: v.reason })}
              </Text>
            ) : null}
          </List.Item>
        ))}
      </List>
    </Card>
  );
}
