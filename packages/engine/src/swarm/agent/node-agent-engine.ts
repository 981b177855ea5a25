// The node agent behind one small interface over Colo's one Docker endpoint (the swarm manager),
// so control ensures it and reaches nodes without holding dockerode, as with the SwarmRegistry.
import Dockerode from 'dockerode';
import { type EnsureNodeAgentOptions, ensureNodeAgent, type NodeAgentState, removeNodeAgent } from './ensure-node-agent';
import type { AgentClientPems } from './agent-pki';
import { createNodeAgents, type NodeAgents } from './node-agents';

export interface NodeAgentEngine {
  ensure(options: Omit<EnsureNodeAgentOptions, 'docker'>): Promise<NodeAgentState>;
  remove(instance: string): Promise<void>;
  /** Every node through its agent, with Colo's client certificate. */
  agents(pems: AgentClientPems, port?: number): NodeAgents;
}

export function createNodeAgentEngine(docker: Dockerode = new Dockerode()): NodeAgentEngine {
  return {
    ensure: (options) => ensureNodeAgent({ ...options, docker }),
    remove: (instance) => removeNodeAgent(docker, instance),
    agents: (pems, port) => createNodeAgents({ manager: docker, pems, port }),
  };
}
