// Terminals in a deployed appliance's replicas, on the real engine, database and worker calls:
// the replica asked for (by its labels) and no other, a command's output and exit status passed
// through untouched without a TTY (input read to its end), the owner's `deploy` right required (a read token is
// refused, another user finds nothing), a missing or stopped replica refused in words, and each
// session's end in the audit log with how long it lasted and why.
import { getPrisma } from '@colo/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AuthUser, authenticateToken, createApiToken } from '../auth/api-tokens';
import { getRuntime } from '../docker/engine-access';
import { requestOperation } from '../operations/request-operation';
import { runOperation } from '../operations/run-operation';
import { type ControlTest, ensureSleeperImage, failure, manifestOf, setupControlTest } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { openApplianceTerminal } from './appliance-terminal';
import { setTerminalRegistry, TerminalRegistry, terminalRegistry } from './terminal-registry';
import { recheckTerminalsOf, type TerminalCaller, terminalEvents, writeTerminal } from './terminal-requests';

let t: ControlTest;
let ann: AuthUser;
let bob: AuthUser;
let caller: TerminalCaller;
const size = { cols: 80, rows: 24 };

async function tokenCaller(user: AuthUser, scope: 'read' | 'deploy'): Promise<TerminalCaller> {
  const { token } = await createApiToken(user.id, `t-${scope}`, { scope });
  return { user, scope, recheck: async () => void (await authenticateToken(token)) };
}

/** Reads a terminal to its end (or `until`): what it printed and how it closed. */
async function read(id: string, until: (text: string) => boolean = () => false, ms = 20_000) {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), ms);
  const seen = { text: '', closed: undefined as { reason: string; exitCode: number | null } | undefined };
  for await (const e of terminalEvents(caller, id)(stop.signal)) {
    if (e.event === 'output') seen.text += Buffer.from(e.data as string, 'base64').toString('utf8');
    if (e.event === 'closed') seen.closed = e.data as typeof seen.closed;
    if (until(seen.text)) break;
  }
  clearTimeout(timer);
  return seen;
}

async function replicaContainer(replica: number) {
  const [c] = await getRuntime().listContainers([`colo.instance=${t.instance}`, 'colo.appliance=web', `colo.replica=${replica}`]);
  return c;
}

beforeAll(async () => {
  t = await setupControlTest('appliance-terminal', { workerCalls: true });
  await ensureSleeperImage();
  ann = await t.user();
  bob = await t.user();
  caller = await tokenCaller(ann, 'deploy');
  await createVdc(ann, manifestOf('shop', [{ name: 'web', class: 'sleeper', replicas: 2 }]));
  const op = await requestOperation(ann, 'shop', 'deploy', {} as never);
  await runOperation(op.id, { attempt: 1, maxAttempts: 1 });
}, 180_000);

afterEach(async () => {
  await terminalRegistry().closeAll('test over');
  setTerminalRegistry(undefined);
});

afterAll(async () => {
  await t?.teardown();
});

describe('a terminal in an appliance replica', () => {
  it("runs a command in the replica asked for, its output as written and its exit status passed on, and audits the session's end", async () => {
    const second = await replicaContainer(2);
    const hostname = (await getRuntime().exec(second.id, ['hostname'])).output.trim();
    expect(hostname).not.toBe((await getRuntime().exec((await replicaContainer(1)).id, ['hostname'])).output.trim());

    const opened = await openApplianceTerminal(caller, 'shop', 'web', { ...size, replica: 2, command: ['hostname'], tty: false });
    expect(opened).toMatchObject({ id: expect.stringMatching(/^term_/), replica: 2, container: second.name, title: `web replica 2 of shop (${second.name})` });
    const ran = await read(opened.id);
    expect(ran.text.split('\n')[0]).toBe(hostname);
    expect(ran.text).not.toContain('\r\n');
    expect(ran.closed).toEqual({ reason: 'the shell exited with status 0', exitCode: 0 });

    const failed = await openApplianceTerminal(caller, 'shop', 'web', { ...size, replica: 1, command: ['sh', '-c', 'echo nope >&2; exit 7'], tty: false });
    expect(await read(failed.id)).toMatchObject({ text: 'nope\n', closed: { exitCode: 7 } });

    // Without a TTY the program reads its input to the end: a line without a newline, then eof.
    const counted = await openApplianceTerminal(caller, 'shop', 'web', { ...size, replica: 2, command: ['wc', '-c'], tty: false });
    await writeTerminal(caller, counted.id, { data: 'héllo\n' });
    await writeTerminal(caller, counted.id, { data: 'no newline', eof: true });
    expect(await read(counted.id)).toMatchObject({ text: '17\n', closed: { exitCode: 0 } });

    await expect
      .poll(async () => (await getPrisma().auditEvent.findMany({ where: { action: 'terminalClosed', actorId: ann.id } })).length, { timeout: 5000 })
      .toBe(3);
    const [first] = await getPrisma().auditEvent.findMany({ where: { action: 'terminalClosed', actorId: ann.id }, orderBy: { at: 'asc' } });
    expect(first).toMatchObject({ outcome: 'ok', vdcName: 'shop', detail: expect.objectContaining({ terminal: opened.id, appliance: 'web', replica: 2, container: second.name, command: 'hostname', exitCode: 0 }) });
    expect((first.detail as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(0);
  });

  it("opens the class's shell as the container's user, echoing what is typed; the first running replica unless told", async () => {
    const opened = await openApplianceTerminal(caller, 'shop', 'web', size);
    expect(opened.replica).toBe(1);
    const hostname = (await getRuntime().exec((await replicaContainer(1)).id, ['hostname'])).output.trim();
    await writeTerminal(caller, opened.id, { data: 'echo "$0 as $(id -u)"; hostname\n' });
    const seen = await read(opened.id, (text) => text.includes(`\r\n${hostname}\r\n`));
    // The sleeper image is Debian: bash is there, and the container runs as root.
    expect(seen.text).toContain('/bin/bash as 0');
    expect(seen.text).toContain(`\r\n${hostname}\r\n`);
  });

  it("counts a command's output as activity against the idle limit, where a shell needs input", async () => {
    setTerminalRegistry(new TerminalRegistry({ idleMs: 1000 }));
    const printing = await openApplianceTerminal(caller, 'shop', 'web', { ...size, command: ['sh', '-c', 'for i in 1 2 3 4 5 6; do echo $i; sleep 0.4; done'], tty: false });
    expect(await read(printing.id)).toEqual({ text: '1\n2\n3\n4\n5\n6\n', closed: { reason: 'the shell exited with status 0', exitCode: 0 } });
    const shell = await openApplianceTerminal(caller, 'shop', 'web', size);
    expect((await read(shell.id)).closed).toEqual({ reason: 'closed after 1 second without input', exitCode: null });
  });

  it("closes once its opener is no longer an operator in the VDC's team", async () => {
    const opened = await openApplianceTerminal(caller, 'shop', 'web', size);
    const reading = read(opened.id);
    await getPrisma().teamMember.updateMany({ where: { userId: ann.id }, data: { role: 'viewer' } });
    try {
      await recheckTerminalsOf(ann.id);
      const seen = await reading;
      expect(seen.closed?.reason).toMatch(/^closed: your role in team "[^"]+" is viewer .*needs an operator or more$/);
      expect((await failure(openApplianceTerminal(caller, 'shop', 'web', size))).code).toBe('forbidden');
    } finally {
      await getPrisma().teamMember.updateMany({ where: { userId: ann.id }, data: { role: 'admin' } });
    }
  });

  it('is refused to a read token, to anyone but the owner, and on a missing or stopped replica, in words', async () => {
    const reader = await tokenCaller(ann, 'read');
    expect((await failure(openApplianceTerminal(reader, 'shop', 'web', size))).code).toBe('forbidden');
    const stranger = await tokenCaller(bob, 'deploy');
    expect(await failure(openApplianceTerminal(stranger, 'shop', 'web', size))).toMatchObject({ code: 'not_found', message: 'VDC "shop" not found' });
    expect(await failure(openApplianceTerminal(caller, 'shop', 'web', { ...size, replica: 3 }))).toMatchObject({ code: 'not_found', message: 'web in VDC "shop" has no replica 3 (it has 1, 2)' });
    expect(await failure(openApplianceTerminal(caller, 'shop', 'db', size))).toMatchObject({ code: 'not_found', message: 'db in VDC "shop" has no containers: deploy it first' });
    expect(await failure(openApplianceTerminal(caller, 'shop', 'web', { ...size, command: [] }))).toMatchObject({ code: 'bad_request', message: 'command: is empty' });

    await getRuntime().stopContainer((await replicaContainer(2)).id, 1);
    expect(await failure(openApplianceTerminal(caller, 'shop', 'web', { ...size, replica: 2 }))).toMatchObject({
      code: 'bad_request',
      message: 'replica 2 of web in VDC "shop" is exited, not running: start it first',
    });
    expect(terminalRegistry().openCount(ann.id)).toBe(0);
  });
});
