// Brings Colo's node agent on a swarm to what it should be, through the manager's engine only:
// its certificate, key and CA as content-named Swarm secrets, and the global service. Idempotent:
// a second call with the same input changes nothing (the service's `colo.spec` matches, the
// secrets exist under the same names). The image must be one every node can run (the registry's
// pinned reference, or an image id the nodes have): a tag alone makes nodes try a pull.
import { createHash } from 'node:crypto';
import type Dockerode from 'dockerode';
import { EngineError } from '../../engine-error';
import { LABEL } from '../../labels';
import { AGENT_SECRET_ROLE, DEFAULT_AGENT_PORT, nodeAgentServiceName } from './agent-names';
import type { NodeAgentCertificates } from './agent-pki';
import { type AgentSecretRef, nodeAgentServiceSpec } from './agent-spec';

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
  const secret = (kind: string, file: AgentSecretRef['file'], data: string) => ensureSecret(docker, instance, kind, file, data, options.labels, changed);
  const secrets = [await secret('ca', 'agent-ca.pem', caCert), await secret('cert', 'agent-cert.pem', server.cert), await secret('key', 'agent-key.pem', server.key)];
  const spec = nodeAgentServiceSpec({
    instance,
    image: options.image,
    imageId: await imageId(docker, options.image),
    port,
    hostNetworkId: await hostNetworkId(docker),
    secrets,
    labels: options.labels,
  });
  const name = spec.Name as string;
  const service = docker.getService(name);
  const current = (await service.inspect().catch(ignoreMissing)) as { Version: { Index: number }; Spec: { Labels?: Record<string, string> } } | undefined;
  if (!current) {
    await call(() => docker.createService(spec), `create service ${name}`);
    changed.push('agent service');
  } else if (current.Spec.Labels?.[LABEL.spec] !== spec.Labels[LABEL.spec]) {
    await call(() => service.update({ ...spec, version: current.Version.Index }), `update service ${name}`);
    changed.push('agent service');
  }
  if (changed.length > 0) await removeUnusedSecrets(docker, instance, secrets);
  return { changed, service: name, port };
}

/** Removes the agent's service and its secrets (nothing when they are gone). */
export async function removeNodeAgent(docker: Dockerode, instance: string): Promise<void> {
  await docker.getService(nodeAgentServiceName(instance)).remove().catch(ignoreMissing);
  // A secret stays in use until the service's tasks are gone: retry a little.
  for (const until = Date.now() + 30_000; ; ) {
    const left = await removeUnusedSecrets(docker, instance, []);
    if (left === 0 || Date.now() > until) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A secret named by its content's hash: the same PEM is the same secret; a new one a new name. */
async function ensureSecret(
  docker: Dockerode,
  instance: string,
  kind: string,
  file: AgentSecretRef['file'],
  data: string,
  labels: Record<string, string> | undefined,
  changed: string[],
): Promise<AgentSecretRef> {
  const name = `colo-${instance}-node-agent-${kind}-${createHash('sha256').update(data).digest('hex').slice(0, 12)}`;
  const found = (await call(() => docker.listSecrets({ filters: { name: [name] } }), 'list secrets')) as { ID: string; Spec?: { Name?: string } }[];
  const existing = found.find((s) => s.Spec?.Name === name);
  if (existing) return { id: existing.ID, name, file };
  const created = (await call(
    () =>
      docker.createSecret({
        Name: name,
        Labels: { ...labels, [LABEL.managed]: 'true', [LABEL.instance]: instance, [LABEL.role]: AGENT_SECRET_ROLE },
        Data: Buffer.from(data).toString('base64'),
      }),
    `create secret ${name}`,
  )) as { id?: string; ID?: string };
  if (!changed.includes('secrets')) changed.push('secrets');
  return { id: created.id ?? created.ID ?? '', name, file };
}

/** Removes the agent's secrets not in `keep` that no service uses any more; how many remain unremoved. */
async function removeUnusedSecrets(docker: Dockerode, instance: string, keep: AgentSecretRef[]): Promise<number> {
  const ours = (await docker.listSecrets({ filters: { label: [`${LABEL.instance}=${instance}`, `${LABEL.role}=${AGENT_SECRET_ROLE}`] } })) as { ID: string }[];
  const kept = new Set(keep.map((s) => s.id));
  let left = 0;
  for (const s of ours.filter((s) => !kept.has(s.ID))) {
    const removed = await docker
      .getSecret(s.ID)
      .remove()
      .then(
        () => true,
        () => false,
      );
    if (!removed) left++;
  }
  return left;
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

async function hostNetworkId(docker: Dockerode): Promise<string> {
  const networks = (await call(() => docker.listNetworks({ filters: { name: ['host'] } }), 'list networks')) as { Id: string; Name: string; Driver: string }[];
  const host = networks.find((n) => n.Name === 'host' && n.Driver === 'host');
  if (!host) throw new EngineError('docker_error', 'the manager has no host network');
  return host.Id;
}

function ignoreMissing(error: { statusCode?: number }): undefined {
  if (error.statusCode === 404) return undefined;
  throw error;
}

async function call<T>(fn: () => Promise<T>, what: string): Promise<T> {
  try {
    return await fn();
  } catch (cause) {
    const message = (cause as { json?: { message?: string }; message?: string }).json?.message ?? (cause as Error).message;
    throw new EngineError('docker_error', `node agent: cannot ${what}: ${message}`, { cause });
  }
}
