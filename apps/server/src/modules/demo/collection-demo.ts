/**
 * Demo realisasi: for every demo agency with performance agreements, collection periods for the
 * quarters of 2025 (all locked) and 2026 Q1–Q3 (Q1 and Q2 locked, Q3 open and half filled in), with
 * values near the quarter targets entered by a staff member of each unit, a few far-off values that
 * raise warnings on purpose, evidence as text and links, and a couple of comments.
 *
 * Values go through the collection service, so they are versioned and audited like people's.
 * Figures are plausible, not real.
 */
import type { Tx } from '../../db/database.js';
import { systemContext } from '../../http/context.js';
import * as repo from '../collection/collection.repo.js';
import { createPeriodTx, formOf, lockPeriodTx, saveValueTx } from '../collection/collection.service.js';

const PERIODS: {
  year: number;
  period: 'q1' | 'q2' | 'q3' | 'q4';
  opensOn: string;
  closesOn: string;
  locked: boolean;
}[] = [
  { year: 2025, period: 'q1', opensOn: '2025-04-01', closesOn: '2025-04-15', locked: true },
  { year: 2025, period: 'q2', opensOn: '2025-07-01', closesOn: '2025-07-15', locked: true },
  { year: 2025, period: 'q3', opensOn: '2025-10-01', closesOn: '2025-10-15', locked: true },
  { year: 2025, period: 'q4', opensOn: '2026-01-02', closesOn: '2026-01-16', locked: true },
  { year: 2026, period: 'q1', opensOn: '2026-04-01', closesOn: '2026-04-15', locked: true },
  { year: 2026, period: 'q2', opensOn: '2026-07-01', closesOn: '2026-07-15', locked: true },
  // Q3 is still being collected: its window was extended to the end of the year's reporting.
  { year: 2026, period: 'q3', opensOn: '2026-10-01', closesOn: '2026-12-15', locked: false },
];

/** Deterministic spread around the target: 92 % … 106 %. */
const FACTORS = [0.97, 1.02, 0.94, 1.0, 1.05, 0.92, 1.06, 0.99];

function near(target: string, factor: number, decimals: number): number {
  return Number((Number(target) * factor).toFixed(Math.min(decimals, 2)));
}

async function enteringUser(tx: Tx, agencyId: string, unitId: string | null) {
  const rows = await tx.query<{ id: string; display_name: string }>(
    `SELECT u.id, u.display_name FROM positions p
       JOIN position_assignments pa ON pa.position_id = p.id AND pa.ends_on IS NULL
       JOIN users u ON u.employee_id = pa.employee_id AND u.active
      WHERE p.agency_id = $1 AND ($2::uuid IS NULL OR p.unit_id = $2 OR p.unit_id IN (SELECT id FROM units WHERE parent_id = $2))
        AND p.kind IN ('staff', 'functional') AND p.active
      ORDER BY (p.unit_id IS NOT DISTINCT FROM $2::uuid) DESC, p.sort_order LIMIT 1`,
    [agencyId, unitId],
  );
  return rows[0] ? { userId: rows[0].id, displayName: rows[0].display_name } : null;
}

export async function loadDemoCollection(tx: Tx, governmentId: string): Promise<number> {
  const ctx = systemContext('sidakin demo');
  const agencies = await tx.query<{ id: string }>(
    `SELECT DISTINCT agency_id AS id FROM performance_agreements WHERE government_id = $1 AND is_current ORDER BY 1`,
    [governmentId],
  );
  let values = 0;
  for (const agency of agencies) {
    let n = 0;
    for (const spec of PERIODS) {
      const period = await createPeriodTx(tx, ctx, governmentId, {
        agencyId: agency.id,
        year: spec.year,
        period: spec.period,
        opensOn: spec.opensOn,
        closesOn: spec.closesOn,
      });
      const forms = await repo.answeringAgreements(tx, agency.id, spec.year);
      for (const [fi, f] of forms.entries()) {
        // In the open quarter the last unit has not started yet.
        if (!spec.locked && fi === forms.length - 1 && forms.length > 1) continue;
        const who = await enteringUser(tx, agency.id, f.unit_id);
        const form = await formOf(tx, period, f.unit_id, 'id');
        for (const [ri, row] of form.rows.entries()) {
          const t = row.target ?? row.annualTarget;
          const base = t?.value ?? (t?.low && t.high ? String((Number(t.low) + Number(t.high)) / 2) : null);
          if (base === null) continue;
          let factor = FACTORS[(n++ + ri) % FACTORS.length]!;
          // On purpose: a jump in one agency value of 2026 Q2, and an achievement far above target.
          if (spec.year === 2026 && spec.period === 'q2' && fi === 0 && ri === 0) factor = 3.6;
          if (spec.year === 2025 && spec.period === 'q3' && fi === 1 && ri === 0) factor = 1.7;
          const actual = near(base, factor, row.decimals);
          const id = await saveValueTx(
            tx,
            ctx,
            who,
            period,
            { indicatorId: row.indicatorId, individualIndicatorId: null, unitId: f.unit_id },
            {
              indicatorId: row.indicatorId!,
              unitId: f.unit_id,
              actual,
              supportingFactors:
                factor >= 1 ? 'Kegiatan terlaksana sesuai rencana aksi dan didukung anggaran yang cukup' : '',
              inhibitingFactors:
                factor < 1 ? 'Sebagian kegiatan bergeser ke triwulan berikutnya karena penyesuaian jadwal' : '',
              followUp: factor < 1 ? 'Percepatan pelaksanaan kegiatan pada triwulan berikutnya' : '',
              baseVersion: 0,
            },
            'demo',
          );
          values++;
          if (ri % 2 === 0) {
            await repo.insertEvidence(tx, {
              government_id: governmentId,
              value_id: id,
              kind: ri % 4 === 0 ? 'text' : 'link',
              file_id: null,
              url: ri % 4 === 0 ? null : `https://data.example.go.id/bukti/${spec.year}-${spec.period}-${ri + 1}`,
              body: ri % 4 === 0 ? 'Laporan kegiatan dan daftar hadir tersimpan di arsip unit' : null,
              description: ri % 4 === 0 ? 'Laporan kegiatan' : 'Dokumentasi kegiatan (tautan)',
              user_id: who?.userId ?? null,
              user_name: who?.displayName ?? 'Sistem (data demo)',
            });
          }
          if (spec.year === 2026 && spec.period === 'q2' && fi === 0 && ri === 0) {
            await repo.insertComment(tx, {
              government_id: governmentId,
              value_id: id,
              body: 'Kenaikan tajam dibanding triwulan I; mohon dijelaskan pada faktor pendukung.',
              user_id: null,
              user_name: 'Tim SAKIP (data demo)',
            });
          }
          if (spec.year === 2025 && spec.period === 'q3' && fi === 1 && ri === 0) {
            await repo.insertComment(tx, {
              government_id: governmentId,
              value_id: id,
              body: 'Capaian jauh di atas target; target triwulan perlu ditinjau pada perubahan PK.',
              user_id: null,
              user_name: 'Tim SAKIP (data demo)',
            });
          }
        }
        if (form.rows.length === 0) continue;
        // Past quarters were completed and approved; in Q3 only the first form is completed.
        if (spec.locked || fi === 0) {
          const sub = await repo.submissionFor(tx, governmentId, period.id, f.unit_id);
          await repo.setSubmission(tx, sub.id, 'completed', who?.userId ?? null, null);
          await repo.insertSubmissionEvent(tx, {
            government_id: governmentId,
            submission_id: sub.id,
            kind: 'complete',
            reason: '',
            case_id: null,
            user_id: who?.userId ?? null,
            user_name: who?.displayName ?? 'Sistem (data demo)',
          });
          if (spec.locked) {
            await repo.setSubmission(tx, sub.id, 'approved', null, null);
            await repo.insertSubmissionEvent(tx, {
              government_id: governmentId,
              submission_id: sub.id,
              kind: 'approve',
              reason: '',
              case_id: null,
              user_id: null,
              user_name: 'Sistem (data demo)',
            });
          }
        }
      }
      if (spec.locked) await lockPeriodTx(tx, ctx, (await repo.getPeriod(tx, governmentId, period.id))!, null, null);
    }
  }
  return values;
}
