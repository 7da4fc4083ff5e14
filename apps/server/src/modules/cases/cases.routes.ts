import {
  cancelCaseBody,
  caseDetail,
  caseListQuery,
  caseSummary,
  caseTaskParams,
  completeTaskBody,
  governmentEntityParams,
  governmentParams,
  inboxItem,
  inboxQuery,
  pageOf,
  reassignTaskBody,
  sopServiceLevel,
  startCaseBody,
} from '@sidakin/core';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.js';
import { typed } from '../../http/types.js';
import * as cases from './cases.service.js';

export async function caseRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;
  const tags = ['cases'];
  const base = '/api/governments/:governmentId/cases';
  const read = { access: { permission: 'cases.read' as const } };
  const act = { access: { permission: 'cases.act' as const } };

  api.get(
    base,
    {
      config: read,
      schema: {
        tags,
        summary: 'Cases of the government',
        params: governmentParams,
        querystring: caseListQuery,
        response: { 200: pageOf(caseSummary) },
      },
    },
    async (req) => cases.listCases({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.post(
    base,
    {
      config: act,
      schema: {
        tags,
        summary: 'Start a case of an SOP in effect',
        params: governmentParams,
        body: startCaseBody,
        response: { 201: caseDetail },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await cases.startCase({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body })),
  );
  api.get(
    `${base}/:id`,
    {
      config: read,
      schema: {
        tags,
        summary: 'A case with its tasks and full history',
        params: governmentEntityParams,
        response: { 200: caseDetail },
      },
    },
    async (req) => cases.getCase({ db, ctx: req.ctx, ...req.params }),
  );
  api.post(
    `${base}/:id/tasks/:taskId/complete`,
    {
      config: act,
      schema: {
        tags,
        summary: 'Complete a task (at a decision: ya, or tidak with a reason)',
        params: caseTaskParams,
        body: completeTaskBody,
        response: { 200: caseDetail },
      },
    },
    async (req) =>
      cases.completeCaseTask({
        db,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        caseId: req.params.id,
        taskId: req.params.taskId,
        input: req.body,
      }),
  );
  api.post(
    `${base}/:id/tasks/:taskId/reassign`,
    {
      config: { access: { permission: 'sops.manage' } },
      schema: {
        tags,
        summary: 'Hand an open task to other positions, with a reason (administrators)',
        params: caseTaskParams,
        body: reassignTaskBody,
        response: { 200: caseDetail },
      },
    },
    async (req) =>
      cases.reassignTask({
        db,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        caseId: req.params.id,
        taskId: req.params.taskId,
        ...req.body,
      }),
  );
  api.post(
    `${base}/:id/cancel`,
    {
      config: act,
      schema: {
        tags,
        summary: 'Cancel a case (with a reason)',
        params: governmentEntityParams,
        body: cancelCaseBody,
        response: { 200: caseDetail },
      },
    },
    async (req) =>
      cases.cancelCase({
        db,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        caseId: req.params.id,
        reason: req.body.reason,
      }),
  );
  api.get(
    '/api/governments/:governmentId/sops/:id/service-level',
    {
      config: read,
      schema: {
        tags,
        summary: 'Mutu baku as a service level: actual against standard time per step, returns, slowest steps',
        params: governmentEntityParams,
        response: { 200: sopServiceLevel },
      },
    },
    async (req) =>
      cases.sopServiceLevel({ db, ctx: req.ctx, governmentId: req.params.governmentId, sopId: req.params.id }),
  );
  api.get(
    '/api/governments/:governmentId/inbox',
    {
      config: read,
      schema: {
        tags,
        summary: 'Tugas Saya: open tasks for my positions',
        params: governmentParams,
        querystring: inboxQuery,
        response: { 200: pageOf(inboxItem) },
      },
    },
    async (req) => cases.myInbox({ db, ctx: req.ctx, governmentId: req.params.governmentId, ...req.query }),
  );
}
