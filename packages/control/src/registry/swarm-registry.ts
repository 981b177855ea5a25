// Colo's registry on a swarm, from control: one SwarmRegistry per process over the Docker
// endpoint Colo already uses (the manager), the certificates from registry-ca.ts, the instance,
// image namespace and port from control's settings. Tests swap the SwarmRegistry.
import { createSwarmRegistry, type RegistryState, type RegistryStatus, type SwarmRegistry } from '@colo/engine';
import { controlEnv } from '../config';
import { getRuntime } from '../docker/engine-access';
import { registryCertificates } from './registry-ca';

const holder = globalThis as typeof globalThis & { __coloSwarmRegistry?: SwarmRegistry };

export function getSwarmRegistry(): SwarmRegistry {
  if (!holder.__coloSwarmRegistry) {
    // getRuntime checks DOCKER_HOST once and names it when malformed; dockerode reads it the same way.
    getRuntime();
    holder.__coloSwarmRegistry = createSwarmRegistry();
  }
  return holder.__coloSwarmRegistry;
}

export function setSwarmRegistry(registry: SwarmRegistry | undefined): void {
  holder.__coloSwarmRegistry = registry;
}

/**
 * Brings the registry and the relays up to date for a manager the nodes reach at `address`
 * (certificates made or renewed first), then waits until it answers through the manager's relay,
 * so a push may follow at once (immediate when it already does). Idempotent; `changed` is empty
 * when nothing was to do. A node without a relay is not waited for: `status` names it.
 */
export async function ensureSwarmRegistry(address: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<RegistryState & { status: RegistryStatus }> {
  const env = controlEnv();
  const certificates = await registryCertificates([address]);
  const registry = getSwarmRegistry();
  const state = await registry.ensure({
    instance: env.COLO_INSTANCE,
    imageNamespace: env.COLO_IMAGE_NAMESPACE,
    address,
    port: env.COLO_REGISTRY_PORT,
    certificates,
  });
  const status = await registry.waitReady(env.COLO_INSTANCE, { ...options, everyNode: false });
  return { ...state, status };
}

/** The image a swarm service must name for a class image (or class version) of the manager. */
export function swarmServiceImage(ref: string): Promise<string> {
  return getSwarmRegistry().serviceImage(ref);
}
