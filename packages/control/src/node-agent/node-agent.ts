// Colo's node agent from control: ensured on the swarm (certificates from agent-certificates.ts,
// its image through Colo's registry, one task per node), then the way to any node's engine for
// other control code: nodeRuntime(nodeId), where a container runs, and the shares' NodeAccess.
// One NodeAgentEngine per process over the Docker endpoint Colo already uses; tests swap it.
import {
  agentClientPems,
  createNodeAgentEngine,
  type LocatedContainer,
  type NodeAccess,
  type NodeAgentEngine,
  type NodeAgents,
  type NodeAgentState,
  type NodeContainers,
  nodeAgentImage,
  type Runtime,
  type TaskRef,
} from '@colo/engine';
import { controlEnv } from '../config';
import { getRuntime } from '../docker/engine-access';
import { setNodeAccessFactory, setNodeEngineFactory } from '../docker/engine-mode';
import { managerHost } from '../docker/swarm-vdc';
import { ensureSwarmRegistry, swarmServiceImage } from '../registry/swarm-registry';
import { nodeAgentCertificates, storedNodeAgentCertificates } from './agent-certificates';

const holder = globalThis as typeof globalThis & {
  __coloNodeAgentEngine?: NodeAgentEngine;
  __coloNodeAgents?: { clientCert: string; agents: NodeAgents };
  /** This process's first ensure (deduplicated); unset again when it failed, so the next use retries. */
  __coloNodeAgentEnsured?: Promise<unknown>;
};

/** How long an ensure waits for every node's agent to answer. */
const READY_MS = 90_000;

export function getNodeAgentEngine(): NodeAgentEngine {
  if (!holder.__coloNodeAgentEngine) {
    // getRuntime checks DOCKER_HOST once and names it when malformed; dockerode reads it the same way.
    getRuntime();
    holder.__coloNodeAgentEngine = createNodeAgentEngine();
  }
  return holder.__coloNodeAgentEngine;
}

export function setNodeAgentEngine(engine: NodeAgentEngine | undefined): void {
  holder.__coloNodeAgentEngine = engine;
  holder.__coloNodeAgents = undefined;
  holder.__coloNodeAgentEnsured = undefined;
}


export interface NodeAgentResult extends NodeAgentState {
  /** The nodes whose agent answered. */
  nodes: { id: string; hostname: string }[];
}

/**
 * Brings the agent up to date on the swarm Colo's engine manages, for a manager the nodes reach
 * at `address` (asked of the swarm unless given): the registry first (the agent's image comes
 * through it), the certificates, the service, then waits until every ready node's agent answers.
 */
export async function ensureColoNodeAgent(address?: string, options: { readyMs?: number } = {}): Promise<NodeAgentResult> {
  const env = controlEnv();
  const host = address ?? (await managerHost());
  await ensureSwarmRegistry(host);
  const image = await swarmServiceImage(nodeAgentImage(env.COLO_IMAGE_NAMESPACE));
  const certificates = await nodeAgentCertificates(host);
  const state = await getNodeAgentEngine().ensure({ instance: env.COLO_INSTANCE, image, certificates, port: env.COLO_NODE_AGENT_PORT });
  const nodes = await agentsFor(certificates.client.cert, () => agentClientPems(certificates)).waitReady({ timeoutMs: options.readyMs ?? READY_MS });
  holder.__coloNodeAgentEnsured ??= Promise.resolve();
  return { ...state, nodes: nodes.map(({ id, hostname }) => ({ id, hostname })) };
}

function agentsFor(clientCert: string, pems: () => ReturnType<typeof agentClientPems>): NodeAgents {
  const cached = holder.__coloNodeAgents;
  if (cached?.clientCert === clientCert) return cached.agents;
  const agents = getNodeAgentEngine().agents(pems(), controlEnv().COLO_NODE_AGENT_PORT);
  holder.__coloNodeAgents = { clientCert, agents };
  return agents;
}

/**
 * Every node through its agent. The first use in a process ensures the agent (idempotent: it
 * also rolls it onto a new image or renewed certificates after an upgrade); later ones reuse it.
 */
export async function getNodeAgents(): Promise<NodeAgents> {
  if (!holder.__coloNodeAgentEnsured) {
    const ensuring = ensureColoNodeAgent();
    holder.__coloNodeAgentEnsured = ensuring;
    ensuring.catch(() => {
      if (holder.__coloNodeAgentEnsured === ensuring) holder.__coloNodeAgentEnsured = undefined;
    });
  }
  await holder.__coloNodeAgentEnsured;
  const certs = await storedNodeAgentCertificates();
  return agentsFor(certs.client.cert, () => agentClientPems(certs));
}

/** One node's engine as a Runtime (exec, logs, archives, stats, volume tools) through its agent. */
export async function nodeRuntime(nodeId: string): Promise<Runtime> {
  return (await getNodeAgents()).runtime(nodeId);
}

/** Where a container (or a service's replica) runs on the swarm, with that node's Runtime. */
export async function locateContainer(ref: TaskRef): Promise<LocatedContainer | undefined> {
  return (await getNodeAgents()).locate(ref);
}

/** The shares' NodeAccess through the agents (ensured on first use in the process). */
export function agentNodeAccess(): NodeAccess {
  const access = async () => (await getNodeAgents()).access;
  return {
    nodes: async () => (await access()).nodes(),
    containers: (node) => {
      const on = async () => (await access()).containers(node);
      const lazy: NodeContainers = {
        inspect: async (name) => (await on()).inspect(name),
        create: async (body) => (await on()).create(body),
        putArchive: async (name, path, tar) => (await on()).putArchive(name, path, tar),
        start: async (name) => (await on()).start(name),
        remove: async (name, stopSeconds) => (await on()).remove(name, stopSeconds),
        removeVolume: async (name) => (await on()).removeVolume(name),
      };
      return lazy;
    },
  };
}

/**
 * Makes the agents the swarm's per-node access (docker/engine-mode.ts) in this process (the
 * worker calls it at start). COLO_SWARM_NODE_DOCKER_PORT, set only on private test networks,
 * keeps its direct access. `readsOnly` (the web process, which changes nothing in Docker and so
 * never ensures the agent): each node's engine through the agents the worker set up, for reads
 * (the logs of a VDC on the swarm); the shares' NodeAccess is left out.
 */
export function useNodeAgentAccess(options: { readsOnly?: boolean } = {}): void {
  if (controlEnv().COLO_SWARM_NODE_DOCKER_PORT !== undefined) return;
  if (options.readsOnly) {
    setNodeEngineFactory(async (nodeId) => {
      const certs = await storedNodeAgentCertificates();
      const agents = agentsFor(certs.client.cert, () => agentClientPems(certs));
      return { docker: await agents.docker(nodeId), runtime: await agents.runtime(nodeId) };
    });
    return;
  }
  setNodeAccessFactory(agentNodeAccess);
  setNodeEngineFactory(async (nodeId) => {
    const agents = await getNodeAgents();
    return { docker: await agents.docker(nodeId), runtime: await agents.runtime(nodeId) };
  });
}
