import { createHash } from 'node:crypto';
import { type FileInfo, maxUploadBytes, type TaskAttachment } from '@sidakin/core';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { authorize } from '../../http/access.js';
import type { RequestContext } from '../../http/context.js';
import type { FileStore } from '../../storage/file-store.js';
import { recordAudit } from '../audit/audit.service.js';
import { cleanFileName, detectUploadType } from './content-type.js';
import * as repo from './files.repo.js';

export function presentFile(f: repo.FileRow): FileInfo {
  return {
    id: f.id,
    name: f.name,
    mediaType: f.media_type,
    size: f.size,
    sha256: f.sha256,
    source: f.source,
    createdAt: new Date(f.created_at).toISOString(),
  };
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Stores an upload after checking its size and its real type; on record in the audit trail. */
export async function uploadFile(opts: {
  db: Database;
  files: FileStore;
  ctx: RequestContext;
  governmentId: string;
  fileName: string;
  bytes: Uint8Array;
}): Promise<FileInfo> {
  const actor = authorize(opts.ctx.actor, 'files.upload', opts.governmentId);
  if (opts.bytes.length > maxUploadBytes) throw new AppError('FILE_TOO_LARGE');
  if (opts.bytes.length === 0) throw new AppError('FILE_MISSING');
  const name = cleanFileName(opts.fileName);
  const mediaType = await detectUploadType(opts.bytes, name);
  if (!mediaType) throw new AppError('FILE_TYPE_REFUSED');
  const sha256 = sha256Hex(opts.bytes);
  // The bytes first: a record never points at bytes that are not there. Bytes without a record
  // (the transaction failed) are harmless and stored once whatever happens.
  await opts.files.put(sha256, opts.bytes);
  return opts.db.transaction(async (tx) => {
    const row = await repo.insertFile(tx, {
      governmentId: opts.governmentId,
      name,
      mediaType,
      sha256,
      source: 'upload',
      size: opts.bytes.length,
      userId: actor.userId,
    });
    const info = presentFile(row);
    await recordAudit(tx, opts.ctx, {
      governmentId: opts.governmentId,
      action: 'file.upload',
      entityType: 'file',
      entityId: row.id,
      after: { name: info.name, mediaType: info.mediaType, size: info.size, sha256: info.sha256 },
    });
    return info;
  });
}

/** Stores a document the system produced (a PDF, a workbook); the caller records the audit. */
export async function storeSystemFile(
  db: Queryable,
  files: FileStore,
  f: { governmentId: string; name: string; mediaType: string; bytes: Uint8Array; userId: string | null },
): Promise<FileInfo> {
  const sha256 = sha256Hex(f.bytes);
  await files.put(sha256, f.bytes);
  const row = await repo.insertFile(db, {
    governmentId: f.governmentId,
    name: cleanFileName(f.name),
    mediaType: f.mediaType,
    sha256,
    source: 'system',
    size: f.bytes.length,
    userId: f.userId,
  });
  return presentFile(row);
}

export async function downloadFile(opts: {
  db: Database;
  files: FileStore;
  ctx: RequestContext;
  governmentId: string;
  id: string;
}) {
  authorize(opts.ctx.actor, 'files.read', opts.governmentId);
  const row = await repo.getFile(opts.db, opts.governmentId, opts.id);
  if (!row) throw notFound();
  const content = await opts.files.get(row.sha256);
  if (!content) throw notFound();
  return { info: presentFile(row), content };
}

export async function getFileInfo(opts: { db: Database; ctx: RequestContext; governmentId: string; id: string }) {
  authorize(opts.ctx.actor, 'files.read', opts.governmentId);
  const row = await repo.getFile(opts.db, opts.governmentId, opts.id);
  if (!row) throw notFound();
  return presentFile(row);
}

/**
 * Names files as the outputs of a task being completed. Each must be an upload of the person
 * completing it (or a document the system produced), not yet the output of another step, and an
 * `output` label must be one the step prints. Errors name the attachment that is wrong.
 */
export async function attachToTask(
  tx: Queryable,
  opts: {
    governmentId: string;
    taskId: string;
    userId: string;
    stepOutputs: string[];
    items: { fileId: string; output: string }[];
  },
): Promise<TaskAttachment[]> {
  const { items } = opts;
  if (items.length === 0) return [];
  const ids = items.map((i) => i.fileId);
  const rows = new Map((await repo.getFiles(tx, opts.governmentId, ids)).map((r) => [r.id, r]));
  const taken = new Set(await repo.attachedFileIds(tx, ids));
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    const row = rows.get(item.fileId);
    const at = `body.attachments.${i}`;
    if (!row || (row.source === 'upload' && row.uploaded_by_user_id !== opts.userId)) {
      throw invalidField(`${at}.fileId`, {
        id: 'Berkas tidak ditemukan di antara unggahan Anda',
        en: 'No such file among your uploads',
      });
    }
    if (taken.has(item.fileId) || seen.has(item.fileId)) {
      throw invalidField(`${at}.fileId`, {
        id: 'Berkas ini sudah menjadi keluaran langkah lain',
        en: 'This file is already the output of another step',
      });
    }
    seen.add(item.fileId);
    if (item.output && !opts.stepOutputs.includes(item.output)) {
      throw invalidField(`${at}.output`, {
        id: `Keluaran langkah ini: ${opts.stepOutputs.join('; ') || '—'}`,
        en: `This step's outputs: ${opts.stepOutputs.join('; ') || '—'}`,
      });
    }
  }
  await repo.attach(tx, opts.governmentId, opts.taskId, items);
  return items.map((item) => {
    const row = rows.get(item.fileId)!;
    return {
      fileId: row.id,
      name: row.name,
      mediaType: row.media_type,
      size: row.size,
      sha256: row.sha256,
      output: item.output,
    };
  });
}
