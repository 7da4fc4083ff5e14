import {
  createUserBody,
  governmentEntityParams,
  governmentParams,
  okResponse,
  pageOf,
  resetPasswordBody,
  updateUserBody,
  userListQuery,
  userRecord,
} from '@sidakin/core';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.js';
import { typed } from '../../http/types.js';
import * as users from './users.service.js';

export async function userRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;
  const tags = ['users'];
  const base = '/api/governments/:governmentId/users';
  const read = { access: { permission: 'users.read' as const } };
  const manage = { access: { permission: 'users.manage' as const } };

  api.get(
    base,
    {
      config: read,
      schema: {
        tags,
        summary: 'Accounts of a government',
        params: governmentParams,
        querystring: userListQuery,
        response: { 200: pageOf(userRecord) },
      },
    },
    async (req) => users.listUsers({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.post(
    base,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create an account',
        params: governmentParams,
        body: createUserBody,
        response: { 201: userRecord },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await users.createUser({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body })),
  );
  api.get(
    `${base}/:id`,
    {
      config: read,
      schema: { tags, summary: 'One account', params: governmentEntityParams, response: { 200: userRecord } },
    },
    async (req) => users.getUser({ db, ctx: req.ctx, ...req.params }),
  );
  api.patch(
    `${base}/:id`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Update, change role or deactivate an account',
        params: governmentEntityParams,
        body: updateUserBody,
        response: { 200: userRecord },
      },
    },
    async (req) => users.updateUser({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );
  api.post(
    `${base}/:id/reset-password`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Set a new password (to be changed at next sign-in)',
        params: governmentEntityParams,
        body: resetPasswordBody,
        response: { 200: okResponse },
      },
    },
    async (req) => {
      await users.resetUserPassword({ db, ctx: req.ctx, ...req.params, newPassword: req.body.newPassword });
      return { ok: true as const };
    },
  );
}
