import { Accordion, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { Government } from '@sidakin/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { ActingBadge } from '../org/PositionCells';
import { useFormatters } from '../shell/government';
import type { OrderedLane, SopDetail, SopDocument, SopVersion } from './model';
import { SopTable } from './SopTable';

/** The government record (for its logo); the same cache entry as the government's own page. */
function useGovernmentRecord(governmentId: string) {
  return useQuery({
    queryKey: ['government', governmentId],
    queryFn: () => api.get<Government>(`/governments/${governmentId}`),
    staleTime: 5 * 60_000,
  });
}

/**
 * The SOP as printed in the PermenPANRB 35/2012 form: the identity block, the two-column grid of
 * Dasar Hukum … Pencatatan dan Pendataan, optional Catatan Mutu and worksheet, then the table.
 */
export function SopDocumentView(props: { detail: SopDetail; lanes: OrderedLane[] }) {
  const { detail, lanes } = props;
  const doc = detail.document;
  return (
    <Stack gap="lg">
      <IdentityBlock detail={detail} />
      <SectionsGrid doc={doc} />
      <Extras doc={doc} lanes={lanes} />
      <Card withBorder radius="md" padding="md">
        <SopTable doc={doc} lanes={lanes} />
      </Card>
    </Stack>
  );
}

function Row(props: { label: string; children: ReactNode; strong?: boolean }) {
  return (
    <div className="sop-identity-row">
      <dt>{props.label}</dt>
      <dd className={props.strong ? 'sop-identity-strong' : undefined}>{props.children}</dd>
    </div>
  );
}

function Printed({ value }: { value: string | null }) {
  return value || <span className="sop-blank">—</span>;
}

function IdentityBlock({ detail }: { detail: SopDetail }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const doc = detail.document;
  const { identity } = doc;
  const government = useGovernmentRecord(detail.governmentId);
  const latest: SopVersion | undefined = detail.versions.find((v) => v.id === detail.latestVersion.id);
  const logo = government.data?.hasLogo
    ? `/api/governments/${detail.governmentId}/logo?v=${encodeURIComponent(government.data.updatedAt)}`
    : null;
  return (
    <section className="sop-identity" aria-label={t('sop.identity.label')}>
      <div className="sop-identity-agency">
        {logo ? (
          <img
            className="sop-identity-logo"
            src={logo}
            alt={t('sop.identity.logoAlt', { name: government.data?.name ?? '' })}
          />
        ) : null}
        {doc.agency.header.map((line, index) => (
          <div key={line} className={index === 0 ? 'sop-header-first' : 'sop-header-line'}>
            {line}
          </div>
        ))}
      </div>
      <dl className="sop-identity-fields">
        <Row label={t('sop.identity.number')}>
          <Printed value={identity.number} />
        </Row>
        <Row label={t('sop.identity.createdOn')}>
          <Printed value={identity.createdOn} />
        </Row>
        <Row label={t('sop.identity.revisedOn')}>
          <Printed value={identity.revisedOn} />
          {identity.revision ? (
            <Text span size="xs" c="dimmed" ml={6}>
              ({t('sop.identity.revision')} {identity.revision})
            </Text>
          ) : null}
        </Row>
        <Row label={t('sop.identity.effectiveOn')}>
          {latest?.effectiveFrom ? (
            <>
              {f.date(latest.effectiveFrom)}
              {identity.effectiveOn ? (
                <Text size="xs" c="dimmed">
                  {t('sop.identity.printed', { text: identity.effectiveOn })}
                </Text>
              ) : null}
            </>
          ) : (
            <Printed value={identity.effectiveOn} />
          )}
        </Row>
        <Row label={t('sop.identity.approvedBy')}>
          <Text fw={700} size="sm" tt="uppercase">
            {identity.approvedBy.position}
            {identity.approvedBy.unit ? `, ${identity.approvedBy.unit}` : ''}
          </Text>
          {latest?.approvedByName ? (
            <Stack gap={2} mt={4}>
              <Group gap={6}>
                {latest.approvedActing ? <ActingBadge assignment={{ kind: latest.approvedActing }} /> : null}
                <Text size="sm" fw={600} td="underline">
                  {latest.approvedByName}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                {latest.approvedByPositionName} · {t('sop.identity.approvedOn', { date: f.date(latest.approvedOn) })}
              </Text>
            </Stack>
          ) : (
            <Text size="xs" c="dimmed" fs="italic" mt={4}>
              {t('sop.identity.notApproved')}
            </Text>
          )}
        </Row>
        {identity.preparedBy ? (
          <Row label={t('sop.identity.preparedBy')}>
            {identity.preparedBy.position}
            {identity.preparedBy.unit ? `, ${identity.preparedBy.unit}` : ''}
          </Row>
        ) : null}
        {identity.reviewedBy ? (
          <Row label={t('sop.identity.reviewedBy')}>
            {identity.reviewedBy.position}
            {identity.reviewedBy.unit ? `, ${identity.reviewedBy.unit}` : ''}
          </Row>
        ) : null}
        <Row label={t('sop.identity.title')} strong>
          {doc.title}
        </Row>
      </dl>
    </section>
  );
}

/** A numbered list as in the form; one item stands alone, none shows "Tidak ada". */
function Numbered({ items }: { items: string[] }) {
  const { t } = useTranslation();
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('sop.sections.empty')}
      </Text>
    );
  }
  if (items.length === 1) return <Text size="sm">{items[0]}</Text>;
  return (
    <ol className="sop-numbered">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ol>
  );
}

function Cell({ title, items }: { title: string; items: string[] }) {
  return (
    <div className="sop-grid-cell">
      <Title order={3} className="sop-grid-title">
        {title}
      </Title>
      <Numbered items={items} />
    </div>
  );
}

/** Dasar Hukum | Kualifikasi Pelaksana, Keterkaitan | Peralatan, Peringatan | Pencatatan. */
function SectionsGrid({ doc }: { doc: SopDocument }) {
  const { t } = useTranslation();
  return (
    <section className="sop-grid" aria-label={t('sop.tabs.document')}>
      <Cell title={t('sop.sections.legalBasis')} items={doc.legalBasis} />
      <Cell title={t('sop.sections.qualifications')} items={doc.qualifications} />
      <Cell title={t('sop.sections.relatedSops')} items={doc.relatedSops} />
      <Cell title={t('sop.sections.equipment')} items={doc.equipment} />
      <Cell title={t('sop.sections.warning')} items={doc.warning} />
      <Cell title={t('sop.sections.recordKeeping')} items={doc.recordKeeping} />
    </section>
  );
}

/** Catatan Mutu, the purpose/scope block and the Lembar Kerja, where the document has them. */
function Extras({ doc, lanes }: { doc: SopDocument; lanes: OrderedLane[] }) {
  const { t } = useTranslation();
  const about = Boolean(doc.purpose || doc.scope || doc.definition || doc.responsibilities.length > 0);
  const worksheet = doc.activityWorksheet;
  if (doc.qualityRecords.length === 0 && !about && !worksheet) return null;
  const laneTitle = (id: string | undefined) => lanes.find((lane) => lane.id === id)?.title;
  return (
    <Stack gap="md">
      {doc.qualityRecords.length > 0 ? (
        <Card withBorder radius="md" padding="md">
          <Title order={3} className="sop-grid-title">
            {t('sop.sections.qualityRecords')}
          </Title>
          <Numbered items={doc.qualityRecords} />
        </Card>
      ) : null}
      {about || worksheet ? (
        <Accordion variant="separated" radius="md" multiple>
          {about ? (
            <Accordion.Item value="about">
              <Accordion.Control>{t('sop.sections.about')}</Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm">
                  {(['purpose', 'scope', 'definition'] as const).map((key) =>
                    doc[key] ? (
                      <div key={key}>
                        <Text fw={600} size="sm">
                          {t(`sop.sections.${key}`)}
                        </Text>
                        <Text size="sm">{doc[key]}</Text>
                      </div>
                    ) : null,
                  )}
                  {doc.responsibilities.length > 0 ? (
                    <div>
                      <Text fw={600} size="sm">
                        {t('sop.sections.responsibilities')}
                      </Text>
                      {doc.responsibilities.map((r) => (
                        <div key={r.role} className="sop-responsibility">
                          <Text size="sm" fw={500}>
                            {r.role}
                            {laneTitle(r.lane) ? (
                              <Text span c="dimmed" size="xs">
                                {' '}
                                ({laneTitle(r.lane)})
                              </Text>
                            ) : null}
                          </Text>
                          <Text size="sm">{r.description}</Text>
                          {r.duties.length > 0 ? <Numbered items={r.duties} /> : null}
                        </div>
                      ))}
                    </div>
                  ) : null}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ) : null}
          {worksheet ? (
            <Accordion.Item value="worksheet">
              <Accordion.Control>{t('sop.sections.worksheet')}</Accordion.Control>
              <Accordion.Panel>
                <Stack gap="md">
                  <div>
                    <Text fw={600} size="sm" mb={4}>
                      A. {t('sop.sections.worksheetData')}
                    </Text>
                    <Table withTableBorder withColumnBorders fz="sm">
                      <Table.Tbody>
                        {worksheet.fields.map((field, index) => (
                          <Table.Tr key={field.label}>
                            <Table.Th scope="row" w="40%">
                              {index + 1}. {field.label}
                            </Table.Th>
                            <Table.Td>{field.value || '—'}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </div>
                  <div>
                    <Text fw={600} size="sm" mb={4}>
                      B. {t('sop.sections.worksheetSteps')}
                    </Text>
                    <Table withTableBorder withColumnBorders fz="sm">
                      <Table.Tbody>
                        {worksheet.steps.map((step, index) => (
                          <Table.Tr key={`${step.phase}-${step.no}`}>
                            <Table.Th scope="row" w="22%">
                              {index === 0 || worksheet.steps[index - 1]?.phase !== step.phase
                                ? t(`sop.sections.phases.${step.phase}`)
                                : ''}
                            </Table.Th>
                            <Table.Td w={40} ta="center">
                              {step.no}
                            </Table.Td>
                            <Table.Td>{step.text}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </div>
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ) : null}
        </Accordion>
      ) : null}
    </Stack>
  );
}
