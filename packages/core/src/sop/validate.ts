import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { actionKindInfo } from './action-kinds.js';
import { type SopDocument, sopDocument } from './schema.js';

export interface SopIssue {
  /** Where, e.g. `steps[4].decision.tidak`. */
  path: string;
  message: string;
}

export type SopValidation = { ok: true; value: SopDocument } | { ok: false; errors: SopIssue[] };

/** `['steps', 4, 'decision', 'tidak']` → `steps[4].decision.tidak`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(document)';
}

/** Reads YAML or JSON text; a syntax error is reported as an issue, not thrown. */
export function parseSopText(source: string): { ok: true; value: unknown } | { ok: false; errors: SopIssue[] } {
  try {
    return { ok: true, value: parseYaml(source, { prettyErrors: true }) };
  } catch (e) {
    const err = e as { message?: string; linePos?: { line: number; col: number }[] };
    const where = err.linePos?.[0] ? `line ${err.linePos[0].line}, column ${err.linePos[0].col}` : '(document)';
    return { ok: false, errors: [{ path: where, message: (err.message ?? 'not valid YAML or JSON').split('\n')[0]! }] };
  }
}

/** Checks a parsed document: the schema, then the rules across fields. Reports every problem. */
export function validateSop(input: unknown): SopValidation {
  const parsed = sopDocument.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i: z.core.$ZodIssue) => ({ path: formatPath(i.path), message: i.message })),
    };
  }
  const doc = parsed.data;
  const errors = checkStructure(doc);
  return errors.length ? { ok: false, errors } : { ok: true, value: doc };
}

export function validateSopText(source: string): SopValidation {
  const r = parseSopText(source);
  return r.ok ? validateSop(r.value) : r;
}

/** The successors of a step: its decision's ya and tidak, or `next`, or the following step. */
export function successors(doc: SopDocument, index: number): number[] {
  const step = doc.steps[index]!;
  if (step.decision) return [step.decision.ya, step.decision.tidak];
  if (step.end) return [];
  if (step.next !== undefined) return [step.next];
  const following = doc.steps[index + 1];
  return following ? [following.no] : [];
}

function checkStructure(doc: SopDocument): SopIssue[] {
  const errors: SopIssue[] = [];
  const indexOf = new Map<number, number>();
  doc.steps.forEach((s, i) => {
    if (indexOf.has(s.no)) errors.push({ path: `steps[${i}].no`, message: `step ${s.no} appears twice` });
    else indexOf.set(s.no, i);
  });
  const declared = new Set(Object.keys(doc.lanes));
  const used = new Set<string>();
  doc.steps.forEach((s, i) => {
    s.lanes.forEach((l, j) => {
      used.add(l);
      if (!declared.has(l)) {
        const path = s.lanes.length === 1 ? `steps[${i}].lane` : `steps[${i}].lanes[${j}]`;
        errors.push({ path, message: `lane "${l}" is not declared in lanes` });
      }
    });
    const kind = actionKindInfo(s.action);
    if (!kind) errors.push({ path: `steps[${i}].action`, message: `unknown action kind "${s.action}"` });
    else if (kind.decision && !s.decision) {
      errors.push({ path: `steps[${i}].decision`, message: `a "${s.action}" step needs a decision (ya and tidak)` });
    } else if (!kind.decision && s.decision) {
      errors.push({ path: `steps[${i}].decision`, message: `only a decision step (e.g. review) routes ya / tidak` });
    }
    if (s.decision) {
      for (const branch of ['ya', 'tidak'] as const) {
        const target = s.decision[branch];
        if (target === s.no)
          errors.push({ path: `steps[${i}].decision.${branch}`, message: `step ${s.no} routes to itself` });
        else if (!indexOf.has(target)) {
          errors.push({ path: `steps[${i}].decision.${branch}`, message: `step ${target} does not exist` });
        }
      }
      if (s.end) errors.push({ path: `steps[${i}].end`, message: 'a decision step cannot end the procedure' });
      if (s.next !== undefined)
        errors.push({ path: `steps[${i}].next`, message: 'a decision step routes by ya / tidak, not next' });
    }
    if (s.next !== undefined) {
      if (s.next === s.no) errors.push({ path: `steps[${i}].next`, message: `step ${s.no} routes to itself` });
      else if (!indexOf.has(s.next))
        errors.push({ path: `steps[${i}].next`, message: `step ${s.next} does not exist` });
      if (s.end) errors.push({ path: `steps[${i}].end`, message: 'give next or end, not both' });
    }
  });
  for (const l of declared) {
    if (!used.has(l)) errors.push({ path: `lanes.${l}`, message: `lane "${l}" is used by no step` });
  }
  if (errors.length) return errors;

  // Every step reachable from the first; at least one way to the end.
  const reached = new Set<number>();
  const queue = [doc.steps[0]!.no];
  let ends = false;
  while (queue.length) {
    const no = queue.shift()!;
    if (reached.has(no)) continue;
    reached.add(no);
    const succ = successors(doc, indexOf.get(no)!);
    if (succ.length === 0) ends = true;
    queue.push(...succ);
  }
  doc.steps.forEach((s, i) => {
    if (!reached.has(s.no))
      errors.push({ path: `steps[${i}]`, message: `step ${s.no} cannot be reached from step ${doc.steps[0]!.no}` });
  });
  if (!ends) {
    errors.push({ path: 'steps', message: 'the procedure has no end: every path loops back' });
    return errors;
  }
  // From every step some path must lead to an end (no loop without a way out).
  const canEnd = new Set<number>();
  let grew = true;
  while (grew) {
    grew = false;
    doc.steps.forEach((s, i) => {
      if (canEnd.has(s.no)) return;
      const succ = successors(doc, i);
      if (succ.length === 0 || succ.some((n) => canEnd.has(n))) {
        canEnd.add(s.no);
        grew = true;
      }
    });
  }
  doc.steps.forEach((s, i) => {
    if (reached.has(s.no) && !canEnd.has(s.no)) {
      errors.push({ path: `steps[${i}]`, message: `from step ${s.no} the procedure can never end` });
    }
  });
  return errors;
}
