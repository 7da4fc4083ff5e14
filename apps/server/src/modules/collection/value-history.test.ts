import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSession, demoSession } from '../../test/demo-session.js';
import type { Client } from '../../test/fixture.js';
import { contextOf } from '../../test/signing.js';
import * as repo from './collection.repo.js';
import { applyCorrectionTx } from './collection.service.js';

// The history of a value of Dinas Perdagangan Kab. Banggai's locked 2025 Q3 data after a correction
// (applied through the collection service, as the correction's last signature does): every version
// with who, when, why, the source and the case; the form as it stood at the lock, before review;
// and the Laporan Perubahan Data Terkunci (JSON, PDF in the letterhead, Excel).

let s: DemoSession;
let admin: Client;
let periodId: string;
let openPeriodId: string;
let unitId: string;
let caseId: string;
let caseNumber: number;
let correctionId: string;
let target: { valueId: string; indicatorId: string; version: number; actual: string };
let corrected = '';
const reason = 'Realisasi semula salah ketik; sesuai berita acara rapat';

interface Row {
  valueId: string | null;
  indicatorId: string;
  version: number;
  actual: string | null;
}

beforeAll(async () => {
  s = await demoSession('banggai.admin', { plans: true });
  admin = await s.as('banggai.admin');
  unitId = await s.unitId('Bidang Perdagangan Dalam Negeri');
  const [agency] = await s.t.db.query<{ id: string }>("SELECT id FROM agencies WHERE code = 'disdag'");
  const periods = (await admin.request('GET', s.gov(`/collection-periods?agencyId=${agency!.id}`))).json().items;
  periodId = periods.find((p: { year: number; period: string }) => p.year === 2025 && p.period === 'q3').id;
  openPeriodId = periods.find((p: { year: number; status: string }) => p.status === 'open').id;
  // The correction that carries the change: started through the API on the agency's correction SOP.
  const sopId = await s.putInEffect('banggai/disdag/perbaikan-data-kinerja', 'disdag.kadis');
  const started = await (await s.as('disdag.kadis')).request('POST', s.gov('/corrections'), {
    sopId,
    periodIds: [periodId],
    unitIds: [unitId],
    subject: 'Perbaikan realisasi triwulan III 2025',
  });
  if (started.statusCode !== 201) throw new Error(started.body);
  correctionId = started.json().id;
  caseId = started.json().caseId;
  caseNumber = started.json().caseNumber;
  const form = (await admin.request('GET', s.gov(`/collection-periods/${periodId}/forms/${unitId}`))).json();
  target = form.rows.find((r: Row) => r.version > 0 && r.actual !== null);
  corrected = String(Number(target.actual) + 2);
  // Its item, as the SOP's steps would have left it once approved (written here directly: the steps
  // themselves are tested in modules/corrections).
  await s.t.db.query(
    `INSERT INTO correction_items (government_id, correction_id, period_id, indicator_id, unit_id, value_id,
        base_version_no, base_actual, proposed_actual, reason, root_cause, removes_cause, status, created_by_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'Entri manual tanpa pemeriksaan silang', false, 'approved', 'JP')`,
    [
      s.governmentId,
      correctionId,
      periodId,
      target.indicatorId,
      unitId,
      target.valueId,
      target.version,
      target.actual,
      corrected,
      reason,
    ],
  );
  const ctx = await contextOf(s.t.db, admin);
  await s.t.db.transaction(async (tx) => {
    const period = (await repo.getPeriod(tx, s.governmentId, periodId))!;
    await applyCorrectionTx(tx, ctx, ctx.actor!, {
      period,
      key: { indicatorId: target.indicatorId, individualIndicatorId: null, unitId },
      baseVersion: target.version,
      actual: corrected,
      budgetSpent: undefined,
      reason,
      caseId,
      path: 'items.0',
    });
  });
}, 300_000);
afterAll(async () => {
  await s.t.close();
});

describe('the history of a value', () => {
  it('lists every version with who, when, why, the source and the case that changed it', async () => {
    const res = await admin.request('GET', s.gov(`/collection-values/${target.valueId}`));
    expect(res.statusCode, res.body).toBe(200);
    const versions = res.json().versions;
    expect(versions).toHaveLength(target.version + 1);
    expect(versions[0]).toMatchObject({
      version: target.version + 1,
      actual: corrected,
      reason,
      source: 'correction',
      caseId,
      caseNumber,
      createdByName: 'Admin Pemerintah Kabupaten Banggai',
      afterLock: true,
    });
    expect(new Date(versions[0].createdAt).getTime()).toBeGreaterThan(Date.now() - 300_000);
    // The versions before the lock: entered in the form (or loaded), none from a case.
    for (const v of versions.slice(1)) {
      expect(v.afterLock).toBe(false);
      expect(v.source).not.toBe('correction');
      expect(v.createdByName).not.toBe('');
    }
    expect(versions[1]).toMatchObject({ version: target.version, actual: target.actual });
  });
});

describe('the data as it stood before review', () => {
  it('shows the form as locked next to the form as corrected, read-only', async () => {
    const now = (await admin.request('GET', s.gov(`/collection-periods/${periodId}/forms/${unitId}`))).json();
    const before = await admin.request('GET', s.gov(`/collection-periods/${periodId}/forms/${unitId}?asOf=lock`));
    expect(before.statusCode, before.body).toBe(200);
    const then = before.json();
    const rowNow = now.rows.find((r: Row) => r.indicatorId === target.indicatorId);
    const rowThen = then.rows.find((r: Row) => r.indicatorId === target.indicatorId);
    expect([rowNow.actual, rowNow.version]).toEqual([corrected, target.version + 1]);
    expect([rowThen.actual, rowThen.version]).toEqual([target.actual, target.version]);
    expect(then.asOf).toBe(then.period.lockedAt);
    expect(now.asOf).toBeNull();
    expect(then.access).toEqual({ enter: false, review: false, windowOpen: false });
    // Every other value is the same in both.
    const others = (f: { rows: Row[] }) =>
      f.rows.filter((r) => r.indicatorId !== target.indicatorId).map((r) => [r.indicatorId, r.actual, r.version]);
    expect(others(then)).toEqual(others(now));
  });

  it('is refused on a period that is not locked, naming the parameter', async () => {
    const res = await admin.request('GET', s.gov(`/collection-periods/${openPeriodId}/forms/${unitId}?asOf=lock`));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('query.asOf');
    const bad = await admin.request('GET', s.gov(`/collection-periods/${periodId}/forms/${unitId}?asOf=kemarin`));
    expect(bad.statusCode).toBe(400);
  });
});

describe('Laporan Perubahan Data Terkunci', () => {
  it('lists each value changed after the lock: indicator, unit, old → new, reason, case, who, when', async () => {
    const res = await admin.request('GET', s.gov(`/collection-periods/${periodId}/locked-changes`));
    expect(res.statusCode, res.body).toBe(200);
    const { items } = res.json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      valueId: target.valueId,
      version: target.version + 1,
      ownerName: 'Bidang Perdagangan Dalam Negeri',
      oldActual: target.actual,
      newActual: corrected,
      reason,
      source: 'correction',
      caseId,
      caseNumber,
      createdByName: 'Admin Pemerintah Kabupaten Banggai',
    });
    expect(items[0].indicatorName.length).toBeGreaterThan(3);
    // An open period has none.
    const open = (await admin.request('GET', s.gov(`/collection-periods/${openPeriodId}/locked-changes`))).json();
    expect(open.items).toEqual([]);
  });

  it('prints as a PDF in the letterhead and as Excel', async () => {
    const pdf = await admin.request('GET', s.gov(`/collection-periods/${periodId}/locked-changes?format=pdf`));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.rawPayload;
    if (process.env.SIDAKIN_KEEP_PDF) fs.writeFileSync(process.env.SIDAKIN_KEEP_PDF, bytes);
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-', '-'], { input: bytes }).toString('utf8');
    expect(text).toContain('PEMERINTAH KABUPATEN BANGGAI');
    expect(text).toContain('LAPORAN PERUBAHAN DATA TERKUNCI');
    expect(text).toContain(`#${caseNumber}`);
    expect(text).toContain('Realisasi semula salah ketik');
    expect(text).toContain(`${target.actual} ${corrected} Realisasi semula salah ketik`);

    const xlsx = await admin.request('GET', s.gov(`/collection-periods/${periodId}/locked-changes?format=xlsx`));
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Perubahan')!;
    const header = ws.getRow(4).values as unknown[];
    expect(header).toContain('Realisasi Semula');
    const row = ws.getRow(5).values as unknown[];
    expect(row).toContain(reason);
    expect(row).toContain(`#${caseNumber}`);
    expect(row).toContain(Number(corrected));
  });
});

describe('the dossier of the correction case', () => {
  it('holds the correction items before → after and the audit of the changed value', async () => {
    const res = await admin.request('GET', s.gov(`/cases/${caseId}/dossier`));
    expect(res.statusCode, res.body).toBe(200);
    const zip = unzipSync(new Uint8Array(res.rawPayload));
    const csv = strFromU8(zip['riwayat/perbaikan-data.csv']!);
    const [cols, cells] = parseCsv(csv);
    const at = (name: string) => cells![cols!.indexOf(name)];
    expect([at('Realisasi semula'), at('Realisasi usulan'), at('Versi dasar')]).toEqual([
      target.actual,
      corrected,
      String(target.version),
    ]);
    expect(csv).toContain(reason);
    expect(Object.keys(zip)).toEqual(
      expect.arrayContaining(['riwayat/paraf.csv', 'riwayat/perbaikan-riwayat-usulan.csv']),
    );
    const audit = JSON.parse(strFromU8(zip['audit/audit.json']!)).records as { action: string; entityId: string }[];
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'collection_value.correct', entityId: target.valueId }),
        expect.objectContaining({ entityId: correctionId }),
      ]),
    );
  });
});

/** Rows of a CSV with quoted cells (as Excel writes them). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}
