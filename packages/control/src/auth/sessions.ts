// Web sign-in sessions: an httpOnly cookie holding a random token, stored hashed with an expiry.
import { getPrisma } from '@colo/db';
import { newId } from '../ids';
import { type AuthUser, unauthorized } from './api-tokens';
import { hashSecretToken, newSecretToken } from './secret-token';

export const SESSION_TTL_MS = 14 * 24 * 3600_000;

export async function createSession(userId: string, ttlMs = SESSION_TTL_MS): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecretToken('cses');
  const expiresAt = new Date(Date.now() + ttlMs);
  await getPrisma().session.create({ data: { id: newId('ses'), userId, tokenHash: hashSecretToken(token), expiresAt } });
  return { token, expiresAt };
}

export async function authenticateSession(token: string | null | undefined): Promise<AuthUser> {
  if (!token || token.length > 200) throw unauthorized();
  const row = await getPrisma().session.findUnique({ where: { tokenHash: hashSecretToken(token) }, include: { user: true } });
  if (!row || row.expiresAt.getTime() <= Date.now()) throw unauthorized();
  return { id: row.user.id, email: row.user.email, name: row.user.name };
}

export async function endSession(token: string): Promise<void> {
  await getPrisma().session.deleteMany({ where: { tokenHash: hashSecretToken(token) } });
}
