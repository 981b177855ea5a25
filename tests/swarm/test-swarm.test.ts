// The test swarm itself: three nodes form one swarm, an overlay network carries traffic between
// them, and a service's replicas spread over the nodes and answer by their slot's hostname.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSwarm, type TestSwarm } from '../support/swarm';

const ECHO = 'colo-test/echo:2';
let swarm: TestSwarm;
/** By id, not tag: a task of a tag makes its node try a pull from a registry first. */
let echoId: string;

beforeAll(async () => {
  swarm = await startTestSwarm({ nodes: 3, images: [ECHO] });
  echoId = (await swarm.manager.docker.getImage(ECHO).inspect()).Id;
});
afterAll(async () => {
  await swarm?.stop();
});

describe('a test swarm of Docker-in-Docker nodes', () => {
  it('has three ready nodes, one of them the manager', async () => {
    const nodes = (await swarm.manager.docker.listNodes()) as { Status: { State: string }; ManagerStatus?: { Leader?: boolean } }[];
    expect(nodes.map((n) => n.Status.State)).toEqual(['ready', 'ready', 'ready']);
    expect(nodes.filter((n) => n.ManagerStatus?.Leader)).toHaveLength(1);
  });

  it('spreads a service over the nodes, and its replicas answer one another across them by DNS', async () => {
    const docker = swarm.manager.docker;
    await docker.createNetwork({ Name: 'probe', Driver: 'overlay', Internal: true, Attachable: true });
    await docker.createService({
      Name: 'probe-web',
      TaskTemplate: {
        ContainerSpec: { Image: echoId, Hostname: 'web-{{.Task.Slot}}' },
        Networks: [{ Target: 'probe', Aliases: ['web'] }],
      },
      Mode: { Replicated: { Replicas: 3 } },
      EndpointSpec: { Mode: 'dnsrr' },
    });
    let placed: string[] = [];
    for (const until = Date.now() + 60_000; Date.now() < until; ) {
      const tasks = (await docker.listTasks({ filters: { service: ['probe-web'], 'desired-state': ['running'] } })) as {
        NodeID: string;
        Status: { State: string };
      }[];
      placed = tasks.filter((t) => t.Status.State === 'running').map((t) => t.NodeID);
      if (placed.length === 3) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(new Set(placed).size).toBe(3);
    // From a container on the manager: every replica, wherever it runs, answers.
    const container = await docker.createContainer({
      Image: ECHO,
      Entrypoint: ['sh', '-c', 'for i in $(seq 1 30); do busybox wget -qO- http://web/; done'],
      HostConfig: { NetworkMode: 'probe' },
    });
    await container.start();
    await container.wait();
    const output = (await container.logs({ stdout: true })).toString();
    const seen = new Set(output.match(/web-\d/g));
    expect([...seen].sort()).toEqual(['web-1', 'web-2', 'web-3']);
  });
});
