// Everything shares do on a node other than through the swarm manager: the mounter containers
// (and the client volumes Swarm made). In production this is Colo's node agent on each node (a
// later step); in tests, each node's own Docker API. Nothing else here assumes it can reach a node.
import type Dockerode from 'dockerode';

export interface ShareNode {
  id: string;
  hostname: string;
  address: string;
}

export interface NodeContainer {
  id: string;
  labels: Record<string, string>;
  running: boolean;
  /** Docker's health status (`starting`, `healthy`, `unhealthy`); undefined without a check. */
  health?: string;
  /** The last health check's output, to say why a mount does not answer. */
  healthOutput?: string;
}

export interface NodeContainers {
  inspect(name: string): Promise<NodeContainer | undefined>;
  create(body: Dockerode.ContainerCreateOptions & { name: string }): Promise<void>;
  /** Unpacks a tar into a (created) container's `path`. */
  putArchive(name: string, path: string, tar: Buffer): Promise<void>;
  start(name: string): Promise<void>;
  /** Stops it (its program unmounts on SIGTERM) and removes it; nothing when it is missing. */
  remove(name: string, stopSeconds: number): Promise<void>;
  /** Removes a volume unless a container uses it. */
  removeVolume(name: string): Promise<'removed' | 'in-use' | 'missing'>;
}

export interface NodeAccess {
  /** The ready nodes of the swarm. */
  nodes(): Promise<ShareNode[]>;
  containers(node: ShareNode): NodeContainers;
}

/** The ready nodes as the manager lists them. */
export async function readySwarmNodes(manager: Dockerode): Promise<ShareNode[]> {
  const listed = (await manager.listNodes()) as {
    ID: string;
    Description?: { Hostname?: string };
    Status?: { State?: string; Addr?: string };
    Spec?: { Availability?: string };
  }[];
  return listed
    .filter((n) => n.Status?.State === 'ready')
    .map((n) => ({ id: n.ID, hostname: n.Description?.Hostname ?? n.ID, address: n.Status?.Addr ?? '' }))
    .sort((a, b) => a.hostname.localeCompare(b.hostname));
}

const statusOf = (error: unknown) => (error as { statusCode?: number }).statusCode;

/** NodeContainers over a node's Docker API. */
export function dockerNodeContainers(docker: Dockerode): NodeContainers {
  return {
    async inspect(name) {
      try {
        const d = await docker.getContainer(name).inspect();
        const log = d.State.Health?.Log ?? [];
        return {
          id: d.Id,
          labels: d.Config.Labels ?? {},
          running: d.State.Running,
          health: d.State.Health?.Status,
          healthOutput: log[log.length - 1]?.Output?.trim(),
        };
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
    async create(body) {
      await docker.createContainer(body);
    },
    async putArchive(name, path, tar) {
      const res = (await docker.getContainer(name).putArchive(tar, { path })) as NodeJS.ReadableStream | undefined;
      res?.resume?.();
    },
    async start(name) {
      try {
        await docker.getContainer(name).start();
      } catch (error) {
        if (statusOf(error) !== 304) throw error; // already running
      }
    },
    async remove(name, stopSeconds) {
      const container = docker.getContainer(name);
      await container.stop({ t: stopSeconds }).catch((error) => {
        if (![304, 404].includes(statusOf(error) ?? 0)) throw error;
      });
      await container.remove({ force: true }).catch((error) => {
        if (statusOf(error) !== 404) throw error;
      });
    },
    async removeVolume(name) {
      try {
        await docker.getVolume(name).remove();
        return 'removed';
      } catch (error) {
        if (statusOf(error) === 404) return 'missing';
        if (statusOf(error) === 409) return 'in-use';
        throw error;
      }
    },
  };
}
