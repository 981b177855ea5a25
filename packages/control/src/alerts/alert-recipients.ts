// Who is told of a VDC's alerts. Today that is the VDC's owner: this is the one place that reads
// ownership for alerts (teams will change it here), everything else goes through these.
import { getPrisma } from '@colo/db';
import type { AuthUser } from '../auth/api-tokens';

/** The VDCs whose alerts the user sees in the notification centre: id → name. */
export async function alertVdcsOf(user: AuthUser): Promise<Map<string, string>> {
  const rows = await getPrisma().vdc.findMany({ where: { ownerId: user.id }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}
