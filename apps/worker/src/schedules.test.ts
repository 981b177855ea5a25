// Two real workers against Postgres, Redis and Docker: a schedule that fell due while none ran is
// fired once on start (not once per missed slot, not once per worker), and its stop runs.
import { createSchedule, createVdc, redisConnection, setRuntime } from '@colo/control';
import { type ControlTest, manifestOf, setupControlTest } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkerEnv } from './env';
import { type RunningWorker, startWorker } from './start-worker';

let t: ControlTest;
let queue: Queue;
const workers: RunningWorker[] = [];
const lines: string[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  t = await setupControlTest('worker-schedules');
  queue = new Queue(t.queueName, { connection: redisConnection() });
});
afterAll(async () => {
  for (const w of workers) await w.stop(5000);
  setRuntime(undefined);
  await queue?.close();
  await t?.teardown();
});

describe('schedules in the worker', () => {
  it('fires a run missed while no worker ran once, with two workers starting, and the operation runs', async () => {
    const user = await t.user();
    const saved = await createVdc(user, manifestOf('nightly'));
    await getPrisma().vdc.update({ where: { id: saved.vdc.id }, data: { state: 'running', deployedRevisionId: saved.revision.id } });
    // Every minute since yesterday: well over a thousand slots went by.
    const s = await createSchedule(user, 'nightly', { kind: 'stop', cron: '* * * * *' }, new Date(Date.now() - 86_400_000));
    const env = { ...loadWorkerEnv(), COLO_SCHEDULE_TICK_SECONDS: 1, COLO_FLAP_GUARD: false, COLO_EDGE_CHECK_SECONDS: 3600 };
    const started = await Promise.all([startWorker(env, (l) => lines.push(`a ${l}`)), startWorker(env, (l) => lines.push(`b ${l}`))]);
    workers.push(...started);

    const deadline = Date.now() + 60_000;
    let ops = await getPrisma().operation.findMany({ where: { vdcId: saved.vdc.id } });
    while (!(ops.length > 0 && ops.every((o) => o.status === 'succeeded' || o.status === 'failed'))) {
      if (Date.now() > deadline) throw new Error(`no finished stop: ${JSON.stringify(ops)}\n${lines.join('\n')}`);
      await sleep(200);
      ops = await getPrisma().operation.findMany({ where: { vdcId: saved.vdc.id } });
    }
    // The stop left the VDC stopped: the next minute's runs are skipped, not stops again.
    await sleep(2500);
    ops = await getPrisma().operation.findMany({ where: { vdcId: saved.vdc.id } });
    expect(ops.map((o) => [o.kind, o.status])).toEqual([['stop', 'succeeded']]);
    expect(lines.filter((l) => l.includes(`schedule ${s.id}: stop of nightly requested`))).toHaveLength(1);
    const row = await getPrisma().schedule.findUniqueOrThrow({ where: { id: s.id } });
    expect(row.nextRunAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await getPrisma().vdc.findUniqueOrThrow({ where: { id: saved.vdc.id } })).state).toBe('stopped');
  });
});
