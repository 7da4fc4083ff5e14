import {
  dashboard,
  dashboardQuery,
  governmentParams,
  publicAchievements,
  publicAchievementsParams,
  publicAchievementsQuery,
  publicAchievementsSetting,
  updatePublicAchievementsBody,
} from '@sidakin/core';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.js';
import { typed } from '../../http/types.js';
import * as dashboards from './dashboards.service.js';

const base = '/api/governments/:governmentId';
const tags = ['dashboards'];

export async function dashboardRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;
  api.get(
    `${base}/dashboard`,
    {
      config: { access: { permission: 'dashboards.read' } },
      schema: {
        tags,
        summary:
          'Achievement by objective, indicator, unit and quarter; weakest and strongest indicators; completeness; SOP timeliness',
        params: governmentParams,
        querystring: dashboardQuery,
        response: { 200: dashboard },
      },
    },
    async (req) =>
      dashboards.getDashboard({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.get(
    `${base}/public-achievements`,
    {
      config: { access: { permission: 'government.read' } },
      schema: {
        tags,
        summary: 'Whether the government publishes its approved achievements (off by default)',
        params: governmentParams,
        response: { 200: publicAchievementsSetting },
      },
    },
    async (req) => dashboards.getPublicSetting({ db, ctx: req.ctx, governmentId: req.params.governmentId }),
  );
  api.put(
    `${base}/public-achievements`,
    {
      config: { access: { permission: 'government.manage' } },
      schema: {
        tags,
        summary: 'Turn the public page of approved achievements on or off',
        params: governmentParams,
        body: updatePublicAchievementsBody,
        response: { 200: publicAchievementsSetting },
      },
    },
    async (req) =>
      dashboards.setPublicSetting({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body }),
  );
  api.get(
    '/api/public/governments/:code/achievements',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A government’s approved achievements, when it publishes them (404 otherwise); no personal data',
        params: publicAchievementsParams,
        querystring: publicAchievementsQuery,
        response: { 200: publicAchievements },
      },
    },
    async (req) => dashboards.publicAchievements({ db, code: req.params.code, query: req.query }),
  );
}
