// API tokens for the CLI and scripts: `colo_<40 chars>`, stored hashed, revocable.
import { getPrisma } from '@colo/db';
import { ColoError } from '../errors';
import { newId } from '../ids';
import { hashSecretToken, newSecretToken } from './secret-token';

export interface AuthUser {
  id: string;
  email: string;
  name: string;
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const PREFIX_LENGTH = 12;
// Writing lastUsedAt on every request would make every read a write; a minute is precise enough.
const LAST_USED_RESOLUTION_MS = 60_000;

/** Returns the token itself once; only its hash is kept. */
export async function createApiToken(userId: string, name: string): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = newSecretToken('colo');
  const row = await getPrisma().apiToken.create({
    data: { id: newId('tok'), userId, name, tokenHash: hashSecretToken(token), prefix: token.slice(0, PREFIX_LENGTH) },
  });
  return { token, info: tokenInfo(row) };
}

export async function listApiTokens(userId: string): Promise<ApiTokenInfo[]> {
  const rows = await getPrisma().apiToken.findMany({ where: { userId }, orderBy: { createdAt: 'desc' } });
  return rows.map(tokenInfo);
}

export async function revokeApiToken(userId: string, tokenId: string): Promise<void> {
  const { count } = await getPrisma().apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new ColoError('not_found', 'token not found');
}

/** The user a bearer token belongs to; ColoError `unauthorized` for a missing, unknown or revoked one. */
export async function authenticate(token: string | null | undefined): Promise<AuthUser> {
  if (!token || token.length > 200) throw unauthorized();
  const prisma = getPrisma();
  const row = await prisma.apiToken.findUnique({ where: { tokenHash: hashSecretToken(token) }, include: { user: true } });
  if (!row || row.revokedAt) throw unauthorized();
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { id: row.user.id, email: row.user.email, name: row.user.name };
}

export function unauthorized(): ColoError {
  return new ColoError('unauthorized', 'sign in or pass a valid API token (Authorization: Bearer <token>)');
}

function tokenInfo(row: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): ApiTokenInfo {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt, revokedAt: row.revokedAt };
}
