// The two Swarm services of Colo's registry, as plain specs (no Docker calls here):
// - `colo-<instance>-registry`: Debian's distribution 2.8, one replica pinned to one node (its
//   storage is a volume there), TLS with a client certificate required, published in host mode
//   on that node's port;
// - `colo-<instance>-registry-relay`: global, on every node's host network, plain HTTP on
//   127.0.0.1:5000 only, TLS with the client certificate to the registry.
// Certificates and keys reach both as Swarm secrets (files under /run/secrets, owned by the
// image's fixed uid, mode 0400), never in an image, a label or env.
import { DEFAULT_IMAGE_NAMESPACE } from '@colo/manifest';
import type Dockerode from 'dockerode';
import { LABEL } from '../../labels';
import { stableHash } from '../../stable-hash';

/** Where every node pulls from: Docker trusts a 127.0.0.0/8 registry over plain HTTP. */
export const RELAY_ADDRESS = '127.0.0.1:5000';
export const DEFAULT_REGISTRY_PORT = 5443;
/** The port inside the registry's container (templates/system/registry/config.yml). */
const REGISTRY_CONTAINER_PORT = 5443;
/** The fixed uids of the images' users (their Dockerfiles), owners of the secret files. */
const REGISTRY_UID = '5443';
const RELAY_UID = '5000';
export const REGISTRY_ROLE = 'registry';
export const RELAY_ROLE = 'registry-relay';
/** On the registry's service: the node it is pinned to (its data lives there). */
export const REGISTRY_NODE_LABEL = 'colo.registry-node';
/** On both services' containers: the id of the image the tag named when the spec was made. */
const IMAGE_ID_LABEL = 'colo.image-id';

/** The versions in `templates/system/registry*\/class.yaml`. */
const REGISTRY_VERSION = 1;
const RELAY_VERSION = 1;

export function registryImages(namespace: string = DEFAULT_IMAGE_NAMESPACE): { registry: string; relay: string } {
  return { registry: `${namespace}/registry:${REGISTRY_VERSION}`, relay: `${namespace}/registry-relay:${RELAY_VERSION}` };
}

export function registryServiceName(instance: string): string {
  return `colo-${instance}-registry`;
}
export function relayServiceName(instance: string): string {
  return `colo-${instance}-registry-relay`;
}
export function registryVolumeName(instance: string): string {
  return `colo-${instance}-registry-data`;
}

/** A secret as a service refers to it: the Swarm object, and the file it becomes. */
export interface SecretRef {
  id: string;
  name: string;
  /** The file name under /run/secrets that the image's config or script reads. */
  file: string;
}

export interface RegistrySpecInput {
  instance: string;
  /** The node the registry runs on (its volume is there). */
  nodeId: string;
  /** The address the relays dial (named in the server certificate's SAN). */
  address: string;
  port: number;
  registryImage: string;
  relayImage: string;
  /**
   * The images' ids on the manager: a rebuilt image keeps its tag, so its id in the spec is
   * what makes `colo.spec` differ and the service roll onto it.
   */
  imageIds: { registry: string; relay: string };
  /** The host network's id on the manager (a service joins `host` by id). */
  hostNetworkId: string;
  secrets: { registry: SecretRef[]; relay: SecretRef[] };
  labels?: Record<string, string>;
}

type ServiceSpec = Dockerode.ServiceSpec & { Labels: Record<string, string> };

function secretMounts(refs: SecretRef[], uid: string) {
  return refs.map((s) => ({ SecretID: s.id, SecretName: s.name, File: { Name: s.file, UID: uid, GID: uid, Mode: 0o400 } }));
}

/** Adds `colo.spec` (hash of everything else) to the service and to its containers. */
function withSpecHash(spec: ServiceSpec): ServiceSpec {
  const hash = stableHash(spec);
  const container = (spec.TaskTemplate as { ContainerSpec?: { Labels?: Record<string, string> } } | undefined)?.ContainerSpec;
  if (container) container.Labels = { ...container.Labels, [LABEL.spec]: hash };
  return { ...spec, Labels: { ...spec.Labels, [LABEL.spec]: hash } };
}

function baseLabels(input: RegistrySpecInput, role: string): Record<string, string> {
  return { ...input.labels, [LABEL.managed]: 'true', [LABEL.instance]: input.instance, [LABEL.role]: role };
}

export function registryServiceSpec(input: RegistrySpecInput): ServiceSpec {
  const labels = { ...baseLabels(input, REGISTRY_ROLE), [REGISTRY_NODE_LABEL]: input.nodeId };
  return withSpecHash({
    Name: registryServiceName(input.instance),
    Labels: labels,
    TaskTemplate: {
      ContainerSpec: {
        Image: input.registryImage,
        Labels: { ...labels, [IMAGE_ID_LABEL]: input.imageIds.registry },
        ReadOnly: true,
        // Not in dockerode's types yet (API 1.41): no capability at all, as every Colo container.
        ...({ CapabilityDrop: ['ALL'] } as object),
        Mounts: [
          { Type: 'volume', Source: registryVolumeName(input.instance), Target: '/var/lib/colo-registry', VolumeOptions: { Labels: { ...labels } } },
          { Type: 'tmpfs', Target: '/tmp', TmpfsOptions: { SizeBytes: 64 * 1024 ** 2 } },
        ],
        Secrets: secretMounts(input.secrets.registry, REGISTRY_UID),
      },
      Resources: { Limits: { NanoCPUs: 1e9, MemoryBytes: 512 * 1024 ** 2 } },
      RestartPolicy: { Condition: 'any', Delay: 1e9 },
      Placement: { Constraints: [`node.id==${input.nodeId}`] },
    },
    Mode: { Replicated: { Replicas: 1 } },
    // One writer of the storage at a time: the old task stops before the new one starts.
    UpdateConfig: { Parallelism: 1, Order: 'stop-first', FailureAction: 'pause' },
    // dnsrr: the VIP does not work on every engine (measured in the test nodes); host mode:
    // published on the pinned node itself, not on Swarm's routing mesh.
    EndpointSpec: {
      Mode: 'dnsrr',
      Ports: [{ Protocol: 'tcp', TargetPort: REGISTRY_CONTAINER_PORT, PublishedPort: input.port, PublishMode: 'host' }],
    },
  } as unknown as ServiceSpec);
}

export function relayServiceSpec(input: RegistrySpecInput): ServiceSpec {
  const labels = baseLabels(input, RELAY_ROLE);
  return withSpecHash({
    Name: relayServiceName(input.instance),
    Labels: labels,
    TaskTemplate: {
      ContainerSpec: {
        Image: input.relayImage,
        Args: [input.address, String(input.port)],
        Labels: { ...labels, [IMAGE_ID_LABEL]: input.imageIds.relay },
        ReadOnly: true,
        ...({ CapabilityDrop: ['ALL'] } as object),
        Secrets: secretMounts(input.secrets.relay, RELAY_UID),
      },
      Networks: [{ Target: input.hostNetworkId }],
      Resources: { Limits: { NanoCPUs: 5e8, MemoryBytes: 64 * 1024 ** 2 } },
      RestartPolicy: { Condition: 'any', Delay: 1e9 },
    },
    Mode: { Global: {} },
    // Two relays of one node cannot both hold 127.0.0.1:5000: stop the old one first.
    UpdateConfig: { Parallelism: 0, Order: 'stop-first', FailureAction: 'continue' },
  } as unknown as ServiceSpec);
}
