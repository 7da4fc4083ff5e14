import type { ArchiveListQuery } from '@sidakin/core';
import type { Queryable, Tx } from '../../db/database.js';

export interface EntryRow {
  id: string;
  government_id: string;
  agency_id: string;
  agency_name: string;
  source: 'document' | 'case';
  kind: string;
  kind_label: string;
  number: string;
  title: string;
  year: number | null;
  period: string;
  document_date: string | null;
  retention_class: string;
  retention_years: number | null;
  retain_until: string | null;
  signed_document_id: string | null;
  verification_code: string | null;
  case_id: string | null;
  case_number: number | null;
  file_id: string | null;
  archived_at: Date;
  archived_by_name: string;
}

const select = `
  SELECT e.id, e.government_id, e.agency_id, a.name AS agency_name, e.source, e.kind, e.kind_label, e.number,
         e.title, e.year, e.period, e.document_date, e.retention_class, e.retention_years, e.retain_until,
         e.signed_document_id, d.verification_code, e.case_id, c.number AS case_number, e.file_id,
         e.archived_at, e.archived_by_name
    FROM archive_entries e
    JOIN agencies a ON a.id = e.agency_id
    LEFT JOIN signed_documents d ON d.id = e.signed_document_id
    LEFT JOIN cases c ON c.id = e.case_id`;

export interface NewEntry {
  governmentId: string;
  agencyId: string;
  source: 'document' | 'case';
  kind: string;
  kindLabel: string;
  number: string;
  title: string;
  year: number | null;
  period: string;
  documentDate: string | null;
  retentionClass: string;
  retentionYears: number | null;
  retainUntil: string | null;
  signedDocumentId: string | null;
  caseId: string | null;
  fileId: string | null;
  searchText: string;
  userId: string | null;
  userName: string;
}

export async function insertEntry(tx: Tx, e: NewEntry): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO archive_entries (government_id, agency_id, source, kind, kind_label, number, title, year, period,
        document_date, retention_class, retention_years, retain_until, signed_document_id, case_id, file_id,
        search_text, archived_by_user_id, archived_by_name)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19) RETURNING id`,
    [
      e.governmentId,
      e.agencyId,
      e.source,
      e.kind,
      e.kindLabel,
      e.number,
      e.title,
      e.year,
      e.period,
      e.documentDate,
      e.retentionClass,
      e.retentionYears,
      e.retainUntil,
      e.signedDocumentId,
      e.caseId,
      e.fileId,
      e.searchText,
      e.userId,
      e.userName,
    ],
  );
  return rows[0]!.id;
}

export async function entryExists(db: Queryable, source: 'document' | 'case', id: string): Promise<boolean> {
  const rows = await db.query(
    source === 'document'
      ? `SELECT 1 FROM archive_entries WHERE source = 'document' AND signed_document_id = $1`
      : `SELECT 1 FROM archive_entries WHERE source = 'case' AND case_id = $1::uuid`,
    [id],
  );
  return rows.length > 0;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export async function listEntries(
  db: Queryable,
  governmentId: string,
  q: ArchiveListQuery,
): Promise<{ rows: EntryRow[]; total: number }> {
  const where = ['e.government_id = $1'];
  const params: unknown[] = [governmentId];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (q.agencyId) add('e.agency_id = ?', q.agencyId);
  if (q.source) add('e.source = ?', q.source);
  if (q.kind) add('e.kind = ?', q.kind);
  if (q.year) add('e.year = ?', q.year);
  if (q.period) add(`e.period ILIKE ? ESCAPE '\\'`, `%${likeEscape(q.period)}%`);
  if (q.number) add(`e.number ILIKE ? ESCAPE '\\'`, `%${likeEscape(q.number)}%`);
  // Every word of the free text must occur (in any order) in what the entry is found by.
  for (const word of (q.q ?? '').split(/\s+/).filter(Boolean).slice(0, 10)) {
    add(`e.search_text ILIKE ? ESCAPE '\\'`, `%${likeEscape(word)}%`);
  }
  const filter = where.join(' AND ');
  const total = (
    await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM archive_entries e WHERE ${filter}`, params)
  )[0]!.n;
  const rows = await db.query<EntryRow>(
    `${select} WHERE ${filter} ORDER BY e.archived_at DESC, e.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    params,
  );
  return { rows, total };
}

export async function kindsOf(db: Queryable, governmentId: string) {
  return db.query<{ kind: string; kind_label: string; count: number }>(
    `SELECT kind, min(kind_label) AS kind_label, count(*)::int AS count FROM archive_entries
      WHERE government_id = $1 GROUP BY kind ORDER BY min(kind_label)`,
    [governmentId],
  );
}

// ── what an entry is made of ──
export interface DocumentFacts {
  id: string;
  agency_id: string;
  agency_name: string;
  kind: string;
  kind_label: string;
  number: string;
  title: string;
  document_date: string;
  verification_code: string;
  current_file_id: string;
  case_id: string | null;
  signers: string | null;
}

export async function documentFacts(tx: Queryable, governmentId: string, id: string) {
  const rows = await tx.query<DocumentFacts>(
    `SELECT d.id, d.agency_id, a.name AS agency_name, d.kind, d.kind_label, d.number, d.title, d.document_date,
            d.verification_code, d.current_file_id, d.case_id,
            (SELECT string_agg(s.position_name || ' ' || coalesce(s.signer_name, ''), '; ' ORDER BY s.seq)
               FROM signed_document_signers s WHERE s.document_id = d.id) AS signers
       FROM signed_documents d JOIN agencies a ON a.id = d.agency_id
      WHERE d.government_id = $1 AND d.id = $2`,
    [governmentId, id],
  );
  return rows[0];
}

export interface CaseFacts {
  id: string;
  agency_id: string;
  agency_name: string;
  number: number;
  subject: string;
  period: string;
  started_at: Date;
  closed_at: Date | null;
  sop_title: string;
  sop_number: string;
  link_kind: string | null;
  /** From the case's subject: a collection period's label or a correction's periods' labels. */
  link_year: number | null;
  link_period: string | null;
  documents: string | null;
  people: string | null;
}

export async function caseFacts(tx: Queryable, governmentId: string, caseId: string) {
  const rows = await tx.query<CaseFacts>(
    `SELECT c.id, c.agency_id, a.name AS agency_name, c.number, c.subject, c.period, c.started_at, c.closed_at,
            coalesce(v.document->>'title', '') AS sop_title,
            coalesce(v.document->'identity'->>'number', '') AS sop_number,
            c.link_kind,
            coalesce(cp.year, cr.year) AS link_year,
            coalesce(cp.label,
              (SELECT string_agg(p.label, ', ' ORDER BY p.period) FROM collection_periods p
                WHERE p.id = ANY(cr.period_ids))) AS link_period,
            (SELECT string_agg(d.number || ' ' || d.title, '; ') FROM signed_documents d
              WHERE d.case_id = c.id AND d.status = 'signed') AS documents,
            (SELECT string_agg(DISTINCT ev.actor_name, '; ') FROM case_events ev WHERE ev.case_id = c.id) AS people
       FROM cases c
       JOIN agencies a ON a.id = c.agency_id
       JOIN sop_versions v ON v.id = c.sop_version_id
       LEFT JOIN collection_periods cp ON c.link_kind = 'collection_period' AND cp.id = c.link_id
       LEFT JOIN corrections cr ON c.link_kind = 'correction' AND cr.id = c.link_id
      WHERE c.government_id = $1 AND c.id = $2`,
    [governmentId, caseId],
  );
  return rows[0];
}

// ── the backfill ──
export async function unarchivedDocuments(db: Queryable) {
  return db.query<{ id: string; government_id: string; user_id: string | null; name: string | null }>(
    `SELECT d.id, d.government_id, s.signer_user_id AS user_id, s.signer_name AS name
       FROM signed_documents d
       LEFT JOIN LATERAL (SELECT signer_user_id, signer_name FROM signed_document_signers x
                           WHERE x.document_id = d.id ORDER BY x.seq DESC LIMIT 1) s ON true
      WHERE d.status = 'signed'
        AND NOT EXISTS (SELECT 1 FROM archive_entries e WHERE e.source = 'document' AND e.signed_document_id = d.id)
      ORDER BY d.signed_at`,
  );
}

export async function unarchivedCases(db: Queryable) {
  return db.query<{ id: string; government_id: string; sop_kind: string; user_id: string | null; name: string | null }>(
    `SELECT c.id, c.government_id, coalesce(v.document->>'kind', 'general') AS sop_kind, t.user_id, t.name
       FROM cases c
       JOIN sop_versions v ON v.id = c.sop_version_id
       LEFT JOIN LATERAL (SELECT ct.completed_by_user_id AS user_id, u.display_name AS name FROM case_tasks ct
                            LEFT JOIN users u ON u.id = ct.completed_by_user_id
                           WHERE ct.case_id = c.id AND ct.status = 'done'
                           ORDER BY ct.completed_at DESC LIMIT 1) t ON true
      WHERE c.status = 'completed'
        AND NOT EXISTS (SELECT 1 FROM archive_entries e WHERE e.source = 'case' AND e.case_id = c.id)
      ORDER BY c.closed_at`,
  );
}

// ── the dossier ──
export interface DossierFile {
  file_id: string;
  name: string;
  media_type: string;
  sha256: string;
  size: number;
  role: string;
  step_no: number | null;
}

/** Every file of a case: step outputs, the signed documents (final files), correction evidence and meetings. */
export async function caseFiles(db: Queryable, governmentId: string, caseId: string): Promise<DossierFile[]> {
  return db.query<DossierFile>(
    `SELECT f.id AS file_id, f.name, f.media_type, f.sha256, f.size, x.role, x.step_no FROM (
        SELECT ta.file_id, 'step-output' AS role, t.step_no, t.opened_at AS at
          FROM case_task_attachments ta JOIN case_tasks t ON t.id = ta.task_id WHERE t.case_id = $2
        UNION ALL
        SELECT d.current_file_id, 'signed-document', NULL, d.created_at FROM signed_documents d
         WHERE d.case_id = $2 AND d.status = 'signed'
        UNION ALL
        SELECT ev.file_id, 'evidence', NULL, ev.created_at FROM correction_item_evidence ev
          JOIN correction_items i ON i.id = ev.item_id JOIN corrections c ON c.id = i.correction_id
         WHERE c.case_id = $2 AND ev.file_id IS NOT NULL
      ) x JOIN files f ON f.id = x.file_id AND f.government_id = $1
      ORDER BY x.at, f.name`,
    [governmentId, caseId],
  );
}

/** The ids of everything a case touched, for its audit excerpt. */
export async function caseEntityIds(db: Queryable, caseId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT $1::text AS id
     UNION SELECT id::text FROM corrections WHERE case_id = $1::uuid
     UNION SELECT id::text FROM signed_documents WHERE case_id = $1::uuid
     UNION SELECT agenda_entry_id::text FROM signed_documents WHERE case_id = $1::uuid AND agenda_entry_id IS NOT NULL
     UNION SELECT value_id::text FROM collection_value_versions WHERE case_id = $1::uuid
     UNION SELECT m.id::text FROM correction_meetings m JOIN corrections c ON c.id = m.correction_id WHERE c.case_id = $1::uuid
     UNION SELECT i.id::text FROM correction_items i JOIN corrections c ON c.id = i.correction_id WHERE c.case_id = $1::uuid
     UNION SELECT e.id::text FROM archive_entries e WHERE e.case_id = $1::uuid`,
    [caseId],
  );
  return rows.map((r) => r.id);
}

export interface AuditExcerptRow {
  id: number;
  chain: string;
  seq: number;
  government_id: string | null;
  at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_position_id: string | null;
  actor_position_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
}

export async function auditOf(db: Queryable, governmentId: string, entityIds: string[]): Promise<AuditExcerptRow[]> {
  return db.query<AuditExcerptRow>(
    `SELECT * FROM audit_log WHERE government_id = $1 AND entity_id = ANY($2::text[]) ORDER BY chain, seq`,
    [governmentId, entityIds],
  );
}
