// Destroys a VDC: its containers and networks; its volumes (the data) only with `purge`.
import { readActualState } from '../actual-state';
import type { Runtime } from '../runtime/runtime';

export interface DestroyVdcOptions {
  instance: string;
  /** Also remove the instance volumes: the VDC's data is gone for good. */
  purge: boolean;
  /** Seconds a container gets to stop before it is killed; 10 unless told. */
  stopTimeoutSeconds?: number;
}

export interface DestroyResult {
  containers: string[];
  listeners: string[];
  networks: string[];
  volumes: string[];
}

export async function destroyVdc(runtime: Runtime, vdcId: string, options: DestroyVdcOptions): Promise<DestroyResult> {
  const actual = await readActualState(runtime, { instance: options.instance, vdcId });
  // Its published ports go first, so nothing is sent to appliances on their way out.
  await Promise.all(actual.listeners.map((l) => runtime.removeContainer(l.id)));
  // Stopped first, gracefully, so databases shut down cleanly before their container goes.
  await Promise.all(
    actual.containers.map(async (c) => {
      if (c.state === 'running' || c.state === 'restarting') await runtime.stopContainer(c.id, options.stopTimeoutSeconds ?? 10);
      await runtime.removeContainer(c.id);
    }),
  );
  await Promise.all(actual.networks.map((n) => runtime.removeNetwork(n.id)));
  const volumes = options.purge ? actual.volumes : [];
  await Promise.all(volumes.map((v) => runtime.removeVolume(v.name)));
  return {
    containers: actual.containers.map((c) => c.name).sort(),
    listeners: actual.listeners.map((l) => l.name).sort(),
    networks: actual.networks.map((n) => n.name).sort(),
    volumes: volumes.map((v) => v.name).sort(),
  };
}
