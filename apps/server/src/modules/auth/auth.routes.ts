import {
  actingPositionBody,
  changePasswordBody,
  loginBody,
  meResponse,
  okResponse,
  totpDisableBody,
  totpEnableBody,
  totpSetupResponse,
} from '@sidakin/core';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.js';
import { AppError } from '../../errors.js';
import { typed } from '../../http/types.js';
import * as auth from './auth.service.js';

export async function authRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db, config } = deps;
  const tags = ['auth'];

  api.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Sign in with username or NIP and password',
        body: loginBody,
        response: { 200: meResponse },
      },
    },
    async (request, reply) => {
      const result = await auth.login({
        db,
        secrets: deps.secrets,
        ctx: request.ctx,
        username: request.body.username,
        password: request.body.password,
        otp: request.body.otp,
        ttlHours: config.sessionTtlHours,
      });
      reply.setCookie(auth.SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.cookieSecure,
        expires: result.expiresAt,
      });
      return result.me;
    },
  );

  api.post(
    '/api/auth/logout',
    { config: { access: 'authenticated-setup' }, schema: { tags, summary: 'Sign out', response: { 200: okResponse } } },
    async (request, reply) => {
      await auth.logout({ db, ctx: request.ctx });
      reply.clearCookie(auth.SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  api.get(
    '/api/auth/me',
    {
      config: { access: 'authenticated-setup' },
      schema: { tags, summary: 'The signed-in user', response: { 200: meResponse } },
    },
    async (request) => {
      if (!request.ctx.actor) throw new AppError('UNAUTHENTICATED');
      return auth.getMe({ db, actor: request.ctx.actor });
    },
  );

  api.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated-setup' },
      schema: { tags, summary: 'Change my password', body: changePasswordBody, response: { 200: okResponse } },
    },
    async (request) => {
      await auth.changePassword({ db, ctx: request.ctx, ...request.body });
      return { ok: true as const };
    },
  );

  api.post(
    '/api/auth/totp/setup',
    {
      config: { access: 'authenticated-setup' },
      schema: { tags, summary: 'Start two-step verification setup', response: { 200: totpSetupResponse } },
    },
    async (request) => auth.startTotpSetup({ db, secrets: deps.secrets, ctx: request.ctx }),
  );

  api.post(
    '/api/auth/totp/enable',
    {
      config: { access: 'authenticated-setup' },
      schema: {
        tags,
        summary: 'Confirm a code and enable two-step verification',
        body: totpEnableBody,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await auth.enableTotp({ db, secrets: deps.secrets, ctx: request.ctx, code: request.body.code });
      return { ok: true as const };
    },
  );

  api.post(
    '/api/auth/totp/disable',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Turn off two-step verification', body: totpDisableBody, response: { 200: okResponse } },
    },
    async (request) => {
      await auth.disableTotp({ db, ctx: request.ctx, password: request.body.password });
      return { ok: true as const };
    },
  );

  api.post(
    '/api/auth/acting-position',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Choose the position I act in',
        body: actingPositionBody,
        response: { 200: meResponse },
      },
    },
    async (request) => auth.setActingPosition({ db, ctx: request.ctx, positionId: request.body.positionId }),
  );
}
