// Entries (SPEC §1): a stable published address that Colo owns — not any VDC — and that points at
// one VDC's exposed terminal at a time. An entry is an edge listener like a VDC's own (HAProxy in
// TCP mode, on a bridge of its own), labelled with the entry instead of a VDC, so no VDC's deploy,
// plan or destroy counts it as theirs. It reaches its target over the target's ingress network;
// switching it is the seamless re-point of reconfigure-listener.ts: new connections go to the new
// VDC at once, connections in flight finish on the old one.
import type { DesiredListener, ListenerTarget } from '../desired/types';
import { EngineError, isEngineError } from '../engine-error';
import { LABEL } from '../labels';
import type { Runtime } from '../runtime/runtime';
import { desiredListener } from './edge-listeners';
import { retargetListener } from './reconfigure-listener';

export const ENTRY_ROLE = 'entry';
export const ENTRY_LABEL = 'colo.entry';
/** An entry listener's CPU limit: the edge-proxy class's maximum. */
const ENTRY_NANO_CPUS = 1_000_000_000;

export function entryListenerName(instance: string, port: number): string {
  return `colo-entry-${instance}-${port}`;
}

export function entryBridgeName(instance: string, port: number): string {
  return `colo-entry-${instance}-${port}-net`;
}

export interface EntrySpec {
  /** The entry's id: its label, so its objects are found and never mistaken for a VDC's. */
  id: string;
  instance: string;
  publishHost: string;
  hostPort: number;
  target: ListenerTarget;
  imageNamespace?: string;
  /**
   * Start on first request: while the target has no replica up, the listener holds new
   * connections (colo-edge-hold) and says so on its log, for Colo to start the stopped VDC.
   */
  wake?: boolean;
}

function entryLabels(spec: EntrySpec): Record<string, string> {
  return { [LABEL.managed]: 'true', [LABEL.instance]: spec.instance, [ENTRY_LABEL]: spec.id };
}

export function desiredEntry(spec: EntrySpec): DesiredListener {
  const listener = desiredListener({
    vdc: { id: '', name: '', key: '' },
    instance: spec.instance,
    publishHost: spec.publishHost,
    exposed: { appliance: spec.target.appliance, terminal: spec.target.terminal, port: spec.target.port, hostPort: spec.hostPort },
    labels: entryLabels(spec),
    imageNamespace: spec.imageNamespace,
    names: { container: entryListenerName(spec.instance, spec.hostPort), bridge: entryBridgeName(spec.instance, spec.hostPort) },
    target: spec.target,
    // A switch is a burst of work (a docker exec, a config, HAProxy's re-exec): on a quarter of a
    // CPU it took seconds. Idle, HAProxy uses next to nothing, so the limit costs nothing at rest.
    nanoCpus: ENTRY_NANO_CPUS,
  });
  listener.create.Labels = { ...listener.create.Labels, [LABEL.role]: ENTRY_ROLE };
  // Like the target, outside the spec hash: turning it on or off is a reload, not a new container.
  if (spec.wake) listener.create.Env = [...(listener.create.Env ?? []), 'EDGE_TARGET_WAKE=wake'];
  return listener;
}

export interface EntryOptions {
  signal?: AbortSignal;
  /** How long a new listener may take to turn healthy (default 60 s). */
  timeoutMs?: number;
}

/**
 * Makes the entry's listener point at `spec.target`: created (with its bridge) when missing,
 * re-pointed by a seamless reload when it exists, replaced only when its own definition changed
 * (a rebuilt edge-proxy image). Safe to repeat.
 */
export async function ensureEntry(runtime: Runtime, spec: EntrySpec, options: EntryOptions = {}): Promise<string> {
  const desired = desiredEntry(spec);
  const bridge = desired.networks[0].network;
  // A switch is the common case and its speed is the entry's promise: a listener that exists
  // as it should is re-pointed at once (its bridge exists: it sits on it).
  let current = await runtime.inspectContainer(desired.name);
  if (current && current.labels[ENTRY_LABEL] !== spec.id) {
    throw new EngineError('name_taken', `container name ${desired.name} is taken by a container entry ${spec.id} does not own`);
  }
  if (current && current.labels[LABEL.spec] === desired.specHash && current.networks.includes(bridge)) {
    return retargetListener(runtime, desired, spec.target, { ...options, wake: spec.wake, current });
  }
  try {
    await runtime.createNetwork({ name: bridge, internal: false, labels: entryLabels(spec) });
  } catch (error) {
    if (!isEngineError(error, 'conflict')) throw error;
    const found = (await runtime.listNetworks([`${ENTRY_LABEL}=${spec.id}`])).some((n) => n.name === bridge);
    if (!found) throw new EngineError('name_taken', `network name ${bridge} is taken by a network entry ${spec.id} does not own`);
  }
  if (current && current.labels[LABEL.spec] !== desired.specHash) {
    await runtime.removeContainer(current.id);
    current = undefined;
  }
  if (current) return retargetListener(runtime, desired, spec.target, { ...options, wake: spec.wake });

  const id = await runtime.createContainer(desired.create);
  await runtime.connectNetwork(spec.target.network, id, []);
  await runtime.startContainer(id);
  await runtime.waitHealthy(id, { timeoutMs: options.timeoutMs ?? 60_000, signal: options.signal });
  return `${desired.name} created, pointing to ${spec.target.appliance}.${spec.target.terminal}`;
}

/** Removes the entry's listener and its bridge; succeeds when they are gone already. */
export async function removeEntry(runtime: Runtime, spec: Pick<EntrySpec, 'id' | 'instance' | 'hostPort'>): Promise<void> {
  const name = entryListenerName(spec.instance, spec.hostPort);
  const current = await runtime.inspectContainer(name);
  if (current && current.labels[ENTRY_LABEL] !== spec.id) {
    throw new EngineError('name_taken', `container ${name} is not entry ${spec.id}'s`);
  }
  if (current) await runtime.removeContainer(current.id);
  const bridge = entryBridgeName(spec.instance, spec.hostPort);
  if ((await runtime.listNetworks([`${ENTRY_LABEL}=${spec.id}`])).some((n) => n.name === bridge)) await runtime.removeNetwork(bridge);
}
