// API tokens for the CLI and scripts: `colo_<40 chars>`, stored hashed, scoped, optionally
// expiring, revocable.
import { getPrisma } from '@colo/db';
import { ColoError } from '../errors';
import { newId } from '../ids';
import { hashSecretToken, newSecretToken } from './secret-token';
import type { TokenScope } from './token-scope';

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  /**
   * What the request asks to do, as a token scope (`read` for a GET, `deploy` for a change,
   * `admin` for managing): a team's VDC is reached only when the caller's role in the team
   * allows it (teams/team-roles.ts). The API's route wrapper sets it; unset means `admin`.
   */
  right?: TokenScope;
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  prefix: string;
  scope: TokenScope;
  createdAt: Date;
  /** Null: never expires. */
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewTokenOptions {
  /** `admin` unless told: the bootstrap token of a fresh install must be able to do everything. */
  scope?: TokenScope;
  expiresAt?: Date | null;
}

/** Who a bearer token speaks for, and how far. */
export interface TokenCaller {
  user: AuthUser;
  scope: TokenScope;
  tokenId: string;
}

const PREFIX_LENGTH = 12;
// Writing lastUsedAt on every request would make every read a write; a minute is precise enough.
const LAST_USED_RESOLUTION_MS = 60_000;

/** Returns the token itself once; only its hash is kept. */
export async function createApiToken(userId: string, name: string, options: NewTokenOptions = {}): Promise<{ token: string; info: ApiTokenInfo }> {
  if (options.expiresAt && options.expiresAt.getTime() <= Date.now()) throw new ColoError('bad_request', 'expiresAt must be in the future');
  const token = newSecretToken('colo');
  const row = await getPrisma().apiToken.create({
    data: {
      id: newId('tok'),
      userId,
      name,
      tokenHash: hashSecretToken(token),
      prefix: token.slice(0, PREFIX_LENGTH),
      scope: options.scope ?? 'admin',
      expiresAt: options.expiresAt ?? null,
    },
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

/** The user and scope of a bearer token; ColoError `unauthorized` for a missing, unknown, expired or revoked one. */
export async function authenticateToken(token: string | null | undefined): Promise<TokenCaller> {
  if (!token || token.length > 200) throw unauthorized();
  const prisma = getPrisma();
  const row = await prisma.apiToken.findUnique({ where: { tokenHash: hashSecretToken(token) }, include: { user: true } });
  if (!row || row.revokedAt) throw unauthorized();
  const now = Date.now();
  if (row.expiresAt && row.expiresAt.getTime() <= now) {
    throw new ColoError('unauthorized', `this API token expired at ${row.expiresAt.toISOString()}: create a new one`);
  }
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { user: { id: row.user.id, email: row.user.email, name: row.user.name }, scope: row.scope, tokenId: row.id };
}

/** The user a bearer token belongs to (whatever its scope). */
export async function authenticate(token: string | null | undefined): Promise<AuthUser> {
  return (await authenticateToken(token)).user;
}

export function unauthorized(): ColoError {
  return new ColoError('unauthorized', 'sign in or pass a valid API token (Authorization: Bearer <token>)');
}

function tokenInfo(row: ApiTokenInfo): ApiTokenInfo {
  const { id, name, prefix, scope, createdAt, expiresAt, lastUsedAt, revokedAt } = row;
  return { id, name, prefix, scope, createdAt, expiresAt, lastUsedAt, revokedAt };
}
