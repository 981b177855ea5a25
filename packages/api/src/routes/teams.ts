// Teams, their members and invitations, and team quotas.
import { z } from 'zod';
import { defineOperation as op } from '../operation';
import { quotaBody, userQuotaSchema } from '../schemas/accounts';
import {
  inviteAcceptBody,
  inviteAcceptedSchema,
  inviteAnswerSchema,
  inviteCreateBody,
  inviteCreatedSchema,
  invitePreviewSchema,
  memberRemovedSchema,
  memberRoleBody,
  teamAnswerSchema,
  teamCreateBody,
  teamDeletedSchema,
  teamsSchema,
  teamUpdateBody,
} from '../schemas/teams';

const teamParams = z.object({ team: z.string().describe('the team slug') });
const memberParams = teamParams.extend({ user: z.string().describe('a user id or an email') });
const inviteParams = teamParams.extend({ id: z.string().describe('the invitation id (inv_…)') });
const tokenParams = z.object({ token: z.string().describe("the invitation link's secret") });
const teamQuotaSchema = userQuotaSchema.omit({ user: true }).extend({ team: z.looseObject({ slug: z.string() }) });

export const teamOperations = [
  op({
    method: 'GET', path: '/api/v1/teams', operationId: 'listTeams', tag: 'Teams', auth: 'session-or-token',
    summary: "The caller's teams with their role in each", responses: { 200: { description: 'the teams', json: teamsSchema } }, errors: [],
  }),
  op({
    method: 'POST', path: '/api/v1/teams', operationId: 'createTeam', tag: 'Teams', auth: 'session-or-token', scope: 'admin',
    summary: 'Makes a team; the caller is its admin', body: teamCreateBody,
    responses: { 201: { description: 'the team', json: teamAnswerSchema } }, errors: ['name_taken'],
  }),
  op({
    method: 'GET', path: '/api/v1/teams/{team}', operationId: 'getTeam', tag: 'Teams', auth: 'session-or-token',
    summary: 'A team of the caller: members, and invitations for its admins', params: teamParams,
    responses: { 200: { description: 'the team', json: teamAnswerSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'PATCH', path: '/api/v1/teams/{team}', operationId: 'renameTeam', tag: 'Teams', auth: 'session-or-token', scope: 'admin',
    summary: "Team admins: changes the team's display name", params: teamParams, body: teamUpdateBody,
    responses: { 200: { description: 'the team', json: teamAnswerSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'DELETE', path: '/api/v1/teams/{team}', operationId: 'deleteTeam', tag: 'Teams', auth: 'session-or-token', scope: 'admin',
    summary: 'Team admins: deletes a team that owns no VDC or entry (never a personal team)', params: teamParams,
    responses: { 200: { description: 'deleted', json: teamDeletedSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'PUT', path: '/api/v1/teams/{team}/members/{user}', operationId: 'setMemberRole', tag: 'Teams', auth: 'session-or-token', scope: 'admin',
    summary: "Team admins: sets a member's role (a team keeps at least one admin)", params: memberParams, body: memberRoleBody,
    responses: { 200: { description: 'the team', json: teamAnswerSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'DELETE', path: '/api/v1/teams/{team}/members/{user}', operationId: 'removeMember', tag: 'Teams', auth: 'session-or-token', scope: 'admin',
    summary: 'Team admins remove a member; any member may remove themselves (leave)', params: memberParams,
    responses: { 200: { description: 'removed', json: memberRemovedSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'POST', path: '/api/v1/teams/{team}/invites', operationId: 'createInvite', tag: 'Teams', auth: 'session-or-token', scope: 'admin',
    summary: 'Team admins: an invitation link with a role; its secret is in this answer only', params: teamParams, body: inviteCreateBody,
    responses: { 201: { description: 'the invitation and its link', json: inviteCreatedSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'DELETE', path: '/api/v1/teams/{team}/invites/{id}', operationId: 'revokeInvite', tag: 'Teams', auth: 'session-or-token', scope: 'admin',
    summary: 'Team admins: revokes an invitation not used yet', params: inviteParams,
    responses: { 200: { description: 'the invitation', json: inviteAnswerSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'GET', path: '/api/v1/invites/{token}', operationId: 'previewInvite', tag: 'Teams', auth: 'session-or-token',
    summary: 'What an invitation link offers (team, role, state), before accepting it', params: tokenParams,
    responses: { 200: { description: 'the invitation', json: invitePreviewSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'POST', path: '/api/v1/invites/accept', operationId: 'acceptInvite', tag: 'Teams', auth: 'session-or-token', scope: 'read',
    summary: 'Joins the team of an invitation link, with its role (once)', body: inviteAcceptBody,
    responses: { 200: { description: 'the team joined', json: inviteAcceptedSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'GET', path: '/api/v1/teams/{team}/quota', operationId: 'getTeamQuota', tag: 'Teams', auth: 'session-or-token',
    summary: "A team's limits and usage (its members, and Colo admins)", params: teamParams,
    responses: { 200: { description: 'the quota', json: teamQuotaSchema } }, errors: ['not_found'],
  }),
  op({
    method: 'PUT', path: '/api/v1/teams/{team}/quota', operationId: 'setTeamQuota', tag: 'Teams', auth: 'session-or-token', scope: 'admin',
    summary: "Colo admins: sets a team's limits (null: back to the default)", params: teamParams, body: quotaBody,
    responses: { 200: { description: 'the quota', json: teamQuotaSchema } }, errors: ['not_found'],
  }),
];
