// VDCs cannot reach each other: two VDCs, each a PHP app wired to its own Postgres. Inside a VDC
// the wire works; across VDCs neither names nor addresses answer.
import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { colo, docker, execIn, vdcContainers } from './harness';
import { type Colo, startColo } from './setup';

const tmp = mkdtempSync(path.join(tmpdir(), 'colo-iso-'));
const manifestFor = (name: string) => {
  const file = path.join(tmp, `${name}.yaml`);
  writeFileSync(
    file,
    `apiVersion: colo/v1
kind: VDC
name: ${name}
appliances:
  - { name: app, class: web-php }
  - { name: db, class: postgres }
connections:
  - { from: app.db, to: db.in }
`,
  );
  return file;
};

let c: Colo;
beforeAll(async () => {
  c = await startColo();
});
afterAll(async () => {
  await c?.stop();
});

async function vdcIdOf(name: string): Promise<string> {
  const res = await colo(['status', name, '--json'], c.env);
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout).vdc.id;
}
const ipsOf = async (id: string) =>
  Object.values((await docker.getContainer(id).inspect()).NetworkSettings.Networks)
    .map((n) => n.IPAddress)
    .filter(Boolean);
const canReach = async (containerId: string, host: string, port: number) =>
  (await execIn(containerId, ['timeout', '4', 'bash', '-c', `</dev/tcp/${host}/${port}`])).code === 0;

it('keeps two VDCs apart while each one’s wiring works', async () => {
  for (const name of ['iso-a', 'iso-b']) {
    const res = await colo(['apply', '-f', manifestFor(name), '--wait'], c.env);
    expect(res.code, res.stderr + res.stdout + c.worker.output()).toBe(0);
  }
  const [a, b] = [await vdcIdOf('iso-a'), await vdcIdOf('iso-b')];
  const [aApp] = await vdcContainers(a, 'app');
  const [aDb] = await vdcContainers(a, 'db');
  const [bApp] = await vdcContainers(b, 'app');
  const [bDb] = await vdcContainers(b, 'db');

  expect(await canReach(aApp.Id, 'db', 5432)).toBe(true);
  expect(await canReach(bApp.Id, 'db', 5432)).toBe(true);
  for (const ip of await ipsOf(bDb.Id)) expect(await canReach(aApp.Id, ip, 5432)).toBe(false);
  for (const ip of await ipsOf(aDb.Id)) expect(await canReach(bApp.Id, ip, 5432)).toBe(false);
  // Container names of the other VDC do not resolve either.
  const bDbName = bDb.Names[0].replace(/^\//, '');
  expect((await execIn(aApp.Id, ['getent', 'hosts', bDbName])).code).not.toBe(0);
});
