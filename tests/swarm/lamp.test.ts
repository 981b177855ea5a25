// The LAMP assembly on a 3-node test swarm, driven as a user drives Colo: its web and worker run
// with DOCKER_HOST on the swarm's manager, and the CLI applies templates/assemblies/lamp-cluster
// .yaml (on a free port). Colo pushes the class images to its registry and deploys services by
// digest: web's 3 replicas on 3 different nodes, the db and the NAS pinned, the NAS's content
// shared to every web replica through the shares subsystem (per-node work on the nodes' own
// Docker API: COLO_SWARM_NODE_DOCKER_PORT, the private test network's setting). Traffic through
// the entry on its node's address reaches all three replicas and the hit counter counts; the
// status says where each replica runs; a re-plan is empty; stop, start; destroy leaves nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { classBuildSettings, ensureClassImage, loadCatalog, templatesRoot } from '@colo/catalog';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { distributeBySaveLoad, registryImages } from '@colo/engine';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { parse, stringify } from 'yaml';
import { baseEnv, cliEnv, colo, freePort, hitMany, instance, ROOT, type Service, startWeb, startWorker, waitFor } from '../acceptance/harness';
import { createUserToken } from '../acceptance/setup';
import { startTestSwarm, type TestSwarm } from '../support/swarm';

const ASSEMBLY = 'templates/assemblies/lamp-cluster.yaml';
const CLASS_IMAGES = ['colo/halb:1', 'colo/web-php:1', 'colo/nas:1', 'colo/postgres:1', 'colo/edge-proxy:1'];
interface Hit {
  host: string;
  hits: number;
  source: string;
}
interface ManifestDoc {
  name: string;
  appliances: { name: string; expose?: { terminal: string; port: number }[] }[];
}
interface Task {
  NodeID: string;
  Slot?: number;
  Status: { State: string };
}

const host = new Dockerode();
const doc = parse(readFileSync(path.join(ROOT, ASSEMBLY), 'utf8')) as ManifestDoc;
const NAME = doc.name;
let swarm: TestSwarm;
let db: TestDatabase;
let web: Service;
let worker: Service;
let env: NodeJS.ProcessEnv;
let file = '';
let siteUrl = '';
let manager: Dockerode;

beforeAll(async () => {
  // The system images Colo's swarm needs, from the shared daemon's cache (built when missing).
  const { system } = await loadCatalog(templatesRoot(process.env));
  for (const id of ['registry', 'registry-relay', 'share']) {
    const source = system.find((s) => s.class.id === id);
    if (!source) throw new Error(`templates/system/${id} is missing`);
    await ensureClassImage(host, source, classBuildSettings(process.env));
  }
  const { registry, relay } = registryImages();
  // Every node: the relay (it is how a node pulls) and the share image (a mounter is a plain
  // container, made on its node). The manager: the registry and the class images, which the
  // catalog finds up to date there; the other nodes pull them through Colo's registry.
  [swarm, db] = await Promise.all([startTestSwarm({ nodes: 3, images: [relay, 'colo/share:1'] }), createTestDatabase('swarm_lamp')]);
  manager = swarm.manager.docker;
  for (const ref of [registry, ...CLASS_IMAGES]) await distributeBySaveLoad(host, [manager], ref);

  const port = await freePort();
  const copy = structuredClone(doc);
  const lb = copy.appliances.find((a) => a.expose?.length);
  if (!lb?.expose?.[0]) throw new Error(`${ASSEMBLY}: nothing is exposed`);
  lb.expose[0].port = port;
  file = path.join(mkdtempSync(path.join(tmpdir(), 'colo-swarm-lamp-')), 'lamp-cluster.yaml');
  writeFileSync(file, stringify(copy));
  // The entry publishes on the manager's node (the default), on every address of it.
  siteUrl = `http://${swarm.manager.ip}:${port}/?format=json`;

  env = baseEnv({
    DATABASE_URL: db.url,
    COLO_QUEUE_NAME: `colo-operations-${instance}-lamp`,
    DOCKER_HOST: `tcp://${swarm.manager.ip}:2375`,
    COLO_SWARM_NODE_DOCKER_PORT: '2375',
  });
  const token = createUserToken('lamp@colo.test', env);
  const webPort = await freePort();
  web = await startWeb(webPort, env);
  worker = startWorker(env);
  env = { ...env, ...cliEnv(`http://127.0.0.1:${webPort}`, token) };
}, 900_000);

afterAll(async () => {
  await worker?.kill('SIGTERM');
  await web?.kill('SIGTERM');
  await db?.drop();
  await swarm?.stop();
});

/** The VDC's services by appliance label, and their running tasks' nodes. */
async function placement(vdcId: string): Promise<Map<string, { labels: Record<string, string>; nodes: string[] }>> {
  const services = (await manager.listServices({ filters: { label: [`colo.vdc=${vdcId}`] } })) as { ID: string; Spec: { Name: string; Labels: Record<string, string> } }[];
  const out = new Map<string, { labels: Record<string, string>; nodes: string[] }>();
  for (const s of services) {
    const tasks = (await manager.listTasks({ filters: { service: [s.Spec.Name], 'desired-state': ['running'] } })) as Task[];
    const key = s.Spec.Labels['colo.share'] ? `share:${s.Spec.Labels['colo.appliance']}` : s.Spec.Labels['colo.role'] === 'edge' ? 'edge' : (s.Spec.Labels['colo.appliance'] ?? s.Spec.Name);
    out.set(key, { labels: s.Spec.Labels, nodes: tasks.filter((t) => t.Status.State === 'running').map((t) => t.NodeID) });
  }
  return out;
}

let vdcId = '';

describe('the LAMP assembly on a 3-node swarm', () => {
  it('deploys through the registry: web spread over 3 nodes, db and NAS pinned, content shared, traffic reaches every replica', async () => {
    onTestFailed(() => console.error(`worker output:\n${worker.output().slice(-6000)}\nweb output:\n${web.output().slice(-2000)}`));
    const res = await colo(['apply', '-f', file, '--wait'], env, 900_000);
    expect(res.code, res.stderr + res.stdout).toBe(0);
    expect(res.stdout).toMatch(/\d+%/);
    const status = await colo(['status', NAME, '--json'], env);
    expect(status.code, status.stderr).toBe(0);
    const view = JSON.parse(status.stdout) as { vdc: { id: string }; appliances: { name: string; state: string; containers: { node?: string; state: string }[] }[] };
    vdcId = view.vdc.id;

    const placed = await placement(vdcId);
    const webPlace = placed.get('web');
    expect(webPlace?.nodes).toHaveLength(3);
    expect(new Set(webPlace?.nodes).size).toBe(3);
    for (const pinned of ['db', 'content']) {
      const p = placed.get(pinned);
      expect(p?.labels['colo.node'], pinned).toBeTruthy();
      expect(p?.nodes).toEqual([p?.labels['colo.node']]);
    }
    // The NAS's share server runs beside the NAS (its volume is there).
    expect(placed.get('share:content')?.nodes).toEqual(placed.get('content')?.nodes);
    // Every service runs an image of Colo's registry, pinned by digest.
    const specs = (await manager.listServices({ filters: { label: [`colo.vdc=${vdcId}`, 'colo.role!=share-server'] } })) as {
      Spec: { Name: string; Labels: Record<string, string>; TaskTemplate: { ContainerSpec: { Image: string } } };
    }[];
    for (const s of specs.filter((x) => !x.Spec.Labels['colo.share'])) expect(s.Spec.TaskTemplate.ContainerSpec.Image, s.Spec.Name).toMatch(/^127\.0\.0\.1:5000\/colo\/.+@sha256:/);

    // The status says where each replica runs: the three web replicas on three nodes.
    const webStatus = view.appliances.find((a) => a.name === 'web');
    expect(webStatus?.state).toBe('running');
    const hostnames = new Set(swarm.nodes.map((n) => n.hostname));
    const webNodes = (webStatus?.containers ?? []).map((c) => c.node);
    expect(new Set(webNodes).size).toBe(3);
    for (const n of webNodes) expect(hostnames.has(n as string), String(n)).toBe(true);

    const bodies = await waitFor('all 3 web replicas behind the entry', async () => {
      const got = await hitMany<Hit>(siteUrl, 30).catch(() => []);
      return new Set(got.map((b) => b.host)).size === 3 ? got : undefined;
    }, 120_000, 1000);
    // Served from the NAS's content on every node, counted by the one database.
    for (const b of bodies) expect(b.source).toBe('nas');
    const counts = bodies.map((b) => b.hits);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1] as number);
    const res2 = await fetch(siteUrl, { headers: { connection: 'close' } });
    expect(res2.headers.get('x-colo-host')).toMatch(/^web-\d$/);
  });

  it('plans nothing when applied again, and the plan says where things run', async () => {
    const plan = await colo(['plan', '-f', file, '--json'], env);
    expect(plan.code, plan.stderr).toBe(0);
    const out = JSON.parse(plan.stdout) as { plan: { steps: unknown[]; mode?: string; notes?: string[] } };
    expect(out.plan.steps).toEqual([]);
    expect(out.plan.mode).toBe('swarm');
    expect(out.plan.notes?.join('\n')).toContain('shared to web');
  });

  it('stops and starts on the swarm', async () => {
    const stop = await colo(['stop', NAME, '--wait'], env, 600_000);
    expect(stop.code, stop.stderr + stop.stdout).toBe(0);
    const stopped = await placement(vdcId);
    for (const a of ['web', 'db', 'content', 'lb', 'edge']) expect(stopped.get(a)?.nodes, a).toEqual([]);
    const start = await colo(['start', NAME, '--wait'], env, 600_000);
    expect(start.code, start.stderr + start.stdout).toBe(0);
    expect((await placement(vdcId)).get('web')?.nodes).toHaveLength(3);
    const hits = await waitFor('the entry answers again', async () => {
      const got = await hitMany<Hit>(siteUrl, 10).catch(() => []);
      return got.length === 10 ? got : undefined;
    }, 120_000, 1000);
    // The counter lives in the database's volume: it went on counting across the stop.
    expect(hits[0]?.hits).toBeGreaterThan(30);
  });

  it('destroys: no service, share or network of the VDC is left', async () => {
    const res = await colo(['destroy', NAME, '--wait', '--yes'], env, 600_000);
    expect(res.code, res.stderr + res.stdout).toBe(0);
    expect(await manager.listServices({ filters: { label: [`colo.vdc=${vdcId}`] } })).toEqual([]);
    const networks = (await manager.listNetworks({ filters: { label: [`colo.vdc=${vdcId}`] } })) as { Name: string }[];
    expect(networks.map((n) => n.Name)).toEqual([]);
    // The share mounters are gone from every node, and the services' task containers with them
    // (Swarm removes those a moment after the service).
    await waitFor('no container of the VDC on any node', async () => {
      const left = await Promise.all(swarm.nodes.map((n) => n.docker.listContainers({ all: true, filters: { label: [`colo.vdc=${vdcId}`] } })));
      return left.flat().length === 0 ? true : undefined;
    }, 60_000, 1000, async () => JSON.stringify(await Promise.all(swarm.nodes.map(async (n) => (await n.docker.listContainers({ all: true, filters: { label: [`colo.vdc=${vdcId}`] } })).map((c) => c.Names[0])))));
  });
});
