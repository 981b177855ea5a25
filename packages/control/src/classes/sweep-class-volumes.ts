// The worker's sweep of class volumes no container mounts any more: those of deleted versions and
// of stock images rebuilt since (engine: class-volumes.ts; young ones are left alone).
import { sweepClassVolumes } from '@colo/engine';
import { engineConfig, getRuntime } from '../docker/engine-access';

export function sweepUnusedClassVolumes(): Promise<string[]> {
  return sweepClassVolumes(getRuntime(), engineConfig().instance);
}
