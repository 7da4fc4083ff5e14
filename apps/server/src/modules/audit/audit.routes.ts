import { auditEntry, auditListQuery, auditVerifyResult, governmentParams, pageOf } from '@sidakin/core';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.js';
import { typed } from '../../http/types.js';
import { governmentTimeZone } from '../org/org.service.js';
import { listAuditEntries, verifyAudit } from './audit.service.js';

export async function auditRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;
  const tags = ['audit'];

  api.get(
    '/api/governments/:governmentId/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags,
        summary: 'Audit trail of a government',
        params: governmentParams,
        querystring: auditListQuery,
        response: { 200: pageOf(auditEntry) },
      },
    },
    async (request) => {
      const { governmentId } = request.params;
      const timeZone = await governmentTimeZone(db, governmentId);
      return listAuditEntries({ db, ctx: request.ctx, governmentId, timeZone, query: request.query });
    },
  );

  api.get(
    '/api/governments/:governmentId/audit/verify',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags,
        summary: "Verify the government's audit hash chain",
        params: governmentParams,
        response: { 200: auditVerifyResult },
      },
    },
    async (request) => verifyAudit({ db, ctx: request.ctx, governmentId: request.params.governmentId }),
  );

  api.get(
    '/api/audit',
    {
      config: { access: { permission: 'system.audit' } },
      schema: {
        tags,
        summary: 'System-level audit trail (records with no government)',
        querystring: auditListQuery,
        response: { 200: pageOf(auditEntry) },
      },
    },
    async (request) =>
      listAuditEntries({ db, ctx: request.ctx, governmentId: null, timeZone: 'Asia/Jakarta', query: request.query }),
  );

  api.get(
    '/api/audit/verify',
    {
      config: { access: { permission: 'system.audit' } },
      schema: { tags, summary: 'Verify the system-level audit chain', response: { 200: auditVerifyResult } },
    },
    async (request) => verifyAudit({ db, ctx: request.ctx, governmentId: null }),
  );
}
