// Before a replica of an exposed appliance goes (scale-down, recreate, removal), every edge
// listener sending it traffic stops opening connections to it and waits, briefly, for the ones
// it holds to finish. Best effort: a listener that cannot be asked never blocks the removal.
import type { DesiredListener } from '../desired/types';
import type { Runtime } from '../runtime/runtime';

const DRAIN_COMMAND = '/usr/local/bin/colo-edge-drain';
/** Longest a removal waits for connections in flight to finish. */
export const DRAIN_SECONDS = 10;

/** Drains the container in every listener that serves it; the result releases the slots again. */
export async function drainReplica(runtime: Runtime, container: string, listeners: DesiredListener[]): Promise<() => Promise<void>> {
  const none = async () => {};
  if (listeners.length === 0) return none;
  const details = await runtime.inspectContainer(container);
  if (!details || details.state !== 'running') return none;
  const drained = await Promise.all(
    listeners.map(async (l) => {
      const address = details.addresses[l.target.network];
      if (!address) return { listener: l.name, slots: [] };
      try {
        const res = await runtime.exec(l.name, [DRAIN_COMMAND, address, String(DRAIN_SECONDS)]);
        const slots = /^drained:(.*)$/m.exec(res.output)?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
        return { listener: l.name, slots: res.exitCode === 0 ? slots : [] };
      } catch {
        return { listener: l.name, slots: [] };
      }
    }),
  );
  // A slot keeps its drain state; DNS may later fill it with a new replica, which must get traffic.
  return async () => {
    await Promise.all(
      drained
        .filter((d) => d.slots.length > 0)
        .map((d) => runtime.exec(d.listener, [DRAIN_COMMAND, '--release', ...d.slots]).catch(() => undefined)),
    );
  };
}
