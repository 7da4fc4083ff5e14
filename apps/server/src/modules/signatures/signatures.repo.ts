import type { IndonesianTimeZone } from '@sidakin/core';
import type { Queryable, Tx } from '../../db/database.js';

// ── the government's certificate authority ──────────────────────────────────────────────────
export interface AuthorityRow {
  id: string;
  government_id: string;
  subject: string;
  serial_number: string;
  certificate: Uint8Array;
  fingerprint_sha256: string;
  sealed_private_key: string;
  not_before: Date;
  not_after: Date;
  created_at: Date;
}

/** Serialises the creation of a government's authority between concurrent first uses. */
export async function lockAuthorityCreation(tx: Tx, governmentId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('signing-authority:' || $1))`, [governmentId]);
}

export async function activeAuthority(db: Queryable, governmentId: string): Promise<AuthorityRow | null> {
  const rows = await db.query<AuthorityRow>('SELECT * FROM signing_authorities WHERE government_id = $1 AND active', [
    governmentId,
  ]);
  return rows[0] ?? null;
}

export async function getAuthority(db: Queryable, governmentId: string, id: string): Promise<AuthorityRow | null> {
  const rows = await db.query<AuthorityRow>('SELECT * FROM signing_authorities WHERE government_id = $1 AND id = $2', [
    governmentId,
    id,
  ]);
  return rows[0] ?? null;
}

export async function insertAuthority(
  tx: Tx,
  a: {
    id: string;
    governmentId: string;
    subject: string;
    serialNumber: string;
    certificate: Buffer;
    fingerprint: string;
    sealedKey: string;
    notBefore: Date;
    notAfter: Date;
  },
): Promise<AuthorityRow> {
  const rows = await tx.query<AuthorityRow>(
    `INSERT INTO signing_authorities (id, government_id, subject, serial_number, certificate, fingerprint_sha256,
       sealed_private_key, not_before, not_after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [
      a.id,
      a.governmentId,
      a.subject,
      a.serialNumber,
      a.certificate,
      a.fingerprint,
      a.sealedKey,
      a.notBefore,
      a.notAfter,
    ],
  );
  return rows[0]!;
}

export async function governmentInfo(
  db: Queryable,
  governmentId: string,
): Promise<{ name: string; code: string; region: string; time_zone: string } | null> {
  const rows = await db.query<{ name: string; code: string; region: string; time_zone: string }>(
    'SELECT name, code, region, time_zone FROM governments WHERE id = $1',
    [governmentId],
  );
  return rows[0] ?? null;
}

// ── signers' certificates ───────────────────────────────────────────────────────────────────
export interface CertificateRow {
  id: string;
  government_id: string;
  authority_id: string;
  employee_id: string;
  employee_name: string;
  front_title: string;
  back_title: string;
  nip: string;
  agency_name: string | null;
  serial_number: string;
  subject: string;
  certificate: Uint8Array;
  fingerprint_sha256: string;
  private_key: string;
  status: 'active' | 'revoked' | 'superseded';
  not_before: Date;
  not_after: Date;
  revoked_at: Date | null;
  revoked_by_name: string | null;
  revocation_reason: string;
  failed_attempts: number;
  locked_until: Date | null;
  issuer: string;
  created_at: Date;
}

const certificateSelect = `c.*, e.name AS employee_name, e.front_title, e.back_title, e.nip, ag.name AS agency_name,
  ru.display_name AS revoked_by_name, sa.subject AS issuer
  FROM signer_certificates c
  JOIN employees e ON e.id = c.employee_id
  LEFT JOIN agencies ag ON ag.id = e.agency_id
  LEFT JOIN users ru ON ru.id = c.revoked_by_user_id
  JOIN signing_authorities sa ON sa.id = c.authority_id`;

export async function getCertificate(
  db: Queryable,
  governmentId: string,
  id: string,
  forUpdate = false,
): Promise<CertificateRow | null> {
  if (forUpdate) {
    await db.query('SELECT 1 FROM signer_certificates WHERE government_id = $1 AND id = $2 FOR UPDATE', [
      governmentId,
      id,
    ]);
  }
  const rows = await db.query<CertificateRow>(`SELECT ${certificateSelect} WHERE c.government_id = $1 AND c.id = $2`, [
    governmentId,
    id,
  ]);
  return rows[0] ?? null;
}

/** The certificate in force of a person, locked for the transaction when asked. */
export async function activeCertificateOf(
  db: Queryable,
  governmentId: string,
  employeeId: string,
  forUpdate = false,
): Promise<CertificateRow | null> {
  if (forUpdate) {
    await db.query(
      `SELECT 1 FROM signer_certificates WHERE government_id = $1 AND employee_id = $2 AND status = 'active' FOR UPDATE`,
      [governmentId, employeeId],
    );
  }
  const rows = await db.query<CertificateRow>(
    `SELECT ${certificateSelect} WHERE c.government_id = $1 AND c.employee_id = $2 AND c.status = 'active'`,
    [governmentId, employeeId],
  );
  return rows[0] ?? null;
}

export async function certificatesOf(
  db: Queryable,
  governmentId: string,
  employeeId: string,
): Promise<CertificateRow[]> {
  return db.query<CertificateRow>(
    `SELECT ${certificateSelect} WHERE c.government_id = $1 AND c.employee_id = $2 ORDER BY c.created_at DESC`,
    [governmentId, employeeId],
  );
}

export async function listCertificates(
  db: Queryable,
  governmentId: string,
  q: { q?: string | undefined; status: string; page: number; pageSize: number },
): Promise<{ rows: CertificateRow[]; total: number }> {
  const where = ['c.government_id = $1'];
  const params: unknown[] = [governmentId];
  if (q.q) {
    params.push(`%${q.q.toLowerCase()}%`);
    where.push(
      `(lower(e.name) LIKE $${params.length} OR e.nip LIKE $${params.length} OR c.serial_number LIKE $${params.length})`,
    );
  }
  if (q.status === 'expired') where.push(`c.status = 'active' AND c.not_after < now()`);
  else if (q.status === 'active') where.push(`c.status = 'active' AND c.not_after >= now()`);
  else if (q.status !== 'all') {
    params.push(q.status);
    where.push(`c.status = $${params.length}`);
  }
  const clause = where.join(' AND ');
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM signer_certificates c JOIN employees e ON e.id = c.employee_id WHERE ${clause}`,
    params,
  );
  params.push(q.pageSize, (q.page - 1) * q.pageSize);
  const rows = await db.query<CertificateRow>(
    `SELECT ${certificateSelect} WHERE ${clause} ORDER BY c.created_at DESC, c.id
      LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows, total: total[0]?.n ?? 0 };
}

export async function insertCertificate(
  tx: Tx,
  c: {
    id: string;
    governmentId: string;
    authorityId: string;
    employeeId: string;
    serialNumber: string;
    subject: string;
    certificate: Buffer;
    fingerprint: string;
    privateKey: string;
    notBefore: Date;
    notAfter: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO signer_certificates (id, government_id, authority_id, employee_id, serial_number, subject, certificate,
       fingerprint_sha256, private_key, not_before, not_after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      c.id,
      c.governmentId,
      c.authorityId,
      c.employeeId,
      c.serialNumber,
      c.subject,
      c.certificate,
      c.fingerprint,
      c.privateKey,
      c.notBefore,
      c.notAfter,
    ],
  );
}

export async function setPrivateKey(tx: Tx, id: string, privateKey: string): Promise<void> {
  await tx.query(
    'UPDATE signer_certificates SET private_key = $2, failed_attempts = 0, locked_until = NULL, updated_at = now() WHERE id = $1',
    [id, privateKey],
  );
}

export async function revokeCertificate(tx: Tx, id: string, userId: string | null, reason: string): Promise<void> {
  await tx.query(
    `UPDATE signer_certificates SET status = 'revoked', revoked_at = now(), revoked_by_user_id = $2,
       revocation_reason = $3, updated_at = now() WHERE id = $1`,
    [id, userId, reason],
  );
}

export async function supersedeCertificate(tx: Tx, id: string): Promise<void> {
  await tx.query(`UPDATE signer_certificates SET status = 'superseded', updated_at = now() WHERE id = $1`, [id]);
}

export async function resetFailures(tx: Tx, id: string): Promise<void> {
  await tx.query(
    'UPDATE signer_certificates SET failed_attempts = 0, locked_until = NULL WHERE id = $1 AND failed_attempts > 0',
    [id],
  );
}

/** Counts a wrong passphrase; at `limit` the key locks until `lockMinutes` from now and the count starts again. */
export async function countFailure(
  tx: Tx,
  id: string,
  limit: number,
  lockMinutes: number,
): Promise<{ failed_attempts: number; locked_until: Date | null }> {
  const rows = await tx.query<{ failed_attempts: number; locked_until: Date | null }>(
    `UPDATE signer_certificates
        SET failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
            locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
      WHERE id = $1 RETURNING failed_attempts, locked_until`,
    [id, limit, lockMinutes],
  );
  return rows[0]!;
}

// ── documents to be signed ──────────────────────────────────────────────────────────────────
export interface DocumentRow {
  id: string;
  government_id: string;
  agency_id: string;
  agency_name: string;
  kind: string;
  kind_label: string;
  number: string;
  title: string;
  document_date: string;
  verification_code: string;
  status: 'awaiting' | 'signed' | 'cancelled';
  original_file_id: string;
  original_name: string;
  original_sha256: string;
  original_size: number;
  current_file_id: string;
  current_name: string;
  current_sha256: string;
  current_size: number;
  final_sha256: string | null;
  case_id: string | null;
  link_kind: string | null;
  link_id: string | null;
  agenda_entry_id: string | null;
  created_at: Date;
  signed_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string;
}

const documentSelect = `d.*, ag.name AS agency_name,
  fo.name AS original_name, fo.sha256 AS original_sha256, fo.size AS original_size,
  fc.name AS current_name, fc.sha256 AS current_sha256, fc.size AS current_size
  FROM signed_documents d
  JOIN agencies ag ON ag.id = d.agency_id
  JOIN files fo ON fo.government_id = d.government_id AND fo.id = d.original_file_id
  JOIN files fc ON fc.government_id = d.government_id AND fc.id = d.current_file_id`;

export async function insertDocument(
  tx: Tx,
  d: {
    governmentId: string;
    agencyId: string;
    kind: string;
    kindLabel: string;
    number: string;
    title: string;
    documentDate: string;
    code: string;
    fileId: string;
    caseId: string | null;
    link: { kind: string; id: string } | null;
    agendaEntryId: string | null;
    userId: string | null;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO signed_documents (government_id, agency_id, kind, kind_label, number, title, document_date,
       verification_code, original_file_id, current_file_id, case_id, link_kind, link_id, agenda_entry_id,
       created_by_user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      d.governmentId,
      d.agencyId,
      d.kind,
      d.kindLabel,
      d.number,
      d.title,
      d.documentDate,
      d.code,
      d.fileId,
      d.caseId,
      d.link?.kind ?? null,
      d.link?.id ?? null,
      d.agendaEntryId,
      d.userId,
    ],
  );
  return rows[0]!.id;
}

export async function insertSigner(
  tx: Tx,
  s: { documentId: string; governmentId: string; seq: number; positionId: string; positionName: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO signed_document_signers (document_id, government_id, seq, position_id, position_name)
     VALUES ($1, $2, $3, $4, $5)`,
    [s.documentId, s.governmentId, s.seq, s.positionId, s.positionName],
  );
}

export async function codeTaken(db: Queryable, code: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM signed_documents WHERE verification_code = $1', [code])).length > 0;
}

export async function getDocument(
  db: Queryable,
  governmentId: string,
  id: string,
  forUpdate = false,
): Promise<DocumentRow | null> {
  if (forUpdate) {
    await db.query('SELECT 1 FROM signed_documents WHERE government_id = $1 AND id = $2 FOR UPDATE', [
      governmentId,
      id,
    ]);
  }
  const rows = await db.query<DocumentRow>(`SELECT ${documentSelect} WHERE d.government_id = $1 AND d.id = $2`, [
    governmentId,
    id,
  ]);
  return rows[0] ?? null;
}

export async function documentByCode(
  db: Queryable,
  code: string,
): Promise<(DocumentRow & { government_name: string; time_zone: IndonesianTimeZone }) | null> {
  const rows = await db.query<DocumentRow & { government_name: string; time_zone: IndonesianTimeZone }>(
    `SELECT ${documentSelect.replace('FROM signed_documents d', ', g.name AS government_name, g.time_zone FROM signed_documents d JOIN governments g ON g.id = d.government_id')}
      WHERE d.verification_code = $1`,
    [code],
  );
  return rows[0] ?? null;
}

export async function listDocuments(
  db: Queryable,
  governmentId: string,
  q: {
    q?: string | undefined;
    status: string;
    agencyId?: string | undefined;
    positionIds?: string[] | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ rows: DocumentRow[]; total: number }> {
  const where = ['d.government_id = $1'];
  const params: unknown[] = [governmentId];
  if (q.q) {
    params.push(`%${q.q.toLowerCase()}%`);
    where.push(`(lower(d.title) LIKE $${params.length} OR lower(d.number) LIKE $${params.length})`);
  }
  if (q.status !== 'all') {
    params.push(q.status);
    where.push(`d.status = $${params.length}`);
  }
  if (q.agencyId) {
    params.push(q.agencyId);
    where.push(`d.agency_id = $${params.length}`);
  }
  if (q.positionIds) {
    // Waiting for one of these positions now: the first unsigned signer is one of them.
    params.push(q.positionIds);
    where.push(`d.status = 'awaiting' AND (
      SELECT s.position_id FROM signed_document_signers s
       WHERE s.document_id = d.id AND s.signed_at IS NULL ORDER BY s.seq LIMIT 1) = ANY($${params.length}::uuid[])`);
  }
  const clause = where.join(' AND ');
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM signed_documents d WHERE ${clause}`,
    params,
  );
  params.push(q.pageSize, (q.page - 1) * q.pageSize);
  const rows = await db.query<DocumentRow>(
    `SELECT ${documentSelect} WHERE ${clause} ORDER BY d.created_at DESC, d.id
      LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows, total: total[0]?.n ?? 0 };
}

export interface SignerRow {
  document_id: string;
  seq: number;
  position_id: string;
  position_name: string;
  signed_at: Date | null;
  signer_employee_id: string | null;
  signer_name: string | null;
  acting: 'definitive' | 'plt' | 'plh' | null;
  certificate_serial: string | null;
  file_id: string | null;
  file_sha256: string | null;
}

export async function signersOf(db: Queryable, documentIds: string[]): Promise<SignerRow[]> {
  if (documentIds.length === 0) return [];
  return db.query<SignerRow>(
    `SELECT s.document_id, s.seq, s.position_id, s.position_name, s.signed_at, s.signer_employee_id, s.signer_name,
            s.acting, s.certificate_serial, s.file_id, f.sha256 AS file_sha256
       FROM signed_document_signers s
       LEFT JOIN files f ON f.government_id = s.government_id AND f.id = s.file_id
      WHERE s.document_id = ANY($1::uuid[])
      ORDER BY s.document_id, s.seq`,
    [documentIds],
  );
}

export async function recordSignature(
  tx: Tx,
  s: {
    documentId: string;
    seq: number;
    employeeId: string;
    userId: string;
    name: string;
    acting: 'definitive' | 'plt' | 'plh';
    certificateId: string | null;
    certificateSerial: string;
    fileId: string;
  },
): Promise<void> {
  await tx.query(
    `UPDATE signed_document_signers
        SET signed_at = now(), signer_employee_id = $3, signer_user_id = $4, signer_name = $5, acting = $6,
            certificate_id = $7, certificate_serial = $8, file_id = $9
      WHERE document_id = $1 AND seq = $2 AND signed_at IS NULL`,
    [s.documentId, s.seq, s.employeeId, s.userId, s.name, s.acting, s.certificateId, s.certificateSerial, s.fileId],
  );
}

export async function advanceDocument(tx: Tx, id: string, fileId: string, finalSha256: string | null): Promise<void> {
  await tx.query(
    `UPDATE signed_documents
        SET current_file_id = $2, updated_at = now(),
            status = CASE WHEN $3::text IS NULL THEN status ELSE 'signed' END,
            final_sha256 = $3, signed_at = CASE WHEN $3::text IS NULL THEN NULL ELSE now() END
      WHERE id = $1`,
    [id, fileId, finalSha256],
  );
}

export async function cancelDocument(tx: Tx, id: string, reason: string): Promise<void> {
  await tx.query(
    `UPDATE signed_documents SET status = 'cancelled', cancelled_at = now(), cancel_reason = $2, updated_at = now()
      WHERE id = $1`,
    [id, reason],
  );
}

/** Every file a document has been (original and after each signature), with the signatures each carries. */
export async function documentVersions(
  db: Queryable,
  documentId: string,
): Promise<{ sha256: string; signatures: number }[]> {
  return db.query<{ sha256: string; signatures: number }>(
    `SELECT fo.sha256, 0 AS signatures
       FROM signed_documents d JOIN files fo ON fo.government_id = d.government_id AND fo.id = d.original_file_id
      WHERE d.id = $1
     UNION ALL
     SELECT f.sha256, s.seq AS signatures
       FROM signed_document_signers s JOIN files f ON f.government_id = s.government_id AND f.id = s.file_id
      WHERE s.document_id = $1`,
    [documentId],
  );
}
