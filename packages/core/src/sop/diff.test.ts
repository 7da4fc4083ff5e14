import { describe, expect, it } from 'vitest';
import { diffSop } from './diff.js';
import type { SopDocument, SopDocumentInput } from './schema.js';
import { validateSop } from './validate.js';

function doc(input: SopDocumentInput): SopDocument {
  const r = validateSop(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

const base: SopDocumentInput = {
  schemaVersion: 1,
  id: 'uji/dinas/perbaikan',
  title: 'Perbaikan Data Kinerja',
  kind: 'correction',
  agency: { government: 'uji', agency: 'dinas', header: ['UJI'] },
  identity: {
    number: null,
    createdOn: null,
    revisedOn: null,
    effectiveOn: null,
    approvedBy: { position: 'Kepala Dinas' },
  },
  lanes: {
    kadis: { title: 'Kepala Dinas', binding: 'head-of-agency' },
    staf: { title: 'Staf', binding: 'staff-of-unit' },
  },
  steps: [
    { no: 1, lane: 'kadis', action: 'instruct', text: 'Memerintahkan', duration: '5 menit' },
    { no: 2, lane: 'staf', action: 'correct-data', text: 'Memperbaiki', duration: '1 hari' },
  ],
};

describe('diff of two SOP versions', () => {
  it('is empty for the same document', () => {
    expect(diffSop(doc(base), doc(base))).toEqual([]);
  });

  it('names changed fields, added and removed steps and lanes, with before and after', () => {
    const next: SopDocumentInput = {
      ...base,
      identity: { ...base.identity, number: '45/DPPESDM/2021' },
      lanes: { ...base.lanes, arsip: { title: 'Arsiparis', binding: { position: 'arsiparis' } } },
      steps: [
        { no: 1, lane: 'kadis', action: 'instruct', text: 'Memerintahkan', duration: '10 menit' },
        { no: 2, lane: 'staf', action: 'correct-data', text: 'Memperbaiki', duration: '1 hari' },
        { no: 3, lane: 'arsip', action: 'archive', text: 'Mengarsipkan' },
      ],
    };
    expect(diffSop(doc(base), doc(next))).toEqual([
      {
        path: 'identity',
        kind: 'changed',
        before: expect.objectContaining({ number: null }),
        after: expect.objectContaining({ number: '45/DPPESDM/2021' }),
      },
      {
        path: 'lanes.arsip',
        kind: 'added',
        after: { title: 'Arsiparis', binding: { position: 'arsiparis' }, notes: [] },
      },
      { path: 'steps[no=1].duration', kind: 'changed', before: '5 menit', after: '10 menit' },
      { path: 'steps[no=3]', kind: 'added', after: expect.objectContaining({ text: 'Mengarsipkan' }) },
    ]);
  });
});
