// Stops a VDC (or one appliance): clients first, then the servers they use.
import type { Runtime } from '../runtime/runtime';
import { containersInBootOrder, type LifecycleOptions } from './vdc-containers';

export interface StopVdcOptions extends LifecycleOptions {
  /** Seconds a container gets to stop before it is killed; 10 unless told. */
  timeoutSeconds?: number;
}

/** Returns the names of the containers it stopped. */
export async function stopVdc(runtime: Runtime, vdcId: string, options: StopVdcOptions): Promise<{ stopped: string[] }> {
  const stopped: string[] = [];
  for (const layer of (await containersInBootOrder(runtime, vdcId, options)).reverse()) {
    await Promise.all(
      layer
        .filter((c) => c.state === 'running' || c.state === 'restarting' || c.state === 'paused')
        .map(async (c) => {
          await runtime.stopContainer(c.id, options.timeoutSeconds ?? 10);
          stopped.push(c.name);
        }),
    );
  }
  return { stopped: stopped.sort() };
}
