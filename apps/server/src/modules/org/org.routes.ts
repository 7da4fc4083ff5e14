import {
  addTeamMemberBody,
  agency,
  agencyListQuery,
  assignmentHistory,
  assignmentParams,
  createAgencyBody,
  createAssignmentBody,
  createEmployeeBody,
  createGovernmentBody,
  createHolidayBody,
  createPositionBody,
  createTeamBody,
  createUnitBody,
  employee,
  employeeListQuery,
  endAssignmentBody,
  government,
  governmentEntityParams,
  governmentParams,
  holiday,
  holidayListQuery,
  holidayParams,
  listQuery,
  logoBody,
  okResponse,
  pageOf,
  position,
  positionListQuery,
  team,
  teamListQuery,
  teamMemberParams,
  unit,
  unitListQuery,
  updateAgencyBody,
  updateEmployeeBody,
  updateGovernmentBody,
  updatePositionBody,
  updateTeamBody,
  updateUnitBody,
} from '@sidakin/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { typed } from '../../http/types.js';
import * as org from './org.service.js';

const read = { access: { permission: 'org.read' as const } };
const manage = { access: { permission: 'org.manage' as const } };
const base = '/api/governments/:governmentId';

export async function orgRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  // ── governments ──
  const gTags = ['governments'];
  api.get(
    '/api/governments',
    {
      config: { access: { permission: 'government.read' } },
      schema: {
        tags: gTags,
        summary: 'Governments I can see',
        querystring: listQuery,
        response: { 200: pageOf(government) },
      },
    },
    async (req) => org.listGovernments({ db, ctx: req.ctx, query: req.query }),
  );
  api.post(
    '/api/governments',
    {
      config: { access: { permission: 'governments.create' } },
      schema: {
        tags: gTags,
        summary: 'Create a government (tenant)',
        body: createGovernmentBody,
        response: { 201: government },
      },
    },
    async (req, reply) => reply.status(201).send(await org.createGovernment({ db, ctx: req.ctx, input: req.body })),
  );
  api.get(
    base,
    {
      config: { access: { permission: 'government.read' } },
      schema: { tags: gTags, summary: 'One government', params: governmentParams, response: { 200: government } },
    },
    async (req) => org.getGovernment({ db, ctx: req.ctx, governmentId: req.params.governmentId }),
  );
  api.patch(
    base,
    {
      config: { access: { permission: 'government.manage' } },
      schema: {
        tags: gTags,
        summary: 'Update a government',
        params: governmentParams,
        body: updateGovernmentBody,
        response: { 200: government },
      },
    },
    async (req) => org.updateGovernment({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body }),
  );
  api.put(
    `${base}/logo`,
    {
      config: { access: { permission: 'government.manage' } },
      schema: {
        tags: gTags,
        summary: 'Set the logo of the kop surat (PNG or JPEG, at most 512 KiB)',
        params: governmentParams,
        body: logoBody,
        response: { 200: government },
      },
    },
    async (req) => org.setGovernmentLogo({ db, ctx: req.ctx, governmentId: req.params.governmentId, ...req.body }),
  );
  api.get(
    `${base}/logo`,
    {
      config: { access: { permission: 'government.read' } },
      schema: { tags: gTags, summary: 'The logo image', params: governmentParams },
    },
    async (req, reply) => {
      const logo = await org.getGovernmentLogo({ db, ctx: req.ctx, governmentId: req.params.governmentId });
      return reply.type(logo.mimeType).header('cache-control', 'private, max-age=300').send(logo.bytes);
    },
  );

  // ── agencies ──
  const aTags = ['agencies'];
  api.get(
    `${base}/agencies`,
    {
      config: read,
      schema: {
        tags: aTags,
        summary: 'Agencies (OPD)',
        params: governmentParams,
        querystring: agencyListQuery,
        response: { 200: pageOf(agency) },
      },
    },
    async (req) => org.listAgencies({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.post(
    `${base}/agencies`,
    {
      config: manage,
      schema: {
        tags: aTags,
        summary: 'Create an agency',
        params: governmentParams,
        body: createAgencyBody,
        response: { 201: agency },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await org.createAgency({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body })),
  );
  api.get(
    `${base}/agencies/:id`,
    {
      config: read,
      schema: { tags: aTags, summary: 'One agency', params: governmentEntityParams, response: { 200: agency } },
    },
    async (req) => org.getAgency({ db, ctx: req.ctx, ...req.params }),
  );
  api.patch(
    `${base}/agencies/:id`,
    {
      config: manage,
      schema: {
        tags: aTags,
        summary: 'Update or deactivate an agency',
        params: governmentEntityParams,
        body: updateAgencyBody,
        response: { 200: agency },
      },
    },
    async (req) => org.updateAgency({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );

  // ── units ──
  const uTags = ['units'];
  api.get(
    `${base}/units`,
    {
      config: read,
      schema: {
        tags: uTags,
        summary: 'Units (the tree is built from parentId)',
        params: governmentParams,
        querystring: unitListQuery,
        response: { 200: pageOf(unit) },
      },
    },
    async (req) => org.listUnits({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.post(
    `${base}/units`,
    {
      config: manage,
      schema: {
        tags: uTags,
        summary: 'Create a unit',
        params: governmentParams,
        body: createUnitBody,
        response: { 201: unit },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await org.createUnit({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body })),
  );
  api.get(
    `${base}/units/:id`,
    {
      config: read,
      schema: { tags: uTags, summary: 'One unit', params: governmentEntityParams, response: { 200: unit } },
    },
    async (req) => org.getUnit({ db, ctx: req.ctx, ...req.params }),
  );
  api.patch(
    `${base}/units/:id`,
    {
      config: manage,
      schema: {
        tags: uTags,
        summary: 'Update, move or deactivate a unit',
        params: governmentEntityParams,
        body: updateUnitBody,
        response: { 200: unit },
      },
    },
    async (req) => org.updateUnit({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );

  // ── employees ──
  const eTags = ['employees'];
  api.get(
    `${base}/employees`,
    {
      config: read,
      schema: {
        tags: eTags,
        summary: 'Employees (search by name or NIP)',
        params: governmentParams,
        querystring: employeeListQuery,
        response: { 200: pageOf(employee) },
      },
    },
    async (req) => org.listEmployees({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.post(
    `${base}/employees`,
    {
      config: manage,
      schema: {
        tags: eTags,
        summary: 'Register an employee (the NIP is validated)',
        params: governmentParams,
        body: createEmployeeBody,
        response: { 201: employee },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await org.createEmployee({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body })),
  );
  api.get(
    `${base}/employees/:id`,
    {
      config: read,
      schema: { tags: eTags, summary: 'One employee', params: governmentEntityParams, response: { 200: employee } },
    },
    async (req) => org.getEmployee({ db, ctx: req.ctx, ...req.params }),
  );
  api.patch(
    `${base}/employees/:id`,
    {
      config: manage,
      schema: {
        tags: eTags,
        summary: 'Update or deactivate an employee',
        params: governmentEntityParams,
        body: updateEmployeeBody,
        response: { 200: employee },
      },
    },
    async (req) => org.updateEmployee({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );

  // ── positions ──
  const pTags = ['positions'];
  api.get(
    `${base}/positions`,
    {
      config: read,
      schema: {
        tags: pTags,
        summary: 'Positions with their holders and Plt/Plh in force',
        params: governmentParams,
        querystring: positionListQuery,
        response: { 200: pageOf(position) },
      },
    },
    async (req) => org.listPositions({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.post(
    `${base}/positions`,
    {
      config: manage,
      schema: {
        tags: pTags,
        summary: 'Create a position',
        params: governmentParams,
        body: createPositionBody,
        response: { 201: position },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await org.createPosition({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body })),
  );
  api.get(
    `${base}/positions/:id`,
    {
      config: read,
      schema: { tags: pTags, summary: 'One position', params: governmentEntityParams, response: { 200: position } },
    },
    async (req) => org.getPosition({ db, ctx: req.ctx, ...req.params }),
  );
  api.patch(
    `${base}/positions/:id`,
    {
      config: manage,
      schema: {
        tags: pTags,
        summary: 'Update or deactivate a position',
        params: governmentEntityParams,
        body: updatePositionBody,
        response: { 200: position },
      },
    },
    async (req) => org.updatePosition({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );
  api.get(
    `${base}/positions/:id/assignments`,
    {
      config: read,
      schema: {
        tags: pTags,
        summary: 'History of holders and Plt/Plh of a position',
        params: governmentEntityParams,
        response: { 200: assignmentHistory },
      },
    },
    async (req) => org.listPositionAssignments({ db, ctx: req.ctx, ...req.params }),
  );
  api.post(
    `${base}/positions/:id/assignments`,
    {
      config: manage,
      schema: {
        tags: pTags,
        summary: 'Appoint a definitive holder or a Plt/Plh',
        params: governmentEntityParams,
        body: createAssignmentBody,
        response: { 201: position },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await org.assignPosition({
          db,
          ctx: req.ctx,
          governmentId: req.params.governmentId,
          positionId: req.params.id,
          input: req.body,
        }),
      ),
  );
  api.post(
    `${base}/positions/:id/assignments/:assignmentId/end`,
    {
      config: manage,
      schema: {
        tags: pTags,
        summary: 'End an assignment on a date',
        params: assignmentParams,
        body: endAssignmentBody,
        response: { 200: position },
      },
    },
    async (req) =>
      org.endPositionAssignment({
        db,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        positionId: req.params.id,
        assignmentId: req.params.assignmentId,
        endsOn: req.body.endsOn,
      }),
  );

  // ── teams ──
  const tTags = ['teams'];
  api.get(
    `${base}/teams`,
    {
      config: read,
      schema: {
        tags: tTags,
        summary: 'Teams with their members',
        params: governmentParams,
        querystring: teamListQuery,
        response: { 200: pageOf(team) },
      },
    },
    async (req) => org.listTeams({ db, ctx: req.ctx, governmentId: req.params.governmentId, query: req.query }),
  );
  api.post(
    `${base}/teams`,
    {
      config: manage,
      schema: {
        tags: tTags,
        summary: 'Create a team',
        params: governmentParams,
        body: createTeamBody,
        response: { 201: team },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await org.createTeam({ db, ctx: req.ctx, governmentId: req.params.governmentId, input: req.body })),
  );
  api.get(
    `${base}/teams/:id`,
    {
      config: read,
      schema: { tags: tTags, summary: 'One team', params: governmentEntityParams, response: { 200: team } },
    },
    async (req) => org.getTeam({ db, ctx: req.ctx, ...req.params }),
  );
  api.patch(
    `${base}/teams/:id`,
    {
      config: manage,
      schema: {
        tags: tTags,
        summary: 'Update or deactivate a team',
        params: governmentEntityParams,
        body: updateTeamBody,
        response: { 200: team },
      },
    },
    async (req) => org.updateTeam({ db, ctx: req.ctx, ...req.params, input: req.body }),
  );
  api.post(
    `${base}/teams/:id/members`,
    {
      config: manage,
      schema: {
        tags: tTags,
        summary: 'Add a member (a position or an employee) with a role',
        params: governmentEntityParams,
        body: addTeamMemberBody,
        response: { 201: team },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await org.addTeamMember({
          db,
          ctx: req.ctx,
          governmentId: req.params.governmentId,
          teamId: req.params.id,
          input: req.body,
        }),
      ),
  );
  api.delete(
    `${base}/teams/:id/members/:memberId`,
    {
      config: manage,
      schema: {
        tags: tTags,
        summary: 'End a membership (kept in history)',
        params: teamMemberParams,
        response: { 200: team },
      },
    },
    async (req) =>
      org.removeTeamMember({
        db,
        ctx: req.ctx,
        governmentId: req.params.governmentId,
        teamId: req.params.id,
        memberId: req.params.memberId,
      }),
  );

  // ── holidays (working calendar) ──
  api.get(
    `${base}/holidays`,
    {
      config: { access: { permission: 'government.read' } },
      schema: {
        tags: gTags,
        summary: 'Holidays of the working calendar',
        params: governmentParams,
        querystring: holidayListQuery,
        response: { 200: z.object({ items: z.array(holiday) }) },
      },
    },
    async (req) => org.listHolidays({ db, ctx: req.ctx, governmentId: req.params.governmentId, year: req.query.year }),
  );
  api.post(
    `${base}/holidays`,
    {
      config: { access: { permission: 'government.manage' } },
      schema: {
        tags: gTags,
        summary: 'Add a holiday',
        params: governmentParams,
        body: createHolidayBody,
        response: { 201: holiday },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await org.addHoliday({ db, ctx: req.ctx, governmentId: req.params.governmentId, ...req.body })),
  );
  api.delete(
    `${base}/holidays/:holidayId`,
    {
      config: { access: { permission: 'government.manage' } },
      schema: { tags: gTags, summary: 'Remove a holiday', params: holidayParams, response: { 200: okResponse } },
    },
    async (req) => {
      await org.removeHoliday({ db, ctx: req.ctx, ...req.params });
      return { ok: true as const };
    },
  );
}
