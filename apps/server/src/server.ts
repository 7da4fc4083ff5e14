import { buildApp } from './app.js';
import { type Database, openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { type Config, migrationsDir } from './env.js';
import { backfillArchive } from './modules/archive/archive.service.js';
import { isEmpty, loadDemo } from './modules/demo/demo.service.js';
import { DiskFileStore } from './storage/file-store.js';

/** Opens storage, migrates, loads the demo into an empty embedded database, and listens. */
export async function startServer(config: Config): Promise<{ close: () => Promise<void>; url: string }> {
  const db: Database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(db, migrationsDir);
  // One file store for the app and the demo, so that the demo's evidence documents can be downloaded.
  const files = new DiskFileStore(config.filesDir);
  const { app } = await buildApp({ db, config, files });
  if (config.demoOnEmpty && db.kind === 'pglite' && (await isEmpty(db))) {
    app.log.info('empty embedded database: loading the demo organisation');
    const r = await loadDemo(db, undefined, { files });
    app.log.info({ governments: r.governmentsCreated, users: r.users }, 'demo loaded');
  }
  // Documents signed and cases closed before the archive existed are filed once.
  const filed = await backfillArchive(db);
  if (filed.documents + filed.cases > 0) app.log.info(filed, 'archive: filed earlier documents and cases');
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { storage: db.kind === 'pglite' ? `embedded (PGlite) in ${config.dataDir}` : 'PostgreSQL' },
    `SIDAKIN listening on ${address}`,
  );
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
    await db.close();
  };
  return { close, url: address };
}
