import { execFileSync } from 'node:child_process';
import { flowEdges, formatNip, stepShape } from '@sidakin/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sopsDir } from '../../env.js';
import { type DemoSession, demoSession } from '../../test/demo-session.js';
import { renderSopPdf, type SopDrawing } from './sop-pdf.js';
import { readSopFiles } from './sops.service.js';

// The official SOP document: every seed SOP's table has each step's symbol in exactly its lanes,
// every arrow of the flow, and a pair of off-page connectors for each arrow that crosses a page.

const pdfText = (bytes: Buffer) =>
  execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-', '-'], { input: bytes }).toString('utf8');
// Lines wrap at spaces and after hyphens; both read back as one space.
const squash = (s: string) => s.replace(/\s+/g, ' ').replace(/- /g, '-').trim();

const version = {
  version: 1,
  status: 'draft',
  approvedByName: null,
  approvedByNip: null,
  approvedByPositionName: null,
  approvedActing: null,
  approvedOn: null,
  effectiveFrom: null,
} as const;
const letterhead = { lines: [], address: 'Jl. Contoh No. 1', contact: '', logo: null };

describe.each(readSopFiles(sopsDir).map((f) => [f.doc.id, f.doc] as const))('%s', (_id, doc) => {
  const trace: SopDrawing[] = [];
  let bytes: Buffer;
  beforeAll(async () => {
    bytes = await renderSopPdf({ doc, version, letterhead, printedAt: '22 November 2026 09.00 WIB' }, trace);
  });

  it('draws each step’s symbol, of its shape, in exactly the lanes it belongs to', () => {
    const symbols = trace.filter((d) => d.kind === 'symbol');
    expect(symbols.map((d) => `${d.stepNo}:${d.laneId}`).sort()).toEqual(
      doc.steps.flatMap((s) => s.lanes.map((l) => `${s.no}:${l}`)).sort(),
    );
    for (const d of symbols) {
      const index = doc.steps.findIndex((s) => s.no === d.stepNo);
      expect(d.shape).toBe(stepShape(doc, index));
      expect(d.cx).toBeGreaterThan(d.column.x);
      expect(d.cx).toBeLessThan(d.column.x + d.column.width);
    }
    // The lane columns are printed in the document's order.
    const firstColumnOf = new Map(symbols.map((d) => [d.laneId, d.column.x]));
    const order = Object.keys(doc.lanes).map((l) => firstColumnOf.get(l)!);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('draws every arrow of the flow, and pairs of connectors exactly where an arrow crosses a page', () => {
    const arrows = trace.filter((d) => d.kind === 'arrow');
    expect(arrows.map((a) => [a.fromStep, a.toStep, a.label])).toEqual(
      flowEdges(doc).map((e) => [doc.steps[e.from]!.no, doc.steps[e.to]!.no, e.label]),
    );
    const connectors = trace.filter((d) => d.kind === 'connector');
    for (const a of arrows) {
      const pair = connectors.filter((c) => c.fromStep === a.fromStep && c.toStep === a.toStep);
      if (!a.acrossPages) {
        expect(pair).toEqual([]);
        continue;
      }
      expect(pair).toHaveLength(2);
      expect(pair[0]!.letter).toBe(pair[1]!.letter);
      expect(pair[0]!.page).not.toBe(pair[1]!.page);
    }
    expect(new Set(connectors.map((c) => c.letter)).size).toBe(connectors.length / 2);
  });

  it('prints the identity block and every step with its mutu baku', () => {
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = squash(pdfText(bytes));
    for (const label of ['Nomor SOP', 'Tanggal Efektif', 'Disahkan oleh', 'Dasar Hukum', 'Kelengkapan', 'Keterangan']) {
      expect(text).toContain(label);
    }
    expect(text).toContain(doc.title.toUpperCase());
    for (const law of doc.legalBasis) expect(text).toContain(squash(law));
    for (const step of doc.steps) {
      expect(text).toContain(squash(step.text));
      if (step.duration) expect(text).toContain(step.duration);
    }
  });
});

describe('the SOP document over the API', () => {
  let s: DemoSession;
  beforeAll(async () => {
    s = await demoSession('banggai.admin');
  }, 120_000);
  afterAll(async () => {
    await s.t.close();
  });

  it('carries the approver’s name and NIP and the effective date once the head has approved it', async () => {
    const sopId = await s.putInEffect('banggai/disdag/perbaikan-data-kinerja', 'disdag.kadis');
    const member = await s.as('disdag.jp-perdagangan-1');
    const detail = (await member.request('GET', s.gov(`/sops/${sopId}`))).json();
    const v = detail.versions[0];
    const res = await member.request('GET', s.gov(`/sops/${sopId}/versions/${v.id}/pdf`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="SOP Mekanisme Perbaikan Data Kinerja v1.pdf"`);
    const text = squash(pdfText(res.rawPayload));
    const [head] = await s.t.db.query<{ name: string; nip: string }>(
      `SELECT e.name, e.nip FROM sop_versions v JOIN employees e ON e.id = v.approved_by_employee_id WHERE v.id = $1`,
      [v.id],
    );
    expect(text).toContain(v.approvedByName);
    expect(v.approvedByName).toContain(head!.name.split(',')[0]);
    expect(text).toContain(`NIP. ${formatNip(head!.nip)}`);
    expect(text).toContain('KEPALA DINAS PERDAGANGAN');
    expect(text).not.toContain('KONSEP');
    const wrong = await member.request('GET', s.gov(`/sops/${sopId}/versions/${crypto.randomUUID()}/pdf`));
    expect(wrong.statusCode).toBe(404);
  });
});
