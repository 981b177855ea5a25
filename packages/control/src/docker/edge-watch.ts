// Keeps every running VDC's published ports served: an edge listener stopped or removed behind
// Colo's back is brought back by an operation (a `deploy` of the deployed revision with `repair`,
// which only creates or starts listeners), queued like any other so it runs under the VDC's
// claim and fence. The worker calls this at start and every half minute; it changes nothing
// in Docker itself.
import { getPrisma, type Prisma } from '@colo/db';
import { LABEL, listenerLabelFilter } from '@colo/engine';
import { auditSystemRequest } from '../audit/system-events';
import { checkEntries } from '../entries/entry-watch';
import { newId } from '../ids';
import { enqueueOperation } from '../operations/queue';
import { engineConfig, getRuntime } from './engine-access';
import { getSwarmEngine, onSwarmManager } from './engine-mode';

export interface EdgeCheck {
  /** Operations queued to bring listeners back, as `vdc name: op id (why)`. */
  repairs: string[];
}

interface ExposingManifest {
  appliances?: { replicas?: number; expose?: { port?: number }[] }[];
}

/** Host ports a revision publishes (an appliance scaled to 0 publishes nothing). */
export function publishedPorts(manifest: unknown): number[] {
  const ports: number[] = [];
  for (const a of (manifest as ExposingManifest).appliances ?? []) {
    if (a.replicas === 0) continue;
    for (const e of a.expose ?? []) if (typeof e.port === 'number') ports.push(e.port);
  }
  return ports.sort((x, y) => x - y);
}

export async function checkEdgeListeners(): Promise<EdgeCheck> {
  const prisma = getPrisma();
  const runtime = getRuntime();
  // Entries first: theirs are listeners too, checked the same way.
  const result: EdgeCheck = { repairs: await checkEntries() };
  // Only VDCs at rest: one with an operation running or queued is being changed already.
  const vdcs = await prisma.vdc.findMany({
    where: { state: 'running', deployedRevisionId: { not: null }, activeOperationId: null, operations: { none: { status: { in: ['queued', 'running'] } } } },
    select: { id: true, name: true, ownerId: true, deployedRevisionId: true },
  });
  if (vdcs.length === 0) return result;
  const filter = listenerLabelFilter(engineConfig().instance);
  const listeners = [...(await runtime.listContainers(filter)), ...(await listenerServices(filter))];
  const revisions = await prisma.revision.findMany({
    where: { id: { in: vdcs.map((v) => v.deployedRevisionId as string) } },
    select: { id: true, number: true, manifest: true },
  });
  const byId = new Map(revisions.map((r) => [r.id, r]));

  for (const vdc of vdcs) {
    const revision = byId.get(vdc.deployedRevisionId as string);
    if (!revision) continue;
    const own = listeners.filter((l) => l.labels[LABEL.vdc] === vdc.id);
    const missing = publishedPorts(revision.manifest).filter((port) => !own.some((l) => l.labels[LABEL.edgePort] === String(port)));
    const stopped = own.filter((l) => l.state === 'exited' || l.state === 'created').map((l) => l.name);
    const why = [
      ...(missing.length > 0 ? [`edge listener missing for port ${missing.join(', ')}`] : []),
      ...(stopped.length > 0 ? [`edge listener stopped: ${stopped.join(', ')}`] : []),
    ].join('; ');
    if (!why) continue;
    const op = await prisma.operation.create({
      data: {
        id: newId('op'),
        vdcId: vdc.id,
        kind: 'deploy',
        params: { revision: revision.number, repair: why } as Prisma.InputJsonValue,
        revisionId: revision.id,
        requestedById: vdc.ownerId,
      },
    });
    await enqueueOperation(op.id);
    await auditSystemRequest({ by: 'edge repair', operationId: op.id, kind: 'deploy', vdc, detail: { revision: revision.number, repair: why } });
    result.repairs.push(`${vdc.name}: ${op.id} (${why})`);
  }
  return result;
}

/**
 * On a swarm, a VDC's listeners are services, their tasks on any node: a service counts as the
 * listener being there (Swarm restarts its task itself), whichever node runs it.
 */
async function listenerServices(filter: string[]): Promise<{ name: string; labels: Record<string, string>; state: string }[]> {
  if (!(await onSwarmManager())) return [];
  return (await getSwarmEngine().api.listServices(filter)).map((s) => ({ name: s.Spec.Name, labels: s.Spec.Labels ?? {}, state: 'running' }));
}
