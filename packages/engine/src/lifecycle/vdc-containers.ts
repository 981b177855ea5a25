// The containers of one VDC grouped in boot order, read back from their labels alone (stop,
// start and status run without the manifest).
import { type ActualContainer, readActualState } from '../actual-state';
import { bootLayers } from '../boot-order';
import type { Runtime } from '../runtime/runtime';

export interface LifecycleOptions {
  /** COLO_INSTANCE of the installation that owns the VDC. */
  instance: string;
  /** Only this appliance; the whole VDC otherwise. */
  appliance?: string;
}

/**
 * Layers of containers: each layer boots after the ones before it. For the whole VDC, its edge
 * listeners are the last layer: a port answers only once what it serves runs, and it stops first.
 */
export async function containersInBootOrder(runtime: Runtime, vdcId: string, options: LifecycleOptions): Promise<ActualContainer[][]> {
  const { containers, listeners } = await readActualState(runtime, { instance: options.instance, vdcId });
  const deps = new Map<string, string[]>();
  for (const c of containers) deps.set(c.appliance, c.after);
  const selected = containers.filter((c) => options.appliance === undefined || c.appliance === options.appliance);
  const layers = bootLayers(deps)
    .map((layer) => selected.filter((c) => layer.includes(c.appliance)))
    .filter((layer) => layer.length > 0);
  return options.appliance === undefined && listeners.length > 0 ? [...layers, listeners] : layers;
}
