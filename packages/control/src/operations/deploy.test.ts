// A real deploy through control against the real Docker engine: steps and progress recorded,
// secrets generated once and kept sealed, idempotent re-deploy, status, destroy and delete.
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { getRuntime } from '../docker/engine-access';
import { planManifest, planVdc } from '../docker/plan-vdc';
import { vdcStatus } from '../docker/vdc-status';
import { isColoError } from '../errors';
import { openSecrets } from '../secrets';
import { type ControlTest, ensureSleeperImage, manifestOf, setupControlTest } from '../testing';
import { deleteVdc } from '../vdcs/delete-vdc';
import { getVdc, listVdcs } from '../vdcs/read-vdcs';
import { createVdc } from '../vdcs/save-vdc';
import { getOperation, listOperations } from './read-operations';
import { requestOperation } from './request-operation';
import { runOperation } from './run-operation';

let t: ControlTest;
let user: AuthUser;
beforeAll(async () => {
  t = await setupControlTest('deploy');
  user = await t.user();
  await ensureSleeperImage();
});
afterAll(async () => {
  await t?.teardown();
});

async function run(kind: 'deploy' | 'stop' | 'start' | 'destroy', params: Record<string, unknown> = {}) {
  const op = await requestOperation(user, 'duo', kind, params as never);
  expect(await runOperation(op.id, { attempt: 1, maxAttempts: 1 })).toBe('succeeded');
  return getOperation(user, op.id);
}

const containers = () => getRuntime().listContainers([`colo.instance=${t.instance}`]);

describe('deploy through control', () => {
  it('deploys, keeps secrets sealed, re-deploys as a no-op, and destroys', async () => {
    await createVdc(
      user,
      manifestOf('duo', [
        { name: 'db', class: 'sleeper' },
        { name: 'app', class: 'sleeper', replicas: 2 },
      ], { connections: [{ from: 'app.peer', to: 'db.in' }] }),
    );

    const first = await run('deploy');
    expect(first.operation.status).toBe('succeeded');
    expect(first.operation.progress).toBe(100);
    expect(first.operation.steps.length).toBeGreaterThanOrEqual(4); // network + 3 containers
    expect(first.operation.steps.every((s) => s.status === 'done')).toBe(true);
    const made = await containers();
    expect(made.map((c) => c.name).sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^colo-duo-[a-z0-9]{6}-app-1$/), expect.stringMatching(/-app-2$/), expect.stringMatching(/-db-1$/)]),
    );
    expect(made.every((c) => c.state === 'running')).toBe(true);

    const vdc = await getPrisma().vdc.findFirstOrThrow({ where: { name: 'duo', ownerId: user.id } });
    expect(vdc.state).toBe('running');
    expect(vdc.deployedRevisionId).toBeTruthy();
    const secrets = openSecrets(vdc.id, vdc.secrets);
    const password = secrets.db.password;
    expect(password).toMatch(/^[a-z0-9]{32}$/);
    // At rest the row holds only ciphertext.
    expect(vdc.secrets).not.toContain(password);
    // The wire handed the client the server's generated credential.
    const app = made.find((c) => c.name.endsWith('-app-1'))!;
    const env = ((await getRuntime().exec(app.id, ['printenv', 'PEER_PASSWORD'])).output ?? '').trim();
    expect(env).toBe(password);
    // Nothing the API answers carries it.
    const answers = [await getVdc(user, 'duo'), await listVdcs(user), await listOperations(user, 'duo'), first, await vdcStatus(user, 'duo')];
    expect(JSON.stringify(answers)).not.toContain(password);

    const again = await run('deploy');
    expect(again.operation.steps).toEqual([]);
    expect(again.logs.map((l) => l.message).join('\n')).toMatch(/nothing to change/);
    expect((await containers()).map((c) => c.id).sort()).toEqual(made.map((c) => c.id).sort());
    expect((await planVdc(user, 'duo')).plan.steps).toEqual([]);
    // Placement is a swarm's: a single host's plan of a manifest with some notes it, changes nothing.
    const placed = manifestOf('duo', [
      { name: 'db', class: 'sleeper', placement: { group: 'pair' } },
      { name: 'app', class: 'sleeper', replicas: 2, placement: { group: 'pair', node: 'label:tier=app' } },
    ], { connections: [{ from: 'app.peer', to: 'db.in' }] });
    const preview = await planManifest(user, placed);
    expect(preview.plan.steps).toEqual([]);
    expect(preview.text).toContain('note: db: failover group "pair" applies on a swarm only');
    expect(preview.text).toContain('note: app: node "label:tier=app" applies on a swarm only');
    const sealedAfter = (await getPrisma().vdc.findUniqueOrThrow({ where: { id: vdc.id } })).secrets;
    expect(openSecrets(vdc.id, sealedAfter).db.password).toBe(password);

    const status = await vdcStatus(user, 'duo');
    expect(status.appliances.find((a) => a.name === 'app')).toMatchObject({ replicas: { desired: 2, running: 2 }, state: 'running' });

    await run('stop');
    expect((await vdcStatus(user, 'duo')).appliances.every((a) => a.state === 'stopped')).toBe(true);
    await run('start');

    const refused = await deleteVdc(user, 'duo').catch((e) => e);
    expect(isColoError(refused) && refused.code).toBe('not_destroyed');

    const destroyed = await run('destroy', { purge: true });
    expect(destroyed.operation.status).toBe('succeeded');
    expect(await containers()).toEqual([]);
    expect((await getPrisma().vdc.findUniqueOrThrow({ where: { id: vdc.id } })).state).toBe('destroyed');
    await deleteVdc(user, 'duo');
    expect(await getPrisma().vdc.count({ where: { id: vdc.id } })).toBe(0);
  });
});
