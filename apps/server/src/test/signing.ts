import type { Database } from '../db/database.js';
import { type RequestContext, systemContext } from '../http/context.js';
import { loadActor } from '../modules/auth/auth.service.js';
import { hashPassword } from '../modules/auth/password.js';
import { assignPositionTx, insertPositionTx } from '../modules/org/org.service.js';
import type { VerificationMark } from '../modules/signatures/signature-block.js';
import { renderSignableDocument } from '../modules/signatures/signature-block.js';
import { insertUserTx } from '../modules/users/users.service.js';
import { type Client, type GovernmentFixture, TEST_PASSWORD } from './fixture.js';

/**
 * Signers for a test government: the head of the agency gets an account (`<code>.kadis`), and
 * the staff member (the fixture's member account) acts as Plh of a new Sekretaris position that
 * has no definitive holder.
 */
export async function makeSigners(
  db: Database,
  g: GovernmentFixture,
): Promise<{ headUsername: string; secretaryPositionId: string }> {
  const ctx = systemContext('test');
  const hash = await hashPassword(TEST_PASSWORD);
  return db.transaction(async (tx) => {
    const head = await insertUserTx(
      tx,
      ctx,
      g.governmentId,
      { username: `${g.code}.kadis`, displayName: 'Budi Santoso', role: 'member', employeeId: g.headEmployeeId },
      hash,
      false,
    );
    const sec = await insertPositionTx(tx, ctx, g.governmentId, {
      agencyId: g.agencyId,
      code: 'sekdis',
      name: 'Sekretaris Dinas',
      kind: 'secretary',
    });
    await assignPositionTx(tx, ctx, g.governmentId, sec.id, {
      employeeId: g.staffEmployeeId,
      kind: 'plh',
      startsOn: '2024-01-02',
      endsOn: `${new Date().getFullYear() + 1}-12-31`,
      decreeNumber: '800/12/SK/2024',
    });
    return { headUsername: head.username, secretaryPositionId: sec.id };
  });
}

/** The request context of a signed-in client, for calling `…Tx` service functions as that person. */
export async function contextOf(db: Database, client: Client): Promise<RequestContext> {
  const token = client.cookie.replace(/^sidakin_session=/, '');
  const actor = await loadActor(db, token);
  if (!actor) throw new Error('the client is not signed in');
  return { actor, ip: '127.0.0.1', userAgent: 'test', locale: 'id' };
}

/** A small signable PDF (letterhead, paragraph, signature block with the QR code) for tests. */
export function renderTestDocument(mark: VerificationMark, signers: { position: string; name: string }[]) {
  return renderSignableDocument({
    letterhead: { lines: ['PEMERINTAH KABUPATEN UJI'], address: 'Jl. Uji No. 1', contact: '', logo: null },
    agencyName: 'Dinas Perdagangan',
    governmentName: 'Pemerintah Kabupaten Uji',
    title: 'Dokumen Perbaikan Data Kinerja',
    number: '050/1/Disdag/2026',
    paragraphs: ['Perbaikan data kinerja sebagaimana terlampir.'],
    place: 'Uji',
    date: '2 Januari 2026',
    signers,
    mark,
  });
}
