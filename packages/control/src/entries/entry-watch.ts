// Keeps every entry served: a ready entry whose listener was stopped or removed behind Colo's back
// (a `docker rm`, a daemon that lost it) is pointed again at the VDC it points at, by an
// `entry_switch` operation queued like any other. Called with the edge listener check (the
// worker's half-minute timer); it changes nothing in Docker itself.
import { getPrisma, type Prisma } from '@colo/db';
import { ENTRY_LABEL, LABEL } from '@colo/engine';
import { engineConfig, getRuntime } from '../docker/engine-access';
import { auditSystemRequest } from '../audit/system-events';
import { newId } from '../ids';
import { enqueueOperation } from '../operations/queue';

/** Repairs queued, as `entry name: op id (why)`. */
export async function checkEntries(): Promise<string[]> {
  const prisma = getPrisma();
  // Ready entries of VDCs at rest, with no entry operation open.
  const entries = await prisma.$queryRaw<{ id: string; name: string; hostPort: number; vdcId: string; appliance: string; terminal: string; ownerId: string; vdcName: string }[]>`
    SELECT e."id", e."name", e."hostPort", e."vdcId", e."appliance", e."terminal", v."ownerId", v."name" AS "vdcName"
    FROM "Entry" e JOIN "Vdc" v ON v."id" = e."vdcId"
    WHERE e."state" = 'ready' AND v."state" = 'running' AND v."activeOperationId" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "Operation" o WHERE o."vdcId" = v."id" AND o."status" IN ('queued', 'running'))
      AND NOT EXISTS (SELECT 1 FROM "Operation" o WHERE o."kind" IN ('entry_switch', 'entry_delete')
                        AND o."status" IN ('queued', 'running') AND o."params"->>'entryId' = e."id")`;
  if (entries.length === 0) return [];
  const { instance } = engineConfig();
  const listeners = await getRuntime().listContainers([`${LABEL.managed}=true`, `${LABEL.instance}=${instance}`, ENTRY_LABEL]);
  const repairs: string[] = [];
  for (const e of entries) {
    const own = listeners.find((l) => l.labels[ENTRY_LABEL] === e.id);
    const why = !own ? 'its listener is missing' : own.state === 'running' || own.state === 'restarting' ? undefined : `its listener is ${own.state}`;
    if (!why) continue;
    const id = newId('op');
    await prisma.operation.create({
      data: {
        id,
        vdcId: e.vdcId,
        kind: 'entry_switch',
        params: { entryId: e.id, entry: e.name, appliance: e.appliance, terminal: e.terminal, from: e.vdcId, repair: why } as Prisma.InputJsonValue,
        requestedById: e.ownerId,
      },
    });
    await enqueueOperation(id);
    await auditSystemRequest({ by: 'entry repair', operationId: id, kind: 'entry_switch', vdc: { id: e.vdcId, name: e.vdcName }, detail: { entry: e.name, repair: why } });
    repairs.push(`entry ${e.name}: ${id} (${why})`);
  }
  return repairs;
}
