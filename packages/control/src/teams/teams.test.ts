// Teams in the domain, on a real database: the personal team every user gets, VDCs made in a team
// (by save and by import), names per team and `name@team`, roles against what a request asks,
// invitations used once, and a team that never loses its last admin.
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { exportBundleVdc } from '../bundles/export-bundle-vdc';
import { importBundleVdc } from '../bundles/import-bundle-vdc';
import { type ControlTest, failure, manifestOf, setupControlTest } from '../testing';
import { findReachableVdc } from '../vdcs/find-vdc';
import { listVdcs } from '../vdcs/read-vdcs';
import { createVdc } from '../vdcs/save-vdc';
import { createTeam, getTeam, removeMember, setMemberRole } from './manage-teams';
import { personalTeam } from './personal-team';
import { acceptInvite, createInvite, previewInvite, revokeInvite } from './team-invites';

let t: ControlTest;
let ann: AuthUser;
let bob: AuthUser;
let cid: AuthUser;
const TEAM = 'acme-tests';

beforeAll(async () => {
  t = await setupControlTest('teams');
  ann = await t.user('ann.lee+x@colo.test');
  bob = await t.user();
  cid = await t.user();
  await createTeam(ann, { slug: TEAM, name: 'Acme' });
});
afterAll(async () => {
  await t?.teardown();
});

describe('teams', () => {
  it('gives every user a personal team, named after the email, of which they are the only admin', async () => {
    const own = await personalTeam(ann.id);
    expect(own).toMatchObject({ slug: expect.stringMatching(/^ann-lee-x/), personal: true });
    const members = await getPrisma().teamMember.findMany({ where: { teamId: own.id } });
    expect(members).toEqual([expect.objectContaining({ userId: ann.id, role: 'admin' })]);
  });

  it('makes a VDC in the team asked for, by save and by bundle import, and names clash only within a team', async () => {
    await createVdc(ann, manifestOf('shop'), { team: TEAM });
    const own = await createVdc(ann, manifestOf('shop'));
    const { text } = await exportBundleVdc(ann, { name: own.vdc.id });
    const imported = await importBundleVdc(ann, { bundle: text, name: 'imported', team: TEAM });
    expect(imported.dryRun).toBe(false);
    const mine = await listVdcs(ann);
    expect(mine.map((v) => `${v.name}@${v.team.personal ? 'own' : v.team.slug}`).sort()).toEqual([`imported@${TEAM}`, `shop@${TEAM}`, 'shop@own']);
    // The bare name is ambiguous for ann: the answer lists the qualified names.
    const err = await failure(findReachableVdc(ann, 'shop'));
    expect(err.code).toBe('bad_request');
    expect(err.message).toContain(`shop@${TEAM}`);
    expect((await findReachableVdc(ann, `shop@${TEAM}`)).team.slug).toBe(TEAM);
    expect((await failure(createVdc(ann, manifestOf('shop'), { team: TEAM }))).code).toBe('name_taken');
    // Not a member: the team is not found, and neither is its VDC.
    expect((await failure(createVdc(bob, manifestOf('x'), { team: TEAM }))).code).toBe('not_found');
    expect((await failure(findReachableVdc(bob, `shop@${TEAM}`))).code).toBe('not_found');
  });

  it('lets an invitation be used once, then allows what the role allows', async () => {
    const { token, invite } = await createInvite(ann, TEAM, { role: 'viewer' });
    expect(await previewInvite(token)).toMatchObject({ team: { slug: TEAM }, role: 'viewer', state: 'open' });
    await acceptInvite(bob, { token });
    expect((await failure(acceptInvite(cid, { token }))).message).toContain('was used already');
    expect((await failure(revokeInvite(ann, TEAM, invite.id))).message).toContain('used already');
    // A viewer reads the team's VDC, is refused a change with the role named, and cannot invite.
    expect((await findReachableVdc({ ...bob, right: 'read' }, `shop@${TEAM}`)).role).toBe('viewer');
    const refused = await failure(findReachableVdc({ ...bob, right: 'deploy' }, `shop@${TEAM}`));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain(`your role in team "${TEAM}" is viewer`);
    expect((await failure(createInvite({ ...bob, right: 'admin' }, TEAM, {}))).code).toBe('forbidden');
    // Made an operator, the same request goes through.
    await setMemberRole(ann, TEAM, bob.email, { role: 'operator' });
    expect((await findReachableVdc({ ...bob, right: 'deploy' }, `shop@${TEAM}`)).role).toBe('operator');
  });

  it('refuses an expired or revoked invitation', async () => {
    const { token, invite } = await createInvite(ann, TEAM, { role: 'operator', expiresInHours: 1 });
    await revokeInvite(ann, TEAM, invite.id);
    expect((await failure(acceptInvite(cid, { token }))).message).toContain('was revoked');
    const late = await createInvite(ann, TEAM, {});
    await getPrisma().teamInvite.update({ where: { id: late.invite.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await failure(acceptInvite(cid, { token: late.token }))).message).toContain('has expired');
    expect((await failure(acceptInvite(cid, { token: 'cinv_nothing' }))).code).toBe('not_found');
  });

  it('never leaves a team without an admin, and lets a member leave', async () => {
    expect((await failure(setMemberRole(ann, TEAM, ann.email, { role: 'operator' }))).message).toContain('no admin left');
    expect((await failure(removeMember({ ...ann, right: 'admin' }, TEAM, ann.id))).message).toContain('no admin left');
    await removeMember({ ...bob, right: 'admin' }, TEAM, bob.id);
    expect((await getTeam(ann, TEAM)).memberList.map((m) => m.userId)).toEqual([ann.id]);
    expect((await failure(findReachableVdc(bob, `shop@${TEAM}`))).code).toBe('not_found');
  });
});
