import { describe, expect, it } from 'vitest';
import { flowEdges, stepShape } from './flow.js';
import { type SopDocumentInput, sopDocument } from './schema.js';

const doc = (steps: SopDocumentInput['steps']) =>
  sopDocument.parse({
    schemaVersion: 1,
    id: 'x/y/z',
    title: 'Uji',
    kind: 'general',
    agency: { government: 'x', agency: 'y', header: ['X'] },
    identity: { number: null, createdOn: null, revisedOn: null, effectiveOn: null, approvedBy: { position: 'Kepala' } },
    lanes: { a: { title: 'A', binding: 'head-of-agency' }, b: { title: 'B', binding: 'secretary' } },
    steps,
  });

describe('the flowchart of an SOP', () => {
  const d = doc([
    { no: 1, text: 'Mulai', lane: 'a', action: 'instruct' },
    { no: 2, text: 'Kerjakan', lane: 'b', action: 'task', next: 4 },
    { no: 3, text: 'Lewati', lane: 'b', action: 'task' },
    { no: 4, text: 'Periksa', lane: 'a', action: 'review', decision: { ya: 5, tidak: 2 } },
    { no: 5, text: 'Selesai', lane: 'a', action: 'archive', end: true },
  ]);

  it('draws the first and last step as terminators and a decision as a diamond', () => {
    expect(d.steps.map((_, i) => stepShape(d, i))).toEqual([
      'terminator',
      'process',
      'process',
      'decision',
      'terminator',
    ]);
  });

  it('has an arrow to the next step, to a named next step, and both routes of a decision, and none after the end', () => {
    expect(flowEdges(d)).toEqual([
      { from: 0, to: 1, label: null },
      { from: 1, to: 3, label: null },
      { from: 2, to: 3, label: null },
      { from: 3, to: 4, label: 'ya' },
      { from: 3, to: 1, label: 'tidak' },
    ]);
  });
});
