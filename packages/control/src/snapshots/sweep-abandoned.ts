// What a copy leaves when its operation ends without its runner: given up after the worker died
// in every run, or failed by the queue. A runner that fails cleans up itself; these are the
// leftovers of the runs that were killed instead. The worker's sweep removes them: the volume
// tools of finished operations and their copies still running in the warm tool, snapshots
// still `creating` once their operation is over, and the volumes of clones that failed before
// their VDC was made. Nothing of a live run is touched.
import { getPrisma } from '@colo/db';
import { cancelCopiesInHostTool, copiesRunningInHostTool, LABEL, removeSnapshotVolumes, transferToolsPastDeadline } from '@colo/engine';
import { engineConfig, getRuntime } from '../docker/engine-access';

const FINISHED = ['succeeded', 'failed'] as const;

/** Returns what it removed, one line each. */
export async function sweepAbandonedCopies(): Promise<string[]> {
  const runtime = getRuntime();
  const prisma = getPrisma();
  const instance = engineConfig().instance;
  const mine = [`${LABEL.managed}=true`, `${LABEL.instance}=${instance}`];
  const removed: string[] = [];

  const tools = await runtime.listContainers([...mine, `${LABEL.role}=volume-tool`]);
  if (tools.length > 0) {
    const ops = tools.map((c) => c.labels[LABEL.operation]).filter(Boolean);
    const open = new Set(
      (await prisma.operation.findMany({ where: { id: { in: ops }, status: { notIn: [...FINISHED] } }, select: { id: true } })).map((o) => o.id),
    );
    for (const tool of tools.filter((c) => !open.has(c.labels[LABEL.operation]))) {
      await runtime.removeContainer(tool.id);
      removed.push(`volume tool ${tool.name}`);
    }
  }

  // The tools of `.colo.tar` transfers (bundles/bundle-data-calls.ts) past their deadline.
  for (const tool of await transferToolsPastDeadline(runtime, instance)) {
    await runtime.removeContainer(tool.id);
    removed.push(`volume tool ${tool.name} of a data transfer given up`);
  }

  // Copies a dead worker left running in the warm volume tool: stopped before their targets go.
  const running = await copiesRunningInHostTool(runtime, instance);
  if (running.length > 0) {
    const open = new Set(
      (await prisma.operation.findMany({ where: { id: { in: running }, status: { notIn: [...FINISHED] } }, select: { id: true } })).map((o) => o.id),
    );
    for (const op of running.filter((id) => !open.has(id))) {
      await cancelCopiesInHostTool(runtime, instance, op);
      removed.push(`the copies of operation ${op} in the volume tool`);
    }
  }

  const stale = await prisma.snapshot.findMany({
    where: { status: 'creating' },
    select: { id: true, number: true, operationId: true, vdc: { select: { name: true } } },
  });
  if (stale.length > 0) {
    const finished = new Set(
      (await prisma.operation.findMany({ where: { id: { in: stale.map((s) => s.operationId) }, status: { in: [...FINISHED] } }, select: { id: true } })).map(
        (o) => o.id,
      ),
    );
    for (const s of stale.filter((x) => finished.has(x.operationId))) {
      const volumes = await removeSnapshotVolumes(runtime, instance, s.id);
      await prisma.snapshot.deleteMany({ where: { id: s.id, status: 'creating' } });
      removed.push(`unfinished snapshot ${s.number} of ${s.vdc.name} (${volumes} volumes)`);
    }
  }

  // Volumes labelled with a VDC id no VDC row has: a clone's that never got as far as its VDC.
  const volumes = (await runtime.listVolumes([...mine, LABEL.vdc])).filter((v) => v.labels[LABEL.vdc]);
  const ids = [...new Set(volumes.map((v) => v.labels[LABEL.vdc]))];
  if (ids.length > 0) {
    const known = new Set((await prisma.vdc.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((v) => v.id));
    const orphans = ids.filter((id) => !known.has(id));
    if (orphans.length > 0) {
      const failedClones = await prisma.$queryRaw<{ vdcId: string }[]>`
        SELECT "params"->>'vdcId' AS "vdcId" FROM "Operation"
        WHERE "kind" = 'clone' AND "status" = 'failed' AND "params"->>'vdcId' = ANY(${orphans})`;
      const dead = new Set(failedClones.map((r) => r.vdcId));
      for (const v of volumes.filter((x) => dead.has(x.labels[LABEL.vdc]))) {
        await runtime.removeVolume(v.name);
        removed.push(`volume ${v.name} of a clone that failed`);
      }
    }
  }
  return removed;
}
