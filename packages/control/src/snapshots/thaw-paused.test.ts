// A copy's pause outliving its run: the sweep resumes it, unless a live run still holds the VDC.
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getRuntime } from '../docker/engine-access';
import { newId } from '../ids';
import { type ControlTest, ensureSleeperImage, manifestOf, SLEEPER_IMAGE, setupControlTest } from '../testing/control-test';
import { createVdc } from '../vdcs/save-vdc';
import { thawAbandonedPauses } from './thaw-paused';

let t: ControlTest;
beforeAll(async () => {
  t = await setupControlTest('thaw');
  await ensureSleeperImage();
});
afterAll(async () => {
  await t?.teardown();
});

async function pausedContainer(vdcId: string, name: string): Promise<string> {
  const runtime = getRuntime();
  const id = await runtime.createContainer({
    name: `${t.instance}-${name}`,
    Image: SLEEPER_IMAGE,
    Labels: { 'colo.managed': 'true', 'colo.instance': t.instance, 'colo.vdc': vdcId },
    HostConfig: { Memory: 32 * 1024 ** 2 },
  });
  await runtime.startContainer(id);
  await runtime.pauseContainer(id);
  return id;
}

it('resumes containers paused with no live run on their VDC, and leaves a running copy\'s pause alone', async () => {
  const user = await t.user();
  const left = (await createVdc(user, manifestOf('left'))).vdc;
  const busy = (await createVdc(user, manifestOf('busy'))).vdc;
  const abandoned = await pausedContainer(left.id, 'abandoned');
  const held = await pausedContainer(busy.id, 'held');
  // A snapshot of `busy` runs right now, its lease live.
  await getPrisma().operation.create({
    data: { id: newId('op'), vdcId: busy.id, kind: 'snapshot', status: 'running', requestedById: user.id, leaseExpiresAt: new Date(Date.now() + 60_000) },
  });

  expect(await thawAbandonedPauses()).toEqual([`${t.instance}-abandoned`]);
  expect((await getRuntime().inspectContainer(abandoned))?.state).toBe('running');
  expect((await getRuntime().inspectContainer(held))?.state).toBe('paused');
  expect(await thawAbandonedPauses()).toEqual([]);
});
