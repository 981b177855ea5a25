// Teams: who owns VDCs, entries and quotas; members with roles; invitations by link.
import { z } from 'zod';

export const TEAM_ROLES = ['viewer', 'operator', 'admin'] as const;
const role = z.enum(TEAM_ROLES);

export const teamCreateBody = z.strictObject({
  slug: z.string().min(1).max(40).describe('a DNS label: lowercase letters, digits, inner hyphens'),
  name: z.string().trim().min(1).max(100).optional(),
});
export const teamUpdateBody = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const memberRoleBody = z.strictObject({ role });
export const inviteCreateBody = z.strictObject({
  role: role.default('viewer'),
  expiresInHours: z.number().int().min(1).max(720).default(72).describe('1 to 720 hours; 72 unless told'),
});
export const inviteAcceptBody = z.strictObject({ token: z.string().min(1).max(200) });

const when = z.union([z.string(), z.date()]);
export const teamSummarySchema = z.looseObject({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  personal: z.boolean(),
  role,
  members: z.number(),
  vdcs: z.number(),
});
export const teamMemberSchema = z.looseObject({ userId: z.string(), email: z.string(), name: z.string(), role, since: when });
export const teamInviteSchema = z.looseObject({
  id: z.string(),
  role,
  createdAt: when,
  expiresAt: when,
  state: z.enum(['open', 'accepted', 'revoked', 'expired']),
  acceptedBy: z.string().nullable(),
});
export const teamSchema = teamSummarySchema.extend({ memberList: z.array(teamMemberSchema), invites: z.array(teamInviteSchema).optional() });
export const teamsSchema = z.looseObject({ teams: z.array(teamSummarySchema) });
export const teamAnswerSchema = z.looseObject({ team: teamSchema });
export const inviteCreatedSchema = z.looseObject({ invite: teamInviteSchema, token: z.string(), url: z.string() });
export const inviteAnswerSchema = z.looseObject({ invite: teamInviteSchema });
export const invitePreviewSchema = z.looseObject({ team: z.looseObject({ slug: z.string(), name: z.string() }), role, state: teamInviteSchema.shape.state });
export const inviteAcceptedSchema = z.looseObject({ team: z.looseObject({ slug: z.string(), name: z.string() }), role });
export const memberRemovedSchema = z.looseObject({ removed: z.string() });
export const teamDeletedSchema = z.looseObject({ deleted: z.string() });

export type TeamSummary = z.infer<typeof teamSummarySchema>;
export type TeamDetail = z.infer<typeof teamSchema>;
export type TeamInvite = z.infer<typeof teamInviteSchema>;
