import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { catalogView, validateForUser } from '../catalog-view';
import { exportBundleVdc } from '../bundles/export-bundle-vdc';
import { importBundleVdc } from '../bundles/import-bundle-vdc';
import { resolveChecked } from '../manifests/manifest-input';
import { type ControlTest, failure, manifestOf, setupControlTest } from '../testing';
import { getVdc } from '../vdcs/read-vdcs';
import { createVdc, updateVdc } from '../vdcs/save-vdc';
import { getAssembly, getAssemblyVersion, listAssemblies } from './assembly-views';
import { exportAssemblyFor, importAssemblyFor } from './assembly-bundles';
import { expandStored } from './expand-stored';
import { saveAssembly } from './save-assembly';
import { personalTeam } from '../teams/personal-team';
import { deleteAssembly, setAssemblySharing } from './share-assembly';

let t: ControlTest;
let alice: AuthUser;
let bob: AuthUser;
let carol: AuthUser;
beforeAll(async () => {
  t = await setupControlTest('assemblies');
  alice = await t.user();
  bob = await t.user();
  carol = await t.user();
});
afterAll(async () => {
  await t?.teardown();
});

/** Two sleepers wired front → back; `in` is the front's input, `out` the back's free output. */
function pair(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    title: `Pair ${id}`,
    description: 'front and back',
    appliances: [
      { name: 'front', class: 'sleeper', replicas: 2 },
      { name: 'back', class: 'sleeper' },
    ],
    connections: [{ from: 'front.peer', to: 'back.in' }],
    terminals: [
      { name: 'in', endpoint: 'front.in' },
      { name: 'out', endpoint: 'back.peer' },
    ],
    ...over,
  };
}

describe('saving assemblies', () => {
  it('saves version 1, then the next version, pinning the classes it uses', async () => {
    const one = await saveAssembly(alice, pair('duo'));
    expect(one).toMatchObject({ id: 'duo', version: 1 });
    expect(one.definition.appliances.map((a) => a.class)).toEqual(['sleeper@1', 'sleeper@1']);
    const two = await saveAssembly(alice, { ...pair('duo'), title: 'Duo, second cut', version: 77 }, 'retitled');
    expect(two.version).toBe(2);
    const view = await getAssembly(alice, 'duo');
    expect(view).toMatchObject({ title: 'Duo, second cut', version: 2, visibility: 'private', mine: true, sharedWith: [] });
    expect(view.versions.map((v) => [v.version, v.note])).toEqual([
      [2, 'retitled'],
      [1, ''],
    ]);
    expect((await getAssemblyVersion(alice, 'duo', 1)).title).toBe('Pair duo');
  });

  it('refuses a bad definition with every problem, and ids that are taken', async () => {
    const bad = await failure(
      saveAssembly(alice, pair('broken', { terminals: [{ name: 'in', endpoint: 'front.nope' }], appliances: [{ name: 'front', class: 'sleeper', expose: [{ terminal: 'in', port: 9000 }] }, { name: 'back', class: 'sleeper' }] })),
    );
    expect(bad.code).toBe('invalid_manifest');
    expect(bad.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['appliances[0].expose', 'terminals[0].endpoint']));
    expect(await getPrisma().assembly.count({ where: { id: 'broken' } })).toBe(0);
    expect((await failure(saveAssembly(alice, pair('sleeper')))).code).toBe('name_taken');
    expect((await failure(saveAssembly(bob, pair('duo')))).message).toContain('belongs to another team');
    expect((await failure(saveAssembly(alice, 'not an object'))).code).toBe('bad_request');
  });
});

describe('placing an assembly in a VDC', () => {
  it('validates the box, pins it, and expands it for the engine', async () => {
    await saveAssembly(alice, pair('relay'));
    const saved = await createVdc(
      alice,
      manifestOf('with-box', [
        { name: 'edge', class: 'relay', expose: [{ terminal: 'in', port: 45871 }] },
        { name: 'store', class: 'sleeper' },
      ]),
    );
    const stored = (await getVdc(alice, 'with-box')).revision.manifest as { appliances: { class: string }[] };
    expect(stored.appliances[0].class).toBe('relay@1');
    expect(saved.revision.number).toBe(1);

    const resolved = await resolveChecked(stored as never);
    expect(resolved.appliances.map((a) => [a.name, a.replicas])).toEqual([
      ['edge-front', 2],
      ['edge-back', 1],
      ['store', 1],
    ]);
    expect(resolved.appliances[0].expose).toEqual([{ terminal: 'in', port: 45871 }]);
    expect(resolved.connections.map((c) => `${c.from.appliance}.${c.from.terminal}->${c.to.appliance}.${c.to.terminal}`)).toEqual([
      'edge-front.peer->edge-back.in',
    ]);
    const expanded = await expandStored(stored);
    expect([...expanded.boxOf]).toEqual([
      ['edge-front', 'edge'],
      ['edge-back', 'edge'],
    ]);
    // A new version changes nothing for the VDC until its box is upgraded.
    await saveAssembly(alice, pair('relay', { appliances: [{ name: 'front', class: 'sleeper', replicas: 3 }, { name: 'back', class: 'sleeper' }] }));
    expect((await resolveChecked(stored as never)).appliances[0].replicas).toBe(2);
  });

  it('refuses an instance name too long for the names inside', async () => {
    const err = await failure(createVdc(alice, manifestOf('long-box', [{ name: 'a'.repeat(28), class: 'relay' }])));
    expect(err.code).toBe('invalid_manifest');
    expect(err.issues?.[0]).toMatchObject({ path: 'appliances[0].name' });
  });

  it('counts what runs inside a box against the quota', async () => {
    await getPrisma().teamQuota.create({ data: { teamId: (await personalTeam(carol.id)).id, containers: 3 } });
    await saveAssembly(carol, pair('carol-pair'));
    const verdict = await validateForUser(carol, manifestOf('q', [{ name: 'p', class: 'carol-pair' }, { name: 'x', class: 'sleeper' }]));
    expect(verdict.ok).toBe(false);
    expect(verdict.errors.map((e) => e.message).join('\n')).toContain('quota exceeded: 4 of 3 containers');
    // Pointed at what the user wrote (two appliances), not at the expanded manifest's three.
    expect(verdict.errors.every((e) => /^appliances\[[01]\]/.test(e.path))).toBe(true);
    const inBox = await validateForUser(carol, manifestOf('q', [{ name: 'x', class: 'sleeper' }, { name: 'p', class: 'carol-pair' }]));
    expect(inBox.errors.map((e) => `${e.path}: ${e.message}`).join('\n')).toMatch(/appliances\[1\]: "p-(front|back)" inside assembly "p": quota exceeded/);
  });
});

describe('sharing', () => {
  it('a private assembly is invisible to others; published, they use it but cannot change it', async () => {
    await saveAssembly(alice, pair('shop-kit'));
    expect((await listAssemblies(bob)).map((a) => a.id)).not.toContain('shop-kit');
    expect((await failure(getAssembly(bob, 'shop-kit'))).code).toBe('not_found');
    expect((await failure(createVdc(bob, manifestOf('b1', [{ name: 'k', class: 'shop-kit@1' }])))).issues?.[0].message).toBe('assembly "shop-kit@1" is not shared with you');

    await setAssemblySharing(alice, 'shop-kit', { visibility: 'published' });
    const seen = (await listAssemblies(bob)).find((a) => a.id === 'shop-kit');
    expect(seen).toMatchObject({ mine: false, owner: { id: alice.id }, visibility: 'published' });
    expect(seen).not.toHaveProperty('sharedWith');
    await createVdc(bob, manifestOf('b1', [{ name: 'k', class: 'shop-kit' }]));
    expect((await getAssembly(bob, 'shop-kit')).usedBy).toEqual([{ vdc: 'b1', version: 1, appliances: ['k'] }]);
    expect((await failure(setAssemblySharing(bob, 'shop-kit', { visibility: 'private' }))).code).toBe('forbidden');
    expect((await failure(deleteAssembly(bob, 'shop-kit'))).code).toBe('forbidden');
    expect((await failure(saveAssembly(bob, pair('shop-kit')))).code).toBe('name_taken');
    const palette = await catalogView(bob);
    expect(palette.userAssemblies.map((a) => a.id)).toContain('shop-kit');
    expect(palette.assemblyDefinitions.some((d) => d.id === 'shop-kit' && d.version === 1)).toBe(true);

    // Unpublished again: a version bob has placed stays his to use; carol, who never did, cannot.
    await setAssemblySharing(alice, 'shop-kit', { visibility: 'private' });
    expect((await listAssemblies(bob)).map((a) => a.id)).not.toContain('shop-kit');
    const again = await updateVdc(bob, 'b1', manifestOf('b1', [{ name: 'k', class: 'shop-kit@1' }, { name: 'x', class: 'sleeper' }]), 1);
    expect(again.revision.number).toBe(2);
    await createVdc(bob, manifestOf('b2', [{ name: 'k', class: 'shop-kit@1' }]));
    expect((await failure(createVdc(bob, manifestOf('b3', [{ name: 'k', class: 'shop-kit@2' }])))).code).toBe('invalid_manifest');
    expect((await failure(createVdc(carol, manifestOf('c1', [{ name: 'k', class: 'shop-kit@1' }])))).issues?.[0].message).toBe('assembly "shop-kit@1" is not shared with you');
  });

  it('shared with chosen users only, by e-mail; unknown users are named', async () => {
    await saveAssembly(alice, pair('team-kit'));
    const view = await setAssemblySharing(alice, 'team-kit', { visibility: 'shared', users: [bob.email] });
    expect(view.sharedWith?.map((u) => u.id)).toEqual([bob.id]);
    expect((await listAssemblies(bob)).map((a) => a.id)).toContain('team-kit');
    expect((await listAssemblies(carol)).map((a) => a.id)).not.toContain('team-kit');
    const err = await failure(setAssemblySharing(alice, 'team-kit', { visibility: 'shared', users: ['nobody@example.invalid'] }));
    expect(err).toMatchObject({ code: 'bad_request', message: 'users: no user "nobody@example.invalid" on this Colo' });
    expect((await failure(setAssemblySharing(alice, 'team-kit', { visibility: 'everyone' }))).code).toBe('bad_request');
  });

  it('deleting hides it; VDCs that use a version keep working', async () => {
    await saveAssembly(alice, pair('old-kit'));
    await createVdc(alice, manifestOf('uses-old', [{ name: 'o', class: 'old-kit' }]));
    await deleteAssembly(alice, 'old-kit');
    expect((await listAssemblies(alice)).map((a) => a.id)).not.toContain('old-kit');
    const kept = await updateVdc(alice, 'uses-old', manifestOf('uses-old', [{ name: 'o', class: 'old-kit@1' }, { name: 'y', class: 'sleeper' }]), 1);
    expect(kept.revision.number).toBe(2);
    expect((await failure(createVdc(alice, manifestOf('new-old', [{ name: 'o', class: 'old-kit' }])))).code).toBe('invalid_manifest');
  });
});

describe('bundles carry the assemblies a VDC places', () => {
  it('export → import on a Colo without them makes the same manifest and the assembly, as the importer\'s own', async () => {
    await saveAssembly(alice, pair('travel-kit'));
    await createVdc(alice, manifestOf('traveller', [{ name: 'k', class: 'travel-kit' }, { name: 's', class: 'sleeper' }]));
    const { text, bundle } = await exportBundleVdc(alice, { name: 'traveller' });
    expect(bundle.format).toBe(2);
    expect(bundle.assemblies?.map((a) => `${a.id}@${a.version}`)).toEqual(['travel-kit@1']);
    const original = (await getVdc(alice, 'traveller')).revision.manifest;

    // Another Colo: the assembly is not there.
    await getPrisma().assembly.delete({ where: { id: 'travel-kit' } });
    const imported = await importBundleVdc(alice, { bundle: text, name: 'traveller-copy' });
    expect(imported.report).toContain('adds assembly travel-kit version 1 (Pair travel-kit)');
    expect((await getVdc(alice, 'traveller-copy')).revision.manifest).toEqual({ ...(original as object), name: 'traveller-copy' });
    expect(await getAssembly(alice, 'travel-kit')).toMatchObject({ version: 1, visibility: 'private', mine: true });

    // Here already, the same: nothing new. Someone else's id: refused, nothing made.
    expect((await importBundleVdc(alice, { bundle: text, name: 'traveller-3' })).report.join('\n')).not.toContain('adds assembly');
    const theirs = await failure(importBundleVdc(bob, { bundle: text, name: 'bob-copy' }));
    expect(theirs.message).toContain('assembly "travel-kit" belongs to another team on this Colo');
    expect(await getPrisma().vdc.count({ where: { name: 'bob-copy' } })).toBe(0);
  });

  it('a VDC refused after its assemblies were added takes them away again', async () => {
    const { text } = await exportBundleVdc(alice, { name: 'traveller' });
    await getPrisma().assembly.delete({ where: { id: 'travel-kit' } });
    const taken = await failure(importBundleVdc(alice, { bundle: text, name: 'traveller-copy' }));
    expect(taken.code).toBe('name_taken');
    expect(await getPrisma().assembly.count({ where: { id: 'travel-kit' } })).toBe(0);
  });
});

describe('an assembly as one file', () => {
  it('exports for whoever may see it, and lands as the importer\'s own where it is missing', async () => {
    await saveAssembly(alice, pair('file-kit'));
    await saveAssembly(alice, pair('file-kit', { title: 'second' }));
    expect((await failure(exportAssemblyFor(bob, 'file-kit'))).code).toBe('not_found');
    const { text, bundle } = await exportAssemblyFor(alice, 'file-kit', 1);
    expect(bundle.from).toEqual({ assembly: 'file-kit', version: 1 });
    expect((await importAssemblyFor(alice, text)).report).toEqual(['assembly file-kit version 1 is already on this Colo']);
    expect((await failure(importAssemblyFor(bob, text))).message).toContain('belongs to another team on this Colo');

    await getPrisma().assembly.delete({ where: { id: 'file-kit' } });
    const imported = await importAssemblyFor(bob, text);
    expect(imported).toMatchObject({ added: ['file-kit@1'], assembly: { id: 'file-kit', version: 1 } });
    expect(await getAssembly(bob, 'file-kit')).toMatchObject({ mine: true, version: 1, visibility: 'private', title: 'Pair file-kit' });
    expect((await failure(importAssemblyFor(bob, 'kind: Bundle\n'))).code).toBe('bad_request');
    // Deleted, then imported again: the same definition brings it back.
    await deleteAssembly(bob, 'file-kit');
    expect((await importAssemblyFor(bob, text)).added).toEqual([]);
    expect((await listAssemblies(bob)).map((a) => a.id)).toContain('file-kit');
  });
});

describe('assemblies of a team', () => {
  it("are placed by the team's members, versioned by its operators, shared and deleted by its admins", async () => {
    const { createTeam } = await import('../teams/manage-teams');
    const { acceptInvite, createInvite } = await import('../teams/team-invites');
    const dave = await t.user();
    const erin = await t.user();
    await createTeam(alice, { slug: 'kit-makers' });
    await acceptInvite(dave, { token: (await createInvite(alice, 'kit-makers', { role: 'operator' })).token });
    await acceptInvite(erin, { token: (await createInvite(alice, 'kit-makers', { role: 'viewer' })).token });

    await saveAssembly(dave, pair('team-duo'), '', 'kit-makers');
    expect((await getAssembly(erin, 'team-duo')).team).toMatchObject({ slug: 'kit-makers', role: 'viewer' });
    expect((await failure(getAssembly(carol, 'team-duo'))).code).toBe('not_found');
    // An operator saves the next version; a viewer may not; an outsider is told the id is another team's.
    expect((await saveAssembly(alice, pair('team-duo'))).version).toBe(2);
    expect((await failure(saveAssembly(erin, pair('team-duo')))).code).toBe('forbidden');
    expect((await failure(saveAssembly(carol, pair('team-duo')))).message).toContain('belongs to another team');
    // Sharing and deleting: the team's admins, not its operators.
    expect((await failure(setAssemblySharing(dave, 'team-duo', { visibility: 'published' }))).code).toBe('forbidden');
    await setAssemblySharing(alice, 'team-duo', { visibility: 'shared', users: [carol.email] });
    expect((await getAssembly(carol, 'team-duo')).mine).toBe(false);
    expect((await failure(deleteAssembly(dave, 'team-duo'))).code).toBe('forbidden');
    await deleteAssembly(alice, 'team-duo');
  });
});
