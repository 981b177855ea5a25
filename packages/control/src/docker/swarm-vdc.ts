// A VDC on the swarm (engine-mode.ts chose it): the class images its services run pushed to
// Colo's registry first (services name them by digest), the plan in the shape every plan has,
// and the deploy with its fs wires served as shares through the per-node access.
import {
  type DesiredState,
  deploySwarmVdc,
  LABEL,
  SHARE_LABEL,
  vdcLabelFilter,
  type Plan,
  type PlanAction,
  planSwarmVdc,
  type SwarmApplyEvent,
  type SwarmPlacementOptions,
  type SwarmPlan,
  type SwarmVdcPlan,
  shareWiring,
  swarmImages,
} from '@colo/engine';
import { controlEnv, decodeSecretKey } from '../config';
import { getCluster } from '../nodes/cluster-access';
import { ensureSwarmRegistry, swarmServiceImage } from '../registry/swarm-registry';
import { getRuntime } from './engine-access';
import { getSwarmEngine, nodeAccess } from './engine-mode';

/** The shares' server and mounter image (templates/system/share, version 1). */
export function shareImage(): string {
  return `${controlEnv().COLO_IMAGE_NAMESPACE}/share:1`;
}

/** Where the nodes reach the manager (its advertised address without the swarm port). */
export async function managerHost(): Promise<string> {
  const status = await getCluster().status();
  const address = status.managerAddress ?? '';
  return address.replace(/:\d+$/, '');
}

/**
 * image → the registry's pinned reference, pushing what the registry lacks. `onImage` says each
 * one as it is done (index, total), so the step's progress moves with the pushes.
 */
export async function pushSwarmImages(desired: DesiredState, onImage?: (ref: string, reference: string, index: number, total: number) => void): Promise<Record<string, string>> {
  await ensureSwarmRegistry(await managerHost());
  const refs = swarmImages(desired);
  const images: Record<string, string> = {};
  for (const [i, ref] of refs.entries()) {
    images[ref] = await swarmServiceImage(ref);
    onImage?.(ref, images[ref], i + 1, refs.length);
  }
  return images;
}

/** For a preview: the references already pushed; the others stay tags (a deploy pushes them). */
async function pushedImages(desired: DesiredState): Promise<Record<string, string>> {
  const images: Record<string, string> = {};
  for (const ref of swarmImages(desired)) {
    const pinned = await getSwarmEngine().pushedReference(ref);
    if (pinned) images[ref] = pinned;
  }
  return images;
}

/**
 * Appliances not yet on the swarm whose volumes are on Colo's own engine (a clone's, an import's,
 * a VDC destroyed and deployed again) run where that data is: pinned to the manager's node.
 */
async function dataPins(desired: DesiredState): Promise<Record<string, string>> {
  const { api } = getSwarmEngine();
  const scope = { instance: desired.instance, vdcId: desired.vdc.id };
  const [services, volumes, info] = await Promise.all([api.listServices(vdcLabelFilter(scope)), getRuntime().listVolumes(vdcLabelFilter(scope)), api.info()]);
  const placed = new Set(services.map((s) => s.Spec.Labels?.[LABEL.appliance]));
  const pins: Record<string, string> = {};
  for (const v of volumes) {
    const appliance = v.labels[LABEL.appliance];
    if (appliance && v.labels[LABEL.volume] && !v.labels[SHARE_LABEL.share] && !placed.has(appliance)) pins[appliance] = info.nodeId;
  }
  return pins;
}

export async function previewSwarmPlan(desired: DesiredState, placement: SwarmPlacementOptions, notes: string[] = []): Promise<SwarmVdcPlan> {
  const planned = await planSwarmVdc(getSwarmEngine().api, desired, { ...placement, pins: await dataPins(desired), images: await pushedImages(desired) });
  planned.plan.notes.unshift(...notes);
  return planned;
}

export async function deploySwarm(
  desired: DesiredState,
  images: Record<string, string>,
  placement: SwarmPlacementOptions & { pins?: Record<string, string> },
  options: { signal: AbortSignal; onEvent(e: SwarmApplyEvent): void; onLog(line: string): void },
): Promise<SwarmVdcPlan> {
  const engine = getSwarmEngine();
  const secret = decodeSecretKey(controlEnv().COLO_SECRET_KEY) as Buffer;
  const needsShares = shareWiring(desired).shares.length > 0;
  const shares = needsShares ? engine.shareDeps({ nodes: nodeAccess('share an fs volume across the nodes'), image: shareImage(), secret }) : undefined;
  return deploySwarmVdc(engine.api, desired, {
    ...placement,
    pins: { ...(await dataPins(desired)), ...placement.pins },
    images,
    signal: options.signal,
    onEvent: options.onEvent,
    ...(shares ? { shares } : {}),
    onShare: (key, result) =>
      options.onLog(`share ${key}: mounted on ${result.nodes.map((n) => n.hostname).join(', ')}${result.changed.length > 0 ? ` (${result.changed.join(', ')})` : ''}`),
  });
}

const ACTION: Record<SwarmPlan['steps'][number]['action'], PlanAction> = { create: 'create', update: 'recreate', remove: 'remove' };

/** A swarm plan in the shape of every plan (steps, summary, networks) plus the mode and its notes. */
export function planView(planned: SwarmVdcPlan, desired: DesiredState): Plan & { mode: 'swarm'; notes: string[] } {
  const { plan } = planned;
  const summary: Record<PlanAction, number> = { create: 0, recreate: 0, remove: 0, start: 0, reconfigure: 0 };
  for (const s of plan.steps) summary[ACTION[s.action]]++;
  const count = (role: string) => desired.networks.filter((n) => n.role === role).length;
  return {
    vdc: plan.vdc,
    instance: plan.instance,
    revisionId: plan.revisionId,
    mode: 'swarm',
    steps: plan.steps.map((s) => ({
      id: s.id,
      action: ACTION[s.action],
      kind: s.kind === 'network' ? 'network' : planned.swarm.services.find((x) => x.name === s.name)?.kind === 'listener' ? 'listener' : 'container',
      name: s.name,
      ...(s.appliance ? { appliance: s.appliance } : {}),
      reason: s.reason,
      dependsOn: s.dependsOn,
    })),
    summary,
    networks: { wires: count('wire'), ingress: count('ingress'), edge: desired.listeners.length, egress: count('egress') },
    notes: plan.notes,
  };
}
