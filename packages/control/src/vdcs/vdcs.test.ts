import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { validateForUser } from '../catalog-view';
import type { ColoError } from '../errors';
import { getOperation, listOperations } from '../operations/read-operations';
import { requestOperation } from '../operations/request-operation';
import { type ControlTest, failure, manifestOf, setupControlTest } from '../testing';
import { deleteVdc } from './delete-vdc';
import { getVdc, listRevisions, listVdcs } from './read-vdcs';
import { createVdc, updateVdc } from './save-vdc';

let t: ControlTest;
let alice: AuthUser;
let bob: AuthUser;
beforeAll(async () => {
  t = await setupControlTest('vdcs');
  alice = await t.user();
  bob = await t.user();
});
afterAll(async () => {
  await t?.teardown();
});

describe('saving VDCs', () => {
  it('creates a VDC at revision 1 from YAML text, with a docker key from its id', async () => {
    const saved = await createVdc(alice, 'apiVersion: colo/v1\nkind: VDC\nname: shop\nappliances:\n  - { name: box, class: sleeper }\n');
    expect(saved.vdc.id).toMatch(/^vdc_[a-z0-9]{16}$/);
    expect(saved.revision.number).toBe(1);
    expect(saved.revision.id).toMatch(/^rev_/);
    const row = await getPrisma().vdc.findUniqueOrThrow({ where: { id: saved.vdc.id } });
    expect(row.dockerKey).toBe(`shop-${saved.vdc.id.slice(4, 10)}`);
    expect((await getVdc(alice, 'shop')).revision.manifest).toMatchObject({ name: 'shop', appliances: [{ name: 'box' }] });
    expect(await failure(createVdc(alice, manifestOf('shop')))).toMatchObject({ code: 'name_taken' });
  });

  it('refuses an invalid manifest with every issue and saves nothing', async () => {
    const err = await failure(createVdc(alice, manifestOf('bad', [{ name: 'x', class: 'nope' }, { name: 'y', class: 'sleeper', privileged: true }])));
    expect(err.code).toBe('invalid_manifest');
    const paths = err.issues?.map((i) => i.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['appliances[0].class']));
    expect(paths.some((p) => p.startsWith('appliances[1]'))).toBe(true);
    expect(await getPrisma().vdc.count({ where: { name: 'bad' } })).toBe(0);
    expect((await failure(createVdc(alice, 'name: [unclosed'))).code).toBe('invalid_manifest');
  });

  it('makes a new revision only when the manifest changed, and refuses a stale base', async () => {
    await createVdc(alice, manifestOf('blog'));
    const two = await updateVdc(alice, 'blog', manifestOf('blog', [{ name: 'box', class: 'sleeper', replicas: 2 }]), 1);
    expect(two).toMatchObject({ changed: true, revision: { number: 2 } });

    // Same content, other key order and text form: no new revision.
    const same = await updateVdc(alice, 'blog', 'name: blog\nkind: VDC\napiVersion: colo/v1\nappliances: [{ replicas: 2, class: sleeper, name: box }]\n', 2);
    expect(same).toMatchObject({ changed: false, revision: { number: 2 } });

    const stale = await failure(updateVdc(alice, 'blog', manifestOf('blog', [{ name: 'box', class: 'sleeper', replicas: 3 }]), 1));
    expect(stale.code).toBe('stale_revision');
    expect(stale.currentRevision).toBe(2);
    expect(stale.toJSON()).toMatchObject({ code: 'stale_revision', currentRevision: 2 });
    expect((await listRevisions(alice, 'blog')).map((r) => r.number)).toEqual([2, 1]);
    expect((await failure(updateVdc(alice, 'blog', manifestOf('other'), 2))).code).toBe('bad_request');
  });

  it('lets only one of two racing saves from the same base win', async () => {
    await createVdc(alice, manifestOf('race'));
    const results = await Promise.allSettled([1, 2, 3].map((r) => updateVdc(alice, 'race', manifestOf('race', [{ name: 'box', class: 'sleeper', replicas: r + 1 }]), 1)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as ColoError).code).toBe('stale_revision');
    expect((await listRevisions(alice, 'race')).map((r) => r.number)).toEqual([2, 1]);
  });

  it('refuses a host port another VDC holds, naming it for its owner only', async () => {
    await createVdc(alice, manifestOf('front', [{ name: 'box', class: 'sleeper', expose: [{ terminal: 'in', port: 18181 }] }]));
    const clash = manifestOf('second', [{ name: 'box', class: 'sleeper', expose: [{ terminal: 'in', port: 18181 }] }]);
    const mine = await failure(createVdc(alice, clash));
    expect(mine.issues?.[0]).toMatchObject({ path: 'appliances[0].expose[0].port' });
    expect(mine.message).toMatch(/18181.*front/);
    const theirs = await failure(createVdc(bob, clash));
    expect(theirs.message).toMatch(/18181/);
    expect(theirs.message).not.toMatch(/front/);
    // The VDC's own port is not a clash with itself.
    const verdict = await validateForUser(alice, manifestOf('front', [{ name: 'box', class: 'sleeper', expose: [{ terminal: 'in', port: 18181 }] }]));
    expect(verdict.ok).toBe(true);
  });
});

describe('ownership', () => {
  it("hides another user's VDC behind not_found on every call", async () => {
    await createVdc(alice, manifestOf('private'));
    const calls: [string, () => Promise<unknown>][] = [
      ['get', () => getVdc(bob, 'private')],
      ['update', () => updateVdc(bob, 'private', manifestOf('private'), 1)],
      ['delete', () => deleteVdc(bob, 'private')],
      ['revisions', () => listRevisions(bob, 'private')],
      ['operations', () => listOperations(bob, 'private')],
      ['deploy', () => requestOperation(bob, 'private', 'deploy', {})],
      ['stop', () => requestOperation(bob, 'private', 'stop', {})],
      ['destroy', () => requestOperation(bob, 'private', 'destroy', { purge: true })],
    ];
    for (const [what, call] of calls) expect((await failure(call())).code, what).toBe('not_found');
    expect((await listVdcs(bob)).map((v) => v.name)).not.toContain('private');

    const op = await requestOperation(alice, 'private', 'stop', {});
    expect((await failure(getOperation(bob, op.id))).code).toBe('not_found');
    expect((await getOperation(alice, op.id)).operation.id).toBe(op.id);
    // Bob may use the same name for a VDC of his own.
    expect((await createVdc(bob, manifestOf('private'))).revision.number).toBe(1);
  });

  it('lists a user’s VDCs with their latest revision, size and last operation', async () => {
    const list = await listVdcs(alice);
    const blog = list.find((v) => v.name === 'blog');
    expect(blog).toMatchObject({ revision: 2, applianceCount: 1, state: 'new', lastOperation: null });
    // The list searches descriptions and sorts by the last change (issue 11).
    expect(blog).toMatchObject({ description: '', updatedAt: expect.any(Date) });
    const priv = list.find((v) => v.name === 'private');
    expect(priv?.lastOperation).toMatchObject({ kind: 'stop', status: 'queued' });
  });
});
