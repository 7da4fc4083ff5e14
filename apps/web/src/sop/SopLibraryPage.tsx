import { Anchor, Group, Select, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowRight, IconFileUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useCanEdit } from '../auth/session';
import { formatNumber } from '../lib/format';
import { useGovList } from '../lib/query';
import { AgencySelect } from '../org/selects';
import { useFormatters } from '../shell/government';
import { CrudPage } from '../ui/CrudPage';
import { ListCard } from '../ui/ListCard';
import { IconAction, RowActions } from '../ui/RowActions';
import { type SopSummary, sopKindOrder } from './model';
import { SopKindBadge, SopStatusBadge } from './SopBadges';
import { SopUploadModal } from './SopUploadModal';

/** `/sop`: every SOP of the government with its latest version; admins upload new ones. */
export function SopLibraryPage() {
  const { t } = useTranslation();
  const canUpload = useCanEdit();
  const [uploading, upload] = useDisclosure(false);
  return (
    <CrudPage
      title={t('sop.title')}
      description={t('sop.description')}
      createLabel={canUpload ? t('sop.upload') : null}
      createIcon={<IconFileUpload size={18} />}
      onCreate={upload.open}
    >
      {(governmentId) => (
        <>
          <SopList governmentId={governmentId} />
          {canUpload ? <SopUploadModal governmentId={governmentId} opened={uploading} onClose={upload.close} /> : null}
        </>
      )}
    </CrudPage>
  );
}

function SopList({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { locale } = useFormatters();
  const list = useGovList<SopSummary>(governmentId, 'sops', { filters: ['agencyId', 'kind'], activeFilter: false });
  return (
    <ListCard
      list={list}
      searchLabel={t('sop.searchLabel')}
      activeFilter={false}
      minWidth={860}
      filters={
        <>
          <AgencySelect
            aria-label={t('sop.agencyFilter')}
            placeholder={t('common.allAgencies')}
            clearable
            w={{ base: '100%', sm: 260 }}
            value={list.params.get('agencyId')}
            onChange={(value) => list.params.update({ agencyId: value })}
          />
          <Select
            aria-label={t('sop.kindFilter')}
            placeholder={t('sop.kindFilter')}
            clearable
            w={{ base: '100%', sm: 200 }}
            value={list.params.get('kind')}
            onChange={(value) => list.params.update({ kind: value })}
            data={sopKindOrder.map((kind) => ({ value: kind, label: t(`sop.kinds.${kind}`) }))}
            comboboxProps={{ withinPortal: true }}
          />
        </>
      }
      columns={[
        {
          header: t('sop.columns.title'),
          cell: (s) => (
            <>
              <Anchor component={Link} to={`/sop/${s.id}`} fw={600}>
                {s.title}
              </Anchor>
              <Text size="xs" c="dimmed" ff="monospace">
                {s.key}
              </Text>
            </>
          ),
        },
        { header: t('sop.columns.agency'), cell: (s) => <Text size="sm">{s.agencyName}</Text> },
        { header: t('sop.columns.kind'), cell: (s) => <SopKindBadge kind={s.kind} /> },
        {
          header: t('sop.columns.version'),
          cell: (s) => (
            <Group gap={6} wrap="nowrap">
              <Text size="sm" fw={500} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {t('sop.versionShort', { version: s.latestVersion.version })}
              </Text>
              <SopStatusBadge status={s.latestVersion.status} />
            </Group>
          ),
        },
        {
          header: t('sop.columns.steps'),
          cell: (s) => <Text size="sm">{formatNumber(s.stepCount, locale)}</Text>,
        },
        {
          header: t('sop.columns.lanes'),
          cell: (s) => <Text size="sm">{formatNumber(s.laneCount, locale)}</Text>,
        },
        {
          header: t('common.actions'),
          align: 'right',
          cell: (s) => (
            <RowActions>
              <IconAction label={t('sop.open', { name: s.title })} onClick={() => navigate(`/sop/${s.id}`)}>
                <IconArrowRight size={18} />
              </IconAction>
            </RowActions>
          ),
        },
      ]}
    />
  );
}
