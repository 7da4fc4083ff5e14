import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { DiskFileStore } from '../../storage/file-store.js';
import { type DemoSession, demoSession } from '../../test/demo-session.js';
import { storeSystemFile } from '../files/files.service.js';
import { startCaseTx } from './cases.service.js';
import { type CaseLink, onCaseStart, onStepAction, type StepActionContext } from './step-actions.js';

// Domain modules give steps their meaning through handlers that run inside the completing
// transaction: a refusal leaves nothing behind; a produced document becomes the step's output.

let s: DemoSession;
let sopId: string;
let unitId: string;
const seen: StepActionContext[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidakin-actions-'));
let refuseInstruction = true;
let requireLink = false;

onStepAction('correction', 'instruct', async (a) => {
  seen.push(a);
  if (refuseInstruction) {
    throw new AppError('VALIDATION', {
      details: [{ path: 'body', message: { id: 'Data belum lengkap', en: 'The data is not complete' } }],
    });
  }
  const doc = await storeSystemFile(a.tx, new DiskFileStore(dir), {
    governmentId: a.governmentId,
    name: 'Disposisi perbaikan.pdf',
    mediaType: 'application/pdf',
    bytes: new TextEncoder().encode('%PDF-1.4 disposisi'),
    userId: a.actor.userId,
  });
  return { attachments: [{ fileId: doc.id, output: a.step.outputs[0] ?? '' }], data: { produced: doc.id } };
});
onCaseStart('correction', async ({ link }) => {
  if (requireLink && !link) {
    throw new AppError('VALIDATION', {
      details: [{ path: 'body.sopId', message: { id: 'Mulai dari modulnya', en: 'Start it from its module' } }],
    });
  }
});

beforeAll(async () => {
  s = await demoSession('banggai.admin');
  sopId = await s.putInEffect('banggai/disdag/perbaikan-data-kinerja', 'disdag.kadis');
  unitId = await s.unitId('Bidang Perdagangan Dalam Negeri');
}, 120_000);
afterAll(async () => {
  await s.t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('step actions of domain modules', () => {
  it('runs the handler of the step’s kind; a refusal leaves the task open and nothing on record', async () => {
    const kadis = await s.as('disdag.kadis');
    const c = (
      await kadis.request('POST', s.gov('/cases'), { sopId, unitIds: [unitId], subject: 'Uji tindakan' })
    ).json();
    const task = c.tasks.find((t: { status: string }) => t.status === 'open');
    const auditBefore = await s.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    const refused = await kadis.request('POST', s.gov(`/cases/${c.id}/tasks/${task.id}/complete`), { outcome: 'done' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([{ path: 'body', message: 'Data belum lengkap' }]);
    expect(seen.at(-1)).toMatchObject({
      caseId: c.id,
      step: { no: 1, action: 'instruct' },
      outcome: 'done',
      caseUnits: [unitId],
      link: null,
      closesCase: false,
    });
    const after = (await kadis.request('GET', s.gov(`/cases/${c.id}`))).json();
    expect(after.tasks.find((t: { id: string }) => t.id === task.id).status).toBe('open');
    expect(after.events.map((e: { kind: string }) => e.kind)).toEqual(['start']);
    const auditAfter = await s.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(auditAfter[0]!.n).toBe(auditBefore[0]!.n);

    refuseInstruction = false;
    const ok = await kadis.request('POST', s.gov(`/cases/${c.id}/tasks/${task.id}/complete`), { outcome: 'done' });
    expect(ok.statusCode, ok.body).toBe(200);
    const step1 = ok.json().tasks.find((t: { id: string }) => t.id === task.id);
    expect(step1.attachments).toEqual([
      expect.objectContaining({
        name: 'Disposisi perbaikan.pdf',
        mediaType: 'application/pdf',
        output: 'Dokumen Data Kinerja',
      }),
    ]);
    const event = ok.json().events.find((e: { kind: string }) => e.kind === 'complete');
    expect(event.data.action).toEqual({ produced: step1.attachments[0].fileId });
  });

  it('lets a module refuse a start without its link, and keeps the link of a case it starts', async () => {
    requireLink = true;
    const kadis = await s.as('disdag.kadis');
    const refused = await kadis.request('POST', s.gov('/cases'), { sopId, unitIds: [unitId], subject: 'Tanpa tautan' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].message).toBe('Mulai dari modulnya');
    const link: CaseLink = { kind: 'uji', id: crypto.randomUUID() };
    const me = (await kadis.request('GET', '/api/auth/me')).json();
    const ctx = {
      actor: {
        userId: me.user.id,
        username: 'disdag.kadis',
        displayName: me.user.displayName,
        role: 'member' as const,
        governmentId: s.governmentId,
        employeeId: me.user.employeeId,
        sessionId: 'x',
        csrfToken: 'x',
        actingPositionId: null,
        actingPositionName: null,
        totpSetupRequired: false,
        mustChangePassword: false,
      },
      ip: null,
      userAgent: null,
      locale: 'id' as const,
    };
    const caseId = await s.t.db.transaction((tx) =>
      startCaseTx(tx, ctx, s.governmentId, { sopId, unitIds: [unitId], period: '', subject: 'Dengan tautan' }, link),
    );
    const [row] = await s.t.db.query<{ link_kind: string; link_id: string }>(
      'SELECT link_kind, link_id FROM cases WHERE id = $1',
      [caseId],
    );
    expect(row).toEqual({ link_kind: 'uji', link_id: link.id });
    requireLink = false;
  });
});
