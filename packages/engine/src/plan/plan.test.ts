import { describe, expect, it } from 'vitest';
import { appliance, shopManifest, shopSecrets, webClass, wire } from '../../test/fixtures/test-classes';
import type { ActualContainer, ActualState } from '../actual-state';
import { desiredState } from '../desired/desired-state';
import type { DesiredContainer, DesiredState } from '../desired/types';
import { EDGE_PROXY_IMAGE } from '../edge/edge-listeners';
import { formatPlan } from './format-plan';
import { planDeploy } from './plan';

const vdc = { id: 'vdc_k3j9x2abcdef', name: 'shop', key: 'shop-k3j9x2' };
const IMAGE_ID = 'sha256:aaa';

function desired(options?: Parameters<typeof shopManifest>[0]): DesiredState {
  return desiredState({ vdc, revisionId: 'rev_1', manifest: shopManifest(options), secrets: shopSecrets, config: { instance: 'test' } });
}

function asActual(c: DesiredContainer, i: number, d: DesiredState): ActualContainer {
  return {
      id: `id${i}`,
      name: c.name,
      appliance: c.appliance,
      replica: c.replica,
      classId: c.classId,
      image: c.image,
      imageId: IMAGE_ID,
      state: c.standby ? 'created' : 'running',
      health: 'healthy',
      specHash: c.specHash,
      specParts: c.specParts,
      revision: d.revisionId,
      standby: c.standby,
      after: c.after,
      networks: c.networks.map((n) => n.network),
      ports: [],
      labels: c.create.Labels ?? {},
  };
}

/** What Docker would hold after `d` was applied successfully. */
function deployed(d: DesiredState): ActualState {
  const networks = d.networks.map((n, i) => ({ id: `n${i}`, name: n.name, internal: n.internal, labels: n.labels }));
  return {
    instance: d.instance,
    vdcId: d.vdc.id,
    containers: d.containers.map((c, i) => asActual(c, i, d)),
    listeners: d.listeners.map((l, i) => ({
      ...asActual(l, 100 + i, d),
      ports: [{ containerPort: 10080, hostIp: l.hostIp, hostPort: l.hostPort }],
    })),
    networks,
    volumes: d.volumes.map((v) => ({ name: v.name, labels: v.labels })),
    images: { 'colo-test/echo:2': IMAGE_ID, [EDGE_PROXY_IMAGE]: IMAGE_ID },
  };
}

const empty: ActualState = { instance: 'test', vdcId: vdc.id, containers: [], listeners: [], networks: [], volumes: [], images: {} };
const n = (name: string) => `colo-shop-k3j9x2-${name}`;

describe('planDeploy', () => {
  it('creates everything for a new VDC, servers before clients, replicas in parallel, the listener last', () => {
    const plan = planDeploy(desired(), empty);
    expect(plan.summary).toEqual({ create: 15, recreate: 0, remove: 0, start: 0, reconfigure: 0 });
    expect(plan.networks).toEqual({ wires: 3, ingress: 1, edge: 1, egress: 0 });
    const step = (id: string) => plan.steps.find((s) => s.id === id)!;
    const index = (id: string) => plan.steps.findIndex((s) => s.id === id);

    expect(step(`container:${n('db-1')}`).dependsOn).toEqual([`network:${n('wire-web-db')}`, `volume:${n('db-data')}`]);
    const web2 = step(`container:${n('web-2')}`);
    expect(web2.dependsOn).toEqual(
      expect.arrayContaining([`container:${n('db-1')}`, `container:${n('content-1')}`, `network:${n('wire-lb-out')}`]),
    );
    expect(web2.dependsOn.filter((d) => d.includes('web-'))).toEqual([`network:${n('wire-web-db')}`]);
    expect(step(`container:${n('lb-1')}`).dependsOn).toEqual(
      expect.arrayContaining([`container:${n('web-1')}`, `container:${n('web-3')}`, `container:${n('stats-1')}`, `network:${n('ingress-lb-in')}`]),
    );
    const listener = step('listener:colo-edge-test-18080');
    expect(listener).toMatchObject({ action: 'create', appliance: 'lb', reason: 'publishes 127.0.0.1:18080 → lb.in' });
    expect(listener.dependsOn).toEqual(['network:colo-edge-test-18080-net', `network:${n('ingress-lb-in')}`, `container:${n('lb-1')}`]);
    for (const s of plan.steps) for (const d of s.dependsOn) expect(index(d)).toBeLessThan(index(s.id));
  });

  it('wires a second client to the database without restarting it: the server joins the new wire live', () => {
    const before = desired();
    const manifest = shopManifest();
    manifest.appliances.push(appliance('report', webClass, { replicas: 1 }));
    manifest.connections.push(wire('report.db', 'db.in'));
    const after = desiredState({ vdc, revisionId: 'rev_2', manifest, secrets: shopSecrets, config: { instance: 'test' } });
    const plan = planDeploy(after, deployed(before));
    const summary = plan.steps.map((s) => `${s.action} ${s.kind} ${s.name}${s.action === 'reconfigure' ? ` (${s.reason})` : ''}`);
    expect(summary).toEqual([
      `create network ${n('wire-report-db')}`,
      `reconfigure container ${n('db-1')} (join ${n('wire-report-db')})`,
      `create container ${n('report-1')}`,
    ]);
    expect(plan.steps[2].dependsOn).toContain(`container:${n('db-1')}`);

    // Once joined, the stale networks hash on db's labels is no reason to act again.
    const joined = deployed(before);
    const db = joined.containers.find((c) => c.name === n('db-1'))!;
    db.networks = [...db.networks, n('wire-report-db')];
    joined.containers.push(...deployed(after).containers.filter((c) => c.appliance === 'report'));
    joined.networks = deployed(after).networks;
    expect(planDeploy(after, joined).steps).toEqual([]);

    // Taking the wire away again: db leaves it live, and the network goes after it.
    const back = planDeploy(before, joined).steps.map((s) => `${s.action} ${s.kind} ${s.name}`);
    expect(back).toEqual([`remove container ${n('report-1')}`, `reconfigure container ${n('db-1')}`, `remove network ${n('wire-report-db')}`]);
  });

  it('adds a missing listener alone, starts a stopped one, and re-points one that serves another terminal', () => {
    const d = desired();
    const missing = { ...deployed(d), listeners: [] };
    expect(planDeploy(d, missing).steps.map((s) => [s.action, s.kind, s.name])).toEqual([['create', 'listener', 'colo-edge-test-18080']]);

    const stopped = deployed(d);
    stopped.listeners[0].state = 'exited';
    expect(planDeploy(d, stopped).steps.map((s) => [s.action, s.name])).toEqual([['start', 'colo-edge-test-18080']]);

    const elsewhere = deployed(d);
    elsewhere.listeners[0].networks = ['colo-edge-test-18080-net', n('ingress-web-in')];
    const plan = planDeploy(d, elsewhere);
    expect(plan.steps.map((s) => [s.action, s.name, s.reason])).toEqual([['reconfigure', 'colo-edge-test-18080', 're-point to lb.in']]);

    // Where a running listener says it points: right alias and port → nothing; another port → re-point.
    const l = d.listeners[0];
    const same = deployed(d);
    same.listeners[0].target = `${l.target.alias} ${l.target.port}`;
    expect(planDeploy(d, same).steps).toEqual([]);
    const movedPort = deployed(d);
    movedPort.listeners[0].target = `${l.target.alias} ${l.target.port + 1}`;
    expect(planDeploy(d, movedPort).steps.map((s) => [s.action, s.reason])).toEqual([['reconfigure', `re-point to lb.in on port ${l.target.port}`]]);
  });

  it('removes the listener of a port no longer exposed, and its bridge and the ingress network after it (lb leaves it live)', () => {
    const before = deployed(desired());
    const manifest = shopManifest();
    manifest.appliances[0].expose = [];
    const d = desiredState({ vdc, revisionId: 'r2', manifest, secrets: shopSecrets, config: { instance: 'test' } });
    const plan = planDeploy(d, before);
    expect(plan.steps.map((s) => [s.action, s.kind, s.name])).toEqual([
      ['reconfigure', 'container', n('lb-1')],
      ['remove', 'listener', 'colo-edge-test-18080'],
      ['remove', 'network', n('ingress-lb-in')],
      ['remove', 'network', 'colo-edge-test-18080-net'],
    ]);
    expect(plan.steps[2].dependsOn).toEqual([`container:${n('lb-1')}`, 'listener:colo-edge-test-18080']);
    expect(plan.steps[3].dependsOn).toEqual([`container:${n('lb-1')}`, 'listener:colo-edge-test-18080']);
  });

  it('migrates a VDC deployed with per-input networks: new networks, recreated containers, the old ones removed last', () => {
    const d = desired();
    const old = deployed(d);
    old.listeners = [];
    const legacy = ['db-in', 'stats-in', 'web-in', 'edge'].map((x, i) => ({ id: `old${i}`, name: n(x), internal: x !== 'edge', labels: {} }));
    old.networks = legacy;
    for (const c of old.containers) {
      c.specHash = 'old';
      c.networks = [n('web-in')];
    }
    old.containers[0].ports = [{ containerPort: 80, hostIp: '127.0.0.1', hostPort: 18080 }]; // lb-1 published itself
    const plan = planDeploy(d, old);
    const index = (id: string) => plan.steps.findIndex((s) => s.id === id);
    expect(plan.steps.filter((s) => s.kind === 'container').every((s) => s.action === 'recreate')).toBe(true);
    // The port lb-1 held is free before the listener binds it.
    expect(index(`container:${n('lb-1')}`)).toBeLessThan(index('listener:colo-edge-test-18080'));
    for (const x of legacy) {
      const remove = plan.steps.find((s) => s.id === `network:${x.name}`)!;
      expect(remove.action).toBe('remove');
      expect(remove.dependsOn).toEqual(expect.arrayContaining(d.containers.map((c) => `container:${c.name}`)));
    }
  });

  it('is empty when Docker already holds the desired state, whatever the revision', () => {
    const d = desired();
    expect(planDeploy(desired(), deployed(d)).steps).toEqual([]);
    const next = desiredState({ vdc, revisionId: 'rev_9', manifest: shopManifest(), secrets: shopSecrets, config: { instance: 'test' } });
    expect(planDeploy(next, deployed(d)).steps).toEqual([]);
  });

  it('scales 3 → 5 with exactly two new containers and touches nothing else', () => {
    const plan = planDeploy(desired({ webReplicas: 5 }), deployed(desired()));
    expect(plan.steps.map((s) => [s.action, s.name, s.reason])).toEqual([
      ['create', n('web-4'), 'new replica'],
      ['create', n('web-5'), 'new replica'],
    ]);
    expect(plan.steps[0].dependsOn).toEqual([]);
  });

  it('scales 5 → 3 by removing the extra replicas', () => {
    const plan = planDeploy(desired(), deployed(desired({ webReplicas: 5 })));
    expect(plan.steps.map((s) => [s.action, s.name, s.reason])).toEqual([
      ['remove', n('web-4'), 'replicas: 3'],
      ['remove', n('web-5'), 'replicas: 3'],
    ]);
  });

  it('recreates only the appliance whose definition changed, and says what changed', () => {
    const plan = planDeploy(desired({ dbGreeting: 'new' }), deployed(desired()));
    expect(plan.steps.map((s) => [s.action, s.name, s.reason])).toEqual([['recreate', n('db-1'), 'changed: env']]);
  });

  it('recreates containers whose image tag now points at another image', () => {
    const actual = { ...deployed(desired()), images: { 'colo-test/echo:2': 'sha256:bbb' } };
    const plan = planDeploy(desired(), actual);
    expect(plan.summary.recreate).toBe(7);
    expect(plan.steps[0].reason).toBe('image colo-test/echo:2 was rebuilt');
  });

  it('replaces the replicas of one appliance one after another, each after the one before it', () => {
    const actual = { ...deployed(desired()), images: { 'colo-test/echo:2': 'sha256:bbb' } };
    const plan = planDeploy(desired(), actual);
    const web = plan.steps.filter((s) => s.appliance === 'web');
    expect(web.map((s) => [s.name, s.rollingAfter, s.dependsOn.filter((d) => d.includes('web-'))])).toEqual([
      [n('web-1'), undefined, []],
      [n('web-2'), n('web-1'), [`container:${n('web-1')}`]],
      [n('web-3'), n('web-2'), [`container:${n('web-2')}`]],
    ]);
    expect(web[1].reason).toBe(`image colo-test/echo:2 was rebuilt (rolling, after ${n('web-1')})`);
    // A single replica has nothing to roll behind; new replicas are made side by side.
    expect(plan.steps.find((s) => s.name === n('db-1'))?.rollingAfter).toBeUndefined();
    const scaled = planDeploy(desired({ webReplicas: 5 }), deployed(desired()));
    expect(scaled.steps.filter((s) => s.rollingAfter)).toEqual([]);
  });

  it('starts stopped containers but not standby ones, and re-attaches half-attached ones live', () => {
    const d = desired();
    const actual = deployed(d);
    actual.containers[1].state = 'exited';
    actual.containers[2].state = 'created';
    actual.containers[3].networks = actual.containers[3].networks.slice(0, 1);
    const plan = planDeploy(d, actual);
    expect(plan.steps.map((s) => [s.action, s.name, s.reason])).toEqual([
      ['start', n('web-1'), 'stopped'],
      ['start', n('web-2'), 'never started'],
      ['reconfigure', n('web-3'), `join ${n('wire-web-db')}`],
    ]);

    const manifest = shopManifest();
    manifest.appliances[4].standby = true;
    const standby = desiredState({ vdc, revisionId: 'r', manifest, secrets: shopSecrets, config: { instance: 'test' } });
    expect(planDeploy(standby, deployed(standby)).steps).toEqual([]);
  });

  it('removes appliances and networks that left the manifest, networks after their containers; never volumes', () => {
    const before = deployed(desired());
    const manifest = shopManifest();
    manifest.appliances = manifest.appliances.filter((a) => a.name !== 'stats');
    manifest.connections = manifest.connections.filter((c) => c.to.appliance !== 'stats');
    const d = desiredState({ vdc, revisionId: 'r2', manifest, secrets: shopSecrets, config: { instance: 'test' } });
    const plan = planDeploy(d, before);
    expect(plan.steps.map((s) => [s.action, s.kind, s.name])).toEqual([
      ['remove', 'container', n('stats-1')],
      ['recreate', 'container', n('lb-1')],
      ['remove', 'network', n('wire-lb-stats')],
    ]);
    expect(plan.steps[1].reason).toBe('changed: env, networks, runtime');
    expect(plan.steps[2].dependsOn).toEqual([`container:${n('stats-1')}`, `container:${n('lb-1')}`]);
    expect(plan.steps.some((s) => s.kind === 'volume')).toBe(false);
  });
});

describe('formatPlan', () => {
  it('reads like a terraform plan with a summary', () => {
    const text = formatPlan(planDeploy(desired({ webReplicas: 5 }), deployed(desired())));
    expect(text).toBe(
      [
        'Plan for VDC shop (colo-shop-k3j9x2):',
        '    + container colo-shop-k3j9x2-web-4  (new replica)',
        '    + container colo-shop-k3j9x2-web-5  (new replica)',
        '',
        'Networks: 3 wires, 1 ingress, 1 edge bridge (5 /24s of the address pool)',
        'Plan: 2 to create, 0 to recreate, 0 to remove, 0 to start.',
      ].join('\n'),
    );
  });

  it('says when there is nothing to do', () => {
    expect(formatPlan(planDeploy(desired(), deployed(desired())))).toBe(
      'Networks: 3 wires, 1 ingress, 1 edge bridge (5 /24s of the address pool)\nNo changes: VDC shop (colo-shop-k3j9x2) is up to date.',
    );
  });
});
