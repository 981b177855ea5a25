// What a team's VDCs take now: every VDC of the team that is not destroyed, as its latest revision
// asks (what its next deploy would run), except the one being validated.
import { getPrisma } from '@colo/db';
import type { Catalog } from '@colo/manifest';
import { expandStored } from '../assemblies/expand-stored';
import { addAmounts, type QuotaAmounts, zeroAmounts } from './quota-amounts';
import { manifestUsage } from './manifest-usage';

export async function vdcsUsage(teamId: string, catalog: Catalog, exceptVdcId?: string): Promise<QuotaAmounts> {
  const rows = await getPrisma().$queryRaw<{ manifest: unknown }[]>`
    SELECT r."manifest"
    FROM "Vdc" v
    JOIN "Revision" r ON r."vdcId" = v."id" AND r."number" = v."latestRevision"
    WHERE v."teamId" = ${teamId} AND v."state" <> 'destroyed' AND v."id" <> ${exceptVdcId ?? ''}`;
  let total = zeroAmounts();
  for (const row of rows) total = addAmounts(total, manifestUsage((await expandStored(row.manifest)).manifest, catalog).total);
  return total;
}
