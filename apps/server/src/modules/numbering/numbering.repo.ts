import type { Queryable, Tx } from '../../db/database.js';

export interface PatternRow {
  id: string;
  government_id: string;
  agency_id: string;
  agency_name: string;
  kind: string;
  label: string;
  pattern: string;
  active: boolean;
  used_this_year: number;
  created_at: Date;
  updated_at: Date;
}

const patternSelect = (yearParam: string) => `p.*, a.name AS agency_name,
  COALESCE((SELECT c.last_sequence FROM numbering_counters c
             WHERE c.agency_id = p.agency_id AND c.kind = p.kind AND c.year = ${yearParam}), 0) AS used_this_year
  FROM numbering_patterns p JOIN agencies a ON a.id = p.agency_id`;

export async function listPatterns(
  db: Queryable,
  governmentId: string,
  year: number,
  agencyId?: string,
): Promise<PatternRow[]> {
  return db.query<PatternRow>(
    `SELECT ${patternSelect('$2')} WHERE p.government_id = $1 AND ($3::uuid IS NULL OR p.agency_id = $3)
      ORDER BY a.name, p.label`,
    [governmentId, year, agencyId ?? null],
  );
}

export async function getPattern(
  db: Queryable,
  governmentId: string,
  id: string,
  year: number,
): Promise<PatternRow | null> {
  const rows = await db.query<PatternRow>(`SELECT ${patternSelect('$3')} WHERE p.government_id = $1 AND p.id = $2`, [
    governmentId,
    id,
    year,
  ]);
  return rows[0] ?? null;
}

export async function patternFor(db: Queryable, agencyId: string, kind: string): Promise<PatternRow | null> {
  const rows = await db.query<PatternRow>(
    `SELECT ${patternSelect('0')} WHERE p.agency_id = $1 AND p.kind = $2 AND p.active`,
    [agencyId, kind],
  );
  return rows[0] ?? null;
}

export async function insertPattern(
  tx: Tx,
  p: { governmentId: string; agencyId: string; kind: string; label: string; pattern: string },
): Promise<string | null> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO numbering_patterns (government_id, agency_id, kind, label, pattern) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (agency_id, kind) DO NOTHING RETURNING id`,
    [p.governmentId, p.agencyId, p.kind, p.label, p.pattern],
  );
  return rows[0]?.id ?? null;
}

export async function updatePattern(
  tx: Tx,
  id: string,
  p: { label: string; pattern: string; active: boolean },
  expectedUpdatedAt: string | undefined,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE numbering_patterns SET label = $2, pattern = $3, active = $4, updated_at = now()
      WHERE id = $1 AND ($5::timestamptz IS NULL OR date_trunc('milliseconds', updated_at) = $5::timestamptz)
      RETURNING id`,
    [id, p.label, p.pattern, p.active, expectedUpdatedAt ?? null],
  );
  return rows.length > 0;
}

/**
 * The next running number of an agency's kind in a year. The upsert takes the counter row's lock
 * and holds it until the allocating transaction ends, so a concurrent allocation waits and then
 * sees this one's number; if the transaction rolls back, so does the count (no number was given).
 */
export async function nextSequence(
  tx: Tx,
  g: { governmentId: string; agencyId: string; kind: string; year: number },
): Promise<number> {
  const rows = await tx.query<{ last_sequence: number }>(
    `INSERT INTO numbering_counters (government_id, agency_id, kind, year, last_sequence) VALUES ($1, $2, $3, $4, 1)
     ON CONFLICT (agency_id, kind, year) DO UPDATE SET last_sequence = numbering_counters.last_sequence + 1
     RETURNING last_sequence`,
    [g.governmentId, g.agencyId, g.kind, g.year],
  );
  return rows[0]!.last_sequence;
}

export interface EntryRow {
  id: string;
  government_id: string;
  agency_id: string;
  agency_name: string;
  kind: string;
  kind_label: string;
  year: number;
  sequence: number;
  number: string;
  entry_date: string;
  subject: string;
  counterpart: string;
  note: string;
  link_kind: string | null;
  link_id: string | null;
  case_id: string | null;
  status: 'active' | 'void';
  void_reason: string;
  voided_at: Date | null;
  voided_by_name: string | null;
  created_by_name: string;
  created_by_position: string | null;
  created_at: Date;
}

const entrySelect = `e.*, a.name AS agency_name, vu.display_name AS voided_by_name
  FROM agenda_entries e JOIN agencies a ON a.id = e.agency_id LEFT JOIN users vu ON vu.id = e.voided_by_user_id`;

export async function insertEntry(
  tx: Tx,
  e: {
    governmentId: string;
    agencyId: string;
    kind: string;
    kindLabel: string;
    year: number;
    sequence: number;
    number: string;
    pattern: string;
    entryDate: string;
    subject: string;
    counterpart: string;
    note: string;
    link: { kind: string; id: string } | null;
    caseId: string | null;
    userId: string | null;
    userName: string;
    position: string | null;
  },
): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO agenda_entries (government_id, agency_id, kind, kind_label, year, sequence, number, pattern,
       entry_date, subject, counterpart, note, link_kind, link_id, case_id, created_by_user_id, created_by_name,
       created_by_position)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
    [
      e.governmentId,
      e.agencyId,
      e.kind,
      e.kindLabel,
      e.year,
      e.sequence,
      e.number,
      e.pattern,
      e.entryDate,
      e.subject,
      e.counterpart,
      e.note,
      e.link?.kind ?? null,
      e.link?.id ?? null,
      e.caseId,
      e.userId,
      e.userName,
      e.position,
    ],
  );
  return rows[0]!.id;
}

export async function getEntry(
  db: Queryable,
  governmentId: string,
  id: string,
  forUpdate = false,
): Promise<EntryRow | null> {
  if (forUpdate) {
    await db.query('SELECT 1 FROM agenda_entries WHERE government_id = $1 AND id = $2 FOR UPDATE', [governmentId, id]);
  }
  const rows = await db.query<EntryRow>(`SELECT ${entrySelect} WHERE e.government_id = $1 AND e.id = $2`, [
    governmentId,
    id,
  ]);
  return rows[0] ?? null;
}

export async function voidEntry(tx: Tx, id: string, userId: string | null, reason: string): Promise<void> {
  await tx.query(
    `UPDATE agenda_entries SET status = 'void', void_reason = $3, voided_at = now(), voided_by_user_id = $2
      WHERE id = $1 AND status = 'active'`,
    [id, userId, reason],
  );
}

export async function linkEntry(tx: Tx, id: string, link: { kind: string; id: string }): Promise<void> {
  await tx.query('UPDATE agenda_entries SET link_kind = $2, link_id = $3 WHERE id = $1', [id, link.kind, link.id]);
}

export interface EntryFilter {
  q?: string | undefined;
  agencyId?: string | undefined;
  kind?: string | undefined;
  year?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  status: string;
}

function entryWhere(governmentId: string, f: EntryFilter): { clause: string; params: unknown[] } {
  const where = ['e.government_id = $1'];
  const params: unknown[] = [governmentId];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (f.q) {
    add(
      (n) => `(lower(e.number) LIKE $${n} OR lower(e.subject) LIKE $${n} OR lower(e.counterpart) LIKE $${n})`,
      `%${f.q.toLowerCase()}%`,
    );
  }
  if (f.agencyId) add((n) => `e.agency_id = $${n}`, f.agencyId);
  if (f.kind) add((n) => `e.kind = $${n}`, f.kind);
  if (f.year) add((n) => `e.year = $${n}`, f.year);
  if (f.from) add((n) => `e.entry_date >= $${n}::date`, f.from);
  if (f.to) add((n) => `e.entry_date <= $${n}::date`, f.to);
  if (f.status !== 'all') add((n) => `e.status = $${n}`, f.status);
  return { clause: where.join(' AND '), params };
}

export async function listEntries(
  db: Queryable,
  governmentId: string,
  f: EntryFilter,
  page: { page: number; pageSize: number } | null,
): Promise<{ rows: EntryRow[]; total: number }> {
  const { clause, params } = entryWhere(governmentId, f);
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM agenda_entries e WHERE ${clause}`,
    params,
  );
  const order = 'ORDER BY e.entry_date DESC, e.created_at DESC, e.id';
  if (page) {
    params.push(page.pageSize, (page.page - 1) * page.pageSize);
    const rows = await db.query<EntryRow>(
      `SELECT ${entrySelect} WHERE ${clause} ${order} LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { rows, total: total[0]?.n ?? 0 };
  }
  const rows = await db.query<EntryRow>(`SELECT ${entrySelect} WHERE ${clause} ${order} LIMIT 20000`, params);
  return { rows, total: total[0]?.n ?? 0 };
}

/** Today in the government's own time zone. */
export async function governmentToday(db: Queryable, governmentId: string): Promise<string> {
  const rows = await db.query<{ today: string }>(
    `SELECT (now() AT TIME ZONE time_zone)::date AS today FROM governments WHERE id = $1`,
    [governmentId],
  );
  return rows[0]!.today;
}

export async function agencyOf(
  db: Queryable,
  governmentId: string,
  agencyId: string,
): Promise<{ id: string; name: string } | null> {
  const rows = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM agencies WHERE government_id = $1 AND id = $2',
    [governmentId, agencyId],
  );
  return rows[0] ?? null;
}
