// The custom-image class deployed for real: an allowed image runs hardened like every class
// (uid 65534, read-only root); once disallowed, a deploy is refused naming appliance and image,
// before any container is touched.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { classSchema } from '@colo/manifest';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { createUser } from '../auth/users';
import { openClassPrototype } from '../classes/class-patch';
import { getRuntime } from '../docker/engine-access';
import { getOperation } from '../operations/read-operations';
import { requestOperation } from '../operations/request-operation';
import { runOperation } from '../operations/run-operation';
import { type ControlTest, ensureSleeperImage, failure, manifestOf, SLEEPER_IMAGE, setupControlTest, sleeperClass, useTestCatalog } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { allowCustomImage, disallowCustomImage } from './custom-image-list';

const CLASS_FILE = path.join(import.meta.dirname, '../../../../templates/appliances/custom-image/class.yaml');

let t: ControlTest;
let admin: AuthUser;
let user: AuthUser;
beforeAll(async () => {
  t = await setupControlTest('custom-image-deploy', { workerCalls: true });
  useTestCatalog([sleeperClass, classSchema.parse(parse(readFileSync(CLASS_FILE, 'utf8')))]);
  admin = await createUser({ email: `admin-${t.instance}@colo.test`, role: 'admin' });
  user = await t.user();
  await ensureSleeperImage();
});
afterAll(async () => {
  await t?.teardown();
});

async function deploy() {
  const op = await requestOperation(user, 'own', 'deploy', {} as never);
  // A refused run is recorded on the operation and rethrown (for the queue): the record is what counts.
  const outcome = await runOperation(op.id, { attempt: 1, maxAttempts: 1 }).catch(() => 'threw');
  return { outcome, operation: (await getOperation(user, op.id)).operation };
}

describe('a custom-image appliance', () => {
  it('runs an allowed image as uid 65534 with a read-only root, and is refused at deploy once disallowed', async () => {
    await allowCustomImage(admin, { image: SLEEPER_IMAGE });
    await createVdc(user, manifestOf('own', [{ name: 'app', class: 'custom-image', properties: { image: SLEEPER_IMAGE, port: 8080 } }]));
    const first = await deploy();
    expect(first.outcome, JSON.stringify(first.operation.error)).toBe('succeeded');
    const [app] = await getRuntime().listContainers([`colo.instance=${t.instance}`, 'colo.appliance=app']);
    expect(app.state).toBe('running');
    expect((await getRuntime().exec(app.id, ['id', '-u'])).output?.trim()).toBe('65534');
    const write = await getRuntime().exec(app.id, ['sh', '-c', 'touch /usr/colo-was-here']);
    expect(write.exitCode).not.toBe(0);
    expect((await getRuntime().exec(app.id, ['sh', '-c', 'touch /tmp/ok'])).exitCode).toBe(0);

    // Disallowed: a deploy is refused when asked for, naming appliance and image…
    await disallowCustomImage(admin, SLEEPER_IMAGE);
    const refused = await failure(requestOperation(user, 'own', 'deploy', {} as never));
    expect(refused.code).toBe('invalid_manifest');
    expect(refused.message).toContain(`appliance "app": image ${SLEEPER_IMAGE} is not allowed on this Colo`);
    // …and one asked for while it was allowed fails when it runs, before any container changes.
    await allowCustomImage(admin, { image: SLEEPER_IMAGE });
    const op = await requestOperation(user, 'own', 'deploy', {} as never);
    await disallowCustomImage(admin, SLEEPER_IMAGE);
    await runOperation(op.id, { attempt: 1, maxAttempts: 1 }).catch(() => 'threw');
    const second = { operation: (await getOperation(user, op.id)).operation };
    expect(second.operation.status).toBe('failed');
    expect(JSON.stringify(second.operation.error)).toContain(`appliance \\"app\\": image ${SLEEPER_IMAGE} is not allowed on this Colo`);
    // Refused before anything changed: the running container is the same one.
    const [still] = await getRuntime().listContainers([`colo.instance=${t.instance}`, 'colo.appliance=app']);
    expect(still.id).toBe(app.id);
  });

  it('has no prototype to patch: the image is the appliance\'s', async () => {
    const err = await failure(openClassPrototype(admin, 'custom-image', {}));
    expect(err.code).toBe('bad_request');
    expect(err.message).toMatch(/runs the image each appliance names: it has no image of its own to patch/);
  });
});
