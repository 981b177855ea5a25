// A share's mounter replaced on a node leaves that node's running clients with a dead mount
// ("Transport endpoint is not connected"), and Docker lends that mount to new clients there
// while one runs (shares/README.md): so the share's client services roll their tasks out again
// (ForceUpdate, same spec), one at a time as any update, and the deploy waits until they run.
import { LABEL } from '../../labels';
import type { SwarmApi } from './swarm-api';
import { waitServiceConverged } from './wait-service';

export async function restartShareClients(
  api: SwarmApi,
  services: string[],
  options: { timeoutMs: number; signal?: AbortSignal; onProgress?(message: string): void },
): Promise<string[]> {
  const restarted: string[] = [];
  for (const name of services) {
    const found = await api.inspectService(name);
    const replicas = found?.Spec.Mode?.Replicated?.Replicas ?? 0;
    // Not made yet (its step comes later and starts on the new mount) or stopped: nothing holds the old mount.
    if (!found || replicas === 0) continue;
    const spec = found.Spec;
    await api.updateService(found.ID, found.Version.Index, { ...spec, TaskTemplate: { ...spec.TaskTemplate, ForceUpdate: (spec.TaskTemplate.ForceUpdate ?? 0) + 1 } });
    await waitServiceConverged(api, { name, specHash: spec.Labels[LABEL.spec], replicas }, options);
    restarted.push(name);
    options.onProgress?.(`${name} restarted on the share's new mount`);
  }
  return restarted;
}
