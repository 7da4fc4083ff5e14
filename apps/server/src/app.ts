import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { limits, maxUploadBytes } from '@sidakin/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { loadSecretKey, Sealer } from './crypto/sealer.js';
import type { Database } from './db/database.js';
import type { Config } from './env.js';
import { apiNotFound, installErrorHandling } from './http/errors.js';
import { installSecurity, type RegisteredRoute } from './http/security.js';
import { zodValidatorCompiler } from './http/validation.js';
import { archiveRoutes } from './modules/archive/archive.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { caseRoutes } from './modules/cases/cases.routes.js';
import { collectionRoutes } from './modules/collection/collection.routes.js';
import { correctionRoutes } from './modules/corrections/corrections.routes.js';
import { dashboardRoutes } from './modules/dashboards/dashboards.routes.js';
import { measurementDocumentRoutes } from './modules/measurement/measurement.documents.routes.js';
import { measurementRoutes } from './modules/measurement/measurement.routes.js';
import { monitoringRoutes } from './modules/monitoring/monitoring.routes.js';
import { numberingRoutes } from './modules/numbering/numbering.routes.js';
// The collection module gives the steps of collection SOPs their meaning (registered on import).
import './modules/collection/collection.steps.js';
import { fileRoutes } from './modules/files/files.routes.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { planRoutes } from './modules/plans/plans.routes.js';
import { planExcelRoutes } from './modules/plans/plans-excel.routes.js';
import { signatureRoutes } from './modules/signatures/signatures.routes.js';
import { HttpSigningService, LocalSigningService, type SigningService } from './modules/signatures/signing-service.js';
import { sopRoutes } from './modules/sops/sops.routes.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { userRoutes } from './modules/users/users.routes.js';
import { DiskFileStore, type FileStore } from './storage/file-store.js';

export interface AppDeps {
  db: Database;
  config: Config;
  /** The bytes of files; on disk in `config.filesDir` unless another store is given. */
  files: FileStore;
  /** Seals secrets at rest with the server's key. */
  secrets: Sealer;
  /** Signs documents: with the keys kept here (local), or through a national signing service. */
  signing: SigningService;
}

export interface SidakinApp {
  app: FastifyInstance;
  /** Every /api route with its declared access rule (the security matrix test walks these). */
  routes: RegisteredRoute[];
}

/** Builds the HTTP application; tests build their own with their own database and config. */
export async function buildApp(
  given: Omit<AppDeps, 'files' | 'secrets' | 'signing'> & {
    files?: FileStore;
    secrets?: Sealer;
    signing?: SigningService;
  },
): Promise<SidakinApp> {
  const secrets = given.secrets ?? new Sealer(loadSecretKey(given.config));
  const signingService = given.config.signingService;
  const deps: AppDeps = {
    ...given,
    files: given.files ?? new DiskFileStore(given.config.filesDir),
    secrets,
    signing:
      given.signing ?? (signingService ? new HttpSigningService(signingService) : new LocalSigningService(secrets)),
  };
  const { config } = deps;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    bodyLimit: limits.jsonBody,
    trustProxy: config.trustProxy,
    // Unknown query fields are rejected by the contracts, so keep the parser plain.
    routerOptions: { ignoreTrailingSlash: true },
  });
  const routes: RegisteredRoute[] = [];

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(cookie);
  // One file per request; the size limit is enforced while streaming, before anything is stored.
  await app.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1, fields: 0, parts: 1 } });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'SIDAKIN API',
        version: '0.1.0',
        description:
          'Sistem Informasi Data Kinerja. Sign in with POST /api/auth/login; send the csrfToken from the response as the x-csrf-token header on every state-changing request.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sidakin_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  installSecurity(app, deps.db, routes);

  await app.register(async (api) => {
    await systemRoutes(api, deps);
    await authRoutes(api, deps);
    await orgRoutes(api, deps);
    await userRoutes(api, deps);
    await auditRoutes(api, deps);
    await sopRoutes(api, deps);
    await caseRoutes(api, deps);
    await fileRoutes(api, deps);
    await planRoutes(api, deps);
    await collectionRoutes(api, deps);
    await measurementRoutes(api, deps);
    await monitoringRoutes(api, deps);
    await measurementDocumentRoutes(api, deps);
    await planExcelRoutes(api, deps);
    await correctionRoutes(api, deps);
    await dashboardRoutes(api, deps);
    await signatureRoutes(api, deps);
    await numberingRoutes(api, deps);
    await archiveRoutes(api, deps);
    api.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  });

  const webIndex = path.join(config.webDist, 'index.html');
  const hasWeb = fs.existsSync(webIndex);
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: config.webDist, wildcard: true, index: 'index.html' });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api')) return apiNotFound(request, reply);
    if (request.method !== 'GET' && request.method !== 'HEAD') return apiNotFound(request, reply);
    if (!hasWeb) {
      return reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>SIDAKIN</title><p>Aplikasi web belum dibangun. Jalankan <code>npm run build:web</code>. / The web app is not built yet; run <code>npm run build:web</code>.</p>',
        );
    }
    // A missing file (a path with an extension, e.g. an old /assets/*.js) is a plain 404; any other
    // path is a client-side route of the single-page app, which loads its index.
    if (/\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '')) {
      return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
    }
    return reply.sendFile('index.html');
  });

  await app.ready();
  return { app, routes };
}
