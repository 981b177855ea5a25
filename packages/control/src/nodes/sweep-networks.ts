// Networks a destroy had to leave behind: a task on a lost node held them on the manager's books.
// Once that node is removed from the swarm its tasks are gone, and so is the hold; the networks of
// VDCs that are destroyed (or deleted) go then. A VDC that is not destroyed keeps its networks
// whatever they look like, so a deploy that has made its networks and not yet its services is safe.
import { getPrisma } from '@colo/db';
import { LABEL } from '@colo/engine';
import { engineConfig } from '../docker/engine-access';
import { getSwarmEngine } from '../docker/engine-mode';

export async function sweepDestroyedVdcNetworks(): Promise<string[]> {
  const { api } = getSwarmEngine();
  const networks = await api.listNetworks([`${LABEL.managed}=true`, `${LABEL.instance}=${engineConfig().instance}`]);
  const vdcIds = [...new Set(networks.map((n) => n.Labels?.[LABEL.vdc]).filter((v): v is string => Boolean(v)))];
  if (vdcIds.length === 0) return [];
  const alive = new Set(
    (await getPrisma().vdc.findMany({ where: { id: { in: vdcIds }, state: { not: 'destroyed' } }, select: { id: true } })).map((v) => v.id),
  );
  const removed: string[] = [];
  for (const n of networks) {
    const vdc = n.Labels?.[LABEL.vdc];
    if (!vdc || alive.has(vdc)) continue;
    await api.removeNetwork(n.Name).then(
      () => removed.push(n.Name),
      () => undefined,
    );
  }
  return removed;
}
