// The editor's Save keeps a drawing with problems as a draft revision; deploying it is refused
// with the same words until they are fixed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { requestOperation } from '../operations/request-operation';
import { type ControlTest, failure, manifestOf, setupControlTest } from '../testing';
import { getVdc } from './read-vdcs';
import { createVdc, updateVdc } from './save-vdc';

let t: ControlTest;
let alice: AuthUser;
beforeAll(async () => {
  t = await setupControlTest('save-draft');
  alice = await t.user();
});
afterAll(async () => {
  await t?.teardown();
});

describe('draft saves', () => {
  it('keeps a manifest with problems as a revision, names them, and refuses to deploy it', async () => {
    await createVdc(alice, manifestOf('drafty'));
    const tooBig = manifestOf('drafty', [{ name: 'box', class: 'sleeper', resources: { memory: '1Gi' } }]);

    // Without draft: refused as before, in the validator's words.
    const refused = await failure(updateVdc(alice, 'drafty', tooBig, 1));
    expect(refused.code).toBe('invalid_manifest');
    expect(refused.message).toBe('invalid manifest: box · memory: at most 256Mi');

    const saved = await updateVdc(alice, 'drafty', tooBig, 1, { draft: true });
    expect(saved).toMatchObject({ changed: true, revision: { number: 2 } });
    expect(saved.problems).toMatchObject([{ path: 'appliances[0].resources.memory', appliance: 'box', field: 'memory', message: 'at most 256Mi' }]);
    expect((await getVdc(alice, 'drafty')).revision.manifest).toMatchObject({ appliances: [{ resources: { memory: '1Gi' } }] });

    const deploy = await failure(requestOperation(alice, 'drafty', 'deploy'));
    expect(deploy.code).toBe('invalid_manifest');
    expect(deploy.message).toBe('invalid manifest: box · memory: at most 256Mi');

    // A valid save as a draft has no problems to report.
    const fixed = await updateVdc(alice, 'drafty', manifestOf('drafty'), 2, { draft: true });
    expect(fixed.problems).toBeUndefined();
  });

  it('still refuses what no reader of revisions could read', async () => {
    await createVdc(alice, manifestOf('shapeless'));
    const broken = { ...manifestOf('shapeless'), appliances: [{ name: 'box', class: 'sleeper', privileged: true }] };
    expect((await failure(updateVdc(alice, 'shapeless', broken, 1, { draft: true }))).code).toBe('invalid_manifest');
    expect((await failure(updateVdc(alice, 'shapeless', 'name: [unclosed', 1, { draft: true }))).code).toBe('invalid_manifest');
    expect((await getVdc(alice, 'shapeless')).revision.number).toBe(1);
  });
});
