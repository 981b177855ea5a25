// The worker's edge check changes nothing itself: a VDC at rest whose published port has no
// listener gets a repair operation, queued and claimed like any other.
import { getPrisma } from '@colo/db';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { redisConnection } from '../operations/queue';
import { type ControlTest, manifestOf, setupControlTest } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { checkEdgeListeners, publishedPorts } from './edge-watch';

let t: ControlTest;
let user: AuthUser;
let queue: Queue;
beforeAll(async () => {
  t = await setupControlTest('edge-watch');
  user = await t.user();
  queue = new Queue(t.queueName, { connection: redisConnection() });
});
afterAll(async () => {
  await queue?.close();
  await t?.teardown();
});

describe('checkEdgeListeners', () => {
  it('queues one repair deploy for a running VDC whose listener is missing, and none while it is queued', async () => {
    const port = 40_000 + Math.floor(Math.random() * 20_000);
    await createVdc(user, manifestOf('exposed', [{ name: 'box', class: 'sleeper', expose: [{ terminal: 'in', port }] }]));
    const prisma = getPrisma();
    const vdc = await prisma.vdc.findFirstOrThrow({ where: { name: 'exposed' } });
    const revision = await prisma.revision.findFirstOrThrow({ where: { vdcId: vdc.id } });
    expect(publishedPorts(revision.manifest)).toEqual([port]);
    // As a finished deploy leaves it; no listener exists under this test's instance.
    await prisma.vdc.update({ where: { id: vdc.id }, data: { state: 'running', deployedRevisionId: revision.id } });

    const first = await checkEdgeListeners();
    expect(first.repairs).toHaveLength(1);
    expect(first.repairs[0]).toContain(`edge listener missing for port ${port}`);
    const ops = await prisma.operation.findMany({ where: { vdcId: vdc.id } });
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ kind: 'deploy', status: 'queued', revisionId: revision.id });
    expect(ops[0].params).toMatchObject({ revision: revision.number, repair: `edge listener missing for port ${port}` });
    expect((await queue.getJob(ops[0].id))?.data).toEqual({ operationId: ops[0].id });

    // The VDC has an operation waiting: the next check leaves it alone.
    expect((await checkEdgeListeners()).repairs).toEqual([]);
    expect(await prisma.operation.count({ where: { vdcId: vdc.id } })).toBe(1);
  });
});
