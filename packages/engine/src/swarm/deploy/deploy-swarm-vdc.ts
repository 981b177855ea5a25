// The swarm deployer's entry points, what the worker calls when its Docker endpoint is a swarm
// manager: plan (read the manager, place, diff) and deploy (plan, then apply, shares included).
import type { DesiredState } from '../../desired/types';
import { EngineError } from '../../engine-error';
import { ensureShare, type EnsureShareResult } from '../shares/ensure-share';
import type { ShareDeps } from '../shares/share-deps';
import { type ShareWiring, shareWiring } from '../shares/share-wiring';
import { readActualSwarm } from './actual-swarm';
import { applySwarmPlan, type SwarmApplyOptions, type SwarmApplyResult } from './apply-swarm-plan';
import { type DesiredSwarmOptions, desiredSwarm } from './desired-swarm';
import { withShareMounts } from './share-mounts';
import type { SwarmApi } from './swarm-api';
import { restartShareClients } from './restart-clients';
import { planSwarm, type SwarmPlan } from './swarm-plan';
import type { DesiredSwarm } from './swarm-types';

/** Swarm mode: the daemon Colo talks to is an active swarm manager. Colo never makes one itself. */
export async function isSwarmManager(api: SwarmApi): Promise<boolean> {
  const info = await api.info();
  return info.localNodeState === 'active' && info.controlAvailable;
}

export interface SwarmVdcPlan {
  plan: SwarmPlan;
  swarm: DesiredSwarm;
  /** The VDC's fs wires as shares; its clients' services already mount them. */
  wiring: ShareWiring;
}

export async function planSwarmVdc(api: SwarmApi, desired: DesiredState, options: DesiredSwarmOptions = {}): Promise<SwarmVdcPlan> {
  const actual = await readActualSwarm(api, { instance: desired.instance, vdcId: desired.vdc.id });
  const wiring = shareWiring(desired);
  const swarm = desiredSwarm(withShareMounts(desired, wiring), actual, options);
  for (const share of wiring.shares) {
    const clients = [...wiring.clientMounts.keys()].filter((a) => a !== share.appliance).sort();
    swarm.notes.push(`${share.appliance}'s ${share.volume} is shared to ${clients.join(', ')} on every node (sshfs)`);
  }
  return { plan: planSwarm(swarm, actual), swarm, wiring };
}

export interface SwarmDeployOptions extends DesiredSwarmOptions, SwarmApplyOptions {
  /** Needed when the VDC has fs wires: the manager, per-node access, the share image, Colo's secret. */
  shares?: Omit<ShareDeps, 'signal'>;
  onShare?(key: string, result: EnsureShareResult): void;
}

export async function deploySwarmVdc(api: SwarmApi, desired: DesiredState, options: SwarmDeployOptions = {}): Promise<SwarmVdcPlan & { result: SwarmApplyResult }> {
  const planned = await planSwarmVdc(api, desired, options);
  const { swarm, wiring } = planned;
  const shareDeps = options.shares;
  if (wiring.shares.length > 0 && !shareDeps) {
    throw new EngineError('conflict', `VDC ${desired.vdc.name} has fs wires: a swarm deploy needs per-node access for its shares`, { retryable: false });
  }
  // Once per deploy, after the NAS services (earlier in boot order) and before the first client.
  let ensured: Promise<void> | undefined;
  const ensureAll = () => {
    ensured ??= (async () => {
      for (const share of wiring.shares) {
        const nodeId = swarm.services.find((s) => s.kind === 'appliance' && s.appliance === share.appliance)?.placement.nodeId;
        if (!nodeId) throw new EngineError('conflict', `share ${share.key}: ${share.appliance} is not pinned to a node`);
        const result = await ensureShare({ ...(shareDeps as ShareDeps), signal: options.signal }, { ...share, nodeId });
        options.onShare?.(share.key, result);
        if (result.remounted.length > 0) {
          const clients = swarm.services.filter((s) => s.kind === 'appliance' && wiring.clientMounts.has(s.appliance) && s.appliance !== share.appliance);
          await restartShareClients(api, clients.map((s) => s.name), { timeoutMs: 180_000, signal: options.signal });
        }
      }
    })();
    return ensured;
  };
  const result = await applySwarmPlan(api, planned.plan, swarm, {
    ...options,
    beforeService: async (service) => {
      if (service.kind === 'appliance' && wiring.clientMounts.has(service.appliance)) await ensureAll();
      await options.beforeService?.(service);
    },
  });
  // No client changed (a re-deploy): the shares are still made sure of (a second ensure is a no-op).
  if (wiring.shares.length > 0) await ensureAll();
  return { ...planned, result };
}
