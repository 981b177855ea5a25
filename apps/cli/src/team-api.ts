// The team routes of the REST API (`/api/v1/teams`, `/api/v1/invites`) as `colo team` calls
// them, their answers read with the contract's schemas (@colo/api).
import {
  inviteAcceptedSchema,
  inviteAnswerSchema,
  inviteCreatedSchema,
  invitePreviewSchema,
  memberRemovedSchema,
  teamAnswerSchema,
  teamDeletedSchema,
  teamsSchema,
  userQuotaSchema,
} from '@colo/api';
import { z } from 'zod';
import { type ColoClient, seg } from './api-client';

const teamQuotaSchema = userQuotaSchema.omit({ user: true }).extend({ team: z.looseObject({ slug: z.string() }) });

export const teamApi = {
  list: (c: ColoClient) => c.call('GET', '/teams', teamsSchema),
  create: (c: ColoClient, body: { slug: string; name?: string }) => c.call('POST', '/teams', teamAnswerSchema, { body }),
  get: (c: ColoClient, team: string) => c.call('GET', `/teams/${seg(team)}`, teamAnswerSchema),
  rename: (c: ColoClient, team: string, name: string) => c.call('PATCH', `/teams/${seg(team)}`, teamAnswerSchema, { body: { name } }),
  remove: (c: ColoClient, team: string) => c.call('DELETE', `/teams/${seg(team)}`, teamDeletedSchema),
  setRole: (c: ColoClient, team: string, user: string, role: string) =>
    c.call('PUT', `/teams/${seg(team)}/members/${seg(user)}`, teamAnswerSchema, { body: { role } }),
  removeMember: (c: ColoClient, team: string, user: string) => c.call('DELETE', `/teams/${seg(team)}/members/${seg(user)}`, memberRemovedSchema),
  invite: (c: ColoClient, team: string, body: { role: string; expiresInHours: number }) =>
    c.call('POST', `/teams/${seg(team)}/invites`, inviteCreatedSchema, { body }),
  revokeInvite: (c: ColoClient, team: string, id: string) => c.call('DELETE', `/teams/${seg(team)}/invites/${seg(id)}`, inviteAnswerSchema),
  previewInvite: (c: ColoClient, token: string) => c.call('GET', `/invites/${seg(token)}`, invitePreviewSchema),
  acceptInvite: (c: ColoClient, token: string) => c.call('POST', '/invites/accept', inviteAcceptedSchema, { body: { token } }),
  quota: (c: ColoClient, team: string) => c.call('GET', `/teams/${seg(team)}/quota`, teamQuotaSchema),
  setQuota: (c: ColoClient, team: string, body: Record<string, number | string | null>) =>
    c.call('PUT', `/teams/${seg(team)}/quota`, teamQuotaSchema, { body }),
};
