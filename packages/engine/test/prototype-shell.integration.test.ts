// A terminal in a class prototype on the real engine: a root shell with a TTY that runs what is
// typed, follows resizes, and is gone (its processes too) once hung up.
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discardPrototype, openPrototype, openPrototypeShell } from '../src/classes/prototype';
import { createDockerRuntime } from '../src/runtime/docker-runtime';
import type { InteractiveExec } from '../src/runtime/runtime';
import { cleanupInstance, shell, testInstance } from './docker-harness';
import { ECHO_IMAGE } from './fixtures/test-classes';

const runtime = createDockerRuntime();
const instance = testInstance();
let protoId: string;

/** Everything the terminal shows, as it arrives. */
function screenOf(stream: Duplex) {
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return {
    text: () => text,
    async waitFor(pattern: RegExp, ms = 10_000): Promise<string> {
      const deadline = Date.now() + ms;
      while (!pattern.test(text)) {
        if (Date.now() > deadline) throw new Error(`no ${pattern} on the terminal after ${ms} ms; it shows:\n${text}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return text;
    },
  };
}

/** The command lines of every process in the prototype (the image has no ps). */
async function processes(): Promise<string> {
  return (await shell(runtime, protoId, 'for d in /proc/[0-9]*; do tr "\\0" " " < $d/cmdline 2>/dev/null; echo; done')).output;
}

beforeAll(async () => {
  protoId = (await openPrototype(runtime, { instance, classId: 'page', version: 1, image: ECHO_IMAGE, online: false })).id;
}, 120_000);

afterAll(async () => {
  await discardPrototype(runtime, instance, 'page').catch(() => undefined);
  await cleanupInstance(instance, runtime);
});

describe('prototype shell', () => {
  it('refuses clearly when the class has no open prototype', async () => {
    await expect(openPrototypeShell(runtime, instance, 'other', { cols: 80, rows: 24 })).rejects.toThrow(/class other has no open prototype: open one first/);
  });

  it('runs what is typed as root in bash with TERM set, follows resizes, and ends the shell when hung up', async () => {
    const term: InteractiveExec = await openPrototypeShell(runtime, instance, 'page', { cols: 100, rows: 30 });
    const screen = screenOf(term.stream);
    try {
      term.stream.write('echo colo-$((6*7))\n');
      // The echo of what was typed shows `$((6*7))`; only the shell's answer shows 42.
      await screen.waitFor(/colo-42/);
      term.stream.write('echo "who=$(id -u) shell=$0 term=$TERM size=$(stty size)"\n');
      await screen.waitFor(/who=0 shell=\/bin\/bash term=xterm-256color size=30 100/);

      await term.resize(132, 41);
      term.stream.write('echo "now=$(stty size)"\n');
      await screen.waitFor(/now=41 132/);

      // Something running in the shell when the terminal closes goes with it.
      term.stream.write('sleep 1234 &\n');
      await expect.poll(processes, { timeout: 10_000 }).toMatch(/sleep 1234/);
    } finally {
      await term.close();
    }
    const { exitCode } = await term.ended;
    expect(exitCode).not.toBe(0);
    expect(exitCode).not.toBeNull();
    expect(await processes()).not.toMatch(/sleep 1234|\/bin\/bash/);
  });

  it('ends by itself when the shell exits, with its exit status', async () => {
    const term = await openPrototypeShell(runtime, instance, 'page', { cols: 80, rows: 24 });
    screenOf(term.stream);
    term.stream.write('exit 7\n');
    expect(await term.ended).toEqual({ exitCode: 7 });
    await term.close();
  });
});
