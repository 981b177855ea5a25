// fs wires on a swarm: a client appliance mounts its NAS's share (shares/README.md) instead of
// the NAS's instance volume, which lives on one node only. So clients go anywhere (no pin beside
// the NAS), and the deployer makes each share exist after its NAS and before its clients.
import type Dockerode from 'dockerode';
import type { DesiredState } from '../../desired/types';
import type { ShareWiring } from '../shares/share-wiring';

/**
 * The state with every client container's fs mounts swapped for its share's client mount. Per
 * container, by mount target: the wiring is worked out from each appliance's first replica, and
 * replicas mount alike (one service).
 */
export function withShareMounts(desired: DesiredState, wiring: ShareWiring): DesiredState {
  if (wiring.clientMounts.size === 0) return desired;
  const owner = new Map(desired.volumes.map((v) => [v.name, v.appliance]));
  const containers = desired.containers.map((c) => {
    const replaced = wiring.clientMounts.get(c.appliance);
    const mounts = c.create.HostConfig?.Mounts;
    if (!replaced || !mounts) return c;
    const byTarget = new Map(replaced.map((m) => [m.Target, m]));
    const next: Dockerode.MountSettings[] = mounts.map((m) => {
      const server = m.Source ? owner.get(m.Source) : undefined;
      return server !== undefined && server !== c.appliance ? (byTarget.get(m.Target) ?? m) : m;
    });
    // Its volumes no longer name the NAS's: placement pins by them (placement.ts), and a share
    // reaches every node.
    const volumes = c.volumes.filter((v) => owner.get(v) === undefined || owner.get(v) === c.appliance);
    return { ...c, volumes, create: { ...c.create, HostConfig: { ...c.create.HostConfig, Mounts: next } } };
  });
  return { ...desired, containers };
}
