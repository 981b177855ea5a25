// The swarm deployer over Colo's one Docker endpoint (the manager), for control: the SwarmApi,
// and ShareDeps built here so control never holds a dockerode client itself.
import Dockerode from 'dockerode';
import { EngineError } from '../../engine-error';
import { createDockerRuntime } from '../../runtime/docker-runtime';
import type { Runtime } from '../../runtime/runtime';
import { pushedReference } from '../registry/push-image';
import { dockerNodeContainers, type NodeAccess, readySwarmNodes } from '../shares/node-access';
import type { ShareDeps } from '../shares/share-deps';
import { createDockerSwarmApi } from './docker-swarm-api';
import type { SwarmApi } from './swarm-api';

export interface SwarmEngine {
  api: SwarmApi;
  /** The registry's pinned reference of `ref` when pushed and current; undefined when a push is due. */
  pushedReference(ref: string): Promise<string | undefined>;
  shareDeps(input: { nodes: NodeAccess; image: string; secret: string | Buffer; timeoutMs?: number }): Omit<ShareDeps, 'signal'>;
}

export function createSwarmEngine(docker: Dockerode = new Dockerode()): SwarmEngine {
  return {
    api: createDockerSwarmApi(docker),
    pushedReference: (ref) => pushedReference(docker, ref),
    shareDeps: (input) => ({ manager: docker, ...input }),
  };
}

/**
 * NodeAccess straight to each node's Docker API at `tcp://<node address>:<port>`, no TLS. ONLY
 * for a private test network (the test swarm's Docker-in-Docker nodes listen on :2375): an
 * unauthenticated Docker API is root on that node. In production the node agent (mTLS) does this.
 */
export function directNodeAccess(port: number, manager: Dockerode = new Dockerode()): NodeAccess {
  const clients = new Map<string, Dockerode>();
  return {
    nodes: () => readySwarmNodes(manager),
    containers: (node) => {
      let client = clients.get(node.address);
      if (!client) {
        client = new Dockerode({ host: node.address, port, protocol: 'http' });
        clients.set(node.address, client);
      }
      return dockerNodeContainers(client);
    },
  };
}

/** One node's engine: its Docker API and the Runtime over it (volume tools, archives, exec). */
export interface NodeEngine {
  docker: Dockerode;
  runtime: Runtime;
}

/**
 * Each node's engine straight at `tcp://<node address>:<port>`, by node id: like directNodeAccess,
 * ONLY for a private test network. In production the node agent gives the same (agents.docker).
 */
export function directNodeEngines(port: number, manager: Dockerode = new Dockerode()): (nodeId: string) => Promise<NodeEngine> {
  const engines = new Map<string, NodeEngine>();
  return async (nodeId) => {
    const node = (await manager.getNode(nodeId).inspect()) as { Status?: { Addr?: string } };
    const address = node.Status?.Addr;
    if (!address) throw new EngineError('not_found', `swarm node ${nodeId} has no address`);
    let found = engines.get(address);
    if (!found) {
      const docker = new Dockerode({ host: address, port, protocol: 'http' });
      found = { docker, runtime: createDockerRuntime(docker) };
      engines.set(address, found);
    }
    return found;
  };
}
