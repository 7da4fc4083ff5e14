import type { Correction } from '@sidakin/core';
import type { Database } from '../db/database.js';
import type { Client } from './fixture.js';

/**
 * Runs a correction SOP through the API the way its people would, step by step, whoever holds the
 * open task acting: the correcting steps propose (and rework) items on the scope's locked values,
 * a meeting step holds its rapat, a review approves every item (or, once, returns one with a
 * reason where the caller asks), the signing step prepares the Dokumen Perbaikan and every signer
 * signs it in turn with their own certificate. The caller's hooks may look at each task before it
 * is done. Used by the seed-SOP run and by the per-SOP correction tests.
 */
export interface CorrectionRunOptions {
  db: Database;
  as(username: string): Promise<Client>;
  gov(path?: string): string;
  correctionId: string;
  /** The review steps that send the correction back once (with a reason), in the order met. */
  returnAt?: number[];
  /** How many locked values the first correcting step proposes to correct. */
  proposals?: number;
  /** The passphrase every signer enrols (or already has) a certificate with. */
  passphrase?: string;
  /** Called with each open task before it is completed. */
  onTask?: (task: RunTask, correction: Correction) => Promise<void> | void;
}

export interface RunTask {
  id: string;
  stepNo: number;
  action: string;
  allowedOutcomes: string[];
  assignees: { positionId: string }[];
  status: string;
}

export interface RunLog {
  /** Who completed which step with which outcome, in order. */
  steps: { stepNo: number; action: string; outcome: string; by: string }[];
  /** The reviews that returned items: step, the item and the step it went back to. */
  returns: { stepNo: number; itemId: string; reason: string }[];
  /** Who signed the document, in order. */
  signedBy: string[];
}

const REASON = {
  reason: 'Nilai realisasi salah ketik saat entri; laporan sumber mencatat nilai lain',
  rootCause: 'Entri manual tanpa pemeriksaan silang dengan laporan sumber',
  removesCause: true,
  causeAction: 'Setiap entri diperiksa silang dengan laporan sumber oleh atasan langsung sebelum diajukan',
};

export async function runCorrection(opts: CorrectionRunOptions): Promise<{ correction: Correction; log: RunLog }> {
  const { db, as, gov } = opts;
  const passphrase = opts.passphrase ?? 'kunci-tanda-tangan-uji';
  const returnAt = [...(opts.returnAt ?? [])];
  const log: RunLog = { steps: [], returns: [], signedBy: [] };
  const admin = await adminOf(db, as, gov);
  const get = async (): Promise<Correction> => {
    const res = await admin.request('GET', gov(`/corrections/${opts.correctionId}`));
    if (res.statusCode !== 200) throw new Error(`correction: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  let correction = await get();
  const doc = await sopDocumentOf(db, correction.caseId);
  let last = '';

  for (let guard = 0; guard < 60; guard++) {
    const caseDetail = (await admin.request('GET', gov(`/cases/${correction.caseId}`))).json();
    if (caseDetail.status !== 'open') return { correction: await get(), log };
    const task: RunTask | undefined = caseDetail.tasks.find((t: RunTask) => t.status === 'open');
    if (!task) throw new Error('an open case without an open task');
    const holders = await holdersOf(
      db,
      task.assignees.map((a) => a.positionId),
    );
    if (holders.length === 0) throw new Error(`step ${task.stepNo} has no holder`);
    const who = holders.find((u) => u !== last) ?? holders[0]!;
    const client = await as(who);
    const step = doc.steps.find((s) => s.no === task.stepNo)!;
    await opts.onTask?.(task, correction);
    let outcome = task.allowedOutcomes.includes('ya') ? 'ya' : 'done';
    let reason: string | undefined;

    if (task.action === 'correct-data') {
      await correct(client, correction, opts.proposals ?? 2);
    } else if (task.action === 'meeting') {
      await holdMeeting(client, correction, task, holders);
    } else if (task.action === 'review') {
      const live = correction.items.filter((i) => i.status !== 'withdrawn');
      if (returnAt[0] === task.stepNo) {
        returnAt.shift();
        const item = live[live.length - 1]!;
        reason = `Langkah ${task.stepNo}: lengkapi bukti dukung usulan ini`;
        await ok(
          client.request('POST', gov(`/corrections/${correction.id}/decisions`), {
            decisions: [
              ...live.slice(0, -1).map((i) => ({ itemId: i.id, decision: 'approve' })),
              { itemId: item.id, decision: 'return', reason },
            ],
          }),
          `step ${task.stepNo} returns`,
        );
        log.returns.push({ stepNo: task.stepNo, itemId: item.id, reason });
        outcome = 'tidak';
      } else {
        await ok(
          client.request('POST', gov(`/corrections/${correction.id}/decisions`), {
            decisions: live.map((i) => ({ itemId: i.id, decision: 'approve' })),
          }),
          `step ${task.stepNo} approves`,
        );
        if (step.signature) log.signedBy.push(...(await sign(client, who)));
      }
    } else if (task.action === 'sign') {
      log.signedBy.push(...(await sign(client, who)));
    }

    const body = reason ? { outcome, reason } : { outcome };
    const res = await client.request('POST', gov(`/cases/${correction.caseId}/tasks/${task.id}/complete`), body);
    if (res.statusCode !== 200) throw new Error(`step ${task.stepNo} by ${who}: ${res.statusCode} ${res.body}`);
    log.steps.push({ stepNo: task.stepNo, action: task.action, outcome, by: who });
    last = who;
    correction = await get();
  }
  throw new Error('the correction did not finish in 60 steps');

  async function correct(client: Client, c: Correction, proposals: number) {
    const live = c.items.filter((i) => i.status !== 'withdrawn');
    for (const item of live.filter((i) => i.status === 'returned')) {
      await ok(
        client.request('POST', gov(`/corrections/${c.id}/items/${item.id}/evidence`), {
          evidence: { kind: 'text', text: `Bukti dukung dilengkapi: ${item.returnReason ?? ''}`.trim() },
        }),
        'evidence',
      );
      const fresh = (await get()).items.find((i) => i.id === item.id)!;
      await ok(
        client.request('PATCH', gov(`/corrections/${c.id}/items/${item.id}`), {
          reason: `${item.reason}; bukti dukung dilengkapi`,
          baseRevision: fresh.revision,
        }),
        'revise',
      );
    }
    if (live.length > 0) return;
    for (const v of await lockedValuesInScope(db, c, proposals)) {
      await ok(
        client.request('POST', gov(`/corrections/${c.id}/items`), {
          valueId: v.id,
          // One less where it can (a percentage at 100 has no room above), else one more.
          actual: shifted(v.actual, Number(v.actual) >= 1 ? -1 : 1),
          ...REASON,
          evidence: [{ kind: 'text', text: 'Laporan sumber yang valid, halaman 2' }],
        }),
        'propose',
      );
    }
  }

  async function holdMeeting(client: Client, c: Correction, task: RunTask, holders: string[]) {
    const invitees = await db.query<{ id: string }>(
      `SELECT DISTINCT e.id FROM employees e JOIN position_assignments pa ON pa.employee_id = e.id
         JOIN positions p ON p.id = pa.position_id
        WHERE p.agency_id = $1 AND pa.starts_on <= current_date AND (pa.ends_on IS NULL OR pa.ends_on >= current_date)
          AND e.id NOT IN (SELECT employee_id FROM users WHERE username = ANY($2) AND employee_id IS NOT NULL)
        ORDER BY e.id LIMIT 3`,
      [c.agencyId, holders],
    );
    const created = await ok(
      client.request('POST', gov(`/corrections/${c.id}/meetings`), {
        taskId: task.id,
        startsAt: '2026-12-07T01:00:00.000Z',
        endsAt: '2026-12-07T03:00:00.000Z',
        place: 'Ruang Rapat',
        agenda: `Pembahasan perbaikan data kinerja: ${c.subject}`,
        invitees: invitees.map((e) => e.id),
      }),
      'meeting',
    );
    const meeting = created.json().meetings.find((m) => m.taskId === task.id)!;
    await ok(
      client.request('PATCH', gov(`/corrections/${c.id}/meetings/${meeting.id}`), {
        attendance: meeting.participants.map((p) => ({ employeeId: p.employeeId, present: true })),
        minutes: 'Usulan perbaikan dibahas satu per satu bersama bukti dukungnya.',
        decisions: 'Data kinerja yang final ditetapkan sesuai usulan perbaikan.',
        expectedUpdatedAt: meeting.updatedAt,
      }),
      'minutes',
    );
    // A rapat held once items exist fixes the final data.
    const live = (await get()).items.filter((i) => i.status !== 'withdrawn');
    if (live.length > 0) {
      await ok(
        client.request('POST', gov(`/corrections/${c.id}/decisions`), {
          decisions: live.map((i) => ({ itemId: i.id, decision: 'approve' })),
        }),
        'the rapat fixes the data',
      );
    }
  }

  /** Prepares the document as the step's holder, then each signer signs in turn. */
  async function sign(client: Client, who: string): Promise<string[]> {
    const signed: string[] = [];
    let c = await get();
    if (!c.document || c.document.status === 'cancelled') {
      c = (await ok(client.request('POST', gov(`/corrections/${c.id}/document`), {}), `prepare by ${who}`)).json();
    }
    for (const signer of c.document!.signers) {
      if (signer.signedAt) continue;
      const [user] = await db.query<{ username: string }>(
        'SELECT username FROM users WHERE employee_id = $1 AND active ORDER BY username LIMIT 1',
        [signer.employeeId],
      );
      if (!user) throw new Error(`no login for the signer ${signer.name}`);
      const signerClient = await as(user.username);
      const mine = await signerClient.request('GET', gov('/signing-certificates/mine'));
      if (mine.statusCode !== 200 || !mine.json()?.certificate) {
        await ok(signerClient.request('POST', gov('/signing-certificates/mine'), { passphrase }), 'enrol');
      }
      await ok(
        signerClient.request('POST', gov(`/corrections/${c.id}/sign`), { passphrase }),
        `sign by ${user.username}`,
      );
      signed.push(user.username);
    }
    return signed;
  }

  /** A call that must succeed; what the correction routes answer is the correction. */
  async function ok(p: Promise<{ statusCode: number; body: string; json(): unknown }>, what: string) {
    const res = await p;
    if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
    return { statusCode: res.statusCode, json: () => res.json() as Correction };
  }
}

/** A decimal figure moved by a whole number, keeping its decimals (no binary fractions). */
export function shifted(actual: string, by: number): string {
  const decimals = actual.split('.')[1]?.length ?? 0;
  return (Number(actual) + by).toFixed(decimals);
}

interface SopDoc {
  steps: { no: number; action: string; signature?: boolean; paraf?: boolean }[];
}

async function sopDocumentOf(db: Database, caseId: string): Promise<SopDoc> {
  const [row] = await db.query<{ document: SopDoc }>(
    'SELECT v.document FROM cases c JOIN sop_versions v ON v.id = c.sop_version_id WHERE c.id = $1',
    [caseId],
  );
  return row!.document;
}

async function adminOf(db: Database, as: (u: string) => Promise<Client>, gov: (p?: string) => string) {
  const governmentId = gov('').split('/')[3]!;
  const [row] = await db.query<{ username: string }>(
    "SELECT username FROM users WHERE government_id = $1 AND role = 'gov_admin' ORDER BY username LIMIT 1",
    [governmentId],
  );
  return as(row!.username);
}

/** Demo logins of whoever holds one of the positions today (definitive or acting). */
export async function holdersOf(db: Database, positionIds: string[]): Promise<string[]> {
  const rows = await db.query<{ username: string }>(
    `SELECT DISTINCT u.username FROM position_assignments pa
       JOIN users u ON u.employee_id = pa.employee_id AND u.active
      WHERE pa.position_id = ANY($1::uuid[]) AND pa.starts_on <= current_date
        AND (pa.ends_on IS NULL OR pa.ends_on >= current_date)
      ORDER BY u.username`,
    [positionIds],
  );
  return rows.map((r) => r.username);
}

/** Locked values of agreement indicators inside the correction's scope. */
export async function lockedValuesInScope(
  db: Database,
  c: Pick<Correction, 'periods' | 'unitIds' | 'indicatorIds'>,
  limit: number,
): Promise<{ id: string; actual: string; version: number; unitId: string | null }[]> {
  return db.query(
    `SELECT v.id, v.actual::text AS actual, v.version_no AS version, v.unit_id AS "unitId"
       FROM collection_values v JOIN collection_periods p ON p.id = v.period_id AND p.status = 'locked'
      WHERE v.period_id = ANY($1::uuid[]) AND v.indicator_id IS NOT NULL
        AND (cardinality($2::uuid[]) = 0 OR v.unit_id = ANY($2::uuid[]))
        AND (cardinality($3::uuid[]) = 0 OR v.indicator_id = ANY($3::uuid[]))
      ORDER BY v.unit_id NULLS FIRST, v.indicator_id LIMIT $4`,
    [c.periods.map((p) => p.id), c.unitIds, c.indicatorIds, limit],
  );
}
