// A throwaway Docker Swarm for tests: N nodes, each a Docker engine in a container of the shared
// daemon (tests/support/swarm-node), on a bridge network of the test's own. Node 1 is the manager.
// Every object carries the label `colo.test-swarm=<id>`, so a test removes exactly what it made.
//
// Each node's Docker API answers on TCP port 2375 of its address on that private network (the
// host reaches it; nothing is published). Overlay networks use 10.214.0.0/16 and the nodes' own
// bridges 10.213.0.0/16, apart from the shared daemon's pools. Images come from the shared daemon
// (`docker save`, loaded into every node at once) until a test brings up Colo's registry.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Dockerode from 'dockerode';

export const SWARM_NODE_IMAGE = 'colo-test/swarm-node:2';
const LABEL = 'colo.test-swarm';
const API_PORT = 2375;
const READY_MS = 90_000;

export interface SwarmNode {
  /** The node's container on the shared daemon (also its hostname inside the swarm). */
  container: string;
  hostname: string;
  ip: string;
  /** The node's own Docker engine. */
  docker: Dockerode;
  /** Its id in the swarm. */
  nodeId: string;
}

export interface TestSwarm {
  id: string;
  /** The bridge network the nodes share on the shared daemon. */
  network: string;
  nodes: SwarmNode[];
  manager: SwarmNode;
  /** Kills a node's container at once (a machine lost: no leave, no drain). */
  kill(node: SwarmNode): Promise<void>;
  /** Copies images from the shared daemon into every running node (saved once, loaded in parallel). */
  loadImages(refs: string[]): Promise<void>;
  /** Removes every node, volume and network of this swarm. Idempotent. */
  stop(): Promise<void>;
}

export interface TestSwarmOptions {
  nodes: number;
  /** Images copied into every node before the swarm is returned. */
  images?: string[];
  /** `host:port` the nodes trust over plain HTTP (a registry on the private network). */
  insecureRegistry?: string;
  /** A prefix for the nodes' names; defaults to `colo-swarm-<id>`. */
  prefix?: string;
  /** `false`: the engines start but form no swarm (nodeId ''); a test initialises or joins them itself. */
  init?: boolean;
}

const host = new Dockerode();

/** Builds the node image once; later runs find it by tag. */
export async function ensureSwarmNodeImage(): Promise<void> {
  try {
    await host.getImage(SWARM_NODE_IMAGE).inspect();
    return;
  } catch {
    // missing: build below
  }
  const context = fileURLToPath(new URL('./swarm-node', import.meta.url));
  const stream = await host.buildImage({ context, src: ['Dockerfile', 'start-node.sh'] }, { t: SWARM_NODE_IMAGE, labels: { 'colo.test-image': 'true' } });
  await new Promise<void>((resolve, reject) =>
    host.modem.followProgress(stream, (error: Error | null, output: { error?: string }[]) => {
      const failed = error?.message ?? output.find((o) => o.error)?.error;
      if (failed) reject(new Error(`building ${SWARM_NODE_IMAGE}: ${failed}`));
      else resolve();
    }),
  );
}

export async function startTestSwarm(options: TestSwarmOptions): Promise<TestSwarm> {
  await ensureSwarmNodeImage();
  const id = randomBytes(4).toString('hex');
  const prefix = options.prefix ?? `colo-swarm-${id}`;
  const labels = { [LABEL]: id };
  const network = `${prefix}-net`;
  const swarm: TestSwarm = {
    id,
    network,
    nodes: [],
    manager: undefined as unknown as SwarmNode,
    kill: async (node) => {
      await host.getContainer(node.container).kill().catch(() => undefined);
    },
    loadImages: (refs) => loadImages(swarm.nodes, refs),
    stop: () => removeSwarm(id),
  };
  try {
    await host.createNetwork({ Name: network, Labels: labels, CheckDuplicate: true });
    const started = await Promise.all(
      Array.from({ length: options.nodes }, (_, i) => startNode(`${prefix}-n${i + 1}`, network, labels, options.insecureRegistry)),
    );
    const [first, ...others] = started;
    if (!first) throw new Error('a swarm needs at least one node');
    if (options.init === false) {
      swarm.nodes = started.map((n) => ({ ...n, nodeId: '' }));
      swarm.manager = swarm.nodes[0] as SwarmNode;
      if (options.images?.length) await swarm.loadImages(options.images);
      return swarm;
    }
    await first.docker.swarmInit({
      ListenAddr: `0.0.0.0:2377`,
      AdvertiseAddr: first.ip,
      DefaultAddrPool: ['10.214.0.0/16'],
      SubnetSize: 24,
    });
    const tokens = ((await first.docker.swarmInspect()) as { JoinTokens: { Worker: string } }).JoinTokens;
    await Promise.all(
      others.map((n) => n.docker.swarmJoin({ ListenAddr: '0.0.0.0:2377', AdvertiseAddr: n.ip, RemoteAddrs: [`${first.ip}:2377`], JoinToken: tokens.Worker })),
    );
    // A join returns before the manager lists the node with its hostname: ask until all are there.
    let listed: { ID: string; Description?: { Hostname?: string } }[] = [];
    for (const until = Date.now() + 30_000; ; ) {
      listed = (await first.docker.listNodes()) as typeof listed;
      const named = new Set(listed.map((l) => l.Description?.Hostname));
      if (started.every((n) => named.has(n.hostname)) || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    swarm.nodes = started.map((n) => {
      const nodeId = listed.find((l) => l.Description?.Hostname === n.hostname)?.ID;
      if (!nodeId) throw new Error(`${n.hostname} did not join the swarm within 30 s`);
      return { ...n, nodeId };
    });
    swarm.manager = swarm.nodes[0] as SwarmNode;
    if (options.images?.length) await swarm.loadImages(options.images);
    return swarm;
  } catch (error) {
    await removeSwarm(id).catch(() => undefined);
    throw error;
  }
}

async function startNode(name: string, network: string, labels: Record<string, string>, registry?: string): Promise<Omit<SwarmNode, 'nodeId'>> {
  const options: Dockerode.ContainerCreateOptions = {
    name,
    Hostname: name,
    Image: SWARM_NODE_IMAGE,
    Labels: labels,
    Env: registry ? [`COLO_NODE_REGISTRY=${registry}`] : [],
    HostConfig: {
      NetworkMode: network,
      // What a Docker engine inside a container needs here: --privileged cannot start on these
      // machines (the bounding set lacks CAP_SYS_RESOURCE), this can.
      CapAdd: ['ALL'],
      CapDrop: ['SYS_RESOURCE'],
      SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined'],
      // The CLI's `--security-opt systempaths=unconfined`: nothing of /proc and /sys masked.
      MaskedPaths: [],
      ReadonlyPaths: [],
      Binds: ['/sys/fs/cgroup:/sys/fs/cgroup:rw'],
      // A machine has /dev/fuse: Colo's node agent mounts shares across nodes with it.
      Devices: [{ PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' }],
      Mounts: [{ Type: 'volume', Target: '/var/lib/docker', VolumeOptions: { Labels: labels } } as Dockerode.MountSettings],
      Memory: 3 * 1024 ** 3,
    },
  };
  const container = await host.createContainer(options);
  await container.start();
  const details = await container.inspect();
  const ip = details.NetworkSettings.Networks[network]?.IPAddress;
  if (!ip) throw new Error(`${name} has no address on ${network}`);
  const docker = new Dockerode({ host: ip, port: API_PORT, protocol: 'http' });
  for (const until = Date.now() + READY_MS; ; ) {
    const ok = await docker.ping().then(() => true, () => false);
    if (ok) break;
    if (Date.now() > until) throw new Error(`${name}: its Docker engine did not answer on ${ip}:${API_PORT} within ${READY_MS / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { container: name, hostname: name, ip, docker };
}

async function loadImages(nodes: SwarmNode[], refs: string[]): Promise<void> {
  for (const ref of refs) {
    const running = [];
    for (const n of nodes) {
      const state = await host.getContainer(n.container).inspect().then((d) => d.State.Running, () => false);
      if (state) running.push(n);
    }
    await Promise.all(
      running.map(async (n) => {
        const tar = await host.getImage(ref).get();
        const answer = await n.docker.loadImage(tar);
        await new Promise<void>((resolve, reject) =>
          n.docker.modem.followProgress(answer, (error: Error | null, output: { error?: string }[]) => {
            const failed = error?.message ?? output.find((o) => o.error)?.error;
            if (failed) reject(new Error(`loading ${ref} into ${n.hostname}: ${failed}`));
            else resolve();
          }),
        );
      }),
    );
  }
}

/** Removes every node container, node volume and network of the swarm `id`. */
export async function removeSwarm(id: string): Promise<void> {
  const filters = { label: [`${LABEL}=${id}`] };
  const containers = await host.listContainers({ all: true, filters });
  await Promise.all(containers.map((c) => host.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
  const { Volumes } = await host.listVolumes({ filters });
  await Promise.all((Volumes ?? []).map((v) => host.getVolume(v.Name).remove().catch(() => undefined)));
  const networks = await host.listNetworks({ filters });
  await Promise.all(networks.map((n) => host.getNetwork(n.Id).remove().catch(() => undefined)));
}
