import { describe, expect, it } from 'vitest';
import { shopManifest, shopSecrets } from '../../../test/fixtures/test-classes';
import { desiredState } from '../../desired/desired-state';
import { desiredSwarm } from './desired-swarm';
import { formatSwarmPlan, planSwarm } from './swarm-plan';
import type { ActualSwarm, DesiredSwarm } from './swarm-types';

const vdc = { id: 'vdc_k3j9x2abcdef', name: 'shop', key: 'shop-k3j9x2' };
const nodes = [1, 2, 3].map((i) => ({ id: `node${i}`, hostname: `n${i}`, role: 'worker' as const, schedulable: true, state: 'ready', availability: 'active', addr: '' }));
const empty: ActualSwarm = { services: [], networks: [], nodes, coloTasksPerNode: new Map(), managerNodeId: 'node1' };
const shop = (webReplicas = 3) => desiredSwarm(desiredState({ vdc, revisionId: 'rev_1', secrets: shopSecrets, manifest: shopManifest({ webReplicas }), config: { instance: 'test' } }), empty);

/** What the manager would report after applying `d` (replicas as given). */
function deployed(d: DesiredSwarm, replicas?: (name: string) => number): ActualSwarm {
  return {
    ...empty,
    networks: d.networks.map((n) => ({ id: n.name, name: n.name, labels: n.spec.Labels })),
    services: d.services.map((s) => ({ id: s.name, version: 1, name: s.name, labels: s.spec.Labels, replicas: replicas?.(s.name) ?? s.spec.Mode.Replicated.Replicas, spec: s.spec })),
  };
}

describe('planSwarm', () => {
  it('creates networks first, then services in boot order, listeners after their appliance', () => {
    const plan = planSwarm(shop(), empty);
    const order = plan.steps.map((s) => s.id);
    const at = (id: string) => order.indexOf(id);
    expect(plan.steps.filter((s) => s.kind === 'network').every((s) => s.action === 'create')).toBe(true);
    expect(at('service:colo-shop-k3j9x2-db')).toBeLessThan(at('service:colo-shop-k3j9x2-web'));
    expect(at('service:colo-shop-k3j9x2-web')).toBeLessThan(at('service:colo-shop-k3j9x2-lb'));
    expect(at('service:colo-shop-k3j9x2-lb')).toBeLessThan(at('service:colo-edge-test-18080'));
    const web = plan.steps.find((s) => s.id === 'service:colo-shop-k3j9x2-web')!;
    expect(web.dependsOn).toContain('network:colo-shop-k3j9x2-wire-web-db');
    expect(web.dependsOn).toContain('service:colo-shop-k3j9x2-db');
    expect(web.reason).toMatch(/^new, 3 replicas; pinned to n\d: mounts content's share/);
    expect(plan.summary).toEqual({ create: 11, update: 0, remove: 0 });
  });

  it('is empty once applied: a second plan re-applies as a no-op', () => {
    const d = shop();
    const plan = planSwarm(d, deployed(d));
    expect(plan.steps).toEqual([]);
    expect(formatSwarmPlan(plan)).toMatch(/^No changes/);
  });

  it('scales with an update that says so, and starts a stopped service', () => {
    const scaled = planSwarm(shop(5), deployed(shop(3)));
    expect(scaled.steps.map((s) => [s.id, s.action, s.reason, s.replicas])).toEqual([['service:colo-shop-k3j9x2-web', 'update', 'replicas: 3 → 5', 5]]);
    const stopped = planSwarm(shop(), deployed(shop(), () => 0));
    expect(stopped.steps.every((s) => s.action === 'update' && s.reason === 'stopped: start')).toBe(true);
  });

  it('names the changed parts, and removes what left the manifest, networks after services', () => {
    const before = shop();
    const changed = desiredSwarm(
      desiredState({ vdc, revisionId: 'rev_2', secrets: shopSecrets, manifest: shopManifest({ dbGreeting: 'hi' }), config: { instance: 'test' } }),
      empty,
    );
    const plan = planSwarm(changed, deployed(before));
    expect(plan.steps.map((s) => [s.name, s.reason])).toEqual([['colo-shop-k3j9x2-db', 'changed: env']]);

    const actual = deployed(before);
    const gone = { ...before, services: before.services.filter((s) => s.appliance !== 'stats'), networks: before.networks.filter((n) => !n.name.endsWith('lb-stats')) };
    const removal = planSwarm(gone, actual);
    expect(removal.steps.map((s) => [s.id, s.action])).toEqual([
      ['service:colo-shop-k3j9x2-stats', 'remove'],
      ['network:colo-shop-k3j9x2-wire-lb-stats', 'remove'],
    ]);
    expect(removal.steps[0]!.reason).toBe('appliance stats is no longer in the manifest');
  });

  it('rolls a paused update out again though the spec matches', () => {
    const d = shop();
    const actual = deployed(d);
    actual.services[0] = { ...actual.services[0]!, stalledUpdate: 'paused: update paused due to failure or early termination of task x' };
    const plan = planSwarm(d, actual);
    expect(plan.steps.map((s) => [s.name, s.action, s.force])).toEqual([[actual.services[0]!.name, 'update', true]]);
    expect(plan.steps[0]!.reason).toMatch(/^last update paused: .*: roll out again$/);
  });
});
