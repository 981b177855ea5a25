// exportBundleVdc and importBundleVdc against a real database and the stock catalog: a bundle
// round-trips into a new VDC of the caller's, is held to the caller's quota (it goes through
// createVdc), a refusal saves nothing, and another user's VDC is not found.
import { getPrisma } from '@colo/db';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { createUser } from '../auth/users';
import { reloadCatalog } from '../catalog';
import { setUserQuota } from '../quotas/user-quota';
import { type ControlTest, failure, setupControlTest } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { exportBundleVdc } from './export-bundle-vdc';
import { importBundleVdc } from './import-bundle-vdc';

let t: ControlTest;
let admin: AuthUser;
let user: AuthUser;
beforeAll(async () => {
  t = await setupControlTest('bundles');
  reloadCatalog(); // the stock classes from templates/
  admin = await createUser({ email: `admin-${t.instance}@colo.test`, role: 'admin' });
  user = await t.user();
  await createVdc(user, {
    apiVersion: 'colo/v1',
    kind: 'VDC',
    name: 'shop',
    appliances: [{ name: 'web', class: 'web-php', replicas: 3 }],
    connections: [],
  });
});
afterAll(async () => {
  await t?.teardown();
});

const count = (owner: AuthUser, name: string) => getPrisma().vdc.count({ where: { ownerId: owner.id, name } });

describe('bundles', () => {
  it('exports a VDC and imports it as a new VDC of the caller, a dry run creating nothing', async () => {
    const exported = await exportBundleVdc(user, { name: 'shop' });
    expect(exported.bundle).toMatchObject({ kind: 'Bundle', format: 1, from: { vdc: 'shop', revision: 1 }, classes: [{ ref: 'web-php', origin: 'stock' }] });

    const dry = await importBundleVdc(user, { bundle: exported.text, name: 'shop-dry', dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, errors: [], manifest: { name: 'shop-dry' } });
    expect(await count(user, 'shop-dry')).toBe(0);

    const made = await importBundleVdc(user, { bundle: exported.text, name: 'shop-copy' });
    expect(made).toMatchObject({ dryRun: false, vdc: { name: 'shop-copy' }, revision: { number: 1 } });
    expect(await count(user, 'shop-copy')).toBe(1);
    // The same name again is the same refusal as any manifest's.
    expect((await failure(importBundleVdc(user, { bundle: exported.text, name: 'shop-copy' }))).code).not.toBe('bad_request');
  });

  it('refuses a changed bundle as bad_request with the reason, saving nothing', async () => {
    const bundle = parse((await exportBundleVdc(user, { name: 'shop' })).text);
    bundle.manifest.appliances[0].privileged = true;
    const err = await failure(importBundleVdc(user, { bundle: stringify(bundle), name: 'changed' }));
    expect(err.code).toBe('bad_request');
    expect(err.message).toMatch(/changed after export/);
    expect(await count(user, 'changed')).toBe(0);
  });

  it('holds an import to the caller quota', async () => {
    const other = await t.user();
    await setUserQuota(admin, other.email, { containers: 2 });
    const { text } = await exportBundleVdc(user, { name: 'shop' });
    const err = await failure(importBundleVdc(other, { bundle: text }));
    expect(err.code).toBe('invalid_manifest');
    expect(err.message).toMatch(/quota/i);
    expect(await count(other, 'shop')).toBe(0);
  });

  it("does not find another user's VDC", async () => {
    const other = await t.user();
    expect((await failure(exportBundleVdc(other, { name: 'shop' }))).code).toBe('not_found');
  });
});
