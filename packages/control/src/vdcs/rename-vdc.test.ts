// Renaming: ownership, name clashes, the manifest following the name, and Docker untouched.
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { getRuntime } from '../docker/engine-access';
import { planVdc } from '../docker/plan-vdc';
import { requestOperation } from '../operations/request-operation';
import { runOperation } from '../operations/run-operation';
import { type ControlTest, ensureSleeperImage, failure, manifestOf, setupControlTest } from '../testing';
import { getVdc, listRevisions, listVdcs } from './read-vdcs';
import { renameVdc } from './rename-vdc';
import { createVdc, updateVdc } from './save-vdc';

let t: ControlTest;
let alice: AuthUser;
let bob: AuthUser;
beforeAll(async () => {
  t = await setupControlTest('rename');
  alice = await t.user();
  bob = await t.user();
});
afterAll(async () => {
  await t?.teardown();
});

describe('renameVdc', () => {
  it('renames, records a revision whose manifest carries the new name, and keeps the docker key', async () => {
    const { vdc } = await createVdc(alice, manifestOf('draft'));
    const before = await getPrisma().vdc.findUniqueOrThrow({ where: { id: vdc.id } });
    const renamed = await renameVdc(alice, 'draft', 'final');
    expect(renamed).toMatchObject({ id: vdc.id, name: 'final', revision: 2 });
    const after = await getPrisma().vdc.findUniqueOrThrow({ where: { id: vdc.id } });
    expect(after.dockerKey).toBe(before.dockerKey);
    expect((await getVdc(alice, 'final')).revision.manifest).toMatchObject({ name: 'final', appliances: [{ name: 'box' }] });
    expect((await listRevisions(alice, 'final')).map((r) => r.number)).toEqual([2, 1]);
    // The editor's next save, made from the renamed manifest, goes through.
    expect((await updateVdc(alice, 'final', manifestOf('final', [{ name: 'box', class: 'sleeper', replicas: 2 }]), 2)).changed).toBe(true);
    expect((await failure(getVdc(alice, 'draft'))).code).toBe('not_found');
    // Renaming to its own name changes nothing.
    expect((await renameVdc(alice, 'final', 'final')).revision).toBe(3);
  });

  it('refuses a taken name, a bad name, and a name that is not a DNS label', async () => {
    await createVdc(alice, manifestOf('one'));
    await createVdc(alice, manifestOf('two'));
    expect((await failure(renameVdc(alice, 'one', 'two'))).code).toBe('name_taken');
    expect((await failure(renameVdc(alice, 'one', 'Not OK'))).code).toBe('bad_request');
    expect((await failure(renameVdc(alice, 'one', 'x'.repeat(64)))).code).toBe('bad_request');
    expect((await getVdc(alice, 'one')).vdc.revision).toBe(1);
  });

  it("cannot touch another user's VDC, and another user's names do not clash", async () => {
    await createVdc(alice, manifestOf('mine'));
    expect((await failure(renameVdc(bob, 'mine', 'stolen'))).code).toBe('not_found');
    await createVdc(bob, manifestOf('taken-by-bob'));
    expect((await renameVdc(alice, 'mine', 'taken-by-bob')).name).toBe('taken-by-bob');
    expect((await listVdcs(bob)).map((v) => v.name)).toEqual(['taken-by-bob']);
  });

  it('waits for a queued operation to finish', async () => {
    await createVdc(alice, manifestOf('busy'));
    await requestOperation(alice, 'busy', 'stop', {});
    expect((await failure(renameVdc(alice, 'busy', 'calm'))).code).toBe('operation_running');
  });

  it('leaves a deployed VDC running as it was: same containers, nothing to plan', async () => {
    await ensureSleeperImage();
    await createVdc(alice, manifestOf('live'));
    const op = await requestOperation(alice, 'live', 'deploy', {});
    expect(await runOperation(op.id, { attempt: 1, maxAttempts: 1 })).toBe('succeeded');
    const running = await getRuntime().listContainers([`colo.instance=${t.instance}`]);
    expect(running).toHaveLength(1);

    await renameVdc(alice, 'live', 'renamed');
    const still = await getRuntime().listContainers([`colo.instance=${t.instance}`]);
    expect(still.map((c) => [c.id, c.name, c.state])).toEqual(running.map((c) => [c.id, c.name, c.state]));
    const { plan } = await planVdc(alice, 'renamed');
    expect(plan.steps.filter((s) => s.kind === 'container').map((s) => s.action)).toEqual([]);
  });
});
