import {
  caseDetail,
  createMeasurementRunBody,
  governmentParams,
  measurementCycle,
  measurementCycleListQuery,
  measurementCycleParams,
  measurementReproduction,
  measurementRun,
  measurementRunListQuery,
  measurementRunParams,
  measurementRunSummary,
  measurementSettings,
  startMeasurementBody,
  updateMeasurementSettingsBody,
} from '@sidakin/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { typed } from '../../http/types.js';
import * as cycles from './cycles.service.js';
import * as runs from './runs.service.js';
import * as settings from './settings.service.js';

const read = { access: { permission: 'measurement.read' as const } };
const run = { access: { permission: 'measurement.run' as const } };
const act = { access: { permission: 'cases.act' as const } };
const manage = { access: { permission: 'measurement.manage' as const } };
const base = '/api/governments/:governmentId';
const tags = ['measurement'];

export async function measurementRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;
  cycles.useMeasurementFileStore(deps.files);
  api.get(
    `${base}/measurement-settings`,
    {
      config: read,
      schema: {
        tags,
        summary: 'How the government measures: category scale, decimals, cap, efficiency formula, agency level',
        params: governmentParams,
        response: { 200: measurementSettings },
      },
    },
    async (req) => settings.getSettings({ db, ctx: req.ctx, governmentId: req.params.governmentId }),
  );
  api.put(
    `${base}/measurement-settings`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change how the government measures (applies to runs made from now on)',
        params: governmentParams,
        body: updateMeasurementSettingsBody,
        response: { 200: measurementSettings },
      },
    },
    async (req) =>
      settings.updateSettings({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body }),
  );
  api.get(
    `${base}/measurement-runs`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Measurement runs (per agency and year; current and superseded)',
        params: governmentParams,
        querystring: measurementRunListQuery,
        response: { 200: z.object({ items: z.array(measurementRunSummary) }) },
      },
    },
    async (req) => runs.listRuns({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.post(
    `${base}/measurement-runs`,
    {
      config: run,
      schema: {
        tags,
        summary: "Measure an agency's year now and keep it as a run (method, inputs, results)",
        params: governmentParams,
        body: createMeasurementRunBody,
        response: { 201: measurementRun },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await runs.createRun({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body })),
  );
  api.get(
    `${base}/measurement-runs/:runId`,
    {
      config: read,
      schema: {
        tags,
        summary: 'A measurement run with its method and results',
        params: measurementRunParams,
        response: { 200: measurementRun },
      },
    },
    async (req) => runs.getRun({ db, ctx: req.ctx, ...req.params }),
  );
  api.get(
    `${base}/measurement-runs/:runId/reproduce`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Re-measure a run from its stored inputs and method, and say whether it reproduces exactly',
        params: measurementRunParams,
        response: { 200: measurementReproduction },
      },
    },
    async (req) => runs.reproduceRun({ db, ctx: req.ctx, ...req.params }),
  );

  // ── measurement cycles: the measurement SOP of an agency's year ──
  api.get(
    `${base}/measurement-cycles`,
    {
      config: read,
      schema: {
        tags,
        summary: 'Measurement cycles (an agency’s measurement of a year, run by its SOP)',
        params: governmentParams,
        querystring: measurementCycleListQuery,
        response: { 200: z.object({ items: z.array(measurementCycle) }) },
      },
    },
    async (req) => cycles.listCycles({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.post(
    `${base}/measurement-cycles`,
    {
      config: act,
      schema: {
        tags,
        summary: 'Start the measurement SOP for an agency’s year: a cycle and the case that runs it',
        params: governmentParams,
        body: startMeasurementBody,
        response: { 201: caseDetail },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await cycles.startMeasurement({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body }),
        ),
  );
  api.get(
    `${base}/measurement-cycles/:cycleId`,
    {
      config: read,
      schema: {
        tags,
        summary: 'A measurement cycle',
        params: measurementCycleParams,
        response: { 200: measurementCycle },
      },
    },
    async (req) => cycles.getCycle({ db, ctx: req.ctx, ...req.params }),
  );
}
