import type { Correction } from '@sidakin/core';
import { strToU8, zipSync } from 'fflate';
import type { Database } from '../../db/database.js';
import { authorize, can } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import type { FileStore } from '../../storage/file-store.js';
import { safeText } from '../../xlsx/write.js';
import { getCase } from '../cases/cases.service.js';
import { loadCorrection } from '../corrections/corrections.service.js';
import * as repo from './archive.repo.js';

/**
 * A case's whole dossier as one zip: the step outputs, the signed documents (final files), the
 * evidence of a correction's items; its history as JSON and as CSV tables (tasks with outcomes and
 * reasons, correction items before → after, parafs); and the excerpt of the audit trail about the
 * case and everything it touched, each record with its chain, sequence and hashes, so anyone can
 * recompute them. Built in memory with fflate (files are at most 20 MB each).
 */

type Cell = string | number | null | undefined;

/** CSV for Excel: UTF-8 with BOM, `;`-free quoting, text a spreadsheet would run written as text. */
export function toCsv(header: string[], rows: Cell[][]): Uint8Array {
  const cell = (v: Cell) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'number' ? String(v) : safeText(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [header, ...rows].map((r) => r.map(cell).join(','));
  return strToU8(`\ufeff${lines.join('\r\n')}\r\n`);
}

/** A file name safe in a zip on every system: no folders, no control or reserved characters. */
function safeName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const clean = name.replace(/[\u0000-\u001f<>:"/\\|?*]/g, '-').trim();
  return clean.slice(0, 150) || 'berkas';
}

function uniqueIn(used: Set<string>, path: string): string {
  if (!used.has(path)) {
    used.add(path);
    return path;
  }
  const dot = path.lastIndexOf('.');
  const [stem, ext] = dot > path.lastIndexOf('/') ? [path.slice(0, dot), path.slice(dot)] : [path, ''];
  for (let i = 2; ; i++) {
    const p = `${stem} (${i})${ext}`;
    if (!used.has(p)) {
      used.add(p);
      return p;
    }
  }
}

const roleFolders: Record<string, string> = {
  'step-output': 'dokumen',
  'signed-document': 'dokumen-ditandatangani',
  evidence: 'bukti-dukung',
};

const outcomeNames: Record<string, string> = { done: 'selesai', ya: 'ya', tidak: 'tidak' };
const taskStatusNames: Record<string, string> = { open: 'terbuka', done: 'selesai', cancelled: 'dibatalkan' };
const caseStatusNames: Record<string, string> = { open: 'berjalan', completed: 'selesai', cancelled: 'dibatalkan' };

export async function caseDossier(opts: {
  db: Database;
  ctx: RequestContext;
  files: FileStore;
  governmentId: string;
  caseId: string;
}): Promise<{ bytes: Buffer; fileName: string }> {
  authorize(opts.ctx.actor, 'archive.read', opts.governmentId);
  const { db, governmentId, caseId } = opts;
  const c = await getCase({ db, ctx: opts.ctx, governmentId, id: caseId });
  const correction: Correction | null =
    c.link?.kind === 'correction' ? await loadCorrection(db, governmentId, c.link.id) : null;
  const entries: Record<string, Uint8Array> = {};
  const used = new Set<string>();
  const manifest: { path: string; role: string; stepNo: number | null; sha256: string; size: number }[] = [];

  // The files, checked against their hashes by the store as they are read.
  const seen = new Set<string>();
  for (const f of await repo.caseFiles(db, governmentId, caseId)) {
    const key = `${f.role}:${f.file_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const bytes = await opts.files.get(f.sha256);
    if (!bytes) throw new Error(`file ${f.file_id} of case ${caseId} is missing from the file store`);
    const folder =
      f.role === 'step-output' && f.step_no !== null
        ? `${roleFolders[f.role]}/langkah-${String(f.step_no).padStart(2, '0')}`
        : roleFolders[f.role];
    const path = uniqueIn(used, `${folder}/${safeName(f.name)}`);
    entries[path] = new Uint8Array(bytes);
    manifest.push({ path, role: f.role, stepNo: f.step_no, sha256: f.sha256, size: f.size });
  }

  // The history.
  const tasks = [...c.tasks].sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  entries['riwayat/riwayat-kasus.csv'] = toCsv(
    [
      'Langkah',
      'Putaran',
      'Status',
      'Dibuka',
      'Batas waktu',
      'Selesai',
      'Oleh',
      'Jabatan',
      'Keputusan',
      'Alasan',
      'Catatan',
      'Berkas keluaran',
    ],
    tasks.map((t) => [
      t.stepNo,
      t.round,
      taskStatusNames[t.status] ?? t.status,
      t.openedAt,
      t.dueAt,
      t.completedAt,
      t.completedByName,
      t.completedByPositionName,
      t.outcome ? (outcomeNames[t.outcome] ?? t.outcome) : '',
      t.reason,
      t.comment,
      t.attachments.map((a) => a.name).join('; '),
    ]),
  );
  if (correction) {
    entries['riwayat/perbaikan-data.csv'] = toCsv(
      [
        'Periode',
        'Pemilik',
        'Kode',
        'Indikator',
        'Satuan',
        'Versi dasar',
        'Realisasi semula',
        'Realisasi usulan',
        'Anggaran semula',
        'Anggaran usulan',
        'Alasan',
        'Akar masalah',
        'Menghilangkan penyebab',
        'Tindakan',
        'Status',
        'Versi hasil',
        'Diterapkan',
      ],
      correction.items.map((i) => [
        i.periodLabel,
        i.ownerName,
        i.indicatorCode,
        i.indicatorName,
        i.unitOfMeasure,
        i.baseVersion,
        i.baseActual,
        i.proposedActual,
        i.baseBudgetSpent,
        i.proposedBudgetSpent,
        i.reason,
        i.rootCause,
        i.removesCause ? 'ya' : 'tidak',
        i.causeAction,
        i.status,
        i.appliedVersion,
        i.appliedAt,
      ]),
    );
    entries['riwayat/perbaikan-riwayat-usulan.csv'] = toCsv(
      ['Indikator', 'Pemilik', 'Waktu', 'Langkah', 'Tindakan', 'Revisi', 'Alasan', 'Oleh', 'Jabatan'],
      correction.items.flatMap((i) =>
        i.events.map((e) => [
          i.indicatorName,
          i.ownerName,
          e.at,
          e.stepNo,
          e.action,
          e.revision,
          e.reason,
          e.actorName,
          e.actorPositionName,
        ]),
      ),
    );
    entries['riwayat/paraf.csv'] = toCsv(
      ['Langkah', 'Nama', 'NIP', 'Jabatan', 'Sebagai', 'Waktu'],
      correction.parafs.map((p) => [p.stepNo, p.name, p.nip, p.positionTitle, p.acting, p.at]),
    );
  }
  entries['riwayat/riwayat.json'] = strToU8(JSON.stringify({ case: c, correction, files: manifest }, null, 2));

  // The audit excerpt, with what it takes to check it — for those who may read the audit trail
  // (its records carry addresses and browsers of everyone who acted, which the hashes cover).
  const withAudit = can(opts.ctx.actor, 'audit.read', governmentId);
  const ids = withAudit ? await repo.caseEntityIds(db, caseId) : [];
  const audit = withAudit ? await repo.auditOf(db, governmentId, ids) : [];
  if (withAudit) {
    entries['audit/audit.json'] = strToU8(
      JSON.stringify(
        {
          description:
            'Kutipan jejak audit kasus ini dan semua yang disentuhnya. Setiap catatan: hash = SHA-256 atas JSON kanonik RFC 8785 dari {chain, seq, governmentId, at, actorUserId, actorName, actorPositionId, actorPositionName, action, entityType, entityId, before, after, ip, userAgent, prevHash}. Rantai lengkap diperiksa dengan "sidakin audit verify".',
          records: audit.map((r) => ({
            id: r.id,
            chain: r.chain,
            seq: r.seq,
            governmentId: r.government_id,
            at: new Date(r.at).toISOString(),
            actorUserId: r.actor_user_id,
            actorName: r.actor_name,
            actorPositionId: r.actor_position_id,
            actorPositionName: r.actor_position_name,
            action: r.action,
            entityType: r.entity_type,
            entityId: r.entity_id,
            before: r.before ?? null,
            after: r.after ?? null,
            ip: r.ip,
            userAgent: r.user_agent,
            prevHash: r.prev_hash,
            hash: r.hash,
          })),
        },
        null,
        2,
      ),
    );
    entries['audit/audit.csv'] = toCsv(
      ['Urutan', 'Waktu', 'Oleh', 'Jabatan', 'Tindakan', 'Jenis', 'Id', 'Hash sebelumnya', 'Hash'],
      audit.map((r) => [
        r.seq,
        new Date(r.at).toISOString(),
        r.actor_name,
        r.actor_position_name,
        r.action,
        r.entity_type,
        r.entity_id,
        r.prev_hash,
        r.hash,
      ]),
    );
  }

  const lines = [
    `BERKAS KASUS #${c.number}`,
    `${c.sopTitle} (versi ${c.sopVersion})`,
    `Perihal: ${c.subject}`,
    `Perangkat daerah: ${c.agencyName}`,
    `Periode: ${c.period || '-'}`,
    `Status: ${caseStatusNames[c.status] ?? c.status}; dimulai ${c.startedAt}; ditutup ${c.closedAt ?? '-'}`,
    `Disusun: ${new Date().toISOString()} oleh ${opts.ctx.actor?.displayName ?? '-'}`,
    '',
    'Isi:',
    ...manifest.map((m) => `  ${m.path}  (${m.size} bita, SHA-256 ${m.sha256})`),
    ...Object.keys(entries)
      .filter((p) => p.startsWith('riwayat/') || p.startsWith('audit/'))
      .map((p) => `  ${p}`),
    '',
    withAudit
      ? `Jejak audit: ${audit.length} catatan (audit/audit.json) dengan hash berantai.`
      : 'Jejak audit: kutipannya disertakan hanya bagi yang berhak membaca jejak audit (administrator, pemeriksa).',
  ];
  entries['00-daftar-isi.txt'] = strToU8(`${lines.join('\r\n')}\r\n`);
  const bytes = Buffer.from(zipSync(entries, { level: 6 }));
  return { bytes, fileName: `Berkas Kasus ${c.number} ${safeName(c.subject).slice(0, 60)}.zip` };
}
