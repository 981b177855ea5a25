// A VDC deployed onto a 3-node test swarm by the swarm deployer (packages/engine/src/swarm/deploy):
// lb (halb, exposed) → web ×3 → db with an instance volume. Web spreads over the three nodes, db
// is pinned with its volume, the listener publishes on the manager, a second plan is empty; then
// scale, stop/start, the loss of a node running a web replica, and destroy (volume kept).
import { randomBytes } from 'node:crypto';
import {
  createDockerSwarmApi,
  deploySwarmVdc,
  desiredState,
  destroySwarmVdc,
  formatSwarmPlan,
  isEngineError,
  planSwarmVdc,
  type SwarmApi,
  type SwarmApplyEvent,
  startSwarmVdc,
  stopSwarmVdc,
} from '@colo/engine';
import type { ApplianceClass } from '@colo/manifest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliance, ECHO_IMAGE, svcClass } from '../../packages/engine/test/fixtures/test-classes';
import { startTestSwarm, type TestSwarm } from '../support/swarm';
import { answeringHosts, EDGE_IMAGE, ensureShopImages, execInTask, fetchText, HALB_IMAGE, imageIds, runningTasks, shopOnSwarm, shopSwarmSecrets, waitFor } from './deploy-helpers';

const PORT = 18080;
const instance = `test-swarm-deploy-${randomBytes(3).toString('hex')}`;
const vdc = { id: `vdc_${randomBytes(6).toString('hex')}`, name: 'shop', key: `shop-${randomBytes(3).toString('hex')}` };
const service = (appliance: string) => `colo-${vdc.key}-${appliance}`;
let swarm: TestSwarm;
let api: SwarmApi;
let halb: ApplianceClass;
let url: string;
/**
 * Tags → image ids. A task of a tag tries a pull first (the engine always does for a tag); one of
 * an id never does, so images loaded into the nodes run without any outside registry asked.
 */
let images: Record<string, string>;

const desired = (webReplicas = 3) =>
  desiredState({ vdc, revisionId: 'rev_1', manifest: shopOnSwarm(halb, { webReplicas, port: PORT }), secrets: shopSwarmSecrets, config: { instance } });

beforeAll(async () => {
  halb = await ensureShopImages();
  images = await imageIds([ECHO_IMAGE, HALB_IMAGE, EDGE_IMAGE]);
  // The harness lists nodes right after the joins; a node listed a moment late fails the start
  // (seen once under load): one more attempt (each failed one removes itself).
  swarm = await startTestSwarm({ nodes: 3, images: [ECHO_IMAGE, HALB_IMAGE, EDGE_IMAGE] }).catch((error: Error) => {
    console.log(`test swarm did not form (${error.message}); once more`);
    return startTestSwarm({ nodes: 3, images: [ECHO_IMAGE, HALB_IMAGE, EDGE_IMAGE] });
  });
  api = createDockerSwarmApi(swarm.manager.docker);
  url = `http://${swarm.manager.ip}:${PORT}/`;
});
afterAll(async () => {
  await swarm?.stop();
});

const nodeOf = (id: string) => swarm.nodes.find((n) => n.nodeId === id)!;

describe('a VDC on the swarm', () => {
  it('deploys: web spread over three nodes, db pinned with its volume, traffic through the listener reaches every web replica', async () => {
    const { plan } = await planSwarmVdc(api, desired(), { images });
    console.log(`plan:\n${formatSwarmPlan(plan)}`);
    expect(plan.summary).toEqual({ create: 8, update: 0, remove: 0 });
    const events: SwarmApplyEvent[] = [];
    const started = Date.now();
    await deploySwarmVdc(api, desired(), { images, onEvent: (e) => events.push(e) });
    console.log(`deployed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(events.some((e) => /web: 3\/3 running/.test(e.message))).toBe(true);
    expect(events.at(-1)?.percent).toBe(100);

    const web = await runningTasks(swarm.manager.docker, service('web'));
    expect(web.map((t) => t.state)).toEqual(['running', 'running', 'running']);
    expect(new Set(web.map((t) => t.node)).size).toBe(3);

    const [db] = await runningTasks(swarm.manager.docker, service('db'));
    const dbService = (await swarm.manager.docker.getService(service('db')).inspect()) as { Spec: { Labels: Record<string, string>; TaskTemplate: { Placement: { Constraints: string[] } } } };
    expect(dbService.Spec.TaskTemplate.Placement.Constraints).toEqual([`node.id==${db!.node}`]);
    expect(dbService.Spec.Labels['colo.node']).toBe(db!.node);
    for (const n of swarm.nodes) {
      const { Volumes } = await n.docker.listVolumes({ filters: { label: [`colo.vdc=${vdc.id}`] } });
      expect((Volumes ?? []).map((v) => v.Name)).toEqual(n.nodeId === db!.node ? [`colo-${vdc.key}-db-data`] : []);
    }
    // Swarm calls a task running only once its health check passed: the container says healthy.
    const [dbContainer] = await nodeOf(db!.node).docker.listContainers({ filters: { label: [`com.docker.swarm.service.name=${service('db')}`] } });
    expect(dbContainer?.Status).toMatch(/\(healthy\)/);

    // The hardening arrived: no capability, read-only root, tmpfs noexec,nosuid,nodev.
    const webNode = nodeOf(web[0]!.node);
    const status = await execInTask(webNode.docker, service('web'), ['cat', '/proc/1/status', '/proc/mounts']);
    expect(status).toMatch(/CapEff:\s+0000000000000000/);
    expect(status).toMatch(/ \/ overlay ro,/);
    expect(status).toMatch(/tmpfs \/tmp tmpfs rw,nosuid,nodev,noexec/);

    const hosts = await answeringHosts(url, 30);
    expect([...hosts].sort()).toEqual(['web-1', 'web-2', 'web-3']);
  });

  it('re-applies as a no-op: a second plan is empty', async () => {
    const { plan } = await planSwarmVdc(api, desired(), { images });
    expect(plan.steps).toEqual([]);
  });

  it('scales web to 5 and back to 3', async () => {
    const { plan } = await planSwarmVdc(api, desired(5), { images });
    expect(plan.steps.map((s) => [s.name, s.action, s.reason])).toEqual([[service('web'), 'update', 'replicas: 3 → 5']]);
    await deploySwarmVdc(api, desired(5), { images });
    expect(await runningTasks(swarm.manager.docker, service('web'))).toHaveLength(5);
    const five = await waitFor('five web replicas answering', 30_000, async () => {
      const hosts = await answeringHosts(url, 20);
      return hosts.size === 5 ? hosts : undefined;
    });
    expect([...five].sort()).toEqual(['web-1', 'web-2', 'web-3', 'web-4', 'web-5']);
    await deploySwarmVdc(api, desired(3), { images });
    expect(await runningTasks(swarm.manager.docker, service('web'))).toHaveLength(3);
    expect((await planSwarmVdc(api, desired(3), { images })).plan.steps).toEqual([]);
  });

  it('stops (every service at 0, specs kept) and starts again', async () => {
    await stopSwarmVdc(api, { instance, vdcId: vdc.id });
    for (const a of ['lb', 'web', 'db']) expect(await runningTasks(swarm.manager.docker, service(a))).toEqual([]);
    expect(await fetchText(url, 2000)).toBeUndefined();
    const { plan } = await planSwarmVdc(api, desired(), { images });
    expect(plan.steps.every((s) => s.action === 'update' && s.reason === 'stopped: start')).toBe(true);
    await startSwarmVdc(api, { instance, vdcId: vdc.id });
    expect((await planSwarmVdc(api, desired(), { images })).plan.steps).toEqual([]);
    const hosts = await waitFor('all web replicas answering after start', 30_000, async () => {
      const seen = await answeringHosts(url, 20);
      return seen.size === 3 ? seen : undefined;
    });
    expect([...hosts].sort()).toEqual(['web-1', 'web-2', 'web-3']);
  });

  it('loses a node running a web replica: Swarm runs the replica elsewhere within 30 s, the entry keeps answering', async () => {
    const [db] = await runningTasks(swarm.manager.docker, service('db'));
    const lbNodes = new Set((await runningTasks(swarm.manager.docker, service('lb'))).map((t) => t.node));
    const candidates = swarm.nodes.filter((n) => n !== swarm.manager && n.nodeId !== db!.node);
    // Not the manager (it holds the listener and the swarm's control), not db's; lb's only if it must.
    const victim = candidates.find((n) => !lbNodes.has(n.nodeId)) ?? candidates[0]!;
    console.log(`killing ${victim.hostname}${lbNodes.has(victim.nodeId) ? ' (it runs lb too)' : ''}`);
    let failed = 0;
    let sent = 0;
    let load = true;
    const loop = (async () => {
      while (load) {
        sent++;
        if ((await fetchText(url, 5000)) === undefined) failed++;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await new Promise((r) => setTimeout(r, 2000));
    const killedAt = Date.now();
    await swarm.kill(victim);
    const rescheduledMs = await waitFor('the lost web replica running on another node', 60_000, async () => {
      const web = await runningTasks(swarm.manager.docker, service('web'));
      const elsewhere = web.filter((t) => t.node !== victim.nodeId && t.state === 'running');
      return elsewhere.length === 3 ? Date.now() - killedAt : undefined;
    });
    const failedInWindow = failed;
    const sentInWindow = sent;
    // After the reschedule window: every request answers.
    await new Promise((r) => setTimeout(r, 5000));
    const failedAfter = failed - failedInWindow;
    load = false;
    await loop;
    console.log(
      `node loss: web replica running elsewhere after ${(rescheduledMs / 1000).toFixed(1)} s; ${failedInWindow} of ${sentInWindow} requests failed until then, ${failedAfter} of ${sent - sentInWindow} after`,
    );
    expect(rescheduledMs).toBeLessThan(30_000);
    expect(failedAfter).toBe(0);
    const hosts = await answeringHosts(url, 30);
    expect([...hosts].sort()).toEqual(['web-1', 'web-2', 'web-3']);
  });

  // Why the deployer leaves Placement.MaxReplicas unset: with a node lost, one per node leaves a
  // replica pending instead of running it beside another (Swarm's spread already keeps them apart
  // while nodes are enough, as the first test shows).
  it('measures: MaxReplicas 1 on two live nodes leaves the third replica pending', async () => {
    const docker = swarm.manager.docker;
    const name = `probe-max-${randomBytes(3).toString('hex')}`;
    await docker.createService({
      Name: name,
      Labels: { 'colo.test-probe': 'true' },
      TaskTemplate: { ContainerSpec: { Image: images[ECHO_IMAGE] }, Placement: { MaxReplicas: 1 } },
      Mode: { Replicated: { Replicas: 3 } },
      EndpointSpec: { Mode: 'dnsrr' },
    } as never);
    try {
      const tasks = await waitFor('two replicas running', 60_000, async () => {
        const t = await runningTasks(docker, name);
        return t.filter((x) => x.state === 'running').length === 2 ? t : undefined;
      });
      await new Promise((r) => setTimeout(r, 3000));
      const after = await runningTasks(docker, name);
      console.log(`MaxReplicas 1, 3 replicas, 2 live nodes: ${after.map((t) => t.state).join(', ')}`);
      expect(tasks.length).toBe(3);
      expect(after.filter((t) => t.state === 'pending')).toHaveLength(1);
    } finally {
      await docker.getService(name).remove();
    }
  });

  it('destroys services and networks, and leaves the volume', async () => {
    const [db] = await runningTasks(swarm.manager.docker, service('db'));
    await destroySwarmVdc(api, { instance, vdcId: vdc.id });
    expect(await swarm.manager.docker.listServices({ filters: { label: [`colo.vdc=${vdc.id}`] } })).toEqual([]);
    expect(await swarm.manager.docker.listNetworks({ filters: { label: [`colo.vdc=${vdc.id}`] } })).toEqual([]);
    // No container of the VDC is left on a node still up.
    for (const n of swarm.nodes.filter((x) => x.nodeId === db!.node || x === swarm.manager)) {
      const left = await waitFor(`${n.hostname} without the VDC's containers`, 30_000, async () => {
        const found = await n.docker.listContainers({ all: true, filters: { label: [`colo.vdc=${vdc.id}`] } });
        return found.length === 0 ? found : undefined;
      });
      expect(left).toEqual([]);
    }
    const { Volumes } = await nodeOf(db!.node).docker.listVolumes({ filters: { label: [`colo.vdc=${vdc.id}`] } });
    expect((Volumes ?? []).map((v) => v.Name)).toEqual([`colo-${vdc.key}-db-data`]);
  });
});

describe('a deploy that cannot run', () => {
  it('fails fast when nodes lack an image, naming it, and destroy cleans up', async () => {
    const broken = { id: `vdc_${randomBytes(6).toString('hex')}`, name: 'broken', key: `broken-${randomBytes(3).toString('hex')}` };
    const absent = `sha256:${'0'.repeat(64)}`;
    const manifest = { name: 'broken', appliances: [appliance('svc', { ...svcClass, image: 'colo-test/absent:1' })], connections: [] };
    const d = desiredState({ vdc: broken, revisionId: 'rev_1', manifest, secrets: {}, config: { instance } });
    const started = Date.now();
    const error = await deploySwarmVdc(api, d, { images: { 'colo-test/absent:1': absent } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    console.log(`missing image: failed after ${((Date.now() - started) / 1000).toFixed(1)} s: ${(error as Error)?.message}`);
    expect(isEngineError(error, 'step_failed')).toBe(true);
    expect((error as Error).message).toMatch(/service colo-broken-\w+-svc: .*No such image/i);
    expect(isEngineError((error as Error).cause, 'image_missing')).toBe(true);
    expect(Date.now() - started).toBeLessThan(60_000);
    await destroySwarmVdc(api, { instance, vdcId: broken.id });
    expect(await swarm.manager.docker.listServices({ filters: { label: [`colo.vdc=${broken.id}`] } })).toEqual([]);
  });
});
