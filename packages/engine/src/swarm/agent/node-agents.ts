// Colo's way to every node of a swarm: the manager lists the nodes and tasks, each node's agent
// (agent-docker.ts) opens its engine. From one NodeAgents come a node's Dockerode and Runtime (so
// exec, logs, archives, stats and the volume tools run on any node), the shares' NodeAccess, and
// where a container runs. One per set of client certificates: new PEMs, a new NodeAgents.
import type Dockerode from 'dockerode';
import { EngineError } from '../../engine-error';
import { createDockerRuntime } from '../../runtime/docker-runtime';
import type { Runtime } from '../../runtime/runtime';
import { dockerNodeContainers, type NodeAccess } from '../shares/node-access';
import { agentDocker } from './agent-docker';
import { DEFAULT_AGENT_PORT } from './agent-names';
import { type AgentNodeInfo, listAgentNodes } from './agent-nodes';
import type { AgentClientPems } from './agent-pki';
import { locateTask, type SwarmTask, type TaskRef } from './locate-task';

export interface NodeAgentsOptions {
  /** The swarm manager's engine (Colo's Docker endpoint). */
  manager: Dockerode;
  pems: AgentClientPems;
  port?: number;
}

export interface LocatedContainer extends SwarmTask {
  node: AgentNodeInfo;
  runtime: Runtime;
}

export interface NodeAgents {
  /** Every node the manager lists (ready or not, drained or not). */
  nodes(): Promise<AgentNodeInfo[]>;
  /** A node's engine through its agent; EngineError `not_found` for an unknown node. */
  docker(nodeId: string): Promise<Dockerode>;
  runtime(nodeId: string): Promise<Runtime>;
  /** For swarm/shares: the ready, undrained nodes (a drained node runs no agent) and their containers. */
  access: NodeAccess;
  /** Where a container (or a service's replica) runs, with that node's runtime. */
  locate(ref: TaskRef): Promise<LocatedContainer | undefined>;
  /** Until every ready, undrained node's agent answers; EngineError `timeout` naming the others. */
  waitReady(options?: { timeoutMs?: number; signal?: AbortSignal }): Promise<AgentNodeInfo[]>;
}

export function createNodeAgents(options: NodeAgentsOptions): NodeAgents {
  const { manager, pems } = options;
  const port = options.port ?? DEFAULT_AGENT_PORT;
  const clients = new Map<string, { docker: Dockerode; runtime: Runtime }>();
  const client = (address: string) => {
    let found = clients.get(address);
    if (!found) {
      const docker = agentDocker({ address }, pems, { port });
      found = { docker, runtime: createDockerRuntime(docker) };
      clients.set(address, found);
    }
    return found;
  };
  const node = async (nodeId: string) => {
    const found = (await listAgentNodes(manager)).find((n) => n.id === nodeId);
    if (!found?.address) throw new EngineError('not_found', `no swarm node ${nodeId}`);
    return found;
  };
  const serving = async () => (await listAgentNodes(manager)).filter((n) => n.ready && n.availability !== 'drain' && n.address);
  return {
    nodes: () => listAgentNodes(manager),
    docker: async (nodeId) => client((await node(nodeId)).address).docker,
    runtime: async (nodeId) => client((await node(nodeId)).address).runtime,
    access: {
      nodes: async () => (await serving()).map(({ id, hostname, address }) => ({ id, hostname, address })),
      containers: (n) => dockerNodeContainers(client(n.address).docker),
    },
    async locate(ref) {
      const task = await locateTask(manager, ref);
      if (!task) return undefined;
      const at = await node(task.nodeId);
      return { ...task, node: at, runtime: client(at.address).runtime };
    },
    async waitReady({ timeoutMs = 60_000, signal } = {}) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        signal?.throwIfAborted();
        const nodes = await serving();
        const answers = await Promise.all(nodes.map((n) => pingAgent(client(n.address).docker)));
        const silent = nodes.filter((_, i) => !answers[i]);
        if (silent.length === 0) return nodes;
        if (Date.now() > until) {
          throw new EngineError('timeout', `node agent: no answer from ${silent.map((n) => `${n.hostname} (${n.address}:${port})`).join(', ')} within ${Math.round(timeoutMs / 1000)} s`);
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    },
  };
}

async function pingAgent(docker: Dockerode): Promise<boolean> {
  // A node that accepts the connection but never answers must not hold the wait forever.
  const late = new Promise<false>((resolve) => setTimeout(() => resolve(false), 5_000).unref());
  return Promise.race([docker.ping().then(
    () => true,
    () => false,
  ), late]);
}
