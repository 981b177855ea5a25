// Web sign-in sessions: an httpOnly cookie holding a random token, stored hashed with an expiry
// that slides forward while the session is used.
import { getPrisma } from '@colo/db';
import { newId } from '../ids';
import { type AuthUser, unauthorized } from './api-tokens';
import { hashSecretToken, newSecretToken } from './secret-token';

export const SESSION_TTL_MS = 14 * 24 * 3600_000;
// Sliding on every request would turn every read into a write; an hour's slack is invisible.
const RENEW_AFTER_MS = 3600_000;

export interface ResumedSession {
  user: AuthUser;
  expiresAt: Date;
  /** True when this call moved the expiry forward: the cookie should be sent again. */
  renewed: boolean;
}

export async function createSession(userId: string, ttlMs = SESSION_TTL_MS): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecretToken('cses');
  const expiresAt = new Date(Date.now() + ttlMs);
  const prisma = getPrisma();
  // Signing in is a natural moment to forget this user's dead sessions.
  await prisma.session.deleteMany({ where: { userId, expiresAt: { lt: new Date() } } });
  await prisma.session.create({ data: { id: newId('ses'), userId, tokenHash: hashSecretToken(token), expiresAt } });
  return { token, expiresAt };
}

/** The session's user, with its expiry pushed to a full TTL from now when it has aged. */
export async function resumeSession(token: string | null | undefined): Promise<ResumedSession> {
  if (!token || token.length > 200) throw unauthorized();
  const prisma = getPrisma();
  const row = await prisma.session.findUnique({ where: { tokenHash: hashSecretToken(token) }, include: { user: true } });
  const now = Date.now();
  if (!row || row.expiresAt.getTime() <= now) throw unauthorized();
  const user = { id: row.user.id, email: row.user.email, name: row.user.name };
  if (row.expiresAt.getTime() - now > SESSION_TTL_MS - RENEW_AFTER_MS) return { user, expiresAt: row.expiresAt, renewed: false };
  const expiresAt = new Date(now + SESSION_TTL_MS);
  await prisma.session.update({ where: { id: row.id }, data: { expiresAt, lastSeenAt: new Date(now) } });
  return { user, expiresAt, renewed: true };
}

export async function authenticateSession(token: string | null | undefined): Promise<AuthUser> {
  return (await resumeSession(token)).user;
}

export async function endSession(token: string): Promise<void> {
  await getPrisma().session.deleteMany({ where: { tokenHash: hashSecretToken(token) } });
}
