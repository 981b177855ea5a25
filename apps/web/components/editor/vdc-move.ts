// The VDC-level "Move to node…" (issue 10): on a swarm, every appliance that keeps data on a node
// goes to one target node in one `move` operation (no appliance in the body). What the toolbar
// offers, what the dialog lists and why it cannot be pressed. Pure: vdc-move-button renders it.
import type { VdcStatusBody } from '@/components/deploy';
import { dataNodesOf, type MoveTarget } from './data-nodes';

export interface PinnedAppliance {
  appliance: string;
  hostname: string;
  lost: boolean;
  reason?: string;
}

export interface VdcMoveView {
  /** Only a swarm's status names nodes (a replica's `node`, an appliance's `data`). */
  swarm: boolean;
  /** What moves: the appliances pinned by their data, by name. */
  pinned: PinnedAppliance[];
}

export function vdcMoveView(status: VdcStatusBody | undefined): VdcMoveView {
  const apps = status?.appliances ?? [];
  const swarm = apps.some((a) => a.data !== undefined || a.containers.some((c) => c.node !== undefined));
  const pinned = Object.entries(dataNodesOf(status))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([appliance, d]) => ({ appliance, hostname: d.hostname, lost: d.lost, ...(d.reason ? { reason: d.reason } : {}) }));
  return { swarm, pinned };
}

/** One line per pinned appliance: where its data is and how it gets to the target. */
export function pinnedLine(p: PinnedAppliance): string {
  // A drained node still answers, so its data is copied live like any other's.
  if (p.lost && p.reason !== 'drained') return `${p.appliance}: on ${p.hostname}, which is ${p.reason ?? 'lost'}: restored from the newest snapshot holding its data`;
  return `${p.appliance}: on ${p.hostname}, copied live`;
}

/**
 * Why the VDC's Move cannot be pressed now, or undefined. `targets` undefined: the node list
 * could not be read (only Colo admins list nodes), so only Colo's own pick is offered.
 */
export function vdcMoveBlocked(input: { vdcName: string; readOnly?: string; busy: boolean; view: VdcMoveView; targets: readonly MoveTarget[] | undefined }): string | undefined {
  if (input.readOnly) return `viewers cannot move: ${input.readOnly}`;
  if (input.busy) return 'An operation is running on this VDC';
  if (input.view.pinned.length === 0) return `Nothing of ${input.vdcName} keeps data on a node: Swarm runs it on any node already`;
  if (input.targets && input.targets.length === 0) return 'No node is ready and active to move it to';
  return undefined;
}

/** The body of a whole-VDC move to `node` ('' = Colo picks): never an appliance. */
export function vdcMoveRequest(node: string): { node?: string } {
  return node ? { node } : {};
}
