// A custom image as an admin runs one: an image loaded into the engine (built here from a local
// class image, as `docker load` would put it there) is refused by `colo compose import` until
// `colo image allow`s it; then the import maps it to class custom-image, the deploy runs it
// hardened (uid 65534, read-only root) and wired to its database, HTTP answers on 127.0.0.1, the
// export re-imports to the same manifest; after `colo image disallow` a deploy is refused.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colo, docker, explainVdc, freePort, instance, vdcContainers, vdcVolumes, waitFor } from './harness';
import { api, type Colo, startColo } from './setup';

const run = promisify(execFile);
const NAME = 'custom-blog';
const IMAGE = `colo-test/custom-web:${instance}`;
/** What the image serves: who it runs as, whether its root is writable, what the wire handed it. */
const SERVER = `
const http = require('http'); const fs = require('fs');
http.createServer((req, res) => {
  let rootWritable = true;
  try { fs.writeFileSync('/colo-probe', 'x'); } catch { rootWritable = false; }
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ uid: process.getuid(), rootWritable, dbHost: process.env.DB_HOST, dbPort: process.env.DB_PORT }));
}).listen(8080);
`;

let c: Colo;
let port = 0;
let file = '';
let vdcId = '';

interface Operation {
  status: string;
  error?: unknown;
}

async function finished(id: string): Promise<Operation> {
  return waitFor(`operation ${id}`, async () => {
    const { json } = await api<{ operation: Operation }>(c, 'GET', `/operations/${id}`);
    return json.operation.status === 'succeeded' || json.operation.status === 'failed' ? json.operation : undefined;
  }, 180_000, 500, () => explainVdc(vdcId));
}

async function deploy(): Promise<Operation> {
  const started = await api<{ operation: { id: string } }>(c, 'POST', `/vdcs/${NAME}/deploy`, {});
  expect(started.status).toBe(202);
  return finished(started.json.operation.id);
}

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'colo-custom-'));
  writeFileSync(path.join(dir, 'server.js'), SERVER);
  // Only local images: the class image app-node carries node (its class health check is not this
  // server's, so none). Labelled with this run's instance.
  writeFileSync(path.join(dir, 'Dockerfile'), `FROM colo/app-node:1\nCOPY server.js /srv/server.js\nLABEL colo.instance=${instance}\nHEALTHCHECK NONE\nENTRYPOINT []\nUSER 0\nCMD ["node", "/srv/server.js"]\n`);
  await run('docker', ['build', '-q', '-t', IMAGE, dir], { timeout: 120_000 });
  port = await freePort();
  file = path.join(dir, 'docker-compose.yml');
  writeFileSync(
    file,
    `services:
  blog:
    image: ${IMAGE}
    ports: ["${port}:8080"]
    environment: { GREETING: hello }
    depends_on: [db]
  db:
    image: postgres:16
    environment: { POSTGRES_DB: blog }
`,
  );
  c = await startColo();
});
afterAll(async () => {
  await c?.stop();
  await docker.getImage(IMAGE).remove({ force: true }).catch(() => undefined);
});

describe('a custom image an admin allowed', () => {
  it('is refused by the import until allowed, saying what to ask an admin', async () => {
    const res = await colo(['compose', 'import', file, '--name', NAME], c.env);
    expect(res.code).not.toBe(0);
    expect(res.stderr + res.stdout).toContain(`ask an admin to allow image ${IMAGE} (colo image allow ${IMAGE})`);
  });

  it('colo image allow puts it on the list', async () => {
    const allowed = await colo(['image', 'allow', IMAGE, '-m', 'acceptance'], c.env);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stdout).toContain(`allowed ${IMAGE}`);
    const ls = await colo(['image', 'ls'], c.env);
    expect(ls.stdout).toMatch(new RegExp(`${IMAGE.replace(/[/.]/g, '\\$&')} +acceptance`));
  });

  it('imports as class custom-image, deploys hardened and wired, and answers HTTP on 127.0.0.1', async () => {
    const res = await colo(['compose', 'import', file, '--name', NAME], c.env);
    expect(res.code, res.stderr + res.stdout).toBe(0);
    expect(res.stdout).toMatch(/blog +image +mapped +image colo-test\/custom-web:\S+ becomes class custom-image/);
    const saved = await api<{ vdc: { id: string }; revision: { manifest: { appliances: unknown[] } } }>(c, 'GET', `/vdcs/${NAME}`);
    vdcId = saved.json.vdc.id;
    expect(saved.json.revision.manifest.appliances[0]).toEqual({
      name: 'blog',
      class: 'custom-image',
      properties: { image: IMAGE, port: 8080 },
      expose: [{ terminal: 'in', port }],
    });
    const op = await deploy();
    expect(op.status, JSON.stringify(op.error)).toBe('succeeded');
    const body = await waitFor(`HTTP 200 on 127.0.0.1:${port}`, async () => {
      const r = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } }).catch(() => undefined);
      return r?.status === 200 ? r.json() : undefined;
    }, 60_000, 500, () => explainVdc(vdcId));
    // The image's own USER 0 is not used: the class's uid, a read-only root, the wire's env.
    expect(body).toEqual({ uid: 65534, rootWritable: false, dbHost: 'db', dbPort: '5432' });
    const [blog] = await vdcContainers(vdcId, 'blog');
    const info = await docker.getContainer(blog.Id).inspect();
    expect(info.Config.Image).toBe(IMAGE);
    expect(info.HostConfig).toMatchObject({ Privileged: false, ReadonlyRootfs: true, CapDrop: ['ALL'] });
    expect(info.HostConfig.Memory).toBeGreaterThan(0);
    expect(info.HostConfig.NanoCpus).toBeGreaterThan(0);
  });

  it('exports to compose, and the export imports back to the same manifest', async () => {
    const exported = await api<{ text: string }>(c, 'GET', `/vdcs/${NAME}/compose?format=json`);
    expect(exported.status).toBe(200);
    expect(exported.json.text).toContain(`image: ${IMAGE}`);
    const back = await api<{ manifest: unknown }>(c, 'POST', '/compose/import', { name: NAME, compose: exported.json.text, dryRun: true });
    expect(back.status).toBe(200);
    const saved = await api<{ revision: { manifest: unknown } }>(c, 'GET', `/vdcs/${NAME}`);
    expect(back.json.manifest).toEqual(saved.json.revision.manifest);
  });

  it('once disallowed, a deploy is refused naming the appliance and the image', async () => {
    const res = await colo(['image', 'disallow', IMAGE], c.env);
    expect(res.code, res.stderr).toBe(0);
    // Refused when asked for (400 invalid_manifest), so no operation is made.
    const refused = await api<{ error: { code: string; message: string } }>(c, 'POST', `/vdcs/${NAME}/deploy`, {});
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toContain(`appliance "blog": image ${IMAGE} is not allowed on this Colo`);
  });

  it('destroy --purge removes it all', async () => {
    const res = await colo(['destroy', NAME, '--purge', '--wait', '--yes'], c.env);
    expect(res.code, res.stderr + res.stdout).toBe(0);
    expect(await vdcContainers(vdcId)).toEqual([]);
    expect(await vdcVolumes(vdcId)).toEqual([]);
  });
});
