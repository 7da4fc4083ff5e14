import type { SopDocument } from './schema.js';

/** The flowchart symbol of a step: the terminator for the first and last step, a diamond for a decision. */
export type StepShape = 'terminator' | 'process' | 'decision';

export function stepShape(doc: SopDocument, index: number): StepShape {
  const step = doc.steps[index]!;
  if (step.decision) return 'decision';
  if (index === 0 || index === doc.steps.length - 1 || step.end) return 'terminator';
  return 'process';
}

/** An arrow of the flowchart, between step indexes; decisions label theirs "ya" and "tidak". */
export interface FlowEdge {
  from: number;
  to: number;
  label: 'ya' | 'tidak' | null;
}

/** Every arrow of the flowchart, in step order (a decision's "ya" before its "tidak"). */
export function flowEdges(doc: SopDocument): FlowEdge[] {
  const indexOf = new Map(doc.steps.map((s, i) => [s.no, i]));
  const edges: FlowEdge[] = [];
  doc.steps.forEach((step, i) => {
    const add = (no: number, label: FlowEdge['label']) => {
      const to = indexOf.get(no);
      if (to !== undefined) edges.push({ from: i, to, label });
    };
    if (step.decision) {
      add(step.decision.ya, 'ya');
      add(step.decision.tidak, 'tidak');
    } else if (!step.end) {
      if (step.next !== undefined) add(step.next, null);
      else if (i + 1 < doc.steps.length) edges.push({ from: i, to: i + 1, label: null });
    }
  });
  return edges;
}
