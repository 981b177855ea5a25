// Starts a VDC (or one appliance) in boot order, each layer healthy before the next starts.
import { failureWithLogs } from '../apply/container-failure';
import type { Runtime } from '../runtime/runtime';
import { containersInBootOrder, type LifecycleOptions } from './vdc-containers';

export interface StartVdcOptions extends LifecycleOptions {
  signal?: AbortSignal;
  /** How long each container may take to become healthy; 120 s unless told. */
  healthTimeoutMs?: number;
  onEvent?(event: { container: string; status: 'starting' | 'healthy' }): void;
}

/**
 * Standby containers stay stopped when the whole VDC starts; naming their appliance starts them.
 * Returns the names of the containers it started.
 */
export async function startVdc(runtime: Runtime, vdcId: string, options: StartVdcOptions): Promise<{ started: string[] }> {
  const started: string[] = [];
  for (const layer of await containersInBootOrder(runtime, vdcId, options)) {
    const targets = layer.filter((c) => options.appliance !== undefined || !c.standby);
    await Promise.all(
      targets.map(async (c) => {
        if (c.state !== 'running') {
          options.onEvent?.({ container: c.name, status: 'starting' });
          await runtime.startContainer(c.id);
          started.push(c.name);
        }
        try {
          await runtime.waitHealthy(c.id, { timeoutMs: options.healthTimeoutMs ?? 120_000, signal: options.signal });
        } catch (error) {
          throw await failureWithLogs(runtime, c.name, error);
        }
        options.onEvent?.({ container: c.name, status: 'healthy' });
      }),
    );
  }
  return { started: started.sort() };
}
