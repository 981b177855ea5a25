// The registry behind one small interface, over Colo's one Docker endpoint (the swarm manager),
// so control uses it without dockerode, as it uses the Runtime and the ClusterApi.
import Dockerode from 'dockerode';
import { type EnsureRegistryOptions, ensureRegistry, type RegistryState, removeRegistry } from './ensure-registry';
import { type PushedImage, pushImage, resolveServiceImage } from './push-image';
import { type RegistryStatus, registryStatus, waitForRegistry } from './registry-status';

export { registryImages } from './registry-services';

export interface SwarmRegistry {
  ensure(options: Omit<EnsureRegistryOptions, 'docker'>): Promise<RegistryState>;
  /** Pushes an image of the manager (a class image, a class version) and returns its pinned reference. */
  push(ref: string, options?: { signal?: AbortSignal }): Promise<PushedImage>;
  /** The reference a service must name for `ref`, pushing it first when the registry lacks it. */
  serviceImage(ref: string): Promise<string>;
  remove(instance: string, options?: { purge?: boolean }): Promise<void>;
  /** The registry's task, a relay per node, and whether it answers through the manager's relay. */
  status(instance: string): Promise<RegistryStatus>;
  /** Until it can serve every node (`timeout` naming what is missing). */
  waitReady(instance: string, options?: { timeoutMs?: number; signal?: AbortSignal; everyNode?: boolean }): Promise<RegistryStatus>;
}

export function createSwarmRegistry(docker: Dockerode = new Dockerode()): SwarmRegistry {
  return {
    ensure: (options) => ensureRegistry({ ...options, docker }),
    push: (ref, options) => pushImage(docker, ref, options),
    serviceImage: (ref) => resolveServiceImage(docker, ref),
    remove: (instance, options) => removeRegistry(docker, instance, options),
    status: (instance) => registryStatus(docker, instance),
    waitReady: (instance, options) => waitForRegistry(docker, instance, options),
  };
}
