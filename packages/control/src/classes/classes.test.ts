// Class versions through control, on the real engine and database: admins only; every refusal
// names what is wrong and changes nothing; a commit makes the next version the head and asks one
// deploy per running follower (never a pinned or stopped VDC); rollback and delete keep every
// version someone uses. The rollout itself, under load, is tested in tests/acceptance.
import { randomBytes } from 'node:crypto';
import { getPrisma } from '@colo/db';
import { findPrototype } from '@colo/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { getCatalog } from '../catalog';
import { getRuntime } from '../docker/engine-access';
import { type ControlTest, ensureSleeperImage, failure, manifestOf, setupControlTest } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { commitClassVersion, deleteClassVersion, discardClassPrototype, openClassPrototype, rollbackClass, runInClassPrototype } from './class-patch';
import { classView, listClasses } from './class-versions';

let t: ControlTest;
let admin: AuthUser;
let bob: AuthUser;
const namespace = `colotest${randomBytes(3).toString('hex')}`;
const image = (n: number) => `${namespace}/sleeper:${n}-${t.instance}`;

async function vdcWith(user: AuthUser, name: string, cls: string, state: 'running' | 'stopped' = 'running') {
  const saved = await createVdc(user, manifestOf(name, [{ name: 'box', class: cls }]));
  await getPrisma().vdc.update({ where: { id: saved.vdc.id }, data: { state, deployedRevisionId: saved.revision.id } });
  return saved;
}

beforeAll(async () => {
  process.env.COLO_IMAGE_NAMESPACE = namespace;
  t = await setupControlTest('classes', { workerCalls: true });
  await ensureSleeperImage();
  admin = await t.user();
  await getPrisma().user.update({ where: { id: admin.id }, data: { role: 'admin' } });
  bob = await t.user();
  await vdcWith(bob, 'follower', 'sleeper');
  await vdcWith(bob, 'pinned', 'sleeper@1');
  await vdcWith(bob, 'asleep', 'sleeper', 'stopped');
}, 120_000);

afterAll(async () => {
  for (const n of [2, 3, 4]) await getRuntime().removeImage(image(n)).catch(() => undefined);
  await t?.teardown();
  delete process.env.COLO_IMAGE_NAMESPACE;
});

describe('class patch', () => {
  it('refuses non-admins, unknown classes and bad input, naming the field, and changes nothing', async () => {
    const cases: [() => Promise<unknown>, string, RegExp][] = [
      [() => openClassPrototype(bob, 'sleeper', {}), 'forbidden', /only an admin may patch a class/],
      [() => openClassPrototype(admin, 'nope', {}), 'not_found', /no class "nope"/],
      [() => openClassPrototype(admin, 'sleeper', { version: 'x' }), 'bad_request', /^version: /],
      [() => openClassPrototype(admin, 'sleeper', { online: true, extra: 1 }), 'bad_request', /extra|Unrecognized/],
      [() => openClassPrototype(admin, 'sleeper', { version: 7 }), 'not_found', /has no version 7/],
      [() => runInClassPrototype(admin, 'sleeper', { script: 'true' }), 'not_found', /no open prototype: open one first/],
      [() => runInClassPrototype(admin, 'sleeper', { script: '' }), 'bad_request', /^script: is empty/],
      [() => commitClassVersion(admin, 'sleeper', { note: 'x' }), 'not_found', /no open prototype/],
      [() => commitClassVersion(admin, 'sleeper', { note: 'x'.repeat(501) }), 'bad_request', /^note: must be at most 500/],
      [() => discardClassPrototype(admin, 'sleeper'), 'not_found', /no open prototype/],
      [() => rollbackClass(admin, 'sleeper', {}), 'bad_request', /has no version before 1/],
      [() => rollbackClass(bob, 'sleeper', {}), 'forbidden', /only an admin/],
      [() => deleteClassVersion(admin, 'sleeper', 1), 'bad_request', /sleeper@1 is a stock version/],
      [() => deleteClassVersion(admin, 'sleeper', 9), 'not_found', /has no version 9/],
    ];
    for (const [call, code, message] of cases) {
      const err = await failure(call());
      expect(err.code, message.source).toBe(code);
      expect(err.message, message.source).toMatch(message);
    }
    expect(await getPrisma().classVersion.count()).toBe(0);
    expect(await getPrisma().classHead.count()).toBe(0);
    expect(await getPrisma().operation.count()).toBe(0);
    expect(await findPrototype(getRuntime(), t.instance, 'sleeper')).toBeUndefined();
  });

  it('commits a changed prototype as the next version, the head, and asks a deploy of each running follower only', async () => {
    expect(await openClassPrototype(admin, 'sleeper', { online: false })).toMatchObject({ version: 1, online: false, running: true });
    const run = await runInClassPrototype(admin, 'sleeper', { script: 'echo patched > /etc/colo-patch && cat /etc/colo-patch' });
    expect(run).toMatchObject({ exitCode: 0, output: 'patched\n', version: 1 });
    expect((await failure(openClassPrototype(admin, 'sleeper', { version: 2 }))).message).toMatch(/has no version 2|prototype of version 1 open/);

    const committed = await commitClassVersion(admin, 'sleeper', { note: 'adds /etc/colo-patch' });
    expect(committed).toMatchObject({ classId: 'sleeper', version: 2, image: image(2) });
    expect(committed.rollout.deploys.map((d) => d.vdc)).toEqual(['follower']);
    const op = await getPrisma().operation.findUniqueOrThrow({ where: { id: committed.rollout.deploys[0].operationId } });
    expect(op).toMatchObject({ kind: 'deploy', status: 'queued' });

    const catalog = await getCatalog();
    expect(catalog.get('sleeper')).toMatchObject({ version: 2, image: image(2) });
    expect(catalog.get('sleeper@1')?.image).toBe('colo-test/control-sleeper:1');
    expect(await getRuntime().imageId(image(2))).toBeDefined();
    expect(await findPrototype(getRuntime(), t.instance, 'sleeper')).toBeUndefined();

    const view = await classView(bob, 'sleeper');
    expect(view.head).toBe(2);
    expect(view.versions.map((v) => `${v.version} ${v.source}${v.head ? ' head' : ''}`)).toEqual(['2 committed head', '1 stock']);
    expect(view.versions[0]).toMatchObject({ note: 'adds /etc/colo-patch', createdBy: admin.email, baseVersion: 1 });
    expect(view.versions[1].usedBy).toEqual([{ vdc: 'pinned', appliances: ['box'], containers: 0, pinned: true }]);
    // Another user's VDCs are counted for him, not named.
    expect((await classView(admin, 'sleeper')).versions[1].usedBy.map((u) => u.vdc)).toEqual(['pinned']);
    expect(await listClasses()).toEqual([{ id: 'sleeper', title: 'Sleeper', head: 2, versions: [1, 2] }]);
  });

  it('keeps the head and pinned versions, rolls back, and deletes a version nobody uses with its image', async () => {
    expect((await failure(deleteClassVersion(admin, 'sleeper', 2))).message).toMatch(/sleeper@2 is the version followers use/);
    const back = await rollbackClass(admin, 'sleeper', {});
    expect(back).toMatchObject({ version: 1, previous: 2 });
    expect(back.rollout.deploys.map((d) => d.vdc)).toEqual(['follower']);
    expect((await getCatalog()).get('sleeper')?.version).toBe(1);

    // A VDC that pins version 2 keeps it.
    await vdcWith(bob, 'keeps-two', 'sleeper@2', 'stopped');
    const refused = await failure(deleteClassVersion(admin, 'sleeper', 2));
    expect(refused.code).toBe('bad_request');
    expect(refused.message).toMatch(/sleeper@2 is in use by VDC keeps-two \(box, pinned\)/);
    await getPrisma().vdc.updateMany({ where: { name: 'keeps-two' }, data: { state: 'destroyed' } });

    expect(await deleteClassVersion(admin, 'sleeper', 2)).toEqual({ classId: 'sleeper', version: 2, deleted: true });
    expect(await getRuntime().imageId(image(2))).toBeUndefined();
    expect(await getPrisma().classVersion.count()).toBe(0);
    expect((await getCatalog()).get('sleeper')?.version).toBe(1);

    // The next commit does not reuse a number a deleted version had… unless nothing remembers it.
    await openClassPrototype(admin, 'sleeper', { online: false });
    expect(await discardClassPrototype(admin, 'sleeper')).toEqual({ classId: 'sleeper', discarded: true });
    expect(await findPrototype(getRuntime(), t.instance, 'sleeper')).toBeUndefined();
  });
});
