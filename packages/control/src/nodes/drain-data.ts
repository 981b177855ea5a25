// A drain moves data first (issue 10: "drain and remove a node (its appliances move first)").
// Swarm moves stateless replicas by itself, but an appliance pinned to the node by its volumes
// cannot follow: drained as it is, it would stop and wait for the node. So before the node is
// drained, each VDC whose data is on it gets a `move` operation of what keeps its data there
// (runners/move.ts with `from`: a live copy to another ready node, healthy before the old copy
// goes). The drain itself waits until those have run: the caller follows the operations and
// asks again. An open move of the VDC is reported, not queued twice.
import { getPrisma, type Prisma } from '@colo/db';
import type { ClusterNode } from '@colo/engine';
import { auditSystemRequest } from '../audit/system-events';
import type { AuthUser } from '../auth/api-tokens';
import { engineConfig } from '../docker/engine-access';
import { newId } from '../ids';
import { enqueueOperation } from '../operations/queue';

export interface DataMove {
  vdc: string;
  vdcName: string;
  operationId: string;
}

/** VDCs of this installation with an appliance held to `node` by its data, by id. */
export function pinnedVdcs(node: Pick<ClusterNode, 'runs'>, instance: string): string[] {
  const ids = node.runs.filter((r) => r.colo && r.pinned && r.vdc && r.instance === instance).map((r) => r.vdc as string);
  return [...new Set(ids)].sort();
}

/** Queues (or finds) the moves that take every pinned appliance's data off `node`. */
export async function moveDataOff(user: AuthUser, node: Pick<ClusterNode, 'id' | 'hostname' | 'runs'>): Promise<DataMove[]> {
  const prisma = getPrisma();
  const moves: DataMove[] = [];
  for (const vdcId of pinnedVdcs(node, engineConfig().instance)) {
    const vdc = await prisma.vdc.findUnique({ where: { id: vdcId }, select: { id: true, name: true, state: true } });
    if (!vdc || vdc.state === 'destroyed') continue;
    const open = await prisma.operation.findFirst({ where: { vdcId, kind: 'move', status: { in: ['queued', 'running'] } }, select: { id: true } });
    if (open) {
      moves.push({ vdc: vdc.id, vdcName: vdc.name, operationId: open.id });
      continue;
    }
    const id = newId('op');
    const params = { from: node.id, drain: node.hostname } as Prisma.InputJsonValue;
    await prisma.operation.create({ data: { id, vdcId, kind: 'move', params, requestedById: user.id } });
    await enqueueOperation(id);
    await auditSystemRequest({ by: 'node drain', operationId: id, kind: 'move', vdc, detail: { node: node.hostname, admin: user.email } });
    moves.push({ vdc: vdc.id, vdcName: vdc.name, operationId: id });
  }
  return moves;
}
