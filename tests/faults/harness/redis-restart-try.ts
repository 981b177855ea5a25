// One Redis restart in the middle of operations: a deploy running, one beside it on another VDC,
// and a stop waiting in Redis behind the first. Shared by redis-restart.test.ts and the bench.
import { type AuthUser, createVdc, requestOperation } from '@colo/control';
import { manifestOf } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { type CreateCounter, judge } from './convergence';
import type { FaultsTest } from './faults-test';
import { waitFor } from './free-port';
import { waitFinished } from './operations';

export interface RedisTry {
  operations: number;
  /** Finished successfully and each VDC is in the state asked for. */
  converged: number;
  /** Operations claimed more than once (a second run), plus containers created twice. */
  duplicates: number;
  orphans: number;
  /** Operations that never finished. */
  lost: number;
  detail: string;
}

export async function redisRestartTry(t: FaultsTest, user: AuthUser, label: string, keepData: boolean, creates: CreateCounter): Promise<RedisTry> {
  creates.reset();
  const [a, b] = [`${label}-a`, `${label}-b`];
  for (const name of [a, b]) await createVdc(user, manifestOf(name, [{ name: 'box', class: 'steady', replicas: 4 }]));
  const ops = [
    await requestOperation(user, a, 'deploy', {}),
    await requestOperation(user, b, 'deploy', {}),
    await requestOperation(user, a, 'stop', {}),
  ];
  const vdcA = await getPrisma().vdc.findFirstOrThrow({ where: { name: a, ownerId: user.id } });
  await waitFor(`a container of ${a}`, 90_000, async () => {
    const op = await getPrisma().operation.findUniqueOrThrow({ where: { id: ops[0].id } });
    const made = await t.docker.docker.listContainers({ all: true, filters: { label: [`colo.vdc=${vdcA.id}`] } });
    return op.status === 'running' && made.length > 0 ? true : undefined;
  }, 100);

  await t.redis.restart({ keepData, downMs: 1500 });

  const result: RedisTry = { operations: ops.length, converged: 0, duplicates: 0, orphans: 0, lost: 0, detail: '' };
  let succeeded = 0;
  for (const op of ops) {
    try {
      const done = await waitFinished(op.id, 180_000);
      if (done.status === 'succeeded') succeeded++;
      else result.detail += `${op.kind} of ${op.vdc} ${done.status}: ${done.error}\n`;
      if (done.fence !== 1) {
        result.duplicates++;
        result.detail += `${op.kind} of ${op.vdc} was claimed ${done.fence} times\n`;
      }
    } catch (error) {
      result.lost++;
      result.detail += `${(error as Error).message}\n`;
    }
  }
  const verdicts = [await judge(user, a, 'stopped', creates), await judge(user, b, 'deployed', creates)];
  // Duplicated containers are counted once (both verdicts read the same create counter).
  result.duplicates += Math.max(...verdicts.map((v) => v.duplicates));
  result.orphans = verdicts.reduce((n, v) => n + v.orphans, 0);
  result.converged = succeeded === ops.length && verdicts.every((v) => v.converged) ? ops.length : succeeded;
  for (const v of verdicts) if (!v.converged) result.detail += `${v.detail}\n`;
  return result;
}
