// The allow-list against the real database: only admins change or read it, references are kept
// in one canonical form, and customImageIssues names the appliance and image at fault.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { createUser } from '../auth/users';
import { isColoError } from '../errors';
import { loadCatalog } from '@colo/catalog';
import { validateForUser } from '../catalog-view';
import { setCatalog } from '../catalog';
import { type ControlTest, setupControlTest, useTestCatalog } from '../testing';
import { customImageIssues } from './custom-image-issues';
import { allowCustomImage, allowedImageReferences, disallowCustomImage, listCustomImages } from './custom-image-list';

let t: ControlTest;
let admin: AuthUser;
let user: AuthUser;
beforeAll(async () => {
  t = await setupControlTest('custom-images');
  admin = await createUser({ email: `admin-${t.instance}@colo.test`, role: 'admin' });
  user = await t.user();
});
afterAll(async () => {
  await t?.teardown();
});

async function code(p: Promise<unknown>): Promise<string | undefined> {
  const err = await p.then(
    () => undefined,
    (e) => e,
  );
  return isColoError(err) ? err.code : String(err);
}

const manifest = (image: unknown, cls = 'custom-image') => ({
  apiVersion: 'colo/v1',
  kind: 'VDC',
  name: 'shop',
  appliances: [
    { name: 'db', class: 'postgres' },
    { name: 'blog', class: cls, properties: { image, port: 80 } },
  ],
  connections: [],
});

describe('the custom image allow-list', () => {
  it('is for admins only', async () => {
    expect(await code(listCustomImages(user))).toBe('forbidden');
    expect(await code(allowCustomImage(user, { image: 'wordpress:6.4' }))).toBe('forbidden');
    expect(await code(disallowCustomImage(user, 'wordpress:6.4'))).toBe('forbidden');
  });

  it('keeps references in canonical form, says who allowed them, and refuses what is not one', async () => {
    const made = await allowCustomImage(admin, { image: 'docker.io/library/wordpress:6.4', note: 'the blog' });
    expect(made).toMatchObject({ created: true, image: { reference: 'wordpress:6.4', note: 'the blog', allowedBy: admin.email } });
    expect((await allowCustomImage(admin, { image: 'wordpress:6.4' })).created).toBe(false);
    expect(await code(allowCustomImage(admin, { image: 'not an image' }))).toBe('bad_request');
    expect((await listCustomImages(admin)).images.map((i) => [i.reference, i.note])).toEqual([['wordpress:6.4', 'the blog']]);
    expect(await allowedImageReferences()).toEqual(new Set(['wordpress:6.4']));
  });

  it('customImageIssues: an allowed image passes, any other is named with its appliance', async () => {
    expect(await customImageIssues(manifest('wordpress:6.4'))).toEqual([]);
    expect(await customImageIssues(manifest('library/wordpress:6.4', 'custom-image@1'))).toEqual([]);
    expect(await customImageIssues(manifest('wordpress:6.5'))).toEqual([
      {
        path: 'appliances[1].properties.image',
        message: 'appliance "blog": image wordpress:6.5 is not allowed on this Colo; ask an admin to allow it (colo image allow wordpress:6.5) after loading it into the engine',
        severity: 'error',
      },
    ]);
    expect((await customImageIssues(manifest('Bad Image')))[0].message).toBe('appliance "blog": "Bad Image" is not an image reference');
    // Not its business: other classes, a missing image (a required property), values that are not manifests.
    expect(await customImageIssues(manifest('anything', 'web-php'))).toEqual([]);
    expect(await customImageIssues(manifest(undefined))).toEqual([]);
    expect(await customImageIssues('text')).toEqual([]);
  });

  it('a save or a validation refuses an image that is not allowed, before anything is stored', async () => {
    setCatalog(await loadCatalog());
    try {
      const refused = await validateForUser(user, manifest('wordpress:6.5'));
      expect(refused.errors.map((e) => `${e.path}: ${e.message}`)).toContain(
        'appliances[1].properties.image: appliance "blog": image wordpress:6.5 is not allowed on this Colo; ask an admin to allow it (colo image allow wordpress:6.5) after loading it into the engine',
      );
      const allowed = await validateForUser(user, manifest('wordpress:6.4'));
      expect(allowed.errors.filter((e) => e.path.includes('image'))).toEqual([]);
    } finally {
      useTestCatalog();
    }
  });

  it('disallowing takes it off the list; an image not on it is not_found', async () => {
    expect(await disallowCustomImage(admin, 'wordpress:6.4')).toEqual({ reference: 'wordpress:6.4' });
    expect(await code(disallowCustomImage(admin, 'wordpress:6.4'))).toBe('not_found');
    expect(await customImageIssues(manifest('wordpress:6.4'))).toHaveLength(1);
  });
});
