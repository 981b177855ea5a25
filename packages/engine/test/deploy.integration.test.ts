// One VDC's life against the real Docker engine: deploy, wiring, isolation, idempotence,
// scaling, a property change, status, stop/start, destroy. The tests run in order.
import { createServer, type Server } from 'node:net';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyEvent } from '../src/apply/apply-plan';
import { desiredState } from '../src/desired/desired-state';
import { retargetListener } from '../src/edge/reconfigure-listener';
import { repairListeners } from '../src/edge/repair-listeners';
import type { DesiredState } from '../src/desired/types';
import { destroyVdc } from '../src/lifecycle/destroy-vdc';
import { startVdc } from '../src/lifecycle/start-vdc';
import { stopVdc } from '../src/lifecycle/stop-vdc';
import { vdcStatus } from '../src/lifecycle/vdc-status';
import { formatPlan } from '../src/plan/format-plan';
import { createDockerRuntime } from '../src/runtime/docker-runtime';
import {
  cleanupInstance,
  containerIds,
  countingRuntime,
  deploy,
  freePort,
  newVdc,
  replan,
  shell,
  testInstance,
  wgetFrom,
} from './docker-harness';
import { appliance, type ShopOptions, shopManifest, shopSecrets, svcClass, webClass, wire } from './fixtures/test-classes';

const instance = testInstance();
const runtime = createDockerRuntime();
const vdc = newVdc('shop');
const other = newVdc('other');
let lbPort = 0;
const name = (n: string) => `colo-${vdc.key}-${n}`;
const listenerOf = (port: number) => `colo-edge-${instance}-${port}`;
let listener = '';

function shop(options: ShopOptions = {}, revisionId = 'rev_1'): DesiredState {
  return desiredState({ vdc, revisionId, manifest: shopManifest({ lbPort, ...options }), secrets: shopSecrets, config: { instance } });
}

/** A TCP connection to a host port, opened now; `request` writes and resolves with all it reads. */
async function openConnection(port: number): Promise<{ request: (text: string) => Promise<string> }> {
  const { connect } = await import('node:net');
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let data = '';
  socket.on('data', (b) => (data += b.toString()));
  const ended = new Promise<string>((resolve) => socket.once('close', () => resolve(data)));
  return { request: (text) => (socket.write(text), ended) };
}

/** Waits until the published port answers with `text` (a restarted listener takes a moment). */
async function waitForText(port: number, text: string, timeoutMs = 30_000, everyMs = 250): Promise<void> {
  let last = '';
  for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
    last = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text()).catch((e: Error) => e.message);
    if (last === text) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`127.0.0.1:${port} answered ${JSON.stringify(last)}, not ${JSON.stringify(text)}`);
}

async function ipOf(container: string): Promise<string> {
  const details = await runtime.inspectContainer(container);
  const ip = Object.values(details?.addresses ?? {}).find(Boolean);
  if (!ip) throw new Error(`${container} has no address`);
  return ip;
}

/** Every gateway address Docker assigned to the networks of this test instance. */
async function gatewaysOf(): Promise<string[]> {
  const docker = new Dockerode();
  const networks = await docker.listNetworks({ filters: { label: [`colo.instance=${instance}`] } });
  return networks.flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Gateway).filter((g): g is string => Boolean(g)));
}

/** A TCP listener on every host address: what a container must not reach through a gateway. */
let hostServer: Server | undefined;
let hostPort = 0;

beforeAll(async () => {
  lbPort = await freePort();
  listener = listenerOf(lbPort);
  hostPort = await freePort();
  hostServer = createServer((socket) => socket.end('host\n'));
  await new Promise<void>((resolve) => hostServer?.listen(hostPort, '0.0.0.0', resolve));
});

afterAll(async () => {
  hostServer?.close();
  await cleanupInstance(instance, runtime);
});

describe.sequential('a VDC deployed on the real engine', () => {
  let ids: Record<string, string> = {};

  it('deploys lb → web(3) → db with content and stats; every container becomes healthy, servers first', async () => {
    const events: ApplyEvent[] = [];
    const { plan } = await deploy(runtime, shop(), { onEvent: (e) => events.push(e) });
    expect(plan.summary).toEqual({ create: 15, recreate: 0, remove: 0, start: 0, reconfigure: 0 });

    const done = (id: string) => events.findIndex((e) => e.stepId === id && e.status === 'done');
    const began = (id: string) => events.findIndex((e) => e.stepId === id && e.status === 'running');
    expect(events.filter((e) => e.status === 'done')).toHaveLength(15);
    expect(done(`container:${name('db-1')}`)).toBeLessThan(began(`container:${name('web-1')}`));
    expect(done(`container:${name('web-3')}`)).toBeLessThan(began(`container:${name('lb-1')}`));
    expect(done(`container:${name('lb-1')}`)).toBeLessThan(done(`listener:${listener}`));
    expect(events.at(-1)?.percent).toBe(100);

    const status = await vdcStatus(runtime, vdc.id, { instance });
    const containers = status.appliances.flatMap((a) => a.containers);
    expect(containers).toHaveLength(7);
    for (const c of containers) expect([c.name, c.state, c.health]).toEqual([c.name, 'running', 'healthy']);

    const networks = await runtime.listNetworks([`colo.vdc=${vdc.id}`]);
    expect(Object.fromEntries(networks.map((n) => [n.name, n.internal]))).toEqual({
      [name('wire-lb-out')]: true,
      [name('wire-lb-stats')]: true,
      [name('wire-web-db')]: true,
      [name('ingress-lb-in')]: true,
      [`${listener}-net`]: false, // the listener's own bridge
    });
    const content = await runtime.inspectContainer(name('content-1'));
    expect(content?.networks).toEqual([]);
    // No appliance publishes a port or sits on a network that is not internal.
    for (const c of containers) {
      const details = await runtime.inspectContainer(c.id);
      expect(details?.ports, c.name).toEqual([]);
      expect(details?.networks.every((n) => n.startsWith(`colo-${vdc.key}-`)), c.name).toBe(true);
    }
    ids = await containerIds(runtime, shop());
  });

  it('answers on the exposed port on 127.0.0.1, through the edge listener', async () => {
    const res = await fetch(`http://127.0.0.1:${lbPort}/`);
    expect(await res.text()).toBe('lb-1 hello\n');
    const details = await runtime.inspectContainer(listener);
    expect(details?.ports).toEqual([{ containerPort: 10080, hostIp: '127.0.0.1', hostPort: lbPort }]);
    expect(details?.networks.sort()).toEqual([`${listener}-net`, name('ingress-lb-in')]);
  });

  it('hands clients their servers by output name, with env and a read-only fs mount', async () => {
    expect(await wgetFrom(runtime, name('lb-1'), 'http://out/')).toMatch(/^web-[123] hello\n$/);
    expect(await wgetFrom(runtime, name('lb-1'), 'http://stats/')).toBe('stats-1 hello\n');
    expect(await wgetFrom(runtime, name('web-2'), 'http://db:5432/')).toBe('db-1 db here\n');
    const env = await shell(runtime, name('web-2'), 'echo "$DB_HOST:$DB_PORT:$DB_USER:$DB_NAME:$COLO_REPLICA"');
    expect(env.output.trim()).toBe('db:5432:app:shop:2');
    const fs = await shell(runtime, name('web-1'), 'cat "$FS_MOUNT/owner.txt" && touch "$FS_MOUNT/x"');
    expect(fs.output).toContain('content-1');
    expect(fs.exitCode).not.toBe(0); // mounted read-only
  });

  it('keeps a replica away from what it is not wired to, and from another VDC', async () => {
    // a and c are both clients of b: each reaches b, never the other.
    const otherDesired = desiredState({
      vdc: other,
      revisionId: 'rev_1',
      manifest: {
        name: 'other',
        appliances: [appliance('a', svcClass), appliance('b', svcClass), appliance('c', svcClass)],
        connections: [wire('a.out', 'b.in'), wire('c.out', 'b.in')],
      },
      secrets: {},
      config: { instance },
    });
    await deploy(runtime, otherDesired);
    const [statsIp, otherBIp, dbIp, otherCIp] = await Promise.all([
      ipOf(name('stats-1')),
      ipOf(`colo-${other.key}-b-1`),
      ipOf(name('db-1')),
      ipOf(`colo-${other.key}-c-1`),
    ]);
    const otherA = `colo-${other.key}-a-1`;
    const gateways = await gatewaysOf();
    expect(gateways.length).toBeGreaterThan(0);

    // What is wired answers (so the refusals below are not a broken probe)…
    expect(await wgetFrom(runtime, name('lb-1'), `http://${statsIp}/`)).toBe('stats-1 hello\n');
    expect(await wgetFrom(runtime, otherA, 'http://out/')).toBe('b-1 hello\n');
    expect(await wgetFrom(runtime, `colo-${other.key}-c-1`, 'http://out/')).toBe('b-1 hello\n');
    // …and nothing else does, by address or by name. Probes that time out run together.
    const refused = await Promise.all([
      wgetFrom(runtime, name('web-1'), `http://${statsIp}/`),
      wgetFrom(runtime, name('web-1'), 'http://stats/'),
      runtime.exec(name('web-1'), ['timeout', '3', 'busybox', 'nslookup', name('stats-1')]).then((r) => (r.exitCode === 0 ? r.output : undefined)),
      wgetFrom(runtime, name('web-1'), `http://${otherBIp}/`),
      wgetFrom(runtime, name('lb-1'), `http://${otherBIp}/`),
      wgetFrom(runtime, otherA, `http://${dbIp}:5432/`),
      wgetFrom(runtime, otherA, `http://${otherCIp}/`),
    ]);
    expect(refused).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    // The host is not reachable through any gateway address of any network: internal networks
    // have no route out and their bridges hold no host address.
    const fromInside = [name('web-1'), name('lb-1'), name('db-1'), otherA];
    const throughGateways = await Promise.all(
      fromInside.flatMap((c) => gateways.map((g) => wgetFrom(runtime, c, `http://${g}:${hostPort}/`).then((r) => (r === undefined ? 'refused' : `${c}→${g}`)))),
    );
    expect(throughGateways.filter((r) => r !== 'refused')).toEqual([]);
  });

  it('plans nothing after a deploy, and re-applying makes no mutating call', async () => {
    const counting = countingRuntime(runtime);
    const { plan, result } = await deploy(counting.runtime, shop({}, 'rev_2'));
    expect(formatPlan(plan)).toMatch(new RegExp(`\\nNo changes: VDC shop \\(colo-${vdc.key}\\) is up to date\\.$`));
    expect(result.steps).toEqual([]);
    expect(counting.mutations()).toBe(0);
    expect(await containerIds(runtime, shop())).toEqual(ids);
  });

  it('scales web 3 → 5 with exactly two new containers; the others keep running untouched', async () => {
    const counting = countingRuntime(runtime);
    const { plan } = await deploy(counting.runtime, shop({ webReplicas: 5 }));
    expect(plan.steps.map((s) => `${s.action} ${s.name}`)).toEqual([`create ${name('web-4')}`, `create ${name('web-5')}`]);
    expect(counting.counts.createContainer).toBe(2);
    expect(counting.counts.removeContainer ?? 0).toBe(0);
    expect(counting.counts.stopContainer ?? 0).toBe(0);
    const after = await containerIds(runtime, shop());
    expect(after).toMatchObject(ids);
    expect(Object.keys(after)).toHaveLength(10); // 9 appliance containers and the listener

    // The balancer finds the new replicas through DNS, without being touched.
    const lookup = await runtime.exec(name('lb-1'), ['busybox', 'nslookup', 'out']);
    const addresses = lookup.output.match(/Address:\s*\d+\.\d+\.\d+\.\d+$/gm) ?? [];
    expect(addresses.filter((a) => !a.includes('127.0.0.11'))).toHaveLength(5);
    ids = after;
  });

  it('recreates only the appliance whose property changed, keeping its volume', async () => {
    await shell(runtime, name('db-1'), 'echo kept > /var/lib/echo/data.txt');
    const next = shop({ webReplicas: 5, dbGreeting: 'changed' }, 'rev_3');
    const { plan } = await deploy(runtime, next);
    expect(plan.steps.map((s) => `${s.action} ${s.name} (${s.reason})`)).toEqual([`recreate ${name('db-1')} (changed: env)`]);
    const after = await containerIds(runtime, next);
    expect(after[name('db-1')]).not.toBe(ids[name('db-1')]);
    expect({ ...after, [name('db-1')]: 'x' }).toEqual({ ...ids, [name('db-1')]: 'x' });
    expect(await wgetFrom(runtime, name('web-4'), 'http://db:5432/')).toBe('db-1 changed\n');
    expect((await shell(runtime, name('db-1'), 'cat /var/lib/echo/data.txt')).output).toBe('kept\n');
    expect((await runtime.inspectContainer(name('db-1')))?.labels['colo.revision']).toBe('rev_3');
    expect((await runtime.inspectContainer(name('web-1')))?.labels['colo.revision']).toBe('rev_1');
  });

  it('wires a second client to the database live: db joins the new wire and leaves it again, never restarted', async () => {
    const current = shop({ webReplicas: 5, dbGreeting: 'changed' }, 'rev_3');
    const manifest = shopManifest({ lbPort, webReplicas: 5, dbGreeting: 'changed' });
    manifest.appliances.push(appliance('report', webClass, { replicas: 1 }));
    manifest.connections.push(wire('report.db', 'db.in'));
    const withReport = desiredState({ vdc, revisionId: 'rev_4', manifest, secrets: shopSecrets, config: { instance } });
    const before = await containerIds(runtime, current);

    const { plan } = await deploy(runtime, withReport);
    expect(plan.steps.map((s) => `${s.action} ${s.kind} ${s.name}`)).toEqual([
      `create network ${name('wire-report-db')}`,
      `reconfigure container ${name('db-1')}`,
      `create container ${name('report-1')}`,
    ]);
    expect((await containerIds(runtime, current))[name('db-1')]).toBe(before[name('db-1')]);
    expect(await wgetFrom(runtime, name('report-1'), 'http://db:5432/')).toBe('db-1 changed\n');
    expect(await wgetFrom(runtime, name('web-1'), 'http://db:5432/')).toBe('db-1 changed\n');
    expect((await replan(runtime, withReport)).steps).toEqual([]);

    const { plan: back } = await deploy(runtime, current);
    expect(back.steps.map((s) => `${s.action} ${s.kind} ${s.name}`)).toEqual([
      `remove container ${name('report-1')}`,
      `reconfigure container ${name('db-1')}`,
      `remove network ${name('wire-report-db')}`,
    ]);
    expect(await containerIds(runtime, current)).toEqual(before);
    expect(await wgetFrom(runtime, name('web-1'), 'http://db:5432/')).toBe('db-1 changed\n');
    expect((await replan(runtime, current)).steps).toEqual([]);
  });

  it('reports status per appliance with published ports, and each edge listener with its backends', async () => {
    const status = await vdcStatus(runtime, vdc.id, { instance, backends: true });
    expect(status.appliances.map((a) => [a.name, a.class, a.containers.length])).toEqual([
      ['content', 'echo-nas', 1],
      ['db', 'echo-db', 1],
      ['lb', 'echo-lb', 1],
      ['stats', 'echo-svc', 1],
      ['web', 'echo-web', 5],
    ]);
    const lb = status.appliances.find((a) => a.name === 'lb')!.containers[0];
    expect(lb).toMatchObject({ name: name('lb-1'), replica: 1, state: 'running', health: 'healthy', restarts: 0 });
    expect(lb.ports).toEqual([{ terminal: 'in', containerPort: 0, hostIp: '127.0.0.1', hostPort: lbPort }]);
    expect(status.edge).toEqual([
      {
        name: listener,
        hostIp: '127.0.0.1',
        hostPort: lbPort,
        state: 'running',
        health: 'healthy',
        target: { appliance: 'lb', terminal: 'in' },
        backends: { up: 1, total: 1 },
      },
    ]);
    expect(status.volumes).toEqual([name('content-share'), name('db-data')]);
  });

  it('stops one appliance, then the VDC, and starts it again in boot order', async () => {
    expect((await stopVdc(runtime, vdc.id, { instance, appliance: 'stats' })).stopped).toEqual([name('stats-1')]);
    const { stopped } = await stopVdc(runtime, vdc.id, { instance, timeoutSeconds: 5 });
    expect(stopped).toHaveLength(9); // 8 appliance containers and the listener
    const stoppedStatus = await vdcStatus(runtime, vdc.id, { instance });
    expect(stoppedStatus.appliances.flatMap((a) => a.containers).every((c) => c.state === 'exited')).toBe(true);

    const order: string[] = [];
    const { started } = await startVdc(runtime, vdc.id, { instance, onEvent: (e) => order.push(`${e.status} ${e.container}`) });
    expect(started).toHaveLength(10);
    expect(order.indexOf(`healthy ${name('db-1')}`)).toBeLessThan(order.indexOf(`starting ${name('web-1')}`));
    expect(order.indexOf(`healthy ${name('web-5')}`)).toBeLessThan(order.indexOf(`starting ${name('lb-1')}`));
    expect(order.indexOf(`healthy ${name('lb-1')}`)).toBeLessThan(order.indexOf(`starting ${listener}`));
    expect((await replan(runtime, shop({ webReplicas: 5, dbGreeting: 'changed' }))).steps).toEqual([]);
  });

  it('recreates a listener removed behind its back, and nothing else', async () => {
    await runtime.removeContainer(listener);
    const desired = shop({ webReplicas: 5, dbGreeting: 'changed' });
    const { plan } = await deploy(runtime, desired);
    expect(plan.steps.map((s) => `${s.action} ${s.kind} ${s.name}`)).toEqual([`create listener ${listener}`]);
    expect(await (await fetch(`http://127.0.0.1:${lbPort}/`)).text()).toBe('lb-1 hello\n');
  });

  it('repairs a listener whose appliance the user stopped without starting the appliance or waiting for it', async () => {
    const desired = shop({ webReplicas: 5, dbGreeting: 'changed' });
    await runtime.stopContainer(name('lb-1'), 5);
    await runtime.removeContainer(listener);
    const { plan } = await repairListeners(runtime, desired);
    expect(plan.steps.map((s) => `${s.action} ${s.kind} ${s.name}`)).toEqual([`create listener ${listener}`]);
    expect((await runtime.inspectContainer(name('lb-1')))?.state).toBe('exited');
    expect((await runtime.inspectContainer(listener))?.state).toBe('running');
    await runtime.startContainer(name('lb-1'));
    await waitForText(lbPort, 'lb-1 hello\n', 60_000);
  });

  it('re-points a listener with a seamless reload: a connection open before it is still served', async () => {
    const desired = shop({ webReplicas: 5, dbGreeting: 'changed' });
    const [l] = desired.listeners;
    const before = (await runtime.inspectContainer(listener))?.id;
    const held = await openConnection(lbPort);
    // stats-1 answers to `stats` on lb's wire: a stand-in for another VDC's ingress network.
    const elsewhere = { ...l.target, appliance: 'stats', network: name('wire-lb-stats'), alias: 'stats', port: 80 };
    const moving = retargetListener(runtime, l, elsewhere);
    // The request goes out on the old connection as soon as new connections reach the new target
    // (the new worker serves): asked from the host, not by an exec into the listener, so it is
    // sent well within the old worker's hard-stop-after (30 s) even on a loaded machine.
    await waitForText(lbPort, 'stats-1 hello\n', 60_000, 50);
    expect(await held.request('GET / HTTP/1.0\r\n\r\n')).toContain('lb-1 hello');
    await moving;
    expect(await (await fetch(`http://127.0.0.1:${lbPort}/`)).text()).toBe('stats-1 hello\n');
    expect((await runtime.inspectContainer(listener))?.id).toBe(before); // the same container, never restarted

    // Restarted by Docker (a crash, a daemon restart, a reboot), it comes back where it was pointed.
    await new Dockerode().getContainer(listener).restart({ t: 5 });
    await runtime.waitHealthy(listener, { timeoutMs: 60_000 });
    await waitForText(lbPort, 'stats-1 hello\n');

    // A deploy sees it points elsewhere and re-points it back, again by a reload.
    const { plan } = await deploy(runtime, desired);
    expect(plan.steps.map((s) => `${s.action} ${s.kind} ${s.name}`)).toEqual([`reconfigure listener ${listener}`]);
    expect(await (await fetch(`http://127.0.0.1:${lbPort}/`)).text()).toBe('lb-1 hello\n');
    expect((await runtime.inspectContainer(listener))?.networks.sort()).toEqual([`${listener}-net`, name('ingress-lb-in')]);

    // On the right network but sending to another port (what a class whose input port moved
    // leaves behind): the plan sees it and re-points it.
    const wrongPort = await runtime.exec(listener, ['/usr/local/bin/colo-edge-target', l.target.alias, String(l.target.port + 1)]);
    expect(wrongPort.exitCode, wrongPort.output).toBe(0);
    const { plan: again } = await deploy(runtime, desired);
    expect(again.steps.map((s) => `${s.action} ${s.kind} ${s.name} (${s.reason})`)).toEqual([
      `reconfigure listener ${listener} (re-point to lb.in on port ${l.target.port})`,
    ]);
    await waitForText(lbPort, 'lb-1 hello\n');
    expect((await replan(runtime, desired)).steps).toEqual([]);
  });

  it('destroys containers and networks but keeps volumes; purge removes the volumes; the other VDC stays', async () => {
    const result = await destroyVdc(runtime, vdc.id, { instance, purge: false, stopTimeoutSeconds: 5 });
    expect(result.containers).toHaveLength(9);
    expect(result.listeners).toEqual([listener]);
    expect(result.networks).toHaveLength(5); // 3 wires, 1 ingress, the listener's bridge
    expect(result.volumes).toEqual([]);
    const labels = [`colo.instance=${instance}`, `colo.vdc=${vdc.id}`];
    expect(await runtime.listContainers(labels)).toEqual([]);
    expect(await runtime.listNetworks(labels)).toEqual([]);
    expect((await runtime.listVolumes(labels)).map((v) => v.name).sort()).toEqual([name('content-share'), name('db-data')]);
    expect(await runtime.listContainers([`colo.instance=${instance}`, `colo.vdc=${other.id}`])).toHaveLength(3);

    const purged = await destroyVdc(runtime, vdc.id, { instance, purge: true });
    expect(purged.volumes).toEqual([name('content-share'), name('db-data')]);
    expect(await runtime.listVolumes(labels)).toEqual([]);
  });
});
