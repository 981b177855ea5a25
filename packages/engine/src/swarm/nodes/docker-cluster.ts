// ClusterApi on a real Docker engine (dockerode). Every change reads the node first and sends
// its spec back with the version Docker gave (a concurrent change makes Docker refuse, not lose it).
import Dockerode from 'dockerode';
import { EngineError } from '../../engine-error';
import { dockerMessage, toEngineError } from '../../runtime/docker-errors';
import { freeAddressPool, parseCidr, poolCollides } from './address-pool';
import type { ClusterApi, ClusterNode, ClusterStatus, InitOptions, NodeRole } from './cluster-api';
import { type DockerNode, type DockerService, type DockerTask, findNode, runsByNode, toClusterNode } from './node-view';

const SWARM_PORT = 2377;

interface DockerInfo {
  Name?: string;
  NCPU?: number;
  MemTotal?: number;
  ServerVersion?: string;
  DefaultAddressPools?: { Base: string; Size: number }[] | null;
  Swarm?: {
    NodeID?: string;
    NodeAddr?: string;
    LocalNodeState?: string;
    ControlAvailable?: boolean;
    Error?: string;
    RemoteManagers?: { NodeID: string; Addr: string }[] | null;
  };
}

function refused(message: string): EngineError {
  return new EngineError('conflict', message, { retryable: false });
}

export function createDockerCluster(docker: Dockerode = new Dockerode()): ClusterApi {
  async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw toEngineError(error, what);
    }
  }

  async function status(): Promise<ClusterStatus> {
    const info = (await call('read docker info', () => docker.info())) as DockerInfo;
    const swarm = info.Swarm ?? {};
    const host = { hostname: info.Name ?? '', cpus: info.NCPU ?? 0, memoryBytes: info.MemTotal ?? 0, engineVersion: info.ServerVersion ?? '' };
    const localState = swarm.LocalNodeState || 'inactive';
    const active = localState === 'active';
    const mode = !active ? 'single' : swarm.ControlAvailable ? 'manager' : 'worker';
    const own = swarm.RemoteManagers?.find((m) => m.NodeID === swarm.NodeID)?.Addr;
    const managerAddress = !active ? undefined : mode === 'manager' ? (own ?? `${swarm.NodeAddr}:${SWARM_PORT}`) : swarm.RemoteManagers?.[0]?.Addr;
    return {
      mode,
      localState,
      ...(active && swarm.NodeID ? { nodeId: swarm.NodeID } : {}),
      ...(managerAddress ? { managerAddress } : {}),
      ...(swarm.Error ? { error: swarm.Error } : {}),
      host,
    };
  }

  async function manager(doing: string): Promise<ClusterStatus> {
    const now = await status();
    if (now.mode === 'manager') return now;
    if (now.mode === 'worker') throw refused(`cannot ${doing}: this Docker engine is a worker of a swarm; Colo needs a manager's engine`);
    throw refused(`cannot ${doing}: this Docker engine is not in a swarm (single host); initialise one first (colo node init)`);
  }

  /** Subnets this engine already uses: its default bridge pools and every network's. */
  async function usedSubnets(): Promise<string[]> {
    const info = (await call('read docker info', () => docker.info())) as DockerInfo;
    const networks = await call('list networks', () => docker.listNetworks());
    const subnets = networks.flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? '')).filter(Boolean);
    return [...(info.DefaultAddressPools ?? []).map((p) => p.Base), ...subnets];
  }

  async function readAll(): Promise<ClusterNode[]> {
    await manager('list nodes');
    const [nodes, tasks, services] = await Promise.all([
      call('list nodes', () => docker.listNodes() as Promise<DockerNode[]>),
      call('list tasks', () => docker.listTasks({ filters: { 'desired-state': ['running'] } }) as Promise<DockerTask[]>),
      call('list services', () => docker.listServices() as Promise<DockerService[]>),
    ]);
    const runs = runsByNode(nodes, tasks, services);
    return nodes.map((n) => toClusterNode(n, runs.get(n.ID) ?? [])).sort((a, b) => a.hostname.localeCompare(b.hostname));
  }

  async function node(ref: string): Promise<ClusterNode> {
    const found = findNode(await readAll(), ref);
    if (found === 'ambiguous') throw new EngineError('not_found', `node ${ref}: more than one node's id starts so; give more of it or the hostname`);
    if (!found) throw new EngineError('not_found', `node ${ref} is not in this swarm`);
    return found;
  }

  /** Sends node `id`'s spec back with `change` applied, at the version just read. */
  async function updateSpec(id: string, name: string, change: (spec: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
    const handle = docker.getNode(id);
    const current = (await call(`inspect node ${name}`, () => handle.inspect())) as { Version: { Index: number }; Spec: Record<string, unknown> };
    await call(`update node ${name}`, () => handle.update({ _query: { version: current.Version.Index }, _body: change(current.Spec) }));
  }

  return {
    status,

    async init(options: InitOptions = {}) {
      const now = await status();
      if (now.mode !== 'single') throw refused(`this Docker engine is already in a swarm (as ${now.mode}): adopt it instead of initialising another`);
      const used = await usedSubnets();
      if (options.addressPool !== undefined && !parseCidr(options.addressPool)) throw refused(`address pool ${options.addressPool} is not an IPv4 CIDR`);
      if (options.addressPool !== undefined && poolCollides(options.addressPool, used)) {
        throw refused(`address pool ${options.addressPool} overlaps a network or pool this Docker engine already uses`);
      }
      const pool = options.addressPool ?? freeAddressPool(used);
      if (!pool) throw refused('no free /16 in 10.100.0.0–10.254.0.0 for the overlay networks: name one (address pool)');
      await call('initialise the swarm', () =>
        docker.swarmInit({
          ListenAddr: `0.0.0.0:${SWARM_PORT}`,
          ...(options.advertiseAddress ? { AdvertiseAddr: options.advertiseAddress } : {}),
          DefaultAddrPool: [pool],
          SubnetSize: options.subnetSize ?? 24,
        }),
      );
      return status();
    },

    adopt: () => manager('adopt the swarm'),

    async joinCommand(role: NodeRole = 'worker') {
      const now = await manager('make a join command');
      const swarm = (await call('inspect the swarm', () => docker.swarmInspect())) as { JoinTokens: { Worker: string; Manager: string } };
      const token = role === 'manager' ? swarm.JoinTokens.Manager : swarm.JoinTokens.Worker;
      const managerAddress = now.managerAddress as string;
      return { role, token, managerAddress, command: `docker swarm join --token ${token} ${managerAddress}` };
    },

    listNodes: readAll,
    node,

    async setAvailability(ref, availability) {
      const target = await node(ref);
      await updateSpec(target.id, target.hostname, (spec) => ({ ...spec, Availability: availability }));
      return node(target.id);
    },

    async setLabels(ref, change) {
      const target = await node(ref);
      await updateSpec(target.id, target.hostname, (spec) => {
        const labels: Record<string, string> = { ...((spec.Labels as Record<string, string> | undefined) ?? {}), ...(change.add ?? {}) };
        for (const key of change.remove ?? []) delete labels[key];
        return { ...spec, Labels: labels };
      });
      return node(target.id);
    },

    async removeNode(ref, options = {}) {
      const target = await node(ref);
      const name = target.hostname;
      if (target.role === 'manager') throw refused(`node ${name} is a manager: Colo does not remove managers (demote it first: docker node demote ${name})`);
      const colo = target.runs.filter((r) => r.colo);
      const what = colo.map((r) => r.service).join(', ');
      if (target.state !== 'down') {
        if (target.availability !== 'drain') throw refused(`node ${name} is ${target.availability}: drain it first (colo node drain ${name})`);
        if (colo.length) throw refused(`node ${name} still runs ${what}: wait until the drain has moved them`);
      } else if (colo.length && !options.force) {
        throw refused(`node ${name} is down and still holds ${what}: remove it with force to let Swarm place them elsewhere`);
      }
      try {
        await docker.getNode(target.id).remove({ force: target.state === 'down' && options.force === true });
      } catch (error) {
        if (/is not down|still in the swarm/i.test(dockerMessage(error))) {
          throw refused(`node ${name} is still part of the swarm: run \`docker swarm leave\` on it, wait until it shows down, then remove it`);
        }
        throw toEngineError(error, `remove node ${name}`);
      }
    },
  };
}
