// The data pipe over the real Redis: volumes' bytes arrive whole and in order; a writer ahead of
// its reader waits (only a few entries sit in Redis); a writer's failure reaches the reader with
// its reason; a writer whose reader has given up stops; the key is gone once read.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineConfig } from '../docker/engine-access';
import { relayRedis } from '../terminal/relay-channel';
import { type ControlTest, setupControlTest } from '../testing';
import { newPipeId, PIPE_LIMITS, type PipeFrame, PipeWriter, readPipe, volumeFromPipe } from './data-pipe';

let t: ControlTest;
const saved = { ...PIPE_LIMITS };
beforeAll(async () => {
  t = await setupControlTest('data-pipe');
});
afterAll(async () => {
  Object.assign(PIPE_LIMITS, saved);
  await t?.teardown();
});

const keyOf = (id: string) => `colo:${engineConfig().instance}:bundle-pipe:${id}`;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the data pipe', () => {
  it('carries two volumes whole and in order, never more than the high mark waiting in Redis', async () => {
    const id = newPipeId();
    const volumes = [Buffer.alloc(3 * 1024 * 1024 + 17, 7), Buffer.from('second volume')];
    for (let i = 0; i < volumes[0].length; i += 4096) volumes[0][i] = i % 251;
    const writer = new PipeWriter(id);
    let most = 0;
    const sending = (async () => {
      for (const [i, v] of volumes.entries()) {
        await writer.beginVolume(i);
        await writer.data(v);
        most = Math.max(most, await relayRedis().xlen(keyOf(id)));
        await writer.endVolume();
      }
      await writer.done();
    })();
    // The reader starts late: the writer must wait for it rather than pile up.
    await new Promise((r) => setTimeout(r, 300));
    const frames = readPipe(id);
    const got: Buffer[] = [];
    for (const i of [0, 1]) {
      const parts: Buffer[] = [];
      for await (const chunk of volumeFromPipe(frames, i)) parts.push(chunk);
      got.push(Buffer.concat(parts));
    }
    const last = await frames.next();
    expect(last.value).toEqual({ t: 'z' } satisfies PipeFrame);
    await frames.return(undefined);
    await sending;
    expect(got.map(sha)).toEqual(volumes.map(sha));
    expect(most).toBeLessThanOrEqual(PIPE_LIMITS.highEntries + 1);
    expect(await relayRedis().exists(keyOf(id))).toBe(0);
  });

  it("hands the writer's failure to the reader, and stops a writer whose reader gave up", async () => {
    const id = newPipeId();
    const writer = new PipeWriter(id);
    await writer.beginVolume(0);
    await writer.fail('the snapshot volume went away');
    const frames = readPipe(id);
    await expect(
      (async () => {
        for await (const _ of volumeFromPipe(frames, 0)) {
          /* nothing comes */
        }
      })(),
    ).rejects.toThrow('the snapshot volume went away');

    const lonely = new PipeWriter(newPipeId(), { alive: async () => false });
    await expect(
      (async () => {
        for (let i = 0; i < 40; i++) await lonely.data(Buffer.alloc(PIPE_LIMITS.chunkBytes));
      })(),
    ).rejects.toThrow(/gave up/);
  });
});
