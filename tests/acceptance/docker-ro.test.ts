// The read-only Docker door for the web app (docker/docker-ro): run against the real engine, it
// answers every read Colo's web app makes and refuses every write, exec, archive read and
// escape-by-path with 403 — and control's runtime goes through it when DOCKER_HOST points there.
// Behind it, class patch and a prototype terminal still work: the worker makes the changes.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  authenticateToken,
  closeTerminal,
  commitClassVersion,
  createApiToken,
  deleteClassVersion,
  discardClassPrototype,
  getRuntime,
  openClassPrototype,
  openPrototypeTerminal,
  rollbackClass,
  runInClassPrototype,
  setRuntime,
  terminalEvents,
  writeTerminal,
} from '@colo/control';
import { ensureSleeperImage, setupControlTest } from '@colo/control/testing';
import { getPrisma } from '@colo/db';
import { createDockerRuntime, findPrototype } from '@colo/engine';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, ROOT, waitFor } from './harness';

const IMAGE = 'colo-test/docker-ro:1';
const SLEEPER = 'colo-test/docker-ro-target:1';
const instance = `acc-ro-${randomBytes(3).toString('hex')}`;
const labels = { 'colo.managed': 'true', 'colo.instance': instance };
const direct = new Docker();
let base: string;
let targetId: string;

async function removeOurs(): Promise<void> {
  const filters = { label: [`colo.instance=${instance}`] };
  for (const c of await direct.listContainers({ all: true, filters })) await direct.getContainer(c.Id).remove({ force: true });
  for (const n of await direct.listNetworks({ filters })) await direct.getNetwork(n.Id).remove();
}

beforeAll(async () => {
  const engine = createDockerRuntime(direct);
  await engine.buildImage(path.join(ROOT, 'docker/docker-ro'), IMAGE);
  if (!(await engine.imageId(SLEEPER))) {
    // A container for the proxy to read: the catalog's base image, sleeping.
    const dir = mkdtempSync(path.join(tmpdir(), 'colo-ro-'));
    try {
      writeFileSync(path.join(dir, 'Dockerfile'), 'FROM debian:bookworm-slim\nCMD ["bash", "-c", "echo ready; trap \'exit 0\' TERM; sleep infinity & wait"]\n');
      await engine.buildImage(dir, SLEEPER);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  // This engine has no default bridge: publishing needs a network of our own.
  const network = `colo-${instance}-ro`;
  await direct.createNetwork({ Name: network, Driver: 'bridge', Labels: labels });
  const target = await direct.createContainer({ name: `colo-${instance}-target`, Image: SLEEPER, Labels: labels, HostConfig: { NetworkMode: 'none' } });
  await target.start();
  targetId = target.id;

  const port = await freePort();
  const proxy = await direct.createContainer({
    name: `colo-${instance}-docker-ro`,
    Image: IMAGE,
    Labels: labels,
    ExposedPorts: { '2375/tcp': {} },
    HostConfig: {
      NetworkMode: network,
      Binds: ['/var/run/docker.sock:/var/run/docker.sock'],
      PortBindings: { '2375/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] },
      // As docker-compose.yml runs it.
      CapDrop: ['ALL'],
      ReadonlyRootfs: true,
      SecurityOpt: ['no-new-privileges'],
    },
  });
  await proxy.start();
  base = `http://127.0.0.1:${port}`;
  await waitFor('the docker-ro proxy', async () => (await status('GET', '/_ping')) === 200, 30_000);
});

afterAll(async () => {
  setRuntime(undefined);
  delete process.env.DOCKER_HOST;
  await removeOurs();
});

/**
 * The status of one request, its path sent byte for byte (fetch would normalise `..`), on a
 * connection of its own: a refused request's unread body must not spill into the next one.
 */
function status(method: string, p: string, body?: unknown): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path: p, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('docker-ro', () => {
  it("serves control's runtime reads when DOCKER_HOST points at it", async () => {
    process.env.DOCKER_HOST = base.replace('http://', 'tcp://');
    setRuntime(undefined);
    const runtime = getRuntime();
    const listed = await runtime.listContainers([`colo.instance=${instance}`]);
    expect(listed.map((c) => c.name).sort()).toEqual([`colo-${instance}-docker-ro`, `colo-${instance}-target`]);
    expect((await runtime.inspectContainer(targetId))?.state).toBe('running');
    expect(await runtime.logs(targetId, 10)).toContain('ready');
    expect((await runtime.listNetworks([`colo.instance=${instance}`])).map((n) => n.name)).toEqual([`colo-${instance}-ro`]);
    expect(await runtime.listVolumes([`colo.instance=${instance}`])).toEqual([]);
    expect(await runtime.imageId(SLEEPER)).toMatch(/^sha256:/);
    expect(await status('GET', '/v1.41/version')).toBe(200);
    expect(await status('HEAD', '/_ping')).toBe(200);
    expect(await status('GET', '/info')).toBe(200);
    // The nodes page's reads pass (this engine is in no swarm: Docker itself answers 503).
    for (const p of ['/nodes', '/v1.41/tasks', '/services']) expect(await status('GET', p), p).not.toBe(403);
  });

  it('refuses every change, exec and file read, with or without the version prefix', async () => {
    process.env.DOCKER_HOST = base.replace('http://', 'tcp://');
    setRuntime(undefined);
    const runtime = getRuntime();
    await expect(runtime.createContainer({ name: `colo-${instance}-sneaky`, Image: SLEEPER, Labels: labels })).rejects.toThrow(/403|forbidden/i);
    await expect(runtime.stopContainer(targetId)).rejects.toThrow();
    await expect(runtime.removeContainer(targetId)).rejects.toThrow();
    await expect(runtime.exec(targetId, ['true'])).rejects.toThrow();
    await expect(runtime.createNetwork({ name: `colo-${instance}-sneaky`, internal: true, labels })).rejects.toThrow();

    const refused: [string, string][] = [
      ['POST', '/containers/create'],
      ['POST', '/v1.41/containers/create'],
      ['POST', `/containers/${targetId}/stop`],
      ['POST', `/v1.41/containers/${targetId}/kill`],
      ['POST', `/containers/${targetId}/exec`],
      ['DELETE', `/containers/${targetId}?force=true`],
      ['DELETE', `/v1.41/networks/colo-${instance}-ro`],
      ['POST', '/volumes/create'],
      ['POST', '/build'],
      ['POST', '/images/create?fromImage=x'],
      ['GET', `/containers/${targetId}/archive?path=/etc`],
      ['GET', `/containers/${targetId}/export`],
      ['GET', `/containers/${targetId}/attach/ws`],
      ['GET', '/events'],
      // The swarm's join tokens never pass.
      ['GET', '/swarm'],
      ['GET', '/v1.41/swarm/unlockkey'],
      ['POST', '/nodes/x/update?version=1'],
      ['DELETE', '/nodes/x'],
      ['GET', '/containers/json/../create'],
      ['GET', '/v1.41//containers/json'],
      ['GET', `/containers/${targetId}%2F..%2Fexport/json`],
      ['PUT', `/containers/${targetId}/archive?path=/tmp`],
    ];
    for (const [method, p] of refused) expect(await status(method, p, method === 'GET' ? undefined : {}), `${method} ${p}`).toBe(403);

    // Nothing changed behind the door.
    const now = await direct.listContainers({ all: true, filters: { label: [`colo.instance=${instance}`] } });
    expect(now.map((c) => [c.Names[0], c.State]).sort()).toEqual([
      [`/colo-${instance}-docker-ro`, 'running'],
      [`/colo-${instance}-target`, 'running'],
    ]);
  });

  it('lets an admin patch a class and use its terminal from behind it: the worker makes every change', async () => {
    const engine = createDockerRuntime(direct);
    setRuntime(engine);
    delete process.env.DOCKER_HOST;
    const namespace = `colotest${randomBytes(3).toString('hex')}`;
    process.env.COLO_IMAGE_NAMESPACE = namespace;
    // The worker's side, served here with the socket; the web side below only has the proxy.
    const t = await setupControlTest('docker-ro-patch', { workerCalls: true });
    try {
      await ensureSleeperImage();
      const admin = await t.user();
      await getPrisma().user.update({ where: { id: admin.id }, data: { role: 'admin' } });
      process.env.DOCKER_HOST = base.replace('http://', 'tcp://');
      setRuntime(undefined);

      expect(await openClassPrototype(admin, 'sleeper', { online: false })).toMatchObject({ version: 1, running: true });
      expect(await runInClassPrototype(admin, 'sleeper', { script: 'echo patched > /etc/colo-patch; cat /etc/colo-patch' })).toMatchObject({ exitCode: 0, output: 'patched\n' });
      const { token } = await createApiToken(admin.id, 'ro', { scope: 'admin' });
      const caller = { user: admin, scope: 'admin' as const, recheck: async () => void (await authenticateToken(token)) };
      const opened = await openPrototypeTerminal(caller, 'sleeper', { cols: 80, rows: 24 });
      let text = '';
      const reading = (async () => {
        for await (const e of terminalEvents(caller, opened.id)(new AbortController().signal)) {
          if (e.event === 'output') text += Buffer.from(e.data as string, 'base64').toString('utf8');
        }
      })();
      await writeTerminal(caller, opened.id, { data: 'cat /etc/colo-patch; echo colo-$((6*7))\n' });
      await waitFor('the terminal to print colo-42', async () => /patched[\s\S]*colo-42/.test(text), 15_000, 50);
      await closeTerminal(caller, opened.id);
      await reading;

      const committed = await commitClassVersion(admin, 'sleeper', { note: 'behind docker-ro' });
      expect(await engine.imageId(committed.image)).toMatch(/^sha256:/);
      await rollbackClass(admin, 'sleeper', {});
      await deleteClassVersion(admin, 'sleeper', committed.version);
      expect(await engine.imageId(committed.image)).toBeUndefined();
      await openClassPrototype(admin, 'sleeper', { online: false });
      expect(await discardClassPrototype(admin, 'sleeper')).toEqual({ classId: 'sleeper', discarded: true });
      expect(await findPrototype(engine, t.instance, 'sleeper')).toBeUndefined();
    } finally {
      delete process.env.DOCKER_HOST;
      setRuntime(engine);
      await t.teardown();
      delete process.env.COLO_IMAGE_NAMESPACE;
    }
  });
});
