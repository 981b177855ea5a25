// Terminals in a class prototype through control, on the real engine and database: admins only,
// bound to who opened them (anyone else is told there is none), bounded, and closed, with the
// reason on the terminal, when idle, when the shell exits, or once the credentials that opened
// them are gone.
import { getPrisma } from '@colo/db';
import { findPrototype } from '@colo/engine';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AuthUser, authenticateToken, createApiToken, revokeApiToken } from '../auth/api-tokens';
import { authenticateSession, createSession, endSession } from '../auth/sessions';
import { getRuntime } from '../docker/engine-access';
import { type ControlTest, ensureSleeperImage, failure, setupControlTest } from '../testing';
import { type TerminalLimits } from '../terminal/terminal-limits';
import { setTerminalRegistry, TerminalRegistry, terminalRegistry } from '../terminal/terminal-registry';
import { closeTerminal, resizeTerminal, type TerminalCaller, terminalEvents, writeTerminal } from '../terminal/terminal-requests';
import { openClassPrototype } from './class-patch';
import { openPrototypeTerminal } from './prototype-terminal';

let t: ControlTest;
let admin: AuthUser;
let bob: AuthUser;
const size = { cols: 80, rows: 24 };

async function tokenCaller(user: AuthUser, scope: 'read' | 'deploy' | 'admin' = 'admin') {
  const { token, info } = await createApiToken(user.id, `t-${scope}`, { scope });
  const caller: TerminalCaller = { user, scope, recheck: async () => void (await authenticateToken(token)) };
  return { caller, tokenId: info.id };
}

async function sessionCaller(user: AuthUser) {
  const { token } = await createSession(user.id);
  const caller: TerminalCaller = { user, scope: 'admin', recheck: async () => void (await authenticateSession(token)) };
  return { caller, token };
}

/** Reads a terminal's events in the background: what it printed, and how it closed. */
function watch(caller: TerminalCaller, id: string) {
  const stop = new AbortController();
  const seen = { text: '', ready: undefined as unknown, detached: false, closed: undefined as { reason: string; exitCode: number | null } | undefined };
  const done = (async () => {
    for await (const e of terminalEvents(caller, id)(stop.signal)) {
      if (e.event === 'ready') seen.ready = e.data;
      if (e.event === 'output') seen.text += Buffer.from(e.data as string, 'base64').toString('utf8');
      if (e.event === 'closed') seen.closed = e.data as typeof seen.closed;
      if (e.event === 'detached') seen.detached = true;
    }
  })();
  return {
    seen,
    stop: () => stop.abort(),
    async until(what: (s: typeof seen) => boolean, ms = 15_000) {
      await expect.poll(() => what(seen), { timeout: ms, interval: 50 }).toBe(true);
      return seen;
    },
    done,
  };
}

/** Command lines of the prototype's processes (its image has no ps). */
async function prototypeProcesses(): Promise<string> {
  const proto = await findPrototype(getRuntime(), t.instance, 'sleeper');
  const res = await getRuntime().exec(proto!.id, ['sh', '-c', 'for d in /proc/[0-9]*; do tr "\\0" " " < $d/cmdline 2>/dev/null; echo; done']);
  return res.output;
}

function useLimits(limits: Partial<TerminalLimits>) {
  setTerminalRegistry(new TerminalRegistry(limits));
}

beforeAll(async () => {
  t = await setupControlTest('terminal', { workerCalls: true });
  await ensureSleeperImage();
  admin = await t.user();
  await getPrisma().user.update({ where: { id: admin.id }, data: { role: 'admin' } });
  bob = await t.user();
}, 120_000);

afterEach(async () => {
  await terminalRegistry().closeAll('test over');
  setTerminalRegistry(undefined);
});

afterAll(async () => {
  await t?.teardown();
});

describe('prototype terminal', () => {
  it('is refused to non-admins, small tokens, unknown classes, a class without a prototype and bad sizes, and opens nothing', async () => {
    const { caller } = await tokenCaller(admin);
    const bobs = (await tokenCaller(bob)).caller;
    const cases: [() => Promise<unknown>, string, RegExp][] = [
      [() => openPrototypeTerminal(bobs, 'sleeper', size), 'forbidden', /only an admin may open a terminal in a class prototype/],
      [() => openPrototypeTerminal(caller, 'nope', size), 'not_found', /no class "nope"/],
      [() => openPrototypeTerminal(caller, 'sleeper', size), 'not_found', /class sleeper has no open prototype: open one first/],
    ];
    for (const [call, code, message] of cases) {
      const err = await failure(call());
      expect(err.code, message.source).toBe(code);
      expect(err.message).toMatch(message);
    }
    await openClassPrototype(admin, 'sleeper', { online: false });
    const deployer = (await tokenCaller(admin, 'deploy')).caller;
    const more: [() => Promise<unknown>, string, RegExp][] = [
      [() => openPrototypeTerminal(deployer, 'sleeper', size), 'forbidden', /scope "deploy"; this request needs "admin"/],
      [() => openPrototypeTerminal(caller, 'sleeper', { cols: 0, rows: 24 }), 'bad_request', /^cols: must be at least 2/],
      [() => openPrototypeTerminal(caller, 'sleeper', { cols: 80, rows: 1.5 }), 'bad_request', /^rows: must be a whole number/],
      [() => openPrototypeTerminal(caller, 'sleeper', { cols: 80 }), 'bad_request', /^rows: /],
      [() => openPrototypeTerminal(caller, 'sleeper', { cols: 80, rows: 24, shell: 'zsh' }), 'bad_request', /shell|Unrecognized/],
    ];
    for (const [call, code, message] of more) {
      const err = await failure(call());
      expect(err.code, message.source).toBe(code);
      expect(err.message).toMatch(message);
    }
    expect(terminalRegistry().openCount()).toBe(0);
  });

  it("runs what its owner types as root, resizes, and is nobody else's: another user is told it does not exist", async () => {
    await openClassPrototype(admin, 'sleeper', { online: false });
    const { caller } = await tokenCaller(admin);
    const opened = await openPrototypeTerminal(caller, 'sleeper', { cols: 100, rows: 30 });
    expect(opened.id).toMatch(/^term_[a-z0-9]{32}$/);
    expect(opened.title).toBe('the prototype of sleeper (from version 1)');
    const term = watch(caller, opened.id);
    await writeTerminal(caller, opened.id, { data: 'echo colo-$((6*7)) as $(id -un)\n' });
    await term.until((s) => /colo-42 as root/.test(s.text));
    expect(term.seen.ready).toEqual(opened);
    expect(await resizeTerminal(caller, opened.id, { cols: 120, rows: 40 })).toEqual({ id: opened.id, cols: 120, rows: 40 });
    await writeTerminal(caller, opened.id, { data: 'stty size\n' });
    await term.until((s) => /40 120/.test(s.text));
    // A second reader (a reconnect, another tab) takes over from where the first left off.
    const again = watch(caller, opened.id);
    await term.done;
    expect(term.seen.detached).toBe(true);
    await writeTerminal(caller, opened.id, { data: 'echo second-$((1+1))\n' });
    await again.until((s) => /second-2/.test(s.text));
    expect(again.seen.text).not.toContain('colo-42');

    const other = (await tokenCaller(bob)).caller;
    const strangers: (() => unknown)[] = [
      () => terminalEvents(other, opened.id),
      () => writeTerminal(other, opened.id, { data: 'touch /pwned\n' }),
      () => resizeTerminal(other, opened.id, size),
      () => closeTerminal(other, opened.id),
      () => writeTerminal(caller, 'term_nope', { data: 'x' }),
    ];
    for (const call of strangers) {
      const err = await failure(Promise.resolve().then(() => call()));
      expect(err.code).toBe('not_found');
      expect(err.message).toMatch(/^no terminal term_\w+: it never existed, is someone else's, or closed a while ago/);
    }
    const bad: [unknown, RegExp][] = [
      [{ data: 'x'.repeat(64 * 1024 + 1) }, /^data: must be at most 64 KiB/],
      [{ data: 'é'.repeat(40 * 1024) }, /^data: must be at most 64 KiB/],
      [{ data: '' }, /^data: is empty/],
      [{}, /^data: /],
    ];
    for (const [body, message] of bad) expect((await failure(writeTerminal(caller, opened.id, body))).message).toMatch(message);
    expect((await failure(resizeTerminal(caller, opened.id, { cols: 80, rows: 999 }))).message).toMatch(/^rows: must be at most 200/);
    // A read token of the owner may not type into a root shell.
    const reader = (await tokenCaller(admin, 'read')).caller;
    expect((await failure(writeTerminal(reader, opened.id, { data: 'x' }))).code).toBe('forbidden');

    expect(await closeTerminal(caller, opened.id)).toEqual({ id: opened.id, closed: true });
    await again.done;
    expect(again.seen.closed).toEqual({ reason: 'closed by you', exitCode: null });
    expect(again.seen.text).toContain('[Colo] closed by you');
    expect(await prototypeProcesses()).not.toMatch(/\/bin\/bash/);
    expect((await failure(writeTerminal(caller, opened.id, { data: 'x' }))).code).toBe('not_found');
    expect(await getRuntime().exec((await findPrototype(getRuntime(), t.instance, 'sleeper'))!.id, ['test', '-e', '/pwned'])).toMatchObject({ exitCode: 1 });
  });

  it('closes after the idle time without input, saying so on the terminal, and ends the shell', async () => {
    useLimits({ idleMs: 1500 });
    await openClassPrototype(admin, 'sleeper', { online: false });
    const { caller } = await tokenCaller(admin);
    const opened = await openPrototypeTerminal(caller, 'sleeper', size);
    const term = watch(caller, opened.id);
    // Input keeps it open.
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 700));
      await writeTerminal(caller, opened.id, { data: `echo tick-${i}\n` });
    }
    await term.until((s) => /tick-2/.test(s.text));
    expect(term.seen.closed).toBeUndefined();
    await term.done;
    expect(term.seen.closed?.reason).toBe('closed after 2 seconds without input');
    expect(term.seen.text).toContain('[Colo] closed after 2 seconds without input');
    expect(await prototypeProcesses()).not.toMatch(/\/bin\/bash/);
    expect(terminalRegistry().openCount()).toBe(0);
  });

  it('closes when the shell exits, with its status', async () => {
    await openClassPrototype(admin, 'sleeper', { online: false });
    const { caller } = await tokenCaller(admin);
    const opened = await openPrototypeTerminal(caller, 'sleeper', size);
    const term = watch(caller, opened.id);
    await writeTerminal(caller, opened.id, { data: 'exit 3\n' });
    await term.done;
    expect(term.seen.closed).toEqual({ reason: 'the shell exited with status 3', exitCode: 3 });
  });

  it('closes once the session that opened it is signed out, the token is revoked, or its owner is no longer an admin', async () => {
    useLimits({ recheckMs: 300 });
    await openClassPrototype(admin, 'sleeper', { online: false });

    // Signed out: the periodic check notices.
    const browser = await sessionCaller(admin);
    const a = await openPrototypeTerminal(browser.caller, 'sleeper', size);
    const ta = watch(browser.caller, a.id);
    await endSession(browser.token);
    await ta.done;
    expect(ta.seen.closed?.reason).toBe('closed: the session or API token that opened it ended');

    // Revoked: typing is refused at once, even through other, valid credentials of the same user.
    useLimits({ recheckMs: 600_000 });
    const cli = await tokenCaller(admin);
    const b = await openPrototypeTerminal(cli.caller, 'sleeper', size);
    await revokeApiToken(admin.id, cli.tokenId);
    const other = (await tokenCaller(admin)).caller;
    const refused = await failure(writeTerminal(other, b.id, { data: 'touch /after-revoke\n' }));
    expect(refused.code).toBe('not_found');
    expect(refused.message).toMatch(/is closed \(closed: the session or API token that opened it ended\)/);

    // No longer an admin.
    const c = await openPrototypeTerminal(other, 'sleeper', size);
    const tc = watch(other, c.id);
    await getPrisma().user.update({ where: { id: admin.id }, data: { role: 'user' } });
    try {
      await terminalRegistry().recheckOwner(admin.id);
      await tc.done;
      expect(tc.seen.closed?.reason).toBe('closed: only an admin may use a terminal in a class prototype');
    } finally {
      await getPrisma().user.update({ where: { id: admin.id }, data: { role: 'admin' } });
    }
    const proto = await findPrototype(getRuntime(), t.instance, 'sleeper');
    expect(await getRuntime().exec(proto!.id, ['test', '-e', '/after-revoke'])).toMatchObject({ exitCode: 1 });
    expect(await prototypeProcesses()).not.toMatch(/\/bin\/bash/);
  });

  it('caps terminals per user, and holds only a bounded amount of output for a reader that is not there', async () => {
    useLimits({ perUser: 2, bufferBytes: 64 * 1024 });
    await openClassPrototype(admin, 'sleeper', { online: false });
    const { caller } = await tokenCaller(admin);
    const first = await openPrototypeTerminal(caller, 'sleeper', size);
    await openPrototypeTerminal(caller, 'sleeper', size);
    const third = await failure(openPrototypeTerminal(caller, 'sleeper', size));
    expect(third.code).toBe('rate_limited');
    expect(third.message).toBe('you already have 2 terminals open (at most 2): close one first');

    // 1 MB of output with nobody reading: the shell waits, the buffer stays near its bound.
    await writeTerminal(caller, first.id, { data: "head -c 1000000 /dev/zero | tr '\\0' x; echo; echo end-$((2+2))\n" });
    await new Promise((r) => setTimeout(r, 1500));
    const session = terminalRegistry().find(admin, first.id);
    expect(session.bufferedBytes).toBeGreaterThanOrEqual(64 * 1024);
    expect(session.bufferedBytes).toBeLessThan(64 * 1024 + 256 * 1024);
    // A reader then gets all of it, in order.
    const term = watch(caller, first.id);
    await term.until((s) => /end-4/.test(s.text), 30_000);
    expect(term.seen.text.split('x').length - 1).toBeGreaterThanOrEqual(1_000_000);
    term.stop();
  });

  it('records its end in the audit log: the class, how long it lasted, why it closed', async () => {
    await openClassPrototype(admin, 'sleeper', { online: false });
    const { caller } = await tokenCaller(admin);
    const opened = await openPrototypeTerminal(caller, 'sleeper', size, { user: admin, via: 'token', address: '127.0.0.9' });
    await closeTerminal(caller, opened.id);
    await expect.poll(() => getPrisma().auditEvent.findMany({ where: { action: 'terminalClosed', actorId: admin.id, address: '127.0.0.9' } }), { timeout: 5000 }).toEqual([
      expect.objectContaining({
        via: 'token',
        address: '127.0.0.9',
        outcome: 'ok',
        detail: expect.objectContaining({ classId: 'sleeper', version: 1, reason: 'closed by you', exitCode: null, durationMs: expect.any(Number) }),
      }),
    ]);
  });
});
