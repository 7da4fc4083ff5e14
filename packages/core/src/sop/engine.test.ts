import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedOutcomes, cancelCase, completeTask, type EngineState, openTasks, startCase } from './engine.js';
import type { SopDocument, SopDocumentInput } from './schema.js';
import { validateSop, validateSopText } from './validate.js';

const sopsDir = path.resolve(import.meta.dirname, '../../../../sops');
function seedFiles(): string[] {
  const out: string[] = [];
  for (const gov of fs.readdirSync(sopsDir, { withFileTypes: true })) {
    if (!gov.isDirectory()) continue;
    for (const f of fs.readdirSync(path.join(sopsDir, gov.name)))
      if (f.endsWith('.yaml')) out.push(path.join(sopsDir, gov.name, f));
  }
  return out.sort();
}
function load(file: string): SopDocument {
  const r = validateSopText(fs.readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.errors)}`);
  return r.value;
}
function doc(input: SopDocumentInput): SopDocument {
  const r = validateSop(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
function must(r: ReturnType<typeof completeTask>): EngineState {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.state;
}

const banggai = load(path.join(sopsDir, 'banggai/disdag-perbaikan-data-kinerja.yaml'));

/** Collection-like: instruct, per-unit entry and check (check returns to entry), recap, secretary returns to entry. */
const perUnit = doc({
  schemaVersion: 1,
  id: 'uji/dinas/pengumpulan',
  title: 'Pengumpulan',
  kind: 'collection',
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
    sekre: { title: 'Sekretaris', binding: 'secretary' },
    kabid: { title: 'Bidang', binding: 'head-of-unit' },
    op: { title: 'Operator', binding: 'staff-of-unit' },
  },
  steps: [
    { no: 1, lane: 'kadis', action: 'instruct', text: 'Memerintahkan' },
    { no: 2, lane: 'op', action: 'enter-data', text: 'Mengentri', perUnit: true },
    { no: 3, lane: 'kabid', action: 'review', text: 'Mengecek', perUnit: true, decision: { ya: 4, tidak: 2 } },
    { no: 4, lane: 'sekre', action: 'review', text: 'Menganalisa', decision: { ya: 5, tidak: 2 } },
    { no: 5, lane: 'kadis', action: 'archive', text: 'Mengarsipkan' },
  ],
});

describe('SOP engine', () => {
  it('runs the Banggai Perbaikan SOP with a return at step 6 and at step 8 to completion', () => {
    const started = startCase(banggai);
    if (!started.ok) throw new Error('start');
    let s = started.state;
    const step = () => openTasks(s).map((t) => t.stepNo);
    const done = (o: 'done' | 'ya' | 'tidak' = 'done') => {
      s = must(completeTask(banggai, s, openTasks(s)[0]!.id, o));
    };
    expect(step()).toEqual([1]);
    done(); // 1 → 2
    done(); // 2 → 3
    done(); // 3 → 4
    done(); // 4 → 5
    done(); // 5 → 6
    expect(step()).toEqual([6]);
    done('tidak'); // Kabid returns to JP
    expect(step()).toEqual([5]);
    expect(openTasks(s)[0]!.round).toBe(2);
    done();
    done('ya'); // 6 → 7
    done(); // 7 → 8
    done('tidak'); // Sekretaris returns to Kasubbag
    expect(step()).toEqual([7]);
    done();
    done('ya'); // 8 → 9
    expect(step()).toEqual([9]);
    done();
    expect(s.status).toBe('completed');
    expect(s.tasks.map((t) => t.stepNo)).toEqual([1, 2, 3, 4, 5, 6, 5, 6, 7, 8, 7, 8, 9]);
  });

  it('refuses a wrong outcome, a closed task and an unknown task', () => {
    const r = startCase(banggai);
    if (!r.ok) throw new Error('start');
    const t1 = r.state.tasks[0]!;
    expect(completeTask(banggai, r.state, t1.id, 'ya')).toEqual({
      ok: false,
      error: { code: 'OUTCOME_NOT_ALLOWED', allowed: ['done'] },
    });
    const s = must(completeTask(banggai, r.state, t1.id, 'done'));
    expect(completeTask(banggai, s, t1.id, 'done')).toEqual({ ok: false, error: { code: 'TASK_NOT_OPEN' } });
    expect(completeTask(banggai, s, 'nope', 'done')).toEqual({ ok: false, error: { code: 'TASK_NOT_FOUND' } });
    expect(allowedOutcomes(banggai, 6)).toEqual(['ya', 'tidak']);
  });

  it('fans out per unit, returns within one unit, and joins when every unit is through', () => {
    const r = startCase(perUnit, { units: ['u1', 'u2'] });
    if (!r.ok) throw new Error('start');
    let s = must(completeTask(perUnit, r.state, r.state.tasks[0]!.id, 'done'));
    const openOf = (step: number, unit: string | null) =>
      openTasks(s).find((t) => t.stepNo === step && t.unit === unit)!;
    expect(openTasks(s).map((t) => `${t.stepNo}:${t.unit}`)).toEqual(['2:u1', '2:u2']);
    s = must(completeTask(perUnit, s, openOf(2, 'u1').id, 'done'));
    s = must(completeTask(perUnit, s, openOf(3, 'u1').id, 'tidak')); // u1 back to entry
    s = must(completeTask(perUnit, s, openOf(2, 'u2').id, 'done'));
    s = must(completeTask(perUnit, s, openOf(3, 'u2').id, 'ya'));
    expect(openTasks(s).map((t) => `${t.stepNo}:${t.unit}`)).toEqual(['2:u1']); // no join yet
    s = must(completeTask(perUnit, s, openOf(2, 'u1').id, 'done'));
    s = must(completeTask(perUnit, s, openOf(3, 'u1').id, 'ya'));
    expect(openTasks(s).map((t) => `${t.stepNo}:${t.unit}`)).toEqual(['4:null']); // joined once
    // The Sekretaris returns one unit for re-entry; only that unit works again.
    s = must(completeTask(perUnit, s, openOf(4, null).id, 'tidak', { units: ['u2'] }));
    expect(openTasks(s).map((t) => `${t.stepNo}:${t.unit}`)).toEqual(['2:u2']);
    s = must(completeTask(perUnit, s, openOf(2, 'u2').id, 'done'));
    s = must(completeTask(perUnit, s, openOf(3, 'u2').id, 'ya'));
    s = must(completeTask(perUnit, s, openOf(4, null).id, 'ya'));
    s = must(completeTask(perUnit, s, openOf(5, null).id, 'done'));
    expect(s.status).toBe('completed');
  });

  it('needs units to start a per-unit step, and cancels all open tasks', () => {
    const none = startCase(perUnit);
    if (!none.ok) throw new Error('start');
    expect(completeTask(perUnit, none.state, none.state.tasks[0]!.id, 'done')).toEqual({
      ok: false,
      error: { code: 'NO_UNITS' },
    });
    const r = startCase(perUnit, { units: ['u1'] });
    if (!r.ok) throw new Error('start');
    const s = must(completeTask(perUnit, r.state, r.state.tasks[0]!.id, 'done'));
    const c = cancelCase(s);
    expect(c.ok && c.state.status).toBe('cancelled');
    expect(c.ok && openTasks(c.state)).toEqual([]);
  });

  it('random walks through every SOP in sops/ always reach the end or an open task, never a dead end', () => {
    const docs = [...seedFiles().map(load), perUnit];
    expect(docs.length).toBeGreaterThanOrEqual(2);
    for (const d of docs) {
      fc.assert(
        fc.property(
          fc.array(fc.nat(), { minLength: 1, maxLength: 400 }),
          fc.integer({ min: 1, max: 4 }),
          (choices, unitCount) => {
            const units = Array.from({ length: unitCount }, (_, i) => `u${i}`);
            const r = startCase(d, { units });
            if (!r.ok) return false;
            let s = r.state;
            for (const c of choices) {
              if (s.status === 'completed') break;
              const open = openTasks(s);
              if (open.length === 0) return false; // a dead end: open case, nothing to do
              const task = open[c % open.length]!;
              const outcomes = allowedOutcomes(d, task.stepNo);
              // Returns are rarer than approvals, as in life; every walk still may loop.
              const outcome = outcomes.length === 1 ? outcomes[0]! : c % 4 === 0 ? 'tidak' : 'ya';
              const next = completeTask(d, s, task.id, outcome);
              if (!next.ok) return false;
              s = next.state;
            }
            return s.status === 'completed' || openTasks(s).length > 0;
          },
        ),
        { numRuns: 200 },
      );
    }
  });
});
