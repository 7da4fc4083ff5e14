/**
 * Demo realisasi: for every demo agency with performance agreements, collection periods for the
 * quarters of 2025 (all locked) and 2026 Q1–Q3 (Q1 and Q2 locked, Q3 open and half filled in), with
 * values near the quarter targets entered by a staff member of each unit, a few far-off values that
 * raise warnings on purpose, evidence as text and links, and a couple of comments. Values stay in
 * their indicator's valid range, and every indicator that requires evidence has some, so that the
 * approved quarters stay free of errors. Given a file store, the locked quarters also get evidence
 * as real PDF documents (demo-evidence.ts), uploaded by whoever entered the value.
 *
 * Values go through the collection service, so they are versioned and audited like people's.
 * Figures are plausible, not real.
 */
import { type CollectionRow, formatNip, formatPersonName } from '@sidakin/core';
import type { Tx } from '../../db/database.js';
import { systemContext } from '../../http/context.js';
import type { Letterhead } from '../../pdf/pdf.js';
import type { FileStore } from '../../storage/file-store.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from '../collection/collection.repo.js';
import { createPeriodTx, formOf, lockPeriodTx, saveValueTx } from '../collection/collection.service.js';
import { cleanFileName } from '../files/content-type.js';
import * as filesRepo from '../files/files.repo.js';
import { sha256Hex } from '../files/files.service.js';
import {
  type EvidenceKind,
  type EvidencePerson,
  evidenceDescription,
  evidenceKindOf,
  evidenceTitle,
  renderEvidencePdf,
} from './demo-evidence.js';

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

/** The share of a year's pagu spent in each quarter (slow at first, most at the year's end). */
const SPENDING_SHARE = { q1: 0.14, q2: 0.24, q3: 0.27, q4: 0.27 } as const;

/**
 * The pagu an agreement's indicator reports spending against: its node's own, or else the sum of
 * its child nodes' (a program in a unit's agreement whose pagu sits on its activities).
 */
async function paguOfIndicators(tx: Tx, agreementId: string): Promise<Map<string, number>> {
  const rows = await tx.query<{ indicator_id: string; pagu: string | null }>(
    `SELECT pi.id AS indicator_id,
            COALESCE((SELECT b.amount FROM performance_agreement_budgets b
                       WHERE b.agreement_id = pai.agreement_id AND b.node_id = pi.node_id),
                     (SELECT sum(b.amount) FROM performance_agreement_budgets b JOIN plan_nodes c ON c.id = b.node_id
                       WHERE b.agreement_id = pai.agreement_id AND c.parent_id = pi.node_id))::text AS pagu
       FROM performance_agreement_indicators pai JOIN plan_indicators pi ON pi.id = pai.indicator_id
      WHERE pai.agreement_id = $1`,
    [agreementId],
  );
  return new Map(rows.flatMap((r) => (r.pagu === null ? [] : [[r.indicator_id, Number(r.pagu)] as const])));
}

function near(target: string, factor: number, decimals: number): number {
  return Number((Number(target) * factor).toFixed(Math.min(decimals, 2)));
}

/** A value inside the indicator's valid range. */
function within(value: number, row: CollectionRow): number {
  if (row.validMax !== null && value > Number(row.validMax)) return Number(row.validMax);
  if (row.validMin !== null && value < Number(row.validMin)) return Number(row.validMin);
  return value;
}

interface Person {
  name: string;
  front_title: string;
  back_title: string;
  nip: string;
  position_name: string;
  kind: 'definitive' | 'plt' | 'plh';
}

function person(p: Person): EvidencePerson {
  return {
    position: p.position_name,
    name: formatPersonName({ name: p.name, frontTitle: p.front_title, backTitle: p.back_title }),
    nip: formatNip(p.nip),
    acting: p.kind === 'definitive' ? null : p.kind,
  };
}

async function enteringUser(tx: Tx, agencyId: string, unitId: string | null) {
  const rows = await tx.query<Person & { id: string; display_name: string }>(
    `SELECT u.id, u.display_name, e.name, e.front_title, e.back_title, e.nip, p.name AS position_name, pa.kind
       FROM positions p
       JOIN position_assignments pa ON pa.position_id = p.id AND pa.ends_on IS NULL
       JOIN users u ON u.employee_id = pa.employee_id AND u.active
       JOIN employees e ON e.id = pa.employee_id
      WHERE p.agency_id = $1 AND ($2::uuid IS NULL OR p.unit_id = $2 OR p.unit_id IN (SELECT id FROM units WHERE parent_id = $2))
        AND p.kind IN ('staff', 'functional') AND p.active
      ORDER BY (p.unit_id IS NOT DISTINCT FROM $2::uuid) DESC, p.sort_order LIMIT 1`,
    [agencyId, unitId],
  );
  const r = rows[0];
  return r ? { userId: r.id, displayName: r.display_name, person: person(r) } : null;
}

/** Who heads the unit (the secretary for a sekretariat) or else the agency on a day, Plt/Plh included. */
async function headOn(tx: Tx, agencyId: string, unitId: string | null, day: string): Promise<EvidencePerson | null> {
  const rows = await tx.query<Person>(
    `SELECT e.name, e.front_title, e.back_title, e.nip, p.name AS position_name, pa.kind
       FROM positions p
       JOIN position_assignments pa ON pa.position_id = p.id
       JOIN employees e ON e.id = pa.employee_id
       LEFT JOIN units un ON un.id = $2::uuid
      WHERE p.agency_id = $1 AND p.active
        AND pa.starts_on <= $3::date AND coalesce(pa.ends_on, 'infinity'::date) >= $3::date
        AND ((p.kind = 'head' AND p.unit_id IS NOT DISTINCT FROM $2::uuid)
          OR (un.kind = 'sekretariat' AND p.kind = 'secretary' AND p.unit_id IS NULL))
      ORDER BY (pa.kind = 'definitive') DESC, pa.starts_on LIMIT 1`,
    [agencyId, unitId, day],
  );
  if (rows[0]) return person(rows[0]);
  return unitId ? headOn(tx, agencyId, null, day) : null;
}

interface AgencyPaper {
  letterhead: Letterhead;
  agencyName: string;
  shortName: string;
  place: string;
}

async function paperOf(tx: Tx, governmentId: string, agencyId: string): Promise<AgencyPaper> {
  const [g] = await tx.query<{
    name: string;
    region: string;
    address: string;
    phone: string;
    email: string;
    website: string;
    letterhead_lines: string[];
    logo: Uint8Array | null;
    logo_mime: string | null;
  }>(
    'SELECT name, region, address, phone, email, website, letterhead_lines, logo, logo_mime FROM governments WHERE id = $1',
    [governmentId],
  );
  const [a] = await tx.query<{ name: string; short_name: string; address: string }>(
    'SELECT name, short_name, address FROM agencies WHERE id = $1',
    [agencyId],
  );
  return {
    letterhead: {
      lines: g!.letterhead_lines,
      address: a!.address || g!.address,
      contact: [g!.phone && `Telepon ${g!.phone}`, g!.email && `Pos-el ${g!.email}`, g!.website]
        .filter(Boolean)
        .join(' · '),
      logo: g!.logo && g!.logo_mime ? { bytes: Buffer.from(g!.logo), mimeType: g!.logo_mime } : null,
    },
    agencyName: a!.name,
    shortName: a!.short_name || 'OPD',
    place: (g!.region || g!.name).replace(/^(Kabupaten|Kota|Provinsi)\s+/i, ''),
  };
}

const NUMBER_PREFIX: Record<EvidenceKind, string> = { prices: '510', uttp: '510.6', services: '470' };

/** Stores a document as the upload of whoever entered the values, with its audit record. */
async function storeUpload(
  tx: Tx,
  files: FileStore,
  governmentId: string,
  who: { userId: string } | null,
  name: string,
  bytes: Buffer,
): Promise<string> {
  const sha256 = sha256Hex(bytes);
  // The bytes first: a record never points at bytes that are not there.
  await files.put(sha256, bytes);
  const row = await filesRepo.insertFile(tx, {
    governmentId,
    name: cleanFileName(name),
    mediaType: 'application/pdf',
    sha256,
    source: who ? 'upload' : 'system',
    size: bytes.length,
    userId: who?.userId ?? null,
  });
  await recordAudit(tx, systemContext('sidakin demo'), {
    governmentId,
    action: 'file.upload',
    entityType: 'file',
    entityId: row.id,
    after: { name: row.name, mediaType: row.media_type, size: row.size, sha256 },
  });
  return row.id;
}

export async function loadDemoCollection(
  tx: Tx,
  governmentId: string,
  /** Without a file store the evidence is text and links only. */
  opts: { files?: FileStore | undefined } = {},
): Promise<number> {
  const ctx = systemContext('sidakin demo');
  const agencies = await tx.query<{ id: string }>(
    `SELECT DISTINCT agency_id AS id FROM performance_agreements WHERE government_id = $1 AND is_current ORDER BY 1`,
    [governmentId],
  );
  let values = 0;
  for (const agency of agencies) {
    let n = 0;
    let documents = 0;
    const store = opts.files ? { files: opts.files, paper: await paperOf(tx, governmentId, agency.id) } : null;
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
        const pagu = await paguOfIndicators(tx, f.agreement_id);
        // The far-off values go to a row without an upper bound, where they stay as entered.
        const odd = form.rows.findIndex((r) => r.validMax === null);
        // Past quarters' reports, price lists and berita acara as files, when there is a store for them.
        const documented = new Map<EvidenceKind, { row: CollectionRow; valueId: string; actual: number }[]>();
        for (const [ri, row] of form.rows.entries()) {
          const t = row.target ?? row.annualTarget;
          const base = t?.value ?? (t?.low && t.high ? String((Number(t.low) + Number(t.high)) / 2) : null);
          if (base === null) continue;
          let factor = FACTORS[(n++ + ri) % FACTORS.length]!;
          // On purpose: a jump in one agency value of 2026 Q2, and an achievement far above target.
          if (spec.year === 2026 && spec.period === 'q2' && fi === 0 && ri === odd) factor = 3.6;
          if (spec.year === 2025 && spec.period === 'q3' && fi === 1 && ri === odd) factor = 1.7;
          const actual = within(near(base, factor, row.decimals), row);
          // Every indicator of a budget line reports the same spending of it (a whole rupiah).
          const ceiling = row.indicatorId ? pagu.get(row.indicatorId) : undefined;
          const budgetSpent =
            ceiling === undefined
              ? undefined
              : String(Math.round(ceiling * SPENDING_SHARE[spec.period] * (0.86 + (ceiling % 9) / 100)));
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
              ...(budgetSpent !== undefined ? { budgetSpent } : {}),
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
          const kind = store && spec.locked ? evidenceKindOf(row.name) : null;
          if (kind) {
            documented.set(kind, [...(documented.get(kind) ?? []), { row, valueId: id, actual }]);
          } else if (ri % 2 === 0 || row.evidenceRequired) {
            const link = ri % 4 === 2;
            await repo.insertEvidence(tx, {
              government_id: governmentId,
              value_id: id,
              kind: link ? 'link' : 'text',
              file_id: null,
              url: link ? `https://data.example.go.id/bukti/${spec.year}-${spec.period}-${ri + 1}` : null,
              body: link ? null : 'Laporan kegiatan dan daftar hadir tersimpan di arsip unit',
              description: link ? 'Dokumentasi kegiatan (tautan)' : 'Laporan kegiatan',
              user_id: who?.userId ?? null,
              user_name: who?.displayName ?? 'Sistem (data demo)',
            });
          }
          if (spec.year === 2026 && spec.period === 'q2' && fi === 0 && ri === odd) {
            await repo.insertComment(tx, {
              government_id: governmentId,
              value_id: id,
              body: 'Kenaikan tajam dibanding triwulan I; mohon dijelaskan pada faktor pendukung.',
              user_id: null,
              user_name: 'Tim SAKIP (data demo)',
            });
          }
          if (spec.year === 2025 && spec.period === 'q3' && fi === 1 && ri === odd) {
            await repo.insertComment(tx, {
              government_id: governmentId,
              value_id: id,
              body: 'Capaian jauh di atas target; target triwulan perlu ditinjau pada perubahan PK.',
              user_id: null,
              user_name: 'Tim SAKIP (data demo)',
            });
          }
        }
        for (const [kind, backed] of documented) {
          if (!store) break;
          const { files, paper } = store;
          const title = evidenceTitle(kind, period.label);
          const bytes = await renderEvidencePdf({
            kind,
            letterhead: paper.letterhead,
            agencyName: paper.agencyName,
            unitName: form.submission.unitId ? form.submission.unitName : null,
            periodLabel: period.label,
            year: spec.year,
            date: spec.opensOn,
            place: paper.place,
            number: `${NUMBER_PREFIX[kind]}/${String(++documents).padStart(3, '0')}/${paper.shortName}/${spec.year}`,
            rows: backed.map((b) => ({
              name: b.row.name,
              unitOfMeasure: b.row.unitOfMeasure,
              target: b.row.target,
              actual: String(b.actual),
            })),
            preparedBy: who?.person ?? null,
            knownBy: await headOn(tx, agency.id, f.unit_id, spec.opensOn),
          });
          const fileId = await storeUpload(tx, files, governmentId, who, `${title}.pdf`, bytes);
          for (const b of backed) {
            await repo.insertEvidence(tx, {
              government_id: governmentId,
              value_id: b.valueId,
              kind: 'file',
              file_id: fileId,
              url: null,
              body: null,
              description: evidenceDescription(kind),
              user_id: who?.userId ?? null,
              user_name: who?.displayName ?? 'Sistem (data demo)',
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
