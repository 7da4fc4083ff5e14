import { formatPersonName } from '@sidakin/core';
import type { Database, Tx } from '../../db/database.js';
import { sopsDir } from '../../env.js';
import { systemContext } from '../../http/context.js';
import type { FileStore } from '../../storage/file-store.js';
import { recordAudit } from '../audit/audit.service.js';
import { hashPassword } from '../auth/password.js';
import {
  addTeamMemberTx,
  assignPositionTx,
  insertAgencyTx,
  insertEmployeeTx,
  insertGovernmentTx,
  insertPositionTx,
  insertTeamTx,
  insertUnitTx,
} from '../org/org.service.js';
import { importSopTx, readSopFiles } from '../sops/sops.service.js';
import { insertUserTx } from '../users/users.service.js';
import { loadDemoCollection } from './collection-demo.js';
import { type DemoGovernment, demoData } from './demo-data.js';
import { loadDemoNumbering } from './numbering-demo.js';
import { loadDemoPlans } from './plans-demo.js';

export const DEMO_PASSWORD = 'sidakin-demo';
export const DEMO_ADMIN = 'admin';

/** The date definitive demo holders took office. */
const DEMO_APPOINTED_ON = '2024-01-02';

export interface DemoLoadResult {
  governmentsCreated: string[];
  governmentsSkipped: string[];
  users: number;
  sops: number;
  adminCreated: boolean;
}

/** True when nothing has been set up yet: no government and no account. */
export async function isEmpty(db: Database): Promise<boolean> {
  const rows = await db.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM governments)::int + (SELECT count(*) FROM users)::int AS n',
  );
  return (rows[0]?.n ?? 0) === 0;
}

/**
 * Loads the demo organisation. Governments that already exist (by code) are left alone, so the
 * command can be run again safely; each government is loaded in one transaction with its audit records.
 */
export async function loadDemo(
  db: Database,
  data: DemoGovernment[] = demoData,
  opts: {
    /** Tests that need only the organisation and its SOPs leave the plans out (they take a while). */
    plans?: boolean;
    /** Where evidence documents go; without it the demo's evidence is text and links only. */
    files?: FileStore;
  } = {},
): Promise<DemoLoadResult> {
  const ctx = systemContext('sidakin demo');
  const result: DemoLoadResult = {
    governmentsCreated: [],
    governmentsSkipped: [],
    users: 0,
    sops: 0,
    adminCreated: false,
  };
  // Hash outside the transactions (argon2 is deliberately slow); the native pool runs them in parallel.
  const hashFor = async () => hashPassword(DEMO_PASSWORD);

  const adminExists = await db.query('SELECT 1 FROM users WHERE lower(username) = $1', [DEMO_ADMIN]);
  if (adminExists.length === 0) {
    const hash = await hashFor();
    await db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string }>(
        `INSERT INTO users (government_id, username, display_name, role, password_hash)
         VALUES (NULL, $1, 'Administrator Sistem', 'system_admin', $2) RETURNING id`,
        [DEMO_ADMIN, hash],
      );
      await recordAudit(tx, ctx, {
        governmentId: null,
        action: 'user.create',
        entityType: 'user',
        entityId: rows[0]!.id,
        after: { username: DEMO_ADMIN, role: 'system_admin' },
      });
    });
    result.adminCreated = true;
    result.users++;
  }

  for (const gov of data) {
    const exists = await db.query('SELECT 1 FROM governments WHERE code = $1', [gov.code]);
    if (exists.length > 0) {
      result.governmentsSkipped.push(gov.code);
      continue;
    }
    const logins = [
      gov.adminUsername,
      ...gov.agencies.flatMap((a) => a.positions.filter((p) => p.username && p.holder).map((p) => p.username!)),
    ];
    const hashes = await Promise.all(logins.map(hashFor));
    const hashOf = new Map(logins.map((l, i) => [l, hashes[i]!]));
    const sops = readSopFiles(sopsDir).filter((f) => f.doc.agency.government === gov.code);
    await db.transaction(async (tx) => {
      const governmentId = await loadGovernment(tx, gov, hashOf);
      // The seed agencies' SOPs, as drafts to be approved and made effective in the system.
      for (const s of sops) await importSopTx(tx, systemContext('sidakin demo'), governmentId, s.source, s.doc);
      await loadDemoNumbering(tx, governmentId, gov.code);
      if (opts.plans !== false) {
        await loadDemoPlans(tx, governmentId, gov.code);
        await loadDemoCollection(tx, governmentId, { files: opts.files });
      }
    });
    result.sops += sops.length;
    result.governmentsCreated.push(gov.code);
    result.users += logins.length;
  }
  return result;
}

async function loadGovernment(tx: Tx, gov: DemoGovernment, hashOf: Map<string, string>): Promise<string> {
  const ctx = systemContext('sidakin demo');
  const g = await insertGovernmentTx(tx, ctx, {
    code: gov.code,
    name: gov.name,
    kind: gov.kind,
    region: gov.region,
    province: gov.province,
    timeZone: gov.timeZone,
    address: gov.address,
    letterheadLines: gov.letterhead.lines,
    requireAdminTotp: false,
  });
  await insertUserTx(
    tx,
    ctx,
    g.id,
    { username: gov.adminUsername, displayName: `Admin ${gov.name}`, role: 'gov_admin', employeeId: null },
    hashOf.get(gov.adminUsername)!,
    false,
  );

  for (const agency of gov.agencies) {
    const a = await insertAgencyTx(tx, ctx, g.id, {
      code: agency.code,
      name: agency.name,
      shortName: agency.shortName,
      kind: agency.kind,
      address: agency.address,
    });
    // Parents first: insert in passes until every unit is placed.
    const unitIds = new Map<string, string>();
    let pending = agency.units.map((u, i) => ({ u, i }));
    while (pending.length > 0) {
      const ready = pending.filter(({ u }) => !u.parent || unitIds.has(u.parent));
      if (ready.length === 0) throw new Error(`Demo units of ${agency.code} have a missing parent`);
      for (const { u, i } of ready) {
        const created = await insertUnitTx(tx, ctx, g.id, {
          agencyId: a.id,
          parentId: u.parent ? unitIds.get(u.parent)! : null,
          code: u.code,
          name: u.name,
          kind: u.kind,
          sortOrder: i * 10,
        });
        unitIds.set(u.code, created.id);
      }
      pending = pending.filter((p) => !ready.includes(p));
    }

    const positionIds = new Map<string, string>();
    const employeeByNip = new Map<string, string>();
    for (const [i, p] of agency.positions.entries()) {
      const pos = await insertPositionTx(tx, ctx, g.id, {
        agencyId: a.id,
        unitId: p.unit ? unitIds.get(p.unit)! : null,
        code: p.code,
        name: p.name,
        kind: p.kind,
        sortOrder: i * 10,
      });
      positionIds.set(p.code, pos.id);
      if (!p.holder) continue;
      const e = await insertEmployeeTx(tx, ctx, g.id, {
        agencyId: a.id,
        nip: p.holder.nip,
        name: p.holder.name,
        frontTitle: p.holder.frontTitle,
        backTitle: p.holder.backTitle,
        rank: p.holder.rank,
        grade: p.holder.grade,
      });
      employeeByNip.set(e.nip, e.id);
      await assignPositionTx(tx, ctx, g.id, pos.id, {
        employeeId: e.id,
        kind: 'definitive',
        startsOn: DEMO_APPOINTED_ON,
      });
      if (p.username) {
        await insertUserTx(
          tx,
          ctx,
          g.id,
          {
            username: p.username,
            displayName: formatPersonName({
              name: p.holder.name,
              frontTitle: p.holder.frontTitle,
              backTitle: p.holder.backTitle,
            }),
            role: 'member',
            employeeId: e.id,
          },
          hashOf.get(p.username)!,
          false,
        );
      }
    }
    for (const p of agency.positions) {
      if (!p.acting) continue;
      const employeeId = employeeByNip.get(p.acting.employeeNip.replace(/ /g, ''));
      if (!employeeId)
        throw new Error(`Demo acting official ${p.acting.employeeNip} is not an employee of ${agency.code}`);
      await assignPositionTx(tx, ctx, g.id, positionIds.get(p.code)!, {
        employeeId,
        kind: p.acting.kind,
        startsOn: p.acting.startsOn,
        endsOn: p.acting.endsOn,
        decreeNumber: p.acting.decreeNumber,
      });
    }
    for (const team of agency.teams) {
      const t = await insertTeamTx(tx, ctx, g.id, {
        agencyId: a.id,
        code: team.code,
        name: team.name,
        description: team.description,
      });
      for (const m of team.members) {
        await addTeamMemberTx(tx, ctx, g.id, t.id, { role: m.role, positionId: positionIds.get(m.position)! });
      }
    }
  }
  return g.id;
}

export interface DemoLogin {
  username: string;
  government: string;
  agency: string;
  position: string;
  role: 'system_admin' | 'gov_admin' | 'member';
  acting: string | null;
}

/** Every demo login with what it is for, in the order of the demo data (for the README and docs). */
export function demoLogins(data: DemoGovernment[] = demoData): DemoLogin[] {
  const out: DemoLogin[] = [
    {
      username: DEMO_ADMIN,
      government: '—',
      agency: '—',
      position: 'Administrator Sistem',
      role: 'system_admin',
      acting: null,
    },
  ];
  for (const g of data) {
    out.push({
      username: g.adminUsername,
      government: g.name,
      agency: '—',
      position: 'Admin Pemerintah Daerah',
      role: 'gov_admin',
      acting: null,
    });
    for (const a of g.agencies) {
      for (const p of a.positions) {
        if (!p.username || !p.holder) continue;
        const actingIn = a.positions.find((q) => q.acting?.employeeNip === p.holder?.nip);
        out.push({
          username: p.username,
          government: g.name,
          agency: a.name,
          position: p.name,
          role: 'member',
          acting: actingIn ? `${actingIn.acting!.kind.toUpperCase()} ${actingIn.name}` : null,
        });
      }
    }
  }
  return out;
}

/** The logins as a Markdown table. */
export function demoLoginsMarkdown(): string {
  const rows = demoLogins().map(
    (l) =>
      `| \`${l.username}\` | ${l.government} | ${l.agency} | ${l.position}${l.acting ? ` (juga ${l.acting})` : ''} |`,
  );
  return [
    '# Demo logins',
    '',
    `Every demo account uses the password \`${DEMO_PASSWORD}\`. The people are fictional; agency names and SOPs come from the seed documents.`,
    'Generated from `apps/server/src/modules/demo/demo-data.ts` by `npm run sidakin -- demo --list > docs/demo-logins.md`.',
    '',
    '| username | government | agency | position |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
