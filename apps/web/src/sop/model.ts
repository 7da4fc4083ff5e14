import type {
  LaneResolution,
  SopDocument,
  SopStep,
  SopSummary,
  sopDetail,
  sopDiffResponse,
  sopVersionDetail,
  sopVersionStatuses,
} from '@sidakin/core';
import type { z } from 'zod';

export type SopVersionStatus = (typeof sopVersionStatuses)[number];
export type SopVersion = z.infer<typeof sopVersionDetail>;
/** One SOP with its versions; `document` is the latest version's, normalised by the server. */
export type SopDetail = Omit<z.infer<typeof sopDetail>, 'document'> & { document: SopDocument };
export type SopDiff = z.infer<typeof sopDiffResponse>;
export type SopChange = SopDiff['changes'][number];
export interface LaneResolutionResponse {
  items: LaneResolution[];
  allResolved: boolean;
}
export type { LaneResolution, SopDocument, SopStep, SopSummary };

/** The kinds an SOP document may have, in the order the filter lists them. */
export const sopKindOrder = ['collection', 'measurement', 'correction', 'monitoring', 'general'] as const;
export type SopKind = (typeof sopKindOrder)[number];

export function isSopKind(kind: string): kind is SopKind {
  return (sopKindOrder as readonly string[]).includes(kind);
}

export interface OrderedLane {
  id: string;
  title: string;
  binding: SopDocument['lanes'][string]['binding'];
  notes: string[];
}

/** The Pelaksana columns in their printed order (the document keeps it). */
export function orderedLanes(doc: SopDocument): OrderedLane[] {
  return Object.entries(doc.lanes).map(([id, lane]) => ({
    id,
    title: lane.title,
    binding: lane.binding,
    notes: lane.notes ?? [],
  }));
}

/** The flowchart symbol of a step and the arrows between steps are shared with the printed document. */
export { type FlowEdge, flowEdges, type StepShape, stepShape } from '@sidakin/core';

/** `body.source.steps[5].decision.tidak` → `steps[5].decision.tidak`. */
export function documentPath(path: string): string {
  return path.replace(/^body\.source\.?/, '') || '(document)';
}

/** The version in force on `today` (effective from a date not after it), if any: cases start on it. */
export function versionInForce(detail: Pick<SopDetail, 'versions'>, today: string): SopVersion | undefined {
  return detail.versions.find((v) => v.status === 'effective' && (v.effectiveFrom ?? '') <= today);
}
