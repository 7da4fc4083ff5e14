import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { LocalizedText } from '../messages.js';
import { actionKindInfo } from './action-kinds.js';
import { type SopDocument, sopDocument } from './schema.js';

export interface SopIssue {
  /** Where, e.g. `steps[4].decision.tidak`. */
  path: string;
  /** In English (the CLI prints it). */
  message: string;
  /** The same in Bahasa Indonesia and English, for people using the API and the web app. */
  text: LocalizedText;
}

/** An issue at `path`, worded in English and in Bahasa Indonesia. */
export function sopIssue(path: string, en: string, id: string): SopIssue {
  return { path, message: en, text: { id, en } };
}

// The schema's own messages, in Indonesian.
const schemaMessagesId: Record<string, string> = {
  'use lower-case letters, digits and hyphens': 'gunakan huruf kecil, angka dan tanda hubung',
  'a lane id uses lower-case letters, digits and hyphens': 'id lajur memakai huruf kecil, angka dan tanda hubung',
  'write a duration as "<number> menit|jam|hari"': 'tulis waktu sebagai "<angka> menit|jam|hari"',
  'an action kind uses lower-case letters and hyphens': 'jenis tindakan memakai huruf kecil dan tanda hubung',
  'give exactly one of lane or lanes': 'isi tepat salah satu: lane atau lanes',
  'write the id as <government>/<agency>/<name>': 'tulis id sebagai <pemerintah>/<perangkat-daerah>/<nama>',
};
const zodEn = z.locales.en();
const zodId = z.locales.id();

function schemaIssue(i: z.core.$ZodIssue): SopIssue {
  const path = formatPath(i.path);
  const own = schemaMessagesId[i.message];
  if (own) return sopIssue(path, i.message, own);
  // zod's own wording, rendered in both languages whatever the process-wide locale is.
  const en = zodEn.localeError(i as never);
  const id = zodId.localeError(i as never);
  return sopIssue(
    path,
    typeof en === 'string' ? en : (en?.message ?? i.message),
    typeof id === 'string' ? id : (id?.message ?? i.message),
  );
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
    const detail = (err.message ?? 'not valid YAML or JSON').split('\n')[0]!;
    return { ok: false, errors: [sopIssue(where, detail, `bukan YAML atau JSON yang valid: ${detail}`)] };
  }
}

/** Checks a parsed document: the schema, then the rules across fields. Reports every problem. */
export function validateSop(input: unknown): SopValidation {
  const parsed = sopDocument.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map(schemaIssue),
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
    if (indexOf.has(s.no))
      errors.push(sopIssue(`steps[${i}].no`, `step ${s.no} appears twice`, `langkah ${s.no} muncul dua kali`));
    else indexOf.set(s.no, i);
  });
  const declared = new Set(Object.keys(doc.lanes));
  const used = new Set<string>();
  doc.steps.forEach((s, i) => {
    s.lanes.forEach((l, j) => {
      used.add(l);
      if (!declared.has(l)) {
        const path = s.lanes.length === 1 ? `steps[${i}].lane` : `steps[${i}].lanes[${j}]`;
        errors.push(
          sopIssue(path, `lane "${l}" is not declared in lanes`, `lajur "${l}" tidak dideklarasikan di lanes`),
        );
      }
    });
    (s.signers ?? []).forEach((l, j) => {
      used.add(l);
      if (!declared.has(l)) {
        errors.push(
          sopIssue(
            `steps[${i}].signers[${j}]`,
            `lane "${l}" is not declared in lanes`,
            `lajur "${l}" tidak dideklarasikan di lanes`,
          ),
        );
      }
    });
    if (s.signers && !(s.action === 'sign' || s.signature)) {
      errors.push(
        sopIssue(
          `steps[${i}].signers`,
          'only a signing step (action sign, or signature: true) names its signers',
          'hanya langkah penandatanganan (action sign, atau signature: true) yang menyebut penanda tangannya',
        ),
      );
    }
    const kind = actionKindInfo(s.action);
    if (!kind)
      errors.push(
        sopIssue(
          `steps[${i}].action`,
          `unknown action kind "${s.action}"`,
          `jenis tindakan "${s.action}" tidak dikenal`,
        ),
      );
    else if (kind.decision && !s.decision) {
      errors.push(
        sopIssue(
          `steps[${i}].decision`,
          `a "${s.action}" step needs a decision (ya and tidak)`,
          `langkah "${s.action}" memerlukan keputusan (ya dan tidak)`,
        ),
      );
    } else if (!kind.decision && s.decision) {
      errors.push(
        sopIssue(
          `steps[${i}].decision`,
          'only a decision step (e.g. review) routes ya / tidak',
          'hanya langkah keputusan (mis. review) yang bercabang ya / tidak',
        ),
      );
    }
    if (s.decision) {
      for (const branch of ['ya', 'tidak'] as const) {
        const target = s.decision[branch];
        if (target === s.no)
          errors.push(
            sopIssue(
              `steps[${i}].decision.${branch}`,
              `step ${s.no} routes to itself`,
              `langkah ${s.no} mengarah ke dirinya sendiri`,
            ),
          );
        else if (!indexOf.has(target)) {
          errors.push(
            sopIssue(`steps[${i}].decision.${branch}`, `step ${target} does not exist`, `langkah ${target} tidak ada`),
          );
        }
      }
      if (s.end)
        errors.push(
          sopIssue(
            `steps[${i}].end`,
            'a decision step cannot end the procedure',
            'langkah keputusan tidak dapat mengakhiri prosedur',
          ),
        );
      if (s.next !== undefined)
        errors.push(
          sopIssue(
            `steps[${i}].next`,
            'a decision step routes by ya / tidak, not next',
            'langkah keputusan bercabang dengan ya / tidak, bukan next',
          ),
        );
    }
    if (s.next !== undefined) {
      if (s.next === s.no)
        errors.push(
          sopIssue(`steps[${i}].next`, `step ${s.no} routes to itself`, `langkah ${s.no} mengarah ke dirinya sendiri`),
        );
      else if (!indexOf.has(s.next))
        errors.push(sopIssue(`steps[${i}].next`, `step ${s.next} does not exist`, `langkah ${s.next} tidak ada`));
      if (s.end)
        errors.push(sopIssue(`steps[${i}].end`, 'give next or end, not both', 'isi next atau end, tidak keduanya'));
    }
  });
  for (const l of declared) {
    if (!used.has(l))
      errors.push(
        sopIssue(`lanes.${l}`, `lane "${l}" is used by no step`, `lajur "${l}" tidak dipakai oleh langkah mana pun`),
      );
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
      errors.push(
        sopIssue(
          `steps[${i}]`,
          `step ${s.no} cannot be reached from step ${doc.steps[0]!.no}`,
          `langkah ${s.no} tidak dapat dicapai dari langkah ${doc.steps[0]!.no}`,
        ),
      );
  });
  if (!ends) {
    errors.push(
      sopIssue(
        'steps',
        'the procedure has no end: every path loops back',
        'prosedur tidak memiliki akhir: setiap jalur kembali berputar',
      ),
    );
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
      errors.push(
        sopIssue(
          `steps[${i}]`,
          `from step ${s.no} the procedure can never end`,
          `dari langkah ${s.no} prosedur tidak pernah dapat berakhir`,
        ),
      );
    }
  });
  return errors;
}
