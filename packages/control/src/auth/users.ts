// Users, and the bootstrap that gives a fresh installation its first user and a CLI token.
import { randomBytes } from 'node:crypto';
import { getPrisma } from '@colo/db';
import { z } from 'zod';
import { ColoError } from '../errors';
import { createPersonalTeam } from '../teams/personal-team';
import { newId } from '../ids';
import { type AuthUser, createApiToken, unauthorized } from './api-tokens';
import { hashPassword, needsRehash, verifyAgainstNothing, verifyPassword } from './password';
import type { UserRole } from './roles';

const emailSchema = z.string().trim().toLowerCase().pipe(z.email());

export function normaliseEmail(email: string): string {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) throw new ColoError('bad_request', `not an email address: ${email}`);
  return parsed.data;
}

export async function createUser(input: { email: string; name?: string; password?: string; role?: UserRole }): Promise<AuthUser> {
  const email = normaliseEmail(input.email);
  const prisma = getPrisma();
  if (await prisma.user.findUnique({ where: { email } })) throw new ColoError('name_taken', `a user with email ${email} exists`);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { id: newId('usr'), email, name: input.name ?? email.split('@')[0], passwordHash, role: input.role ?? 'user' },
    });
    await createPersonalTeam(tx, user);
    return { id: user.id, email: user.email, name: user.name };
  });
}

export async function setPassword(userId: string, password: string): Promise<void> {
  if (password.length < 8) throw new ColoError('bad_request', 'a password needs at least 8 characters');
  await getPrisma().user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password) } });
}

/**
 * Checks an email and password (web sign-in); the same error, after the same time, whether the
 * user or the password is wrong. A hash made with weaker parameters than today's is replaced.
 */
export async function signIn(email: string, password: string): Promise<AuthUser> {
  const prisma = getPrisma();
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user?.passwordHash) {
    await verifyAgainstNothing(password);
    throw unauthorized();
  }
  if (!(await verifyPassword(password, user.passwordHash))) throw unauthorized();
  if (needsRehash(user.passwordHash)) {
    // Only if unchanged meanwhile: a password set since then wins.
    const passwordHash = await hashPassword(password);
    await prisma.user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash } });
  }
  return { id: user.id, email: user.email, name: user.name };
}

export interface LocalAdmin {
  user: AuthUser;
  /** A new API token for the local CLI, shown once. */
  token: string;
  /** Set only when this call created the user: the initial web password, shown once. */
  password?: string;
  created: boolean;
}

/**
 * Makes sure the user exists (creating it as an admin with a random password the first time) and
 * issues a new CLI token. Safe to run on every bring-up.
 */
export async function ensureLocalAdmin(input: { email?: string; name?: string; tokenName?: string } = {}): Promise<LocalAdmin> {
  const email = normaliseEmail(input.email ?? 'admin@colo.local');
  const prisma = getPrisma();
  const existing = await prisma.user.findUnique({ where: { email } });
  let user: AuthUser;
  let password: string | undefined;
  if (existing) {
    user = { id: existing.id, email: existing.email, name: existing.name };
  } else {
    password = randomBytes(12).toString('base64url');
    try {
      user = await createUser({ email, name: input.name ?? 'Admin', password, role: 'admin' });
    } catch (err) {
      // Two bring-ups racing: the other one created it; use theirs.
      const raced = await prisma.user.findUnique({ where: { email } });
      if (!raced) throw err;
      user = { id: raced.id, email: raced.email, name: raced.name };
      password = undefined;
    }
  }
  const { token } = await createApiToken(user.id, input.tokenName ?? 'local cli');
  return { user, token, password, created: password !== undefined };
}
