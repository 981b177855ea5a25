// Takes a share down, mounters first (each unmounts on SIGTERM), then the server, its secrets and
// its network. The shared volume itself is the NAS's and is never touched. Idempotent.
import { EngineError } from '../../engine-error';
import { toEngineError } from '../../runtime/docker-errors';
import { type ShareDeps, pollUntil, statusOf } from './share-deps';
import { SHARE_LABEL, shareClientVolumeName, shareMounterName, shareNetworkName, shareServiceName } from './share-names';

export async function removeShare(deps: ShareDeps, key: string): Promise<void> {
  try {
    await remove(deps, key);
  } catch (error) {
    throw toEngineError(error, `removing share ${key}`);
  }
}

async function remove(deps: ShareDeps, key: string): Promise<void> {
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
  const removed = await pollUntil(deps, () =>
    deps.manager
      .getNetwork(network)
      .remove()
      .then(
        () => true,
        (error) => {
          if (statusOf(error) === 404) return true;
          if (statusOf(error) === 403 || statusOf(error) === 409 || statusOf(error) === 500) return undefined;
          throw error;
        },
      ),
  );
  if (!removed) throw new EngineError('timeout', `share ${key}: its network ${network} is still in use`);
}
