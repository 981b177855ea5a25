// Shared filesystems across a swarm: a NAS's volume on node 1, served by a share server pinned
// there, mounted by sshfs on every node; a client service of three replicas (one per node, as
// www-data, no capability, read-only root) reads the NAS's file and writes its own, owned by 33
// on node 1. A second ensureShare changes nothing; a client started where the share is not
// mounted fails and is retried (it never serves an empty directory); removeShare leaves the
// NAS's volume as it was. Everything lives inside the test swarm's nodes: swarm.stop() removes it.
import { classBuildSettings, ensureClassImage, loadCatalog, templatesRoot } from '@colo/catalog';
import {
  dockerNodeContainers,
  ensureShare,
  type NodeAccess,
  readySwarmNodes,
  removeShare,
  type Share,
  type ShareDeps,
  shareClientMount,
  shareKey,
  shareMounterName,
  shareNetworkName,
  shareServiceName,
} from '@colo/engine';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SwarmNode, startTestSwarm, type TestSwarm } from '../support/swarm';

let swarm: TestSwarm;
let image: string;
let deps: ShareDeps;
let share: Share;
let manager: Dockerode;
const scope = { instance: 'swarm-shares-test', vdcId: 'vdc_sharetest' };
const VOLUME = 'colo-shares-t1a2b3-nas-share';

beforeAll(async () => {
  const { system } = await loadCatalog(templatesRoot(process.env));
  const source = system.find((s) => s.class.id === 'share');
  if (!source) throw new Error('templates/system/share is missing');
  image = (await ensureClassImage(new (await import('dockerode')).default(), source, classBuildSettings(process.env))).image;
  swarm = await startTestSwarm({ nodes: 3, images: [image] });
  manager = swarm.manager.docker;
  const byId = (id: string) => swarm.nodes.find((n) => n.nodeId === id) as SwarmNode;
  const nodes: NodeAccess = {
    nodes: () => readySwarmNodes(manager),
    containers: (node) => dockerNodeContainers(byId(node.id).docker),
  };
  deps = { manager, nodes, image, secret: 'swarm-shares-test-secret-0123456789', timeoutMs: 90_000 };
  share = {
    key: shareKey('shares-t1a2b3', 'nas', 'share'),
    scope,
    appliance: 'nas',
    volume: 'share',
    volumeName: VOLUME,
    owner: { user: 'www-data', uid: 33, gid: 33 },
    nodeId: swarm.manager.nodeId,
  };
  // The NAS's volume, as the NAS leaves it: www-data's, with a file in it.
  await swarm.manager.docker.createVolume({ Name: VOLUME });
  expect(await runOn(swarm.manager, ['sh', '-c', 'echo hello from the nas > /v/seed.txt && chown -R 33:33 /v'])).toBe('');
});

afterAll(async () => {
  await swarm?.stop();
});

/** Runs a command in a throwaway container on `node` with the NAS's volume at /v; its output. */
async function runOn(node: SwarmNode, cmd: string[], binds = [`${VOLUME}:/v`]): Promise<string> {
  // A TTY: the log is the plain output, not Docker's multiplexed frames.
  const c = await node.docker.createContainer({ Image: image, Cmd: cmd, Tty: true, HostConfig: { Binds: binds } });
  try {
    await c.start();
    await c.wait();
    return (await c.logs({ stdout: true, stderr: true })).toString('utf8').replace(/\r/g, '');
  } finally {
    await c.remove({ force: true });
  }
}

/** The NAS volume's files on node 1: `uid name content` per file. */
async function nasFiles(): Promise<string[]> {
  const out = await runOn(swarm.manager, ['sh', '-c', 'cd /v && for f in *; do echo "$(stat -c %u "$f") $f $(cat "$f")"; done']);
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();
}

interface Task {
  ID: string;
  NodeID: string;
  CreatedAt: string;
  Status: { State: string; Err?: string };
  DesiredState: string;
}

const tasksOf = async (service: string) =>
  (await manager.listTasks({ filters: { service: [service] } }).catch((error) => {
    if (error.statusCode === 404) return []; // no such service (any more)
    throw error;
  })) as Task[];

/** Removes a client service and waits until none of its containers is left on any node. */
async function removeClient(name: string): Promise<void> {
  await manager.getService(name).remove();
  await until(`${name}'s containers gone`, async () => {
    const left = await Promise.all(
      swarm.nodes.map((n) => n.docker.listContainers({ all: true, filters: { label: [`com.docker.swarm.service.name=${name}`] } })),
    );
    return left.every((l) => l.length === 0) ? true : undefined;
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 90_000): Promise<T> {
  for (const end = Date.now() + ms; ; ) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** A client appliance's service as the deployer makes it: www-data, no capability, read-only root. */
async function createClient(name: string, replicas: number, script: string, constraints: string[] = []): Promise<void> {
  await manager.createService({
    Name: name,
    Labels: { 'colo.test': 'shares' },
    TaskTemplate: {
      ContainerSpec: {
        Image: image,
        Hostname: `${name}-{{.Task.Slot}}`,
        Command: ['sh', '-c', script],
        User: '33:33',
        ReadOnly: true,
        CapabilityDrop: ['ALL'],
        Mounts: [shareClientMount(scope, share.key, '/srv/share', false)],
      },
      RestartPolicy: { Condition: 'any', Delay: 1_000_000_000 },
      Placement: { Constraints: constraints, MaxReplicas: 1 },
    },
    Mode: { Replicated: { Replicas: replicas } },
    EndpointSpec: { Mode: 'dnsrr' },
  } as Dockerode.CreateServiceOptions);
}

describe('a NAS share across three nodes', () => {
  it('mounts on every node, and clients on each read the NAS and write files owned by www-data on node 1', async () => {
    const first = await ensureShare(deps, share);
    expect(first.nodes).toHaveLength(3);
    expect(first.changed).toEqual(expect.arrayContaining(['network', 'service']));
    expect(first.changed.filter((c) => c.startsWith('mounter '))).toHaveLength(3);
    // Pinned to the NAS's node, running as www-data.
    const tasks = await tasksOf(shareServiceName(share.key));
    expect(tasks.filter((t) => t.Status.State === 'running').map((t) => t.NodeID)).toEqual([swarm.manager.nodeId]);

    await createClient('web', 3, 'cat /srv/share/seed.txt > /srv/share/seen-$(hostname) && sleep infinity');
    const files = await until('three clients writing', async () => {
      const f = await nasFiles();
      return f.filter((l) => l.includes(' seen-web-')).length === 3 ? f : undefined;
    });
    expect(files).toEqual([
      '33 seed.txt hello from the nas',
      '33 seen-web-1 hello from the nas',
      '33 seen-web-2 hello from the nas',
      '33 seen-web-3 hello from the nas',
    ]);
    const running = (await tasksOf('web')).filter((t) => t.Status.State === 'running');
    expect(new Set(running.map((t) => t.NodeID)).size).toBe(3);
  });

  it('changes nothing on a second ensureShare', async () => {
    const service = (await manager.getService(shareServiceName(share.key)).inspect()) as { Version: { Index: number } };
    const ids = await Promise.all(swarm.nodes.map((n) => n.docker.getContainer(shareMounterName(share.key)).inspect().then((c) => c.Id)));
    const again = await ensureShare(deps, share);
    expect(again.changed).toEqual([]);
    expect(((await manager.getService(shareServiceName(share.key)).inspect()) as { Version: { Index: number } }).Version.Index).toBe(
      service.Version.Index,
    );
    expect(await Promise.all(swarm.nodes.map((n) => n.docker.getContainer(shareMounterName(share.key)).inspect().then((c) => c.Id)))).toEqual(ids);
  });

  it('keeps serving running clients when the server restarts (sshfs reconnects to the same host key)', async () => {
    const service = manager.getService(shareServiceName(share.key));
    const [old] = (await tasksOf(shareServiceName(share.key))).filter((t) => t.Status.State === 'running');
    expect(old).toBeDefined();
    const before = (await service.inspect()) as { Version: { Index: number }; Spec: { TaskTemplate: { ForceUpdate?: number } } };
    await service.update({ ...before.Spec, TaskTemplate: { ...before.Spec.TaskTemplate, ForceUpdate: (before.Spec.TaskTemplate.ForceUpdate ?? 0) + 1 }, version: before.Version.Index });
    await until('the old server task gone and a new one running', async () => {
      const tasks = await tasksOf(shareServiceName(share.key));
      const running = tasks.filter((t) => t.Status.State === 'running').map((t) => t.ID);
      return running.length === 1 && running[0] !== old?.ID ? true : undefined;
    });
    // From web's replica on node 2, as it runs (www-data): the first writes may fail while sshfs
    // notices the old connection is gone; then it reconnects.
    const node2 = swarm.nodes[1] as SwarmNode;
    const [web2] = await node2.docker.listContainers({ filters: { label: ['com.docker.swarm.service.name=web'] } });
    expect(web2).toBeDefined();
    await until('a write through the reconnected share', async () => {
      const exec = await node2.docker.getContainer(web2!.Id).exec({ Cmd: ['sh', '-c', 'echo again > /srv/share/after-restart'] });
      const stream = await exec.start({});
      await new Promise((r) => stream.on('end', r).resume());
      return (await exec.inspect()).ExitCode === 0 ? true : undefined;
    });
    expect(await nasFiles()).toContain('33 after-restart again');
    // The restart changed nothing Colo owns: still a no-op.
    expect((await ensureShare(deps, share)).changed).toEqual([]);
  });

  it('fails and retries a client on a node where the share is not mounted, instead of serving an empty directory', async () => {
    // No client left on any node: a running one would keep the node's volume mounted (Docker's
    // local driver mounts a volume once for all its containers) and a new one would share that.
    await removeClient('web');
    const node3 = swarm.nodes[2] as SwarmNode;
    await dockerNodeContainers(node3.docker).remove(shareMounterName(share.key), 10);
    // The mount directory is gone with the mount: nothing for a client to bind.
    expect(await runOn(node3, ['ls', '/shares'], ['/var/lib/colo-shares:/shares'])).not.toContain(share.key);

    await createClient('late', 1, 'cat /srv/share/seed.txt > /srv/share/late-$(hostname) && sleep infinity', [`node.id==${node3.nodeId}`]);
    const failed = await until('the early client to fail', async () => {
      const t = (await tasksOf('late')).filter((x) => ['failed', 'rejected'].includes(x.Status.State));
      return t.length >= 2 ? t : undefined;
    });
    expect(failed[0]?.Status.Err).toMatch(/no such file or directory/i);
    expect((await nasFiles()).some((l) => l.includes(' late-'))).toBe(false);

    const repaired = await ensureShare(deps, share);
    expect(repaired.changed).toEqual([`mounter ${node3.hostname}`]);
    const files = await until('the retried client to write', async () => {
      const f = await nasFiles();
      return f.some((l) => l.includes(' late-')) ? f : undefined;
    });
    expect(files).toContain('33 late-late-1 hello from the nas');
  });

  it('removes the share and leaves the NAS volume as it was', async () => {
    await removeClient('late');
    await removeShare(deps, share.key);
    await removeShare(deps, share.key); // idempotent

    await expect(manager.getService(shareServiceName(share.key)).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(manager.getNetwork(shareNetworkName(share.key)).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect(await manager.listSecrets({ filters: { label: [`colo.share=${share.key}`] } })).toEqual([]);
    for (const n of swarm.nodes) {
      await expect(n.docker.getContainer(shareMounterName(share.key)).inspect()).rejects.toMatchObject({ statusCode: 404 });
    }
    expect(await nasFiles()).toEqual([
      '33 after-restart again',
      '33 late-late-1 hello from the nas',
      '33 seed.txt hello from the nas',
      '33 seen-web-1 hello from the nas',
      '33 seen-web-2 hello from the nas',
      '33 seen-web-3 hello from the nas',
    ]);
  });
});
