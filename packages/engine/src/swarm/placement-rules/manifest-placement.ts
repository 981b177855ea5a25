// The manifest's placement (issue 10) as the swarm deployer's options: failover groups, each
// appliance's node choice, and each exposed port's node. The worker passes them to
// planSwarmVdc / deploySwarmVdc; a single host ignores them (the manifest's placementNotes).
import { failoverGroups, type ResolvedManifest } from '@colo/manifest';

export interface SwarmPlacementOptions {
  /** Appliances kept on different nodes where enough exist (groups of two or more). */
  failoverGroups: string[][];
  /** appliance → a node hostname or `label:key=value`. */
  applianceNodes: Record<string, string>;
  /** host port → a node hostname or `label:key=value` whose address publishes it. */
  listenerNodes: Record<number, string>;
}

export function swarmPlacement(manifest: Pick<ResolvedManifest, 'appliances'>): SwarmPlacementOptions {
  const applianceNodes: Record<string, string> = {};
  const listenerNodes: Record<number, string> = {};
  for (const a of manifest.appliances) {
    if (a.placement?.node !== undefined) applianceNodes[a.name] = a.placement.node;
    for (const e of a.expose) if (e.node !== undefined) listenerNodes[e.port] = e.node;
  }
  return { failoverGroups: [...failoverGroups(manifest).values()], applianceNodes, listenerNodes };
}
