// A swarm VDC's instance volumes where its data really is: each pinned service names its node
// (label colo.node, chosen once by Colo), and that node is asked for the volumes of the
// appliance. A copy left on another node (a node that came back after a restore elsewhere) is
// never taken for the data.
import { LABEL, type VdcScope, vdcLabelFilter } from '../../labels';
import type { Runtime } from '../../runtime/runtime';
import type { SwarmApi } from '../deploy/swarm-api';
import { SWARM_LABEL } from '../deploy/swarm-labels';
import { SHARE_LABEL } from '../shares/share-names';

export interface PinnedVolume {
  /** The Docker volume on its node. */
  name: string;
  appliance: string;
  volume: string;
  nodeId: string;
  labels: Record<string, string>;
}

/** appliance → the node id its service is pinned to (appliances without instance volumes have none). */
export async function pinnedNodes(api: SwarmApi, scope: VdcScope): Promise<Map<string, string>> {
  const services = await api.listServices(vdcLabelFilter(scope));
  const pins = new Map<string, string>();
  for (const s of services) {
    const labels = s.Spec.Labels ?? {};
    const node = labels[SWARM_LABEL.node];
    const appliance = labels[LABEL.appliance];
    if (node && appliance && labels[LABEL.role] !== 'edge' && !labels[SHARE_LABEL.share]) pins.set(appliance, node);
  }
  return pins;
}

/** The instance volumes of `appliances` (all pinned ones when absent), each read on its own node. */
export async function pinnedVolumes(
  api: SwarmApi,
  scope: VdcScope,
  runtimeOf: (nodeId: string) => Promise<Runtime>,
  appliances?: ReadonlySet<string>,
): Promise<PinnedVolume[]> {
  const pins = await pinnedNodes(api, scope);
  const byNode = new Map<string, Set<string>>();
  for (const [appliance, node] of pins) {
    if (appliances && !appliances.has(appliance)) continue;
    byNode.set(node, (byNode.get(node) ?? new Set()).add(appliance));
  }
  const found: PinnedVolume[] = [];
  for (const [nodeId, wanted] of byNode) {
    const runtime = await runtimeOf(nodeId);
    for (const v of await runtime.listVolumes(vdcLabelFilter(scope))) {
      const appliance = v.labels[LABEL.appliance];
      const volume = v.labels[LABEL.volume];
      if (appliance && volume && wanted.has(appliance)) found.push({ name: v.name, appliance, volume, nodeId, labels: v.labels });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}
