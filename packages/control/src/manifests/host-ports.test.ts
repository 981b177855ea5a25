// Published ports against the real host: a port another program holds, or one Colo itself
// listens on, is refused by validate, plan, save and deploy alike, before anything reaches Docker;
// a port this installation's own containers publish is not "another program".
import { createServer, type Server } from 'node:net';
import { getPrisma } from '@colo/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/api-tokens';
import { validateForUser } from '../catalog-view';
import { resetControlEnv } from '../config';
import { getRuntime } from '../docker/engine-access';
import { planManifest } from '../docker/plan-vdc';
import { requestOperation } from '../operations/request-operation';
import { type ControlTest, ensureSleeperImage, failure, manifestOf, SLEEPER_IMAGE, setupControlTest } from '../testing';
import { createVdc } from '../vdcs/save-vdc';
import { bindProbe } from './host-port-probe';

let t: ControlTest;
let alice: AuthUser;
const servers: Server[] = [];

beforeAll(async () => {
  t = await setupControlTest('host-ports');
  alice = await t.user();
});
afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  delete process.env.COLO_WEB_PORT;
  resetControlEnv();
  await t?.teardown();
});

/** A port on 127.0.0.1 held by a plain Node server, as any other program on the host would. */
async function holdPort(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  return (server.address() as { port: number }).port;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const exposing = (name: string, port: number) => manifestOf(name, [{ name: 'box', class: 'sleeper', expose: [{ terminal: 'in', port }] }]);

async function instanceContainers() {
  return getRuntime().listContainers([`colo.instance=${t.instance}`]);
}

describe('host ports held by another program', () => {
  it('are refused by validate, plan and save with the path and who holds them; nothing reaches Docker', async () => {
    const port = await holdPort();
    const expected = {
      path: 'appliances[0].expose[0].port',
      message: `host port ${port} is in use on 127.0.0.1 by another program`,
      severity: 'error',
      appliance: 'box',
      field: 'host port',
    };

    const verdict = await validateForUser(alice, exposing('web', port));
    expect(verdict.ok).toBe(false);
    expect(verdict.errors).toEqual([expected]);

    const planned = await failure(planManifest(alice, exposing('web', port)));
    expect(planned.code).toBe('invalid_manifest');
    expect(planned.issues).toEqual([expected]);
    expect(planned.message).toBe(`invalid manifest: box · host port: ${expected.message}`);

    const saved = await failure(createVdc(alice, exposing('web', port)));
    expect(saved.code).toBe('invalid_manifest');
    expect(saved.issues).toEqual([expected]);
    expect(await getPrisma().vdc.count({ where: { ownerId: alice.id } })).toBe(0);
    expect(await instanceContainers()).toEqual([]);
  });

  it('refuses a deploy of a saved revision once another program took its port', async () => {
    const port = await freePort();
    await createVdc(alice, exposing('later', port));
    const server = createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port }, resolve));

    const err = await failure(requestOperation(alice, 'later', 'deploy'));
    expect(err.code).toBe('invalid_manifest');
    expect(err.issues).toEqual([
      {
        path: 'appliances[0].expose[0].port',
        message: `host port ${port} is in use on 127.0.0.1 by another program`,
        severity: 'error',
        appliance: 'box',
        field: 'host port',
      },
    ]);
    expect(await getPrisma().operation.count()).toBe(0);
    expect(await instanceContainers()).toEqual([]);
  });

  it("does not count a port this installation's own containers publish", async () => {
    await ensureSleeperImage();
    const port = await freePort();
    const runtime = getRuntime();
    const labels = { 'colo.managed': 'true', 'colo.instance': t.instance };
    // The engine has no default bridge here; publishing needs a (non-internal) network of our own.
    await runtime.createNetwork({ name: `colo-${t.instance}-edge`, internal: false, labels: { ...labels, 'colo.role': 'edge' } });
    await runtime.createContainer({
      name: `colo-${t.instance}-edge-probe`,
      Image: SLEEPER_IMAGE,
      Labels: { 'colo.managed': 'true', 'colo.instance': t.instance, 'colo.role': 'edge' },
      ExposedPorts: { '8080/tcp': {} },
      HostConfig: {
        NetworkMode: `colo-${t.instance}-edge`,
        PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] },
      },
    });
    await runtime.startContainer(`colo-${t.instance}-edge-probe`);
    // Docker's port forwarder holds the port, as the edge proxy will for a deployed VDC.
    expect(await bindProbe.check('127.0.0.1', port)).toBe('in_use');
    expect((await validateForUser(alice, exposing('mine', port))).errors).toEqual([]);
  });
});

describe("Colo's own ports", () => {
  it("refuses the web app's port and the local Postgres port", async () => {
    process.env.COLO_WEB_PORT = '3999';
    resetControlEnv();
    const web = await validateForUser(alice, exposing('a', 3999));
    expect(web.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      "appliances[0].expose[0].port: host port 3999 is already used by Colo's web app",
    ]);
    const dbPort = Number(new URL(process.env.DATABASE_URL ?? '').port || 5432);
    const db = await validateForUser(alice, exposing('b', dbPort));
    expect(db.errors.map((e) => e.message)).toEqual([`host port ${dbPort} is already used by Colo's database (Postgres)`]);
  });
});
