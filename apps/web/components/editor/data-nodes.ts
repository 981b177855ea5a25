// On a swarm, where each pinned appliance's data is (the live status's `data`), what the editor
// says when that node is lost and how it offers the way back (restore from a snapshot onto
// another node, issue 10), and which nodes an appliance may be moved to. Pure: the banner and the
// inspector's Move section render what these return.
import type { ClusterNodeAnswer, Snapshot } from '@colo/api';
import type { VdcStatusBody } from '@/components/deploy';

export interface DataNode {
  nodeId: string;
  hostname: string;
  lost: boolean;
  reason?: string;
}

/** `POST /vdcs/:name/move`'s body. */
export interface MoveRequest {
  appliance: string;
  node?: string;
  snapshot?: number;
}

/** Per appliance pinned by its data: the node that holds it (only a swarm's status says). */
export function dataNodesOf(status: VdcStatusBody | undefined): Record<string, DataNode> {
  const out: Record<string, DataNode> = {};
  for (const a of status?.appliances ?? []) {
    if (a.data) out[a.name] = { nodeId: a.data.nodeId, hostname: a.data.hostname, lost: a.data.lost, ...(a.data.reason ? { reason: a.data.reason } : {}) };
  }
  return out;
}

export interface LostData {
  appliance: string;
  /** "db's data is on node n2, which is down." */
  message: string;
  /**
   * The one action offered: a restore from a snapshot onto another node, or (a drained node still
   * answers) a live move; absent while the snapshots are read, or when none holds the data.
   */
  action?: { label: string; request: MoveRequest; snapshot?: number };
  /** Why nothing is offered, when nothing is. */
  none?: string;
}

/** The newest ready snapshot holding a volume of `appliance`, and the newest ready one at all. */
function snapshotFor(appliance: string, snapshots: readonly Snapshot[]): { holding?: number; newest?: number } {
  const ready = snapshots.filter((s) => s.status === 'ready').sort((a, b) => b.number - a.number);
  return { holding: ready.find((s) => s.volumes.some((v) => v.appliance === appliance))?.number, newest: ready[0]?.number };
}

/**
 * One line per appliance whose data node is lost. `snapshots` undefined: not read yet. The move
 * asks for just the appliance when the snapshot offered is the newest ready one (what Colo takes
 * by itself); an older one that alone holds the data is named. A drained node is offered a live
 * move instead (the move runner copies from a node that still answers).
 */
export function lostDataOf(status: VdcStatusBody | undefined, snapshots: readonly Snapshot[] | undefined): LostData[] {
  return Object.entries(dataNodesOf(status))
    .filter(([, d]) => d.lost)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([appliance, d]) => {
      const message = `${appliance}'s data is on node ${d.hostname}, which is ${d.reason ?? 'lost'}.`;
      // A drained node still answers: the move copies the data live, no snapshot needed.
      if (d.reason === 'drained') return { appliance, message, action: { label: `Move ${appliance} to another node`, request: { appliance } } };
      if (!snapshots) return { appliance, message };
      const { holding, newest } = snapshotFor(appliance, snapshots);
      if (holding === undefined) {
        return { appliance, message, none: `No ready snapshot holds ${appliance}'s data, so it cannot be restored onto another node: bring node ${d.hostname} back.` };
      }
      const request: MoveRequest = holding === newest ? { appliance } : { appliance, snapshot: holding };
      return { appliance, message, action: { snapshot: holding, label: `Restore ${appliance} from snapshot ${holding} onto another node`, request } };
    });
}

export interface MoveTarget {
  id: string;
  hostname: string;
  label: string;
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(bytes >= 10 * 1024 ** 3 ? 0 : 1)} GiB`;
}

/** The nodes a pinned appliance may go to: ready, active, not the one holding its data now. */
export function moveTargets(nodes: readonly ClusterNodeAnswer[], from: string | undefined): MoveTarget[] {
  return nodes
    .filter((n) => n.state === 'ready' && n.availability === 'active' && n.id !== from)
    .sort((a, b) => a.hostname.localeCompare(b.hostname))
    .map((n) => ({ id: n.id, hostname: n.hostname, label: `${n.hostname} (${n.cpus} CPU${n.cpus === 1 ? '' : 's'}, ${gib(n.memoryBytes)})` }));
}

/**
 * Why Move cannot be pressed now, or undefined. `targets` undefined: the node list could not be
 * read (only Colo admins list nodes), so only Colo's own pick is offered.
 */
export function moveBlocked(input: { readOnly?: string; busy: boolean; targets: readonly MoveTarget[] | undefined }): string | undefined {
  if (input.readOnly) return input.readOnly;
  if (input.busy) return 'An operation is running on this VDC';
  if (input.targets && input.targets.length === 0) return 'No other node is ready and active to move it to';
  return undefined;
}

/** The body of a move to `node` ('' = Colo picks). */
export function moveRequest(appliance: string, node: string): MoveRequest {
  return node ? { appliance, node } : { appliance };
}
