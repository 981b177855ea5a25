// Makes a share exist: its network, key secrets and server service on the manager, and a
// mounter on every ready node, then waits (bounded) until each node's mount answers. Idempotent:
// what matches its spec hash is left alone, so a second call changes nothing.
import { EngineError } from '../../engine-error';
import { toEngineError } from '../../runtime/docker-errors';
import { LABEL } from '../../labels';
import { shareMounterSpec, MOUNTER_FILES_DIR } from './mounter-spec';
import type { NodeContainers, ShareNode } from './node-access';
import { shareNetworkSpec, shareServerSpec, type ShareServerSpec } from './server-spec';
import { type ShareDeps, pollUntil, statusOf } from './share-deps';
import { shareKeys } from './share-keys';
import { SHARE_LABEL } from './share-names';
import type { Share } from './share-types';

export interface EnsureShareResult {
  /** What this call created or replaced (`network`, `secret <name>`, `service`, `mounter <node>`); empty when nothing. */
  changed: string[];
  /** The nodes whose mount answers. */
  nodes: ShareNode[];
  /**
   * Nodes whose mounter was replaced (not made for the first time). Clients already running
   * there hold the old mount, which no longer answers ("Transport endpoint is not connected"),
   * and Docker's local driver lends that same mount to new clients on the node while one of
   * them runs: the caller restarts the share's clients on these nodes.
   */
  remounted: ShareNode[];
}

export async function ensureShare(deps: ShareDeps, share: Share): Promise<EnsureShareResult> {
  try {
    return await ensure(deps, share);
  } catch (error) {
    throw toEngineError(error, `share ${share.key}`);
  }
}

async function ensure(deps: ShareDeps, share: Share): Promise<EnsureShareResult> {
  const keys = shareKeys(deps.secret, share.key);
  const changed: string[] = [];
  const server = shareServerSpec(share, deps.image, keys);

  await ensureNetwork(deps, share, changed);
  const secretIds = await ensureSecrets(deps, server, changed);
  await ensureService(deps, withSecretIds(server, secretIds), changed);

  const mounter = shareMounterSpec(share, deps.image, keys);
  const nodes = await deps.nodes.nodes();
  const remounted: ShareNode[] = [];
  await Promise.all(
    nodes.map(async (node) => {
      const containers = deps.nodes.containers(node);
      const current = await containers.inspect(mounter.create.name);
      // A stopped one may never have got its files (a call that failed half-way): made anew.
      if (current?.running && current.labels[LABEL.spec] === mounter.specHash) return;
      if (current) {
        await containers.remove(mounter.create.name, 10);
        remounted.push(node);
      }
      await containers.create(mounter.create);
      await containers.putArchive(mounter.create.name, MOUNTER_FILES_DIR, mounter.files);
      await containers.start(mounter.create.name);
      changed.push(`mounter ${node.hostname}`);
    }),
  );
  await Promise.all(nodes.map((node) => waitMounted(deps, node, deps.nodes.containers(node), mounter.create.name)));
  return { changed, nodes, remounted };
}

async function ensureNetwork(deps: ShareDeps, share: Share, changed: string[]): Promise<void> {
  const spec = shareNetworkSpec(share);
  const found = await deps.manager.getNetwork(spec.Name).inspect().then(
    () => true,
    (error) => {
      if (statusOf(error) === 404) return false;
      throw error;
    },
  );
  if (found) return;
  await deps.manager.createNetwork(spec).catch((error) => {
    // Made meanwhile by another call: as good as ours.
    if (statusOf(error) !== 409) throw error;
  });
  changed.push('network');
}

/** Creates the secrets missing; the id of each by name. */
async function ensureSecrets(deps: ShareDeps, server: ShareServerSpec, changed: string[]): Promise<Map<string, string>> {
  const key = server.service.Labels[SHARE_LABEL.share];
  const list = async () =>
    new Map(
      ((await deps.manager.listSecrets({ filters: { label: [`${SHARE_LABEL.share}=${key}`] } })) as { ID: string; Spec?: { Name?: string } }[]).map(
        (s) => [s.Spec?.Name ?? '', s.ID],
      ),
    );
  const existing = await list();
  const missing = server.secrets.filter((s) => !existing.has(s.name));
  for (const secret of missing) {
    await deps.manager
      .createSecret({ Name: secret.name, Labels: secret.labels, Data: Buffer.from(secret.data).toString('base64') })
      .catch((error) => {
        // Made meanwhile by another call: the same name is the same content.
        if (statusOf(error) !== 409) throw error;
      });
    changed.push(`secret ${secret.name}`);
  }
  return missing.length > 0 ? await list() : existing;
}

/** The service body with each secret reference's id (Swarm wants both name and id). */
function withSecretIds(server: ShareServerSpec, ids: Map<string, string>): ShareServerSpec {
  const spec = server.service.TaskTemplate?.ContainerSpec;
  const secrets = spec?.Secrets?.map((s) => {
    const id = ids.get(s.SecretName ?? '');
    if (!id) throw new EngineError('docker_error', `share secret ${s.SecretName} is missing on the manager`);
    return { ...s, SecretID: id };
  });
  return { ...server, service: { ...server.service, TaskTemplate: { ...server.service.TaskTemplate, ContainerSpec: { ...spec, Secrets: secrets } } } };
}

async function ensureService(deps: ShareDeps, server: ShareServerSpec, changed: string[]): Promise<void> {
  const name = server.service.Name;
  const current = (await deps.manager
    .getService(name)
    .inspect()
    .catch((error) => {
      if (statusOf(error) === 404) return undefined;
      throw error;
    })) as { Version: { Index: number }; Spec: { Labels?: Record<string, string>; Mode?: { Replicated?: { Replicas?: number } } } } | undefined;
  if (!current) {
    await deps.manager.createService(server.service).catch((error) => {
      // Made meanwhile by another call of the same spec.
      if (statusOf(error) !== 409) throw error;
    });
    changed.push('service');
    return;
  }
  // The same spec at its one replica is done; a server a move stopped is run again.
  if (current.Spec.Labels?.[LABEL.spec] === server.specHash && current.Spec.Mode?.Replicated?.Replicas === 1) return;
  await deps.manager.getService(name).update({ ...server.service, version: current.Version.Index });
  changed.push('service updated');
  // Secrets of an earlier spec go once no task uses them; removal fails while one does.
  const key = server.service.Labels[SHARE_LABEL.share];
  const wanted = new Set(server.secrets.map((s) => s.name));
  const listed = (await deps.manager.listSecrets({ filters: { label: [`${SHARE_LABEL.share}=${key}`] } })) as { ID: string; Spec?: { Name?: string } }[];
  for (const s of listed) if (!wanted.has(s.Spec?.Name ?? '')) await deps.manager.getSecret(s.ID).remove().catch(() => undefined);
}

async function waitMounted(deps: ShareDeps, node: ShareNode, containers: NodeContainers, name: string): Promise<void> {
  let last: string | undefined;
  const ok = await pollUntil(deps, async () => {
    const c = await containers.inspect(name);
    last = c ? `${c.running ? 'running' : 'stopped'}, ${c.health ?? 'no health'}${c.healthOutput ? `: ${c.healthOutput}` : ''}` : 'missing';
    return c?.running && c.health === 'healthy' ? true : undefined;
  });
  if (!ok) throw new EngineError('timeout', `share ${name} on ${node.hostname}: the mount did not answer (${last})`);
}
