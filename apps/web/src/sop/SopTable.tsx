import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FlowArrows } from './FlowArrows';
import { type OrderedLane, type SopDocument, type SopStep, type StepShape, stepShape } from './model';

/**
 * A flowchart symbol of the SOP AP form, drawn in the acting lane's cell: the capsule (terminator)
 * for the first and last step, a rectangle for a process, a diamond for a decision.
 */
export function StepSymbol({
  shape,
  label,
  stepIndex,
  lane,
}: {
  shape: StepShape;
  label?: string;
  /** Where the symbol sits, so the arrows can find it. */
  stepIndex?: number;
  lane?: string;
}) {
  const common = {
    fill: 'var(--sop-symbol-fill)',
    stroke: 'var(--sop-symbol-stroke)',
    strokeWidth: 1.6,
  };
  const width = shape === 'decision' ? 40 : 52;
  const height = shape === 'decision' ? 40 : 26;
  return (
    <svg
      className="sop-symbol"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      data-shape={shape}
      data-step-index={stepIndex}
      data-lane={lane}
    >
      {label ? <title>{label}</title> : null}
      {shape === 'terminator' ? <rect x={1} y={1} width={width - 2} height={height - 2} rx={12} {...common} /> : null}
      {shape === 'process' ? <rect x={1} y={1} width={width - 2} height={height - 2} rx={1} {...common} /> : null}
      {shape === 'decision' ? <polygon points={`20,1 39,20 20,39 1,20`} {...common} /> : null}
    </svg>
  );
}

function Items({ items }: { items: string[] }) {
  if (items.length === 0) return <Text c="dimmed">—</Text>;
  if (items.length === 1) return <>{items[0]}</>;
  return (
    <ul className="sop-cell-list">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/** What a step does besides its text: where a decision routes, per unit, paraf and signature. */
function StepMarks({ step }: { step: SopStep }) {
  const { t } = useTranslation();
  const marks: ReactNode[] = [];
  if (step.decision) {
    marks.push(
      <Text key="decision" size="xs" className="sop-decision">
        {step.decision.question ? <span className="sop-decision-question">{step.decision.question}</span> : null}
        <span className="sop-decision-routes">
          {t('sop.table.decision', { ya: step.decision.ya, tidak: step.decision.tidak })}
        </span>
      </Text>,
    );
  }
  if (step.next !== undefined) {
    marks.push(
      <Text key="next" size="xs" c="dimmed">
        {t('sop.table.next', { no: step.next })}
      </Text>,
    );
  }
  if (step.end) {
    marks.push(
      <Text key="end" size="xs" c="dimmed">
        {t('sop.table.end')}
      </Text>,
    );
  }
  const badges: ReactNode[] = [];
  if (step.perUnit) {
    badges.push(
      <Badge key="unit" size="xs" variant="light" color="cyan" radius="sm">
        {t('sop.table.perUnit')}
      </Badge>,
    );
  }
  if (step.paraf) {
    badges.push(
      <Badge key="paraf" size="xs" variant="light" color="orange" radius="sm">
        {t('sop.table.paraf')}
      </Badge>,
    );
  }
  if (step.signature) {
    badges.push(
      <Badge key="sign" size="xs" variant="light" color="indigo" radius="sm">
        {t('sop.table.signature')}
      </Badge>,
    );
  }
  if (badges.length > 0) {
    marks.push(
      <Group key="badges" gap={4}>
        {badges}
      </Group>,
    );
  }
  if (step.attendees.length > 0) {
    marks.push(
      <Text key="attendees" size="xs" c="dimmed">
        {t('sop.table.attendees', { names: step.attendees.join(', ') })}
      </Text>,
    );
  }
  if (marks.length === 0) return null;
  return (
    <Stack gap={4} mt={6}>
      {marks}
    </Stack>
  );
}

/**
 * Where each step stands in a running case, shown in an extra column after Kegiatan; the steps
 * the case is at now are highlighted.
 */
export interface StepStateColumn {
  header: string;
  cell: (step: SopStep) => ReactNode;
  current: (step: SopStep) => boolean;
}

/**
 * THE TABLE of an SOP AP: No | Kegiatan | one column per Pelaksana with the step's symbol in the
 * lane(s) that act | Mutu Baku (Kelengkapan, Waktu, Output) | Keterangan. Scrolls sideways when
 * the screen is narrower than the table. With `state` (a case page) a column shows each step's
 * progress.
 */
export function SopTable({ doc, lanes, state }: { doc: SopDocument; lanes: OrderedLane[]; state?: StepStateColumn }) {
  const { t } = useTranslation();
  const shapeLabel = (shape: StepShape) => t(`sop.table.shapes.${shape}`);
  const [flow, setFlow] = useState<HTMLDivElement | null>(null);
  return (
    <div>
      <Table.ScrollContainer minWidth={560 + lanes.length * 68 + (state ? 230 : 0)} type="native">
        <div className="sop-table-flow" ref={setFlow}>
          <Table
            className="sop-table"
            withTableBorder
            withColumnBorders
            verticalSpacing={6}
            horizontalSpacing={6}
            fz="sm"
            captionSide="top"
            data-testid="sop-table"
          >
            <Table.Caption className="sop-table-caption">
              {t('sop.table.caption', { title: doc.title, steps: doc.steps.length, lanes: lanes.length })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th rowSpan={2} className="sop-col-no" scope="col">
                  {t('sop.table.no')}
                </Table.Th>
                <Table.Th rowSpan={2} className="sop-col-activity" scope="col">
                  {t('sop.table.activity')}
                </Table.Th>
                {state ? (
                  <Table.Th rowSpan={2} className="sop-col-state" scope="col">
                    {state.header}
                  </Table.Th>
                ) : null}
                <Table.Th colSpan={lanes.length} scope="colgroup" ta="center">
                  {t('sop.table.lanes')}
                </Table.Th>
                <Table.Th colSpan={3} scope="colgroup" ta="center">
                  {t('sop.table.quality')}
                </Table.Th>
                <Table.Th rowSpan={2} className="sop-col-remarks" scope="col">
                  {t('sop.table.remarks')}
                </Table.Th>
              </Table.Tr>
              <Table.Tr>
                {lanes.map((lane) => (
                  <Table.Th key={lane.id} scope="col" className="sop-col-lane" data-lane={lane.id}>
                    {lane.title}
                  </Table.Th>
                ))}
                <Table.Th scope="col" className="sop-col-requirements">
                  {t('sop.table.requirements')}
                </Table.Th>
                <Table.Th scope="col" className="sop-col-duration">
                  {t('sop.table.duration')}
                </Table.Th>
                <Table.Th scope="col" className="sop-col-outputs">
                  {t('sop.table.outputs')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {doc.steps.map((step, index) => {
                const shape = stepShape(doc, index);
                const current = state?.current(step) ?? false;
                return (
                  <Table.Tr
                    key={step.no}
                    data-step={step.no}
                    data-shape={shape}
                    data-current={current || undefined}
                    aria-current={current ? 'step' : undefined}
                    className={current ? 'sop-row-current' : undefined}
                  >
                    <Table.Th scope="row" className="sop-col-no" fw={600}>
                      {step.no}
                    </Table.Th>
                    <Table.Td className="sop-col-activity">
                      {step.text}
                      <StepMarks step={step} />
                    </Table.Td>
                    {state ? <Table.Td className="sop-col-state">{state.cell(step)}</Table.Td> : null}
                    {lanes.map((lane) => {
                      const acts = step.lanes.includes(lane.id);
                      return (
                        <Table.Td key={lane.id} className="sop-lane-cell" data-acting={acts || undefined}>
                          {acts ? (
                            <StepSymbol
                              shape={shape}
                              stepIndex={index}
                              lane={lane.id}
                              label={t('sop.table.actsIn', { shape: shapeLabel(shape), lane: lane.title })}
                            />
                          ) : null}
                        </Table.Td>
                      );
                    })}
                    <Table.Td>
                      <Items items={step.requirements} />
                    </Table.Td>
                    <Table.Td className="sop-col-duration">{step.duration ?? <Text c="dimmed">—</Text>}</Table.Td>
                    <Table.Td>
                      <Items items={step.outputs} />
                    </Table.Td>
                    <Table.Td>{step.remarks ?? null}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <FlowArrows doc={doc} container={flow} />
        </div>
      </Table.ScrollContainer>
      <Group gap="md" mt="xs" wrap="wrap" aria-hidden>
        <Text size="xs" c="dimmed" fw={600}>
          {t('sop.table.legend')}:
        </Text>
        {(['terminator', 'process', 'decision'] as const).map((shape) => (
          <Group key={shape} gap={6} wrap="nowrap">
            <span className="sop-legend-symbol">
              <StepSymbol shape={shape} />
            </span>
            <Text size="xs" c="dimmed">
              {shapeLabel(shape)}
            </Text>
          </Group>
        ))}
        <Text size="xs" c="dimmed" hiddenFrom="md">
          {t('sop.table.scrollHint')}
        </Text>
      </Group>
    </div>
  );
}
