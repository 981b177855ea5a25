// Re-points an edge listener at another ingress network without restarting it: join the new
// network, rewrite HAProxy's config and reload it seamlessly (the master hands the listening
// socket to a new worker; the old worker finishes the connections it holds), then leave the old
// network. The path "entries" will take to switch a published port from one VDC to another.
import type { DesiredListener, ListenerTarget } from '../desired/types';
import { EngineError } from '../engine-error';
import type { ContainerDetails, Runtime } from '../runtime/runtime';

/** Inside the edge-proxy image: validates, renders, checks and reloads; exits non-zero on failure. */
const RETARGET_COMMAND = '/usr/local/bin/colo-edge-target';

export async function retargetListener(
  runtime: Runtime,
  listener: Pick<DesiredListener, 'name' | 'networks'>,
  target: ListenerTarget,
  options: {
    timeoutMs?: number;
    signal?: AbortSignal;
    /** Hold connections while the target is stopped (an entry's start on first request). */
    wake?: boolean;
    /** The listener as inspected just now by the caller: not asked for again. */
    current?: ContainerDetails;
  } = {},
): Promise<string> {
  const current = options.current ?? (await runtime.inspectContainer(listener.name));
  if (!current) throw new EngineError('not_found', `edge listener ${listener.name} does not exist`);
  if (current.state !== 'running') {
    await runtime.startContainer(current.id);
    await runtime.waitHealthy(current.id, { timeoutMs: options.timeoutMs ?? 60_000, signal: options.signal });
  }
  if (!current.networks.includes(target.network)) await runtime.connectNetwork(target.network, current.id, []);
  const res = await runtime.exec(current.id, [RETARGET_COMMAND, target.alias, String(target.port), ...(options.wake ? ['wake'] : [])]);
  if (res.exitCode !== 0) {
    const said = res.output.trim().slice(-500);
    // Killed with the container (its HAProxy master gone): what HAProxy said last is the reason.
    const logs = said ? '' : (await runtime.logs(current.id, 8).catch(() => '')).replace(/[^\x20-\x7e\n]/g, '').trim();
    throw new EngineError('docker_error', `edge listener ${listener.name}: reload failed (exit ${res.exitCode}): ${said || 'it printed nothing'}${logs ? `; its last log lines: ${logs}` : ''}`);
  }
  // The command returns once the old worker has finished its connections (bounded by HAProxy's
  // hard-stop-after), so leaving the old network now cuts nothing in flight.
  const edge = listener.networks[0]?.network;
  for (const network of current.networks) {
    if (network !== edge && network !== target.network) await runtime.disconnectNetwork(network, current.id);
  }
  return `${listener.name} re-pointed to ${target.appliance}.${target.terminal} (reloaded, connections kept)`;
}
