import { Anchor, Badge, Code, Group, PasswordInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { formatVerificationCode, type SignedDocument, signDocumentBody } from '@sidakin/core';
import { IconDownload, IconExternalLink, IconSignature } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, govPath } from '../lib/api';
import { useForm } from '../lib/form';
import { govKey, useApiMutation, useGovList } from '../lib/query';
import { useFormatters } from '../shell/government';
import { CrudPage } from '../ui/CrudPage';
import { FormModal } from '../ui/FormModal';
import { ListCard } from '../ui/ListCard';
import { IconAction, RowActions } from '../ui/RowActions';

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
          <SignModal governmentId={governmentId} document={signing} onClose={() => setSigning(null)} />
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

function SignModal(props: { governmentId: string; document: SignedDocument | null; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm({ passphrase: '' });
  const d = props.document;
  const next = d?.signers.find((s) => s.status === 'next');
  const close = () => {
    form.reset({ passphrase: '' });
    props.onClose();
  };
  const sign = useApiMutation(
    (body: unknown) => api.post(govPath(props.governmentId, `/signed-documents/${d?.id}/sign`), body),
    {
      invalidate: [[...govKey(props.governmentId), 'signed-documents']],
      successMessage: t('signedDocs.signed'),
      onSuccess: close,
      onError: (error) => form.applyError(error),
    },
  );
  return (
    <FormModal
      opened={Boolean(d)}
      onClose={close}
      title={t('signedDocs.signTitle', { number: d?.number ?? '' })}
      submitLabel={t('signedDocs.sign')}
      submitting={sign.isPending}
      formError={form.formError}
      size="md"
      onSubmit={() => {
        const body = form.validate(signDocumentBody, { passphrase: form.values.passphrase });
        if (body) sign.mutate(body);
      }}
    >
      <Text size="sm" fw={600}>
        {d?.title}
      </Text>
      {next ? <Text size="sm">{t('signedDocs.signAs', { position: next.positionName })}</Text> : null}
      <Text size="xs" c="dimmed">
        {t('signedDocs.signHelp')}
      </Text>
      <PasswordInput
        label={t('signing.passphrase')}
        autoComplete="current-password"
        required
        data-autofocus
        {...form.text('passphrase')}
      />
    </FormModal>
  );
}
