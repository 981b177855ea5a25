// The hook for the swarm deployer: from a DesiredState (built for a single host, where an `fs`
// client mounts its server's instance volume), the shares to ensure and, per client appliance,
// the mounts that replace those volumes in its service. On a single host nothing changes.
import type Dockerode from 'dockerode';
import type { DesiredContainer, DesiredState } from '../../desired/types';
import { EngineError } from '../../engine-error';
import { shareClientMount } from './client-mount';
import { shareKey } from './share-names';
import { type Share, shareOwner } from './share-types';

/** A share as the desired state names it; the node is the deployer's (where the NAS is pinned). */
export type WiredShare = Omit<Share, 'nodeId'>;

export interface ShareWiring {
  /** To ensure once the NAS's service runs and before its clients start: `{ ...share, nodeId }`. */
  shares: WiredShare[];
  /**
   * Per client appliance, its container's `HostConfig.Mounts` with every fs mount replaced by the
   * share's client mount (the service's `ContainerSpec.Mounts`). Absent: the appliance mounts no share.
   */
  clientMounts: Map<string, Dockerode.MountSettings[]>;
}

export function shareWiring(state: DesiredState): ShareWiring {
  const volumes = new Map(state.volumes.map((v) => [v.name, v]));
  const firstOf = new Map<string, DesiredContainer>();
  for (const c of state.containers) if (!firstOf.has(c.appliance) || c.replica < firstOf.get(c.appliance)!.replica) firstOf.set(c.appliance, c);
  const scope = { instance: state.instance, vdcId: state.vdc.id };

  const shares = new Map<string, WiredShare>();
  const clientMounts = new Map<string, Dockerode.MountSettings[]>();
  for (const client of firstOf.values()) {
    const mounts = client.create.HostConfig?.Mounts ?? [];
    let replaced = false;
    const next = mounts.map((m) => {
      const volume = m.Type === 'volume' && m.Source ? volumes.get(m.Source) : undefined;
      // Its own instance volumes stay its own; another appliance's is an fs wire.
      if (!volume || volume.appliance === client.appliance) return m;
      const server = firstOf.get(volume.appliance);
      if (!server) throw new EngineError('invalid_manifest', `${client.appliance}: mounts ${volume.name} of ${volume.appliance}, which has no container`);
      const owner = shareOwner(server.create.User);
      if (!owner) {
        throw new EngineError(
          'invalid_manifest',
          `${volume.appliance}: runs as ${server.create.User ?? "the image's user"}; a share on a swarm runs as www-data or nobody, never root`,
        );
      }
      const key = shareKey(state.vdc.key, volume.appliance, volume.volume);
      shares.set(key, { key, scope, appliance: volume.appliance, volume: volume.volume, volumeName: volume.name, owner });
      replaced = true;
      return shareClientMount(scope, key, m.Target, m.ReadOnly ?? false);
    });
    if (replaced) clientMounts.set(client.appliance, next);
  }
  return { shares: [...shares.values()].sort((a, b) => a.key.localeCompare(b.key)), clientMounts };
}
