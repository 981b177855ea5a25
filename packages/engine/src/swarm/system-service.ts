// What Colo's own swarm services (the registry, its relay, the node agent) are made of, through
// the manager's engine: content-named secrets, a service kept to its `colo.spec`, the host
// network, and Docker's failures as EngineErrors naming the service they were for.
import { createHash } from 'node:crypto';
import type Dockerode from 'dockerode';
import { EngineError } from '../engine-error';
import { LABEL } from '../labels';

/** A Docker call whose failure becomes `<who>: cannot <what>: <Docker's message>`. */
export type SwarmCall = <T>(fn: () => Promise<T>, what: string) => Promise<T>;

export function swarmCall(who: string): SwarmCall {
  return async (fn, what) => {
    try {
      return await fn();
    } catch (cause) {
      const message = (cause as { json?: { message?: string }; message?: string }).json?.message ?? (cause as Error).message;
      throw new EngineError('docker_error', `${who}: cannot ${what}: ${message}`, { cause });
    }
  };
}

/** For `.catch`: a 404 (no such object) is nothing; any other failure goes on. */
export function ignoreMissing(error: { statusCode?: number }): undefined {
  if (error.statusCode === 404) return undefined;
  throw error;
}

export async function hostNetworkId(docker: Dockerode, call: SwarmCall): Promise<string> {
  const networks = (await call(() => docker.listNetworks({ filters: { name: ['host'] } }), 'list networks')) as { Id: string; Name: string; Driver: string }[];
  const host = networks.find((n) => n.Name === 'host' && n.Driver === 'host');
  if (!host) throw new EngineError('docker_error', 'the manager has no host network');
  return host.Id;
}

export interface ContentSecret<F extends string = string> {
  id: string;
  name: string;
  /** The file it becomes in the service's tasks. */
  file: F;
}

/**
 * A secret named by its content's hash (`<stem>-<kind>-<12 hex>`): the same data is the same
 * secret, new data a new name. Pushes 'secrets' onto `changed` when it made one.
 */
export async function ensureContentSecret<F extends string>(
  docker: Dockerode,
  call: SwarmCall,
  secret: { stem: string; kind: string; file: F; data: string; instance: string; role: string; labels?: Record<string, string> },
  changed: string[],
): Promise<ContentSecret<F>> {
  const name = `${secret.stem}-${secret.kind}-${createHash('sha256').update(secret.data).digest('hex').slice(0, 12)}`;
  const found = (await call(() => docker.listSecrets({ filters: { name: [name] } }), 'list secrets')) as { ID: string; Spec?: { Name?: string } }[];
  const existing = found.find((s) => s.Spec?.Name === name);
  if (existing) return { id: existing.ID, name, file: secret.file };
  const created = (await call(
    () =>
      docker.createSecret({
        Name: name,
        Labels: { ...secret.labels, [LABEL.managed]: 'true', [LABEL.instance]: secret.instance, [LABEL.role]: secret.role },
        Data: Buffer.from(secret.data).toString('base64'),
      }),
    `create secret ${name}`,
  )) as { id?: string; ID?: string };
  if (!changed.includes('secrets')) changed.push('secrets');
  return { id: created.id ?? created.ID ?? '', name, file: secret.file };
}

/** Removes the secrets of `role` not in `keep`; how many could not go (a service still uses them). */
export async function removeUnusedSecrets(docker: Dockerode, instance: string, role: string, keep: { id: string }[]): Promise<number> {
  const ours = (await docker.listSecrets({ filters: { label: [`${LABEL.instance}=${instance}`, `${LABEL.role}=${role}`] } })) as { ID: string }[];
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

/** Creates the service, or updates it when its `colo.spec` differs; true when it did either. */
export async function ensureSystemService(docker: Dockerode, call: SwarmCall, spec: Dockerode.ServiceSpec & { Labels: Record<string, string> }): Promise<boolean> {
  const name = spec.Name as string;
  const service = docker.getService(name);
  const current = (await service.inspect().catch(ignoreMissing)) as { Version: { Index: number }; Spec: { Labels?: Record<string, string> } } | undefined;
  if (!current) {
    await call(() => docker.createService(spec), `create service ${name}`);
    return true;
  }
  if (current.Spec.Labels?.[LABEL.spec] === spec.Labels[LABEL.spec]) return false;
  await call(() => service.update({ ...spec, version: current.Version.Index }), `update service ${name}`);
  return true;
}
