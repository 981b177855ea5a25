// The worker SIGKILLed at a random point of each kind of operation (deploy, scale, stop, start,
// destroy), a new worker started: each operation converges to the state asked for, with no
// Docker object made twice and none left over. bench/faults.ts runs 20 such kill points.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { type FaultsTest, setupFaultsTest } from './harness/faults-test';
import { KILL_KINDS, type KillSession, openKillSession } from './harness/kill-points';

let t: FaultsTest;
let session: KillSession;

beforeAll(async () => {
  t = await setupFaultsTest('sigkill', inject('dockerDir'));
  // A short lease: a killed run's operation is taken over after 5 s instead of 30.
  session = await openKillSession(t, await t.user(), 'crashy', { COLO_OPERATION_LEASE_SECONDS: '5' });
});
afterAll(async () => {
  await session?.close();
  await t?.teardown();
});

it.each(KILL_KINDS.map((kind) => ({ kind })))('converges after the worker is SIGKILLed during $kind', async ({ kind }) => {
  const killAfterMs = Math.floor(Math.random() * 1500);
  const result = await session.run(kind, killAfterMs);
  console.log(`${kind}: killed ${killAfterMs} ms in (${result.midRun ? 'mid-run' : 'after it finished'})`);
  expect(result, result.detail).toMatchObject({ converged: true, duplicates: 0, orphans: 0, lost: false });
});
