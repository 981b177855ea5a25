// Takes a share down, mounters first (each unmounts on SIGTERM), then the server, its secrets and
// its network. The shared volume itself is the NAS's and is never touched. Idempotent.
import { EngineError } from '../../engine-error';
import { toEngineError } from '../../runtime/docker-errors';
import { type ShareDeps, pollUntil, statusOf } from './share-deps';
import { SHARE_LABEL, shareClientVolumeName, shareMounterName, shareNetworkName, shareServiceName } from './share-names';

/** Resolves with a note when something had to stay (its network, held by a task on a lost node). */
export async function removeShare(deps: ShareDeps, key: string): Promise<string | undefined> {
  try {
    return await remove(deps, key);
  } catch (error) {
    throw toEngineError(error, `removing share ${key}`);
  }
}

async function remove(deps: ShareDeps, key: string): Promise<string | undefined> {
  const nodes = await deps.nodes.nodes();
  await Promise.all(
    nodes.map(async (node) => {
      const containers = deps.nodes.containers(node);
      await containers.remove(shareMounterName(key), 10);
      // Swarm made it for the clients; still in use when a client runs (then it stays).
      await containers.removeVolume(shareClientVolumeName(key));
    }),
  );

  const service = shareServiceName(key);
  await deps.manager
    .getService(service)
    .remove()
    .catch((error) => {
      if (statusOf(error) !== 404) throw error;
    });
  const gone = await pollUntil(deps, async () => {
    const tasks = (await deps.manager.listTasks({ filters: { service: [service] } }).catch((error) => {
      // A filter naming no service is refused: the service and its tasks are gone.
      if (statusOf(error) === 404) return [];
      throw error;
    })) as unknown[];
    return tasks.length === 0 ? true : undefined;
  });
  if (!gone) throw new EngineError('timeout', `share ${key}: the server's tasks did not go away`);

  const secrets = (await deps.manager.listSecrets({ filters: { label: [`${SHARE_LABEL.share}=${key}`] } })) as { ID: string }[];
  for (const s of secrets) {
    await deps.manager
      .getSecret(s.ID)
      .remove()
      .catch((error) => {
        if (statusOf(error) !== 404) throw error;
      });
  }

  // The network goes once the last attachment has (a removed mounter's lingers a moment).
  const network = shareNetworkName(key);
  let lost: string[] = [];
  const removed = await pollUntil(deps, () =>
    deps.manager
      .getNetwork(network)
      .remove()
      .then(
        () => 'removed' as const,
        async (error) => {
          if (statusOf(error) === 404) return 'removed' as const;
          const inUse = /in use/i.test(String((error as Error).message));
          if (!inUse && statusOf(error) !== 403 && statusOf(error) !== 409 && statusOf(error) !== 500) throw error;
          // A task on a lost node holds it until the node is back or removed: not worth waiting for.
          lost = await lostNodes(deps.manager);
          return inUse && lost.length > 0 ? ('kept' as const) : undefined;
        },
      ),
  );
  if (removed === 'kept') return `share ${key}: its network ${network} kept while a task on the lost node ${lost.join(', ')} holds it (it goes once the node is back, or removed with colo node rm)`;
  if (!removed) throw new EngineError('timeout', `share ${key}: its network ${network} is still in use`);
  return undefined;
}

async function lostNodes(manager: ShareDeps['manager']): Promise<string[]> {
  const nodes = (await manager.listNodes()) as { Status?: { State?: string }; Description?: { Hostname?: string } }[];
  return nodes.filter((n) => n.Status?.State !== 'ready').map((n) => n.Description?.Hostname ?? 'unknown').sort();
}
