// A VDC exported as a user does it and run by Debian's docker-compose 1.29: `colo compose export`
// of halb → web-php ×2 → postgres writes docker-compose.yml and .env; `docker-compose
// --compatibility up` under a project of its own answers HTTP 200 on 127.0.0.1 through the
// balancer; `down -v` leaves nothing of that project. The file also imports back to the same VDC.
// Only this test's compose project is ever touched (found by compose's project label).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colo, docker, freePort, waitFor } from './harness';
import { api, type Colo, startColo } from './setup';

const run = promisify(execFile);
const NAME = 'compose-out';
const PROJECT = `colo-test-${randomBytes(4).toString('hex')}`;
let c: Colo;
let port = 0;
let dir = '';

const manifest = (p: number) => `apiVersion: colo/v1
kind: VDC
name: ${NAME}
description: exported and run by docker-compose
appliances:
  - { name: lb, class: halb, expose: [{ terminal: in, port: ${p} }] }
  - { name: web, class: web-php, replicas: 2 }
  - { name: db, class: postgres, properties: { database: shop } }
connections:
  - { from: lb.out, to: web.in }
  - { from: web.db, to: db.in }
`;

function compose(...args: string[]) {
  return run('docker-compose', ['-p', PROJECT, '--compatibility', ...args], { cwd: dir, timeout: 240_000 });
}

const projectFilter = { label: [`com.docker.compose.project=${PROJECT}`] };
async function leftOfProject() {
  const [containers, networks, volumes] = await Promise.all([
    docker.listContainers({ all: true, filters: projectFilter }),
    docker.listNetworks({ filters: projectFilter }),
    docker.listVolumes({ filters: projectFilter }),
  ]);
  return { containers: containers.length, networks: networks.length, volumes: volumes.Volumes?.length ?? 0 };
}

beforeAll(async () => {
  port = await freePort();
  dir = mkdtempSync(path.join(tmpdir(), 'colo-export-'));
  c = await startColo();
  const made = await api(c, 'POST', '/vdcs', { manifest: manifest(port) });
  expect(made.status).toBe(201);
});
afterAll(async () => {
  // Even when a step failed: this project's containers, networks and volumes go.
  if (dir && existsSync(path.join(dir, 'docker-compose.yml'))) await compose('down', '-v', '--remove-orphans').catch(() => undefined);
  await c?.stop();
});

describe('colo compose export, run by docker-compose 1.29', () => {
  it('writes docker-compose.yml and a private .env, with no secret value in the file', async () => {
    const res = await colo(['compose', 'export', NAME, '-o', path.join(dir, 'docker-compose.yml')], c.env);
    expect(res.code, res.stderr + res.stdout).toBe(0);
    const text = readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8');
    const env = readFileSync(path.join(dir, '.env'), 'utf8');
    expect(text).toMatch(/^# Exported by Colo from VDC "compose-out", revision 1\./);
    const password = /^COLO_SECRET_DB_PASSWORD=(.+)$/m.exec(env)?.[1];
    expect(password).toBeTruthy();
    expect(text).not.toContain(password);
    expect(text).toContain('${COLO_SECRET_DB_PASSWORD}');
  });

  it('imports back to the same VDC', async () => {
    const res = await colo(['compose', 'import', path.join(dir, 'docker-compose.yml'), '--name', NAME, '--dry-run'], c.env);
    expect(res.code, res.stderr).toBe(0);
    const original = await api<{ revision: { manifest: unknown } }>(c, 'GET', `/vdcs/${NAME}`);
    const { parse } = await import('yaml');
    expect(parse(res.stdout)).toEqual(original.json.revision.manifest);
  });

  it('runs under docker-compose and answers HTTP 200 on 127.0.0.1 through the balancer', async () => {
    const { stdout } = await run('docker-compose', ['version', '--short']);
    expect(stdout.trim()).toMatch(/^1\.29\./);
    await compose('up', '-d');
    const body = await waitFor(`HTTP 200 on 127.0.0.1:${port}`, async () => {
      const res = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
      return res?.status === 200 ? res.text() : undefined;
    });
    expect(body.length).toBeGreaterThan(0);
    const web = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${PROJECT}`, 'com.docker.compose.service=web'] } });
    expect(web).toHaveLength(2);
    const [db] = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${PROJECT}`, 'com.docker.compose.service=db'] } });
    const info = await docker.getContainer(db.Id).inspect();
    expect(info.HostConfig).toMatchObject({ ReadonlyRootfs: true, CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'], PidsLimit: 1024 });
    expect(info.HostConfig.Memory).toBeGreaterThan(0);
    expect(info.HostConfig.PortBindings ?? {}).toEqual({});
  });

  it('down -v leaves nothing of the project', async () => {
    await compose('down', '-v', '--remove-orphans');
    expect(await leftOfProject()).toEqual({ containers: 0, networks: 0, volumes: 0 });
  });
});
