// Colo pauses containers only inside a copy's last pass, and resumes them whatever happens to the
// copy. A worker killed in that window leaves them paused: the next run of the operation resumes
// them first, and this sweep resumes those whose VDC has no live run at all (the operation was
// given up, or the VDC was left to itself), so a site never stays frozen.
import { getPrisma } from '@colo/db';
import { LABEL } from '@colo/engine';
import { engineConfig, getRuntime } from '../docker/engine-access';

/** Returns the names of the containers it resumed. */
export async function thawAbandonedPauses(): Promise<string[]> {
  const runtime = getRuntime();
  const paused = (await runtime.listContainers([`${LABEL.managed}=true`, `${LABEL.instance}=${engineConfig().instance}`])).filter(
    (c) => c.state === 'paused',
  );
  if (paused.length === 0) return [];
  const vdcIds = [...new Set(paused.map((c) => c.labels[LABEL.vdc]).filter(Boolean))];
  const live = await getPrisma().$queryRaw<{ vdcId: string }[]>`
    SELECT DISTINCT "vdcId" FROM "Operation"
    WHERE "vdcId" = ANY(${vdcIds}) AND "status" = 'running' AND "leaseExpiresAt" > clock_timestamp()`;
  const held = new Set(live.map((r) => r.vdcId));
  const thaw = paused.filter((c) => !held.has(c.labels[LABEL.vdc]));
  await Promise.all(thaw.map((c) => runtime.unpauseContainer(c.id)));
  return thaw.map((c) => c.name);
}
