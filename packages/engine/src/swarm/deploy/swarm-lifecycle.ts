// Stop, start and destroy a deployed VDC on the swarm without its manifest: everything needed is
// on the services' labels (boot order, replicas, standby, role). Stop scales to 0 and keeps each
// spec; start scales back; destroy removes services and networks and keeps every volume.
import { bootLayers } from '../../boot-order';
import { LABEL, type VdcScope, vdcLabelFilter } from '../../labels';
import { SHARE_LABEL } from '../shares/share-names';
import { removeNetworkWhenFree } from './apply-swarm-plan';
import type { SwarmApi, SwarmServiceInfo } from './swarm-api';
import { SWARM_LABEL } from './swarm-labels';
import { waitServiceConverged } from './wait-service';

export interface SwarmLifecycleOptions {
  signal?: AbortSignal;
  onProgress?(message: string): void;
  /** Per service; 120 s unless told. */
  timeoutMs?: number;
}

export interface SwarmDestroyOptions extends SwarmLifecycleOptions {
  /** Takes the VDC's shares down (removeShare) once their clients are gone; given the share keys. */
  removeShares?(keys: string[]): Promise<void>;
}

/** A share's objects carry the VDC's labels but are the shares subsystem's (ensureShare/removeShare). */
const isShare = (labels: Record<string, string> | undefined) => Boolean(labels?.[SHARE_LABEL.share]);

export async function stopSwarmVdc(api: SwarmApi, scope: VdcScope, options: SwarmLifecycleOptions = {}): Promise<void> {
  const { listeners, layers } = await vdcServices(api, scope);
  // Listeners first, so no request reaches a replica on its way down; then clients before servers.
  for (const group of [listeners, ...[...layers].reverse()]) {
    await Promise.all(group.map((s) => scaleAndWait(api, s, 0, options)));
  }
}

export async function startSwarmVdc(api: SwarmApi, scope: VdcScope, options: SwarmLifecycleOptions = {}): Promise<void> {
  const { listeners, layers } = await vdcServices(api, scope);
  for (const group of [...layers, listeners]) {
    const running = group.filter((s) => s.Spec.Labels[LABEL.standby] !== 'true');
    await Promise.all(running.map((s) => scaleAndWait(api, s, Number(s.Spec.Labels[SWARM_LABEL.replicas] ?? 1), options)));
  }
}

/**
 * Scales the services of `appliances` to 0 and waits until their tasks are gone (a move copies
 * their data next). A task on a node that is down is not waited for: it cannot write any more.
 */
export async function stopSwarmAppliances(
  api: SwarmApi,
  scope: VdcScope,
  appliances: ReadonlySet<string>,
  options: SwarmLifecycleOptions & {
    /** A move's: a NAS's share server reads its volume too; the deploy after ensures it again, on the NAS's node. */
    shareServers?: boolean;
  } = {},
): Promise<string[]> {
  const services = (await api.listServices(vdcLabelFilter(scope))).filter(
    (s) => (options.shareServers || !isShare(s.Spec.Labels)) && s.Spec.Labels[LABEL.role] !== 'edge' && appliances.has(s.Spec.Labels[LABEL.appliance] ?? ''),
  );
  await Promise.all(services.map((s) => scaleAndWait(api, s, 0, options)));
  return services.map((s) => s.Spec.Name);
}

/** Scales the services of `appliances` back to their replicas (a standby one stays at 0). */
export async function startSwarmAppliances(api: SwarmApi, scope: VdcScope, appliances: ReadonlySet<string>, options: SwarmLifecycleOptions = {}): Promise<string[]> {
  const services = (await api.listServices(vdcLabelFilter(scope))).filter(
    (s) => !isShare(s.Spec.Labels) && s.Spec.Labels[LABEL.role] !== 'edge' && appliances.has(s.Spec.Labels[LABEL.appliance] ?? '') && s.Spec.Labels[LABEL.standby] !== 'true',
  );
  await Promise.all(services.map((s) => scaleAndWait(api, s, Number(s.Spec.Labels[SWARM_LABEL.replicas] ?? 1), options)));
  return services.map((s) => s.Spec.Name);
}

/** Removes the VDC's services and networks; volumes stay on their nodes (a purge is a later step). */
export async function destroySwarmVdc(api: SwarmApi, scope: VdcScope, options: SwarmDestroyOptions = {}): Promise<void> {
  const all = await api.listServices(vdcLabelFilter(scope));
  const services = all.filter((s) => !isShare(s.Spec.Labels));
  await Promise.all(services.map((s) => api.removeService(s.Spec.Name)));
  await Promise.all(
    services.map((s) =>
      waitServiceConverged(api, { name: s.Spec.Name, replicas: 0 }, { timeoutMs: options.timeoutMs ?? 120_000, signal: options.signal }).catch(() => undefined),
    ),
  );
  // Shares after their clients (a client's mount dies with its mounter), before the networks.
  const shareKeys = [...new Set(all.map((s) => s.Spec.Labels?.[SHARE_LABEL.share]).filter((k): k is string => Boolean(k)))].sort();
  if (shareKeys.length > 0 && options.removeShares) {
    await options.removeShares(shareKeys);
    options.onProgress?.(`removed share${shareKeys.length === 1 ? '' : 's'} ${shareKeys.join(', ')}`);
  }
  const networks = (await api.listNetworks(vdcLabelFilter(scope))).filter((n) => !isShare(n.Labels));
  const said = await Promise.all(networks.map((n) => removeNetworkWhenFree(api, n.Name, options.signal)));
  for (const line of said.filter((l) => l.includes(' kept: '))) options.onProgress?.(line);
  options.onProgress?.(`removed ${services.length} services and ${networks.length} networks`);
}

async function scaleAndWait(api: SwarmApi, s: SwarmServiceInfo, replicas: number, options: SwarmLifecycleOptions): Promise<void> {
  const current = await api.inspectService(s.Spec.Name);
  if (!current) return;
  if ((current.Spec.Mode?.Replicated?.Replicas ?? 0) !== replicas) {
    await api.updateService(current.ID, current.Version.Index, { ...current.Spec, Mode: { Replicated: { Replicas: replicas } } });
  }
  if (replicas === 0 && (await onLostNode(api, s.Spec.Name))) {
    // Swarm marks a lost node's task for shutdown, and it stays `running` on the manager's books
    // until the node is back: not waited for (it cannot write anywhere the others see).
    options.onProgress?.(`${s.Spec.Name}: scaled to 0 (a task of it is on a lost node)`);
    return;
  }
  const message = await waitServiceConverged(api, { name: s.Spec.Name, specHash: replicas > 0 ? current.Spec.Labels[LABEL.spec] : undefined, replicas }, {
    timeoutMs: options.timeoutMs ?? 120_000,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  options.onProgress?.(message);
}

async function vdcServices(api: SwarmApi, scope: VdcScope): Promise<{ listeners: SwarmServiceInfo[]; layers: SwarmServiceInfo[][] }> {
  const services = (await api.listServices(vdcLabelFilter(scope))).filter((s) => !isShare(s.Spec.Labels));
  const listeners = services.filter((s) => s.Spec.Labels[LABEL.role] === 'edge');
  const appliances = services.filter((s) => s.Spec.Labels[LABEL.role] !== 'edge');
  const byAppliance = new Map(appliances.map((s) => [s.Spec.Labels[LABEL.appliance] ?? s.Spec.Name, s]));
  const deps = new Map([...byAppliance].map(([a, s]) => [a, (s.Spec.Labels[LABEL.after] ?? '').split(',').filter((x) => byAppliance.has(x))]));
  const layers = bootLayers(deps).map((layer) => layer.map((a) => byAppliance.get(a)!));
  return { listeners, layers };
}

async function onLostNode(api: SwarmApi, service: string): Promise<boolean> {
  const down = new Set((await api.listNodes()).filter((n) => n.Status.State !== 'ready').map((n) => n.ID));
  if (down.size === 0) return false;
  return (await api.listTasks({ service: [service] })).some((t) => t.NodeID !== undefined && down.has(t.NodeID) && t.Status.State === 'running');
}
