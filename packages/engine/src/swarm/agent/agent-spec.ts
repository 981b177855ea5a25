// The node agent's Swarm service, as a plain spec (no Docker calls here): global (one task per
// active node), on the node's host network, the node's Docker socket bound in, TLS material as
// Swarm secrets (root's files, 0400), no capability, read-only root. A system service of Colo's,
// never something a manifest can ask for.
import type Dockerode from 'dockerode';
import { LABEL } from '../../labels';
import { stableHash } from '../../stable-hash';
import { AGENT_CLIENT_NAME, AGENT_ROLE, nodeAgentServiceName } from './agent-names';

/** A secret as the service refers to it: the Swarm object and the file it becomes under /run/secrets. */
export interface AgentSecretRef {
  id: string;
  name: string;
  file: 'agent-ca.pem' | 'agent-cert.pem' | 'agent-key.pem';
}

export interface AgentSpecInput {
  instance: string;
  image: string;
  /** The image's id on the manager when known: a rebuilt image under the same tag rolls the service. */
  imageId?: string;
  port: number;
  /** The host network's id on the manager (a service joins `host` by id). */
  hostNetworkId: string;
  secrets: AgentSecretRef[];
  /** Where the node's engine listens; Docker's default unless a node differs. */
  dockerSocket?: string;
  labels?: Record<string, string>;
}

type ServiceSpec = Dockerode.ServiceSpec & { Labels: Record<string, string> };

const SOCKET = '/var/run/docker.sock';

export function nodeAgentServiceSpec(input: AgentSpecInput): ServiceSpec {
  const labels = { ...input.labels, [LABEL.managed]: 'true', [LABEL.instance]: input.instance, [LABEL.role]: AGENT_ROLE };
  const containerLabels: Record<string, string> = { ...labels, ...(input.imageId ? { 'colo.image-id': input.imageId } : {}) };
  const spec = {
    Name: nodeAgentServiceName(input.instance),
    Labels: labels,
    TaskTemplate: {
      ContainerSpec: {
        Image: input.image,
        Args: [String(input.port), AGENT_CLIENT_NAME],
        Labels: containerLabels,
        ReadOnly: true,
        // Not in dockerode's types yet (API 1.41). Root without any capability still opens the
        // socket and the secrets: it owns them.
        ...({ CapabilityDrop: ['ALL'] } as object),
        Mounts: [{ Type: 'bind', Source: input.dockerSocket ?? SOCKET, Target: SOCKET }],
        Secrets: input.secrets.map((s) => ({ SecretID: s.id, SecretName: s.name, File: { Name: s.file, UID: '0', GID: '0', Mode: 0o400 } })),
      },
      Networks: [{ Target: input.hostNetworkId }],
      Resources: { Limits: { NanoCPUs: 5e8, MemoryBytes: 64 * 1024 ** 2 } },
      RestartPolicy: { Condition: 'any', Delay: 1e9 },
    },
    Mode: { Global: {} },
    // Two agents of one node cannot both hold the port: the old one stops first.
    UpdateConfig: { Parallelism: 0, Order: 'stop-first', FailureAction: 'continue' },
  } as unknown as ServiceSpec;
  const hash = stableHash(spec);
  const container = (spec.TaskTemplate as { ContainerSpec: { Labels: Record<string, string> } }).ContainerSpec;
  container.Labels = { ...container.Labels, [LABEL.spec]: hash };
  return { ...spec, Labels: { ...spec.Labels, [LABEL.spec]: hash } };
}
