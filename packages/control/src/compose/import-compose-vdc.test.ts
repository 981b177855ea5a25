// importComposeVdc against a real database and the stock catalog: refusals save nothing, and an
// import is held to the same quota as any manifest (it goes through createVdc).
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { createUser } from '../auth/users';
import { allowCustomImage, disallowCustomImage } from '../custom-images/custom-image-list';
import { reloadCatalog } from '../catalog';
import { setUserQuota } from '../quotas/user-quota';
import { type ControlTest, failure, setupControlTest } from '../testing';
import { importComposeVdc } from './import-compose-vdc';

let t: ControlTest;
let admin: AuthUser;
let user: AuthUser;
beforeAll(async () => {
  t = await setupControlTest('compose-import');
  reloadCatalog(); // the stock classes from templates/
  admin = await createUser({ email: `admin-${t.instance}@colo.test`, role: 'admin' });
  user = await t.user();
});
afterAll(async () => {
  await t?.teardown();
});

const WEB = 'services:\n  web:\n    image: php:8.2-apache\n    deploy: { replicas: 3 }\n    depends_on: [db]\n  db:\n    image: postgres\n';
const count = (name: string) => getPrisma().vdc.count({ where: { ownerId: user.id, name } });

describe('importComposeVdc', () => {
  it('creates the VDC with its report, and a dry run creates nothing', async () => {
    const dry = await importComposeVdc(user, { name: 'dry', compose: WEB, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, errors: [], manifest: { name: 'dry', connections: [{ from: 'web.db', to: 'db.in' }] } });
    expect(await count('dry')).toBe(0);

    const made = await importComposeVdc(user, { name: 'made', compose: WEB });
    expect(made).toMatchObject({ dryRun: false, vdc: { name: 'made' }, revision: { number: 1 } });
    expect(made.report).toContainEqual(expect.objectContaining({ service: 'web', key: 'deploy.replicas', severity: 'mapped' }));
    expect(await count('made')).toBe(1);
  });

  it('refuses an unsafe file as bad_request with every reason, saving nothing', async () => {
    const err = await failure(importComposeVdc(user, { name: 'unsafe', compose: `${WEB}    cap_add: [SYS_ADMIN]\n    pid: host\n` }));
    expect(err.code).toBe('bad_request');
    expect(err.issues?.map((i) => i.path)).toEqual(['services.db.pid', 'services.db.cap_add']);
    expect(await count('unsafe')).toBe(0);
  });

  it('holds an import to the owner quota, as any manifest', async () => {
    await setUserQuota(admin, user.email, { containers: 5 });
    const dry = await importComposeVdc(user, { name: 'big', compose: WEB, dryRun: true });
    expect(dry.dryRun && dry.errors.length).toBeGreaterThan(0);
    const err = await failure(importComposeVdc(user, { name: 'big', compose: WEB }));
    expect(err.code).toBe('invalid_manifest');
    expect(err.message).toMatch(/quota/i);
    expect(await count('big')).toBe(0);
  });

  it('runs an image no class stands in for as custom-image once an admin allows it, and refuses it after', async () => {
    const BLOG = 'services:\n  blog:\n    image: docker.io/acme/blog:2\n    ports: ["18600:8080"]\n    depends_on: [db]\n  db:\n    image: postgres\n';
    const before = await failure(importComposeVdc(user, { name: 'blog', compose: BLOG, dryRun: true }));
    expect(before.code).toBe('bad_request');
    expect(before.message).toContain('ask an admin to allow image docker.io/acme/blog:2 (colo image allow docker.io/acme/blog:2)');

    await allowCustomImage(admin, { image: 'acme/blog:2' });
    const dry = await importComposeVdc(user, { name: 'blog', compose: BLOG, dryRun: true });
    expect(dry).toMatchObject({
      dryRun: true,
      manifest: {
        appliances: [{ name: 'blog', class: 'custom-image', properties: { image: 'acme/blog:2', port: 8080 }, expose: [{ terminal: 'in', port: 18600 }] }, { name: 'db' }],
        connections: [{ from: 'blog.db', to: 'db.in' }],
      },
    });
    await disallowCustomImage(admin, 'acme/blog:2');
    expect((await failure(importComposeVdc(user, { name: 'blog', compose: BLOG, dryRun: true }))).code).toBe('bad_request');
  });
});
