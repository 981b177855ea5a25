// The flap guard's decision: store one appliance failure (once, whichever worker saw it), and
// when the appliance's limit is reached in its window, flag it and ask for a normal stop
// operation of that appliance, so the stop takes its turn in the VDC's one-at-a-time queue.
import { getPrisma, type Prisma } from '@colo/db';
import { type ContainerFailure, describeFailure, type FailureKind } from '@colo/engine';
import { failoverPolicy } from '@colo/manifest';
import { auditSystemRequest } from '../audit/system-events';
import { newId } from '../ids';
import { enqueueOperation } from '../operations/queue';

export type RecordOutcome = 'ignored' | 'duplicate' | 'recorded' | 'flagged';

export interface RecordedFailure extends ContainerFailure {
  /** The last health check's output, already redacted; only for `unhealthy`. */
  detail?: string;
}

interface ManifestAppliance {
  name?: string;
  failover?: { maxFailures?: number; window?: string };
}

/** The appliance's failover setting in the revision Docker runs (the deployed one). */
async function policyFor(deployedRevisionId: string | null, appliance: string) {
  const revision = deployedRevisionId
    ? await getPrisma().revision.findUnique({ where: { id: deployedRevisionId }, select: { manifest: true } })
    : null;
  const entries = ((revision?.manifest as { appliances?: ManifestAppliance[] } | undefined)?.appliances ?? []) as ManifestAppliance[];
  return failoverPolicy(entries.find((a) => a.name === appliance)?.failover);
}

export function flagReason(count: number, window: string, kind: FailureKind, exitCode?: number | null): string {
  return `failed ${count} time${count === 1 ? '' : 's'} in ${window} (last: ${describeFailure(kind, exitCode)})`;
}

export async function recordFailure(failure: RecordedFailure): Promise<{ outcome: RecordOutcome; operationId?: string; reason?: string }> {
  const prisma = getPrisma();
  const vdc = await prisma.vdc.findUnique({ where: { id: failure.vdcId }, select: { id: true, name: true, ownerId: true, deployedRevisionId: true } });
  if (!vdc) return { outcome: 'ignored' };
  const { count: inserted } = await prisma.applianceFailure.createMany({
    data: [
      {
        vdcId: vdc.id,
        appliance: failure.appliance,
        container: failure.container,
        kind: failure.kind,
        exitCode: failure.exitCode ?? null,
        detail: failure.detail ?? null,
        eventKey: failure.key,
        at: failure.at,
      },
    ],
    skipDuplicates: true,
  });
  if (inserted === 0) return { outcome: 'duplicate' };

  const policy = await policyFor(vdc.deployedRevisionId, failure.appliance);
  const flag = await prisma.applianceFlag.findUnique({ where: { vdcId_appliance: { vdcId: vdc.id, appliance: failure.appliance } } });
  if (flag && flag.clearedAt === null) return { outcome: 'recorded' };
  // Failures before the flag was last cleared were dealt with by whoever cleared it.
  const windowStart = new Date(failure.at.getTime() - policy.windowMs);
  const since = flag?.clearedAt && flag.clearedAt > windowStart ? flag.clearedAt : windowStart;
  const count = await prisma.applianceFailure.count({
    where: { vdcId: vdc.id, appliance: failure.appliance, at: { gt: since, lte: failure.at } },
  });
  if (count < policy.maxFailures) return { outcome: 'recorded' };

  const reason = flagReason(count, policy.window, failure.kind, failure.exitCode);
  const operationId = newId('op');
  const won = await prisma.$transaction(async (tx) => {
    // Two workers may reach this line for two different failures: only one flags and stops.
    const rows = await tx.$executeRaw`
      INSERT INTO "ApplianceFlag" ("vdcId", "appliance", "reason", "operationId", "flaggedAt", "clearedAt")
      VALUES (${vdc.id}, ${failure.appliance}, ${reason}, ${operationId}, now(), NULL)
      ON CONFLICT ("vdcId", "appliance") DO UPDATE
        SET "reason" = EXCLUDED."reason", "operationId" = EXCLUDED."operationId", "flaggedAt" = now(), "clearedAt" = NULL
        WHERE "ApplianceFlag"."clearedAt" IS NOT NULL`;
    if (rows !== 1) return false;
    await tx.operation.create({
      data: {
        id: operationId,
        vdcId: vdc.id,
        kind: 'stop',
        params: { appliance: failure.appliance } as Prisma.InputJsonValue,
        requestedById: vdc.ownerId,
        logs: { create: { message: `asked for by the flap guard: ${failure.appliance} ${reason}` } },
      },
    });
    return true;
  });
  if (!won) return { outcome: 'recorded' };
  // Should Redis be down, the operation stays queued in Postgres and the worker's sweep for lost
  // operations enqueues it later: the stop is not lost.
  await enqueueOperation(operationId).catch(() => {});
  await auditSystemRequest({ by: 'flap guard', operationId, kind: 'stop', vdc, detail: { appliance: failure.appliance, reason } });
  return { outcome: 'flagged', operationId, reason };
}
