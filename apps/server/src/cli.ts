import fs from 'node:fs';
import { sopJsonSchema, validateSopText } from '@sidakin/core';
import { Command, Option } from 'commander';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { loadConfig, migrationsDir } from './env.js';
import { systemContext } from './http/context.js';
import { recordAudit, verifyAuditChains } from './modules/audit/audit.service.js';
import { hashPassword } from './modules/auth/password.js';
import { demoLoginsMarkdown, loadDemo } from './modules/demo/demo.service.js';
import { renderSopPdf } from './modules/sops/sop-pdf.js';
import { importSopTx } from './modules/sops/sops.service.js';
import { startServer } from './server.js';
import { DiskFileStore } from './storage/file-store.js';

async function withDb<T>(
  fn: (db: Awaited<ReturnType<typeof openDatabase>>, config: ReturnType<typeof loadConfig>) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db, migrationsDir);
    return await fn(db, config);
  } finally {
    await db.close();
  }
}

const program = new Command()
  .name('sidakin')
  .description(
    'SIDAKIN — Sistem Informasi Data Kinerja.\nStorage: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite under DATA_DIR (default ./data).',
  )
  .showHelpAfterError();

program
  .command('serve')
  .description('Start the HTTP server (web app and API) on PORT (default 3000) and HOST')
  .action(async () => {
    const server = await startServer(loadConfig());
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('Apply pending SQL migrations from migrations/')
  .action(async () => {
    await withDb(async (db) => {
      const r = await migrate(db, migrationsDir);
      console.log(r.applied.length ? `Applied: ${r.applied.join(', ')}` : 'Nothing to apply');
      console.log(`Already applied: ${r.alreadyApplied}`);
    });
  });

program
  .command('demo')
  .description(
    'Load the demo governments, agencies, people and logins (password sidakin-demo); existing governments are skipped',
  )
  .option('--list', 'only print the demo logins as a Markdown table (no database needed)')
  .action(async (opts: { list?: boolean }) => {
    if (opts.list) {
      process.stdout.write(demoLoginsMarkdown());
      return;
    }
    await withDb(async (db, config) => {
      // The evidence documents go where the server reads files from.
      const r = await loadDemo(db, undefined, { files: new DiskFileStore(config.filesDir) });
      console.log(`Governments loaded: ${r.governmentsCreated.join(', ') || '(none)'}`);
      if (r.governmentsSkipped.length) console.log(`Already present, skipped: ${r.governmentsSkipped.join(', ')}`);
      console.log(`Accounts created: ${r.users}${r.adminCreated ? ' (including admin)' : ''}`);
    });
  });

program
  .command('create-admin')
  .description('Create a system administrator account')
  .requiredOption('-u, --username <username>', 'login name')
  .addOption(
    new Option('-p, --password <password>', 'password (at least 10 characters)')
      .env('SIDAKIN_ADMIN_PASSWORD')
      .makeOptionMandatory(),
  )
  .option('-n, --name <name>', 'display name', 'Administrator Sistem')
  .action(async (opts: { username: string; password: string; name: string }) => {
    if (opts.password.length < 10) {
      console.error('The password must be at least 10 characters.');
      process.exitCode = 2;
      return;
    }
    if (!/^[a-z0-9][a-z0-9._-]{2,59}$/.test(opts.username)) {
      console.error('The username may hold lower-case letters, digits, dots, underscores and hyphens (3–60).');
      process.exitCode = 2;
      return;
    }
    await withDb(async (db) => {
      const taken = await db.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [opts.username]);
      if (taken.length) {
        console.error(`The username "${opts.username}" is taken.`);
        process.exitCode = 1;
        return;
      }
      const hash = await hashPassword(opts.password);
      await db.transaction(async (tx) => {
        const rows = await tx.query<{ id: string }>(
          `INSERT INTO users (government_id, username, display_name, role, password_hash) VALUES (NULL, $1, $2, 'system_admin', $3) RETURNING id`,
          [opts.username, opts.name, hash],
        );
        await recordAudit(tx, systemContext('sidakin create-admin'), {
          governmentId: null,
          action: 'user.create',
          entityType: 'user',
          entityId: rows[0]!.id,
          after: { username: opts.username, role: 'system_admin' },
        });
      });
      console.log(`System administrator "${opts.username}" created.`);
    });
  });

const sop = program.command('sop').description('SOP documents (YAML or JSON in the PermenPANRB 35/2012 shape)');
sop
  .command('validate')
  .description('Check an SOP document; exit 0 when valid, otherwise list every error with its path and exit 1')
  .argument('<file...>', 'one or more .yaml or .json files')
  .action((files: string[]) => {
    let failed = 0;
    for (const file of files) {
      let source: string;
      try {
        source = fs.readFileSync(file, 'utf8');
      } catch {
        console.error(`${file}: cannot be read`);
        failed++;
        continue;
      }
      const r = validateSopText(source);
      if (r.ok) {
        console.log(
          `${file}: valid — "${r.value.title}", ${r.value.steps.length} steps, ${Object.keys(r.value.lanes).length} lanes`,
        );
      } else {
        failed++;
        console.error(`${file}: ${r.errors.length} error(s)`);
        for (const e of r.errors) console.error(`  ${e.path}: ${e.message}`);
      }
    }
    if (failed) process.exitCode = 1;
  });
sop
  .command('import')
  .description('Import SOP documents into the agency each one names (a changed document becomes a new draft version)')
  .argument('<file...>', 'one or more .yaml or .json files')
  .action(async (files: string[]) => {
    await withDb(async (db) => {
      for (const file of files) {
        const source = fs.readFileSync(file, 'utf8');
        const r = validateSopText(source);
        if (!r.ok) {
          console.error(`${file}: ${r.errors.length} error(s)`);
          for (const e of r.errors) console.error(`  ${e.path}: ${e.message}`);
          process.exitCode = 1;
          continue;
        }
        const gov = await db.query<{ id: string }>('SELECT id FROM governments WHERE code = $1', [
          r.value.agency.government,
        ]);
        if (!gov[0]) {
          console.error(`${file}: agency.government: government "${r.value.agency.government}" does not exist`);
          process.exitCode = 1;
          continue;
        }
        try {
          const out = await db.transaction((tx) =>
            importSopTx(tx, systemContext('sidakin sop import'), gov[0]!.id, source, r.value),
          );
          console.log(
            out.created
              ? `${file}: imported as version ${out.sop.latestVersion.version} (${out.sop.latestVersion.status})`
              : `${file}: unchanged (version ${out.sop.latestVersion.version})`,
          );
        } catch (e) {
          const details = (e as { details?: { path: string; message: string | { en: string } }[] }).details ?? [];
          console.error(`${file}: not imported`);
          for (const d of details)
            console.error(
              `  ${d.path.replace(/^body\.source\./, '')}: ${typeof d.message === 'string' ? d.message : d.message.en}`,
            );
          process.exitCode = 1;
        }
      }
    });
  });
sop
  .command('pdf')
  .description(
    'Render an SOP file as its official document (PDF, A4 landscape) without importing it, e.g. to proof-read an encoding',
  )
  .argument('<file>', 'a .yaml or .json file')
  .requiredOption('-o, --out <pdf>', 'where to write the PDF')
  .action(async (file: string, opts: { out: string }) => {
    const r = validateSopText(fs.readFileSync(file, 'utf8'));
    if (!r.ok) {
      console.error(`${file}: ${r.errors.length} error(s)`);
      for (const e of r.errors) console.error(`  ${e.path}: ${e.message}`);
      process.exitCode = 1;
      return;
    }
    const bytes = await renderSopPdf({
      doc: r.value,
      version: {
        version: 0,
        status: 'draft',
        approvedByName: null,
        approvedByNip: null,
        approvedByPositionName: null,
        approvedActing: null,
        approvedOn: null,
        effectiveFrom: null,
      },
      letterhead: { lines: r.value.agency.header, address: '', contact: '', logo: null },
      printedAt: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    });
    fs.writeFileSync(opts.out, bytes);
    console.log(`${file}: ${opts.out} written (${bytes.length} bytes)`);
  });
sop
  .command('schema')
  .description('Print the SOP document format as JSON Schema')
  .action(() => {
    process.stdout.write(`${JSON.stringify(sopJsonSchema(), null, 2)}\n`);
  });

const audit = program.command('audit').description('Audit trail tools');
audit
  .command('verify')
  .description('Recompute every hash chain; report the first broken record and exit 1 if any')
  .action(async () => {
    await withDb(async (db) => {
      const r = await verifyAuditChains(db);
      if (r.ok) {
        console.log(`Audit trail intact: ${r.checked} records verified.`);
      } else {
        const b = r.firstBroken!;
        console.error(
          `Audit trail BROKEN at record id ${b.id} (sequence ${b.seq}): ${b.reason}. ${r.checked} records checked.`,
        );
        process.exitCode = 1;
      }
    });
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
