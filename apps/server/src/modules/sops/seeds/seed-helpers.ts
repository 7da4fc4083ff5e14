import fs from 'node:fs';
import path from 'node:path';
import { type LaneBinding, type SopDocument, validateSopText } from '@sidakin/core';
import { type DemoAgency, type DemoPosition, demoData, demoLaneMap } from '../../demo/demo-data.js';

// Shared by the seed SOP tests: each checks one seed's encoding against its printed text.

export const sopsDir = path.resolve(import.meta.dirname, '../../../../../../sops');

/** A seed SOP file (path under sops/), validated; throws with every error when it is not valid. */
export function loadSeedSop(relative: string): SopDocument {
  const r = validateSopText(fs.readFileSync(path.join(sopsDir, relative), 'utf8'));
  if (!r.ok) throw new Error(`${relative}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return r.value;
}

export function demoAgencyOf(government: string, agency: string): DemoAgency {
  const found = demoData.find((g) => g.code === government)?.agencies.find((a) => a.code === agency);
  if (!found) throw new Error(`no demo agency ${government}/${agency}`);
  return found;
}

/** The demo positions that can hold a lane with this binding (for a unit binding: in some unit). */
export function holders(agency: DemoAgency, binding: LaneBinding): DemoPosition[] {
  const { positions } = agency;
  if (binding === 'head-of-agency') return positions.filter((p) => p.kind === 'head' && !p.unit);
  if (binding === 'secretary') return positions.filter((p) => p.kind === 'secretary');
  if (binding === 'head-of-unit' || binding === 'head-of-subunit') {
    return positions.filter((p) => p.kind === 'head' && p.unit);
  }
  if (binding === 'staff-of-unit') return positions.filter((p) => p.kind === 'staff' && p.unit);
  if ('position' in binding) return positions.filter((p) => p.code === binding.position);
  const team = agency.teams.find((t) => t.code === binding.team);
  const codes = team?.members.filter((m) => m.role === binding.role).map((m) => m.position) ?? [];
  return positions.filter((p) => codes.includes(p.code));
}

/**
 * Why the lanes of a document would not bind as the demo lane map says: each lane's binding must
 * name (or fit) the position the map gives for its printed title.
 */
export function bindingProblems(doc: SopDocument): string[] {
  const agency = demoAgencyOf(doc.agency.government, doc.agency.agency);
  const problems: string[] = [];
  for (const [id, lane] of Object.entries(doc.lanes)) {
    const b = lane.binding;
    const mapped = demoLaneMap[agency.code]?.[lane.title];
    const pos = agency.positions.find((p) => p.code === mapped);
    if (!pos) {
      problems.push(`${id}: the lane map has no position for "${lane.title}"`);
      continue;
    }
    if (typeof b === 'object' && 'position' in b) {
      if (!agency.positions.some((p) => p.code === b.position)) problems.push(`${id}: no position ${b.position}`);
      if (b.position !== pos.code) problems.push(`${id}: bound to ${b.position}, the lane map says ${pos.code}`);
    } else if (typeof b === 'object') {
      const team = agency.teams.find((t) => t.code === b.team);
      if (!team) problems.push(`${id}: no team ${b.team}`);
      else if (!team.members.some((m) => m.role === b.role)) problems.push(`${id}: no ${b.role} in ${b.team}`);
      else if (!team.members.some((m) => m.role === b.role && m.position === pos.code))
        problems.push(`${id}: ${pos.code} is not ${b.role} of ${b.team}`);
    } else {
      const fits =
        b === 'head-of-agency'
          ? pos.kind === 'head' && !pos.unit
          : b === 'secretary'
            ? pos.kind === 'secretary'
            : b === 'staff-of-unit'
              ? pos.kind === 'staff' && !!pos.unit
              : b === 'head-of-unit'
                ? pos.kind === 'head' && !!pos.unit
                : pos.kind === 'head' && !!agency.units.find((u) => u.code === pos.unit)?.parent;
      if (!fits) problems.push(`${id}: ${pos.code} does not fit ${b}`);
    }
  }
  return problems;
}

/** The demo position the lane map gives for a printed lane title. */
export function mappedPosition(agency: DemoAgency, title: string): DemoPosition | undefined {
  const code = demoLaneMap[agency.code]?.[title];
  return agency.positions.find((p) => p.code === code);
}
