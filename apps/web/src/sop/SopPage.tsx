import { Anchor, Badge, Button, Card, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import {
  IconArrowLeft,
  IconFileDescription,
  IconHistory,
  IconNotes,
  IconPrinter,
  IconUsers,
} from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { govPath } from '../lib/api';
import { ErrorAlert } from '../ui/ErrorAlert';
import { NeedGovernment } from '../ui/NeedGovernment';
import { PageHeader } from '../ui/PageHeader';
import { type OrderedLane, orderedLanes, type SopDetail } from './model';
import { useSop } from './queries';
import { SopKindBadge, SopStatusBadge } from './SopBadges';
import { SopDocumentView } from './SopDocumentView';
import { SopLanes } from './SopLanes';
import { SopVersions } from './SopVersions';
import { StartCaseButton } from './StartCaseButton';

/** The tabs, by their address-bar value (`/sop/:id?bagian=versi`). */
const tabs = ['dokumen', 'versi', 'pelaksana', 'catatan'] as const;
type Tab = (typeof tabs)[number];

/** `/sop/:sopId`: the SOP as printed, its versions, who holds its lanes, and the reading notes. */
export function SopPage() {
  return <NeedGovernment>{(governmentId) => <SopView governmentId={governmentId} />}</NeedGovernment>;
}

function SopView({ governmentId }: { governmentId: string }) {
  const { t } = useTranslation();
  const { sopId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const query = useSop(governmentId, sopId);
  const raw = params.get('bagian');
  const tab: Tab = (tabs as readonly string[]).includes(raw ?? '') ? (raw as Tab) : 'dokumen';
  const lanes = useMemo(() => (query.data ? orderedLanes(query.data.document) : []), [query.data]);

  const back = (
    <Anchor component={Link} to="/sop" size="sm" mb="xs" display="inline-flex">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden />
        {t('sop.backToList')}
      </Group>
    </Anchor>
  );
  if (query.isLoading) {
    return (
      <>
        <PageHeader title={t('sop.title')} above={back} />
        <Skeleton h={360} radius="md" />
      </>
    );
  }
  if (query.error || !query.data) {
    return (
      <>
        <PageHeader title={t('sop.title')} above={back} />
        <ErrorAlert error={query.error ?? new Error(t('sop.notFound'))} />
      </>
    );
  }
  const detail = query.data;
  return (
    <>
      <PageHeader
        above={back}
        title={detail.title}
        actions={
          <Group gap="xs">
            <Button
              component="a"
              variant="default"
              leftSection={<IconPrinter size={16} />}
              href={`/api${govPath(governmentId, `/sops/${detail.id}/versions/${detail.latestVersion.id}/pdf`)}`}
              target="_blank"
              rel="noopener"
            >
              {t('sop.printPdf')}
            </Button>
            <StartCaseButton governmentId={governmentId} detail={detail} />
          </Group>
        }
        description={
          <Group gap="xs" component="span" wrap="wrap">
            <span>{detail.agencyName}</span>
            <SopKindBadge kind={detail.kind} />
            <Group gap={4} component="span" wrap="nowrap">
              <span>{t('sop.latestVersion', { version: detail.latestVersion.version })}</span>
              <SopStatusBadge status={detail.latestVersion.status} />
            </Group>
          </Group>
        }
      />
      <Tabs
        value={tab}
        onChange={(value) =>
          setParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              if (!value || value === 'dokumen') next.delete('bagian');
              else next.set('bagian', value);
              return next;
            },
            { replace: true },
          )
        }
        keepMounted={false}
      >
        <Tabs.List mb="md" aria-label={t('sop.tabsLabel')}>
          <Tabs.Tab value="dokumen" leftSection={<IconFileDescription size={16} />}>
            {t('sop.tabs.document')}
          </Tabs.Tab>
          <Tabs.Tab value="versi" leftSection={<IconHistory size={16} />}>
            {t('sop.tabs.versions')}
            <Badge size="xs" variant="light" color="gray" ml={6} radius="sm">
              {detail.versions.length}
            </Badge>
          </Tabs.Tab>
          <Tabs.Tab value="pelaksana" leftSection={<IconUsers size={16} />}>
            {t('sop.tabs.lanes')}
          </Tabs.Tab>
          <Tabs.Tab value="catatan" leftSection={<IconNotes size={16} />}>
            {t('sop.tabs.notes')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="dokumen">
          <SopDocumentView detail={detail} lanes={lanes} />
        </Tabs.Panel>
        <Tabs.Panel value="versi">
          <SopVersions governmentId={governmentId} detail={detail} lanes={lanes} />
        </Tabs.Panel>
        <Tabs.Panel value="pelaksana">
          <SopLanes governmentId={governmentId} detail={detail} lanes={lanes} />
        </Tabs.Panel>
        <Tabs.Panel value="catatan">
          <SopNotes detail={detail} lanes={lanes} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

/** Catatan: where the source was unclear and how it was read, for the document, its lanes and steps. */
function SopNotes({ detail, lanes }: { detail: SopDetail; lanes: OrderedLane[] }) {
  const { t } = useTranslation();
  const doc = detail.document;
  const laneNotes = lanes.filter((lane) => lane.notes.length > 0);
  const stepNotes = doc.steps.filter((step) => step.notes.length > 0);
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md">
        <Title order={2} size="h4">
          {t('sop.notesTab.document')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('sop.notesTab.intro')}
        </Text>
        {doc.notes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('sop.notesTab.none')}
          </Text>
        ) : (
          <ol className="sop-notes">
            {doc.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ol>
        )}
      </Card>
      {laneNotes.length > 0 ? (
        <Card withBorder radius="md" padding="md">
          <Title order={2} size="h4" mb="sm">
            {t('sop.notesTab.lanes')}
          </Title>
          <dl className="sop-note-groups">
            {laneNotes.map((lane) => (
              <div key={lane.id}>
                <dt>{lane.title}</dt>
                {lane.notes.map((note) => (
                  <dd key={note}>{note}</dd>
                ))}
              </div>
            ))}
          </dl>
        </Card>
      ) : null}
      {stepNotes.length > 0 ? (
        <Card withBorder radius="md" padding="md">
          <Title order={2} size="h4" mb="sm">
            {t('sop.notesTab.steps')}
          </Title>
          <dl className="sop-note-groups">
            {stepNotes.map((step) => (
              <div key={step.no}>
                <dt>{t('sop.notesTab.step', { no: step.no })}</dt>
                {step.notes.map((note) => (
                  <dd key={note}>{note}</dd>
                ))}
              </div>
            ))}
          </dl>
        </Card>
      ) : null}
    </Stack>
  );
}
