import { execFileSync } from 'node:child_process';
import { formatIndonesianNumber } from '@sidakin/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSession, demoSession } from '../../test/demo-session.js';

// The chapter III tables of the LKjIP for Dinas Perdagangan Kab. Banggai, 2026: the year's
// capaian per sasaran, the comparison with the two years before (from each year's official run),
// the Renstra's end target, and the budget beside the results; as PDF and as Excel.

const pdfText = (bytes: Buffer) =>
  execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-', '-'], { input: bytes }).toString('utf8');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const id = (s: string) => formatIndonesianNumber(s, s.split('.')[1]?.length ?? 0);

interface Annual {
  actual: string | null;
  achievement: string | null;
}
interface Budget {
  ceiling: string | null;
  spent: string | null;
  absorption: string | null;
}
interface Run {
  id: string;
  runNo: number;
  agencyName: string;
  agencyAchievement: string;
  results: {
    unitId: string | null;
    result: { indicators: { id: string; annual: Annual }[]; agency: { value: string; budget?: Budget } };
  }[];
}

let s: DemoSession;
let agencyId: string;
const runs: { y2025a: Run; y2025b: Run; y2026: Run } = {} as never;
const own = (r: Run) => r.results.find((x) => x.unitId === null)!.result;

beforeAll(async () => {
  s = await demoSession('banggai.admin', { plans: true });
  agencyId = (await s.t.db.query<{ id: string }>("SELECT id FROM agencies WHERE code = 'disdag'"))[0]!.id;
  const admin = await s.as('banggai.admin');
  const measure = async (year: number) => {
    const res = await admin.request('POST', s.gov('/measurement-runs'), { agencyId, year });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Run;
  };
  runs.y2025a = await measure(2025);
  runs.y2025b = await measure(2025);
  runs.y2026 = await measure(2026);
}, 300_000);
afterAll(async () => {
  await s.t.close();
});

const document = async (format: 'pdf' | 'xlsx') => {
  const admin = await s.as('banggai.admin');
  const res = await admin.request('GET', s.gov(`/measurement-runs/${runs.y2026.id}/documents/lkjip?format=${format}`));
  expect(res.statusCode, res.body).toBe(200);
  return res;
};

describe('LKjIP chapter III tables', () => {
  it('as PDF: the four tables, the earlier years with their source, the budget total', async () => {
    const res = await document('pdf');
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('Tabel Bab III LKjIP Dinas Perdagangan 2026');
    const text = squash(pdfText(res.rawPayload));
    expect(text).toContain('TABEL AKUNTABILITAS KINERJA — BAB III LKJIP');
    expect(text).toContain('Tabel 3.1 Capaian Kinerja Sasaran Strategis Tahun 2026');
    expect(text).toContain('Tabel 3.2 Perbandingan Realisasi dan Capaian Tahun 2026 dengan Tahun 2024 dan 2025');
    // 2024 was never measured; 2025 comes from its current run, the second.
    expect(text).toContain('2024: belum diukur di SIDAKIN; 2025: Pengukuran ke-2 tahun 2025.');
    expect(text).toContain('Tabel 3.3 Realisasi Tahun 2026 terhadap Target Akhir Renstra');
    expect(text).toContain('Tabel 3.4 Realisasi Anggaran dan Efisiensi Tahun 2026');
    const total = own(runs.y2026).agency;
    expect(total.budget?.ceiling).toBeTruthy();
    expect(text).toContain(
      `Jumlah Dinas Perdagangan ${formatIndonesianNumber(total.budget!.ceiling!, 0)} ${formatIndonesianNumber(total.budget!.spent!, 0)} ${id(total.budget!.absorption!)} ${id(total.value)}`,
    );
    expect(text).toContain(`Capaian kinerja Dinas Perdagangan ${id(total.value)}`);
  });

  it('as Excel: each table a sheet; last year’s figures, the change, the Renstra and the money agree with the runs', async () => {
    const res = await document('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tabel 3.1 Capaian',
      'Tabel 3.2 Tahun Sebelumnya',
      'Tabel 3.3 Target Akhir',
      'Tabel 3.4 Anggaran',
    ]);
    const cells: ExcelJS.Cell[] = [];
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => cells.push(c)));
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula || c.formula)).toEqual([]);

    const table = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      const headerAt = (ws.views[0] as { ySplit: number }).ySplit;
      const header = (ws.getRow(headerAt).values as unknown[]).slice(1) as string[];
      const rows: Record<string, unknown>[] = [];
      ws.eachRow((r, n) => {
        if (n <= headerAt) return;
        rows.push(Object.fromEntries(header.map((h, i) => [h, r.getCell(i + 1).value])));
      });
      return rows;
    };
    const names = new Map(
      (
        await s.t.db.query<{ id: string; code: string; name: string; baseline_value: string | null }>(
          'SELECT id, code, name, baseline_value::text AS baseline_value FROM plan_indicators WHERE plan_id IN (SELECT plan_id FROM performance_agreements WHERE agency_id = $1)',
          [agencyId],
        )
      ).map((r) => [`${r.code} ${r.name}`.trim(), r]),
    );
    const now = new Map(own(runs.y2026).indicators.map((i) => [i.id, i.annual]));
    const before = new Map(own(runs.y2025b).indicators.map((i) => [i.id, i.annual]));

    const earlier = table('Tabel 3.2 Tahun Sebelumnya').filter((r) => r.Tingkat === 'Indikator');
    expect(earlier.length).toBe(now.size);
    for (const row of earlier) {
      const ind = names.get(row['Sasaran / Indikator'] as string)!;
      const a = now.get(ind.id)!;
      const b = before.get(ind.id)!;
      expect(row['Realisasi 2024']).toBeNull();
      expect(row['Realisasi 2025']).toBe(Number(b.actual));
      expect(row['Realisasi 2026']).toBe(a.actual === null ? null : Number(a.actual));
      expect(row['Capaian 2025 (%)']).toBe(Number(b.achievement));
      if (a.achievement !== null && b.achievement !== null) {
        expect(row['Perubahan (poin)']).toBeCloseTo(Number(a.achievement) - Number(b.achievement), 2);
      }
    }

    const renstra = table('Tabel 3.3 Target Akhir').filter((r) => r.Tingkat === 'Indikator');
    for (const row of renstra) {
      const ind = names.get(row['Sasaran / Indikator'] as string)!;
      expect(row.Baseline).toBe(ind.baseline_value === null ? null : Number(ind.baseline_value));
      // 2026 is the last year of the Renstra 2021–2026: all of its time has gone by.
      expect(row['Waktu berjalan (%)']).toBe(100);
      expect(['Sesuai jadwal', 'Tertinggal', 'Belum dapat dinilai']).toContain(row.Keterangan);
    }

    const money = table('Tabel 3.4 Anggaran');
    const objectives = money.filter((r) => r.Tingkat === 'Sasaran');
    const total = money.find((r) => r.Tingkat === 'Jumlah')!;
    const sum = (k: string) => objectives.reduce((n, r) => n + Number(r[k] ?? 0), 0);
    expect(total['Pagu (Rp)']).toBe(Number(own(runs.y2026).agency.budget!.ceiling));
    expect(sum('Pagu (Rp)')).toBe(total['Pagu (Rp)']);
    expect(sum('Realisasi (Rp)')).toBe(total['Realisasi (Rp)']);
    for (const r of objectives) {
      if (r['Pagu (Rp)'] === null || r['Realisasi (Rp)'] === null) continue;
      expect(r['Penyerapan (%)']).toBeCloseTo((Number(r['Realisasi (Rp)']) / Number(r['Pagu (Rp)'])) * 100, 2);
      // The default efficiency: capaian − penyerapan, in points.
      expect(r.Efisiensi).toBeCloseTo(Number(r['Capaian Kinerja (%)']) - Number(r['Penyerapan (%)']), 2);
    }
  });

  it('takes an earlier year’s figures from the run the measurement SOP approved, not a later one', async () => {
    await s.t.db.query(
      `INSERT INTO measurement_cycles (government_id, agency_id, year, status, run_id, approved_run_id, approved_at, closed_at)
       VALUES ($1, $2, 2025, 'closed', $3, $3, now(), now())`,
      [s.governmentId, agencyId, runs.y2025a.id],
    );
    const text = squash(pdfText((await document('pdf')).rawPayload));
    expect(text).toContain('2025: Pengukuran ke-1 tahun 2025 (disetujui)');
  });
});
