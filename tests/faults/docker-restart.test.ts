// The Docker daemon restarted under a running VDC (the suite's private daemon, never the shared
// one): containers come back per their restart policy (running ones run again, ones Colo stopped
// stay stopped), `colo status` says the engine is unreachable while it is, never a stale or
// invented state, an operation asked for meanwhile finishes once the daemon is back, and the flap
// guard neither counts the shutdown as failures nor loses its event stream.
import { type AuthUser, createVdc, getRuntime, isColoError, requestOperation, vdcStatus } from '@colo/control';
import { manifestOf } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { judge } from './harness/convergence';
import { FAIL } from './harness/faulty-class';
import { type FaultsTest, setupFaultsTest } from './harness/faults-test';
import { waitFor } from './harness/free-port';
import { waitAppliance, waitFinished } from './harness/operations';
import type { WorkerProcess } from './harness/worker-process';

let t: FaultsTest;
let worker: WorkerProcess;
let user: AuthUser;

beforeAll(async () => {
  t = await setupFaultsTest('dockerd', inject('dockerDir'));
  worker = t.startWorker();
  await worker.ready();
  user = await t.user();
  await createVdc(
    user,
    manifestOf('shop', [
      { name: 'web', class: 'steady', replicas: 2 },
      { name: 'spare', class: 'steady' },
      { name: 'late', class: 'steady' },
    ]),
  );
  for (const [kind, params] of [['deploy', {}], ['stop', { appliance: 'spare' }], ['stop', { appliance: 'late' }]] as const) {
    const op = await requestOperation(user, 'shop', kind, params);
    expect((await waitFinished(op.id, 120_000, () => worker.output())).status).toBe('succeeded');
  }
});
afterAll(async () => {
  await t?.docker.start().catch(() => {}); // whatever happened, leave the suite's daemon running
  await t?.teardown();
});

it('survives a daemon restart: status tells the truth meanwhile, containers come back per policy', async () => {
  await t.docker.stop();

  // Meanwhile: status says the engine is unreachable; it does not report anything as running.
  const error = await vdcStatus(user, 'shop').then(
    () => undefined,
    (e) => e,
  );
  expect(isColoError(error) || (error as { name?: string })?.name === 'EngineError', String(error)).toBe(true);
  expect((error as { code: string }).code).toBe('docker_unavailable');
  // An operation asked for now is queued and retried, not lost.
  const start = await requestOperation(user, 'shop', 'start', { appliance: 'late' });
  await new Promise((r) => setTimeout(r, 4000));
  expect(['queued', 'running']).toContain((await getPrisma().operation.findUniqueOrThrow({ where: { id: start.id } })).status);

  await t.docker.start();

  // Running containers come back by Docker's policy (unless-stopped); stopped ones stay stopped.
  const web = await waitAppliance(user, 'shop', 'web', 'both replicas running again', 60_000, (a) => a.replicas.running === 2);
  expect(web.state).toBe('running');
  const spare = (await vdcStatus(user, 'shop')).appliances.find((a) => a.name === 'spare');
  expect(spare).toMatchObject({ state: 'stopped', replicas: { desired: 1, running: 0 } });
  // The operation asked for during the outage runs once the daemon answers again.
  const done = await waitFinished(start.id, 120_000, () => worker.output());
  expect(done.status, done.error ?? '').toBe('succeeded');
  expect((await vdcStatus(user, 'shop')).appliances.find((a) => a.name === 'late')?.state).toBe('running');

  // The daemon's shutdown stopped every container; none of that is an appliance failure.
  expect(await getPrisma().applianceFailure.count()).toBe(0);
  // The guard reconnected to the new daemon: a crash now is seen and recorded.
  const [c] = await getRuntime().listContainers([...t.filter, 'colo.appliance=web', 'colo.replica=1']);
  await getRuntime().exec(c.id, [...FAIL.crash]);
  await waitFor('the crash after the restart to be recorded', 30_000, async () =>
    (await getPrisma().applianceFailure.count()) === 1 ? true : undefined,
  );
  expect(worker.output()).toMatch(/lost the Docker event stream/);

  // Nothing twice, nothing left over (spare is stopped on purpose: the plan only starts it).
  const verdict = await judge(user, 'shop', 'deployed');
  expect(verdict.duplicates).toBe(0);
  expect(verdict.orphans).toBe(0);
});
