// Node management in control with a fake ClusterApi behind real worker calls (served in this
// process): only Colo admins reach the swarm, a drain waits for Swarm to move what can move and
// names what its data holds to the node, and the engine's refusals arrive as plain errors.
import { type ClusterApi, type ClusterNode, type ClusterStatus, EngineError, type NodeRun } from '@colo/engine';
import { getPrisma } from '@colo/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { createUser } from '../auth/users';
import { isColoError } from '../errors';
import { type ControlTest, manifestOf, setupControlTest } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { setCluster } from './cluster-access';
import { activateNode, drainNode, initSwarm, labelNode, listNodes, nodeJoinCommand, removeNode } from './nodes';

const HOST = { hostname: 'colo-host', cpus: 8, memoryBytes: 16 * 1024 ** 3, engineVersion: '20.10.24' };

function node(id: string, runs: NodeRun[] = []): ClusterNode {
  return { id, hostname: `host-${id}`, role: id === 'n1' ? 'manager' : 'worker', leader: id === 'n1', state: 'ready', availability: 'active', address: `10.0.0.${id.slice(1)}`, cpus: 2, memoryBytes: 2 ** 31, labels: {}, engineVersion: '20.10.24', runs };
}

function run(service: string, vdc: string, appliance: string, pinned = false): NodeRun {
  return { service, colo: true, instance: 'x', vdc, appliance, pinned, tasks: [{ id: `t-${service}`, slot: 1, state: 'running' }] };
}

/** A swarm in memory: after a drain, movable runs leave the node at the `movesAfter`-th read. */
function fakeCluster(mode: ClusterStatus['mode'], nodes: ClusterNode[], movesAfter = 2) {
  const calls: string[] = [];
  let reads = 0;
  const find = (ref: string) => {
    const found = nodes.find((n) => n.id === ref || n.hostname === ref);
    if (!found) throw new EngineError('not_found', `node ${ref} is not in this swarm`);
    return found;
  };
  const status = (): ClusterStatus => ({ mode, localState: mode === 'single' ? 'inactive' : 'active', ...(mode === 'single' ? {} : { nodeId: 'n1', managerAddress: '10.0.0.1:2377' }), host: HOST });
  const cluster: ClusterApi = {
    status: async () => status(),
    init: async (options) => {
      calls.push(`init ${JSON.stringify(options)}`);
      mode = 'manager';
      return status();
    },
    adopt: async () => (calls.push('adopt'), status()),
    joinCommand: async (role = 'worker') => ({ role, token: `SWMTKN-${role}`, managerAddress: '10.0.0.1:2377', command: `docker swarm join --token SWMTKN-${role} 10.0.0.1:2377` }),
    listNodes: async () => nodes,
    node: async (ref) => {
      const n = find(ref);
      if (n.availability === 'drain' && ++reads >= movesAfter) n.runs = [];
      return n;
    },
    setAvailability: async (ref, availability) => {
      calls.push(`${availability} ${ref}`);
      const n = find(ref);
      n.availability = availability;
      // Swarm shuts the pinned tasks down at once; their replacements wait, unplaced.
      n.runs = n.runs.filter((r) => availability !== 'drain' || !r.pinned);
      return n;
    },
    setLabels: async (ref, change) => {
      const n = find(ref);
      n.labels = { ...n.labels, ...change.add };
      for (const k of change.remove ?? []) delete n.labels[k];
      return n;
    },
    removeNode: async (ref) => {
      const n = find(ref);
      if (n.role === 'manager') throw new EngineError('conflict', `node ${n.hostname} is a manager: Colo does not remove managers`, { retryable: false });
      calls.push(`remove ${ref}`);
    },
  };
  return { cluster, calls };
}

let t: ControlTest;
let admin: AuthUser;
let user: AuthUser;
let shopId: string;

beforeAll(async () => {
  t = await setupControlTest('nodes', { workerCalls: true });
  admin = await createUser({ email: `admin-${t.instance}@colo.test`, role: 'admin' });
  user = await t.user();
  await createVdc(user, manifestOf('shop'));
  shopId = (await getPrisma().vdc.findFirstOrThrow({ where: { name: 'shop' } })).id;
}, 60_000);
afterEach(() => setCluster(undefined));
afterAll(async () => {
  await t?.teardown();
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isColoError(error)) throw new Error(`expected a ColoError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe('node management', () => {
  it('is for Colo admins only: anyone else is refused before the swarm is touched', async () => {
    const fake = fakeCluster('manager', [node('n1'), node('n2')]);
    setCluster(fake.cluster);
    for (const attempt of [
      listNodes(user),
      initSwarm(user, {}),
      nodeJoinCommand(user),
      drainNode(user, 'n2', {}),
      activateNode(user, 'n2'),
      labelNode(user, 'n2', { add: { zone: 'a' } }),
      removeNode(user, 'n2'),
    ]) {
      expect(await refusal(attempt)).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/^only an admin may /) });
    }
    expect(fake.calls).toEqual([]);
  });

  it('answers a single host with this machine and no nodes, and initialises a swarm on it', async () => {
    const fake = fakeCluster('single', []);
    setCluster(fake.cluster);
    expect(await listNodes(admin)).toEqual({ status: { mode: 'single', localState: 'inactive', host: HOST }, nodes: [] });
    // Nothing to drain, join or label on a single host: said in words, before the worker is asked.
    for (const attempt of [nodeJoinCommand(admin), drainNode(admin, 'n2', {}), activateNode(admin, 'n2'), labelNode(admin, 'n2', { add: { a: 'b' } }), removeNode(admin, 'n2')]) {
      expect(await refusal(attempt)).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/^cannot .*: Colo runs on a single host .*colo node init/) });
    }
    expect(await refusal(initSwarm(admin, { addressPool: '10.0.0.0' }))).toMatchObject({ code: 'bad_request', message: expect.stringContaining('addressPool') });
    const made = await initSwarm(admin, { advertiseAddress: '10.0.0.1' });
    expect(made).toMatchObject({ adopted: false, status: { mode: 'manager', managerAddress: '10.0.0.1:2377' } });
    // A manager already: adopted, never a second swarm.
    expect(await initSwarm(admin, {})).toMatchObject({ adopted: true });
    expect(fake.calls).toEqual(['init {"advertiseAddress":"10.0.0.1"}', 'adopt']);
    expect(await refusal(initSwarm(admin, { advertise: 'x' }))).toMatchObject({ code: 'bad_request' });
  });

  it('lists nodes with the names of the VDCs running there, and gives the join command', async () => {
    setCluster(fakeCluster('manager', [node('n1', [run('shop-web', shopId, 'web'), run('stray', 'vdc_gone', 'x')])]).cluster);
    const { nodes } = await listNodes(admin);
    expect(nodes[0]?.runs.map((r) => [r.service, r.vdcName])).toEqual([['shop-web', 'shop'], ['stray', undefined]]);
    expect(await nodeJoinCommand(admin, 'manager')).toMatchObject({ role: 'manager', command: 'docker swarm join --token SWMTKN-manager 10.0.0.1:2377' });
    // Given Colo's address, a one-use link to Colo's bootstrap images rides along, in the one line to run.
    const join = await nodeJoinCommand(admin, 'worker', 'http://10.0.0.1:3000');
    expect(join).toMatchObject({ bootstrap: { url: expect.stringMatching(/^http:\/\/10\.0\.0\.1:3000\/api\/v1\/nodes\/bootstrap\/cboot_/), images: ['colo/registry-relay:1', 'colo/share:1'] } });
    expect('bootstrapCommand' in join && join.bootstrapCommand).toBe(`curl -fsS ${'bootstrap' in join ? join.bootstrap.url : ''} | docker load && docker swarm join --token SWMTKN-worker 10.0.0.1:2377`);
  });

  it('drains: waits until the stateless tasks moved and names the appliances held there by their data', async () => {
    const fake = fakeCluster('manager', [node('n1'), node('n2', [run('shop-web', shopId, 'web'), run('shop-db', shopId, 'db', true)])]);
    setCluster(fake.cluster);
    const answer = await drainNode(admin, 'host-n2', { waitSeconds: 10 });
    expect(answer.moved).toBe(true);
    expect(answer.remaining).toEqual([]);
    expect(answer.pinned).toEqual([expect.objectContaining({ service: 'shop-db', appliance: 'db', vdcName: 'shop', pinned: true })]);
    expect(answer.node).toMatchObject({ hostname: 'host-n2', availability: 'drain', runs: [] });
    expect(answer.waitedMs).toBeGreaterThanOrEqual(1000);
    expect(fake.calls).toEqual(['drain n2']);
    expect((await activateNode(admin, 'n2')).node).toMatchObject({ availability: 'active' });
  });

  it('says what is left when Swarm did not move it in time', async () => {
    setCluster(fakeCluster('manager', [node('n1'), node('n2', [run('shop-web', shopId, 'web')])], 1000).cluster);
    const answer = await drainNode(admin, 'n2', { waitSeconds: 1 });
    expect(answer).toMatchObject({ moved: false, pinned: [] });
    expect(answer.remaining.map((r) => [r.service, r.vdcName])).toEqual([['shop-web', 'shop']]);
    expect(await refusal(drainNode(admin, 'n2', { waitSeconds: 301 }))).toMatchObject({ code: 'bad_request' });
  });

  it("labels, removes, and passes the engine's refusals on in words", async () => {
    const fake = fakeCluster('manager', [node('n1'), node('n2')]);
    setCluster(fake.cluster);
    expect((await labelNode(admin, 'n2', { add: { zone: 'a', disk: 'ssd' } })).node?.labels).toEqual({ zone: 'a', disk: 'ssd' });
    expect((await labelNode(admin, 'n2', { remove: ['disk'] })).node?.labels).toEqual({ zone: 'a' });
    expect(await removeNode(admin, 'host-n2', { force: true })).toEqual({ removed: { id: 'n2', hostname: 'host-n2' } });
    expect(fake.calls).toEqual(['remove n2']);
    expect(await refusal(removeNode(admin, 'n1'))).toEqual({ code: 'bad_request', message: 'node host-n1 is a manager: Colo does not remove managers' });
    expect(await refusal(removeNode(admin, 'nope'))).toEqual({ code: 'not_found', message: 'node nope is not in this swarm' });
    expect(await refusal(labelNode(admin, 'n2', { add: { 'bad key!': 'x' } }))).toMatchObject({ code: 'bad_request' });
  });
});
