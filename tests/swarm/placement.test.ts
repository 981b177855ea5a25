// The manifest's placement on a 3-node test swarm (issue 10): a failover group of three free
// appliances ends on three nodes, a free appliance stays on the nodes its label names, a stateful
// one is pinned to the labelled node, and an exposed port publishes on the node the manifest names.
import { randomBytes } from 'node:crypto';
import { createDockerSwarmApi, deploySwarmVdc, desiredState, planSwarmVdc, type SwarmApi, swarmPlacement } from '@colo/engine';
import type { ResolvedManifest } from '@colo/manifest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliance, dbClass, ECHO_IMAGE, svcClass } from '../../packages/engine/test/fixtures/test-classes';
import { type SwarmNode, startTestSwarm, type TestSwarm } from '../support/swarm';
import { EDGE_IMAGE, ensureShopImages, fetchText, imageIds, runningTasks, waitFor } from './deploy-helpers';

const PORT = 18181;
const instance = `test-swarm-placement-${randomBytes(3).toString('hex')}`;
const vdc = { id: `vdc_${randomBytes(6).toString('hex')}`, name: 'placed', key: `placed-${randomBytes(3).toString('hex')}` };
const service = (a: string) => `colo-${vdc.key}-${a}`;
let swarm: TestSwarm;
let api: SwarmApi;
let images: Record<string, string>;
let edgeNode: SwarmNode;

/** a, b, c in one failover group; web ×2 on zone=b; db (a volume) on disk=ssd; a published on node 2. */
function manifest(): ResolvedManifest {
  return {
    name: 'placed',
    appliances: [
      appliance('a', svcClass, { placement: { group: 'trio' }, expose: [{ terminal: 'in', port: PORT, node: edgeNode.hostname }] }),
      appliance('b', svcClass, { placement: { group: 'trio' } }),
      appliance('c', svcClass, { placement: { group: 'trio' } }),
      appliance('web', svcClass, { replicas: 2, placement: { node: 'label:zone=b' } }),
      appliance('db', dbClass, { placement: { node: 'label:disk=ssd' } }),
    ],
    connections: [],
  };
}
const desired = () => desiredState({ vdc, revisionId: 'rev_1', manifest: manifest(), secrets: { db: { password: 'pw-0123456789' } }, config: { instance } });
const options = () => ({ images, ...swarmPlacement(manifest()) });

async function label(node: SwarmNode, labels: Record<string, string>): Promise<void> {
  const n = swarm.manager.docker.getNode(node.nodeId);
  const info = (await n.inspect()) as { Version: { Index: number }; Spec: Record<string, unknown> };
  await n.update({ version: info.Version.Index, ...info.Spec, Labels: labels });
}

const nodesOf = async (a: string) => (await runningTasks(swarm.manager.docker, service(a))).filter((t) => t.state === 'running').map((t) => t.node);

beforeAll(async () => {
  await ensureShopImages();
  images = await imageIds([ECHO_IMAGE, EDGE_IMAGE]);
  swarm = await startTestSwarm({ nodes: 3, images: [ECHO_IMAGE, EDGE_IMAGE] });
  api = createDockerSwarmApi(swarm.manager.docker);
  const [, second, third] = swarm.nodes as [SwarmNode, SwarmNode, SwarmNode];
  edgeNode = second;
  await label(second, { zone: 'b' });
  await label(third, { zone: 'b', disk: 'ssd' });
});
afterAll(async () => {
  await swarm?.stop();
});

describe('placement from the manifest on a swarm', () => {
  it('deploys where the manifest says: node labels, a pinned volume, the listener on its node', async () => {
    const { plan, swarm: planned } = await planSwarmVdc(api, desired(), options());
    console.log(planned.notes.join('\n'));
    expect(plan.steps.length).toBeGreaterThan(0);
    await deploySwarmVdc(api, desired(), options());
    const third = swarm.nodes[2]!;
    expect(await nodesOf('db')).toEqual([third.nodeId]);
    const web = await nodesOf('web');
    expect(web).toHaveLength(2);
    expect(web.every((n) => n !== swarm.manager.nodeId)).toBe(true);
    const listener = (await swarm.manager.docker.listServices({ filters: { label: [`colo.instance=${instance}`, 'colo.role=edge'] } })) as { Spec: { Name: string } }[];
    expect(listener).toHaveLength(1);
    const edgeTasks = await runningTasks(swarm.manager.docker, listener[0]!.Spec.Name);
    expect(edgeTasks.map((t) => t.node)).toEqual([edgeNode.nodeId]);
    const body = await waitFor(`an answer on ${edgeNode.ip}:${PORT}`, 60_000, () => fetchText(`http://${edgeNode.ip}:${PORT}/`));
    expect(body).toMatch(/^a-1 /);
  });

  it('keeps the failover group on three nodes once its members run, then re-plans empty', async () => {
    await settleGroup(options());
  });

  it('moves members that share a node apart (all three forced onto one node first)', async () => {
    const first = swarm.nodes[0]!.hostname;
    const together = { ...options(), applianceNodes: { ...options().applianceNodes, a: first, b: first, c: first } };
    await deploySwarmVdc(api, desired(), together);
    expect(new Set((await Promise.all(['a', 'b', 'c'].map(nodesOf))).flat())).toEqual(new Set([swarm.nodes[0]!.nodeId]));
    await settleGroup(options());
  });
});

/**
 * Deploys until the plan is empty (a deploy cannot know where members not placed yet will land,
 * the plan says so; each later deploy keeps the later members off the earlier ones' nodes), then
 * checks a, b and c run on three nodes.
 */
async function settleGroup(opts: ReturnType<typeof options>): Promise<void> {
  let deploys = 0;
  for (; deploys < 4; deploys++) {
    const { plan } = await planSwarmVdc(api, desired(), opts);
    if (plan.steps.length === 0) break;
    console.log(`deploy: ${plan.steps.map((s) => `${s.id} ${s.action} (${s.reason})`).join('; ')}`);
    await deploySwarmVdc(api, desired(), opts);
  }
  const placed = await Promise.all(['a', 'b', 'c'].map(nodesOf));
  console.log(`group trio on ${placed.flat().map((id) => swarm.nodes.find((n) => n.nodeId === id)?.hostname).join(', ')} after ${deploys} more deploy(s)`);
  expect(placed.every((n) => n.length === 1)).toBe(true);
  expect(new Set(placed.flat()).size).toBe(3);
  expect((await planSwarmVdc(api, desired(), opts)).plan.steps).toEqual([]);
}
