import {
  caseDetail,
  governmentParams,
  monitoringCycle,
  monitoringCycleListQuery,
  monitoringCycleParams,
  startMonitoringBody,
} from '@sidakin/core';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { typed } from '../../http/types.js';
import * as monitoring from './monitoring.service.js';

const read = { access: { permission: 'plans.read' as const } };
const act = { access: { permission: 'cases.act' as const } };
const base = '/api/governments/:governmentId';
const tags = ['monitoring'];

export async function monitoringRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;
  monitoring.useMonitoringFileStore(deps.files);
  api.get(
    `${base}/monitoring-cycles`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Renstra monitoring cycles (a plan’s monitoring of a year, run by its SOP)',
        params: governmentParams,
        querystring: monitoringCycleListQuery,
        response: { 200: z.object({ items: z.array(monitoringCycle) }) },
      },
    },
    async (req) => monitoring.listCycles({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.post(
    `${base}/monitoring-cycles`,
    {
      config: act,
      schema: {
        tags,
        summary: 'Start the Renstra monitoring SOP for a plan’s year: a cycle and the case that runs it',
        params: governmentParams,
        body: startMonitoringBody,
        response: { 201: caseDetail },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await monitoring.startMonitoring({
          db,
          ctx: req.ctx,
          governmentId: req.params.governmentId,
          input: req.body,
        }),
      ),
  );
  api.get(
    `${base}/monitoring-cycles/:cycleId`,
    {
      config: read,
      schema: {
        tags,
        summary: 'A monitoring cycle with its analysis',
        params: monitoringCycleParams,
        response: { 200: monitoringCycle },
      },
    },
    async (req) => monitoring.getCycle({ db, ctx: req.ctx, ...req.params }),
  );
  api.get(
    `${base}/monitoring-cycles/:cycleId/report`,
    {
      config: read,
      schema: {
        tags,
        summary: 'The monitoring report (the concept until the case closes, then the final one) as PDF or Excel',
        params: monitoringCycleParams,
        querystring: z.strictObject({ format: z.enum(['pdf', 'xlsx']).default('pdf') }),
      },
    },
    async (req, reply) => {
      const f = await monitoring.cycleReport({ db, ctx: req.ctx, ...req.params, format: req.query.format });
      return reply
        .header('content-type', f.mediaType)
        .header('content-disposition', contentDisposition(f.fileName))
        .header('cache-control', 'no-store')
        .send(f.bytes);
    },
  );
}
