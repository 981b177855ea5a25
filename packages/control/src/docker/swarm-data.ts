// The swarm's data deps for a run: the manager's engine as the snapshot store (the run's own
// fenced runtime), each node's engine through the node agent (fenced by the run the same way), and the
// volume tool's image brought to a node through Colo's registry when the node lacks it.
import { ensureNodeImage, type Runtime, type SwarmDataDeps, type SwarmSnapshotResult, volumeToolImage } from '@colo/engine';
import { controlEnv } from '../config';
import { ensureSwarmRegistry, swarmServiceImage } from '../registry/swarm-registry';
import { engineConfig } from './engine-access';
import { getSwarmEngine, nodeEngine } from './engine-mode';
import { managerHost } from './swarm-vdc';

export function swarmDataDeps(store: Runtime, fence: (runtime: Runtime) => Runtime, signal?: AbortSignal): SwarmDataDeps {
  const namespace = controlEnv().COLO_IMAGE_NAMESPACE;
  const tool = volumeToolImage(namespace);
  let reference: Promise<string> | undefined;
  const referenceOf = () => {
    reference ??= (async () => {
      await ensureSwarmRegistry(await managerHost(), { signal });
      return swarmServiceImage(tool);
    })();
    return reference;
  };
  return {
    api: getSwarmEngine().api,
    store,
    runtimeOf: async (nodeId) => fence((await nodeEngine(nodeId, 'reach a node of the swarm')).runtime),
    ensureTool: async (nodeId) => {
      await ensureNodeImage((await nodeEngine(nodeId, 'reach a node of the swarm')).docker, tool, referenceOf, signal);
    },
    instance: engineConfig().instance,
    imageNamespace: namespace,
  };
}

/** What a copy from the nodes reports, in the shape every runner's copy result has. */
export function swarmCopyResult(taken: SwarmSnapshotResult) {
  return { volumes: taken.volumes, copy: { method: 'copy' as const, totalBytes: taken.totalBytes, durationMs: taken.durationMs, pauseMs: taken.pauseMs } };
}
