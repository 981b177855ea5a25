// A docker-compose.yml imported and deployed as a user does it: `colo compose import` of an
// haproxy + php + postgres file (on a free port) makes the VDC — halb → web-php → postgres —
// then a deploy, and HTTP 200 on 127.0.0.1 through the balancer; destroy --purge leaves nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colo, explainVdc, freePort, vdcContainers, vdcNetworks, vdcVolumes, waitFor } from './harness';
import { api, type Colo, startColo } from './setup';

const NAME = 'compose-shop';
let c: Colo;
let port = 0;
let file = '';
let vdcId = '';

beforeAll(async () => {
  port = await freePort();
  file = path.join(mkdtempSync(path.join(tmpdir(), 'colo-compose-')), 'docker-compose.yml');
  writeFileSync(
    file,
    `services:
  lb:
    image: haproxy:2.8
    ports: ["${port}:80"]
    depends_on: [web]
  web:
    image: php:8.2-apache
    deploy: { replicas: 2 }
    depends_on: [db]
  db:
    image: postgres:16
    environment: { POSTGRES_DB: shop, POSTGRES_USER: shop, POSTGRES_PASSWORD: example }
    volumes: [pgdata:/var/lib/postgresql/data]
volumes:
  pgdata:
`,
  );
  c = await startColo();
});
afterAll(async () => {
  await c?.stop();
});

describe('colo compose import', () => {
  it('creates the VDC, not deployed, and reports what it did with every key', async () => {
    const res = await colo(['compose', 'import', file, '--name', NAME], c.env);
    expect(res.code, res.stderr + res.stdout).toBe(0);
    expect(res.stdout).toMatch(/lb +depends_on\.web +mapped +becomes the connection lb\.out → web\.in \(http\)/);
    expect(res.stdout).toMatch(/db +environment\.POSTGRES_PASSWORD +dropped +the given secret is not carried over/);
    expect(res.stdout).toMatch(/created VDC compose-shop \(revision 1\), not deployed\n$/);
    const status = await colo(['status', NAME, '--json'], c.env);
    expect(status.code, status.stderr).toBe(0);
    vdcId = JSON.parse(status.stdout).vdc.id;
    expect(await vdcContainers(vdcId)).toEqual([]);
  });

  it('deploys and answers HTTP 200 on 127.0.0.1 through the balancer', async () => {
    const started = await api<{ operation: { id: string } }>(c, 'POST', `/vdcs/${NAME}/deploy`, {});
    expect(started.status).toBe(202);
    const op = await colo(['op', started.json.operation.id, '--wait'], c.env);
    expect(op.code, op.stderr + op.stdout + c.worker.output()).toBe(0);
    expect(await vdcContainers(vdcId, 'web')).toHaveLength(2);
    await waitFor(
      'HTTP 200 through the imported balancer',
      async () => (await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } })).status === 200,
      120_000,
      1000,
      () => explainVdc(vdcId),
    );
  });

  it('destroy --purge removes it all', async () => {
    const res = await colo(['destroy', NAME, '--purge', '--wait', '--yes'], c.env);
    expect(res.code, res.stderr + res.stdout).toBe(0);
    expect(await vdcContainers(vdcId)).toEqual([]);
    expect(await vdcNetworks(vdcId)).toEqual([]);
    expect(await vdcVolumes(vdcId)).toEqual([]);
  });
});
