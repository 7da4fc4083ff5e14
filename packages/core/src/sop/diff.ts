import type { SopDocument } from './schema.js';

export interface SopChange {
  /** Where, e.g. `steps[no=5].duration` or `lanes.kasi`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function compareFields(path: string, a: Record<string, unknown>, b: Record<string, unknown>, out: SopChange[]) {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) {
    if (same(a[k], b[k])) continue;
    if (a[k] === undefined) out.push({ path: `${path}${k}`, kind: 'added', after: b[k] });
    else if (b[k] === undefined) out.push({ path: `${path}${k}`, kind: 'removed', before: a[k] });
    else out.push({ path: `${path}${k}`, kind: 'changed', before: a[k], after: b[k] });
  }
}

/**
 * A readable difference between two versions of an SOP: document fields, lanes by id and steps by
 * their printed number, each change with its value before and after.
 */
export function diffSop(a: SopDocument, b: SopDocument): SopChange[] {
  const out: SopChange[] = [];
  const { lanes: la, steps: sa, ...restA } = a;
  const { lanes: lb, steps: sb, ...restB } = b;
  compareFields('', restA as Record<string, unknown>, restB as Record<string, unknown>, out);
  for (const id of [...new Set([...Object.keys(la), ...Object.keys(lb)])]) {
    const x = la[id];
    const y = lb[id];
    if (!x) out.push({ path: `lanes.${id}`, kind: 'added', after: y });
    else if (!y) out.push({ path: `lanes.${id}`, kind: 'removed', before: x });
    else compareFields(`lanes.${id}.`, x as Record<string, unknown>, y as Record<string, unknown>, out);
  }
  const byNo = (steps: SopDocument['steps']) => new Map(steps.map((s) => [s.no, s]));
  const ma = byNo(sa);
  const mb = byNo(sb);
  const nos = [...new Set([...ma.keys(), ...mb.keys()])].sort((p, q) => p - q);
  for (const no of nos) {
    const x = ma.get(no);
    const y = mb.get(no);
    if (!x) out.push({ path: `steps[no=${no}]`, kind: 'added', after: y });
    else if (!y) out.push({ path: `steps[no=${no}]`, kind: 'removed', before: x });
    else compareFields(`steps[no=${no}].`, x as Record<string, unknown>, y as Record<string, unknown>, out);
  }
  return out;
}
