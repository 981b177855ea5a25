// The overview on the real engine and database: every VDC of the caller's teams (and no other
// team's) with its health read from one Docker list, its firing alerts, and each team's quota.
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { getRuntime } from '../docker/engine-access';
import { newId } from '../ids';
import { requestOperation } from '../operations/request-operation';
import { runOperation } from '../operations/run-operation';
import { createTeam } from '../teams/manage-teams';
import { type ControlTest, ensureSleeperImage, manifestOf, setupControlTest } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { overviewFor } from './overview';
import { healthWord } from './vdc-health';

let t: ControlTest;
let ann: AuthUser;
let bob: AuthUser;

beforeAll(async () => {
  t = await setupControlTest('overview');
  await ensureSleeperImage();
  ann = await t.user();
  bob = await t.user();
  await createTeam(ann, { slug: `ops-${t.instance.slice(-6)}`, name: 'Ops' });
  await createVdc(ann, manifestOf('shop', [{ name: 'web', class: 'sleeper', replicas: 2 }]));
  await createVdc(ann, manifestOf('draft'), { team: `ops-${t.instance.slice(-6)}` });
  await createVdc(bob, manifestOf('bobs'));
  const op = await requestOperation(ann, 'shop', 'deploy', {} as never);
  await runOperation(op.id, { attempt: 1, maxAttempts: 1 });
}, 180_000);
afterAll(async () => {
  await t?.teardown();
});

describe('the overview', () => {
  it("shows the VDCs of the caller's teams with health from Docker, and nobody else's", async () => {
    const o = await overviewFor(ann);
    expect(o.vdcs.map((v) => v.name).sort()).toEqual(['draft', 'shop']);
    const shop = o.vdcs.find((v) => v.name === 'shop')!;
    expect(shop.state).toBe('running');
    expect(shop.health).toMatchObject({ containers: 2, running: 2, healthy: 2, unhealthy: 0, word: 'healthy' });
    expect(o.vdcs.find((v) => v.name === 'draft')!.health).toMatchObject({ containers: 0, word: 'none' });
    expect(o.totals).toMatchObject({ vdcs: 2, running: 1, unhealthy: 0 });
    expect(o.dockerReachable).toBe(true);
    expect(o.teams.map((x) => x.personal).sort()).toEqual([false, true]);
    expect(o.teams.find((x) => x.personal)!.quota.usage.containers).toBe(2);
    expect((await overviewFor(bob)).vdcs.map((v) => v.name)).toEqual(['bobs']);
  });

  it('counts a stopped replica as degraded and a firing alert on its VDC', async () => {
    const [one] = await getRuntime().listContainers([`colo.instance=${t.instance}`, 'colo.appliance=web', 'colo.replica=1']);
    await getRuntime().stopContainer(one.id);
    const vdc = await getPrisma().vdc.findFirstOrThrow({ where: { name: 'shop', ownerId: ann.id } });
    await getPrisma().alert.create({
      data: { id: newId('aud'), vdcId: vdc.id, vdcName: 'shop', kind: 'unhealthy', ruleKey: 'default:unhealthy', subject: 'web', appliance: 'web', state: 'firing', message: 'web is unhealthy', firstSeen: new Date(), firedAt: new Date() },
    });
    const o = await overviewFor(ann);
    const shop = o.vdcs.find((v) => v.name === 'shop')!;
    expect(shop.health).toMatchObject({ containers: 2, running: 1, word: 'degraded' });
    expect(shop.firingAlerts).toBe(1);
    expect(o.totals).toMatchObject({ unhealthy: 1, firingAlerts: 1 });
    expect(o.alerts[0]).toMatchObject({ vdc: 'shop', state: 'firing' });
    expect((await overviewFor(bob)).alerts).toEqual([]);
  });

  it('words health from the counts', () => {
    expect(healthWord({ containers: 0, running: 0, healthy: 0, unhealthy: 0 }, 0)).toBe('none');
    expect(healthWord({ containers: 2, running: 0, healthy: 0, unhealthy: 0 }, 0)).toBe('stopped');
    expect(healthWord({ containers: 2, running: 2, healthy: 0, unhealthy: 2 }, 0)).toBe('unhealthy');
    expect(healthWord({ containers: 2, running: 2, healthy: 1, unhealthy: 1 }, 0)).toBe('degraded');
    expect(healthWord({ containers: 2, running: 2, healthy: 1, unhealthy: 0 }, 1)).toBe('starting');
  });
});
