// The registry's bookkeeping with a stand-in shell (a pipe), fast: the caps count open terminals
// only and hold a place while one opens, and a closed terminal is forgotten once its reader saw
// the end, or after lingering unread. The shell itself is tested on Docker in
// classes/prototype-terminal.test.ts.
import { PassThrough } from 'node:stream';
import type { InteractiveExec } from '@colo/engine';
import { describe, expect, it } from 'vitest';
import { isColoError } from '../errors';
import { idleWords } from './terminal-limits';
import { TerminalRegistry } from './terminal-registry';
import type { TerminalTarget } from './terminal-target';

function fakeShell(): InteractiveExec {
  const stream = new PassThrough();
  let hangUp!: (v: { exitCode: number | null }) => void;
  const ended = new Promise<{ exitCode: number | null }>((r) => {
    hangUp = r;
  });
  return {
    stream,
    resize: async () => {},
    ended,
    close: async () => {
      stream.destroy();
      hangUp({ exitCode: null });
    },
  };
}

function target(delayMs = 0): TerminalTarget {
  return {
    title: 'a test shell',
    scope: 'deploy',
    open: async () => {
      await new Promise((r) => setTimeout(r, delayMs));
      return fakeShell();
    },
    authorize: async () => {},
  };
}

const ok = async () => {};
const size = { cols: 80, rows: 24 };
const user = (id: string) => ({ id, email: `${id}@colo.test`, name: id });

describe('terminal registry', () => {
  it('caps open terminals per user and in all, counting opens under way, and frees a place on close', async () => {
    const registry = new TerminalRegistry({ perUser: 2, total: 3 });
    const ann = user('ann');
    // Two slow opens and a third at once: the third is refused though neither has finished.
    const opening = [registry.open(ann, ok, target(50), size), registry.open(ann, ok, target(50), size)];
    await expect(registry.open(ann, ok, target(), size)).rejects.toThrow('you already have 2 terminals open (at most 2): close one first');
    const [first] = await Promise.all(opening);
    await registry.open(user('bo'), ok, target(), size);
    const full = await registry.open(user('cy'), ok, target(), size).catch((e: unknown) => e);
    expect(isColoError(full, 'rate_limited') && full.message).toBe('this Colo has 3 terminals open, its limit (3): try again when one closes');
    await first.close('done');
    expect(registry.openCount(ann.id)).toBe(1);
    await registry.open(user('cy'), ok, target(), size);
    await registry.closeAll('test over');
    expect(registry.openCount()).toBe(0);
  });

  it('forgets a closed terminal once its reader has seen the end, or after it lingered unread', async () => {
    const registry = new TerminalRegistry({ lingerMs: 100 });
    const ann = user('ann');
    const read = await registry.open(ann, ok, target(), size);
    const events: string[] = [];
    const reading = (async () => {
      for await (const e of read.events(new AbortController().signal)) events.push(e.kind);
    })();
    await read.close('closed by you');
    await reading;
    expect(events).toEqual(['output', 'closed']);
    expect(() => registry.find(ann, read.id)).toThrow(/no terminal/);

    const unread = await registry.open(ann, ok, target(), size);
    await unread.close('closed by you');
    expect(registry.find(ann, unread.id).closed).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(() => registry.find(ann, unread.id)).toThrow(/no terminal/);
  });

  it('says the idle limit in words', () => {
    expect([idleWords(15 * 60_000), idleWords(60_000), idleWords(1500), idleWords(1000)]).toEqual(['15 minutes', '1 minute', '2 seconds', '1 second']);
  });
});
