// Class patch, as an admin runs it: a prototype of web-php gets a changed demo page and is
// committed as the next version. The web tier that follows the class moves onto it replica by
// replica behind its balancer while a steady load runs through it, with no failed request; an
// appliance that pins web-php@1 keeps the old page. Rolling back moves the followers back, and the
// version, unused again, can be deleted with its image.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { colo, docker, explainVdc, freePort, instance, steadyLoad, waitFor } from './harness';
import { api, type Colo, startColo } from './setup';

const PATCHED = 'is running, patched.';
const tmp = mkdtempSync(path.join(tmpdir(), 'colo-class-'));
let c: Colo;
let vdcId = '';
const ports = { site: 0, old: 0 };

interface Operation {
  id: string;
  status: string;
  error?: string;
}

async function run(args: string[]) {
  const res = await colo(args, c.env);
  if (res.code !== 0) throw new Error(`colo ${args.join(' ')} exited ${res.code}\n${res.stdout}\n${res.stderr}\n${c.worker.output()}`);
  return res;
}

async function call<T>(method: string, route: string, body?: unknown): Promise<T> {
  const res = await api<T & { error?: { message: string } }>(c, method, route, body);
  if (res.status >= 300) throw new Error(`${method} ${route} → ${res.status}: ${JSON.stringify(res.json)}`);
  return res.json;
}

async function finished(operationId: string): Promise<Operation> {
  return waitFor(
    `operation ${operationId} to finish`,
    async () => {
      const { operation } = await call<{ operation: Operation }>('GET', `/operations/${operationId}`);
      return operation.status === 'succeeded' || operation.status === 'failed' ? operation : undefined;
    },
    300_000,
    500,
    async () => `${await explainVdc(vdcId)}\nworker:\n${c.worker.output().split('\n').slice(-30).join('\n')}`,
  );
}

/** Which replicas answered `port` and whether each served the patched page (20 requests). */
async function pagesOn(port: number): Promise<Record<string, boolean>> {
  const seen: Record<string, boolean> = {};
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } });
    seen[res.headers.get('x-colo-host') ?? '?'] = (await res.text()).includes(PATCHED);
  }
  return seen;
}

beforeAll(async () => {
  ports.site = await freePort();
  ports.old = await freePort();
  const manifest = {
    apiVersion: 'colo/v1',
    kind: 'VDC',
    name: 'pages',
    appliances: [
      { name: 'lb', class: 'halb', expose: [{ terminal: 'in', port: ports.site }] },
      { name: 'web', class: 'web-php', replicas: 3, resources: { cpu: 0.2, memory: '128Mi' } },
      { name: 'old', class: 'web-php@1', resources: { cpu: 0.2, memory: '128Mi' }, expose: [{ terminal: 'in', port: ports.old }] },
    ],
    connections: [{ from: 'lb.out', to: 'web.in' }],
  };
  writeFileSync(path.join(tmp, 'pages.yaml'), stringify(manifest));
  c = await startColo();
  await run(['apply', '-f', path.join(tmp, 'pages.yaml'), '--wait']);
  vdcId = (await call<{ vdc: { id: string } }>('GET', '/vdcs/pages')).vdc.id;
}, 600_000);

afterAll(async () => {
  await c?.stop();
  // A version the test failed to delete goes with its image (tagged with this run's instance).
  for (const image of await docker.listImages({ filters: { reference: [`*/web-php:*-${instance}`] } })) {
    await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  }
});

describe('class patch of web-php', () => {
  let version = 0;

  it('commits a patched prototype as the next version and rolls every follower onto it, with no failed request', async () => {
    expect(Object.values(await pagesOn(ports.site))).not.toContain(true);
    const opened = await call<{ version: number }>('POST', '/classes/web-php/prototype', { online: false });
    expect(opened.version).toBe(1);
    const patch = await call<{ exitCode: number; output: string }>('POST', '/classes/web-php/prototype/run', {
      script: `sed -i 's/is running\\./${PATCHED}/' /usr/share/colo/www/index.php && grep -c 'patched' /usr/share/colo/www/index.php`,
    });
    expect(patch).toMatchObject({ exitCode: 0, output: '1\n' });

    const load = steadyLoad(`http://127.0.0.1:${ports.site}/`, 25);
    try {
      await load.until('the site answering', () => load.last() !== undefined, 60_000);
      const committed = await call<{ version: number; rollout: { deploys: { vdc: string; operationId?: string }[] } }>(
        'POST',
        '/classes/web-php/versions',
        { note: 'patched demo page' },
      );
      version = committed.version;
      expect(version).toBe(2);
      expect(committed.rollout.deploys.map((d) => d.vdc)).toEqual(['pages']);
      const op = await finished(committed.rollout.deploys[0].operationId as string);
      expect(op.status, op.error).toBe('succeeded');
      await load.for(2000);
    } finally {
      load.stop();
      await load.drained();
    }
    const { sent, failed, seconds, answers } = load.report();
    expect(failed.slice(0, 5), `${failed.length} of ${sent} requests failed`).toEqual([]);
    expect(sent / seconds, `${sent} requests in ${seconds.toFixed(1)} s`).toBeGreaterThanOrEqual(20);
    expect(answers.some((a) => a.includes(PATCHED))).toBe(true);

    // Every follower replica serves the new page; the pinned appliance the old one.
    const site = await pagesOn(ports.site);
    expect(Object.keys(site).sort()).toEqual(['web-1', 'web-2', 'web-3']);
    expect(Object.values(site)).toEqual([true, true, true]);
    expect(await pagesOn(ports.old)).toEqual({ 'old-1': false });

    const view = await call<{ head: number; versions: { version: number; usedBy: { vdc: string; appliances: string[]; pinned: boolean }[] }[] }>(
      'GET',
      '/classes/web-php',
    );
    expect(view.head).toBe(2);
    const uses = Object.fromEntries(view.versions.map((v) => [v.version, v.usedBy]));
    expect(uses[2]).toEqual([expect.objectContaining({ vdc: 'pages', appliances: ['web'], pinned: false })]);
    expect(uses[1]).toEqual([expect.objectContaining({ vdc: 'pages', appliances: ['old'], pinned: true })]);
    // The class volume is mounted read-only: a replica cannot change the page it serves.
    const [web1] = await docker.listContainers({ filters: { label: [`colo.instance=${instance}`, `colo.vdc=${vdcId}`, 'colo.appliance=web'] } });
    const mount = web1.Mounts.find((m) => m.Destination === '/usr/share/colo/www');
    expect(mount).toMatchObject({ Type: 'volume', RW: false });
  });

  it('rolls the class back: followers return to version 1, and version 2, unused, is deleted with its image', async () => {
    const refused = await api<{ error: { message: string } }>(c, 'DELETE', `/classes/web-php/versions/${version}`);
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toMatch(/is the version followers use/);

    const back = await call<{ version: number; previous: number; rollout: { deploys: { operationId?: string }[] } }>('POST', '/classes/web-php/rollback', {});
    expect(back).toMatchObject({ version: 1, previous: version });
    const op = await finished(back.rollout.deploys[0].operationId as string);
    expect(op.status, op.error).toBe('succeeded');
    expect(Object.values(await pagesOn(ports.site))).toEqual([false, false, false]);

    await call('DELETE', `/classes/web-php/versions/${version}`);
    const view = await call<{ versions: { version: number }[] }>('GET', '/classes/web-php');
    expect(view.versions.map((v) => v.version)).toEqual([1]);
    expect(await docker.listImages({ filters: { reference: [`*/web-php:${version}-${instance}`] } })).toEqual([]);
  });
});
