import type { AgreementDetail, ImportPreview, PlanIndicator, PlanTree } from '@sidakin/core';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../http/context.js';
import { type DemoSession, demoSession } from '../../test/demo-session.js';
import { type Client, signIn, TEST_PASSWORD } from '../../test/fixture.js';
import { hashPassword } from '../auth/password.js';
import { insertUserTx } from '../users/users.service.js';

// Excel in and out for the demo Renstra and a Perjanjian Kinerja: the export is the template; an
// upload is checked cell by cell, previewed exactly, and applied in one transaction (with audit)
// by the same user while nothing changed in between; hostile files are refused.

let s: DemoSession;
let admin: Client;
let planId: string;

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  s = await demoSession('banggai.admin', { plans: true });
  admin = await s.as('banggai.admin');
  const plans = (await admin.request('GET', s.gov('/plans?pageSize=100'))).json().items as {
    id: string;
    agencyName: string;
  }[];
  planId = plans.find((p) => p.agencyName.includes('Perdagangan'))!.id;
}, 240_000);
afterAll(async () => {
  await s.t.close();
});

// ── helpers ────────────────────────────────────────────────────────────────────────────────
const form = (bytes: Uint8Array, name = 'renstra.xlsx') => {
  const f = new FormData();
  f.append('file', new Blob([bytes], { type: xlsx }), name);
  return f;
};

async function download(path: string): Promise<Buffer> {
  const res = await admin.request('GET', s.gov(path));
  expect(res.statusCode, res.body).toBe(200);
  return res.rawPayload;
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

async function edit(bytes: Uint8Array, fn: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = await load(bytes);
  fn(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The row number of the header and the column number of each header text. */
function headers(ws: ExcelJS.Worksheet): { row: number; col: (header: string) => number } {
  for (let r = 1; r <= 10; r++) {
    const texts = new Map<string, number>();
    ws.getRow(r).eachCell((c, n) => {
      if (typeof c.value === 'string') texts.set(c.value, n);
    });
    if (texts.size > 3) {
      return {
        row: r,
        col: (h) => {
          const n = texts.get(h);
          if (!n) throw new Error(`no column ${h}`);
          return n;
        },
      };
    }
  }
  throw new Error('no header row');
}

function rowWith(ws: ExcelJS.Worksheet, header: string, text: string): ExcelJS.Row {
  const h = headers(ws);
  for (let r = h.row + 1; r <= ws.rowCount; r++) {
    if (ws.getRow(r).getCell(h.col(header)).value === text) return ws.getRow(r);
  }
  throw new Error(`no row with ${header} = ${text}`);
}

function cellOf(ws: ExcelJS.Worksheet, row: ExcelJS.Row, header: string): ExcelJS.Cell {
  return row.getCell(headers(ws).col(header));
}

/** How many rows below the header have a value in the column (list validations reach further down). */
function dataRows(ws: ExcelJS.Worksheet, header: string): number {
  const h = headers(ws);
  let n = 0;
  for (let r = h.row + 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(h.col(header)).value !== null) n++;
  return n;
}

/** The first empty row below the table, where a person would type a new one. */
const nextRow = (ws: ExcelJS.Worksheet, header: string) => ws.getRow(headers(ws).row + dataRows(ws, header) + 1);

const letter = (ws: ExcelJS.Worksheet, header: string) => ws.getColumn(headers(ws).col(header)).letter;

async function preview(path: string, bytes: Uint8Array, who: Client = admin): Promise<LightMyRequestResponse> {
  return who.request('POST', s.gov(`${path}/excel/preview`), form(bytes));
}

function previewOf(res: LightMyRequestResponse): ImportPreview {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportPreview;
}

interface Problem {
  sheet: string;
  row: number;
  column: string;
  message: string;
}
function problemsOf(res: LightMyRequestResponse): Problem[] {
  expect(res.statusCode, res.body).toBe(400);
  expect(res.json().error.code).toBe('IMPORT_INVALID');
  return res.json().problems as Problem[];
}

async function tree(): Promise<PlanTree> {
  return (await admin.request('GET', s.gov(`/plans/${planId}`))).json() as PlanTree;
}

async function count(table: string): Promise<number> {
  const rows = await s.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

async function snapshot() {
  return Promise.all(
    [
      'plan_nodes',
      'plan_indicators',
      'plan_indicator_targets',
      'performance_agreement_indicators',
      'performance_agreement_targets',
      'performance_agreement_budgets',
      'audit_log',
    ].map(count),
  );
}

/** A first indicator with a single-value target in every year, and its node. */
async function someIndicator(): Promise<{ nodeCode: string; indicator: PlanIndicator }> {
  const t = await tree();
  for (const n of t.nodes) {
    for (const i of n.indicators) {
      if (i.direction !== 'range' && i.code && i.targets.every((x) => x.value !== null)) {
        return { nodeCode: n.code, indicator: i };
      }
    }
  }
  throw new Error('no indicator');
}

// ── the Renstra ────────────────────────────────────────────────────────────────────────────
describe('Renstra workbook', () => {
  it('exports the plan as a workbook that a reader opens: guide, tree, indicators, lists and targets', async () => {
    const res = await admin.request('GET', s.gov(`/plans/${planId}/excel`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(xlsx);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="?Renstra-Dinas-Perdagangan-2021-2026\.xlsx"?$/,
    );
    // Any member of the government may download it.
    const member = await s.as('disdag.jp-perdagangan-1');
    expect((await member.request('GET', s.gov(`/plans/${planId}/excel`))).statusCode).toBe(200);

    const wb = await load(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Petunjuk', 'Pohon Kinerja', 'Indikator']);
    expect(String(wb.getWorksheet('Petunjuk')!.getCell('A2').value)).toMatch(/templat impor/);
    const t = await tree();
    const nodes = wb.getWorksheet('Pohon Kinerja')!;
    expect(dataRows(nodes, 'Kode')).toBe(t.nodes.length);
    const goal = t.nodes.find((n) => n.kind === 'goal')!;
    expect(cellOf(nodes, rowWith(nodes, 'Kode', goal.code), 'Jenis').value).toBe('Tujuan');
    const objective = t.nodes.find((n) => n.kind === 'objective')!;
    const parent = t.nodes.find((n) => n.id === objective.parentId)!;
    expect(cellOf(nodes, rowWith(nodes, 'Kode', objective.code), 'Kode Induk').value).toBe(parent.code);

    const ind = wb.getWorksheet('Indikator')!;
    const ih = headers(ind);
    expect(
      [
        'Kode Simpul',
        'Kode Indikator',
        'Nama Indikator',
        'Satuan',
        'Arah',
        'Agregasi',
        'IKU',
        'Target 2021',
        'Target 2026',
      ].map((h) => ih.col(h) > 0),
    ).toEqual(Array(9).fill(true));
    expect(dataRows(ind, 'Nama Indikator')).toBe(t.nodes.flatMap((n) => n.indicators).length);
    const { indicator } = await someIndicator();
    const row = rowWith(ind, 'Kode Indikator', indicator.code);
    expect(cellOf(ind, row, 'Target 2025').value).toBe(Number(indicator.targets.find((x) => x.year === 2025)!.value));
    expect(cellOf(ind, row, 'Arah').dataValidation?.formulae).toEqual(['"Naik,Turun,Rentang"']);
    expect(cellOf(ind, row, 'Agregasi').dataValidation?.formulae).toEqual([
      '"Jumlah,Nilai terakhir,Rata-rata,Maksimum"',
    ]);
    expect(cellOf(ind, row, 'IKU').value).toBe(indicator.isKey ? 'Ya' : 'Tidak');
  });

  it('previews an unchanged re-upload as changing nothing', async () => {
    const bytes = await download(`/plans/${planId}/excel`);
    const p = previewOf(await preview(`/plans/${planId}`, bytes));
    const t = await tree();
    expect(p.changes).toEqual([]);
    expect(p.summary).toEqual([
      { entity: 'node', created: 0, updated: 0, unchanged: t.nodes.length, notInFile: 0 },
      {
        entity: 'indicator',
        created: 0,
        updated: 0,
        unchanged: t.nodes.flatMap((n) => n.indicators).length,
        notInFile: 0,
      },
    ]);
    expect(p.notes.join(' ')).toMatch(/tidak dinonaktifkan/);
    expect(new Date(p.expiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
  });

  it('previews exactly a changed target and a new indicator, then applies them with audit records', async () => {
    const { nodeCode, indicator } = await someIndicator();
    const old2026 = indicator.targets.find((x) => x.year === 2026)!.value!;
    const bytes = await edit(await download(`/plans/${planId}/excel`), (wb) => {
      const ws = wb.getWorksheet('Indikator')!;
      cellOf(ws, rowWith(ws, 'Kode Indikator', indicator.code), 'Target 2026').value = '1.234,5';
      const h = headers(ws);
      const r = nextRow(ws, 'Nama Indikator');
      const set = (header: string, v: ExcelJS.CellValue) => {
        r.getCell(h.col(header)).value = v;
      };
      set('Kode Simpul', nodeCode);
      set('Kode Indikator', 'X.1');
      set('Nama Indikator', 'Persentase pasar tertib ukur');
      set('Satuan', '%');
      set('Arah', 'naik');
      set('Jenis Indikator', 'Output');
      set('Agregasi', 'Nilai terakhir');
      set('IKU', 'Tidak');
      set('Baseline', '1.250');
      set('Tahun Baseline', 2020);
      set('Target 2025', '85%');
      set('Target 2026', 0.9);
      r.getCell(h.col('Target 2026')).numFmt = '0%';
    });
    const p = previewOf(await preview(`/plans/${planId}`, bytes));
    expect(p.changes).toHaveLength(2);
    const [update, create] = [
      p.changes.find((c) => c.action === 'update')!,
      p.changes.find((c) => c.action === 'create')!,
    ];
    expect(update).toMatchObject({ sheet: 'Indikator', entity: 'indicator', key: indicator.code });
    expect(update.fields).toEqual([{ field: 'Target 2026', before: old2026, after: '1234.5' }]);
    expect(create).toMatchObject({ entity: 'indicator', key: 'X.1', name: 'Persentase pasar tertib ukur' });
    expect(create.fields).toEqual(
      expect.arrayContaining([
        { field: 'Arah', before: null, after: 'Naik' },
        { field: 'Baseline', before: null, after: '1250' },
        { field: 'Target 2025', before: null, after: '85' },
        { field: 'Target 2026', before: null, after: '90' },
      ]),
    );
    expect(p.summary.find((x) => x.entity === 'indicator')).toMatchObject({ created: 1, updated: 1 });

    // Nothing is stored by a preview.
    expect((await tree()).nodes.flatMap((n) => n.indicators).some((i) => i.code === 'X.1')).toBe(false);

    const mark = (await s.t.db.query<{ n: number }>('SELECT max(id)::int AS n FROM audit_log'))[0]!.n;
    const res = await admin.request('POST', s.gov(`/plans/${planId}/excel/apply`), { token: p.token });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().auditRecords).toBe(3);
    const after = (await tree()).nodes.flatMap((n) => n.indicators);
    expect(after.find((i) => i.id === indicator.id)!.targets.find((x) => x.year === 2026)!.value).toBe('1234.5');
    const created = after.find((i) => i.code === 'X.1')!;
    expect(created).toMatchObject({
      name: 'Persentase pasar tertib ukur',
      direction: 'higher_better',
      aggregation: 'last',
      baseline: { value: '1250', year: 2020 },
    });
    expect(created.targets.map((x) => [x.year, x.value])).toEqual([
      [2025, '85'],
      [2026, '90'],
    ]);
    const audit = await s.t.db.query<{ action: string; entity_id: string }>(
      'SELECT action, entity_id FROM audit_log WHERE id > $1 ORDER BY id',
      [mark],
    );
    expect(audit.map((a) => a.action)).toEqual(['plan_indicator.targets', 'plan_indicator.create', 'plan.import']);

    // The token is used up.
    const again = await admin.request('POST', s.gov(`/plans/${planId}/excel/apply`), { token: p.token });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('IMPORT_PREVIEW_NOT_FOUND');
  });

  it('lists every invalid cell with its sheet, row and column, and stores nothing', async () => {
    const before = await snapshot();
    const previews = await count('import_previews');
    let rows: Record<string, number> = {};
    let letters: Record<string, string> = {};
    const bytes = await edit(await download(`/plans/${planId}/excel`), (wb) => {
      const ind = wb.getWorksheet('Indikator')!;
      const h = headers(ind);
      const r1 = ind.getRow(h.row + 1);
      const r2 = ind.getRow(h.row + 2);
      r1.getCell(h.col('Arah')).value = 'Naik-turun';
      r1.getCell(h.col('Target 2024')).value = 'banyak';
      r2.getCell(h.col('Nama Indikator')).value = null;
      r2.getCell(h.col('Kode Simpul')).value = 'TIDAK-ADA';
      const nodes = wb.getWorksheet('Pohon Kinerja')!;
      const nr = nodes.getRow(headers(nodes).row + 1);
      nr.getCell(headers(nodes).col('Jenis')).value = 'Misi';
      rows = { r1: r1.number, r2: r2.number, n1: nr.number };
      letters = {
        arah: letter(ind, 'Arah'),
        t2024: letter(ind, 'Target 2024'),
        nama: letter(ind, 'Nama Indikator'),
        jenis: letter(nodes, 'Jenis'),
      };
    });
    const problems = problemsOf(await preview(`/plans/${planId}`, bytes));
    expect(problems.map((p) => [p.sheet, p.row, p.column])).toEqual(
      expect.arrayContaining([
        ['Pohon Kinerja', rows.n1, letters.jenis],
        ['Indikator', rows.r1, letters.arah],
        ['Indikator', rows.r1, letters.t2024],
        ['Indikator', rows.r2, letters.nama],
      ]),
    );
    expect(problems.find((p) => p.column === letters.t2024)!.message).toMatch(/"banyak" bukan/);
    expect(problems.find((p) => p.column === letters.arah)!.message).toBe('Pilih salah satu: Naik, Turun, Rentang');
    expect(await snapshot()).toEqual(before);
    expect(await count('import_previews')).toBe(previews);
  });

  it('applies nothing when one row breaks a domain rule, and names that row and cell', async () => {
    const { indicator } = await someIndicator();
    const t = await tree();
    const range = t.nodes.flatMap((n) => n.indicators).find((i) => i.code && i.code !== indicator.code)!;
    let badRow = 0;
    let rangeRow = 0;
    const before = await snapshot();
    const bytes = await edit(await download(`/plans/${planId}/excel`), (wb) => {
      const ws = wb.getWorksheet('Indikator')!;
      // A valid change …
      cellOf(ws, rowWith(ws, 'Kode Indikator', indicator.code), 'Target 2021').value = 77;
      // … and a baseline year after the start of the plan (a rule of the plans service).
      const bad = rowWith(ws, 'Kode Indikator', indicator.code);
      cellOf(ws, bad, 'Tahun Baseline').value = 2023;
      badRow = bad.number;
      // Turning an indicator with single-value targets into a "range" one is refused by the service.
      const r = rowWith(ws, 'Kode Indikator', range.code);
      cellOf(ws, r, 'Arah').value = 'Rentang';
      rangeRow = r.number;
    });
    const wb = await load(bytes);
    const ws = wb.getWorksheet('Indikator')!;
    const problems = problemsOf(await preview(`/plans/${planId}`, bytes));
    expect(problems).toEqual(
      expect.arrayContaining([
        {
          sheet: 'Indikator',
          row: badRow,
          column: letter(ws, 'Tahun Baseline'),
          message: 'Tahun baseline paling lambat tahun awal Renstra (2021)',
        },
        {
          sheet: 'Indikator',
          row: rangeRow,
          column: letter(ws, 'Arah'),
          message: 'Target yang sudah ada berupa nilai tunggal; ubah targetnya menjadi rentang terlebih dahulu',
        },
      ]),
    );
    expect(await snapshot()).toEqual(before);
    expect(
      (await tree()).nodes.flatMap((n) => n.indicators).find((i) => i.id === indicator.id)!.targets[0]!.value,
    ).toBe(indicator.targets[0]!.value);
  });

  it('creates new nodes top-down with their indicators, and refuses a node under the wrong kind', async () => {
    const t = await tree();
    const objective = t.nodes.find((n) => n.kind === 'objective')!;
    const good = await edit(await download(`/plans/${planId}/excel`), (wb) => {
      const nodes = wb.getWorksheet('Pohon Kinerja')!;
      const h = headers(nodes);
      // The activity comes first in the file; its program is created before it anyway.
      const add = (values: string[]) => {
        const r = nextRow(nodes, 'Kode');
        ['Jenis', 'Kode', 'Kode Induk', 'Nama'].forEach((k, i) => {
          r.getCell(h.col(k)).value = values[i]!;
        });
      };
      add(['Kegiatan', '9.99.01.2.01', '9.99.01', 'Kegiatan uji impor']);
      add(['Program', '9.99.01', objective.code, 'Program uji impor']);
      const ind = wb.getWorksheet('Indikator')!;
      const ih = headers(ind);
      const r = nextRow(ind, 'Nama Indikator');
      const set = (k: string, v: ExcelJS.CellValue) => {
        r.getCell(ih.col(k)).value = v;
      };
      set('Kode Simpul', '9.99.01.2.01');
      set('Kode Indikator', '9.99.01.2.01.1');
      set('Nama Indikator', 'Jumlah kegiatan uji');
      set('Satuan', 'kegiatan');
      set('Arah', 'Naik');
      set('Jenis Indikator', 'Output');
      set('Agregasi', 'Jumlah');
      set('Target 2026', '2');
      // A range indicator: one cell per year, "80 - 90" (an en dash and a decimal comma work too).
      const r2 = ind.getRow(r.number + 1);
      const set2 = (k: string, v: ExcelJS.CellValue) => {
        r2.getCell(ih.col(k)).value = v;
      };
      set2('Kode Simpul', '9.99.01.2.01');
      set2('Kode Indikator', '9.99.01.2.01.2');
      set2('Nama Indikator', 'Tingkat inflasi uji');
      set2('Satuan', '%');
      set2('Arah', 'Rentang');
      set2('Jenis Indikator', 'Impact');
      set2('Agregasi', 'Nilai terakhir');
      set2('Target 2025', '80 - 90');
      set2('Target 2026', '7,5–8');
      set2('Formula', '=(A/B) x 100');
    });
    const p = previewOf(await preview(`/plans/${planId}`, good));
    expect(p.summary.find((x) => x.entity === 'node')).toMatchObject({ created: 2, updated: 0 });
    const res = await admin.request('POST', s.gov(`/plans/${planId}/excel/apply`), { token: p.token });
    expect(res.statusCode, res.body).toBe(200);
    const after = await tree();
    const program = after.nodes.find((n) => n.code === '9.99.01')!;
    expect(program).toMatchObject({ kind: 'program', parentId: objective.id });
    const activity = after.nodes.find((n) => n.code === '9.99.01.2.01')!;
    expect(activity.parentId).toBe(program.id);
    expect(activity.indicators.map((i) => i.name)).toEqual(['Jumlah kegiatan uji', 'Tingkat inflasi uji']);
    expect(activity.indicators[1]).toMatchObject({ direction: 'range', formula: '=(A/B) x 100' });
    expect(activity.indicators[1]!.targets).toEqual([
      { year: 2025, value: null, low: '80', high: '90' },
      { year: 2026, value: null, low: '7.5', high: '8' },
    ]);
    // Exported again: the range as one text cell, the formula text made harmless; re-uploaded: no change.
    const again = await download(`/plans/${planId}/excel`);
    const sheet = (await load(again)).getWorksheet('Indikator')!;
    const rr = rowWith(sheet, 'Kode Indikator', '9.99.01.2.01.2');
    expect(cellOf(sheet, rr, 'Target 2026').value).toBe('7,5 - 8');
    expect(cellOf(sheet, rr, 'Formula').value).toBe("'=(A/B) x 100");
    expect(cellOf(sheet, rr, 'Formula').formula).toBeUndefined();
    expect(previewOf(await preview(`/plans/${planId}`, again)).changes).toEqual([]);

    let row = 0;
    const bad = await edit(await download(`/plans/${planId}/excel`), (wb) => {
      const nodes = wb.getWorksheet('Pohon Kinerja')!;
      const h = headers(nodes);
      const r = nextRow(nodes, 'Kode');
      ['Sub Kegiatan', '9.99.02', objective.code, 'Salah tempat'].forEach((v, i) => {
        r.getCell(h.col(['Jenis', 'Kode', 'Kode Induk', 'Nama'][i]!)).value = v;
      });
      row = r.number;
    });
    const problems = problemsOf(await preview(`/plans/${planId}`, bad));
    const ws = (await load(bad)).getWorksheet('Pohon Kinerja')!;
    expect(problems).toEqual([
      {
        sheet: 'Pohon Kinerja',
        row,
        column: letter(ws, 'Kode Induk'),
        message: 'Sub kegiatan harus berada langsung di bawah kegiatan',
      },
    ]);
  });

  it('carries the valid range and "evidence required" out and back in; a file without those columns keeps them', async () => {
    const { indicator } = await someIndicator();
    const exported = await download(`/plans/${planId}/excel`);
    const sheet = (await load(exported)).getWorksheet('Indikator')!;
    const exportedRow = rowWith(sheet, 'Kode Indikator', indicator.code);
    const shown = (v: string | null) => (v === null ? null : Number(v));
    expect(cellOf(sheet, exportedRow, 'Nilai Minimum Valid').value).toBe(shown(indicator.validMin));
    expect(cellOf(sheet, exportedRow, 'Nilai Maksimum Valid').value).toBe(shown(indicator.validMax));
    expect(cellOf(sheet, exportedRow, 'Wajib Bukti Dukung').value).toBe(indicator.evidenceRequired ? 'Ya' : 'Tidak');
    expect(cellOf(sheet, exportedRow, 'Wajib Bukti Dukung').dataValidation?.formulae).toEqual(['"Ya,Tidak"']);

    const required = !indicator.evidenceRequired;
    const bytes = await edit(exported, (wb) => {
      const ws = wb.getWorksheet('Indikator')!;
      const r = rowWith(ws, 'Kode Indikator', indicator.code);
      cellOf(ws, r, 'Nilai Minimum Valid').value = 1;
      cellOf(ws, r, 'Nilai Maksimum Valid').value = '250,5';
      cellOf(ws, r, 'Wajib Bukti Dukung').value = required ? 'Ya' : 'Tidak';
    });
    const p = previewOf(await preview(`/plans/${planId}`, bytes));
    expect(p.changes).toHaveLength(1);
    expect(p.changes[0]!.fields).toEqual([
      { field: 'Nilai Minimum Valid', before: indicator.validMin, after: '1' },
      { field: 'Nilai Maksimum Valid', before: indicator.validMax, after: '250.5' },
      {
        field: 'Wajib Bukti Dukung',
        before: indicator.evidenceRequired ? 'Ya' : 'Tidak',
        after: required ? 'Ya' : 'Tidak',
      },
    ]);
    const mark = (await s.t.db.query<{ n: number }>('SELECT max(id)::int AS n FROM audit_log'))[0]!.n;
    const res = await admin.request('POST', s.gov(`/plans/${planId}/excel/apply`), { token: p.token });
    expect(res.statusCode, res.body).toBe(200);
    const applied = (await tree()).nodes.flatMap((n) => n.indicators).find((i) => i.id === indicator.id)!;
    expect(applied).toMatchObject({ validMin: '1', validMax: '250.5', evidenceRequired: required });
    const audit = await s.t.db.query<{ action: string }>('SELECT action FROM audit_log WHERE id > $1 ORDER BY id', [
      mark,
    ]);
    expect(audit.map((a) => a.action)).toEqual(['plan_indicator.update', 'plan.import']);

    // Exported again and re-uploaded: nothing to change.
    const again = await download(`/plans/${planId}/excel`);
    expect(previewOf(await preview(`/plans/${planId}`, again)).changes).toEqual([]);

    // A workbook of the older layout (no such columns) leaves them as they are, even with a row changed.
    const older = await edit(again, (wb) => {
      const ws = wb.getWorksheet('Indikator')!;
      const h = headers(ws);
      for (const header of ['Nilai Minimum Valid', 'Nilai Maksimum Valid', 'Wajib Bukti Dukung']) {
        ws.spliceColumns(h.col(header), 1);
      }
      cellOf(ws, rowWith(ws, 'Kode Indikator', indicator.code), 'Sumber Data').value = 'Sumber data dari berkas lama';
    });
    const old = previewOf(await preview(`/plans/${planId}`, older));
    expect(old.changes.map((c) => c.fields.map((f) => f.field))).toEqual([['Sumber Data']]);

    // A minimum above the maximum is refused at its cell; nothing is stored.
    let badRow = 0;
    const bad = await edit(again, (wb) => {
      const ws = wb.getWorksheet('Indikator')!;
      const r = rowWith(ws, 'Kode Indikator', indicator.code);
      cellOf(ws, r, 'Nilai Minimum Valid').value = 300;
      badRow = r.number;
    });
    const before = await snapshot();
    const problems = problemsOf(await preview(`/plans/${planId}`, bad));
    const ws = (await load(bad)).getWorksheet('Indikator')!;
    expect(problems).toEqual([
      {
        sheet: 'Indikator',
        row: badRow,
        column: letter(ws, 'Nilai Minimum Valid'),
        message: 'Nilai maksimum valid (250,5) tidak boleh lebih kecil dari nilai minimum valid (300)',
      },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 409 when the plan changed after the preview, and lets only the same user apply', async () => {
    const { indicator } = await someIndicator();
    const bytes = await edit(await download(`/plans/${planId}/excel`), (wb) => {
      const ws = wb.getWorksheet('Indikator')!;
      cellOf(ws, rowWith(ws, 'Kode Indikator', indicator.code), 'Target 2022').value = 55;
    });
    // Another administrator of the same government.
    const hash = await hashPassword(TEST_PASSWORD);
    await s.t.db.transaction((tx) =>
      insertUserTx(
        tx,
        systemContext('test'),
        s.governmentId,
        { username: 'banggai.admin2', displayName: 'Admin Kedua', role: 'gov_admin', employeeId: null },
        hash,
        false,
      ),
    );
    const other = await signIn(s.t.app, 'banggai.admin2');
    const p = previewOf(await preview(`/plans/${planId}`, bytes));
    const foreign = await other.request('POST', s.gov(`/plans/${planId}/excel/apply`), { token: p.token });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('IMPORT_NOT_YOURS');
    const member = await s.as('disdag.jp-perdagangan-1');
    expect((await preview(`/plans/${planId}`, bytes, member)).statusCode).toBe(403);

    // Someone edits the indicator in the application meanwhile.
    const patched = await admin.request('PATCH', s.gov(`/plans/${planId}/indicators/${indicator.id}`), {
      definition: 'Diubah di aplikasi',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const before = await snapshot();
    const stale = await admin.request('POST', s.gov(`/plans/${planId}/excel/apply`), { token: p.token });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('IMPORT_STALE');
    expect(await snapshot()).toEqual(before);

    // An expired preview cannot be applied either.
    const q = previewOf(await preview(`/plans/${planId}`, await download(`/plans/${planId}/excel`)));
    await s.t.db.query(
      "UPDATE import_previews SET created_at = created_at - interval '1 hour', expires_at = created_at - interval '59 minutes' WHERE id = $1",
      [q.token],
    );
    const expired = await admin.request('POST', s.gov(`/plans/${planId}/excel/apply`), { token: q.token });
    expect(expired.statusCode).toBe(404);
  });
});

describe('hostile files', () => {
  const refusal = async (bytes: Uint8Array) => {
    const res = await preview(`/plans/${planId}`, bytes);
    return {
      status: res.statusCode,
      code: res.json().error.code as string,
      message: res.json().error.message as string,
    };
  };
  const base = {
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8('<workbook/>'),
  };

  it('refuses a file that is not an Excel workbook', async () => {
    const r = await refusal(strToU8('%PDF-1.4 bukan excel'));
    expect(r).toMatchObject({ status: 400, code: 'WORKBOOK_REFUSED' });
    expect(r.message).toMatch(/bukan buku kerja Excel/);
  });

  it('refuses a workbook with macros or with links to other files', async () => {
    const r = await refusal(zipSync({ ...base, 'xl/vbaProject.bin': new Uint8Array(10) }));
    expect(r).toMatchObject({ status: 400, code: 'WORKBOOK_REFUSED' });
    expect(r.message).toMatch(/makro/);
    const links = await refusal(zipSync({ ...base, 'xl/externalLinks/externalLink1.xml': strToU8('<x/>') }));
    expect(links).toMatchObject({ status: 400, code: 'WORKBOOK_REFUSED' });
    expect(links.message).toMatch(/tautan ke buku kerja lain/);
  });

  it('names the missing sheets of a hollow workbook, and refuses a request without the file part', async () => {
    const hollow = await preview(`/plans/${planId}`, zipSync({ ...base, 'xl/_rels/workbook.xml.rels': strToU8('<x') }));
    expect(problemsOf(hollow).map((p) => p.message)).toEqual([
      'Lembar "Pohon Kinerja" tidak ada',
      'Lembar "Indikator" tidak ada',
    ]);
    const f = new FormData();
    f.append('lain', new Blob([new Uint8Array(4)]), 'x.xlsx');
    const res = await admin.request('POST', s.gov(`/plans/${planId}/excel/preview`), f);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('FILE_MISSING');
  });

  it('refuses an oversized file and a zip bomb', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 10);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    expect(await refusal(big)).toMatchObject({ status: 413, code: 'FILE_TOO_LARGE' });
    const bomb = await refusal(zipSync({ ...base, 'xl/worksheets/sheet1.xml': new Uint8Array(90 * 1024 * 1024) }));
    expect(bomb).toMatchObject({ status: 400, code: 'WORKBOOK_REFUSED' });
    expect(bomb.message).toMatch(/terlalu besar setelah dibuka/);
  }, 60_000);

  it('reads a formula only through its stored result, refuses one without, and refuses script in a cell', async () => {
    const { indicator } = await someIndicator();
    let rows: number[] = [];
    const bytes = await edit(await download(`/plans/${planId}/excel`), (wb) => {
      const ws = wb.getWorksheet('Indikator')!;
      const h = headers(ws);
      const r = rowWith(ws, 'Kode Indikator', indicator.code);
      cellOf(ws, r, 'Target 2023').value = { formula: 'A1*2' } as ExcelJS.CellFormulaValue;
      const r2 = ws.getRow(h.row + 1 === r.number ? h.row + 2 : h.row + 1);
      r2.getCell(h.col('Definisi Operasional')).value = '<script>alert(1)</script>';
      rows = [r.number, r2.number];
    });
    const ws = (await load(bytes)).getWorksheet('Indikator')!;
    const problems = problemsOf(await preview(`/plans/${planId}`, bytes));
    expect(problems).toEqual(
      expect.arrayContaining([
        {
          sheet: 'Indikator',
          row: rows[0],
          column: letter(ws, 'Target 2023'),
          message: 'Sel berisi rumus tanpa hasil tersimpan; salin lalu tempel sebagai nilai',
        },
        {
          sheet: 'Indikator',
          row: rows[1],
          column: letter(ws, 'Definisi Operasional'),
          message: 'Teks berisi skrip; hapus bagian tersebut',
        },
      ]),
    );
    const withResult = await edit(await download(`/plans/${planId}/excel`), (wb) => {
      const w = wb.getWorksheet('Indikator')!;
      cellOf(w, rowWith(w, 'Kode Indikator', indicator.code), 'Target 2023').value = {
        formula: 'HYPERLINK("http://x","klik")',
        result: 64,
      } as ExcelJS.CellFormulaValue;
    });
    const p = previewOf(await preview(`/plans/${planId}`, withResult));
    expect(p.changes.flatMap((c) => c.fields)).toEqual([
      { field: 'Target 2023', before: indicator.targets.find((x) => x.year === 2023)!.value, after: '64' },
    ]);
  });
});

// ── the Perjanjian Kinerja ─────────────────────────────────────────────────────────────────
describe('performance agreement workbook', () => {
  let signedId: string;
  let draftId: string;

  beforeAll(async () => {
    const list = (
      await admin.request('GET', s.gov(`/performance-agreements?planId=${planId}&level=agency&year=2026`))
    ).json();
    signedId = list.items[0].id;
    const revised = await admin.request('POST', s.gov(`/performance-agreements/${signedId}/revisions`), {
      reason: 'Penyesuaian target melalui Excel',
    });
    expect(revised.statusCode, revised.body).toBe(201);
    draftId = revised.json().id;
  });

  const detail = async (id: string) =>
    (await admin.request('GET', s.gov(`/performance-agreements/${id}`))).json() as AgreementDetail;

  it('exports targets and pagu, previews a change of T4 and a pagu, and applies them', async () => {
    const res = await admin.request('GET', s.gov(`/performance-agreements/${draftId}/excel`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(xlsx);
    expect(res.headers['content-disposition']).toMatch(/filename="?Perjanjian-Kinerja-.*-2026-v2\.xlsx"?$/);
    const wb = await load(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Petunjuk', 'Indikator PK', 'Pagu']);
    const d = await detail(draftId);
    const ind = wb.getWorksheet('Indikator PK')!;
    expect(dataRows(ind, 'Nama Indikator')).toBe(d.indicators.length);
    const target = d.indicators.find((i) => i.code && i.aggregation === 'last' && i.quarters.q4?.value)!;

    // Unchanged: nothing to do.
    const same = previewOf(await preview(`/performance-agreements/${draftId}`, res.rawPayload));
    expect(same.changes).toEqual([]);

    const budget = d.budgets[0]!;
    const bytes = await edit(res.rawPayload, (w) => {
      const ws = w.getWorksheet('Indikator PK')!;
      cellOf(ws, rowWith(ws, 'Kode Indikator', target.code), 'T4').value = '12,5';
      const pagu = w.getWorksheet('Pagu')!;
      cellOf(pagu, rowWith(pagu, 'Kode', budget.nodeCode), 'Pagu (Rp)').value = 'Rp 1.250.000.000,50';
    });
    const p = previewOf(await preview(`/performance-agreements/${draftId}`, bytes));
    expect(p.changes.map((c) => [c.entity, c.action, c.key, c.fields])).toEqual([
      [
        'agreement_indicator',
        'update',
        target.code,
        [{ field: 'T4', before: target.quarters.q4!.value, after: '12.5' }],
      ],
      ['budget', 'update', budget.nodeCode, [{ field: 'Pagu (Rp)', before: budget.amount, after: '1250000000.5' }]],
    ]);
    // A T4 that no longer matches the annual target of a "last value" indicator is a warning, not an error.
    const sheet = (await load(bytes)).getWorksheet('Indikator PK')!;
    const row = rowWith(sheet, 'Kode Indikator', target.code).number;
    expect(p.warnings).toEqual([
      { sheet: 'Indikator PK', row, column: letter(sheet, 'T4'), message: expect.stringMatching(/triwulan terakhir/) },
    ]);
    const applied = await admin.request('POST', s.gov(`/performance-agreements/${draftId}/excel/apply`), {
      token: p.token,
    });
    expect(applied.statusCode, applied.body).toBe(200);
    const after = await detail(draftId);
    expect(after.indicators.find((i) => i.id === target.id)!.quarters.q4!.value).toBe('12.5');
    expect(after.budgets.find((b) => b.nodeId === budget.nodeId)!.amount).toBe('1250000000.5');
    expect(after.budgets).toHaveLength(d.budgets.length);
    const audit = await s.t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'performance_agreement.%' ORDER BY id DESC LIMIT 3",
      [draftId],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'performance_agreement.import',
      'performance_agreement.budgets',
      'performance_agreement.indicator_update',
    ]);
  });

  it('refuses a negative pagu at its cell and a signed agreement as a whole', async () => {
    const bytes = await download(`/performance-agreements/${draftId}/excel`);
    let row = 0;
    const bad = await edit(bytes, (w) => {
      const pagu = w.getWorksheet('Pagu')!;
      const r = pagu.getRow(headers(pagu).row + 1);
      cellOf(pagu, r, 'Pagu (Rp)').value = -5;
      row = r.number;
    });
    const before = await snapshot();
    const problems = problemsOf(await preview(`/performance-agreements/${draftId}`, bad));
    const pagu = (await load(bad)).getWorksheet('Pagu')!;
    expect(problems).toEqual([
      { sheet: 'Pagu', row, column: letter(pagu, 'Pagu (Rp)'), message: 'Nilai tidak boleh negatif' },
    ]);
    expect(await snapshot()).toEqual(before);

    const locked = await preview(`/performance-agreements/${signedId}`, bytes);
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('AGREEMENT_LOCKED');
  });
});
