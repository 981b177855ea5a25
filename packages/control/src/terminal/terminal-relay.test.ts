// The relay between a shell in the worker and its reader in the web process, over the real Redis
// with a stand-in shell (a pipe that echoes): bytes both ways in order, the exit status reaching
// the web side, keys that expire, and a shell hung up once the web side stops its heartbeat.
// The relay around a real Docker shell is tested in classes/prototype-terminal.test.ts.
import { PassThrough } from 'node:stream';
import type { InteractiveExec } from '@colo/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControlTest, setupControlTest } from '../testing';
import { RELAY_LIMITS, relayKeys, relayRedis } from './relay-channel';
import { remoteInteractiveExec } from './remote-exec';
import { TerminalRelays } from './terminal-relay';

let t: ControlTest;
const saved = { ...RELAY_LIMITS };

/** A shell that prints back what is typed, and ends with `exitCode` when told. */
function echoShell() {
  const stream = new PassThrough();
  let end!: (v: { exitCode: number | null }) => void;
  const ended = new Promise<{ exitCode: number | null }>((r) => {
    end = r;
  });
  const shell = { closed: false, resized: '' };
  const exec: InteractiveExec = {
    stream,
    ended,
    resize: async (cols, rows) => {
      shell.resized = `${cols}x${rows}`;
    },
    close: async () => {
      shell.closed = true;
      end({ exitCode: null });
    },
  };
  return { exec, shell, exit: (exitCode: number) => end({ exitCode }) };
}

beforeAll(async () => {
  t = await setupControlTest('relay');
});
afterAll(async () => {
  Object.assign(RELAY_LIMITS, saved);
  await t?.teardown();
});

describe('terminal relay', () => {
  it('carries bytes both ways in order, resizes, and brings the exit status to the web side; its keys expire', async () => {
    const relays = new TerminalRelays();
    const { exec, shell, exit } = echoShell();
    const id = await relays.start(exec);
    const remote = remoteInteractiveExec(id);
    let seen = '';
    remote.stream.on('data', (b: Buffer) => {
      seen += b.toString();
    });
    for (let i = 0; i < 50; i++) remote.stream.write(`line-${i};`);
    await expect.poll(() => seen, { timeout: 10_000 }).toBe(Array.from({ length: 50 }, (_, i) => `line-${i};`).join(''));
    await remote.resize(120, 40);
    await expect.poll(() => shell.resized).toBe('120x40');
    const ttl = await relayRedis().pttl(relayKeys(id).out);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(RELAY_LIMITS.keyTtlMs);
    exit(7);
    expect(await remote.ended).toEqual({ exitCode: 7 });
    await remote.close();
    await expect.poll(() => relays.size).toBe(0);
  });

  it('hangs the shell up when the web side asks, and when its heartbeat stops', async () => {
    Object.assign(RELAY_LIMITS, { webSilenceMs: 600, beatMs: 200, blockMs: 200 });
    const relays = new TerminalRelays();
    const asked = echoShell();
    const remote = remoteInteractiveExec(await relays.start(asked.exec));
    await remote.close();
    expect(asked.shell.closed).toBe(true);

    // Nobody ever reads this one.
    const forgotten = echoShell();
    await relays.start(forgotten.exec);
    await expect.poll(() => forgotten.shell.closed, { timeout: 5_000 }).toBe(true);
    await expect.poll(() => relays.size).toBe(0);
    Object.assign(RELAY_LIMITS, saved);
  });
});
