// Appliances that fail, against a private Docker daemon and the real worker process: Docker's
// restart policy brings a crashed container back within seconds; the flap guard stops one that
// fails too often and says why; OOM kills and failing health checks carry their reason to status.
import { createVdc, getRuntime, requestOperation, vdcStatus } from '@colo/control';
import { getPrisma } from '@colo/db';
import { manifestOf } from '@colo/control/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FAIL } from './harness/faulty-class';
import { type FaultsTest, setupFaultsTest } from './harness/faults-test';
import { waitFor } from './harness/free-port';
import { waitAppliance, waitFinished } from './harness/operations';
import type { WorkerProcess } from './harness/worker-process';

let t: FaultsTest;
let worker: WorkerProcess;
let user: Awaited<ReturnType<FaultsTest['user']>>;

beforeAll(async () => {
  t = await setupFaultsTest('failures', inject('dockerDir'));
  worker = t.startWorker();
  await worker.ready();
  user = await t.user();
  await createVdc(
    user,
    manifestOf('flappy', [
      { name: 'box', class: 'faulty', failover: { maxFailures: 3, window: '1h' } },
      { name: 'db', class: 'faulty' },
    ]),
  );
  const op = await requestOperation(user, 'flappy', 'deploy', {});
  const done = await waitFinished(op.id, 120_000, () => worker.output());
  expect(done.status, done.error ?? '').toBe('succeeded');
});
afterAll(async () => {
  await t?.teardown();
});

const containerOf = async (appliance: string) => {
  const [c] = await getRuntime().listContainers([...t.filter, `colo.appliance=${appliance}`]);
  if (!c) throw new Error(`no container for ${appliance}`);
  return c;
};

/**
 * Makes the container fail, waits until Docker has it running again, and returns how long it was
 * down by Docker's own clock: from the process's end (FinishedAt) to its new start (StartedAt).
 */
async function failAndTimeRestart(appliance: string, how: readonly string[]): Promise<number> {
  const c = await containerOf(appliance);
  const before = (await getRuntime().inspectContainer(c.id))?.restartCount ?? 0;
  await getRuntime().exec(c.id, [...how]);
  await waitFor(`${appliance} to be restarted`, 30_000, async () => {
    const d = await getRuntime().inspectContainer(c.id);
    return d && d.restartCount > before && d.state === 'running' ? true : undefined;
  }, 100);
  const { State } = await t.docker.docker.getContainer(c.id).inspect();
  return Date.parse(State.StartedAt) - Date.parse(State.FinishedAt);
}

describe('appliance failures', () => {
  it('restarts a crashed container within 10 seconds (Docker restart policy)', async () => {
    const ms = await failAndTimeRestart('box', FAIL.crash);
    console.log(`crashed container running again ${ms} ms after its process ended`);
    expect(ms).toBeLessThan(10_000);
  });

  it('shows the reason of an out-of-memory kill in status', async () => {
    await failAndTimeRestart('db', FAIL.oom);
    const db = await waitAppliance(user, 'flappy', 'db', 'an OOM failure recorded', 30_000, (a) => a.failures?.last?.reason === 'out of memory');
    expect(db.problem).toBe('1 failure in 24h (last: out of memory)');
    expect(db.state).toBe('running');
  });

  it('shows a failing health check with its output', async () => {
    await getRuntime().exec((await containerOf('db')).id, [...FAIL.sick]);
    const db = await waitAppliance(user, 'flappy', 'db', 'unhealthy', 30_000, (a) => a.state === 'unhealthy');
    expect(db.problem).toBe('health check failing: sick flag set');
    expect(db.containers[0].problem).toBe('health check failing: sick flag set');
    // And the failure is on record: the guard counts it like a crash.
    await waitAppliance(user, 'flappy', 'db', 'the health failure recorded', 30_000, (a) => a.failures?.recent === 2);
  });

  it('stops and flags an appliance that fails 3 times in its window, through a normal stop operation', async () => {
    // The first crash was the restart test's; two more reach the limit of 3 in 1h.
    await failAndTimeRestart('box', FAIL.crash);
    const c = await containerOf('box');
    await getRuntime().exec(c.id, [...FAIL.crash]);
    const box = await waitAppliance(user, 'flappy', 'box', 'stopped and flagged', 60_000, (a) => a.state === 'stopped' && !!a.flagged);
    expect(box.problem).toBe('failed 3 times in 1h (last: exited with code 3)');
    expect(box.flagged?.reason).toBe(box.problem);
    // Stopped for good, not flapping: Docker does not restart a container stopped on purpose.
    await new Promise((r) => setTimeout(r, 3000));
    const d = await getRuntime().inspectContainer(c.id);
    expect(d?.state).toBe('exited');
    // The stop was an operation like any other, on the owner's behalf, in the VDC's queue.
    const stops = await getPrisma().operation.findMany({ where: { kind: 'stop' }, include: { logs: true } });
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatchObject({ status: 'succeeded', params: { appliance: 'box' }, requestedById: user.id });
    expect(stops[0].logs.map((l) => l.message).join('\n')).toMatch(/flap guard: box failed 3 times in 1h/);
    // The other appliance is untouched.
    expect((await vdcStatus(user, 'flappy')).appliances.find((a) => a.name === 'db')?.flagged).toBeUndefined();
  });

  it('clears the flag when the user deploys again, and counts failures from there', async () => {
    const op = await requestOperation(user, 'flappy', 'deploy', {});
    expect((await waitFinished(op.id, 120_000, () => worker.output())).status).toBe('succeeded');
    const box = await waitAppliance(user, 'flappy', 'box', 'running, unflagged', 30_000, (a) => a.state === 'running');
    expect(box.flagged).toBeUndefined();
    expect(box.problem).toBeUndefined();
    // One more crash is the first since the flag was cleared: restarted, not stopped.
    await failAndTimeRestart('box', FAIL.crash);
    const after = await waitAppliance(user, 'flappy', 'box', 'the new failure counted', 30_000, (a) => a.failures?.recent === 1);
    expect(after.state).toBe('running');
    expect(worker.output()).not.toMatch(/PASSWORD|password=/);
  });
});
