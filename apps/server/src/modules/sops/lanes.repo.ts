import type { Queryable } from '../../db/database.js';

export interface LanePositionRow {
  position_id: string;
  position_name: string;
  position_code: string;
  unit_id: string | null;
  unit_name: string | null;
}

export interface HolderRow {
  position_id: string;
  employee_id: string;
  employee_name: string;
  front_title: string;
  back_title: string;
  kind: 'definitive' | 'plt' | 'plh';
}

const positionCols = `p.id AS position_id, p.name AS position_name, p.code AS position_code, p.unit_id, un.name AS unit_name`;
const fromPositions = `positions p LEFT JOIN units un ON un.id = p.unit_id`;

/** Positions of an agency that a binding names; unit-scoped bindings take a unit (or any unit when null). */
export async function positionsFor(
  db: Queryable,
  q: {
    governmentId: string;
    agencyId: string;
    binding: string | { position: string } | { team: string; role: string };
    unitId: string | null;
  },
): Promise<LanePositionRow[]> {
  const base = [q.governmentId, q.agencyId];
  const scope = 'p.government_id = $1 AND p.agency_id = $2 AND p.active';
  const b = q.binding;
  if (b === 'head-of-agency' || b === 'secretary') {
    return db.query<LanePositionRow>(
      `SELECT ${positionCols} FROM ${fromPositions} WHERE ${scope} AND p.unit_id IS NULL AND p.kind = $3 ORDER BY p.sort_order`,
      [...base, b === 'head-of-agency' ? 'head' : 'secretary'],
    );
  }
  if (b === 'head-of-unit' || b === 'staff-of-unit') {
    return db.query<LanePositionRow>(
      `SELECT ${positionCols} FROM ${fromPositions}
        WHERE ${scope} AND p.unit_id IS NOT NULL AND un.active AND p.kind = $3 AND ($4::uuid IS NULL OR p.unit_id = $4)
        ORDER BY un.sort_order, p.sort_order`,
      [...base, b === 'head-of-unit' ? 'head' : 'staff', q.unitId],
    );
  }
  if (b === 'head-of-subunit') {
    return db.query<LanePositionRow>(
      `SELECT ${positionCols} FROM ${fromPositions}
        WHERE ${scope} AND p.kind = 'head' AND un.active AND un.parent_id IS NOT NULL AND ($3::uuid IS NULL OR un.parent_id = $3)
        ORDER BY un.sort_order, p.sort_order`,
      [...base, q.unitId],
    );
  }
  if (typeof b === 'object' && 'position' in b) {
    return db.query<LanePositionRow>(`SELECT ${positionCols} FROM ${fromPositions} WHERE ${scope} AND p.code = $3`, [
      ...base,
      b.position,
    ]);
  }
  if (typeof b === 'object' && 'team' in b) {
    return db.query<LanePositionRow>(
      `SELECT ${positionCols} FROM team_members m JOIN teams t ON t.id = m.team_id AND t.active
         JOIN positions p ON p.id = m.position_id LEFT JOIN units un ON un.id = p.unit_id
        WHERE ${scope} AND t.agency_id = $2 AND t.code = $3 AND m.role = $4 AND m.removed_at IS NULL
        ORDER BY p.sort_order`,
      [...base, b.team, b.role],
    );
  }
  return [];
}

/** Who holds each position today (definitive holders and Plt/Plh in force), in the government's time zone. */
export async function holdersToday(db: Queryable, governmentId: string, positionIds: string[]): Promise<HolderRow[]> {
  if (positionIds.length === 0) return [];
  return db.query<HolderRow>(
    `SELECT pa.position_id, e.id AS employee_id, e.name AS employee_name, e.front_title, e.back_title, pa.kind
       FROM position_assignments pa
       JOIN employees e ON e.id = pa.employee_id AND e.active
       JOIN governments g ON g.id = pa.government_id
      WHERE pa.government_id = $1 AND pa.position_id = ANY($2::uuid[])
        AND pa.starts_on <= (now() AT TIME ZONE g.time_zone)::date
        AND (pa.ends_on IS NULL OR pa.ends_on >= (now() AT TIME ZONE g.time_zone)::date)
      ORDER BY (pa.kind = 'definitive') DESC`,
    [governmentId, positionIds],
  );
}
