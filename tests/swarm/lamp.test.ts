// The LAMP assembly on a 3-node test swarm, driven as a user drives Colo: its web and worker run
// with DOCKER_HOST on the swarm's manager, and the CLI applies templates/assemblies/lamp-cluster
// .yaml (on a free port). Colo pushes the class images to its registry and deploys services by
// digest: web's 3 replicas on 3 different nodes, the db and the NAS pinned, the NAS's content
// shared to every web replica through the shares subsystem (per-node work on the nodes' own
// Docker API: COLO_SWARM_NODE_DOCKER_PORT, the private test network's setting). Traffic through
// the entry on its node's address reaches all three replicas and the hit counter counts; the
// status and the overview's health count the replicas of every node; a re-plan is empty; stop,
// start; an entry switches to a live clone of the VDC and back under load, no request failing; a
// listener service removed behind Colo's back comes back; the database moves to another node
// with its data (the counter goes on), and again when its node is drained (a NAS there moves
// too, its share server with it); a node is killed and what kept its data there comes back from
// the newest snapshot onto another node with one `colo move`; destroy leaves nothing (the lost
// node's hold on networks ends with its removal).
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { classBuildSettings, ensureClassImage, loadCatalog, templatesRoot } from '@colo/catalog';
import { createTestDatabase, type TestDatabase } from '@colo/db/testing';
import { distributeBySaveLoad, registryImages, volumeToolImage } from '@colo/engine';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { parse, stringify } from 'yaml';
import { baseEnv, cliEnv, colo, freePort, hitMany, instance, ROOT, type Service, startWeb, startWorker, steadyLoad, waitFor } from '../acceptance/harness';
import { createUserToken } from '../acceptance/setup';
import { startTestSwarm, type TestSwarm } from '../support/swarm';
import { execInTask } from './deploy-helpers';

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
  for (const id of ['registry', 'registry-relay', 'share', 'volume-tool']) {
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
  // The volume tool too: snapshots are kept on the manager, and moves pull it through the registry.
  for (const ref of [registry, ...CLASS_IMAGES, volumeToolImage()]) await distributeBySaveLoad(host, [manager], ref);

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
    // Entries publish on Colo's engine, here the manager node: on its addresses (the test's private network).
    COLO_PUBLISH_HOST: '0.0.0.0',
    // The edge check every 5 s, not 30: a listener service removed behind Colo's back is back soon.
    COLO_EDGE_CHECK_SECONDS: '5',
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

    // The overview's health counts the replicas on every node: lb, 3 web, content, db.
    const overview = (await (await fetch(`${env.COLO_URL}/api/v1/overview`, { headers: { authorization: `Bearer ${env.COLO_TOKEN}` } })).json()) as {
      vdcs: { name: string; health: { containers: number; running: number; healthy: number; word: string } | null }[];
    };
    expect(overview.vdcs.find((v) => v.name === NAME)?.health).toMatchObject({ containers: 6, running: 6, healthy: 6, word: 'healthy' });
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

  it('stops and starts one appliance alone, the rest running', async () => {
    const stop = await colo(['stop', NAME, '--appliance', 'lb', '--wait'], env, 300_000);
    expect(stop.code, stop.stderr + stop.stdout).toBe(0);
    const stopped = await placement(vdcId);
    expect(stopped.get('lb')?.nodes).toEqual([]);
    expect(stopped.get('web')?.nodes).toHaveLength(3);
    expect(stopped.get('db')?.nodes).toHaveLength(1);
    const status = JSON.parse((await colo(['status', NAME, '--json'], env)).stdout) as { vdc: { state: string } };
    expect(status.vdc.state).toBe('running');
    const start = await colo(['start', NAME, '--appliance', 'lb', '--wait'], env, 300_000);
    expect(start.code, start.stderr + start.stdout).toBe(0);
    expect((await placement(vdcId)).get('lb')?.nodes).toHaveLength(1);
  });

  /** Writes the VDC's name into its NAS's web root, on the node the NAS runs on: answers say who served. */
  async function markContent(name: string): Promise<void> {
    const status = await colo(['status', name, '--json'], env);
    expect(status.code, status.stderr).toBe(0);
    const id = (JSON.parse(status.stdout) as { vdc: { id: string } }).vdc.id;
    const services = (await manager.listServices({ filters: { label: [`colo.vdc=${id}`, 'colo.appliance=content'] } })) as { Spec: { Name: string; Labels: Record<string, string> } }[];
    const nas = services.find((s) => !s.Spec.Labels['colo.share']);
    if (!nas) throw new Error(`${name} has no NAS service`);
    const tasks = (await manager.listTasks({ filters: { service: [nas.Spec.Name], 'desired-state': ['running'] } })) as Task[];
    const node = swarm.nodes.find((n) => n.nodeId === tasks[0]?.NodeID);
    if (!node) throw new Error(`${nas.Spec.Name} runs on no node of the test swarm`);
    const out = await execInTask(node.docker, nas.Spec.Name, ['sh', '-c', `printf ${name} > /srv/share/www/vdc.txt && cat /srv/share/www/vdc.txt`]);
    expect(out).toBe(name);
  }

  it('an entry points at the swarm VDC, switches to a live clone of it and back under steady load, and no request fails', async () => {
    onTestFailed(() => console.error(`worker output:\n${worker.output().slice(-8000)}`));
    const green = `${NAME}-green`;
    // The copy of blue-green: a live clone, its data collected from the nodes, deployed on the swarm.
    const cloned = await colo(['clone', NAME, green, '--wait'], env, 900_000);
    expect(cloned.code, cloned.stderr + cloned.stdout).toBe(0);
    for (const name of [NAME, green]) await markContent(name);

    const entryPort = await freePort();
    const entryUrl = `http://${swarm.manager.ip}:${entryPort}/vdc.txt`;
    try {
      const created = await colo(['entry', 'create', 'www', '--port', String(entryPort), '--vdc', NAME, '--wait'], env, 300_000);
      expect(created.code, created.stderr + created.stdout).toBe(0);
      const load = steadyLoad(entryUrl, 20);
      try {
        await load.until(`${NAME} answering through the entry`, () => load.last() === NAME, 120_000);
        const switched = await colo(['entry', 'switch', 'www', green, '--wait'], env, 300_000);
        expect(switched.code, switched.stderr + switched.stdout).toBe(0);
        expect(switched.stdout).toMatch(new RegExp(`entry www: .* → ${green} lb\\.in \\(ready; before: ${NAME}\\)`));
        await load.until('the clone answering', () => load.last() === green, 60_000);
        await load.for(2000);
        const back = await colo(['entry', 'switch', 'www', NAME, '--wait'], env, 300_000);
        expect(back.code, back.stderr + back.stdout).toBe(0);
        await load.until('the original answering again', () => load.last() === NAME, 60_000);
        await load.for(2000);
      } finally {
        load.stop();
        await load.drained();
      }
      const { sent, failed, answers, seconds } = load.report();
      console.log(`entry switch on the swarm: ${sent} requests in ${seconds.toFixed(1)} s, ${failed.length} failed; answered by ${answers.join(' → ')}`);
      expect(failed.slice(0, 5), `${failed.length} failed requests`).toEqual([]);
      expect(answers[0], answers.join(' → ')).toBe(NAME);
      expect(answers, answers.join(' → ')).toContain(green);
      expect(answers.at(-1), answers.join(' → ')).toBe(NAME);
    } finally {
      const rm = await colo(['entry', 'rm', 'www', '--yes', '--wait'], env, 120_000);
      expect(rm.code, rm.stderr + rm.stdout).toBe(0);
    }
    await waitFor('the entry port to close', async () => !(await fetch(entryUrl).then(() => true, () => false)), 30_000, 500);
    // Done with the copy: destroyed with its data, on every node.
    const gone = await colo(['destroy', green, '--purge', '--yes', '--wait'], env, 600_000);
    expect(gone.code, gone.stderr + gone.stdout).toBe(0);
  });

  it('an edge listener service removed behind Colo\'s back comes back by the worker\'s edge check, nothing else touched', async () => {
    onTestFailed(() => console.error(`worker output:\n${worker.output().slice(-6000)}`));
    type Listed = { ID: string; Version: { Index: number }; Spec: { Name: string; Labels: Record<string, string> } };
    const list = async () => (await manager.listServices({ filters: { label: [`colo.vdc=${vdcId}`] } })) as Listed[];
    const before = await list();
    const edge = before.find((s) => s.Spec.Labels['colo.role'] === 'edge');
    if (!edge) throw new Error('the VDC has no edge listener service');
    await manager.getService(edge.ID).remove();
    const removedAt = Date.now();
    const back = await waitFor('the edge listener service back', async () => (await list()).find((s) => s.Spec.Name === edge.Spec.Name), 120_000, 1000);
    await currentHits();
    console.log(`edge listener service restored and serving ${((Date.now() - removedAt) / 1000).toFixed(1)} s after its removal`);
    expect(back.ID).not.toBe(edge.ID);
    // Only the listener was made again: every other service is the very version it was.
    const after = await list();
    for (const s of before.filter((x) => x !== edge)) expect(after.find((x) => x.ID === s.ID)?.Version.Index, s.Spec.Name).toBe(s.Version.Index);
  });

  /** The newest count the site answers with (a few requests, the highest count). */
  async function currentHits(): Promise<number> {
    const got = await waitFor('the entry answers', async () => {
      const hits = await hitMany<Hit>(siteUrl, 3).catch(() => []);
      return hits.length === 3 ? hits : undefined;
    }, 180_000, 1000);
    return Math.max(...got.map((h) => h.hits));
  }

  /** Volumes of `appliance` on a node's own engine. */
  async function volumesOn(node: (typeof swarm.nodes)[number], appliance: string): Promise<string[]> {
    const { Volumes } = await node.docker.listVolumes({ filters: { label: [`colo.vdc=${vdcId}`, `colo.appliance=${appliance}`] } });
    return (Volumes ?? []).map((v) => v.Name);
  }

  let killed: (typeof swarm.nodes)[number] | undefined;

  it('moves the database to another node with its data: the hit counter goes on', async () => {
    onTestFailed(() => console.error(`worker output:\n${worker.output().slice(-8000)}`));
    const before = await placement(vdcId);
    const from = before.get('db')?.labels['colo.node'];
    const origin = swarm.nodes.find((n) => n.nodeId === from);
    // Not the manager: the next test kills the node the database is on.
    const target = swarm.nodes.find((n) => n.nodeId !== from && n !== swarm.manager);
    if (!origin || !target) throw new Error(`no node to move db to (db on ${from})`);
    const hitsBefore = await currentHits();

    const res = await colo(['move', NAME, 'db', '--to', target.hostname, '--wait'], env, 900_000);
    expect(res.code, res.stderr + res.stdout).toBe(0);
    console.log(`live move of db: ${res.stdout.split('\n').find((l) => /succeeded in/.test(l))}`);
    expect(res.stdout).toMatch(/\d+%/);
    const after = await placement(vdcId);
    expect(after.get('db')?.labels['colo.node']).toBe(target.nodeId);
    expect(after.get('db')?.nodes).toEqual([target.nodeId]);
    // The data came along: the count goes on from where it was, not from 1.
    expect(await currentHits()).toBeGreaterThan(hitsBefore);
    // The old copy is gone from its node once the database ran healthy on the new one.
    expect(await volumesOn(origin, 'db')).toEqual([]);
    expect((await volumesOn(target, 'db')).length).toBeGreaterThan(0);
    // A safety snapshot came first, kept on the manager.
    const list = await colo(['snapshots', NAME, '--json'], env);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('before moving db');
    // And a second plan is still empty: the move is what the swarm now runs.
    const plan = await colo(['plan', '-f', file, '--json'], env);
    expect((JSON.parse(plan.stdout) as { plan: { steps: unknown[] } }).plan.steps).toEqual([]);
  });

  it('drains the node the database is on: what keeps its data there moves first, then the node is drained, and the counter goes on', async () => {
    onTestFailed(() => console.error(`worker output:\n${worker.output().slice(-8000)}`));
    const from = (await placement(vdcId)).get('db')?.labels['colo.node'];
    const node = swarm.nodes.find((n) => n.nodeId === from);
    if (!node || node === swarm.manager) throw new Error(`db is on ${from}: not a node this test may drain`);
    const hitsBefore = await currentHits();
    const res = await colo(['node', 'drain', node.hostname, '--yes', '--wait', '120'], env, 900_000);
    expect(res.code, res.stderr + res.stdout).toBe(0);
    console.log(`drain of db's node: ${res.stdout.split('\n').find((l) => /succeeded in/.test(l))}`);
    expect(res.stdout).toContain(`moving data off ${node.hostname} first: ${NAME} (op_`);
    expect(res.stdout.trim().split('\n').at(-1)).toBe(`drained ${node.hostname}: everything that can move has moved`);
    const after = await placement(vdcId);
    const to = after.get('db')?.labels['colo.node'];
    expect(to).not.toBe(from);
    expect(after.get('db')?.nodes).toEqual([to]);
    for (const [name, p] of after) expect(p.nodes, name).not.toContain(from);
    expect(await volumesOn(node, 'db')).toEqual([]);
    expect(await currentHits()).toBeGreaterThan(hitsBefore);
    // Active again, for the tests after this one (Swarm does not move running replicas back by itself).
    const activated = await colo(['node', 'activate', node.hostname], env);
    expect(activated.code, activated.stderr).toBe(0);
  });

  it('a node is lost: its stateful appliances are reported, and each is restored from the snapshot onto another node with one action', async () => {
    onTestFailed(() => console.error(`worker output:\n${worker.output().slice(-8000)}`));
    const snap = await colo(['snapshot', NAME, '--wait'], env, 600_000);
    expect(snap.code, snap.stderr + snap.stdout).toBe(0);
    // What the snapshot holds: at least this count (taken after these requests).
    const hitsAtSnapshot = await currentHits();
    const placed = await placement(vdcId);
    const lostId = placed.get('db')?.labels['colo.node'];
    killed = swarm.nodes.find((n) => n.nodeId === lostId);
    if (!killed || killed === swarm.manager) throw new Error(`db is on ${lostId}: not a node this test may kill`);
    const onLost = ['db', 'content'].filter((a) => placed.get(a)?.labels['colo.node'] === lostId);
    await swarm.kill(killed);

    // Status names the lost node as where their data is.
    const lost = await waitFor('status reports the data node lost', async () => {
      const st = await colo(['status', NAME, '--json'], env);
      const view = JSON.parse(st.stdout || '{}') as { appliances?: { name: string; data?: { hostname: string; lost: boolean } }[] };
      const db = view.appliances?.find((a) => a.name === 'db');
      return db?.data?.lost ? view : undefined;
    }, 120_000, 2000);
    expect(lost.appliances?.find((a) => a.name === 'db')?.data?.hostname).toBe(killed.hostname);

    // One action brings back everything whose data was on the lost node (the NAS too, if it was there).
    const res = await colo(['move', NAME, 'db', '--wait'], env, 900_000);
    expect(res.code, `${res.stderr}${res.stdout}`).toBe(0);
    console.log(`restore of ${onLost.join(', ')} after the node loss: ${res.stdout.split('\n').find((l) => /succeeded in/.test(l))}`);
    const now = await placement(vdcId);
    for (const appliance of onLost) {
      expect(now.get(appliance)?.labels['colo.node'], appliance).not.toBe(lostId);
      expect(now.get(appliance)?.nodes, appliance).toEqual([now.get(appliance)?.labels['colo.node']]);
    }
    // The count goes on from the snapshot's: the data came back, not an empty database.
    expect(await currentHits()).toBeGreaterThan(hitsAtSnapshot - 1);
  });

  it('destroys: no service, share or network of the VDC is left', async () => {
    const res = await colo(['destroy', NAME, '--purge', '--wait', '--yes'], env, 600_000);
    expect(res.code, res.stderr + res.stdout).toBe(0);
    // Purged: no volume of the VDC on a node that answers; the lost node's are said.
    for (const n of swarm.nodes.filter((x) => x !== killed)) {
      const { Volumes } = await n.docker.listVolumes({ filters: { label: [`colo.vdc=${vdcId}`] } });
      expect((Volumes ?? []).map((v) => v.Name), n.hostname).toEqual([]);
    }
    if (killed) expect(res.stdout).toContain(`node ${killed.hostname} is down`);
    // The snapshots stay, on the manager: a restore into a new VDC remains possible.
    const { Volumes: kept } = await manager.listVolumes({ filters: { label: [`colo.snapshot-of=${vdcId}`] } });
    expect((kept ?? []).length).toBeGreaterThan(0);
    expect(await manager.listServices({ filters: { label: [`colo.vdc=${vdcId}`] } })).toEqual([]);
    const vdcNetworks = async () => ((await manager.listNetworks({ filters: { label: [`colo.vdc=${vdcId}`] } })) as { Name: string }[]).map((n) => n.Name);
    if (killed) {
      // A task of the lost node holds some networks on the manager's books: the destroy says which
      // and goes on; removing the lost node from the swarm lets them go.
      for (const name of await vdcNetworks()) expect(res.stdout + res.stderr).toContain(name);
      const rm = await colo(['node', 'rm', killed.hostname, '--force', '--yes'], env, 120_000);
      expect(rm.code, rm.stderr + rm.stdout).toBe(0);
    }
    expect(await vdcNetworks()).toEqual([]);
    // The share mounters are gone from every node, and the services' task containers with them
    // (Swarm removes those a moment after the service).
    await waitFor('no container of the VDC on any node', async () => {
      const left = await Promise.all(swarm.nodes.filter((n) => n !== killed).map((n) => n.docker.listContainers({ all: true, filters: { label: [`colo.vdc=${vdcId}`] } })));
      return left.flat().length === 0 ? true : undefined;
    }, 60_000, 1000, async () => JSON.stringify(await Promise.all(swarm.nodes.filter((n) => n !== killed).map(async (n) => (await n.docker.listContainers({ all: true, filters: { label: [`colo.vdc=${vdcId}`] } })).map((c) => c.Names[0])))));
  });
});
