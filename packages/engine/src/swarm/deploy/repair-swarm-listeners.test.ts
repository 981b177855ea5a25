import { describe, expect, it } from 'vitest';
import { shopManifest, shopSecrets } from '../../../test/fixtures/test-classes';
import { desiredState } from '../../desired/desired-state';
import { desiredSwarm } from './desired-swarm';
import { listenerRepairPlan } from './repair-swarm-listeners';
import { planSwarm } from './swarm-plan';
import type { ActualSwarm, DesiredSwarm } from './swarm-types';

const vdc = { id: 'vdc_k3j9x2abcdef', name: 'shop', key: 'shop-k3j9x2' };
const nodes = [1, 2].map((i) => ({ id: `node${i}`, hostname: `n${i}`, role: 'worker' as const, schedulable: true, state: 'ready', availability: 'active', addr: '' }));
const empty: ActualSwarm = { services: [], networks: [], nodes, coloTasksPerNode: new Map(), managerNodeId: 'node1' };
const shop = () => desiredSwarm(desiredState({ vdc, revisionId: 'rev_1', secrets: shopSecrets, manifest: shopManifest({ webReplicas: 2 }), config: { instance: 'test' } }), empty);

/** What the manager reports once `d` ran, less the services and networks `without` names. */
function deployedWithout(d: DesiredSwarm, without: (name: string) => boolean, replicas?: (name: string) => number): ActualSwarm {
  return {
    ...empty,
    networks: d.networks.filter((n) => !without(n.name)).map((n) => ({ id: n.name, name: n.name, labels: n.spec.Labels })),
    services: d.services
      .filter((s) => !without(s.name))
      .map((s) => ({ id: s.name, version: 1, name: s.name, labels: s.spec.Labels, replicas: replicas?.(s.name) ?? s.spec.Mode.Replicated.Replicas, spec: s.spec })),
  };
}

describe('listenerRepairPlan', () => {
  it('creates a removed listener service and nothing else: a stopped appliance stays stopped', () => {
    const d = shop();
    const actual = deployedWithout(d, (name) => name === 'colo-edge-test-18080', (name) => (name.endsWith('-web') ? 0 : 1));
    const full = planSwarm(d, actual);
    // The whole plan would also start web again; the repair does not.
    expect(full.steps.map((s) => s.id)).toContain('service:colo-shop-k3j9x2-web');
    const repair = listenerRepairPlan({ plan: full, swarm: d });
    expect(repair.steps.map((s) => `${s.action} ${s.id}`)).toEqual(['create service:colo-edge-test-18080']);
    expect(repair.steps[0]?.dependsOn).toEqual([]);
    expect(repair.summary).toEqual({ create: 1, update: 0, remove: 0 });
  });

  it('creates the listener\'s own network too when that went with it', () => {
    const d = shop();
    const actual = deployedWithout(d, (name) => name.startsWith('colo-edge-'));
    const repair = listenerRepairPlan({ plan: planSwarm(d, actual), swarm: d });
    expect(repair.steps.map((s) => `${s.action} ${s.id}`)).toEqual(['create network:colo-edge-test-18080-net', 'create service:colo-edge-test-18080']);
    expect(repair.steps[1]?.dependsOn).toEqual(['network:colo-edge-test-18080-net']);
  });

  it('is empty when every listener is there', () => {
    const d = shop();
    expect(listenerRepairPlan({ plan: planSwarm(d, deployedWithout(d, () => false)), swarm: d }).steps).toEqual([]);
  });
});
