import { execFileSync } from 'node:child_process';
import { formatIndonesianNumber, permendagri86Scale } from '@sidakin/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSession, demoSession } from '../../test/demo-session.js';
import { bandRanges, formulaText } from './measurement.documents.js';

// The measurement documents of a run in Kab. Banggai's demo: each as PDF in the letterhead (its
// text names the run's SHA-256 and prints figures the Indonesian way) and as Excel (plain values,
// never a formula); another government's run is not found; a member of the government reads them.

const pdfText = (bytes: Buffer) =>
  execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-', '-'], { input: bytes }).toString('utf8');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

interface Measured {
  actual: string | null;
  achievement: string | null;
}
interface Run {
  id: string;
  runNo: number;
  agencyName: string;
  inputsSha256: string;
  agencyAchievement: string;
  results: {
    unitId: string | null;
    result: { indicators: { id: string; quarters: Measured[]; annual: Measured }[] };
  }[];
}

let s: DemoSession;
const runs: Record<'masama' | 'disdag', Run> = {} as never;

/**
 * An indicator of the run with its name as the plan tables have it: of the agency's own agreement
 * (the first), or — what the laporan names — the one with the lowest achievement of the run.
 */
async function indicatorOf(run: Run, which: 'own' | 'weakest') {
  const all = run.results.flatMap((r) => (which === 'own' && r.unitId !== null ? [] : r.result.indicators));
  const measured =
    which === 'own'
      ? all[0]!
      : all
          .filter((i) => i.annual.achievement !== null)
          .sort((a, b) => Number(a.annual.achievement) - Number(b.annual.achievement))[0]!;
  const [row] = await s.t.db.query<{ name: string; unit_of_measure: string }>(
    'SELECT name, unit_of_measure FROM plan_indicators WHERE id = $1',
    [measured.id],
  );
  return { ...measured, ...row! };
}

beforeAll(async () => {
  s = await demoSession('banggai.admin', { plans: true });
  const admin = await s.as('banggai.admin');
  for (const code of ['masama', 'disdag'] as const) {
    const [agency] = await s.t.db.query<{ id: string }>('SELECT id FROM agencies WHERE code = $1', [code]);
    const res = await admin.request('POST', s.gov('/measurement-runs'), { agencyId: agency!.id, year: 2025 });
    expect(res.statusCode, res.body).toBe(201);
    runs[code] = res.json();
  }
}, 300_000);
afterAll(async () => {
  await s.t.close();
});

describe('words', () => {
  it('says each band of the scale and each formula the way the documents print them', () => {
    expect(bandRanges(permendagri86Scale.bands)).toEqual([
      '≥ 91',
      '≥ 76 dan < 91',
      '≥ 66 dan < 76',
      '> 50 dan < 66',
      '≤ 50',
    ]);
    const one = { value: '5', low: null, high: null };
    const range = { value: null, low: '7', high: '8' };
    expect(formulaText('higher_better', 'inverse_difference', one)).toBe('Realisasi ÷ Target × 100');
    expect(formulaText('lower_better', 'inverse_difference', one)).toBe('(2 − Realisasi ÷ Target) × 100');
    expect(formulaText('lower_better', 'ratio', one)).toBe('Target ÷ Realisasi × 100');
    expect(formulaText('range', 'inverse_difference', range)).toBe(
      'Dalam rentang = 100; di bawah: Realisasi ÷ Batas bawah × 100; di atas: (2 − Realisasi ÷ Batas atas) × 100',
    );
  });
});

const kinds = [
  ['kertas-kerja', 'KERTAS KERJA PENGUKURAN KINERJA', 'Kertas Kerja'],
  ['rekapitulasi', 'REKAPITULASI HASIL PENGUKURAN KINERJA', 'Rekapitulasi'],
  ['laporan', 'LAPORAN HASIL PENGUKURAN KINERJA', 'Ringkasan'],
] as const;

describe.each(kinds)('%s', (kind, title, firstSheet) => {
  it.each(['masama', 'disdag'] as const)(
    'of %s as PDF: the title, the agency, the hash, an indicator and its achievement',
    async (code) => {
      const run = runs[code];
      const admin = await s.as('banggai.admin');
      const res = await admin.request('GET', s.gov(`/measurement-runs/${run.id}/documents/${kind}?format=pdf`));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(`${run.agencyName} 2025`);
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const text = squash(pdfText(res.rawPayload));
      expect(text).toContain(title);
      expect(text).toContain(run.agencyName.toUpperCase());
      expect(text).toContain(run.inputsSha256);
      expect(text).toContain(`Pengukuran ke-${run.runNo}`);
      const ind = await indicatorOf(run, kind === 'laporan' ? 'weakest' : 'own');
      expect(text).toContain(squash(ind.name));
      // Printed the Indonesian way: 94,93 (not 94.93); 1.404 (not 1404).
      const achievement = ind.annual.achievement!;
      expect(text).toContain(formatIndonesianNumber(achievement, achievement.split('.')[1]?.length ?? 0));
      const agency = run.agencyAchievement;
      expect(text).toContain(`${run.agencyName} ${formatIndonesianNumber(agency, agency.split('.')[1]?.length ?? 0)}`);
    },
  );

  it.each(['masama', 'disdag'] as const)(
    'of %s as Excel: sheets, header, an indicator’s figures, no formulas',
    async (code) => {
      const run = runs[code];
      const admin = await s.as('banggai.admin');
      const res = await admin.request('GET', s.gov(`/measurement-runs/${run.id}/documents/${kind}?format=xlsx`));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-disposition']).toContain('.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets[0]!.name).toBe(firstSheet);
      const cells: ExcelJS.Cell[] = [];
      for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => cells.push(c)));
      expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula || c.formula)).toEqual([]);
      expect(cells.some((c) => c.value === run.inputsSha256 || String(c.value).includes(run.inputsSha256))).toBe(true);

      // The indicator's row on the sheet that lists it, found under the header (the row frozen above the data).
      const ind = await indicatorOf(run, kind === 'laporan' ? 'weakest' : 'own');
      const ws = wb.worksheets[kind === 'laporan' ? 2 : 0]!;
      const headerAt = (ws.views[0] as { ySplit: number }).ySplit;
      const header = (ws.getRow(headerAt).values as unknown[]).slice(1);
      const at = (name: string) => header.indexOf(name) + 1;
      const nameColumn = {
        'kertas-kerja': 'Uraian',
        rekapitulasi: 'Sasaran / Indikator Kinerja',
        laporan: 'Indikator Kinerja',
      }[kind];
      const rows: ExcelJS.Row[] = [];
      ws.eachRow((r, n) => {
        if (n > headerAt && r.getCell(at(nameColumn)).value === ind.name) rows.push(r);
      });
      expect(rows.length).toBeGreaterThan(0);
      const row = rows[0]!;
      switch (kind) {
        case 'kertas-kerja':
          expect(wb.worksheets.map((w) => w.name)).toEqual(['Kertas Kerja']);
          expect(header.slice(0, 4)).toEqual(['Perjanjian Kinerja', 'Tingkat', 'Kode', 'Uraian']);
          expect(header).toContain('Capaian TW III (%)');
          expect(row.getCell(at('Satuan')).value).toBe(ind.unit_of_measure);
          expect(row.getCell(at('Realisasi TW I')).value).toBe(Number(ind.quarters[0]!.actual));
          expect(row.getCell(at('Realisasi Tahun')).value).toBe(Number(ind.annual.actual));
          expect(row.getCell(at('Capaian Tahun (%)')).value).toBe(Number(ind.annual.achievement));
          break;
        case 'rekapitulasi': {
          expect(wb.worksheets.map((w) => w.name)).toEqual(['Rekapitulasi', 'Kategori', 'Unit Kerja']);
          expect(header).toEqual([
            'Tingkat',
            'Kode',
            'Sasaran / Indikator Kinerja',
            'Satuan',
            'Target',
            'Realisasi',
            'Capaian (%)',
            'Kategori',
            'Keterangan',
          ]);
          expect(row.getCell(at('Realisasi')).value).toBe(Number(ind.annual.actual));
          expect(row.getCell(at('Capaian (%)')).value).toBe(Number(ind.annual.achievement));
          const agencyRow = ws.getRow(ws.rowCount);
          expect(agencyRow.getCell(at('Sasaran / Indikator Kinerja')).value).toBe(`Capaian kinerja ${run.agencyName}`);
          expect(agencyRow.getCell(at('Capaian (%)')).value).toBe(Number(run.agencyAchievement));
          break;
        }
        case 'laporan': {
          expect(wb.worksheets.map((w) => w.name)).toEqual([
            'Ringkasan',
            'Sasaran',
            'Indikator Terkuat dan Terlemah',
            'Unit Kerja',
          ]);
          expect(row.getCell(at('Kelompok')).value).toBe('Terendah');
          expect(row.getCell(at('Capaian (%)')).value).toBe(Number(ind.annual.achievement));
          const summary = wb.getWorksheet('Ringkasan')!.getSheetValues().flat().map(String);
          expect(summary).toContain(run.inputsSha256);
          expect(summary).toContain(formatIndonesianNumber(run.agencyAchievement, 2));
          break;
        }
      }
    },
  );
});

describe('access', () => {
  it('a member of the government reads the documents', async () => {
    const member = await s.as('disdag.jp-perdagangan-1');
    for (const format of ['pdf', 'xlsx']) {
      const res = await member.request(
        'GET',
        s.gov(`/measurement-runs/${runs.masama.id}/documents/laporan?format=${format}`),
      );
      expect(res.statusCode, res.body).toBe(200);
    }
  });

  it('another government’s run is not found here; an unknown kind is refused', async () => {
    const sidoarjo = await s.as('sidoarjo.admin');
    const governmentId = (await sidoarjo.request('GET', '/api/auth/me')).json().government.id;
    const [agreement] = await s.t.db.query<{ agency_id: string }>(
      'SELECT agency_id FROM performance_agreements WHERE government_id = $1 AND year = 2025 AND is_current LIMIT 1',
      [governmentId],
    );
    const created = await sidoarjo.request('POST', `/api/governments/${governmentId}/measurement-runs`, {
      agencyId: agreement!.agency_id,
      year: 2025,
    });
    expect(created.statusCode, created.body).toBe(201);
    const theirs = created.json().id;
    const own = await sidoarjo.request(
      'GET',
      `/api/governments/${governmentId}/measurement-runs/${theirs}/documents/rekapitulasi`,
    );
    expect(own.statusCode).toBe(200);
    const admin = await s.as('banggai.admin');
    for (const kind of ['kertas-kerja', 'rekapitulasi', 'laporan']) {
      const res = await admin.request('GET', s.gov(`/measurement-runs/${theirs}/documents/${kind}?format=pdf`));
      expect(res.statusCode).toBe(404);
    }
    const badKind = await admin.request('GET', s.gov(`/measurement-runs/${runs.masama.id}/documents/lakip`));
    expect(badKind.statusCode).toBe(400);
  });
});
