// Reading and setting quotas. Quotas belong to teams; a user's own quota is their personal
// team's. A user sees their own limits and usage (`GET /me`); an admin reads and sets anyone's
// (`GET/PUT /users/:id/quota`, where :id is a user id or an email) and any team's (team-quota.ts).
import { quotaBody } from '@colo/api';
import { getPrisma, type User } from '@colo/db';
import { MEMORY_PATTERN, parseMemory } from '@colo/manifest';
import { z } from 'zod';
import type { AuthUser } from '../auth/api-tokens';
import { requireAdmin } from '../auth/roles';
import { getCatalog } from '../catalog';
import { ColoError, parseInput } from '../errors';
import { personalTeam } from '../teams/personal-team';
import type { QuotaAmounts } from './quota-amounts';
import { effectiveLimits, overridesOf, type QuotaOverrides } from './quota-limits';
import { vdcsUsage } from './quota-usage';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'user';
}

export interface QuotaView {
  /** What applies: the override where an admin set one, else the installation's default. */
  limits: QuotaAmounts;
  /** What the user's VDCs that are not destroyed take, by their latest revision. */
  usage: QuotaAmounts;
}

export interface UserQuotaView {
  user: UserView;
  quota: QuotaView & { overrides: QuotaOverrides };
}

/** `PUT /users/:id/quota`: the contract's body (@colo/api), memory text checked against the manifest's size pattern. */
export const quotaInputSchema = quotaBody.superRefine((body, ctx) => {
  if (typeof body.memory === 'string' && !MEMORY_PATTERN.test(body.memory)) ctx.addIssue({ code: 'custom', path: ['memory'], message: 'must be bytes or a size like "8Gi"' });
});

export type QuotaInput = z.infer<typeof quotaInputSchema>;

export function userView(u: Pick<User, 'id' | 'email' | 'name' | 'role'>): UserView {
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

async function findUser(idOrEmail: string): Promise<User> {
  const key = idOrEmail.trim().toLowerCase();
  const user = await getPrisma().user.findFirst({ where: key.includes('@') ? { email: key } : { id: idOrEmail } });
  if (!user) throw new ColoError('not_found', `user "${idOrEmail}" not found`);
  return user;
}

/** A team's limits, usage and what an admin set. */
export async function quotaOf(teamId: string): Promise<QuotaView & { overrides: QuotaOverrides }> {
  const [row, catalog] = await Promise.all([getPrisma().teamQuota.findUnique({ where: { teamId } }), getCatalog()]);
  const overrides = overridesOf(row);
  return { limits: effectiveLimits(overrides), usage: await vdcsUsage(teamId, catalog), overrides };
}

async function personalQuotaOf(userId: string): Promise<QuotaView & { overrides: QuotaOverrides }> {
  return quotaOf((await personalTeam(userId)).id);
}

/** The body of a quota update as columns (undefined: unchanged; null: back to the default). */
export function quotaColumns(input: unknown) {
  const q = parseInput(quotaInputSchema, input, 'quota');
  return {
    ...(q.appliances !== undefined ? { appliances: q.appliances } : {}),
    ...(q.containers !== undefined ? { containers: q.containers } : {}),
    ...(q.cpu !== undefined ? { cpu: q.cpu } : {}),
    ...(q.memory !== undefined ? { memoryBytes: q.memory === null ? null : BigInt(parseMemory(q.memory)) } : {}),
    ...(q.hostPorts !== undefined ? { hostPorts: q.hostPorts } : {}),
  };
}

/** `GET /me`: who the caller is, with their own limits and usage. */
export async function meView(user: AuthUser): Promise<{ user: UserView; quota: QuotaView }> {
  const row = await getPrisma().user.findUniqueOrThrow({ where: { id: user.id } });
  const { limits, usage } = await personalQuotaOf(user.id);
  return { user: userView(row), quota: { limits, usage } };
}

/** An admin reads anyone's quota; a user only their own. */
export async function getUserQuota(viewer: AuthUser, idOrEmail: string): Promise<UserQuotaView> {
  const self = idOrEmail === viewer.id || idOrEmail.trim().toLowerCase() === viewer.email;
  if (!self) await requireAdmin(viewer, "read another user's quota");
  const user = await findUser(idOrEmail);
  return { user: userView(user), quota: await personalQuotaOf(user.id) };
}

export async function setUserQuota(admin: AuthUser, idOrEmail: string, input: unknown): Promise<UserQuotaView> {
  await requireAdmin(admin, 'set quotas');
  const data = quotaColumns(input);
  const user = await findUser(idOrEmail);
  const teamId = (await personalTeam(user.id)).id;
  await getPrisma().teamQuota.upsert({ where: { teamId }, create: { teamId, ...data }, update: data });
  return { user: userView(user), quota: await quotaOf(teamId) };
}
