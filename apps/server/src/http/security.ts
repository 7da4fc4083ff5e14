import { pickLocale } from '@sidakin/core';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { csrfMatches, loadActor, SESSION_COOKIE } from '../modules/auth/auth.service.js';
import { type Access, can } from './access.js';
import type { RequestContext } from './context.js';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyContextConfig {
    /** Required on every /api route: deny by default. */
    access?: Access;
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Deny by default: every /api route must declare `config.access` (the app refuses to start
 * otherwise); each request loads the session, then the declared access and the CSRF token are
 * checked before any handler runs.
 */
export function installSecurity(app: FastifyInstance, db: Database, routes: RegisteredRoute[]): void {
  app.decorateRequest('ctx', null as unknown as RequestContext);

  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api')) return;
    const access = (route.config as { access?: Access } | undefined)?.access;
    const isDocs = route.url.startsWith('/api/docs');
    if (!access && !isDocs) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    }
    for (const method of ([] as string[]).concat(route.method as string | string[])) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, access: access ?? 'public' });
    }
  });

  app.addHook('onRequest', async (request) => {
    const ctx: RequestContext = {
      actor: null,
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
      locale: pickLocale(request.headers['accept-language']),
    };
    request.ctx = ctx;
    if (!request.url.startsWith('/api')) return;
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;

    ctx.actor = await loadActor(db, request.cookies[SESSION_COOKIE]);
    const actor = ctx.actor;
    if (!actor) throw new AppError('UNAUTHENTICATED');
    if (access !== 'authenticated-setup') {
      if (actor.totpSetupRequired) throw new AppError('TOTP_SETUP_REQUIRED');
      if (actor.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    if (typeof access === 'object') {
      const governmentId = (request.params as { governmentId?: string } | undefined)?.governmentId;
      if (!can(actor, access.permission, governmentId)) throw new AppError('FORBIDDEN');
    }
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (!csrfMatches(actor, Array.isArray(header) ? header[0] : header)) throw new AppError('CSRF');
    }
  });
}
