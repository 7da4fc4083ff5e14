import { Anchor, Badge, Code, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { formatVerificationCode, type SignedDocument } from '@sidakin/core';
import { IconDownload, IconExternalLink, IconSignature } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { govPath } from '../lib/api';
import { govKey, useGovList } from '../lib/query';
import { useFormatters } from '../shell/government';
import { CrudPage } from '../ui/CrudPage';
import { ListCard } from '../ui/ListCard';
import { IconAction, RowActions } from '../ui/RowActions';
import { PassphraseSignModal } from './PassphraseSignModal';

const statusColor = { awaiting: 'yellow', signed: 'teal', cancelled: 'red' } as const;

/** Documents signed electronically in turn; the person whose turn it is signs with their passphrase. */
export function SignedDocumentsPage() {
  const { t } = useTranslation();
  const [signing, setSigning] = useState<SignedDocument | null>(null);
  return (
    <CrudPage title={t('signedDocs.title')} description={t('signedDocs.description')}>
      {(governmentId) => (
        <>
          <DocumentList governmentId={governmentId} onSign={setSigning} />
          <PassphraseSignModal
            document={signing}
            path={govPath(governmentId, `/signed-documents/${signing?.id}/sign`)}
            title={t('signedDocs.signTitle', { number: signing?.number ?? '' })}
            submitLabel={t('signedDocs.sign')}
            successMessage={t('signedDocs.signed')}
            help={t('signedDocs.signHelp')}
            invalidate={[[...govKey(governmentId), 'signed-documents']]}
            onClose={() => setSigning(null)}
          />
        </>
      )}
    </CrudPage>
  );
}

function DocumentList(props: { governmentId: string; onSign: (d: SignedDocument) => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const list = useGovList<SignedDocument>(props.governmentId, 'signed-documents', {
    filters: ['awaiting'],
    activeFilter: false,
  });
  const file = (d: SignedDocument) => `/api${govPath(props.governmentId, `/signed-documents/${d.id}/file`)}`;
  return (
    <ListCard
      list={list}
      searchLabel={t('signedDocs.searchLabel')}
      activeFilter={false}
      minWidth={900}
      filters={
        <SegmentedControl
          value={list.params.get('awaiting') === 'me' ? 'me' : 'all'}
          onChange={(value) => list.params.update({ awaiting: value === 'me' ? 'me' : null })}
          data={[
            { value: 'all', label: t('signedDocs.tabAll') },
            { value: 'me', label: t('signedDocs.tabMine') },
          ]}
        />
      }
      columns={[
        {
          header: t('signedDocs.number'),
          cell: (d) => (
            <>
              <Text size="sm" ff="monospace">
                {d.number}
              </Text>
              <Text size="xs" c="dimmed">
                {f.date(d.documentDate)}
              </Text>
            </>
          ),
        },
        {
          header: t('signedDocs.titleColumn'),
          cell: (d) => (
            <>
              <Text size="sm" fw={600}>
                {d.title}
              </Text>
              <Text size="xs" c="dimmed">
                {d.kindLabel} · {d.agencyName}
              </Text>
            </>
          ),
        },
        {
          header: t('signedDocs.progress'),
          cell: (d) => (
            <Stack gap={2}>
              {d.signers.map((s) => (
                <Text key={s.order} size="xs" c={s.status === 'signed' ? undefined : 'dimmed'}>
                  {s.order}. {s.actingLabel ? `${s.actingLabel} ` : ''}
                  {s.positionName}
                  {s.signerName ? ` — ${s.signerName}, ${f.dateTime(s.signedAt!)}` : ''}
                </Text>
              ))}
            </Stack>
          ),
        },
        {
          header: t('common.status'),
          cell: (d) => (
            <Stack gap={4}>
              <Badge color={statusColor[d.status]} variant="light">
                {t(`signedDocs.status.${d.status}`)}
              </Badge>
              <Anchor href={d.verificationUrl} target="_blank" rel="noopener" size="xs">
                <Group gap={2} wrap="nowrap">
                  <Code fz={10}>{formatVerificationCode(d.verificationCode)}</Code>
                  <IconExternalLink size={12} aria-label={t('signedDocs.verify')} />
                </Group>
              </Anchor>
            </Stack>
          ),
        },
        {
          header: t('common.actions'),
          align: 'right',
          cell: (d) => (
            <RowActions>
              {d.myTurn ? (
                <IconAction label={t('signedDocs.signNamed', { name: d.number })} onClick={() => props.onSign(d)}>
                  <IconSignature size={18} />
                </IconAction>
              ) : null}
              <IconAction
                label={t('signedDocs.downloadNamed', { name: d.number })}
                onClick={() => window.open(file(d), '_blank', 'noopener')}
              >
                <IconDownload size={18} />
              </IconAction>
            </RowActions>
          ),
        },
      ]}
    />
  );
}
