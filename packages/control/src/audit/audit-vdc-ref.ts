// Which VDC an audited request names, as the caller sees it: found through the same lookup as
// every VDC route, so the log never names a VDC the caller could not see.
import type { AuthUser } from '../auth/api-tokens';
import { vdcIdOf } from '../vdcs/find-vdc';

export interface AuditVdc {
  /** Null: no such VDC (yet, or for this caller). */
  id: string | null;
  name: string;
  teamId?: string | null;
}

/** Never throws: a name that cannot be looked up is recorded as named. */
export async function auditVdcRef(user: AuthUser, name: string): Promise<AuditVdc> {
  try {
    const found = await vdcIdOf(user, name);
    return { id: found?.id ?? null, name, teamId: found?.teamId ?? null };
  } catch {
    return { id: null, name };
  }
}
