// The worker serves the web process's worker calls from the moment it is ready, and stops serving
// them (hanging up their terminals) when it stops.
import { callWorker, getRuntime } from '@colo/control';
import { type ControlTest, ensureSleeperImage, failure, setupControlTest } from '@colo/control/testing';
import { findPrototype } from '@colo/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkerEnv } from './env';
import { startWorker } from './start-worker';

let t: ControlTest;

beforeAll(async () => {
  t = await setupControlTest('worker-calls');
  await ensureSleeperImage();
}, 120_000);
afterAll(async () => {
  await t?.teardown();
});

describe('worker calls in the worker', () => {
  it('are answered while the worker runs, and not after it stopped', async () => {
    const running = await startWorker(loadWorkerEnv({ ...process.env, COLO_FLAP_GUARD: 'false' }), () => {});
    try {
      expect(await callWorker('prototype.open', { classId: 'sleeper', online: false })).toMatchObject({ version: 1, running: true });
      expect(await findPrototype(getRuntime(), t.instance, 'sleeper')).toBeDefined();
      expect(await callWorker('prototype.discard', { classId: 'sleeper' })).toEqual({ discarded: true });
    } finally {
      await running.stop(5000);
    }
    const err = await failure(callWorker('prototype.discard', { classId: 'sleeper' }, { answerMs: 500 }));
    expect(err.code).toBe('worker_unavailable');
  });
});
