// Who is told of a VDC's alerts in the app: every member of the VDC's team. This is the one place
// that reads ownership for alerts; everything else goes through these.
import { getPrisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';

/** The VDCs whose alerts the user sees in the notification centre (their teams'): id → name. */
export async function alertVdcsOf(user: AuthUser): Promise<Map<string, string>> {
  const rows = await getPrisma().vdc.findMany({ where: { team: { members: { some: { userId: user.id } } } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}
