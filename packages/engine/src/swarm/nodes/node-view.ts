// Docker's node, task and service answers made into Colo's view of a node (pure: no Docker call).
import { LABEL } from '../../labels';
import type { ClusterNode, NodeAvailability, NodeRun, NodeState } from './cluster-api';

/** The parts of Docker's answers this file reads. */
export interface DockerNode {
  ID: string;
  Spec?: { Role?: string; Availability?: string; Labels?: Record<string, string> | null };
  Description?: { Hostname?: string; Resources?: { NanoCPUs?: number; MemoryBytes?: number }; Engine?: { EngineVersion?: string } };
  Status?: { State?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Addr?: string };
}

export interface DockerTask {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  Slot?: number;
  DesiredState?: string;
  Status?: { State?: string };
}

export interface DockerService {
  ID: string;
  Spec?: { Name?: string; Labels?: Record<string, string> | null; TaskTemplate?: { Placement?: { Constraints?: string[] | null } } };
}

function nodeState(state: string | undefined): NodeState {
  if (state === 'ready') return 'ready';
  if (state === 'down' || state === 'disconnected') return 'down';
  return 'unknown';
}

function availability(value: string | undefined): NodeAvailability {
  return value === 'drain' || value === 'pause' ? value : 'active';
}

/** Whether a service's placement holds it to this node (`node.id==…` or `node.hostname==…`). */
export function pinnedTo(service: DockerService, node: { id: string; hostname: string }): boolean {
  const constraints = service.Spec?.TaskTemplate?.Placement?.Constraints ?? [];
  return constraints.some((c) => {
    const m = /^\s*node\.(id|hostname)\s*==\s*(\S+)\s*$/.exec(c);
    return m !== null && m[2] === (m[1] === 'id' ? node.id : node.hostname);
  });
}

/** Each node's runs: tasks meant to run, grouped by service, Colo's appliances first. */
export function runsByNode(nodes: DockerNode[], tasks: DockerTask[], services: DockerService[]): Map<string, NodeRun[]> {
  const byId = new Map(services.map((s) => [s.ID, s]));
  const out = new Map<string, NodeRun[]>();
  for (const node of nodes) {
    const hostname = node.Description?.Hostname ?? node.ID;
    const runs = new Map<string, NodeRun>();
    for (const task of tasks) {
      if (task.NodeID !== node.ID || (task.DesiredState && task.DesiredState !== 'running')) continue;
      const service = byId.get(task.ServiceID) ?? { ID: task.ServiceID };
      let run = runs.get(service.ID);
      if (!run) {
        const labels = service.Spec?.Labels ?? {};
        run = {
          service: service.Spec?.Name ?? service.ID,
          colo: labels[LABEL.managed] === 'true',
          instance: labels[LABEL.instance],
          vdc: labels[LABEL.vdc],
          appliance: labels[LABEL.appliance],
          pinned: pinnedTo(service, { id: node.ID, hostname }),
          tasks: [],
        };
        runs.set(service.ID, run);
      }
      run.tasks.push({ id: task.ID, slot: task.Slot, state: task.Status?.State ?? 'unknown' });
    }
    const sorted = [...runs.values()].sort((a, b) => Number(b.colo) - Number(a.colo) || a.service.localeCompare(b.service));
    for (const run of sorted) run.tasks.sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0));
    out.set(node.ID, sorted);
  }
  return out;
}

export function toClusterNode(node: DockerNode, runs: NodeRun[]): ClusterNode {
  const resources = node.Description?.Resources ?? {};
  return {
    id: node.ID,
    hostname: node.Description?.Hostname ?? node.ID,
    role: node.Spec?.Role === 'manager' ? 'manager' : 'worker',
    leader: node.ManagerStatus?.Leader === true,
    state: nodeState(node.Status?.State),
    availability: availability(node.Spec?.Availability),
    address: node.Status?.Addr ?? '',
    cpus: (resources.NanoCPUs ?? 0) / 1e9,
    memoryBytes: resources.MemoryBytes ?? 0,
    labels: node.Spec?.Labels ?? {},
    engineVersion: node.Description?.Engine?.EngineVersion ?? '',
    runs,
  };
}

/** The node `ref` names: its id, a unique prefix of its id, or its hostname. */
export function findNode<N extends { id: string; hostname: string }>(nodes: N[], ref: string): N | 'ambiguous' | undefined {
  const exact = nodes.find((n) => n.id === ref) ?? nodes.find((n) => n.hostname === ref);
  if (exact) return exact;
  const prefixed = ref.length >= 3 ? nodes.filter((n) => n.id.startsWith(ref)) : [];
  if (prefixed.length > 1) return 'ambiguous';
  return prefixed[0];
}
