// Per-user quotas against a real database: every way a manifest enters (validate, plan, save,
// deploy) refuses one that would take the owner over a limit, with the path where it goes over;
// only an admin reads others' quotas or sets any.
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { listUsers } from '../auth/list-users';
import { createUser, ensureLocalAdmin } from '../auth/users';
import { validateForUser } from '../catalog-view';
import { resetControlEnv } from '../config';
import { planManifest } from '../docker/plan-vdc';
import { requestOperation } from '../operations/request-operation';
import { type ControlTest, failure, manifestOf, setupControlTest } from '../testing';
import { createVdc, updateVdc } from '../vdcs/save-vdc';
import { getUserQuota, meView, setUserQuota } from './user-quota';

let t: ControlTest;
let admin: AuthUser;
let alice: AuthUser;
let bob: AuthUser;
beforeAll(async () => {
  t = await setupControlTest('quotas');
  admin = await createUser({ email: `admin-${t.instance}@colo.test`, role: 'admin' });
  alice = await t.user();
  bob = await t.user();
});
afterAll(async () => {
  delete process.env.COLO_QUOTA_CONTAINERS;
  resetControlEnv();
  await t?.teardown();
});

const boxes = (...replicas: number[]) => replicas.map((r, i) => ({ name: `box${i}`, class: 'sleeper', replicas: r }));

describe('quotas at validation', () => {
  it('refuses a manifest over the container quota in validate, plan and save, counting other VDCs', async () => {
    await setUserQuota(admin, alice.email, { containers: 4 });
    await createVdc(alice, manifestOf('one', boxes(2)));

    const over = manifestOf('two', boxes(1, 2));
    const issue = {
      path: 'appliances[1].replicas',
      message: 'quota exceeded: 5 of 4 containers (your other VDCs use 2)',
      severity: 'error',
      appliance: 'box1',
      field: 'replicas',
    };
    expect((await validateForUser(alice, over)).errors).toEqual([issue]);
    expect((await failure(planManifest(alice, over))).issues).toEqual([issue]);
    const saved = await failure(createVdc(alice, over));
    expect(saved.code).toBe('invalid_manifest');
    expect(saved.message).toBe(`invalid manifest: box1 · replicas: ${issue.message}`);
    expect(await getPrisma().vdc.count({ where: { ownerId: alice.id, name: 'two' } })).toBe(0);

    // The VDC being saved counts with its new manifest, not twice: 2 → 4 replicas fits 4.
    await updateVdc(alice, 'one', manifestOf('one', boxes(4)), 1);
    // Bob's quota is his own.
    expect((await validateForUser(bob, manifestOf('two', boxes(5)))).ok).toBe(true);
  });

  it('counts standby replicas, and no longer counts a destroyed VDC', async () => {
    await setUserQuota(admin, bob.id, { containers: 2 });
    await createVdc(bob, manifestOf('warm', [{ name: 'box', class: 'sleeper', replicas: 2, standby: true }]));
    const verdict = await validateForUser(bob, manifestOf('more', boxes(1)));
    expect(verdict.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'appliances[0].replicas: quota exceeded: 3 of 2 containers (your other VDCs use 2)',
    ]);
    await getPrisma().vdc.updateMany({ where: { ownerId: bob.id, name: 'warm' }, data: { state: 'destroyed' } });
    expect((await validateForUser(bob, manifestOf('more', boxes(1)))).ok).toBe(true);
  });

  it('sums replicas × resources for CPU and memory, with class defaults, and counts appliances and host ports', async () => {
    const carol = await t.user();
    await setUserQuota(admin, carol.email, { cpu: 0.5, memory: '64Mi', appliances: 2, hostPorts: 1 });
    // The sleeper class defaults to 0.1 CPU and 32Mi per replica.
    const verdict = await validateForUser(
      carol,
      manifestOf('big', [
        { name: 'a', class: 'sleeper', replicas: 3, resources: { cpu: 0.2 }, expose: [{ terminal: 'in', port: 41001 }] },
        { name: 'b', class: 'sleeper', expose: [{ terminal: 'in', port: 41002 }] },
        { name: 'c', class: 'sleeper', replicas: 0 },
      ]),
    );
    expect(verdict.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'appliances[2]: quota exceeded: 3 of 2 appliances',
      'appliances[0].resources.cpu: quota exceeded: 0.7 of 0.5 CPUs',
      'appliances[0].resources.memory: quota exceeded: 128Mi of 64Mi memory',
      'appliances[1].expose[0].port: quota exceeded: 2 of 1 host ports',
    ]);
  });

  it('refuses a deploy once the admin lowered the quota under the saved revision', async () => {
    const dave = await t.user();
    await createVdc(dave, manifestOf('site', boxes(3)));
    await setUserQuota(admin, dave.email, { containers: 2 });
    const err = await failure(requestOperation(dave, 'site', 'deploy'));
    expect(err.code).toBe('invalid_manifest');
    expect(err.issues?.map((i) => `${i.path}: ${i.message}`)).toEqual(['appliances[0].replicas: quota exceeded: 3 of 2 containers']);
    expect(await getPrisma().operation.count({ where: { requestedById: dave.id } })).toBe(0);
  });

  it('takes its defaults from the environment when no override is set', async () => {
    process.env.COLO_QUOTA_CONTAINERS = '3';
    resetControlEnv();
    try {
      const erin = await t.user();
      expect((await validateForUser(erin, manifestOf('x', boxes(3)))).ok).toBe(true);
      expect((await validateForUser(erin, manifestOf('x', boxes(4)))).errors[0].message).toBe('quota exceeded: 4 of 3 containers');
      // An override set back to null returns to the default.
      await setUserQuota(admin, erin.email, { containers: 10 });
      expect((await validateForUser(erin, manifestOf('x', boxes(4)))).ok).toBe(true);
      await setUserQuota(admin, erin.email, { containers: null });
      expect((await validateForUser(erin, manifestOf('x', boxes(4)))).ok).toBe(false);
    } finally {
      delete process.env.COLO_QUOTA_CONTAINERS;
      resetControlEnv();
    }
  });
});

describe('reading and setting quotas', () => {
  it('shows a user their own limits and usage', async () => {
    const me = await meView(alice);
    expect(me.user).toMatchObject({ id: alice.id, email: alice.email, role: 'user' });
    expect(me.quota.limits.containers).toBe(4);
    expect(me.quota.usage).toEqual({ appliances: 1, containers: 4, cpu: 0.4, memory: 4 * 32 * 1024 ** 2, hostPorts: 0 });
    expect((await getUserQuota(alice, alice.email)).quota.overrides).toMatchObject({ containers: 4, cpu: null });
  });

  it("lets only an admin list users, read others' quotas or set any", async () => {
    expect(await failure(setUserQuota(alice, alice.email, { containers: 1000 }))).toMatchObject({ code: 'forbidden' });
    expect(await failure(getUserQuota(alice, bob.email))).toMatchObject({ code: 'forbidden' });
    expect(await failure(listUsers(alice))).toMatchObject({ code: 'forbidden' });
    expect((await meView(alice)).quota.limits.containers).toBe(4);

    const listed = await listUsers(admin);
    expect(listed.users.map((u) => u.email)).toEqual(expect.arrayContaining([admin.email, alice.email]));
    expect(listed.users.find((u) => u.id === admin.id)?.role).toBe('admin');
    expect((await getUserQuota(admin, bob.id)).user.email).toBe(bob.email);
  });

  it('refuses a bad quota with the field named, and an unknown user', async () => {
    expect(await failure(setUserQuota(admin, alice.id, { containers: -1 }))).toMatchObject({ code: 'bad_request' });
    expect((await failure(setUserQuota(admin, alice.id, { memory: 'lots' }))).message).toMatch(/^memory: /);
    expect((await failure(setUserQuota(admin, alice.id, { disks: 3 }))).code).toBe('bad_request');
    expect(await failure(setUserQuota(admin, 'nobody@colo.test', { containers: 1 }))).toMatchObject({ code: 'not_found' });
  });

  it('makes the local admin of a bring-up an admin', async () => {
    const local = await ensureLocalAdmin({ email: `local-${t.instance}@colo.test` });
    expect((await meView(local.user)).user.role).toBe('admin');
  });
});
