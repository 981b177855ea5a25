// Class patch as docker-compose.yml runs it: the web process may only read Docker (its runtime
// here refuses and counts every change, as the read-only proxy would), and a worker-call server
// with the real runtime does the rest. Opening, running in, committing, deleting and discarding a
// prototype, and a terminal in it, all work, and the web side asked Docker for no change at all.
import { randomBytes } from 'node:crypto';
import { getPrisma } from '@colo/db';
import { findPrototype, type Runtime } from '@colo/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthUser, authenticateToken, createApiToken } from '../auth/api-tokens';
import { getRuntime, setRuntime } from '../docker/engine-access';
import { type ControlTest, ensureSleeperImage, type ReadOnlyRuntime, readOnlyRuntime, setupControlTest } from '../testing';
import { closeTerminal, type TerminalCaller, terminalEvents, writeTerminal } from '../terminal/terminal-requests';
import { commitClassVersion, deleteClassVersion, discardClassPrototype, openClassPrototype, rollbackClass, runInClassPrototype } from './class-patch';
import { openPrototypeTerminal } from './prototype-terminal';

let t: ControlTest;
let admin: AuthUser;
let docker: Runtime;
let web: ReadOnlyRuntime;
const namespace = `colotest${randomBytes(3).toString('hex')}`;

beforeAll(async () => {
  process.env.COLO_IMAGE_NAMESPACE = namespace;
  t = await setupControlTest('web-side', { workerCalls: true });
  await ensureSleeperImage();
  admin = await t.user();
  await getPrisma().user.update({ where: { id: admin.id }, data: { role: 'admin' } });
  docker = getRuntime();
  web = readOnlyRuntime(docker);
  setRuntime(web.runtime);
}, 120_000);

afterAll(async () => {
  setRuntime(docker);
  await docker.removeImage(`${namespace}/sleeper:2-${t.instance}`).catch(() => undefined);
  await t?.teardown();
  delete process.env.COLO_IMAGE_NAMESPACE;
});

describe('class patch with a read-only web process', () => {
  it('opens, runs, commits, deletes and discards through the worker; a terminal too; and the web side changes nothing', async () => {
    expect(await openClassPrototype(admin, 'sleeper', { online: false })).toMatchObject({ version: 1, running: true });
    expect(await runInClassPrototype(admin, 'sleeper', { script: 'echo patched > /etc/colo-patch; cat /etc/colo-patch' })).toMatchObject({ exitCode: 0, output: 'patched\n' });
    const committed = await commitClassVersion(admin, 'sleeper', { note: 'through the worker' });
    expect(committed).toMatchObject({ version: 2, image: `${namespace}/sleeper:2-${t.instance}` });
    expect(await docker.imageId(committed.image)).toBeDefined();
    await rollbackClass(admin, 'sleeper', {});
    expect(await deleteClassVersion(admin, 'sleeper', 2)).toMatchObject({ deleted: true });
    expect(await docker.imageId(committed.image)).toBeUndefined();

    await openClassPrototype(admin, 'sleeper', { online: false });
    const { token } = await createApiToken(admin.id, 'terminal', { scope: 'admin' });
    const caller: TerminalCaller = { user: admin, scope: 'admin', recheck: async () => void (await authenticateToken(token)) };
    const opened = await openPrototypeTerminal(caller, 'sleeper', { cols: 80, rows: 24 });
    const stop = new AbortController();
    let text = '';
    let closed: unknown;
    const reading = (async () => {
      for await (const e of terminalEvents(caller, opened.id)(stop.signal)) {
        if (e.event === 'output') text += Buffer.from(e.data as string, 'base64').toString('utf8');
        if (e.event === 'closed') closed = e.data;
      }
    })();
    await writeTerminal(caller, opened.id, { data: 'echo colo-$((6*7))\n' });
    await expect.poll(() => text, { timeout: 15_000, interval: 50 }).toMatch(/colo-42/);
    await closeTerminal(caller, opened.id);
    await reading;
    expect(closed).toEqual({ reason: 'closed by you', exitCode: null });

    expect(await discardClassPrototype(admin, 'sleeper')).toEqual({ classId: 'sleeper', discarded: true });
    expect(await findPrototype(docker, t.instance, 'sleeper')).toBeUndefined();
    expect(web.refused).toEqual([]);
    // The web side's runtime does refuse changes: the count above could have been otherwise.
    await expect(getRuntime().removeImage(committed.image)).rejects.toThrow(/refused: the web process may not removeImage/);
    expect(web.refused).toEqual(['removeImage']);
  });
});
