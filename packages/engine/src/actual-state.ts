// What exists in Docker for one VDC of one Colo installation, found by labels only.
import { LABEL, type VdcScope, vdcLabelFilter } from './labels';
import type { ContainerState, HealthState, NetworkSummary, PublishedPort, Runtime, VolumeSummary } from './runtime/runtime';

export interface ActualContainer {
  id: string;
  name: string;
  appliance: string;
  replica: number;
  classId: string;
  /** The image tag it was created from, and the image id it runs. */
  image: string;
  imageId: string;
  state: ContainerState;
  health: HealthState;
  specHash: string;
  specParts: Record<string, string>;
  revision: string;
  standby: boolean;
  after: string[];
  networks: string[];
  ports: PublishedPort[];
  labels: Record<string, string>;
  /** A running edge listener's current target (`host port`), when the query asked for it and it answered. */
  target?: string;
}

export interface ActualState {
  instance: string;
  vdcId: string;
  /** The VDC's appliance containers. */
  containers: ActualContainer[];
  /** The edge listeners serving this VDC's published ports (`colo.role=edge`). */
  listeners: ActualContainer[];
  /** The VDC's own networks (wires, ingress, listener and gateway bridges, any left by an older Colo). */
  networks: NetworkSummary[];
  volumes: VolumeSummary[];
  /** image reference → id it points at now (undefined when the image is missing). */
  images: Record<string, string | undefined>;
}

export interface ActualStateQuery extends VdcScope {
  /** Image references to resolve to ids, so the planner can see a tag moved to a new image. */
  images?: string[];
  /** Ask every running listener where it points (one file read each): the planner compares it. */
  listenerTargets?: boolean;
}

/** Inside the edge-proxy image: where the listener points now (see templates/system/edge-proxy). */
const LISTENER_TARGET_FILE = '/var/lib/colo-edge/target';

async function listenerTarget(runtime: Runtime, id: string): Promise<string | undefined> {
  try {
    const m = /^(\S+) (\d+)\s*$/.exec((await runtime.readFile(id, LISTENER_TARGET_FILE)) ?? '');
    return m ? `${m[1]} ${m[2]}` : undefined;
  } catch {
    return undefined; // a listener that cannot be asked is judged by its networks alone
  }
}

export async function readActualState(runtime: Runtime, query: ActualStateQuery): Promise<ActualState> {
  const filter = vdcLabelFilter(query);
  const [containers, networks, volumes, imageIds] = await Promise.all([
    runtime.listContainers(filter),
    runtime.listNetworks(filter),
    runtime.listVolumes(filter),
    Promise.all([...new Set(query.images ?? [])].map(async (ref) => [ref, await runtime.imageId(ref)] as const)),
  ]);
  const all = containers
    .map(
      (c): ActualContainer => ({
        id: c.id,
        name: c.name,
        appliance: c.labels[LABEL.appliance] ?? '',
        replica: Number(c.labels[LABEL.replica] ?? 0),
        classId: c.labels[LABEL.class] ?? '',
        image: c.image,
        imageId: c.imageId,
        state: c.state,
        health: c.health,
        specHash: c.labels[LABEL.spec] ?? '',
        specParts: parseSpecParts(c.labels[LABEL.specParts]),
        revision: c.labels[LABEL.revision] ?? '',
        standby: c.labels[LABEL.standby] === 'true',
        after: splitList(c.labels[LABEL.after]),
        networks: c.networks,
        ports: c.ports,
        labels: c.labels,
      }),
    )
    .sort((a, b) => a.appliance.localeCompare(b.appliance) || a.replica - b.replica || a.name.localeCompare(b.name));
  const isListener = (c: ActualContainer) => c.labels[LABEL.role] === 'edge';
  if (query.listenerTargets) {
    await Promise.all(all.filter((c) => isListener(c) && c.state === 'running').map(async (c) => (c.target = await listenerTarget(runtime, c.id))));
  }
  return {
    instance: query.instance,
    vdcId: query.vdcId,
    containers: all.filter((c) => !isListener(c)),
    listeners: all.filter(isListener),
    networks,
    volumes,
    images: Object.fromEntries(imageIds),
  };
}

function parseSpecParts(label: string | undefined): Record<string, string> {
  return Object.fromEntries(splitList(label).map((kv) => kv.split('=') as [string, string]));
}

function splitList(label: string | undefined): string[] {
  return label ? label.split(',').filter(Boolean) : [];
}
