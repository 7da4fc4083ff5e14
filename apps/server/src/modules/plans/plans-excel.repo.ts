import type { Queryable, Tx } from '../../db/database.js';

// SQL of the Excel import: the stored previews and the version digests that tell whether a plan
// or an agreement changed between preview and apply.

export type ImportKind = 'plan' | 'agreement';

export interface PreviewRow {
  id: string;
  government_id: string;
  user_id: string;
  kind: ImportKind;
  target_id: string;
  versions: string;
  payload: unknown;
  expires_at: Date;
  applied_at: Date | null;
  expired: boolean;
}

/** Every updated_at that a change to the plan's content bumps, as sorted "id@time" lines. */
export async function planVersionLines(db: Queryable, planId: string): Promise<string[]> {
  const rows = await db.query<{ line: string }>(
    `SELECT 'plan:' || id || '@' || to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS line
       FROM plans WHERE id = $1
     UNION ALL
     SELECT 'node:' || id || '@' || to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
       FROM plan_nodes WHERE plan_id = $1
     UNION ALL
     SELECT 'indicator:' || id || '@' || to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
       FROM plan_indicators WHERE plan_id = $1
     ORDER BY 1`,
    [planId],
  );
  return rows.map((r) => r.line);
}

/** The agreement, its indicator rows and (budgets bump the agreement itself) as "id@time" lines. */
export async function agreementVersionLines(db: Queryable, agreementId: string): Promise<string[]> {
  const rows = await db.query<{ line: string }>(
    `SELECT 'agreement:' || id || '@' || to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS line
       FROM performance_agreements WHERE id = $1
     UNION ALL
     SELECT 'row:' || id || '@' || to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
       FROM performance_agreement_indicators WHERE agreement_id = $1
     ORDER BY 1`,
    [agreementId],
  );
  return rows.map((r) => r.line);
}

export async function insertPreview(
  tx: Tx,
  p: {
    government_id: string;
    user_id: string;
    kind: ImportKind;
    target_id: string;
    versions: string;
    payload: unknown;
    minutes: number;
  },
): Promise<{ id: string; expires_at: Date }> {
  // Expired previews are of no use to anyone; clearing them here keeps the table small.
  await tx.query("DELETE FROM import_previews WHERE expires_at < now() - interval '1 day'");
  const rows = await tx.query<{ id: string; expires_at: Date }>(
    `INSERT INTO import_previews (government_id, user_id, kind, target_id, versions, payload, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, clock_timestamp() + make_interval(mins => $7))
     RETURNING id, expires_at`,
    [p.government_id, p.user_id, p.kind, p.target_id, p.versions, JSON.stringify(p.payload), p.minutes],
  );
  return rows[0]!;
}

/** The preview, locked for this transaction (two applies of one token run one after the other). */
export async function lockPreview(tx: Tx, governmentId: string, id: string): Promise<PreviewRow | undefined> {
  const rows = await tx.query<PreviewRow>(
    `SELECT id, government_id, user_id, kind, target_id, versions, payload, expires_at, applied_at,
            expires_at <= clock_timestamp() AS expired
       FROM import_previews WHERE government_id = $1 AND id = $2 FOR UPDATE`,
    [governmentId, id],
  );
  return rows[0];
}

export async function markApplied(tx: Tx, id: string): Promise<void> {
  await tx.query('UPDATE import_previews SET applied_at = clock_timestamp() WHERE id = $1', [id]);
}
