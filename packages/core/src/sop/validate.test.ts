import { describe, expect, it } from 'vitest';
import { registerActionKind } from './action-kinds.js';
import { parseDuration, type SopDocumentInput } from './schema.js';
import { formatPath, successors, validateSop, validateSopText } from './validate.js';

/** A small valid SOP; tests change one thing and expect exactly the matching complaint. */
function sop(overrides: Partial<SopDocumentInput> = {}): SopDocumentInput {
  return {
    schemaVersion: 1,
    id: 'uji/dinas/perbaikan',
    title: 'Perbaikan Data Kinerja',
    kind: 'correction',
    agency: { government: 'uji', agency: 'dinas', header: ['PEMERINTAH KABUPATEN UJI'] },
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
      { no: 1, lane: 'kadis', action: 'instruct', text: 'Memerintahkan perbaikan', duration: '5 menit' },
      { no: 2, lane: 'staf', action: 'correct-data', text: 'Memperbaiki data', duration: '1 hari' },
      { no: 3, lane: 'kadis', action: 'review', text: 'Memeriksa', decision: { ya: 4, tidak: 2 } },
      { no: 4, lane: 'kadis', action: 'sign', text: 'Menandatangani', duration: '30 Menit' },
    ],
    ...overrides,
  };
}

const errorsOf = (doc: unknown) => {
  const r = validateSop(doc);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('SOP validation', () => {
  it('accepts a valid document and normalises lanes', () => {
    const r = validateSop(sop());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.steps[0]!.lanes).toEqual(['kadis']);
  });

  it('words every problem in Bahasa Indonesia and in English, the schema’s included', () => {
    const doc = sop();
    doc.steps[2] = { ...doc.steps[2]!, decision: { ya: 4, tidak: 12 } };
    const r = validateSop(doc);
    expect(r.ok ? [] : r.errors.map((e) => e.text)).toEqual([
      { id: 'langkah 12 tidak ada', en: 'step 12 does not exist' },
    ]);
    const missing = validateSop({ ...sop(), title: undefined });
    expect(missing.ok ? [] : missing.errors.map((e) => [e.path, e.text.id.length > 0, e.text.en])).toEqual([
      ['title', true, 'Invalid input: expected string, received undefined'],
    ]);
    if (!missing.ok) expect(missing.errors[0]!.text.id).not.toBe(missing.errors[0]!.text.en);
  });

  it('names a decision target that does not exist by its path', () => {
    const doc = sop();
    doc.steps[2] = { ...doc.steps[2]!, decision: { ya: 4, tidak: 12 } };
    expect(errorsOf(doc)).toEqual(['steps[2].decision.tidak: step 12 does not exist']);
  });

  it('refuses a decision that routes to itself', () => {
    const doc = sop();
    doc.steps[2] = { ...doc.steps[2]!, decision: { ya: 3, tidak: 2 } };
    expect(errorsOf(doc)).toEqual(['steps[2].decision.ya: step 3 routes to itself']);
  });

  it('refuses a lane that no step uses and a step lane that is not declared', () => {
    const doc = sop({
      lanes: {
        kadis: { title: 'Kepala Dinas', binding: 'head-of-agency' },
        staf: { title: 'Staf', binding: 'staff-of-unit' },
        arsip: { title: 'Arsiparis', binding: { position: 'arsiparis' } },
      },
    });
    doc.steps[1] = { ...doc.steps[1]!, lane: undefined, lanes: ['staf', 'kabid'] };
    expect(errorsOf(doc)).toEqual([
      'steps[1].lanes[1]: lane "kabid" is not declared in lanes',
      'lanes.arsip: lane "arsip" is used by no step',
    ]);
  });

  it('refuses a step that cannot be reached from the start', () => {
    const doc = sop();
    doc.steps[0] = { ...doc.steps[0]!, next: 3 };
    doc.steps[2] = { ...doc.steps[2]!, decision: { ya: 4, tidak: 1 } };
    expect(errorsOf(doc)).toEqual(['steps[1]: step 2 cannot be reached from step 1']);
  });

  it('refuses a procedure with no end', () => {
    const doc = sop();
    doc.steps[3] = { ...doc.steps[3]!, next: 1 };
    expect(errorsOf(doc)).toEqual(['steps: the procedure has no end: every path loops back']);
  });

  it('refuses a loop with no way out even when another path ends', () => {
    const doc = sop({
      steps: [
        { no: 1, lane: 'kadis', action: 'review', text: 'Memeriksa', decision: { ya: 4, tidak: 2 } },
        { no: 2, lane: 'staf', action: 'task', text: 'A', next: 3 },
        { no: 3, lane: 'staf', action: 'task', text: 'B', next: 2 },
        { no: 4, lane: 'kadis', action: 'sign', text: 'Menandatangani' },
      ],
    });
    expect(errorsOf(doc)).toEqual([
      'steps[1]: from step 2 the procedure can never end',
      'steps[2]: from step 3 the procedure can never end',
    ]);
  });

  it('reports schema problems with their paths, all at once', () => {
    const doc = sop();
    (doc.steps[0] as Record<string, unknown>).duration = 'lima menit';
    (doc.steps[1] as Record<string, unknown>).colour = 'merah';
    (doc as Record<string, unknown>).kind = 'other';
    const errors = errorsOf(doc);
    expect(errors.map((e) => e.split(':')[0])).toEqual(
      expect.arrayContaining(['kind', 'steps[0].duration', 'steps[1]']),
    );
    expect(errors.some((e) => e.includes('colour'))).toBe(true);
  });

  it('requires a decision on review steps and refuses one elsewhere; unknown kinds are named', () => {
    const doc = sop();
    doc.steps[2] = { no: 3, lane: 'kadis', action: 'review', text: 'Memeriksa', next: 4 };
    doc.steps[1] = { ...doc.steps[1]!, action: 'dance' };
    expect(errorsOf(doc)).toEqual([
      'steps[1].action: unknown action kind "dance"',
      'steps[2].decision: a "review" step needs a decision (ya and tidak)',
    ]);
  });

  it('accepts kinds that a domain module registers', () => {
    registerActionKind('verify-evidence', {
      label: { id: 'Memverifikasi bukti', en: 'Verify evidence' },
      decision: false,
    });
    const doc = sop();
    doc.steps[1] = { ...doc.steps[1]!, action: 'verify-evidence' };
    expect(validateSop(doc).ok).toBe(true);
  });

  it('reads YAML and reports a syntax error with its line', () => {
    const r = validateSopText('schemaVersion: 1\nsteps: [\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.path).toMatch(/^line \d+/);
  });

  it('parses durations as printed', () => {
    expect(parseDuration('60 Menit')).toEqual({ value: 60, unit: 'menit', text: '60 Menit' });
    expect(parseDuration('1 hari')).toMatchObject({ value: 1, unit: 'hari' });
    expect(formatPath(['steps', 4, 'decision', 'tidak'])).toBe('steps[4].decision.tidak');
  });

  it('follows ya and tidak, next, and the list order', () => {
    const r = validateSop(sop());
    if (!r.ok) throw new Error('invalid');
    expect(successors(r.value, 0)).toEqual([2]);
    expect(successors(r.value, 2)).toEqual([4, 2]);
    expect(successors(r.value, 3)).toEqual([]);
  });
});
