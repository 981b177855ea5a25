// What the audit log says about an API token: its id, name and prefix (what the tokens page
// shows), never the token or its hash. Looked up before a revocation, while the row says so.
import { getPrisma } from '@colo/db';

export interface AuditTokenRef {
  id: string;
  name: string;
  prefix: string;
  scope: string;
}

/** One of `userId`'s tokens; undefined for anyone else's or an unknown id. Never throws. */
export async function auditTokenRef(userId: string, tokenId: string): Promise<AuditTokenRef | undefined> {
  try {
    const row = await getPrisma().apiToken.findFirst({ where: { id: tokenId, userId }, select: { id: true, name: true, prefix: true, scope: true } });
    return row ?? undefined;
  } catch {
    return undefined;
  }
}
