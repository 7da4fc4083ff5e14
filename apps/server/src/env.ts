import path from 'node:path';
import { z } from 'zod';

/** Everything the server reads from its environment, validated once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Where uploaded and produced files are kept (FILES_DIR, default DATA_DIR/files). */
  filesDir: string;
  /** The key that seals secrets at rest (SECRET_KEY, base64 of 32 bytes), or the file that holds it. */
  secretKey: string | undefined;
  secretKeyFile: string;
  /** postgres://… when running on a PostgreSQL server; undefined for embedded PGlite. */
  databaseUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Set the Secure flag on cookies (behind HTTPS). */
  cookieSecure: boolean;
  sessionTtlHours: number;
  /** Load the demo organisation when the database is empty on first start. */
  demoOnEmpty: boolean;
  /** Directory with the built web app, served at `/`. */
  webDist: string;
  trustProxy: boolean;
  /** Where people reach this server (PUBLIC_BASE_URL); printed documents link to its verification page. */
  publicBaseUrl: string;
  /**
   * A national signing service (SIGNING_SERVICE_URL, …) that signs instead of the keys kept here;
   * undefined to sign with the government's own certificate authority.
   */
  signingService: { url: string; token: string | undefined; timeoutMs: number } | undefined;
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  FILES_DIR: z.string().min(1).optional(),
  SECRET_KEY: z.string().min(1).optional(),
  SECRET_KEY_FILE: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COOKIE_SECURE: bool.default(false),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  DEMO_ON_EMPTY: bool.default(true),
  WEB_DIST: z.string().optional(),
  TRUST_PROXY: bool.default(false),
  PUBLIC_BASE_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'PUBLIC_BASE_URL must be an http(s):// address without query')
    .optional(),
  SIGNING_SERVICE_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'SIGNING_SERVICE_URL must be an http(s):// address')
    .optional(),
  SIGNING_SERVICE_TOKEN: z.string().min(1).optional(),
  SIGNING_SERVICE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
});

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** Reads and validates the environment; the only place that touches process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    filesDir: path.resolve(e.FILES_DIR ?? path.join(e.DATA_DIR, 'files')),
    secretKey: e.SECRET_KEY,
    secretKeyFile: path.resolve(e.SECRET_KEY_FILE ?? path.join(e.DATA_DIR, 'secret.key')),
    databaseUrl: e.DATABASE_URL || undefined,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    demoOnEmpty: e.DEMO_ON_EMPTY,
    webDist: e.WEB_DIST ? path.resolve(e.WEB_DIST) : path.join(repoRoot, 'apps/web/dist'),
    trustProxy: e.TRUST_PROXY,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    signingService: e.SIGNING_SERVICE_URL
      ? { url: e.SIGNING_SERVICE_URL, token: e.SIGNING_SERVICE_TOKEN, timeoutMs: e.SIGNING_SERVICE_TIMEOUT_MS }
      : undefined,
  };
}

/** The test database URL, if tests should run on PostgreSQL instead of PGlite. */
export function testDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.TEST_DATABASE_URL || undefined;
}

export const migrationsDir = path.join(repoRoot, 'migrations');
/** The SOP documents shipped with SIDAKIN (the seed agencies' procedures). */
export const sopsDir = path.join(repoRoot, 'sops');

/** The environment for a child process (the CLI or server started by tests): this one plus overrides. */
export function childEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
