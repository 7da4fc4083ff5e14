import type { Queryable } from '../../db/database.js';

export interface FileRow {
  id: string;
  government_id: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  source: 'upload' | 'system';
  uploaded_by_user_id: string | null;
  created_at: Date | string;
}

const columns = 'id, government_id, name, media_type, size, sha256, source, uploaded_by_user_id, created_at';

export async function insertFile(
  db: Queryable,
  f: {
    governmentId: string;
    name: string;
    mediaType: string;
    sha256: string;
    source: 'upload' | 'system';
    size: number;
    userId: string | null;
  },
): Promise<FileRow> {
  const rows = await db.query<FileRow>(
    `INSERT INTO files (government_id, name, media_type, size, sha256, source, uploaded_by_user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
    [f.governmentId, f.name, f.mediaType, f.size, f.sha256, f.source, f.userId],
  );
  return rows[0]!;
}

export async function getFile(db: Queryable, governmentId: string, id: string): Promise<FileRow | null> {
  const rows = await db.query<FileRow>(`SELECT ${columns} FROM files WHERE government_id = $1 AND id = $2`, [
    governmentId,
    id,
  ]);
  return rows[0] ?? null;
}

export async function getFiles(db: Queryable, governmentId: string, ids: string[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  return db.query<FileRow>(`SELECT ${columns} FROM files WHERE government_id = $1 AND id = ANY($2::uuid[])`, [
    governmentId,
    ids,
  ]);
}

/** Files already named as the output of some step (a file is the output of one step only). */
export async function attachedFileIds(db: Queryable, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<{ file_id: string }>(
    'SELECT file_id FROM case_task_attachments WHERE file_id = ANY($1::uuid[])',
    [ids],
  );
  return rows.map((r) => r.file_id);
}

export async function attach(
  db: Queryable,
  governmentId: string,
  taskId: string,
  items: { fileId: string; output: string }[],
): Promise<void> {
  for (const [i, item] of items.entries()) {
    await db.query(
      'INSERT INTO case_task_attachments (task_id, government_id, file_id, output, position) VALUES ($1, $2, $3, $4, $5)',
      [taskId, governmentId, item.fileId, item.output, i],
    );
  }
}

export interface AttachmentRow {
  task_id: string;
  file_id: string;
  output: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
}

export async function attachmentsOfCase(db: Queryable, caseId: string): Promise<AttachmentRow[]> {
  return db.query<AttachmentRow>(
    `SELECT a.task_id, a.file_id, a.output, f.name, f.media_type, f.size, f.sha256
       FROM case_task_attachments a
       JOIN case_tasks t ON t.id = a.task_id
       JOIN files f ON f.government_id = a.government_id AND f.id = a.file_id
      WHERE t.case_id = $1
      ORDER BY a.task_id, a.position`,
    [caseId],
  );
}
