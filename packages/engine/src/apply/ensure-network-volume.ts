// Creating networks and volumes so that a retry succeeds: one that already exists and is ours
// counts as created; one of that name that is not ours is an error, never adopted.
import type { DesiredNetwork, DesiredVolume } from '../desired/types';
import { EngineError, isEngineError } from '../engine-error';
import { belongsTo, LABEL, type VdcScope } from '../labels';
import type { Runtime } from '../runtime/runtime';

export async function ensureNetwork(runtime: Runtime, network: DesiredNetwork, scope: VdcScope): Promise<string> {
  try {
    await runtime.createNetwork({ name: network.name, internal: network.internal, labels: network.labels, options: network.options });
    return `network ${network.name} created`;
  } catch (error) {
    if (!isEngineError(error, 'conflict')) throw error;
    const mine = await runtime.listNetworks([`${LABEL.managed}=true`, `${LABEL.instance}=${scope.instance}`]);
    const found = mine.find((n) => n.name === network.name);
    // Every network is the VDC's own, the listeners' and gateways' bridges included.
    if (found && belongsTo(found.labels, scope)) return `network ${network.name} already exists`;
    throw new EngineError('name_taken', `network name ${network.name} is taken by a network this VDC does not own`);
  }
}

export async function ensureVolume(runtime: Runtime, volume: DesiredVolume, scope: VdcScope): Promise<string> {
  const created = await runtime.createVolume({ name: volume.name, labels: volume.labels });
  if (!belongsTo(created.labels, scope)) {
    throw new EngineError('name_taken', `volume name ${volume.name} is taken by a volume this VDC does not own`);
  }
  return `volume ${volume.name} ready`;
}
