// Brings Colo's node agent on a swarm to what it should be, through the manager's engine only:
// its certificate, key and CA as content-named Swarm secrets, and the global service. Idempotent:
// a second call with the same input changes nothing (the service's `colo.spec` matches, the
// secrets exist under the same names). The image must be one every node can run (the registry's
// pinned reference, or an image id the nodes have): a tag alone makes nodes try a pull.
import type Dockerode from 'dockerode';
import { EngineError } from '../../engine-error';
import { ensureContentSecret, ensureSystemService, hostNetworkId, ignoreMissing, removeUnusedSecrets, swarmCall } from '../system-service';
import { AGENT_SECRET_ROLE, DEFAULT_AGENT_PORT, nodeAgentServiceName } from './agent-names';
import type { NodeAgentCertificates } from './agent-pki';
import { type AgentSecretRef, nodeAgentServiceSpec } from './agent-spec';

const call = swarmCall('node agent');

export interface EnsureNodeAgentOptions {
  /** The swarm manager's engine (Colo's Docker endpoint in swarm mode). */
  docker: Dockerode;
  /** COLO_INSTANCE: names and labels. */
  instance: string;
  image: string;
  certificates: NodeAgentCertificates;
  /** Default 2378. */
  port?: number;
  /** Extra labels on every object (tests mark theirs). */
  labels?: Record<string, string>;
}

export interface NodeAgentState {
  /** What this call created or updated (`secrets`, `agent service`); empty: a no-op. */
  changed: string[];
  service: string;
  port: number;
}

export async function ensureNodeAgent(options: EnsureNodeAgentOptions): Promise<NodeAgentState> {
  const { docker, instance } = options;
  const port = options.port ?? DEFAULT_AGENT_PORT;
  const info = (await call(() => docker.info(), 'read the engine')) as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } };
  if (info.Swarm?.LocalNodeState !== 'active' || !info.Swarm.ControlAvailable) {
    throw new EngineError('conflict', 'the node agent needs a swarm manager: this engine is not one', { retryable: false });
  }
  const changed: string[] = [];
  const { caCert, server } = options.certificates;
  const secret = (kind: string, file: AgentSecretRef['file'], data: string) =>
    ensureContentSecret(docker, call, { stem: `colo-${instance}-node-agent`, kind, file, data, instance, role: AGENT_SECRET_ROLE, labels: options.labels }, changed);
  const secrets = [await secret('ca', 'agent-ca.pem', caCert), await secret('cert', 'agent-cert.pem', server.cert), await secret('key', 'agent-key.pem', server.key)];
  const spec = nodeAgentServiceSpec({
    instance,
    image: options.image,
    imageId: await imageId(docker, options.image),
    port,
    hostNetworkId: await hostNetworkId(docker, call),
    secrets,
    labels: options.labels,
  });
  const name = spec.Name as string;
  if (await ensureSystemService(docker, call, spec)) changed.push('agent service');
  if (changed.length > 0) await removeUnusedSecrets(docker, instance, AGENT_SECRET_ROLE, secrets);
  return { changed, service: name, port };
}

/** Removes the agent's service and its secrets (nothing when they are gone). */
export async function removeNodeAgent(docker: Dockerode, instance: string): Promise<void> {
  await docker.getService(nodeAgentServiceName(instance)).remove().catch(ignoreMissing);
  // A secret stays in use until the service's tasks are gone: retry a little.
  for (const until = Date.now() + 30_000; ; ) {
    const left = await removeUnusedSecrets(docker, instance, AGENT_SECRET_ROLE, []);
    if (left === 0 || Date.now() > until) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function imageId(docker: Dockerode, ref: string): Promise<string | undefined> {
  try {
    return ((await docker.getImage(ref).inspect()) as { Id: string }).Id;
  } catch (cause) {
    // A registry reference the manager has not pulled: the reference itself pins the image.
    if ((cause as { statusCode?: number }).statusCode === 404) return undefined;
    throw new EngineError('docker_error', `node agent: cannot inspect ${ref}`, { cause });
  }
}
