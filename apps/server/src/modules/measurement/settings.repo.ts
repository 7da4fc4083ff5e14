import type { CategoryScale } from '@sidakin/core';
import type { Queryable, Tx } from '../../db/database.js';

export interface SettingsRow {
  scale: CategoryScale;
  decimals: number;
  cap: string | null;
  efficiency_formula: 'difference' | 'ratio';
  agency_from: 'objective' | 'goal';
  updated_at: Date;
}

/** The government's settings, or undefined when it keeps the defaults. */
export async function getSettings(db: Queryable, governmentId: string): Promise<SettingsRow | undefined> {
  const rows = await db.query<SettingsRow>(
    `SELECT scale, decimals, cap::text AS cap, efficiency_formula, agency_from, updated_at
       FROM measurement_settings WHERE government_id = $1`,
    [governmentId],
  );
  return rows[0];
}

/** Writes the settings; false when `expectedUpdatedAt` no longer matches the stored row. */
export async function putSettings(
  tx: Tx,
  governmentId: string,
  s: Omit<SettingsRow, 'updated_at'>,
  expectedUpdatedAt: string | undefined,
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO measurement_settings (government_id, scale, decimals, cap, efficiency_formula, agency_from)
     VALUES ($1, $2::jsonb, $3, $4, $5, $6)
     ON CONFLICT (government_id) DO UPDATE SET scale = EXCLUDED.scale, decimals = EXCLUDED.decimals,
       cap = EXCLUDED.cap, efficiency_formula = EXCLUDED.efficiency_formula, agency_from = EXCLUDED.agency_from,
       updated_at = greatest(clock_timestamp(), measurement_settings.updated_at + interval '1 millisecond')
       WHERE $7::timestamptz IS NULL OR date_trunc('milliseconds', measurement_settings.updated_at) = $7::timestamptz
     RETURNING government_id`,
    [
      governmentId,
      JSON.stringify(s.scale),
      s.decimals,
      s.cap,
      s.efficiency_formula,
      s.agency_from,
      expectedUpdatedAt ?? null,
    ],
  );
  return rows.length > 0;
}
