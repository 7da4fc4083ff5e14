import type { Queryable } from '../../db/database.js';

// What the measurement documents read beside the run itself: a run keeps only the ids of its
// indicators and plan nodes, so their codes, names and units of measure come from the plan
// tables. The letterhead and the signer come from the document frame (org/document-frame.repo.ts).

export async function runInputs(db: Queryable, governmentId: string, runId: string): Promise<unknown> {
  const rows = await db.query<{ inputs: unknown }>(
    'SELECT inputs FROM measurement_runs WHERE government_id = $1 AND id = $2',
    [governmentId, runId],
  );
  return rows[0]?.inputs;
}

export interface NodeInfoRow {
  id: string;
  parent_id: string | null;
  kind: 'goal' | 'objective' | 'program' | 'activity' | 'sub_activity';
  code: string;
  name: string;
  sort_order: number;
}

/** Plan nodes by id, inactive ones too (a past run may name a node since retired). */
export async function nodes(db: Queryable, governmentId: string, ids: string[]): Promise<NodeInfoRow[]> {
  if (ids.length === 0) return [];
  return db.query<NodeInfoRow>(
    `SELECT id, parent_id, kind, code, name, sort_order FROM plan_nodes
      WHERE government_id = $1 AND id = ANY($2::uuid[])`,
    [governmentId, ids],
  );
}

export interface IndicatorInfoRow {
  id: string;
  code: string;
  name: string;
  unit_of_measure: string;
  is_key: boolean;
  decimals: number;
}

export async function indicators(db: Queryable, governmentId: string, ids: string[]): Promise<IndicatorInfoRow[]> {
  if (ids.length === 0) return [];
  return db.query<IndicatorInfoRow>(
    `SELECT id, code, name, unit_of_measure, is_key, decimals FROM plan_indicators
      WHERE government_id = $1 AND id = ANY($2::uuid[])`,
    [governmentId, ids],
  );
}

export async function unitNames(
  db: Queryable,
  governmentId: string,
  ids: string[],
): Promise<{ id: string; name: string; sort_order: number }[]> {
  if (ids.length === 0) return [];
  return db.query('SELECT id, name, sort_order FROM units WHERE government_id = $1 AND id = ANY($2::uuid[])', [
    governmentId,
    ids,
  ]);
}

/** Where the government's documents are signed: its region (or name) without "Kabupaten"/"Kota". */
export async function place(db: Queryable, governmentId: string): Promise<string> {
  const rows = await db.query<{ name: string; region: string }>('SELECT name, region FROM governments WHERE id = $1', [
    governmentId,
  ]);
  const g = rows[0];
  return (g?.region || g?.name || '').replace(/^(Kabupaten|Kota|Provinsi)\s+/i, '');
}
