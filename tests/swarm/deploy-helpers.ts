// Helpers of tests/swarm/deploy.test.ts: the shop-like VDC (halb → echo web → echo db), the
// images it needs, and what a test reads from the swarm and through its published port.
import { fileURLToPath } from 'node:url';
import { classBuildSettings, ensureClassImage, loadCatalog, templatesRoot } from '@colo/catalog';
import type { ResolvedManifest } from '@colo/manifest';
import Dockerode from 'dockerode';
import { appliance, dbClass, ECHO_IMAGE, webClass, wire } from '../../packages/engine/test/fixtures/test-classes';

export const HALB_IMAGE = 'colo/halb:1';
export const EDGE_IMAGE = 'colo/edge-proxy:1';

/** Builds what is missing on the shared daemon (each cached by tag or folder hash). */
export async function ensureShopImages(): Promise<ResolvedManifest['appliances'][number]['class']> {
  const host = new Dockerode();
  const hasEcho = await host.getImage(ECHO_IMAGE).inspect().then(() => true, () => false);
  if (!hasEcho) {
    const context = fileURLToPath(new URL('../../packages/engine/test/fixtures/echo-image', import.meta.url));
    const stream = await host.buildImage({ context, src: ['Dockerfile', 'start.sh'] }, { t: ECHO_IMAGE, labels: { 'colo.test-image': 'true' } });
    await new Promise<void>((resolve, reject) => host.modem.followProgress(stream, (e: Error | null) => (e ? reject(e) : resolve())));
  }
  const { catalog, system } = await loadCatalog(templatesRoot(process.env));
  const halb = catalog.source('halb');
  const edge = system.find((s) => s.class.id === 'edge-proxy');
  if (!halb || !edge) throw new Error('templates: halb or edge-proxy missing');
  for (const source of [halb, edge]) await ensureClassImage(host, source, classBuildSettings(process.env));
  return halb.class;
}

/** lb (halb, exposed) → web ×N (echo) → db (echo, one instance volume). */
export function shopOnSwarm(halb: ResolvedManifest['appliances'][number]['class'], { webReplicas = 3, port = 18080 } = {}): ResolvedManifest {
  return {
    name: 'shop',
    appliances: [
      appliance('lb', halb, { expose: [{ terminal: 'in', port }], resources: { cpu: 0.25, memoryBytes: 64 * 1024 ** 2 } }),
      appliance('web', webClass, { replicas: webReplicas }),
      appliance('db', dbClass, { properties: { database: 'shop' } }),
    ],
    connections: [wire('lb.out', 'web.in'), wire('web.db', 'db.in')],
  };
}

export const shopSwarmSecrets = { db: { password: 'pw-0123456789' }, lb: { cookieKey: 'k-0123456789abcdef', statsPassword: 'st-0123456789' } };

/** Each image's id on the shared daemon, which `docker load` keeps in every node. */
export async function imageIds(refs: string[]): Promise<Record<string, string>> {
  const host = new Dockerode();
  return Object.fromEntries(await Promise.all(refs.map(async (ref) => [ref, (await host.getImage(ref).inspect()).Id] as const)));
}

export interface TaskPlace {
  slot: number;
  node: string;
  state: string;
}

/** The tasks of a service meant to run, and where. */
export async function runningTasks(docker: Dockerode, service: string): Promise<TaskPlace[]> {
  const tasks = (await docker.listTasks({ filters: { service: [service], 'desired-state': ['running'] } })) as {
    Slot?: number;
    NodeID: string;
    Status: { State: string };
  }[];
  return tasks.map((t) => ({ slot: t.Slot ?? 0, node: t.NodeID, state: t.Status.State }));
}

/** One GET with a short timeout: the body, or undefined when it failed. */
export async function fetchText(url: string, timeoutMs = 3000): Promise<string | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok ? (await res.text()).trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Hostnames answering through `url` over `tries` requests (busybox httpd serves `<hostname> <greeting>`). */
export async function answeringHosts(url: string, tries: number): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < tries; i++) {
    const body = await fetchText(url);
    if (body) seen.add(body.split(' ')[0] ?? '');
  }
  return seen;
}

export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got !== undefined) return got;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Runs `cmd` in the first container of `service` on that node's engine and returns its output. */
export async function execInTask(docker: Dockerode, service: string, cmd: string[]): Promise<string> {
  const [c] = await docker.listContainers({ filters: { label: [`com.docker.swarm.service.name=${service}`] } });
  if (!c) throw new Error(`no container of ${service} on this node`);
  const exec = await docker.getContainer(c.Id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (d: Buffer) => chunks.push(d));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  // Multiplexed frames: 8-byte headers before each payload.
  const raw = Buffer.concat(chunks);
  const out: Buffer[] = [];
  for (let i = 0; i + 8 <= raw.length; ) {
    const size = raw.readUInt32BE(i + 4);
    out.push(raw.subarray(i + 8, i + 8 + size));
    i += 8 + size;
  }
  return Buffer.concat(out).toString();
}
