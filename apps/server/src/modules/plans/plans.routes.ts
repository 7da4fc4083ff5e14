import {
  addAgreementIndicatorBody,
  agreement,
  agreementDetail,
  agreementIndicatorParams,
  agreementIndicatorResult,
  agreementListQuery,
  agreementParams,
  agreementVersions,
  cascadeAgreementBody,
  cascadeResult,
  createAgreementBody,
  createIndicatorBody,
  createIndividualIndicatorBody,
  createNodeBody,
  createPlanBody,
  governmentParams,
  indicatorListQuery,
  individualIndicator,
  individualIndicatorParams,
  individualIndicatorResult,
  individualListQuery,
  moveNodeBody,
  pageOf,
  plan,
  planIndicator,
  planIndicatorParams,
  planListQuery,
  planNode,
  planNodeParams,
  planParams,
  planSettings,
  planTree,
  planTreeQuery,
  reorderNodesBody,
  reviseAgreementBody,
  setBudgetsBody,
  setIndicatorTargetsBody,
  setIndividualTargetsBody,
  setSignatoriesBody,
  signAgreementBody,
  updateAgreementIndicatorBody,
  updateIndicatorBody,
  updateIndividualIndicatorBody,
  updateNodeBody,
  updatePlanBody,
  updatePlanSettingsBody,
} from '@sidakin/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { typed } from '../../http/types.js';
import * as plans from './plans.service.js';

const read = { access: { permission: 'plans.read' as const } };
const manage = { access: { permission: 'plans.manage' as const } };
const base = '/api/governments/:governmentId';

export async function planRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  // ── settings ──
  const sTags = ['plans'];
  api.get(
    `${base}/plan-settings`,
    {
      config: read,
      schema: {
        tags: sTags,
        summary: 'Plan settings of the government (default lower-is-better formula)',
        params: governmentParams,
        response: { 200: planSettings },
      },
    },
    async (req) => plans.getPlanSettings({ db, ctx: req.ctx, governmentId: req.params.governmentId }),
  );
  api.patch(
    `${base}/plan-settings`,
    {
      config: manage,
      schema: {
        tags: sTags,
        summary: 'Change the plan settings',
        params: governmentParams,
        body: updatePlanSettingsBody,
        response: { 200: planSettings },
      },
    },
    async (req) =>
      plans.updatePlanSettings({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body }),
  );

  // ── plans (Renstra) ──
  const pTags = ['plans'];
  api.get(
    `${base}/plans`,
    {
      config: read,
      schema: {
        tags: pTags,
        summary: 'Strategic plans (Renstra)',
        params: governmentParams,
        querystring: planListQuery,
        response: { 200: pageOf(plan) },
      },
    },
    async (req) => plans.listPlans({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.post(
    `${base}/plans`,
    {
      config: manage,
      schema: {
        tags: pTags,
        summary: 'Create a strategic plan for an agency',
        params: governmentParams,
        body: createPlanBody,
        response: { 201: plan },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await plans.createPlan({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body })),
  );
  api.get(
    `${base}/plans/:planId`,
    {
      config: read,
      schema: {
        tags: pTags,
        summary: 'A plan with its tree, indicators and yearly targets',
        params: planParams,
        querystring: planTreeQuery,
        response: { 200: planTree },
      },
    },
    async (req) => plans.getPlanTree({ db, ctx: req.ctx, ...req.params, includeInactive: req.query.active === 'all' }),
  );
  api.patch(
    `${base}/plans/:planId`,
    {
      config: manage,
      schema: {
        tags: pTags,
        summary: 'Update or deactivate a plan',
        params: planParams,
        body: updatePlanBody,
        response: { 200: plan },
      },
    },
    async (req) => plans.updatePlan({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );

  // ── nodes ──
  const nTags = ['plans'];
  api.post(
    `${base}/plans/:planId/nodes`,
    {
      config: manage,
      schema: {
        tags: nTags,
        summary: 'Add a goal, objective, program, activity or sub-activity',
        params: planParams,
        body: createNodeBody,
        response: { 201: planNode },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await plans.createNode({ db, ctx: req.ctx, ...req.params, input: req.body })),
  );
  api.patch(
    `${base}/plans/:planId/nodes/:nodeId`,
    {
      config: manage,
      schema: {
        tags: nTags,
        summary: 'Update or deactivate a node',
        params: planNodeParams,
        body: updateNodeBody,
        response: { 200: planNode },
      },
    },
    async (req) => plans.updateNode({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );
  api.post(
    `${base}/plans/:planId/nodes/:nodeId/move`,
    {
      config: manage,
      schema: {
        tags: nTags,
        summary: 'Move a node under another parent of the right kind',
        params: planNodeParams,
        body: moveNodeBody,
        response: { 200: planNode },
      },
    },
    async (req) => plans.moveNode({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );
  api.post(
    `${base}/plans/:planId/nodes/reorder`,
    {
      config: manage,
      schema: {
        tags: nTags,
        summary: 'Put the active children of a parent (null: the goals) in a new order',
        params: planParams,
        body: reorderNodesBody,
        response: { 200: planTree },
      },
    },
    async (req) => plans.reorderNodes({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );

  // ── indicators ──
  const iTags = ['plans'];
  api.get(
    `${base}/plans/:planId/indicators`,
    {
      config: read,
      schema: {
        tags: iTags,
        summary: 'Indicators of a plan',
        params: planParams,
        querystring: indicatorListQuery,
        response: { 200: z.object({ items: z.array(planIndicator) }) },
      },
    },
    async (req) => plans.listPlanIndicators({ db, ctx: req.ctx, ...req.params, query: req.query }),
  );
  api.post(
    `${base}/plans/:planId/indicators`,
    {
      config: manage,
      schema: {
        tags: iTags,
        summary: 'Add an indicator to a node, with its Renstra targets',
        params: planParams,
        body: createIndicatorBody,
        response: { 201: planIndicator },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await plans.createIndicator({ db, ctx: req.ctx, ...req.params, input: req.body })),
  );
  api.get(
    `${base}/plans/:planId/indicators/:indicatorId`,
    {
      config: read,
      schema: {
        tags: iTags,
        summary: 'One indicator with its Renstra targets',
        params: planIndicatorParams,
        response: { 200: planIndicator },
      },
    },
    async (req) => plans.getPlanIndicator({ db, ctx: req.ctx, ...req.params }),
  );
  api.patch(
    `${base}/plans/:planId/indicators/:indicatorId`,
    {
      config: manage,
      schema: {
        tags: iTags,
        summary: 'Update or deactivate an indicator',
        params: planIndicatorParams,
        body: updateIndicatorBody,
        response: { 200: planIndicator },
      },
    },
    async (req) => plans.updateIndicator({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );
  api.put(
    `${base}/plans/:planId/indicators/:indicatorId/targets`,
    {
      config: manage,
      schema: {
        tags: iTags,
        summary: "Replace an indicator's yearly Renstra targets (and its end target)",
        params: planIndicatorParams,
        body: setIndicatorTargetsBody,
        response: { 200: planIndicator },
      },
    },
    async (req) => plans.setIndicatorTargets({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );

  // ── performance agreements ──
  const aTags = ['performance agreements'];
  const agreementPath = `${base}/performance-agreements/:agreementId`;
  api.get(
    `${base}/performance-agreements`,
    {
      config: read,
      schema: {
        tags: aTags,
        summary: 'Performance agreements (current versions unless current=all)',
        params: governmentParams,
        querystring: agreementListQuery,
        response: { 200: pageOf(agreement) },
      },
    },
    async (req) => plans.listAgreements({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.post(
    `${base}/performance-agreements`,
    {
      config: manage,
      schema: {
        tags: aTags,
        summary: "Create a year's agreement of an agency, or of a unit (cascaded from its parent's)",
        params: governmentParams,
        body: createAgreementBody,
        response: { 201: agreementDetail },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await plans.createAgreement({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body }),
        ),
  );
  api.get(
    agreementPath,
    {
      config: read,
      schema: {
        tags: aTags,
        summary: 'One agreement version with indicators, quarterly targets, pagu and signatories',
        params: agreementParams,
        response: { 200: agreementDetail },
      },
    },
    async (req) => plans.getAgreement({ db, ctx: req.ctx, ...req.params }),
  );
  api.get(
    `${agreementPath}/versions`,
    {
      config: read,
      schema: {
        tags: aTags,
        summary: 'Every version (murni and perubahan) of the same agency/unit and year',
        params: agreementParams,
        response: { 200: agreementVersions },
      },
    },
    async (req) => plans.listAgreementVersions({ db, ctx: req.ctx, ...req.params }),
  );
  api.post(
    `${agreementPath}/cascade`,
    {
      config: manage,
      schema: {
        tags: aTags,
        summary: 'Cascade to the direct sub-units: a prefilled draft for each that has none',
        params: agreementParams,
        body: cascadeAgreementBody,
        response: { 200: cascadeResult },
      },
    },
    async (req) => plans.cascadeAgreement({ db, ctx: req.ctx, ...req.params, unitIds: req.body.unitIds }),
  );
  api.post(
    `${agreementPath}/indicators`,
    {
      config: manage,
      schema: {
        tags: aTags,
        summary: 'Add an indicator of the plan with its annual and quarterly targets',
        params: agreementParams,
        body: addAgreementIndicatorBody,
        response: { 201: agreementIndicatorResult },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await plans.addAgreementIndicator({ db, ctx: req.ctx, ...req.params, input: req.body })),
  );
  api.patch(
    `${agreementPath}/indicators/:rowId`,
    {
      config: manage,
      schema: {
        tags: aTags,
        summary: "Change an agreement indicator's annual or quarterly targets",
        params: agreementIndicatorParams,
        body: updateAgreementIndicatorBody,
        response: { 200: agreementIndicatorResult },
      },
    },
    async (req) => plans.updateAgreementIndicator({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );
  api.delete(
    `${agreementPath}/indicators/:rowId`,
    {
      config: manage,
      schema: {
        tags: aTags,
        summary: 'Take an indicator out of a draft agreement',
        params: agreementIndicatorParams,
        response: { 200: agreementDetail },
      },
    },
    async (req) => plans.removeAgreementIndicator({ db, ctx: req.ctx, ...req.params }),
  );
  api.put(
    `${agreementPath}/budgets`,
    {
      config: manage,
      schema: {
        tags: aTags,
        summary: 'Replace the pagu per program / activity / sub-activity',
        params: agreementParams,
        body: setBudgetsBody,
        response: { 200: agreementDetail },
      },
    },
    async (req) => plans.setAgreementBudgets({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );
  api.put(
    `${agreementPath}/signatories`,
    {
      config: manage,
      schema: {
        tags: aTags,
        summary: 'Set the first and second party (Plt / Plh allowed)',
        params: agreementParams,
        body: setSignatoriesBody,
        response: { 200: agreementDetail },
      },
    },
    async (req) => plans.setAgreementSignatories({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );
  api.post(
    `${agreementPath}/sign`,
    {
      config: manage,
      schema: {
        tags: aTags,
        summary: 'Record the signing date; the version is then fixed',
        params: agreementParams,
        body: signAgreementBody,
        response: { 200: agreementDetail },
      },
    },
    async (req) => plans.signAgreement({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );
  api.post(
    `${agreementPath}/revisions`,
    {
      config: manage,
      schema: {
        tags: aTags,
        summary: 'Open a perubahan version with a reason; the signed version stays readable',
        params: agreementParams,
        body: reviseAgreementBody,
        response: { 201: agreementDetail },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await plans.reviseAgreement({ db, ctx: req.ctx, ...req.params, input: req.body })),
  );

  // ── individual indicators (IKI) ──
  const kTags = ['individual indicators'];
  api.get(
    `${base}/individual-indicators`,
    {
      config: read,
      schema: {
        tags: kTags,
        summary: "Employees' individual indicators (IKI)",
        params: governmentParams,
        querystring: individualListQuery,
        response: { 200: pageOf(individualIndicator) },
      },
    },
    async (req) =>
      plans.listIndividualIndicators({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.post(
    `${base}/individual-indicators`,
    {
      config: manage,
      schema: {
        tags: kTags,
        summary: "Create an employee's indicator cascaded from their unit's",
        params: governmentParams,
        body: createIndividualIndicatorBody,
        response: { 201: individualIndicatorResult },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await plans.createIndividualIndicator({
          db,
          ctx: req.ctx,
          governmentId: req.params.governmentId,
          input: req.body,
        }),
      ),
  );
  api.get(
    `${base}/individual-indicators/:id`,
    {
      config: read,
      schema: {
        tags: kTags,
        summary: 'One individual indicator',
        params: individualIndicatorParams,
        response: { 200: individualIndicator },
      },
    },
    async (req) => plans.getIndividualIndicator({ db, ctx: req.ctx, ...req.params }),
  );
  api.patch(
    `${base}/individual-indicators/:id`,
    {
      config: manage,
      schema: {
        tags: kTags,
        summary: 'Update or deactivate an individual indicator',
        params: individualIndicatorParams,
        body: updateIndividualIndicatorBody,
        response: { 200: individualIndicator },
      },
    },
    async (req) => plans.updateIndividualIndicator({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );
  api.put(
    `${base}/individual-indicators/:id/targets`,
    {
      config: manage,
      schema: {
        tags: kTags,
        summary: 'Set the annual and quarterly targets of an individual indicator',
        params: individualIndicatorParams,
        body: setIndividualTargetsBody,
        response: { 200: individualIndicatorResult },
      },
    },
    async (req) => plans.setIndividualTargets({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );
}
