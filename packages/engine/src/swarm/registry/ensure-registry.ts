// Brings Colo's registry on a swarm to what it should be, through the manager's engine only:
// the certificates as Swarm secrets, the registry service (pinned to the manager, its storage
// in a volume there) and the relay (global). Idempotent: a second call with the same input
// changes nothing (the services' `colo.spec` match, the secrets exist by content-named names).
//
// The relay image must already be on every node: it is what lets nodes pull, so it cannot come
// through the registry (`distributeBySaveLoad` puts it there; a node joining later gets it the
// same way). The registry image need only be on the manager.
import type Dockerode from 'dockerode';
import { EngineError } from '../../engine-error';
import { ensureContentSecret, ensureSystemService, hostNetworkId, ignoreMissing, removeUnusedSecrets, swarmCall } from '../system-service';
import type { RegistryCertificates } from './registry-pki';
import {
  DEFAULT_REGISTRY_PORT,
  type RegistrySpecInput,
  registryImages,
  registryServiceName,
  registryServiceSpec,
  relayServiceName,
  relayServiceSpec,
  registryVolumeName,
  type SecretRef,
} from './registry-services';

const call = swarmCall('registry');

export interface EnsureRegistryOptions {
  /** The swarm manager's engine (Colo's Docker endpoint in swarm mode). */
  docker: Dockerode;
  /** COLO_INSTANCE: names and labels. */
  instance: string;
  /** The manager's address every node reaches; must be in the server certificate's SAN. */
  address: string;
  certificates: RegistryCertificates;
  /** Published in host mode on the manager. Default 5443. */
  port?: number;
  /** Default `<imageNamespace>/registry:1` and `<imageNamespace>/registry-relay:1`. */
  imageNamespace?: string;
  registryImage?: string;
  relayImage?: string;
  /** Extra labels on every object (tests mark theirs). */
  labels?: Record<string, string>;
}

export interface RegistryState {
  /** What this call created or updated (`registry secrets`, `registry service`, …); empty: a no-op. */
  changed: string[];
  nodeId: string;
  port: number;
}

const SECRET_ROLE = 'registry-secret';

export async function ensureRegistry(options: EnsureRegistryOptions): Promise<RegistryState> {
  const { docker, instance } = options;
  const port = options.port ?? DEFAULT_REGISTRY_PORT;
  const info = (await call(() => docker.info(), 'read the engine')) as { Swarm?: { NodeID?: string; LocalNodeState?: string; ControlAvailable?: boolean } };
  if (info.Swarm?.LocalNodeState !== 'active' || !info.Swarm.ControlAvailable || !info.Swarm.NodeID) {
    throw new EngineError('conflict', 'the registry needs a swarm manager: this engine is not one', { retryable: false });
  }
  const nodeId = info.Swarm.NodeID;
  const changed: string[] = [];
  const { ca, server, client } = options.certificates;
  const secret = (kind: string, file: string, data: string) =>
    ensureContentSecret(docker, call, { stem: `colo-${instance}-registry`, kind, file, data, instance, role: SECRET_ROLE, labels: options.labels }, changed);
  const registrySecrets = [
    await secret('ca', 'registry-ca.pem', ca.cert),
    await secret('cert', 'registry-cert.pem', server.cert),
    await secret('key', 'registry-key.pem', server.key),
  ];
  const relaySecrets = [
    registrySecrets[0] as SecretRef,
    await secret('relay-cert', 'relay-cert.pem', client.cert),
    await secret('relay-key', 'relay-key.pem', client.key),
  ];
  const defaults = registryImages(options.imageNamespace);
  const registryImage = options.registryImage ?? defaults.registry;
  const relayImage = options.relayImage ?? defaults.relay;
  const input: RegistrySpecInput = {
    instance,
    nodeId,
    address: options.address,
    port,
    registryImage,
    relayImage,
    imageIds: { registry: await imageId(docker, registryImage), relay: await imageId(docker, relayImage) },
    hostNetworkId: await hostNetworkId(docker, call),
    secrets: { registry: registrySecrets, relay: relaySecrets },
    labels: options.labels,
  };
  if (await ensureSystemService(docker, call, registryServiceSpec(input))) changed.push('registry service');
  if (await ensureSystemService(docker, call, relayServiceSpec(input))) changed.push('relay service');
  if (changed.length > 0) await removeUnusedSecrets(docker, instance, SECRET_ROLE, [...registrySecrets, ...relaySecrets]);
  return { changed, nodeId, port };
}

/** Removes both services; the registry's volume (its images) stays unless `purge`. */
export async function removeRegistry(docker: Dockerode, instance: string, options: { purge?: boolean } = {}): Promise<void> {
  for (const name of [relayServiceName(instance), registryServiceName(instance)]) {
    await docker.getService(name).remove().catch(ignoreMissing);
  }
  await removeUnusedSecrets(docker, instance, SECRET_ROLE, []);
  if (options.purge) {
    // The task's container goes a moment after its service: retry while the volume is in use.
    const volume = docker.getVolume(registryVolumeName(instance));
    for (const until = Date.now() + 60_000; ; ) {
      const gone = await volume.remove().then(
        () => true,
        (e: { statusCode?: number }) => e.statusCode === 404,
      );
      if (gone) return;
      if (Date.now() > until) throw new EngineError('conflict', `registry: its volume ${registryVolumeName(instance)} is still in use a minute after its service went`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function imageId(docker: Dockerode, ref: string): Promise<string> {
  try {
    return ((await docker.getImage(ref).inspect()) as { Id: string }).Id;
  } catch (cause) {
    if ((cause as { statusCode?: number }).statusCode !== 404) throw new EngineError('docker_error', `registry: cannot inspect ${ref}`, { cause });
    throw new EngineError('image_missing', `registry: ${ref} is not on the manager (build it with scripts/build-catalog.ts, and copy the relay's image to every node)`, {
      cause,
    });
  }
}
